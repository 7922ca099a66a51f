"""The facts every module uses, computed in one place: system membership, alliance membership in
force, and the years each source covers.

System membership (COW State System Membership 2016, ``cow/states2016.csv``): a state is a member
on every day of each of its spells (``styear/stmonth/stday`` to ``endyear/endmonth/endday``) and a
member in year t when some spell touches t. Two states *coexist* in year t when they are members
on a common day of t; a dyad-year of two states that are members in t but never on the same day
(e.g. Germany 255 and West Germany 260 in 1990) does not exist (Miller 2022, peacesciencer).

Alliance membership (ATOP 4.01 member level): member m of alliance a is in force in every year
from ``yrent`` to ``last``, where ``last = yrexit``, or the last year of ATOP 4.01 coverage when
``yrexit = 0`` (still in force). The exit year counts (the membership touched it). This is the one
exit-year rule; ``count="full_year"`` instead counts only years the membership covers from
1 January to 31 December (see ``alliance_spells``). ATOP 4.01 gives one entry date per member and
phase: the date the state signed the treaty or its accession protocol (for NATO's 1999 enlargement,
16 December 1997); it has no ratification or deposit dates, so a user who needs accession dates
passes them as ``entry_dates``.

Coverage: the first and last year of every source come from its specification in
``alliancelab.data.sources`` (never from year literals in the modules that use it).
"""

import numpy as np
import pandas as pd

from alliancelab.data.sources import SOURCES_BY_NAME
from alliancelab.errors import ParameterError, check_choice, check_range

COUNT_RULES = ("any_day", "full_year")
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


def coverage(name, column=None):
    """(first year, last year) of source ``name`` from its specification; with ``column``, the years
    that column covers when the specification lists fewer for it (``column_coverage``, e.g. V-Dem's
    polyarchy ends in 2019 in a file that runs to 2020), else the source's."""
    if name not in SOURCES_BY_NAME:
        raise ParameterError(f"source {name!r}: expected one of {sorted(SOURCES_BY_NAME)}")
    source = SOURCES_BY_NAME[name]
    if column is not None and column not in source.columns:
        raise ParameterError(f"argument column={column!r}: not a column of source {name!r}; expected one of "
                             f"{sorted(source.columns)}")
    first, last = source.column_coverage.get(column, source.coverage)
    if first is None or last is None:
        raise ParameterError(f"source {name!r} declares no year coverage")
    return first, last


SYSTEM_FIRST, SYSTEM_LAST = coverage("states")
ALLIANCE_MEMBERS_LAST = coverage("atop_members")[1]


def check_years(start, end, source="states"):
    """Raise ParameterError unless first <= start <= end <= last of ``source``'s coverage."""
    low, high = coverage(source)
    check_range("start", start, low, high)
    check_range("end", end, low, high)
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")


def outside(year, source):
    """Boolean array: True where ``year`` lies outside the source's coverage."""
    low, high = coverage(source)
    year = np.asarray(year)
    return (year < low) | (year > high)


