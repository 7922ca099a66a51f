"""Alliance management: Snyder's alliance security dilemma and Morrow's security-autonomy model.

1. Snyder, G. H. (1984), "The Security Dilemma in Alliance Politics", World Politics 36(4):
   461-495. Two allies (i, j) facing an adversary each choose a weak or a strong commitment
   (support of the ally vs restraint). Our formalisation of his verbal argument:

   abandonment risk of i   A_i = (1 - c_j) (1 - d_j) r(n, h) (1 - lam c_i)
       j defects when j is weakly committed (1 - c_j) and needs the alliance little (1 - d_j);
       it has somewhere to go when the system offers other partners and the adversary is
       conciliatory, r(n, h) = (1 - 1/n) (1 - h / 2) (n = number of poles, h in [0, 1] the
       adversary's hostility); i's own firm commitment reassures j (lam in [0, 1]).
   entrapment risk of i    E_i = c_i h (b0 + b1 c_i) (1 - s(n))
       i is dragged into j's quarrels with the adversary: j picks fights more often the more
       hostile the adversary and the more firmly i backs it (moral hazard, b1 > 0); the risk is
       the part not covered by shared interests s(n) = s2 / (n - 1) (s2 = shared interest under
       bipolarity, when the allies face one common adversary; multipolarity: interests diverge).
   payoff of i             U_i = g d_i h (c_i + c_j) / 2 - L_A A_i - L_E E_i - k c_i
       (deterrence value of the pair's commitments, weighted by i's dependence; the two risks;
       the cost of a commitment).
   Commitment strengths: weak = c_weak, strong = c_strong. The 2x2 game is solved for all Nash
   equilibria (pure and mixed; cross-checked with Gambit in the tests).
   Properties (tested): dA_i/dc_i < 0 and dE_i/dc_i > 0 (the dilemma); the unavoidable risk
   min_c (L_A A_i + L_E E_i) rises with the number of poles (sharper under multipolarity).

2. Morrow, J. D. (1991), "Alliances and Asymmetry: An Alternative to the Capability Aggregation
   Model of Alliances", American Journal of Political Science 35(4): 904-933. States value security
   and autonomy. Security of a state with capability m facing threat T: f(m) = m / (m + T).
   - symmetric alliance (security for security): each gains f(m_i + m_j) - f(m_i) and cedes
     autonomy kappa (policy coordination binds both);
   - asymmetric alliance (autonomy for security): the minor gains f(m_minor + m_major) -
     f(m_minor) and cedes autonomy kappa; the major gains omega * kappa in autonomy (bases,
     policy concessions) and bears the defence cost eps * (1 - f(m_minor)) * m_minor / m_major.
   An alliance forms when both partners gain; when both forms are feasible the one with the
   larger joint gain is preferred. Result (tested): symmetric alliances need near-equal
   capabilities and a common threat; asymmetric ones form across wide capability gaps, and
   survive larger changes in relative capability (the margin to the feasibility boundary).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_range

CHOICES = ("weak", "strong")


@dataclass(frozen=True)
class DilemmaParams:
    """Parameters of Snyder's two-ally security dilemma.

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

    dependence_i: float = 0.6  # d_i: how much i needs the alliance
    dependence_j: float = 0.4  # d_j
    hostility: float = 0.6  # h: adversary's stance, 0 conciliatory .. 1 hostile
    poles: int = 2  # n: number of great powers (2 = bipolar)
    c_weak: float = 0.2  # strength of a weak commitment
    c_strong: float = 0.9  # strength of a strong commitment
    reassurance: float = 0.5  # lam
    entrap_base: float = 0.3  # b0
    entrap_moral_hazard: float = 0.7  # b1
    deterrence_value: float = 2.0  # g
    loss_abandonment: float = 2.5  # L_A
    loss_entrapment: float = 1.0  # L_E
    commitment_cost: float = 0.1  # k
    shared_bipolar: float = 0.6  # s2, shared interest of the allies under bipolarity

    def validate(self):
        for name in (
            "dependence_i",
            "dependence_j",
            "hostility",
            "c_weak",
            "c_strong",
            "reassurance",
            "shared_bipolar",
        ):
            check_range(name, getattr(self, name), 0.0, 1.0)
        if int(self.poles) != self.poles or self.poles < 2:
            raise ParameterError(f"argument poles={self.poles!r}: expected an integer >= 2")
        if self.c_weak >= self.c_strong:
            raise ParameterError(f"argument c_weak={self.c_weak}: expected < c_strong={self.c_strong}")
        return self


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


