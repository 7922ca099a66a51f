"""Morrow's security-autonomy model (1991): which alliances (symmetric, asymmetric) form across capabilities
and how large a change in relative capability they survive.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.parameters import Parameters, param


# ---------------------------------------------------------------------------- Morrow 1991
@dataclass(frozen=True)
class MorrowParams(Parameters):
    """Parameters of Morrow's security-autonomy model.

    Every value must be a finite number >= 0, checked when the object is made (``ParameterError`` naming it).

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

    _what = "Morrow parameter"

    threat: float = param(1.0, "T, the common threat's capability", 0.0, None)
    autonomy_cost: float = param(0.08, "kappa, autonomy ceded by the partner who concedes", 0.0, None)
    autonomy_value: float = param(1.0, "omega, value to the major of the minor's concessions", 0.0, None)
    defence_cost: float = param(
        0.05, "eps, the major's cost of defending the minor (per unit of the minor's exposure)", 0.0, None
    )


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
