"""Snyder's alliance security dilemma (1984): abandonment and entrapment risks, the 2x2 commitment game
and its Nash equilibria, and the unavoidable risk by number of poles.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.parameters import Parameters, param

CHOICES = ("weak", "strong")


@dataclass(frozen=True)
class DilemmaParams(Parameters):
    """Parameters of Snyder's two-ally security dilemma.

    Values are checked when the object is made: the shares d_i, d_j, h, c_weak, c_strong, lam, s2 in [0, 1],
    c_weak < c_strong, poles an integer >= 2, the rest finite numbers; a bad value raises ``ParameterError``
    naming it.

    Parameters
    ----------
    dependence_i, dependence_j : float, default 0.6, 0.4
        d_i, d_j: how much each ally needs the alliance, in [0, 1].
    hostility : float, default 0.6
        h: the adversary's stance, 0 conciliatory .. 1 hostile.
    poles : int, default 2
        n: number of great powers (2 = bipolar).
    c_weak, c_strong : float, default 0.2, 0.9
        Strength of a weak and of a strong commitment.
    reassurance : float, default 0.5
        lam, how much i's own firm commitment reassures j.
    entrap_base, entrap_moral_hazard : float, default 0.3, 0.7
        b0, b1 of the entrapment risk.
    deterrence_value : float, default 2.0
        g.
    loss_abandonment, loss_entrapment : float, default 2.5, 1.0
        L_A, L_E.
    commitment_cost : float, default 0.1
        k.
    shared_bipolar : float, default 0.6
        s2, the allies' shared interest under bipolarity.

    References
    ----------
    Snyder, G. H. (1984), "The Security Dilemma in Alliance Politics", World Politics 36(4): 461-495.
    """

    _what = "dilemma parameter"

    dependence_i: float = param(0.6, "d_i: how much i needs the alliance", 0.0, 1.0)
    dependence_j: float = param(0.4, "d_j: how much j needs the alliance", 0.0, 1.0)
    hostility: float = param(0.6, "h: the adversary's stance, 0 conciliatory .. 1 hostile", 0.0, 1.0)
    poles: int = param(2, "n: number of great powers (2 = bipolar)", 2, None)
    c_weak: float = param(0.2, "strength of a weak commitment (< c_strong)", 0.0, 1.0)
    c_strong: float = param(0.9, "strength of a strong commitment", 0.0, 1.0)
    reassurance: float = param(0.5, "lam, how much i's own firm commitment reassures j", 0.0, 1.0)
    entrap_base: float = param(0.3, "b0 of the entrapment risk")
    entrap_moral_hazard: float = param(0.7, "b1 of the entrapment risk")
    deterrence_value: float = param(2.0, "g, the value of deterring the adversary")
    loss_abandonment: float = param(2.5, "L_A, the loss from being abandoned")
    loss_entrapment: float = param(1.0, "L_E, the loss from being entrapped")
    commitment_cost: float = param(0.1, "k, the cost of a strong commitment")
    shared_bipolar: float = param(0.6, "s2, the allies' shared interest under bipolarity", 0.0, 1.0)

    def _check(self):
        if self.c_weak >= self.c_strong:
            raise ParameterError(f"parameter c_weak={self.c_weak}: expected < c_strong={self.c_strong}")


def realignment_options(poles, hostility):
    """r(n, h) = (1 - 1/n) (1 - h / 2): how easily a partner could defect.

    Alternatives (more poles) times the adversary's conciliation.

    Parameters
    ----------
    poles : int
        n, the number of great powers.
    hostility : float
        h in [0, 1].

    Returns
    -------
    float

    Examples
    --------
    >>> realignment_options(2, 0.6)
    0.35
    """
    return (1.0 - 1.0 / poles) * (1.0 - hostility / 2.0)


def shared_interest(poles, shared_bipolar=0.6):
    """s(n) = s2 / (n - 1): the allies' common interest against the adversary.

    Parameters
    ----------
    poles : int
        n, the number of great powers.
    shared_bipolar : float, default 0.6
        s2, the shared interest under bipolarity.

    Returns
    -------
    float

    Examples
    --------
    >>> shared_interest(3)
    0.3
    """
    return shared_bipolar / (poles - 1.0)


def abandonment_risk(c_own, c_partner, dependence_partner, params):
    """A_i = (1 - c_j) (1 - d_j) r(n, h) (1 - lam c_i): probability that the partner fails i in a crisis.

    Parameters
    ----------
    c_own : float or array of float
        c_i, i's commitment.
    c_partner : float
        c_j, the partner's commitment.
    dependence_partner : float
        d_j.
    params : DilemmaParams

    Returns
    -------
    float or array of float

    Examples
    --------
    >>> round(abandonment_risk(0.2, 0.2, 0.4, DilemmaParams()), 4)
    0.1512

    References
    ----------
    Snyder, G. H. (1984), World Politics 36(4): 461-495.
    """
    p = params
    return (
        (1 - c_partner)
        * (1 - dependence_partner)
        * realignment_options(p.poles, p.hostility)
        * (1 - p.reassurance * c_own)
    )


def entrapment_risk(c_own, params):
    """E_i = c_i h (b0 + b1 c_i) (1 - s(n)): probability that i is dragged into the partner's conflict.

    Parameters
    ----------
    c_own : float or array of float
        c_i, i's commitment.
    params : DilemmaParams

    Returns
    -------
    float or array of float

    Examples
    --------
    >>> round(entrapment_risk(0.9, DilemmaParams()), 5)
    0.20088

    References
    ----------
    Snyder, G. H. (1984), World Politics 36(4): 461-495.
    """
    p = params
    return (
        c_own
        * p.hostility
        * (p.entrap_base + p.entrap_moral_hazard * c_own)
        * (1 - shared_interest(p.poles, p.shared_bipolar))
    )


def payoff(c_own, c_partner, dependence_own, dependence_partner, params):
    """U_i = g d_i h (c_i + c_j) / 2 - L_A A_i - L_E E_i - k c_i, the payoff of ally i.

    Parameters
    ----------
    c_own, c_partner : float
        c_i, c_j.
    dependence_own, dependence_partner : float
        d_i, d_j.
    params : DilemmaParams

    Returns
    -------
    float

    Examples
    --------
    >>> round(payoff(0.2, 0.2, 0.6, 0.4, DilemmaParams()), 5)
    -0.27512
    """
    p = params
    return (
        p.deterrence_value * dependence_own * p.hostility * (c_own + c_partner) / 2
        - p.loss_abandonment * abandonment_risk(c_own, c_partner, dependence_partner, p)
        - p.loss_entrapment * entrapment_risk(c_own, p)
        - p.commitment_cost * c_own
    )


def payoff_matrices(params):
    """2x2 payoffs (rows: i's choice weak/strong; columns: j's) for i and for j.

    Parameters
    ----------
    params : DilemmaParams

    Returns
    -------
    tuple of numpy.ndarray
        (payoffs of i, payoffs of j), each 2x2.

    Examples
    --------
    >>> payoff_matrices(DilemmaParams())[0].shape
    (2, 2)
    """
    p = params.validate()
    c = {"weak": p.c_weak, "strong": p.c_strong}
    a = np.array([[payoff(c[x], c[y], p.dependence_i, p.dependence_j, p) for y in CHOICES] for x in CHOICES])
    b = np.array([[payoff(c[y], c[x], p.dependence_j, p.dependence_i, p) for y in CHOICES] for x in CHOICES])
    return a, b


def solve_dilemma(params=None, **kwargs):
    """All Nash equilibria of the 2x2 commitment game, with the risks each ally runs in them.

    Parameters
    ----------
    params : DilemmaParams, optional
        Default ``DilemmaParams()``.
    **kwargs
        Fields replacing those of ``params``.

    Returns
    -------
    pandas.DataFrame
        prob_strong_i, prob_strong_j (probability of a strong commitment), kind, expected
        abandonment and entrapment risks for i and j, payoffs.

    Examples
    --------
    >>> solve_dilemma()["kind"].tolist()
    ['pure']

    References
    ----------
    Snyder, G. H. (1984), World Politics 36(4): 461-495.
    """
    p = replace(params or DilemmaParams(), **kwargs).validate()
    a, b = payoff_matrices(p)
    equilibria = []
    for r, col in itertools.product(range(2), range(2)):
        if a[r, col] >= a[1 - r, col] - 1e-12 and b[r, col] >= b[r, 1 - col] - 1e-12:
            equilibria.append((float(r), float(col), "pure"))
    # fully mixed: j's mix makes i indifferent and vice versa
    da = (a[1, 0] - a[0, 0]) - (a[1, 1] - a[0, 1])
    db = (b[0, 1] - b[0, 0]) - (b[1, 1] - b[1, 0])
    if abs(da) > 1e-12 and abs(db) > 1e-12:
        qj = (a[1, 0] - a[0, 0]) / da  # prob j strong
        qi = (b[0, 1] - b[0, 0]) / db  # prob i strong
        if 1e-12 < qi < 1 - 1e-12 and 1e-12 < qj < 1 - 1e-12:
            equilibria.append((float(qi), float(qj), "mixed"))
    rows = []
    for qi, qj, kind in equilibria:
        rows.append({"prob_strong_i": qi, "prob_strong_j": qj, "kind": kind, **_expected(p, qi, qj, a, b)})
    return pd.DataFrame(rows)


def _expected(p, qi, qj, a, b):
    c = {0: p.c_weak, 1: p.c_strong}
    out = {k: 0.0 for k in ("abandonment_i", "entrapment_i", "abandonment_j", "entrapment_j", "payoff_i", "payoff_j")}
    for r, col in itertools.product(range(2), range(2)):
        w = (qi if r else 1 - qi) * (qj if col else 1 - qj)
        out["abandonment_i"] += w * abandonment_risk(c[r], c[col], p.dependence_j, p)
        out["abandonment_j"] += w * abandonment_risk(c[col], c[r], p.dependence_i, p)
        out["entrapment_i"] += w * entrapment_risk(c[r], p)
        out["entrapment_j"] += w * entrapment_risk(c[col], p)
        out["payoff_i"] += w * a[r, col]
        out["payoff_j"] += w * b[r, col]
    return out


def risk_curves(params=None, commitments=None):
    """A_i and E_i of ally i as its commitment c_i runs over [0, 1] (partner at c_weak).

    Parameters
    ----------
    params : DilemmaParams, optional
    commitments : array of float, optional
        Default 101 points on [0, 1].

    Returns
    -------
    pandas.DataFrame
        commitment, abandonment, entrapment.

    Examples
    --------
    >>> risk_curves(commitments=[0.0, 1.0]).shape
    (2, 3)
    """
    p = (params or DilemmaParams()).validate()
    c = np.linspace(0, 1, 101) if commitments is None else np.asarray(commitments, float)
    return pd.DataFrame(
        {
            "commitment": c,
            "abandonment": abandonment_risk(c, p.c_weak, p.dependence_j, p),
            "entrapment": entrapment_risk(c, p),
        }
    )


def unavoidable_risk(params=None, grid=201):
    """min over c_i in [0, 1] of L_A A_i + L_E E_i (partner at c_weak): the dilemma's sharpness.

    Parameters
    ----------
    params : DilemmaParams, optional
    grid : int, default 201
        Number of commitment values scanned.

    Returns
    -------
    tuple of (float, float)
        (the minimal risk, the commitment reaching it).

    Examples
    --------
    >>> round(unavoidable_risk()[1], 2)
    0.41
    """
    p = (params or DilemmaParams()).validate()
    c = np.linspace(0, 1, grid)
    total = p.loss_abandonment * abandonment_risk(c, p.c_weak, p.dependence_j, p) + p.loss_entrapment * entrapment_risk(
        c, p
    )
    k = int(np.argmin(total))
    return float(total[k]), float(c[k])


# ---------------------------------------------------------------------------- plots
def plot_dilemma(path_stem, params=None, poles=(2, 3, 5)):
    """Risk curves A_i, E_i against commitment for several polarities, and the unavoidable risk.

    Computes the curves and draws them with ``figures.security_dilemma.dilemma_risks``.

    Parameters
    ----------
    path_stem : str or Path
        Output path without suffix (.html and .png are written).
    params : DilemmaParams, optional
    poles : sequence of int, default (2, 3, 5)

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    from alliancelab.figures.security_dilemma import dilemma_risks

    base = (params or DilemmaParams()).validate()
    curves = {n: risk_curves(replace(base, poles=n)) for n in poles}
    ns = list(range(2, 11))
    risk = [unavoidable_risk(replace(base, poles=n))[0] for n in ns]
    return dilemma_risks(curves, ns, risk, path_stem)