# ---------------------------------------------------------------------------- Morrow 1991
@dataclass(frozen=True)
class MorrowParams:
    """Parameters of Morrow's security-autonomy model.

    Parameters
    ----------
    threat : float, default 1.0
        T, the common threat's capability.
    autonomy_cost : float, default 0.08
        kappa, autonomy ceded by the partner who concedes.
    autonomy_value : float, default 1.0
        omega, value to the major of the minor's concessions.
    defence_cost : float, default 0.05
        eps, the major's cost of defending the minor (per unit of the minor's exposure).

    References
    ----------
    Morrow, J. D. (1991), "Alliances and Asymmetry: An Alternative to the Capability Aggregation
    Model of Alliances", American Journal of Political Science 35(4): 904-933.
    """

    threat: float = 1.0  # T, the common threat's capability
    autonomy_cost: float = 0.08  # kappa, autonomy ceded by the partner who concedes
    autonomy_value: float = 1.0  # omega, value to the major of the minor's concessions
    defence_cost: float = 0.05  # eps, the major's cost of defending the minor (per unit of
    #                                the minor's exposure)

    def validate(self):
        for name in ("threat", "autonomy_cost", "autonomy_value", "defence_cost"):
            check_range(name, getattr(self, name), 0.0, None)
        return self


def security(m, threat):
    """f(m) = m / (m + T), the security of a state with capability m facing threat T.

    Parameters
    ----------
    m : float or array of float
    threat : float

    Returns
    -------
    float or array of float

    Examples
    --------
    >>> security(1.0, 1.0)
    0.5
    """
    return m / (m + threat)


def morrow_payoffs(m1, m2, params=None):
    """Gains of each partner from a symmetric and from an asymmetric alliance.

    Symmetric: each gains f(m_i + m_j) - f(m_i) - kappa.
    Asymmetric (the larger state provides security, the smaller concedes autonomy):
    minor: f(m_minor + m_major) - f(m_minor) - kappa;
    major: omega * kappa - eps * (1 - f(m_minor)) * m_minor / m_major
    (the defence burden grows with how exposed and how large, relative to the major, the minor is).

    Parameters
    ----------
    m1, m2 : float
        Capabilities of the two partners (> 0).
    params : MorrowParams, optional

    Returns
    -------
    dict
        sym_major, sym_minor, asy_major, asy_minor, symmetric_feasible, asymmetric_feasible,
        preferred ("symmetric", "asymmetric" or "none").

    Examples
    --------
    >>> morrow_payoffs(1.0, 0.2)["preferred"]
    'asymmetric'
    >>> morrow_payoffs(1.0, 1.0)["preferred"]
    'symmetric'

    References
    ----------
    Morrow, J. D. (1991), American Journal of Political Science 35(4): 904-933.
    """
    if not (0 < m1 < float("inf") and 0 < m2 < float("inf")):
        raise ParameterError(f"capabilities must be finite numbers > 0, got m1={m1}, m2={m2}")
    return _morrow(max(m1, m2), min(m1, m2), (params or MorrowParams()).validate())


