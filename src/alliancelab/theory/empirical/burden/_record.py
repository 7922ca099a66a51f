"""The burden-sharing test on the record: an alliance's members with their spending and GDP by year, the
Spearman correlation of burden and size, and the comparison with published NATO figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from alliancelab.data import country_codes as cc
from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice
from alliancelab.panels.lookup import connection_first, warehouse_connection

NATO_ATOPID = 3180

# Published values: NATO, N = 15, none significant.
PUBLISHED_NATO = {1994: 0.19, 1995: 0.14, 1996: 0.11, 1997: 0.11}


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
