"""Alliance membership in force (ATOP member level): spells, member-years, members outside the system.

The rules are stated in ``alliancelab.data.facts`` (which re-exports these functions).
"""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice


def alliance_spells(members, count="any_day", entry_dates=None):
    """ATOP 4.01 memberships with their years in force.

    ``count="any_day"`` (default): years yrent..last, last = yrexit, or the last ATOP 4.01 year when
    yrexit = 0. ``count="full_year"``: only years the membership covers entirely (from the year after
    entry unless it began on 1 January, to the year before exit unless it ended on 31 December).

    Parameters
    ----------
    members : pandas.DataFrame or duckdb.DuckDBPyConnection
        The warehouse ``atop_members`` table (a DataFrame) or a DuckDB connection to the warehouse.
    count : {"any_day", "full_year"}, default "any_day"
        Which years a membership counts in.
    entry_dates : pandas.DataFrame, optional
        Columns atopid, member, yrent (and optionally moent, dayent) that replace ATOP's entry dates,
        e.g. with the dates of ratification or accession.

    Returns
    -------
    pandas.DataFrame
        atopid, member, phase, first, last, ``open`` (True when yrexit = 0) and the five obligations
        defense, offense, neutral, nonagg, consul (0/1, blank read as 0).

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty Obligations and
    Provisions, 1815-1944", International Interactions 28: 237-260.
    """
    from alliancelab.data import facts  # imported here: facts re-exports this module

    check_choice("count", count, facts.COUNT_RULES)
    if not isinstance(members, pd.DataFrame):
        members = members.execute("SELECT * FROM atop_members").df()
    m = members.copy()
    if entry_dates is not None:
        m = _override_entries(m, entry_dates)
    exit_year = m["yrexit"].to_numpy()
    is_open = exit_year == 0
    first = m["yrent"].to_numpy().astype(np.int64)
    last = np.where(is_open, facts.ALLIANCE_MEMBERS_LAST, exit_year).astype(np.int64)
    if count == "full_year":
        mo = m["moent"].fillna(1).to_numpy()
        day = m["dayent"].fillna(1).to_numpy()
        first = first + ~((mo == 1) & (day == 1))
        mx = m["moexit"].fillna(12).to_numpy()
        dx = m["dayexit"].fillna(31).to_numpy()
        last = np.where(is_open, last, last - ~((mx == 12) & (dx == 31)))
    out = pd.DataFrame(
        {
            "atopid": m["atopid"].to_numpy(),
            "member": m["member"].to_numpy(),
            "phase": m["phase"].to_numpy(),
            "first": first,
            "last": last,
            "open": is_open,
        }
    )
    for name in facts.OBLIGATIONS:
        out[name] = m[name].fillna(0).to_numpy().astype(np.int8)
    return out


def _override_entries(m, entry_dates):
    for column in ("atopid", "member", "yrent"):
        if column not in entry_dates.columns:
            raise ParameterError(f"argument entry_dates: missing column '{column}'")
    dates = entry_dates.set_index(["atopid", "member"])
    key = pd.MultiIndex.from_frame(m[["atopid", "member"]])
    for column in ("yrent", "moent", "dayent"):
        if column in dates.columns:
            new = dates[column].reindex(key).to_numpy()
            m[column] = np.where(pd.isna(new), m[column].to_numpy(), new)
    return m


def alliance_member_years(spells, start=None, end=None):
    """One row per alliance, member and year in force.

    Parameters
    ----------
    spells : pandas.DataFrame
        Memberships as returned by ``alliance_spells``.
    start, end : int, optional
        Years to keep; all years when None.

    Returns
    -------
    pandas.DataFrame
        atopid, member, year and the five obligations (maximum over the member's phases that year).
    """
    from alliancelab.data import facts  # imported here: facts re-exports this module

    rows, years = facts.spell_years(spells["first"], spells["last"])
    out = pd.DataFrame(
        {"atopid": spells["atopid"].to_numpy()[rows], "member": spells["member"].to_numpy()[rows], "year": years}
    )
    for name in facts.OBLIGATIONS:
        out[name] = spells[name].to_numpy()[rows]
    if start is not None:
        out = out.loc[out["year"] >= start]
    if end is not None:
        out = out.loc[out["year"] <= end]
    return out.groupby(["atopid", "member", "year"], as_index=False)[list(facts.OBLIGATIONS)].max()


def members_outside_system(member_years_frame, spells):
    """Alliance member-years whose member is not a COW system member that year.

    They stay in the warehouse as published; panels and portfolios cover system members only.

    Parameters
    ----------
    member_years_frame : pandas.DataFrame
        Alliance member-years with columns year and member (as from ``alliance_member_years``).
    spells : pandas.DataFrame
        System-membership spells as returned by ``system_spells``.

    Returns
    -------
    pandas.DataFrame
        The rows of ``member_years_frame`` outside the state system.
    """
    from alliancelab.data import facts  # imported here: facts re-exports this module

    ccode, year = facts.member_years(
        spells,
        int(member_years_frame["year"].min()) if len(member_years_frame) else facts.SYSTEM_FIRST,
        facts.SYSTEM_LAST,
    )
    inside = np.isin(
        member_years_frame["year"].to_numpy() * 1000 + member_years_frame["member"].to_numpy(), year * 1000 + ccode
    )
    return member_years_frame.loc[~inside].reset_index(drop=True)