def spell_years(first, last):
    """Expand spells [first, last] into (row index, year) pairs."""
    first = np.asarray(first, dtype=np.int64)
    last = np.asarray(last, dtype=np.int64)
    lengths = np.clip(last - first + 1, 0, None)
    rows = np.repeat(np.arange(len(first)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return rows, first[rows] + offsets


# --- system membership --------------------------------------------------------------------------
def system_spells(states):
    """Membership spells with day-level dates: ccode, stateabb, styear, endyear, start, end.

    ``states`` is the warehouse ``states`` table (a DataFrame) or a DuckDB connection.
    """
    if not isinstance(states, pd.DataFrame):
        states = states.execute("SELECT * FROM states ORDER BY ccode, styear").df()
    out = states[["ccode", "stateabb", "styear", "endyear"]].copy()
    out["start"] = pd.to_datetime(dict(year=states["styear"], month=states["stmonth"], day=states["stday"]))
    out["end"] = pd.to_datetime(dict(year=states["endyear"], month=states["endmonth"], day=states["endday"]))
    return out.reset_index(drop=True)


def member_years(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """(ccode, year) arrays of system member-years in start..end, sorted by year then ccode.

    A state counts in every calendar year a spell touches; spells touching one year count once.
    """
    first = np.maximum(spells["styear"].to_numpy(), start)
    last = np.minimum(spells["endyear"].to_numpy(), end)
    rows, years = spell_years(first, last)
    codes = spells["ccode"].to_numpy()[rows]
    key = np.unique(years.astype(np.int64) * 1000 + codes)
    return (key % 1000).astype(np.int64), (key // 1000).astype(np.int64)


def system_members(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """DataFrame (year, ccode) of system members, one row per member-year, sorted."""
    ccode, year = member_years(spells, start, end)
    return pd.DataFrame({"year": year, "ccode": ccode})


def member_days(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """The days of each member-year: ccode, year, first, last (dates), one row per spell and year."""
    first = np.maximum(spells["styear"].to_numpy(), start)
    last = np.minimum(spells["endyear"].to_numpy(), end)
    rows, years = spell_years(first, last)
    jan1 = pd.to_datetime(pd.DataFrame({"year": years, "month": 1, "day": 1})).to_numpy()
    dec31 = pd.to_datetime(pd.DataFrame({"year": years, "month": 12, "day": 31})).to_numpy()
    return pd.DataFrame({"ccode": spells["ccode"].to_numpy()[rows], "year": years,
                         "first": np.maximum(spells["start"].to_numpy()[rows], jan1),
                         "last": np.minimum(spells["end"].to_numpy()[rows], dec31),
                         "partial": (spells["start"].to_numpy()[rows] > jan1)
                         | (spells["end"].to_numpy()[rows] < dec31)})


def non_coexisting(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """Ordered pairs (year, ccode1, ccode2) both members in the year but never on the same day.

    Only member-years that cover part of a year can fail to meet, so only those are compared.
    """
    days = member_days(spells, start, end)
    partial = days.loc[days["partial"]]
    pairs = partial.merge(days, on="year", suffixes=("1", "2"))
    pairs = pairs.loc[pairs["ccode1"] != pairs["ccode2"]]
    pairs["meet"] = np.maximum(pairs["first1"], pairs["first2"]) <= np.minimum(pairs["last1"], pairs["last2"])
    met = pairs.groupby(["year", "ccode1", "ccode2"], as_index=False)["meet"].any()
    apart = met.loc[~met["meet"], ["year", "ccode1", "ccode2"]]
    both = pd.concat([apart, apart.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    return both.drop_duplicates().sort_values(["year", "ccode1", "ccode2"]).reset_index(drop=True)


def dyad_key(year, ccode1, ccode2):
    """One integer per directed dyad-year (for membership tests with np.isin)."""
    return (np.asarray(year, dtype=np.int64) * 1000 + np.asarray(ccode1, dtype=np.int64)) * 1000 \
        + np.asarray(ccode2, dtype=np.int64)


# --- alliance membership -------------------------------------------------------------------------
def alliance_spells(members, count="any_day", entry_dates=None):
    """ATOP 4.01 memberships with their years in force: atopid, member, phase, first, last,
    the five obligations (0/1, blank read as 0) and ``open`` (True when yrexit = 0).

    ``members`` is the warehouse ``atop_members`` table (DataFrame) or a DuckDB connection.
    ``count="any_day"`` (default): years yrent..last, last = yrexit or the last ATOP 4.01 year when
    yrexit = 0. ``count="full_year"``: only years the membership covers entirely (from the year after
    entry unless it began on 1 January, to the year before exit unless it ended on 31 December).
    ``entry_dates``: optional DataFrame atopid, member, yrent (and optionally moent, dayent) that
    replaces ATOP's entry dates, e.g. with the dates of ratification or accession.
    """
    check_choice("count", count, COUNT_RULES)
    if not isinstance(members, pd.DataFrame):
        members = members.execute("SELECT * FROM atop_members").df()
    m = members.copy()
    if entry_dates is not None:
        m = _override_entries(m, entry_dates)
    exit_year = m["yrexit"].to_numpy()
    is_open = exit_year == 0
    first = m["yrent"].to_numpy().astype(np.int64)
    last = np.where(is_open, ALLIANCE_MEMBERS_LAST, exit_year).astype(np.int64)
    if count == "full_year":
        mo = m["moent"].fillna(1).to_numpy()
        day = m["dayent"].fillna(1).to_numpy()
        first = first + ~((mo == 1) & (day == 1))
        mx = m["moexit"].fillna(12).to_numpy()
        dx = m["dayexit"].fillna(31).to_numpy()
        last = np.where(is_open, last, last - ~((mx == 12) & (dx == 31)))
    out = pd.DataFrame({"atopid": m["atopid"].to_numpy(), "member": m["member"].to_numpy(),
                        "phase": m["phase"].to_numpy(), "first": first, "last": last, "open": is_open})
    for name in OBLIGATIONS:
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
    """One row per alliance, member and year in force: atopid, member, year, the obligations
    (maximum over the member's phases that year)."""
    rows, years = spell_years(spells["first"], spells["last"])
    out = pd.DataFrame({"atopid": spells["atopid"].to_numpy()[rows], "member": spells["member"].to_numpy()[rows],
                        "year": years})
    for name in OBLIGATIONS:
        out[name] = spells[name].to_numpy()[rows]
    if start is not None:
        out = out.loc[out["year"] >= start]
    if end is not None:
        out = out.loc[out["year"] <= end]
    return out.groupby(["atopid", "member", "year"], as_index=False)[list(OBLIGATIONS)].max()


def members_outside_system(member_years_frame, spells):
    """Alliance member-years whose member is not a COW system member that year (kept in the
    warehouse as published; panels and portfolios cover system members only)."""
    ccode, year = member_years(spells, int(member_years_frame["year"].min()) if len(member_years_frame)
                               else SYSTEM_FIRST, SYSTEM_LAST)
    inside = np.isin(member_years_frame["year"].to_numpy() * 1000 + member_years_frame["member"].to_numpy(),
                     year * 1000 + ccode)
    return member_years_frame.loc[~inside].reset_index(drop=True)


# --- geography in a year -------------------------------------------------------------------------
def capitals_at_year_end(capitals, year):
    """The capital of each state in force at the end of ``year`` (the later spell in a year of
    change), as the panels' ``add_capital_distance`` reads it: DataFrame ccode, lat, lng.

    ``capitals`` is the warehouse ``capitals`` table (DataFrame) or a DuckDB connection.
    """
    if not isinstance(capitals, pd.DataFrame):
        capitals = capitals.execute("SELECT * FROM capitals").df()
    first = pd.to_datetime(capitals["stdate"]).dt.year
    last = pd.to_datetime(capitals["enddate"]).dt.year
    touching = capitals.loc[(first <= year) & (last >= year)]
    touching = touching.sort_values(["ccode", "stdate"]).drop_duplicates("ccode", keep="last")
    return touching[["ccode", "lat", "lng"]].reset_index(drop=True)


def contiguity_in_year(contiguity, year):
    """COW direct contiguity of each pair in ``year``: the closest type among the spells touching the
    year; spells coded 0 (periods without contiguity) never hide a border recorded in the same year
    (the rule of the panels' ``add_contiguity``). DataFrame ccode1, ccode2, conttype (both
    directions as the source lists them; pairs without a border are absent).

    ``contiguity`` is the warehouse ``contiguity`` table (DataFrame) or a DuckDB connection.
    Stinnett, Tir, Schafer, Diehl & Gochman 2002.
    """
    if not isinstance(contiguity, pd.DataFrame):
        contiguity = contiguity.execute("SELECT * FROM contiguity").df()
    first = pd.to_datetime(contiguity["stdate"]).dt.year
    last = pd.to_datetime(contiguity["enddate"]).dt.year
    rows = contiguity.loc[(contiguity["conttype"] > 0) & (first <= year) & (last >= year)]
    return rows.groupby(["ccode1", "ccode2"], as_index=False)["conttype"].min()
