"""Similarity of dyads: the most similar pairs of a year, every dyad-year of a period, and joined onto a dyad-year
panel (with the resolution of state names and the deprecation of ``con=``).
"""

import numpy as np
import pandas as pd

from alliancelab.data.source import deprecated_con, warehouse_connection
from alliancelab.errors import ParameterError
from alliancelab.measures.portfolios import (
    FIRST_YEAR,
    LAST_YEAR,
    _load_portfolios,
    check_years,
    load_portfolios,
)
from alliancelab.measures.similarity._crosstab import (
    _resolve,
    _split,
)
from alliancelab.measures.similarity._formulas import single_threaded_blas
from alliancelab.measures.similarity._years import year_similarity


@deprecated_con
def similar_pairs(portfolio, ccodes, measures=("s_weighted", "s_unweighted", "kappa"), warehouse=None, con=None):
    """Every pair among ``ccodes`` (e.g. the major powers) in one year, most similar first.

    Parameters
    ----------
    portfolio : Portfolio
        One year's alliance portfolios (``load_portfolios``).
    ccodes : sequence or str
        COW codes, abbreviations or names (``alliancelab.data.names.resolve_state``; a string is
        split at commas). A name resolves to the state that is a member in the portfolio's year
        ("Germany": 255 in 1913, 260 in 1970); states that are not members that year are skipped.
    measures : sequence of str
        Names from ``MEASURES``; the first one sorts the table (descending).
    warehouse : path, optional
        The warehouse whose COW state list resolves names (default: the configured one; codes given
        as numbers need no warehouse). ``con`` (deprecated): an open connection instead.

    Returns
    -------
    DataFrame
        ccode1 < ccode2, year, one column per measure, most similar first.

    Examples
    --------
    >>> p = load_portfolios(1913, 1913)[0]  # doctest: +SKIP
    >>> similar_pairs(p, ["United Kingdom", "FRN", "Russia", 255])  # doctest: +SKIP

    References
    ----------
    Signorino, C. S. and Ritter, J. M. (1999), "Tau-b or Not Tau-b: Measuring the Similarity of
    Foreign Policy Positions", International Studies Quarterly 43(1): 115-144.
    """
    measures = _split(measures)[0]
    codes = _codes_in_year(ccodes, portfolio.year, warehouse, con)
    keep = np.isin(portfolio.ccodes, codes)
    if keep.sum() < 2:
        return pd.DataFrame(columns=["ccode1", "ccode2", "year"] + measures)
    table = year_similarity(portfolio, measures)
    chosen = set(portfolio.ccodes[keep].tolist())
    table = table.loc[table["ccode1"].isin(chosen) & table["ccode2"].isin(chosen)]
    return table.sort_values(measures[0], ascending=False, kind="stable").reset_index(drop=True)


def _codes_in_year(values, year, warehouse=None, con=None, argument="ccodes"):
    """COW codes of ``values`` (numbers kept as they are; names resolved, the member in ``year`` first)."""
    names = _names_of(warehouse, con)
    if isinstance(values, str):
        values = [v for v in values.split(",") if v.strip()]
    out = []
    for value in values:
        if isinstance(value, (int, np.integer)):
            out.append(int(value))
            continue
        try:
            out.append(names.resolve(value, year, argument))
        except ParameterError:  # unknown: raises again; known but not a member in the year: skipped later
            out.append(names.resolve(value, None, argument))
    return out


def _state_in_period(value, start, end, warehouse=None, con=None, argument="state"):
    """COW code of ``value``: the state that is a member in ``start``, else in ``end``, else the first match
    (so "Germany" over 1955-1989 is West Germany 260 and over 1816-1945 Germany 255)."""
    names = _names_of(warehouse, con)
    for year in (start, end):
        try:
            return names.resolve(value, year, argument)
        except ParameterError:
            pass
    return names.resolve(value, None, argument)


def _names_of(warehouse=None, con=None):
    """The COW ``StateNames`` read through ``con`` when the caller holds one, else of ``warehouse``."""
    from alliancelab.data import facts
    from alliancelab.data.names import StateNames, state_names

    if con is not None:
        return StateNames.from_spells(facts.system_spells(con))
    return state_names(warehouse)


def _drop_non_coexisting(table, con, start, end):
    from alliancelab.data import facts

    apart = facts.non_coexisting(facts.system_spells(con), start, end)
    if apart.empty or table.empty:
        return table
    keys = facts.dyad_key(apart["year"], apart["ccode1"], apart["ccode2"])
    keep = ~np.isin(facts.dyad_key(table["year"], table["ccode1"], table["ccode2"]), keys)
    return table.loc[keep].reset_index(drop=True)


