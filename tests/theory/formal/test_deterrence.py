"""Third-party extended deterrence: our exact PBE solver checked against Gambit on a grid."""

from dataclasses import replace

import numpy as np
import pygambit as gbt
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.formal import deterrence as dt
from alliancelab.theory.formal import games

GRID = dt.parameter_grid(240)  # 120 defender-side and 120 challenger-side points


@pytest.fixture(scope="module")
def solved():
    return [(p, dt.solve(p), dt.build_game(p)) for p in GRID]


def test_grid_is_generic_and_rich(solved):
    kinds = [e.kind for _, s, _ in solved for e in s.equilibria]
    assert len(GRID) >= 200
    assert not any(s.degenerate for _, s, _ in solved)
    assert kinds.count("mixed") >= 10 and kinds.count("family") >= 20
    assert sum(len(s.equilibria) > 1 for _, s, _ in solved) >= 20  # multiple equilibria occur


def test_every_reported_equilibrium_is_one_in_gambit(solved):
    """Max regret (Nash and agent) in Gambit < 1e-9 for every member we report, and weak PBE."""
    checked = 0
    for point, sol, tree in solved:
        game = tree.to_pygambit()
        for eq in sol.equilibria:
            for probs in eq.members():
                behaviour = eq.behaviour(probs)
                nash, agent = tree.max_regret(behaviour, game)
                assert nash < 1e-9 and agent < 1e-9, (point, eq.probs)
                assert tree.pbe_violation(behaviour)[0] < 1e-9, (point, eq.probs)
                checked += 1
    assert checked > 300


def test_gambit_pure_enumeration_finds_nothing_we_miss(solved):
    """Every pure weak PBE (Gambit enumpure_agent_solve, filtered) lies in one of our families."""
    total = 0
    for point, sol, tree in solved:
        for behaviour in games.pure_pbe_gambit(tree):
            total += 1
            assert any(e.contains(behaviour) for e in sol.equilibria), (point, behaviour)
    assert total >= 240


def test_gambit_mixed_methods_find_nothing_we_miss(solved):
    """Where mixed play occurs: Gambit's support enumeration (enumpoly, extensive form) and the
    two-player reductions (each player held to each pure strategy, enummixed on the rest)."""
    mixed_points = [(p, s, t) for p, s, t in solved if any(e.kind != "pure" for e in s.equilibria)]
    found_mixed = 0
    for point, sol, tree in mixed_points[:30]:
        game = tree.to_pygambit()
        for eq in gbt.nash.enumpoly_solve(game, maxregret=1e-9).equilibria:
            behaviour = games.behaviour_from_gambit(eq)
            if tree.pbe_violation(behaviour)[0] < 1e-7:
                found_mixed += any(0 < v < 1 for b in behaviour.values() for v in b.values())
                assert any(e.contains(behaviour, 1e-6) for e in sol.equilibria), (point, behaviour)
    for point, sol, tree in mixed_points[:6]:
        for player in ("defender", "third party"):
            for behaviour in games.two_player_reductions(tree, player):
                assert any(e.contains(behaviour, 1e-6) for e in sol.equilibria), (point, behaviour)
    assert found_mixed >= 5


def test_default_point_closed_form():
    """Default point: three equilibria; in the mixed one T's belief and sigma solve the
    indifference conditions in closed form."""
    p = dt.DeterrenceParams()
    sol = dt.solve(p)
    assert [e.kind for e in sol.equilibria] == ["pure", "mixed", "pure"]
    mixed = sol.equilibria[1]
    g_s, g_w = p.third_gain("strong"), p.third_gain("weak")
    assert mixed.belief_strong[0] == pytest.approx(g_w / (g_w - g_s), abs=1e-12)
    # D facing a strong challenger is indifferent: v_D (1 - P_s(sigma)) = c_D
    p_in, p_out = p.win_probability("strong", True), p.win_probability("strong", False)
    target = 1 - p.cost_defender / p.stake_defender
    assert mixed.probs["intervene"] == pytest.approx((target - p_out) / (p_in - p_out), abs=1e-12)
    # T's belief from Bayes: q r / (q r + 1 - q) with r = resist|strong
    q, r = p.prior_strong, mixed.probs["resist|strong"]
    assert q * r / (q * r + 1 - q) == pytest.approx(mixed.belief_strong[0], abs=1e-12)
    assert mixed.outcomes["p_war"] == pytest.approx(q * r + 1 - q)


def test_no_third_party_power_means_no_intervention():
    sol = dt.solve(replace(dt.DeterrenceParams(), power_third=0.0))
    for eq in sol.equilibria:
        assert eq.outcomes["p_intervene"] == 0.0 or eq.outcomes["p_war"] == 0.0


def test_seed_finding_support_falls_with_benefit_only_in_part_of_the_space():
    """In mixed equilibria sigma does not move with B (it is pinned by the enemy-side player's
    indifference); P(intervene) falls while P(strong | war) rises only when intervention changes
    the war less against the strong enemy."""
    frame = dt.benefit_statics(n=150)
    assert len(frame) >= 10
    assert np.allclose(frame.d_sigma, 0.0, atol=1e-12)
    seed_like = frame[(frame.d_p_intervene < 0) & (frame.d_belief_strong > 0)]
    assert len(seed_like) >= 1
    assert not seed_like.intervention_matters_more_vs_strong.any()


def test_bad_parameters():
    with pytest.raises(ParameterError, match="side"):
        dt.solve(side="neutral")
    with pytest.raises(ParameterError, match="prior_strong"):
        dt.solve(prior_strong=1.5)
    with pytest.raises(ParameterError, match="power_strong"):
        dt.solve(power_strong=0.1, power_weak=0.5)
    with pytest.raises(ParameterError, match="parameter"):
        dt.comparative_statics("side", [1.0])
