"""Similarity of chosen pairs over time, and its figure."""

import numpy as np
import pandas as pd

from alliancelab.data.source import deprecated_con
from alliancelab.errors import ParameterError
from alliancelab.measures.portfolios import (
    FIRST_YEAR,
    LAST_YEAR,
    check_years,
)
from alliancelab.measures.similarity._crosstab import (
    _needs,
    _resolve,
    _split,
    crosstabs,
    measure_from_crosstab,
)
from alliancelab.measures.similarity._dyads import _names_of, _portfolios_of, _state_in_period
from alliancelab.measures.similarity._formulas import REGIONAL_SUFFIX


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


_pair_similarity = pair_similarity.__wrapped__
_pair_similarities = pair_similarities.__wrapped__
_plot_pair_similarity = plot_pair_similarity.__wrapped__