@deprecated_con
def dyad_similarity(
    start=FIRST_YEAR,
    end=LAST_YEAR,
    measures=None,
    direction=None,
    disagreement="quadratic",
    con=None,
    portfolios=None,
    progress=None,
    convention="alliancelab",
    warehouse=None,
):
    """Similarity measures for every non-directed dyad-year (ccode1 < ccode2) of start..end.

    The default measures are all of ``MEASURES``: S unweighted/weighted, valued/binary,
    absolute/squared, tau-b, kappa, pi, kappa/pi binary, each also for the regional system.

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    measures : str or list of str, optional
        Names from ``MEASURES`` (default all).
    direction : str, optional
        Portfolio direction; None takes the convention's.
    disagreement : {"quadratic", "linear", "nominal"}, default "quadratic"
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open warehouse connection; pass ``warehouse`` instead.
    portfolios : PortfolioSet, optional
        Portfolios already loaded.
    progress : callable, optional
        ``progress(year)`` is called after each year.
    convention : {"alliancelab", "fpsim"}, default "alliancelab"
        Sets the defaults (see the module docstring).
    warehouse : str or Path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        ccode1, ccode2, year and one column per measure; ``attrs["sources"]`` lists the citations
        of ATOP 5.1, the COW state list and NMC.

    Examples
    --------
    >>> table = dyad_similarity(1950, 1950, ["s_unweighted"])
    >>> list(table.columns)
    ['ccode1', 'ccode2', 'year', 's_unweighted']

    References
    ----------
    Signorino, C. S. and Ritter, J. M. (1999), ISQ 43(1): 115-144; Haege, F. M. (2011), Political
    Analysis 19(3): 287-305.
    """
    check_years(start, end)
    direction, disagreement = _resolve(direction, disagreement, convention)
    measures, _plain, _regional = _split(measures)
    if con is None:
        con = warehouse_connection(warehouse, None, "dyad_similarity")
    if portfolios is None:
        portfolios = _load_portfolios(con, start, end, direction)
    frames = []
    with single_threaded_blas():
        for portfolio in portfolios:
            if start <= portfolio.year <= end:
                frames.append(year_similarity(portfolio, measures, disagreement, convention))
                if progress is not None:
                    progress(portfolio.year)
    if not frames:
        raise ParameterError(f"no portfolios loaded for {start}-{end}")
    table = _drop_non_coexisting(pd.concat(frames, ignore_index=True), con, start, end)
    table.attrs["sources"] = _citations(con)
    return table


def _portfolios_of(start, end, direction, con, warehouse):
    """``load_portfolios`` on ``con`` when the caller holds one (no warning), else on ``warehouse``."""
    if con is not None:
        return _load_portfolios(con, start, end, direction)
    return load_portfolios(start, end, direction, warehouse=warehouse)


def _citations(con):
    from alliancelab.data.warehouse import _citations as citations

    return citations(con, ["atop_dyads", "states", "nmc"])


@deprecated_con
def add_similarity(
    dyads,
    measures=("s_unweighted", "s_weighted"),
    direction=None,
    disagreement="quadratic",
    con=None,
    portfolios=None,
    convention="alliancelab",
    warehouse=None,
):
    """Join similarity measures onto a dyad-year DataFrame (directed or not) by ccode1, ccode2, year.

    The measures are symmetric, so a directed row (a, b) gets the value of the pair {a, b}.
    Dyad-years outside the system (or the state-system years) get NaN; no row is added or dropped.

    Parameters
    ----------
    dyads : pandas.DataFrame
        With columns ccode1, ccode2, year.
    measures : sequence of str, default ("s_unweighted", "s_weighted")
    direction, disagreement, con, portfolios, convention
        As for ``dyad_similarity``.
    warehouse : str or Path, optional
        Default the panel's own (``dyads.attrs["warehouse"]``) unless ``con`` is given.

    Returns
    -------
    pandas.DataFrame
        A copy of ``dyads`` with one column per measure; its ``attrs`` (and ``sources``) are kept
        and the citations of the similarity sources added.

    Examples
    --------
    >>> import pandas as pd
    >>> dyads = pd.DataFrame({"ccode1": [200], "ccode2": [2], "year": [1950]})
    >>> list(add_similarity(dyads, ["s_unweighted"]).columns)
    ['ccode1', 'ccode2', 'year', 's_unweighted']
    """
    for column in ("ccode1", "ccode2", "year"):
        if column not in dyads.columns:
            raise ParameterError(f"argument dyads: missing column '{column}'")
    if warehouse is None and con is None:
        warehouse = dyads.attrs.get("warehouse")
    years = dyads["year"]
    out = dyads.copy()
    out.attrs = dict(dyads.attrs)
    start, end = max(int(years.min()), FIRST_YEAR), min(int(years.max()), LAST_YEAR)
    if start > end:
        for name in _split(measures)[0]:
            out[name] = np.nan
        return out
    table = _dyad_similarity(
        start, end, measures, direction, disagreement, con, portfolios, convention=convention, warehouse=warehouse
    )
    low = np.minimum(dyads["ccode1"].to_numpy(), dyads["ccode2"].to_numpy())
    high = np.maximum(dyads["ccode1"].to_numpy(), dyads["ccode2"].to_numpy())
    keys = pd.DataFrame({"_low": low, "_high": high, "year": years.to_numpy()})
    cited = list(dyads.attrs.get("sources", []))
    cited += [c for c in table.attrs.get("sources", []) if c not in cited]
    table = table.rename(columns={"ccode1": "_low", "ccode2": "_high"})
    merged = keys.merge(table, on=["_low", "_high", "year"], how="left")
    for name in table.columns.drop(["_low", "_high", "year"]):
        out[name] = merged[name].to_numpy()
    out.attrs["sources"] = cited
    return out


# the undecorated functions, for code that already holds a connection (no DeprecationWarning)
_dyad_similarity = dyad_similarity.__wrapped__
