"""The Olson-Zeckhauser public-good model: utility families, the Nash equilibrium of voluntary contributions
(Bergstrom, Blume and Varian 1986) and the exploitation it implies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from alliancelab.errors import ParameterError, check_choice, check_range

UTILITIES = ("cobb-douglas", "ces", "stone-geary")


@dataclass(frozen=True)
class Utility:
    """A member's utility over private consumption c and the alliance's defence X.

    Each family gives a linear inverse demand F(X) = a + b X:
    cobb-douglas U = c^(1-alpha) X^alpha (F = X / alpha); ces U = ((1-alpha) c^r + alpha X^r)^(1/r)
    (F = X (1 + (alpha/(1-alpha))^(1/(r-1)))); stone-geary U = (1-alpha) ln(c - gamma) + alpha ln X
    (F = gamma + X / alpha).

    Parameters
    ----------
    family : {"cobb-douglas", "ces", "stone-geary"}, default "cobb-douglas"
        The utility family.
    alpha : float, default 0.1
        Weight on defence, in (0, 1).
    rho : float, default -1.0
        CES exponent r (elasticity of substitution 1 / (1 - r)); r < 1 and r != 0.
    gamma : float, default 0.0
        Stone-Geary subsistence consumption.

    Examples
    --------
    >>> Utility(alpha=0.25).inverse_demand()
    (0.0, 4.0)
    """

    family: str = "cobb-douglas"
    alpha: float = 0.1  # weight on defence
    rho: float = -1.0  # CES exponent r (elasticity of substitution 1 / (1 - r))
    gamma: float = 0.0  # Stone-Geary subsistence consumption

    def validate(self):
        check_choice("utility", self.family, UTILITIES)
        check_range("alpha", self.alpha, 1e-9, 1 - 1e-9)
        check_range("rho", self.rho, None, 1)
        if self.family == "ces" and (self.rho >= 1 or self.rho == 0):
            raise ParameterError(f"argument rho={self.rho}: expected r < 1 and r != 0 (use cobb-douglas for r = 0)")
        check_range("gamma", self.gamma, 0.0, None)
        return self

    def inverse_demand(self):
        """(a, b) with F(X) = a + b X: the full income at which the member demands X."""
        if self.family == "cobb-douglas":
            return 0.0, 1.0 / self.alpha
        if self.family == "ces":
            return 0.0, 1.0 + (self.alpha / (1 - self.alpha)) ** (1.0 / (self.rho - 1.0))
        return self.gamma, 1.0 / self.alpha

    def value(self, c, x_total):
        """Utility level (for checking best responses)."""
        c, x_total = np.asarray(c, float), np.asarray(x_total, float)
        if self.family == "cobb-douglas":
            return c ** (1 - self.alpha) * x_total**self.alpha
        if self.family == "ces":
            r = self.rho
            return ((1 - self.alpha) * c**r + self.alpha * x_total**r) ** (1 / r)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (1 - self.alpha) * np.log(c - self.gamma) + self.alpha * np.log(x_total)


def nash_equilibrium(incomes, utility=None):
    """Nash equilibrium of the voluntary public-good (alliance defence) game.

    Member i contributes x_i = max(0, Y_i + X - F_i(X)); the total X solves
    X = sum_i max(0, Y_i + X - F_i(X)) (unique; Bergstrom, Blume & Varian 1986).

    Parameters
    ----------
    incomes : array of float
        Incomes Y_i > 0, one per member.
    utility : Utility or list of Utility, optional
        One utility for all members, or one per member; ``Utility()`` when None.

    Returns
    -------
    pandas.DataFrame
        One row per member: income, contribution x_i, burden x_i / Y_i, share_of_defence,
        share_of_income, contributes; ``.attrs["total"]`` holds X.

    Examples
    --------
    >>> result = nash_equilibrium([10.0, 1.0])
    >>> result["contributes"].tolist()
    [True, False]
    >>> round(result.attrs["total"], 6)
    1.0

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966), "An Economic Theory of Alliances", Review of Economics and
    Statistics 48(3): 266-279.
    Bergstrom, T., Blume, L. and Varian, H. (1986), "On the private provision of public goods",
    Journal of Public Economics 29: 25-49.
    """
    incomes = np.asarray(incomes, dtype=float)
    if incomes.ndim != 1 or len(incomes) < 1 or not np.all(incomes > 0):
        raise ParameterError("argument incomes: expected a 1-d array of positive numbers")
    utilities = utility if isinstance(utility, (list, tuple)) else [utility or Utility()] * len(incomes)
    if len(utilities) != len(incomes):
        raise ParameterError(f"argument utility: {len(utilities)} utilities for {len(incomes)} members")
    a, b = np.array([u.validate().inverse_demand() for u in utilities]).T
    if np.any(b <= 1):
        raise ParameterError("utility: defence must be a normal good (F'(X) > 1)")

    def excess(total):
        return np.maximum(0.0, incomes + total - (a + b * total)).sum() - total

    upper = incomes.sum()
    total = 0.0 if excess(0.0) <= 0 else optimize.brentq(excess, 0.0, upper, xtol=1e-14, rtol=1e-14)
    x = np.maximum(0.0, incomes + total - (a + b * total))
    out = pd.DataFrame(
        {
            "income": incomes,
            "contribution": x,
            "burden": x / incomes,
            "share_of_defence": x / total if total > 0 else np.nan,
            "share_of_income": incomes / incomes.sum(),
            "contributes": x > 0,
        }
    )
    out.attrs["total"] = float(total)
    return out


def best_response_gap(incomes, contributions, utility=None, grid=2001):
    """Largest utility gain any member could get by changing its contribution.

    Zero (up to numerical precision) at a Nash equilibrium.

    Parameters
    ----------
    incomes : array of float
        Incomes Y_i.
    contributions : array of float
        Contributions x_i.
    utility : Utility, optional
        The members' utility; ``Utility()`` when None.
    grid : int, default 2001
        Number of grid points searched besides the bounded optimum.

    Returns
    -------
    float
        The largest gain in utility.

    Examples
    --------
    >>> result = nash_equilibrium([10.0, 1.0])
    >>> best_response_gap([10.0, 1.0], result["contribution"]) < 1e-9
    True
    """
    utility = utility or Utility()
    incomes, contributions = np.asarray(incomes, float), np.asarray(contributions, float)
    total = contributions.sum()
    gap = 0.0
    for y, x in zip(incomes, contributions, strict=True):
        others = total - x
        lo = 0.0
        hi = y - utility.gamma - 1e-12
        res = optimize.minimize_scalar(
            lambda z, y=y, others=others: -utility.value(y - z, others + z),
            bounds=(lo, hi),
            method="bounded",
            options={"xatol": 1e-12},
        )
        candidates = [res.x, lo] + list(np.linspace(lo, hi, grid))
        best = max(utility.value(y - z, others + z) for z in candidates if others + z > 0)
        gap = max(gap, float(best - utility.value(y - x, total)))
    return gap


def exploitation(result):
    """Spearman correlation of burden with income in a model equilibrium, and the large-member share.

    Parameters
    ----------
    result : pandas.DataFrame
        An equilibrium from ``nash_equilibrium``.

    Returns
    -------
    dict
        spearman_rho, p_value, and the largest member's largest_share_of_defence and
        largest_share_of_income.

    Examples
    --------
    >>> round(exploitation(nash_equilibrium([10.0, 1.0]))["largest_share_of_defence"], 6)
    1.0

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966), Review of Economics and Statistics 48(3): 266-279.
    """
    rho, p = stats.spearmanr(result["income"], result["burden"])
    big = result["income"].idxmax()
    return {
        "spearman_rho": float(rho),
        "p_value": float(p),
        "largest_share_of_defence": float(result.loc[big, "share_of_defence"]),
        "largest_share_of_income": float(result.loc[big, "share_of_income"]),
    }
