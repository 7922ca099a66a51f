"""Generic panel steps that work on any panel (state-, dyad-, G-W or leader-years):

- ``add_lags``: lag or lead of any column within its unit (peacesciencer users reach for
  ``dplyr::lag`` grouped by unit);
- ``add_spells``: spell number and years since the last event for any 0/1 event column, the general
  form of peace years (peacesciencer's ``add_spells``);
- ``filter_prd``: keep the politically relevant dyads (``filter_prd``);
- ``cite`` / ``print_citations``: the BibTeX of every source a panel used (``ps_cite``).

The unit of a panel is read from its columns (obsid1/obsid2, obsid, gwcode1/gwcode2, gwcode,
ccode1/ccode2 or ccode). Values are never carried across a gap in a unit's years: a lag whose
year is missing for the unit (e.g. Germany 255 in 1946) is missing, and a spell restarts after the gap.
"""

import numpy as np
import pandas as pd

from alliancelab.data.bibtex import entries_for
from alliancelab.data.sources import SOURCES
from alliancelab.errors import ParameterError
from alliancelab.panels.steps_common import add_columns, nullable_int, require_dyadic, unit_columns


def _unit_ids(panel):
    """One int64 id per unit (combining the unit columns), in O(rows)."""
    ids = np.zeros(len(panel), dtype=np.int64)
    for column in unit_columns(panel):
        codes, uniques = pd.factorize(panel[column])
        ids = ids * (len(uniques) + 1) + codes
    return ids


def _unit_year_order(panel, step):
    """(unit id, year, order sorting by unit then year); refuses a panel with repeated unit-years."""
    unit = _unit_ids(panel)
    year = panel["year"].to_numpy().astype(np.int64)
    order = np.lexsort((year, unit))
    u, y = unit[order], year[order]
    repeated = np.flatnonzero((u[1:] == u[:-1]) & (y[1:] == y[:-1]))
    if len(repeated):
        first = panel.iloc[order[repeated[0]]]
        shown = {c: first[c] for c in unit_columns(panel) + ["year"]}
        raise ParameterError(
            f"{step}: the panel has several rows for one unit and year ({shown}); expected one row per unit-year"
        )
    return unit, year, order


def _require_columns(panel, columns, step):
    missing = [c for c in columns if c not in panel.columns]
    if missing:
        raise ParameterError(f"{step}: column(s) {missing} not in the panel; expected some of {list(panel.columns)}")


def add_lags(panel, columns, periods=1):
    """Lag or lead of columns within their unit: ``{column}_lag{k}`` / ``{column}_lead{k}``.

    The value of the same unit ``k`` years earlier (later); missing when the unit has no row that year.

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).
    columns : str or list of str
        The columns to lag.
    periods : int or list of int, default 1
        Lags (> 0) and leads (< 0), e.g. ``[1, 2, -1]``.

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    Examples
    --------
    >>> from alliancelab.panels import state_years
    >>> p = state_years(1990, 1992).add_nmc(columns=("cinc",)).add_lags("cinc")
    >>> bool((p.loc[(p.ccode == 2) & (p.year == 1991), "cinc_lag1"].iloc[0]
    ...       == p.loc[(p.ccode == 2) & (p.year == 1990), "cinc"].iloc[0]))
    True
    """
    columns = [columns] if isinstance(columns, str) else list(columns)
    periods = [periods] if np.isscalar(periods) else list(periods)
    _require_columns(panel, columns, "add_lags")
    if any(int(k) != k or k == 0 for k in periods):
        raise ParameterError(f"argument periods={periods}: expected non-zero whole numbers (1 = lag, -1 = lead)")
    unit, year, order = _unit_year_order(panel, "add_lags")
    key = unit * 10_000 + year
    sorted_key = key[order]
    out = {}
    for k in periods:
        wanted = key - int(k)
        at = np.clip(np.searchsorted(sorted_key, wanted), 0, len(key) - 1)
        found = sorted_key[at] == wanted
        source = np.where(found, order[at], -1)
        for column in columns:
            series = panel[column]
            if series.dtype.kind in "iub":
                series = series.astype("Int64" if series.dtype.kind != "b" else "boolean")
            name = f"{column}_lag{int(k)}" if k > 0 else f"{column}_lead{-int(k)}"
            out[name] = series.array.take(source, allow_fill=True)
    return add_columns(panel, out, [], "add_lags")


