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

The alliance-membership functions live in ``_alliance_facts.py`` and are re-exported here. Kept in one
module because system membership by day and by year and the coverage of every source are one set of facts
that the rest of the package reads together; splitting them would scatter the one place that owns them.
"""

import numpy as np
import pandas as pd

from alliancelab.data.sources import SOURCES_BY_NAME
from alliancelab.errors import ParameterError, check_range

COUNT_RULES = ("any_day", "full_year")
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


def coverage(name, column=None):
    """First and last year of a source, from its specification.

    Parameters
    ----------
    name : str
        A source name of ``alliancelab.data.sources`` (e.g. ``"states"``, ``"atop_members"``).
    column : str, optional
        A column whose years the specification lists separately (``column_coverage``, e.g. V-Dem's
        polyarchy ends in 2019 in a file that runs to 2020); other columns get the source's years.

    Returns
    -------
    tuple of int
        ``(first year, last year)``.

    Raises
    ------
    ParameterError
        When the source is unknown or declares no year coverage.

    Examples
    --------
    >>> coverage("states")[0]
    1816
    """
    if name not in SOURCES_BY_NAME:
        raise ParameterError(f"source {name!r}: expected one of {sorted(SOURCES_BY_NAME)}")
    source = SOURCES_BY_NAME[name]
    if column is not None and column not in source.columns:
        raise ParameterError(
            f"argument column={column!r}: not a column of source {name!r}; expected one of {sorted(source.columns)}"
        )
    first, last = source.column_coverage.get(column, source.coverage)
    if first is None or last is None:
        raise ParameterError(f"source {name!r} declares no year coverage")
    return first, last


SYSTEM_FIRST, SYSTEM_LAST = coverage("states")
ALLIANCE_MEMBERS_LAST = coverage("atop_members")[1]


def check_years(start, end, source="states"):
    """Refuse years outside a source's coverage.

    Requires ``first <= start <= end <= last`` of ``source``'s coverage.

    Parameters
    ----------
    start, end : int
        First and last year asked for.
    source : str, default "states"
        The source whose coverage bounds the years.

    Raises
    ------
    ParameterError
        Naming the argument when a year is out of range or ``start > end``.

    Examples
    --------
    >>> check_years(1900, 1950)
    """
    low, high = coverage(source)
    check_range("start", start, low, high)
    check_range("end", end, low, high)
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")


def outside(year, source):
    """Which years lie outside a source's coverage.

    Parameters
    ----------
    year : int or array of int
        Years.
    source : str
        A source name of ``alliancelab.data.sources``.

    Returns
    -------
    numpy.ndarray of bool
        True where ``year`` is before the first or after the last year of the source.

    Examples
    --------
    >>> outside([1700, 1900], "states").tolist()
    [True, False]
    """
    low, high = coverage(source)
    year = np.asarray(year)
    return (year < low) | (year > high)


def spell_years(first, last):
    """Expand spells ``[first, last]`` (both years included) into (row, year) pairs.

    Parameters
    ----------
    first, last : array of int
        First and last year of each spell; a spell with ``last < first`` gives no rows.

    Returns
    -------
    rows : numpy.ndarray of int
        The index of the spell of each pair.
    years : numpy.ndarray of int
        The year of each pair.

    Examples
    --------
    >>> rows, years = spell_years([1990, 2000], [1991, 2000])
    >>> rows.tolist(), years.tolist()
    ([0, 0, 1], [1990, 1991, 2000])
    """
    first = np.asarray(first, dtype=np.int64)
    last = np.asarray(last, dtype=np.int64)
    lengths = np.clip(last - first + 1, 0, None)
    rows = np.repeat(np.arange(len(first)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return rows, first[rows] + offsets


# --- system membership --------------------------------------------------------------------------
def system_spells(states):
    """COW system-membership spells with day-level dates.

    Parameters
    ----------
    states : pandas.DataFrame or duckdb.DuckDBPyConnection
        The warehouse ``states`` table (a DataFrame) or a DuckDB connection to the warehouse.

    Returns
    -------
    pandas.DataFrame
        Columns ccode, stateabb, styear, endyear (and statenme when the table has it), start, end (dates).

    References
    ----------
    Correlates of War Project (2017), State System Membership List, v2016.
    """
    if not isinstance(states, pd.DataFrame):
        states = states.execute("SELECT * FROM states ORDER BY ccode, styear").df()
    out = states[["ccode", "stateabb", "styear", "endyear"] + (["statenme"] if "statenme" in states else [])].copy()
    out["start"] = pd.to_datetime(dict(year=states["styear"], month=states["stmonth"], day=states["stday"]))
    out["end"] = pd.to_datetime(dict(year=states["endyear"], month=states["endmonth"], day=states["endday"]))
    return out.reset_index(drop=True)


def member_years(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """System member-years in ``start..end``.

    A state counts in every calendar year a spell touches; spells touching one year count once.

    Parameters
    ----------
    spells : pandas.DataFrame
        Spells as returned by ``system_spells``.
    start, end : int, default the first and last year of the states source
        Years to keep.

    Returns
    -------
    ccode, year : numpy.ndarray of int
        One entry per member-year, sorted by year then ccode.
    """
    first = np.maximum(spells["styear"].to_numpy(), start)
    last = np.minimum(spells["endyear"].to_numpy(), end)
    rows, years = spell_years(first, last)
    codes = spells["ccode"].to_numpy()[rows]
    key = np.unique(years.astype(np.int64) * 1000 + codes)
    return (key % 1000).astype(np.int64), (key // 1000).astype(np.int64)


def system_members(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """System members, one row per member-year.

    Parameters
    ----------
    spells : pandas.DataFrame
        Spells as returned by ``system_spells``.
    start, end : int, default the first and last year of the states source
        Years to keep.

    Returns
    -------
    pandas.DataFrame
        Columns year, ccode, sorted by year then ccode.
    """
    ccode, year = member_years(spells, start, end)
    return pd.DataFrame({"year": year, "ccode": ccode})


def member_days(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """The days of each member-year.

    Parameters
    ----------
    spells : pandas.DataFrame
        Spells as returned by ``system_spells``.
    start, end : int, default the first and last year of the states source
        Years to keep.

    Returns
    -------
    pandas.DataFrame
        One row per spell and year: ccode, year, first and last day (dates) of membership in that year,
        and ``partial`` (True when membership does not cover the whole year).
    """
    first = np.maximum(spells["styear"].to_numpy(), start)
    last = np.minimum(spells["endyear"].to_numpy(), end)
    rows, years = spell_years(first, last)
    jan1 = pd.to_datetime(pd.DataFrame({"year": years, "month": 1, "day": 1})).to_numpy()
    dec31 = pd.to_datetime(pd.DataFrame({"year": years, "month": 12, "day": 31})).to_numpy()
    return pd.DataFrame(
        {
            "ccode": spells["ccode"].to_numpy()[rows],
            "year": years,
            "first": np.maximum(spells["start"].to_numpy()[rows], jan1),
            "last": np.minimum(spells["end"].to_numpy()[rows], dec31),
            "partial": (spells["start"].to_numpy()[rows] > jan1) | (spells["end"].to_numpy()[rows] < dec31),
        }
    )


def non_coexisting(spells, start=SYSTEM_FIRST, end=SYSTEM_LAST):
    """Pairs of states both members in a year but never on the same day.

    Two states coexist in year t when they are members on a common day of t. Only member-years that cover
    part of a year can fail to meet, so only those are compared.

    Parameters
    ----------
    spells : pandas.DataFrame
        Spells as returned by ``system_spells``.
    start, end : int, default the first and last year of the states source
        Years to keep.

    Returns
    -------
    pandas.DataFrame
        Ordered pairs: year, ccode1, ccode2 (both directions), sorted.

    References
    ----------
    Miller, S. V. (2022), "peacesciencer: An R Package for Quantitative Peace Science Research",
    Conflict Management and Peace Science 39(6): 755-779.
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
    """One integer per directed dyad-year, for membership tests with ``numpy.isin``.

    key = (year * 1000 + ccode1) * 1000 + ccode2.

    Parameters
    ----------
    year, ccode1, ccode2 : int or array of int
        Year and the two COW state codes.

    Returns
    -------
    numpy.ndarray of int64 (or int64 scalar)

    Examples
    --------
    >>> int(dyad_key(1990, 2, 200))
    1990002200
    """
    return (np.asarray(year, dtype=np.int64) * 1000 + np.asarray(ccode1, dtype=np.int64)) * 1000 + np.asarray(
        ccode2, dtype=np.int64
    )


