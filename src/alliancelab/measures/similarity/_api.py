"""Similarity of every dyad-year, of chosen pairs, and joined onto a dyad panel."""

import numpy as np
import pandas as pd

from alliancelab.data.source import deprecated_con, warehouse_connection
from alliancelab.errors import ParameterError, check_choice
from alliancelab.measures.portfolios import (
    FIRST_YEAR,
    LAST_YEAR,
    LEVELS,
    _load_portfolios,
    check_years,
    load_portfolios,
)
from alliancelab.measures.similarity._crosstab import (
    _measure,
    _needs,
    _resolve,
    _split,
    _Tables,
    crosstabs,
    measure_from_crosstab,
)
from alliancelab.measures.similarity._formulas import CONVENTIONS, REGIONAL_SUFFIX, _spec, single_threaded_blas


def year_similarity(portfolio, measures=None, disagreement="quadratic", convention="alliancelab"):
    """All requested measures for every non-directed dyad (ccode1 < ccode2) of one Portfolio.

    Parameters
    ----------
    portfolio : Portfolio
        One year's alliance portfolios (from ``load_portfolios``).
    measures : str or list of str, optional
        Names from ``MEASURES`` (default all).
    disagreement : {"quadratic", "linear", "nominal"}, default "quadratic"
    convention : {"alliancelab", "fpsim"}, default "alliancelab"

    Returns
    -------
    pandas.DataFrame
        ccode1, ccode2, year, then one column per measure.

    Examples
    --------
    >>> from alliancelab.measures.portfolios import load_portfolios
    >>> portfolio = next(iter(load_portfolios(1950, 1950, "either")))
    >>> list(year_similarity(portfolio, ["s_unweighted"]).columns)
    ['ccode1', 'ccode2', 'year', 's_unweighted']
    """
    check_choice("convention", convention, CONVENTIONS)
    measures, plain, regional = _split(measures)
    n = portfolio.n
    first, second = np.triu_indices(n, k=1)
    out = {
        "ccode1": portfolio.ccodes[first],
        "ccode2": portfolio.ccodes[second],
        "year": np.full(len(first), portfolio.year, dtype=np.int64),
    }
    levels = portfolio.levels
    if plain:
        need_u, need_w = _needs(plain, convention)
        unweighted = _Tables(crosstabs(levels)[first, :, second, :]) if need_u else None
        weighted = _Tables(crosstabs(levels, portfolio.weights)[first, :, second, :]) if need_w else None
        for name in plain:
            out[name] = _measure(name, unweighted, weighted, disagreement, convention)
    if regional:
        need_u, need_w = _needs(regional, convention)
        region = portfolio.regions
        present = np.unique(region)
        r1, r2 = region[first], region[second]
        tables = {}
        for kind, needed, weights in (("u", need_u, None), ("w", need_w, portfolio.weights)):
            if not needed:
                tables[kind] = None
                continue
            table = np.zeros((len(first), len(LEVELS), len(LEVELS)))
            for r in present:
                inside = (r1 == r) | (r2 == r)
                if inside.any():
                    part = crosstabs(levels, weights, dims=region == r)
                    table[inside] += part[first[inside], :, second[inside], :]
            tables[kind] = _Tables(table)
        for name in regional:
            out[name + REGIONAL_SUFFIX] = _measure(name, tables["u"], tables["w"], disagreement, convention)
    return pd.DataFrame({key: out[key] for key in ["ccode1", "ccode2", "year"] + measures})


