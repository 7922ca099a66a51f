"""Snyder's alliance security dilemma and Morrow's security-autonomy model."""

import itertools

import numpy as np
import pygambit as gbt
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.formal import security_dilemma as sd
from alliancelab.theory.formal.games import Decision, ExtensiveGame, Terminal, behaviour_from_gambit


@pytest.mark.parametrize("poles,hostility", [(2, 0.2), (3, 0.5), (5, 0.9)])
def test_abandonment_falls_and_entrapment_rises_with_commitment(poles, hostility):
    curves = sd.risk_curves(sd.DilemmaParams(poles=poles, hostility=hostility))
    assert np.all(np.diff(curves.abandonment) < 0)
    assert np.all(np.diff(curves.entrapment) > 0)


def test_dilemma_sharper_with_more_poles():
    risks = [sd.unavoidable_risk(sd.DilemmaParams(poles=n))[0] for n in range(2, 9)]
    assert np.all(np.diff(risks) > 0)


def test_detente_raises_abandonment_risk():
    """A conciliatory adversary (low hostility) gives the partner somewhere to go."""
    p = sd.DilemmaParams()
    low = sd.abandonment_risk(0.5, 0.5, p.dependence_j, sd.DilemmaParams(hostility=0.1))
    high = sd.abandonment_risk(0.5, 0.5, p.dependence_j, sd.DilemmaParams(hostility=0.9))
    assert low > high


def _gambit_2x2(params):
    a, b = sd.payoff_matrices(params)

    def j_move(r):
        return Decision("j", "J", {c: Terminal({"i": a[r, k], "j": b[r, k]}) for k, c in enumerate(sd.CHOICES)})

    tree = ExtensiveGame(["i", "j"], Decision("i", "I", {c: j_move(r) for r, c in enumerate(sd.CHOICES)}))
    game = tree.to_pygambit()
    out = []
    for eq in gbt.nash.enummixed_solve(game, rational=False).equilibria:
        beh = behaviour_from_gambit(eq.as_behavior())
        out.append((beh["I"]["strong"], beh["J"]["strong"]))
    return sorted(out)


@pytest.mark.parametrize("hostility,poles,la", list(itertools.product((0.2, 0.5, 0.8), (2, 3, 5), (1.5, 2.5, 4.0))))
def test_equilibria_match_gambit(hostility, poles, la):
    params = sd.DilemmaParams(hostility=hostility, poles=poles, loss_abandonment=la)
    ours = sorted(zip(sd.solve_dilemma(params).prob_strong_i, sd.solve_dilemma(params).prob_strong_j))
    theirs = _gambit_2x2(params)
    assert len(ours) == len(theirs)
    for (a, b), (c, d) in zip(ours, theirs):
        assert a == pytest.approx(c, abs=1e-9) and b == pytest.approx(d, abs=1e-9)


def test_morrow_forms_by_capability():
    params = sd.MorrowParams(threat=1.0)
    assert sd.morrow_payoffs(1.0, 0.1, params)["preferred"] == "asymmetric"
    assert sd.morrow_payoffs(1.0, 1.0, params)["preferred"] == "symmetric"
    # the major gains little security from a small partner: symmetric terms not acceptable
    assert not sd.morrow_payoffs(1.0, 0.1, params)["symmetric_feasible"]
    frame = sd.morrow_map(params=params)
    small = frame[frame.ratio < 0.5]
    assert (small.preferred == "asymmetric").mean() > 0.95
    close = frame[(frame.ratio > 0.85) & frame.threat.between(0.8, 2.5)]
    assert (close.preferred == "symmetric").mean() > 0.95
    # with little threat no state gains enough security to accept symmetric terms
    assert (frame[frame.threat < 0.5].preferred != "symmetric").all()


def test_asymmetric_alliances_survive_larger_capability_changes():
    sym = sd.survival_margin(1.0, 0.9, "symmetric")
    asym = sd.survival_margin(1.0, 0.2, "asymmetric")
    assert 0 < sym < asym


def test_bad_parameters():
    with pytest.raises(ParameterError, match="poles"):
        sd.solve_dilemma(poles=1)
    with pytest.raises(ParameterError, match="c_weak"):
        sd.solve_dilemma(c_weak=0.9, c_strong=0.5)
    with pytest.raises(ParameterError, match="capabilities"):
        sd.morrow_payoffs(1.0, 0.0)