# --- geography in a year -------------------------------------------------------------------------
def capitals_at_year_end(capitals, year):
    """The capital of each state in force at the end of a year.

    In a year of change the later spell counts, as the panels' ``add_capital_distance`` reads it.

    Parameters
    ----------
    capitals : pandas.DataFrame or duckdb.DuckDBPyConnection
        The warehouse ``capitals`` table (a DataFrame) or a DuckDB connection to the warehouse.
    year : int
        The year.

    Returns
    -------
    pandas.DataFrame
        Columns ccode, lat, lng.
    """
    if not isinstance(capitals, pd.DataFrame):
        capitals = capitals.execute("SELECT * FROM capitals").df()
    first = pd.to_datetime(capitals["stdate"]).dt.year
    last = pd.to_datetime(capitals["enddate"]).dt.year
    touching = capitals.loc[(first <= year) & (last >= year)]
    touching = touching.sort_values(["ccode", "stdate"]).drop_duplicates("ccode", keep="last")
    return touching[["ccode", "lat", "lng"]].reset_index(drop=True)


def contiguity_in_year(contiguity, year):
    """COW direct contiguity of each pair in a year.

    The closest type among the spells touching the year; spells coded 0 (periods without contiguity)
    never hide a border recorded in the same year (the rule of the panels' ``add_contiguity``).

    Parameters
    ----------
    contiguity : pandas.DataFrame or duckdb.DuckDBPyConnection
        The warehouse ``contiguity`` table (a DataFrame) or a DuckDB connection to the warehouse.
    year : int
        The year.

    Returns
    -------
    pandas.DataFrame
        Columns ccode1, ccode2, conttype (both directions as the source lists them; pairs without a
        border are absent).

    References
    ----------
    Stinnett, D. M., Tir, J., Schafer, P., Diehl, P. F. and Gochman, C. (2002), "The Correlates of War
    Project Direct Contiguity Data, Version 3", Conflict Management and Peace Science 19(2): 58-66.
    """
    if not isinstance(contiguity, pd.DataFrame):
        contiguity = contiguity.execute("SELECT * FROM contiguity").df()
    first = pd.to_datetime(contiguity["stdate"]).dt.year
    last = pd.to_datetime(contiguity["enddate"]).dt.year
    rows = contiguity.loc[(contiguity["conttype"] > 0) & (first <= year) & (last >= year)]
    return rows.groupby(["ccode1", "ccode2"], as_index=False)["conttype"].min()


# alliance membership in force: its own module, re-exported here
from alliancelab.data._alliance_facts import (  # noqa: E402, F401
    alliance_member_years,
    alliance_spells,
    members_outside_system,
)

__all__ = [
    "COUNT_RULES",
    "OBLIGATIONS",
    "SYSTEM_FIRST",
    "SYSTEM_LAST",
    "ALLIANCE_MEMBERS_LAST",
    "coverage",
    "check_years",
    "outside",
    "spell_years",
    "system_spells",
    "member_years",
    "system_members",
    "member_days",
    "non_coexisting",
    "dyad_key",
    "alliance_spells",
    "alliance_member_years",
    "members_outside_system",
    "capitals_at_year_end",
    "contiguity_in_year",
]