def similarity_matrix(portfolio, measure="s_unweighted", disagreement="quadratic"):
    """n x n DataFrame of one global measure between every pair of members of a Portfolio.

    Parameters
    ----------
    portfolio : Portfolio
        One year's alliance portfolios.
    measure : str, default "s_unweighted"
        A global (non-regional) name from ``MEASURES``.
    disagreement : {"quadratic", "linear", "nominal"}, default "quadratic"

    Returns
    -------
    pandas.DataFrame
        Indexed by ccode1, columns ccode2.

    Examples
    --------
    >>> from alliancelab.measures.portfolios import load_portfolios
    >>> portfolio = next(iter(load_portfolios(1950, 1950, "either")))
    >>> float(similarity_matrix(portfolio).loc[2, 2])
    1.0
    """
    if measure.endswith(REGIONAL_SUFFIX):
        raise ParameterError(f"measure '{measure}': similarity_matrix gives global measures only")
    _family, _coding, weighted, _e = _spec(measure)
    table = crosstabs(portfolio.levels, portfolio.weights if weighted else None)
    table = table.transpose(0, 2, 1, 3)
    values = measure_from_crosstab(measure, None if weighted else table, table if weighted else None, disagreement)
    return pd.DataFrame(
        values, index=pd.Index(portfolio.ccodes, name="ccode1"), columns=pd.Index(portfolio.ccodes, name="ccode2")
    )


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
def pair_similarity(
    ccode_a,
    ccode_b,
    start=FIRST_YEAR,
    end=LAST_YEAR,
    measures=None,
    direction=None,
    disagreement="quadratic",
    con=None,
    portfolios=None,
    convention="alliancelab",
    warehouse=None,
):
    """Measures for one pair of states over time: one row per year in which both are members.

    Columns: ccode1, ccode2 (COW codes; a name or abbreviation such as 'USA' is resolved to the state
    that is a member in ``start``, else in ``end``: "Germany" over 1955-1989 is 260), year, one
    per measure. Years in which either state is not a COW system member are absent (e.g. Germany 255
    in 1946-1989); a state that is a member in none of the years asked is refused, never an empty table.

    Parameters
    ----------
    ccode_a, ccode_b : int or str
        The two states: COW codes, abbreviations or names (``alliancelab.data.names.resolve_state``).
    start, end : int
        Years (inclusive).
    measures, direction, disagreement, con, portfolios, convention, warehouse
        As for ``dyad_similarity``.

    Returns
    -------
    pandas.DataFrame
        ccode1, ccode2 (the resolved codes), year, one column per measure.

    Examples
    --------
    >>> pair_similarity(2, 200, 1950, 1951, ["s_unweighted"])["year"].tolist()
    [1950, 1951]
    """
    check_years(start, end)
    ccode_a, ccode_b = (
        _state_in_period(c, start, end, warehouse, con, argument=name)
        for c, name in ((ccode_a, "ccode_a"), (ccode_b, "ccode_b"))
    )
    if ccode_a == ccode_b:
        raise ParameterError(f"arguments ccode_a, ccode_b: the same state {ccode_a}; expected two")
    direction, disagreement = _resolve(direction, disagreement, convention)
    measures, plain, regional = _split(measures)
    if portfolios is None:
        portfolios = _portfolios_of(start, end, direction, con, warehouse)
    for code, name in ((ccode_a, "ccode_a"), (ccode_b, "ccode_b")):
        if not any(start <= p.year <= end and code in p.ccodes for p in portfolios):
            raise ParameterError(f"argument {name}={code!r}: not a COW system member in any year of {start}-{end}")
    rows = []
    for portfolio in portfolios:
        if not start <= portfolio.year <= end:
            continue
        found = np.searchsorted(portfolio.ccodes, [ccode_a, ccode_b])
        if (found >= portfolio.n).any() or (
            portfolio.ccodes[np.minimum(found, portfolio.n - 1)] != [ccode_a, ccode_b]
        ).any():
            continue
        row = {"ccode1": ccode_a, "ccode2": ccode_b, "year": portfolio.year}
        for names, dims in ((plain, None), (regional, np.isin(portfolio.regions, portfolio.regions[found]))):
            if not names:
                continue
            need_u, need_w = _needs(names, convention)
            unweighted = crosstabs(portfolio.levels, dims=dims, rows=found)[0, :, 1, :] if need_u else None
            weighted = (
                crosstabs(portfolio.levels, portfolio.weights, dims=dims, rows=found)[0, :, 1, :] if need_w else None
            )
            suffix = "" if dims is None else REGIONAL_SUFFIX
            for name in names:
                row[name + suffix] = float(measure_from_crosstab(name, unweighted, weighted, disagreement, convention))
        rows.append(row)
    return pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"] + measures)


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


# ----------------------------------------------------------------------------------------------
# Plot: S between chosen pairs over time
# ----------------------------------------------------------------------------------------------


