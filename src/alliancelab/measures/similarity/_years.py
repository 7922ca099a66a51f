"""Similarity within one year: every dyad of a year's portfolios, and the state-by-state matrix."""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice
from alliancelab.measures.portfolios import (
    LEVELS,
)
from alliancelab.measures.similarity._crosstab import (
    _measure,
    _needs,
    _split,
    _Tables,
    crosstabs,
    measure_from_crosstab,
)
from alliancelab.measures.similarity._formulas import CONVENTIONS, REGIONAL_SUFFIX, _spec


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