def _morrow(major, minor, p):
    """Gains with fixed roles: ``major`` provides security, ``minor`` concedes autonomy."""

    def f(m):
        return security(m, p.threat)

    sym_major = f(major + minor) - f(major) - p.autonomy_cost
    sym_minor = f(major + minor) - f(minor) - p.autonomy_cost
    asy_minor = f(minor + major) - f(minor) - p.autonomy_cost
    asy_major = p.autonomy_value * p.autonomy_cost - p.defence_cost * (1 - f(minor)) * minor / major
    sym_ok = sym_major > 0 and sym_minor > 0
    asy_ok = asy_major > 0 and asy_minor > 0
    if sym_ok and asy_ok:
        preferred = "symmetric" if sym_major + sym_minor >= asy_major + asy_minor else "asymmetric"
    elif sym_ok:
        preferred = "symmetric"
    elif asy_ok:
        preferred = "asymmetric"
    else:
        preferred = "none"
    return {
        "sym_major": sym_major,
        "sym_minor": sym_minor,
        "asy_major": asy_major,
        "asy_minor": asy_minor,
        "symmetric_feasible": sym_ok,
        "asymmetric_feasible": asy_ok,
        "preferred": preferred,
    }


def morrow_map(ratios=None, threats=None, params=None, major=1.0):
    """Preferred alliance form over capability ratio m_minor / m_major and threat level.

    Parameters
    ----------
    ratios : array of float, optional
        Default 50 points on [0.02, 1].
    threats : array of float, optional
        Default 15 points on [0.2, 3].
    params : MorrowParams, optional
    major : float, default 1.0
        Capability of the major.

    Returns
    -------
    pandas.DataFrame
        ratio, threat and the columns of ``morrow_payoffs``.

    Examples
    --------
    >>> morrow_map(ratios=[0.5, 1.0], threats=[1.0]).shape
    (2, 9)
    """
    ratios = np.linspace(0.02, 1.0, 50) if ratios is None else np.asarray(ratios, float)
    threats = np.linspace(0.2, 3.0, 15) if threats is None else np.asarray(threats, float)
    base = params or MorrowParams()
    rows = []
    for t in threats:
        pt = replace(base, threat=float(t))
        for r in ratios:
            rows.append({"ratio": float(r), "threat": float(t), **morrow_payoffs(major, major * r, pt)})
    return pd.DataFrame(rows)


def survival_margin(m1, m2, form, params=None, grid=None):
    """How large a change in relative capability (log ratio) the alliance ``form`` survives.

    Scans multiplicative shocks to the smaller state's capability, keeping the partners' roles
    (in an asymmetric alliance the original major still provides security).

    Parameters
    ----------
    m1, m2 : float
        Capabilities of the two partners.
    form : {"symmetric", "asymmetric"}
    params : MorrowParams, optional
    grid : array of float, optional
        The shocks scanned (default exp of 601 points on [-3, 3]).

    Returns
    -------
    float
        The smallest |log shock| at which ``form`` stops being feasible (0 if not feasible now,
        inf if none within the grid).

    Examples
    --------
    >>> survival_margin(1.0, 0.2, "asymmetric")
    2.34
    """
    shocks = np.exp(np.linspace(-3, 3, 601)) if grid is None else np.asarray(grid, float)
    key = {"symmetric": "symmetric_feasible", "asymmetric": "asymmetric_feasible"}[form]
    p = (params or MorrowParams()).validate()
    small, big = min(m1, m2), max(m1, m2)
    if not _morrow(big, small, p)[key]:
        return 0.0
    broken = [abs(np.log(s)) for s in shocks if not _morrow(big, small * s, p)[key]]
    return float(min(broken)) if broken else float("inf")


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


def plot_morrow(path_stem, params=None):
    """Preferred alliance form over capability ratio and threat (Morrow 1991).

    ``morrow_map`` on a grid, drawn by ``figures.security_dilemma.morrow_forms``.

    Parameters
    ----------
    path_stem : str or Path
        Output path without suffix (.html and .png are written).
    params : MorrowParams, optional

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    from alliancelab.figures.security_dilemma import morrow_forms

    frame = morrow_map(ratios=np.linspace(0.02, 1, 99), threats=np.linspace(0.1, 3, 59), params=params)
    return morrow_forms(frame, path_stem)