@deprecated_con
def pair_similarities(
    pairs,
    measure="s_unweighted",
    start=FIRST_YEAR,
    end=LAST_YEAR,
    direction=None,
    con=None,
    portfolios=None,
    labels=None,
    warehouse=None,
):
    """One measure between chosen pairs over time, stacked: the data of ``figures.pair_similarity``.

    Parameters
    ----------
    pairs : list of pairs, or str
        The pairs: (a, b) tuples of COW codes, abbreviations or names, or 'A-B' strings ('USA-RUS',
        'United States-Soviet Union'), or one string of them separated by commas. A name resolves to
        the state that is a member in ``start``, else in ``end`` ("Germany" over 1955-1989 is 260).
    measure : str
        One of ``MEASURES``.
    start, end : int
        Years (inclusive).
    direction, con, portfolios
        As for ``pair_similarity``.
    labels : list of str, optional
        Names of the pairs in the same order (default "USA-RUS" from the COW abbreviations).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        ``pair_similarity``'s columns plus ``pair`` (the label), the pairs in the given order.

    Examples
    --------
    >>> data = pair_similarities([("United States", "USSR"), ("USA", 200)], start=1946, end=1990)  # doctest: +SKIP
    >>> data = pair_similarities("USA-RUS, France-Germany", start=1955, end=1989)  # doctest: +SKIP

    References
    ----------
    Signorino, C. S. and Ritter, J. M. (1999), International Studies Quarterly 43(1): 115-144.
    """
    if isinstance(pairs, str):
        pairs = [p for p in pairs.split(",") if p.strip()]
    if not pairs:
        raise ParameterError("argument pairs: expected at least one (ccode_a, ccode_b) pair")
    check_years(start, end)
    pairs = [_pair_in_period(pair, start, end, warehouse, con) for pair in pairs]
    if portfolios is None:
        portfolios = _portfolios_of(start, end, direction or "either", con, warehouse)
    if labels is None:
        labels = [_pair_label(a, b, con, warehouse) for a, b in pairs]
    frames = []
    for (a, b), label in zip(pairs, labels, strict=True):
        frame = _pair_similarity(
            a, b, start, end, [measure], direction, con=con, portfolios=portfolios, warehouse=warehouse
        )
        frame["pair"] = label
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _pair_in_period(pair, start, end, warehouse=None, con=None):
    """(ccode_a, ccode_b) of a pair given as a tuple or as 'A-B' (``names.resolve_pair``), each state the
    member in ``start``, else in ``end``, else the first match."""
    if isinstance(pair, str):
        names = _names_of(warehouse, con)
        for year in (start, end):
            try:
                return names.resolve_pair(pair, year, "pairs")
            except ParameterError:
                pass
        return names.resolve_pair(pair, None, "pairs")
    sides = list(pair)
    if len(sides) != 2:
        raise ParameterError(f"argument pairs: {pair!r} is not a pair of two states")
    return tuple(_state_in_period(side, start, end, warehouse, con, argument="pairs") for side in sides)


@deprecated_con
def plot_pair_similarity(
    pairs,
    stem,
    measure="s_unweighted",
    start=FIRST_YEAR,
    end=LAST_YEAR,
    direction=None,
    con=None,
    portfolios=None,
    labels=None,
    title=None,
    warehouse=None,
):
    """Compute ``pair_similarities`` and draw it with ``figures.pair_similarity`` (``stem``.html and .png).

    Parameters
    ----------
    pairs : list of pairs, or str
        As for ``pair_similarities`` (codes, abbreviations or names; tuples or 'A-B' strings).
    stem : path
        The figure files without suffix.
    measure, start, end, direction, con, portfolios, labels, warehouse
        As for ``pair_similarities``.
    title : str, optional
        The figure's title.

    Returns
    -------
    tuple
        (html_path, png_path, data frame).

    Examples
    --------
    >>> plot_pair_similarity([("United States", "USSR")], "us_ussr", start=1946, end=1990)  # doctest: +SKIP

    References
    ----------
    Signorino, C. S. and Ritter, J. M. (1999), International Studies Quarterly 43(1): 115-144.
    """
    from alliancelab.figures import pair_similarity as draw

    data = _pair_similarities(pairs, measure, start, end, direction, con, portfolios, labels, warehouse=warehouse)
    heading = title or f"{measure} between selected pairs, {start}-{end} (ATOP 5.1, COW states)"
    html, png = draw(data, measure, stem, start, end, heading)
    return html, png, data


def _pair_label(a, b, con=None, warehouse=None):
    try:
        names = _names_of(warehouse, con).abbreviation
    except Exception:  # noqa: BLE001 - labels are cosmetic; fall back to the codes
        names = {}
    return f"{names.get(a, a)}-{names.get(b, b)}"


# the undecorated functions, for code that already holds a connection (no DeprecationWarning)
_dyad_similarity = dyad_similarity.__wrapped__
_pair_similarity = pair_similarity.__wrapped__
_pair_similarities = pair_similarities.__wrapped__
_plot_pair_similarity = plot_pair_similarity.__wrapped__
