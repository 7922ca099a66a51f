"""Burden sharing in alliances: the Olson-Zeckhauser public-good model and its empirical test.

Model (Olson, M. and Zeckhauser, R. (1966), "An Economic Theory of Alliances", Review of
Economics and Statistics 48(3): 266-279; equilibrium characterisation of Bergstrom, T., Blume, L.
and Varian, H. (1986), "On the private provision of public goods", J. Public Econ. 29: 25-49):
member i with income Y_i splits it into private consumption c_i and defence x_i >= 0; defence is a
pure public good of the alliance, X = sum_j x_j; utility U_i(c_i, X). Each member best-responds to
the others' total X_-i. With a normal public good, i's demand for X given "full income"
w = Y_i + X_-i is f_i(w), and i contributes x_i = max(0, Y_i + X - F_i(X)) where F_i = f_i^-1.
The Nash equilibrium total solves X = sum_i max(0, Y_i + X - F_i(X)) (unique; BBV 1986).

Utility families (all give a linear F(X) = a + b X):
- "cobb-douglas": U = c^(1-alpha) X^alpha                      -> F(X) = X / alpha
- "ces": U = ((1-alpha) c^r + alpha X^r)^(1/r), r < 1, r != 0     -> F(X) = X (1 + (alpha/(1-alpha))^(1/(r-1)))
- "stone-geary": U = (1-alpha) ln(c - gamma) + alpha ln X        -> F(X) = gamma + X / alpha
Exploitation hypothesis: the defence burden x_i / Y_i rises with Y_i (large members carry a
disproportionate share; small ones free ride, at the corner x_i = 0 when poor enough).

Empirical test: for the members of an ATOP alliance in a year, the Spearman
rank correlation between defence burden (military spending / GDP) and size (GDP), with its p-value.
Positive and significant = exploitation. Spending: SIPRI (current US$, market exchange rates,
1949-) or COW NMC ``milex`` (thousands of current US$; before 1914 UK pounds). GDP: Maddison
Project 2018 (``cgdppc`` x population, 2011 PPP US$). The ratio mixes units (exchange-rate spending
over PPP GDP); ranks within a year are unaffected by the common deflator but not by the PPP versus
exchange-rate gap, which is larger for poorer members.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from alliancelab.data import country_codes as cc
from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.lookup import connection_first, warehouse_connection

UTILITIES = ("cobb-douglas", "ces", "stone-geary")
NATO_ATOPID = 3180

# Published values: NATO, N = 15, none significant.
PUBLISHED_NATO = {1994: 0.19, 1995: 0.14, 1996: 0.11, 1997: 0.11}


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


# ---------------------------------------------------------------------------- data
FIRST_SPENDING_YEAR = facts.coverage("sipri_milex")[0]  # SIPRI's series begins in 1949: the NATO test's start
LAST_MEMBER_YEAR = facts.ALLIANCE_MEMBERS_LAST


@connection_first
def alliance_members(atopid=NATO_ATOPID, start=None, end=None, *, warehouse=None, con=None, count="any_day"):
    """Members of ATOP alliance ``atopid`` per year (ATOP 4.01 member-level file).

    The membership rule is the toolkit's one rule (``alliancelab.data.facts.alliance_spells``): a
    member counts in every year from its entry year to its exit year, the exit year included (it
    was a member during part of it); ``yrexit = 0`` (still in force) runs to the last ATOP 4.01
    year. ``count="full_year"`` counts only the years a membership covers entirely.

    Parameters
    ----------
    atopid : int
        ATOP alliance id (NATO: 3180).
    start, end : int, optional
        Years to keep.
    warehouse : path, optional
        The warehouse (default: the configured one). ``con=`` (a DuckDB connection) still works but
        is deprecated.
    count : {"any_day", "full_year"}

    Returns
    -------
    DataFrame
        Columns year, ccode, sorted.

    Examples
    --------
    >>> alliance_members(3180, 1999, 1999)["ccode"].tolist()[:3]
    [2, 20, 200]

    References
    ----------
    Leeds, Ritter, Mitchell & Long 2002 (ATOP).
    """
    connection = warehouse_connection(warehouse, con, "alliance_members")
    return _members(connection, atopid, start, end, count)


@connection_first
def burden_panel(
    atopid=NATO_ATOPID,
    start=FIRST_SPENDING_YEAR,
    end=LAST_MEMBER_YEAR,
    spending="sipri",
    gdp_measure="cgdppc",
    exclude_zero=True,
    *,
    warehouse=None,
    con=None,
):
    """Member-years of an alliance with military spending, GDP and burden = spending / GDP.

    Parameters
    ----------
    atopid : int
        ATOP alliance id (default NATO, 3180).
    start, end : int
        Years (default 1949, the first SIPRI year, to the last ATOP 4.01 year).
    spending : {"sipri", "cow"}
        "sipri" (million current US$) or "cow" (NMC milex, converted to million current US$; before
        1914 NMC records UK pounds, which leaves ranks within a year unchanged only if all members
        are in the same unit, so pre-1914 COW burdens are ranks of a unit mix).
    gdp_measure : str
        Maddison column (``cgdppc``).
    exclude_zero : bool
        Drop members that report zero spending (e.g. Iceland, which has no armed forces), as the
        published NATO studies do.
    warehouse : path, optional
        The warehouse; ``con=`` (a DuckDB connection, also accepted as the first positional
        argument) is deprecated.

    Returns
    -------
    DataFrame
        year, ccode, milex_musd, gdp_musd_2011, burden, status.

    Examples
    --------
    >>> panel = burden_panel(3180, 1994, 1994)
    >>> len(panel), int((panel["status"] == "used").sum())
    (16, 15)

    References
    ----------
    Leeds, Ritter, Mitchell & Long 2002 (ATOP); SIPRI Military Expenditure Database; Bolt, Inklaar,
    de Jong & van Zanden 2018 (Maddison Project).
    """
    p = {
        "atopid": atopid,
        "start": start,
        "end": end,
        "spending": spending,
        "gdp_measure": gdp_measure,
        "exclude_zero": exclude_zero,
    }
    return _panel_on(warehouse_connection(warehouse, con, "burden_panel"), p)


def _panel_on(connection, p):
    check_choice("spending", p["spending"], ("sipri", "cow"))
    members = _members(connection, p["atopid"], p["start"], p["end"])
    gdp, _ = cc._maddison_gdp_cow(connection, p["gdp_measure"], check_members=False)
    if p["spending"] == "sipri":
        milex, _ = cc._sipri_milex_cow(connection, check_members=False)
        milex = milex.rename(columns={"milex_usd_m": "milex_musd"})[["ccode", "year", "milex_musd"]]
    else:
        milex = connection.execute(
            "SELECT ccode, year, milex / 1000.0 AS milex_musd FROM nmc WHERE milex IS NOT NULL"
        ).fetchdf()
    milex["ccode"] = milex["ccode"].astype(int)
    gdp["ccode"] = gdp["ccode"].astype(int)
    panel = members.merge(milex, on=["ccode", "year"], how="left").merge(
        gdp[["ccode", "year", "gdp_musd_2011"]], on=["ccode", "year"], how="left"
    )
    panel["burden"] = panel["milex_musd"] / panel["gdp_musd_2011"]
    status = np.where(
        panel["milex_musd"].isna(),
        "no spending data",
        np.where(
            panel["gdp_musd_2011"].isna(), "no GDP data", np.where(panel["milex_musd"] <= 0, "zero spending", "used")
        ),
    )
    panel["status"] = status
    if not p["exclude_zero"]:
        panel.loc[panel.status == "zero spending", "status"] = "used"
    return panel


def _members(connection, atopid, start, end, count="any_day"):
    members = connection.execute("SELECT * FROM atop_members WHERE atopid = ?", [int(atopid)]).df()
    if members.empty:
        raise ParameterError(f"argument atopid={atopid}: no such alliance in atop_members (ATOP 4.01)")
    spells = facts.alliance_spells(members, count=count)
    rows, years = facts.spell_years(spells["first"], spells["last"])
    frame = pd.DataFrame({"year": years, "ccode": spells["member"].to_numpy()[rows]}).drop_duplicates()
    if start is not None:
        frame = frame[frame.year >= start]
    if end is not None:
        frame = frame[frame.year <= end]
    return frame.sort_values(["year", "ccode"]).reset_index(drop=True)


def burden_correlations(panel, min_members=3, fixed_members=None):
    """Per year: Spearman rho between burden and GDP over the members with data.

    Parameters
    ----------
    panel : pandas.DataFrame
        Member-years from ``burden_panel``.
    min_members : int, default 3
        Fewest members with data for a correlation (NaN below).
    fixed_members : set of int, optional
        COW codes to restrict every year to (e.g. the 1994 NATO membership, to compare like with like
        across years).

    Returns
    -------
    pandas.DataFrame
        Columns year, n, rho, p_value, significant_05, members_used, members_missing.
    """
    if fixed_members is not None:
        panel = panel[panel.ccode.isin(set(fixed_members))]
    rows = []
    for year, group in panel.groupby("year"):
        used = group[group.status == "used"]
        missing = group[group.status != "used"]
        rho = p = np.nan
        if len(used) >= min_members:
            rho, p = stats.spearmanr(used["burden"], used["gdp_musd_2011"])
        rows.append(
            {
                "year": int(year),
                "n": len(used),
                "rho": float(rho),
                "p_value": float(p),
                "significant_05": bool(p < 0.05) if not np.isnan(p) else False,
                "members_used": " ".join(map(str, sorted(used.ccode))),
                "members_missing": " ".join(f"{c}({s})" for c, s in sorted(zip(missing.ccode, missing.status))),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class BurdenTest:
    """Result of ``burden_test``.

    Attributes
    ----------
    table : DataFrame
        One row per year (``burden_correlations``): year, n, rho, p_value, significant_05,
        members_used, members_missing.
    panel : DataFrame
        The member-years (``burden_panel``).
    citations : tuple of str
        The sources used.
    """

    table: pd.DataFrame
    panel: pd.DataFrame
    citations: tuple


@connection_first
def burden_test(
    atopid=NATO_ATOPID,
    start=FIRST_SPENDING_YEAR,
    end=LAST_MEMBER_YEAR,
    spending="sipri",
    gdp_measure="cgdppc",
    exclude_zero=True,
    *,
    warehouse=None,
    con=None,
):
    """The empirical exploitation test of Olson & Zeckhauser on an ATOP alliance.

    Parameters
    ----------
    atopid : int
        ATOP alliance id (default NATO, 3180).
    start, end : int
        Years (as in ``burden_panel``).
    spending : {"sipri", "cow"}
        The spending series (as in ``burden_panel``).
    gdp_measure : str
        Maddison column (``cgdppc``).
    exclude_zero : bool
        Drop members that report zero spending (as in ``burden_panel``).
    warehouse : path, optional
        The warehouse; ``con=`` (a DuckDB connection, also accepted as the first positional
        argument) is deprecated.

    Returns
    -------
    BurdenTest
        ``table`` (Spearman rho of burden with GDP per year), ``panel``, ``citations``.

    Examples
    --------
    >>> result = burden_test(3180, 1994, 1997)
    >>> result.table[["year", "n"]].values.tolist()
    [[1994, 15], [1995, 15], [1996, 15], [1997, 18]]

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966), Review of Economics and Statistics 48(3): 266-279.
    """
    p = {
        "atopid": atopid,
        "start": start,
        "end": end,
        "spending": spending,
        "gdp_measure": gdp_measure,
        "exclude_zero": exclude_zero,
    }
    connection = warehouse_connection(warehouse, con, "burden_test")
    panel = _panel_on(connection, p)
    table = burden_correlations(panel)
    cited = tuple(_citations(connection, p["spending"]))
    table.attrs["citations"] = cited
    return BurdenTest(table=table, panel=panel, citations=cited)


def compare_published(table, panel=None):
    """Our NATO values next to the published ones (N = 15, 1994-1997).

    Parameters
    ----------
    table : pandas.DataFrame
        Yearly correlations (``burden_correlations`` or ``BurdenTest.table``).
    panel : pandas.DataFrame, optional
        Member-years from ``burden_panel``; when given, adds the values over the 15 members of 1994
        held fixed (ATOP 4.01 dates the 1999 accession of the Czech Republic, Hungary and Poland to the
        December 1997 protocols, so the membership rule counts them from 1997).

    Returns
    -------
    pandas.DataFrame
        year, published_rho, published_n, our_rho, our_n, our_p (and fixed1994_rho, fixed1994_n,
        fixed1994_p with ``panel``); a published year outside ``table`` (or the panel) has missing values.
    """
    fixed = None
    if panel is not None:
        base = panel[(panel.year == 1994) & (panel.status == "used")].ccode
        fixed = burden_correlations(panel, fixed_members=set(base)) if len(base) else None
    rows = []
    for year, value in PUBLISHED_NATO.items():
        ours = table[table["year"] == year] if len(table) else table
        row = {
            "year": year,
            "published_rho": value,
            "published_n": 15,
            "our_rho": float(ours.rho.iloc[0]) if len(ours) else np.nan,
            "our_n": int(ours.n.iloc[0]) if len(ours) else pd.NA,  # a year outside the table is missing
            "our_p": float(ours.p_value.iloc[0]) if len(ours) else np.nan,
        }
        if panel is not None:
            f = fixed[fixed["year"] == year] if fixed is not None and len(fixed) else None
            found = f is not None and len(f) > 0
            row.update(
                {
                    "fixed1994_rho": float(f.rho.iloc[0]) if found else np.nan,
                    "fixed1994_n": int(f.n.iloc[0]) if found else pd.NA,
                    "fixed1994_p": float(f.p_value.iloc[0]) if found else np.nan,
                }
            )
        rows.append(row)
    out = pd.DataFrame(rows)
    for column in ("our_n", "fixed1994_n"):
        if column in out:
            out[column] = out[column].astype("Int64")
    return out


def _citations(con, spending):
    names = ["atop_members", "maddison", "sipri_milex" if spending == "sipri" else "nmc"]
    try:
        from alliancelab.data.warehouse import _citations as citations

        return citations(con, names)
    except Exception:  # citations are a courtesy; the table stands without them
        return names


def plot_correlations(table, path_stem, title="Burden vs size (Spearman rho)"):
    """Draw yearly burden correlations with the published NATO values.

    Parameters
    ----------
    table : pandas.DataFrame
        Yearly correlations (``burden_correlations``).
    path_stem : str or path
        Output path without suffix; ``.html`` and ``.png`` are written.
    title : str, default "Burden vs size (Spearman rho)"
        Figure title.

    Returns
    -------
    The paths written (from ``alliancelab.figures.record.burden_correlations``).
    """
    from alliancelab.figures.record import burden_correlations

    return burden_correlations(table, path_stem, title, published=PUBLISHED_NATO)