def add_spells(panel, event, name=None):
    """Spells of any 0/1 event column within its unit (the general form of peace years).

    - ``{name}_years_since``: years since the unit's last event, 0 in an event year and in the unit's
      first year (and in the first year after a gap or after a year whose event is missing);
    - ``{name}_spell``: the spell number within the unit, 1 from its first year, +1 at each event and
      at each restart.

    Rows whose event is missing get missing values (missing is never read as "no event"). With
    ``event="mid_onset"`` on a non-directed GML panel this reproduces ``add_peace_years``.

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).
    event : str
        A 0/1 event column.
    name : str, optional
        Prefix of the new columns (default: the event column's name).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    Examples
    --------
    >>> from alliancelab.panels import state_years
    >>> p = state_years(1990, 1993)
    >>> p["event"] = (p["year"] == 1991).astype(int)
    >>> usa = p.add_spells("event").query("ccode == 2")
    >>> usa["event_years_since"].tolist(), usa["event_spell"].tolist()
    ([0, 0, 1, 2], [1, 2, 2, 2])
    """
    _require_columns(panel, [event], "add_spells")
    name = name or event
    unit, year, order = _unit_year_order(panel, "add_spells")
    values = pd.Series(panel[event])
    missing = values.isna().to_numpy()
    happened = np.nan_to_num(values.to_numpy(dtype=np.float64, na_value=np.nan)) != 0
    u, y, miss, hit = unit[order], year[order], missing[order], happened[order]
    n = len(order)
    index = np.arange(n)
    start = np.ones(n, dtype=bool)
    if n > 1:
        start[1:] = (u[1:] != u[:-1]) | (y[1:] != y[:-1] + 1) | miss[:-1]
    marker = np.where(start | hit, index, -1)
    since = index - np.maximum.accumulate(marker)
    first_of_unit = np.ones(n, dtype=bool)
    first_of_unit[1:] = u[1:] != u[:-1]
    unit_start = np.maximum.accumulate(np.where(first_of_unit, index, 0)) if n else index
    counts = np.cumsum(start | hit)
    spell = counts - counts[unit_start] + 1
    since_out = np.empty(n, dtype=np.int64)
    spell_out = np.empty(n, dtype=np.int64)
    since_out[order], spell_out[order] = since, spell
    out = {
        f"{name}_years_since": nullable_int(since_out, missing, "Int32"),
        f"{name}_spell": nullable_int(spell_out, missing, "Int32"),
    }
    return add_columns(panel, out, [], "add_spells")


def filter_prd(panel, max_conttype=1, majors="cow"):
    """Keep the politically relevant dyad-years.

    The two are contiguous (COW ``conttype`` between 1 and ``max_conttype``; 1 = land border) or at least
    one is a major power (COW majors, or Maoz's global powers). Adds the contiguity / major-power columns
    it needs when the panel lacks them. Years outside those sources' coverage are dropped (relevance
    unknown).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).
    max_conttype : int, default 1
        Largest COW contiguity type that counts (1-5).
    majors : {"cow", "maoz"}, default "cow"
        Which major powers count.

    Returns
    -------
    Panel
        The relevant rows.

    References
    ----------
    Weede, E. (1976), "Overwhelming preponderance as a pacifying condition among contiguous Asian dyads",
    JCR 20(3): 395-411.
    Lemke, D. and Reed, W. (2001), "The relevance of politically relevant dyads", JOP 63(1): 126-144.
    """
    require_dyadic(panel, "filter_prd")
    if majors not in ("cow", "maoz"):
        raise ParameterError(f"argument majors={majors!r}: expected 'cow' or 'maoz'")
    if not 1 <= int(max_conttype) <= 5:
        raise ParameterError(f"argument max_conttype={max_conttype}: expected 1 (land) .. 5 (400 miles of water)")
    work = panel
    if "conttype" not in work.columns:
        work = work.add_contiguity()
    power = ("major1", "major2") if majors == "cow" else ("maoz_global1", "maoz_global2")
    if power[0] not in work.columns:
        work = work.add_majors() if majors == "cow" else work.add_maoz_powers()
    conttype = pd.Series(work["conttype"]).astype("Float64")
    relevant = conttype.between(1, max_conttype)
    relevant = (
        relevant
        | (pd.Series(work[power[0]]).astype("Float64") == 1)
        | (pd.Series(work[power[1]]).astype("Float64") == 1)
    )
    keep = relevant.fillna(False).to_numpy(dtype=bool)
    out = work[keep].reset_index(drop=True)
    out.attrs = dict(work.attrs)
    return out


def source_names(panel):
    """Warehouse source names behind a panel's ``attrs["sources"]`` citations.

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).

    Returns
    -------
    list of str

    Examples
    --------
    >>> from alliancelab.panels import state_years
    >>> source_names(state_years(1990, 1990).add_majors())
    ['states', 'majors']
    """
    by_text = {f"{s.version}: {s.citation}": s.name for s in SOURCES}
    return [by_text[c] for c in panel.attrs.get("sources", []) if c in by_text]


def cite(panel):
    """BibTeX of every source the panel used (each entry once).

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).

    Returns
    -------
    str
    """
    return entries_for(source_names(panel))


def print_citations(panel):
    """Print ``cite(panel)`` and return it.

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).

    Returns
    -------
    str
        The BibTeX printed.
    """
    text = cite(panel)
    print(text)
    return text
