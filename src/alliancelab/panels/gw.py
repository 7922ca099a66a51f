"""The Gleditsch-Ward state system as a second system for panels, and code translation between the
Gleditsch-Ward (G-W) and Correlates of War (COW) codes.

``state_years(system="gw")`` / ``dyad_years(system="gw")`` build the panels from the G-W spells
(``geo/gw_states.csv``): a G-W state-year is a G-W state in a calendar year its spell touches (the
rule the COW panels use), 1816-2017. The rows carry ``gwcode`` and the COW code of the same state
that year, ``ccode`` (missing where the state is in the G-W system only, e.g. the Orange Free State).

Translation goes through the year-level crosswalk ``geo/cow_gw_years.csv.gz`` (both directions):

- COW -> G-W: the crosswalk row with that ``ccode`` in that year and a G-W code (at most one: the
  warehouse check below guarantees it). Missing when the state is COW-only that year.
- G-W -> COW: the crosswalk rows with that ``gwcode`` in that year and a COW code. In a year when one
  G-W state corresponds to two COW states (G-W keeps 260 for Germany and 678 for Yemen across
  unification, COW switches to 255 and 679 in 1990) the **successor rule** applies: take the COW
  code that continues into the next year under the same G-W code; if none or several do, the
  smallest code (there is no such case in the 2016 data). Missing when the state is G-W-only.

A COW-coded step (``add_nmc``, ``add_democracy``...) on a G-W panel runs on the rows with COW codes
and leaves the others missing (``through_cow``); use the panel methods for this, e.g.
``state_years(1990, 1991, system="gw").add_nmc()``.

References
----------
Gleditsch, K. S. and Ward, M. D. (1999), "A revised list of independent states since the Congress
of Vienna", International Interactions 25(4): 393-413. Miller, S. V. (2022), peacesciencer.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import DataValidationError, ParameterError, check_range
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup

GW_FIRST, GW_LAST = facts.coverage("gw_states")  # (1816, 2017)
NO_CODE = -1


def _path(warehouse):
    return None if warehouse is None else str(warehouse)


def gw_spell_years(lookup):
    """Every Gleditsch-Ward state-year 1816-2017, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    gwcode, year : numpy.ndarray of int64
        Unique state-years, sorted by year then gwcode.

    References
    ----------
    Gleditsch, K. S. and Ward, M. D. (1999), "A revised list of independent states since the Congress of
    Vienna", International Interactions 25(4): 393-413.
    """

    def build():
        spells = lookup.table("gw_states")
        first = pd.to_datetime(spells["startdate"]).dt.year.to_numpy()
        last = pd.to_datetime(spells["enddate"]).dt.year.to_numpy()
        lengths = last - first + 1
        code = np.repeat(spells["gwcode"].to_numpy(), lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        year = np.repeat(first, lengths) + offsets
        key = np.unique(year.astype(np.int64) * 1000 + code)
        return (key % 1000).astype(np.int64), (key // 1000).astype(np.int64)

    return lookup.cached("gw_spell_years", build)


def crosswalk_arrays(lookup):
    """The COW / Gleditsch-Ward code crosswalk as dense arrays, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    gw_to_cow, cow_to_gw : numpy.ndarray of int16
        Indexed [code 0..999, year - 1815]; ``NO_CODE`` where the code has no translation that year.
    """

    def build():
        cw = lookup.table("cow_gw_years")
        both = cw[cw["ccode"].notna() & cw["gwcode"].notna()][["gwcode", "ccode", "year"]].astype(np.int64)
        duplicated = both.duplicated(["ccode", "year"], keep=False)
        if duplicated.any():
            row = both[duplicated].iloc[0]
            raise DataValidationError(
                f"geo/cow_gw_years.csv.gz: COW code {row['ccode']} has several G-W codes in "
                f"{row['year']}; expected at most one G-W code per ccode and year"
            )
        yr = both["year"].to_numpy() - YEAR0
        ok = (yr >= 0) & (yr < NYEARS)
        cow_to_gw = np.full((1000, NYEARS), NO_CODE, dtype=np.int16)
        cow_to_gw[both["ccode"].to_numpy()[ok], yr[ok]] = both["gwcode"].to_numpy()[ok]
        # successor rule for G-W codes with two COW codes in one year
        pairs = set(zip(both["gwcode"], both["ccode"], both["year"]))
        both["continues"] = [(g, c, y + 1) in pairs for g, c, y in zip(both["gwcode"], both["ccode"], both["year"])]
        both = both.sort_values(["gwcode", "year", "continues", "ccode"], ascending=[True, True, False, True])
        chosen = both.drop_duplicates(["gwcode", "year"], keep="first")
        yr = chosen["year"].to_numpy() - YEAR0
        ok = (yr >= 0) & (yr < NYEARS)
        gw_to_cow = np.full((1000, NYEARS), NO_CODE, dtype=np.int16)
        gw_to_cow[chosen["gwcode"].to_numpy()[ok], yr[ok]] = chosen["ccode"].to_numpy()[ok]
        return gw_to_cow, cow_to_gw

    return lookup.cached("crosswalk", build)


def translate_codes(array, codes, year):
    """Translate country codes year by year through a crosswalk array (COW <-> Gleditsch-Ward).

    Parameters
    ----------
    array : numpy.ndarray
        A crosswalk from ``crosswalk_arrays`` (code x year offset -> other system's code, ``NO_CODE`` if none).
    codes, year : array-like of int
        The codes to translate and their years.

    Returns
    -------
    numpy.ndarray of int64
        The translated codes; ``NO_CODE`` for codes or years outside the crosswalk.

    Examples
    --------
    >>> gw_to_cow, cow_to_gw = crosswalk_arrays(Lookup.get())  # doctest: +SKIP
    >>> translate_codes(gw_to_cow, [260], [1950])  # doctest: +SKIP
    array([255])
    """
    codes = np.asarray(codes, dtype=np.int64)
    yr = np.asarray(year, dtype=np.int64) - YEAR0
    ok = (codes >= 0) & (codes < 1000) & (yr >= 0) & (yr < NYEARS)
    out = np.full(len(codes), NO_CODE, dtype=np.int64)
    out[ok] = array[codes[ok], yr[ok]]
    return out


def cow_to_gw(ccode, year, warehouse=None):
    """G-W codes of COW states in given years.

    Parameters
    ----------
    ccode : int or array of int
        COW state codes.
    year : int or array of int
        Years.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.array of Int64
        Missing where the state is COW-only.

    Examples
    --------
    >>> cow_to_gw([255, 679, 221], [1991, 1991, 2000]).tolist()
    [260, 678, <NA>]
    """
    lookup = Lookup.get(warehouse)
    codes = translate_codes(crosswalk_arrays(lookup)[1], ccode, year)
    return nullable_codes(codes)


def gw_to_cow(gwcode, year, warehouse=None):
    """COW codes of G-W states in given years (successor rule in years of change).

    Parameters
    ----------
    gwcode : int or array of int
        G-W state codes.
    year : int or array of int
        Years.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.array of Int64
        Missing where the state is G-W-only.

    Examples
    --------
    >>> gw_to_cow([260, 260, 260, 564], [1989, 1990, 1991, 1900]).tolist()
    [260, 255, 255, <NA>]
    """
    lookup = Lookup.get(warehouse)
    codes = translate_codes(crosswalk_arrays(lookup)[0], gwcode, year)
    return nullable_codes(codes)


def nullable_codes(codes):
    """A nullable Int64 column from translated codes, with ``NO_CODE`` as missing.

    Parameters
    ----------
    codes : numpy.ndarray of int64
        Codes from ``translate_codes``.

    Returns
    -------
    pandas.arrays.IntegerArray

    Examples
    --------
    >>> nullable_codes(np.array([2, NO_CODE])).isna().tolist()
    [False, True]
    """
    return pd.arrays.IntegerArray(np.where(codes == NO_CODE, 0, codes).astype(np.int64), codes == NO_CODE)


def _check_years(start, end):
    check_range("start", start, GW_FIRST, GW_LAST)
    check_range("end", end, GW_FIRST, GW_LAST)
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")


def _gw_attrs(lookup, warehouse, unit, directed):
    return {
        "unit": unit,
        "directed": directed,
        "warehouse": _path(warehouse),
        "system": "gw",
        "sources": lookup.citations(["gw_states", "cow_gw_years"]),
    }


def gw_state_years(start=GW_FIRST, end=facts.SYSTEM_LAST, warehouse=None):
    """Gleditsch-Ward state-years start..end (the G-W list runs 1816-2017).

    Parameters
    ----------
    start, end : int, default the first G-W year and the last COW system year
        First and last year.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    Panel
        Columns gwcode, stateabb, year, ccode (COW, nullable).

    References
    ----------
    Gleditsch, K. S. and Ward, M. D. (1999), "A revised list of independent states since the Congress of
    Vienna", International Interactions 25(4): 393-413.
    """
    from alliancelab.panels.frame import Panel

    _check_years(start, end)
    lookup = Lookup.get(warehouse)
    code, year = gw_spell_years(lookup)
    keep = (year >= start) & (year <= end)
    code, year = code[keep], year[keep]
    names = lookup.table("gw_states").drop_duplicates("gwcode").set_index("gwcode")["stateabb"]
    abbreviation = np.array([names.get(c, "") for c in range(1000)], dtype=object)
    ccode = translate_codes(crosswalk_arrays(lookup)[0], code, year)
    panel = Panel({"gwcode": code, "stateabb": abbreviation[code], "year": year, "ccode": nullable_codes(ccode)})
    panel.attrs = _gw_attrs(lookup, warehouse, "state", False)
    return panel


def gw_dyad_years(start=GW_FIRST, end=facts.SYSTEM_LAST, directed=True, warehouse=None):
    """Gleditsch-Ward dyad-years: ordered pairs of G-W members (or gwcode1 < gwcode2).

    Parameters
    ----------
    start, end : int, default the first G-W year and the last COW system year
        First and last year.
    directed : bool, default True
        Ordered pairs, else pairs with gwcode1 < gwcode2.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    Panel
        Columns gwcode1, gwcode2, year and the COW codes ccode1, ccode2 (nullable).
    """
    from alliancelab.panels.frame import Panel

    _check_years(start, end)
    lookup = Lookup.get(warehouse)
    code, year = gw_spell_years(lookup)
    keep = (year >= start) & (year <= end)
    code, year = code[keep], year[keep]
    bounds = np.flatnonzero(np.diff(year, prepend=-1, append=-1))
    parts1, parts2, parts_year = [], [], []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        members = code[lo:hi]
        n = len(members)
        first, second = np.repeat(members, n), np.tile(members, n)
        keep = first != second if directed else first < second
        parts1.append(first[keep])
        parts2.append(second[keep])
        parts_year.append(np.full(keep.sum(), year[lo], dtype=np.int64))
    g1, g2, yr = np.concatenate(parts1), np.concatenate(parts2), np.concatenate(parts_year)
    gw_to = crosswalk_arrays(lookup)[0]
    panel = Panel(
        {
            "gwcode1": g1,
            "gwcode2": g2,
            "year": yr,
            "ccode1": nullable_codes(translate_codes(gw_to, g1, yr)),
            "ccode2": nullable_codes(translate_codes(gw_to, g2, yr)),
        }
    )
    panel.attrs = _gw_attrs(lookup, warehouse, "dyad", bool(directed))
    return panel


def through_cow(panel, step, **options):
    """Run a COW-coded step on the rows of a G-W panel that have COW codes; other rows get missing.

    The new columns are aligned back onto every row of ``panel`` (float columns NaN, nullable integer
    columns <NA>); citations of the step's sources are added to the panel's.

    Parameters
    ----------
    panel : Panel
        A G-W (or leader) panel with COW code columns.
    step : callable
        A step ``step(panel, **options)`` on COW-coded panels.
    **options
        Passed to the step.

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.
    """
    from alliancelab.panels.frame import Panel

    code_columns = [c for c in ("ccode1", "ccode2") if c in panel.columns] or ["ccode"]
    have = np.ones(len(panel), dtype=bool)
    for column in code_columns:
        have &= panel[column].notna().to_numpy()
    sub = Panel(pd.DataFrame(panel)[have])
    for column in code_columns:
        sub[column] = sub[column].astype(np.int64)
    sub.attrs = dict(panel.attrs, system="cow")
    result = step(sub, **options)
    out = panel.copy(deep=False)
    for column in result.columns:
        if column not in panel.columns:
            out[column] = result[column].reindex(panel.index)
    out.attrs = dict(panel.attrs)
    cited = list(panel.attrs.get("sources", []))
    cited += [c for c in result.attrs.get("sources", []) if c not in cited]
    out.attrs["sources"] = cited
    return out


def add_gwcode(panel):
    """The G-W code of each COW state that year, through the crosswalk.

    ``gwcode`` (state panel) or ``gwcode1`` / ``gwcode2`` (dyad panel); missing where the state is
    COW-only (e.g. Bavaria).

    Parameters
    ----------
    panel : Panel
        A state-year panel, or a dyad-year panel (columns for both states, suffixes 1 and 2).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.
    """
    from alliancelab.panels.steps_common import add_columns, panel_sides

    lookup = Lookup.get(panel.attrs.get("warehouse"))
    cow_to = crosswalk_arrays(lookup)[1]
    year = panel["year"].to_numpy()
    out = {
        f"gwcode{suffix}": nullable_codes(translate_codes(cow_to, ccode, year)) for suffix, ccode in panel_sides(panel)
    }
    return add_columns(panel, out, ["cow_gw_years"], "add_gwcode")
