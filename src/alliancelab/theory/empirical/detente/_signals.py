"""The raw tension signals of strategic rival dyad-years: disputes, hostility and alliance-portfolio similarity."""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.panels.lookup import YEAR0, Lookup

GML_FIRST, GML_END = facts.coverage("gml_dyads")


def similarity_by_year(pairs, warehouse=None):
    """Signorino & Ritter's S (unweighted) of the alliance portfolios of given pairs.

    Parameters
    ----------
    pairs : pandas.DataFrame
        Columns year, ccode1, ccode2.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    numpy.ndarray of float
        S for each row of ``pairs``; NaN where a state has no portfolio that year.

    References
    ----------
    Signorino, C. S. and Ritter, J. M. (1999), "Tau-b or not tau-b", ISQ 43(1): 115-144.
    """
    from alliancelab.measures.portfolios import _load_portfolios
    from alliancelab.measures.similarity import similarity_matrix

    lookup = Lookup.get(warehouse)

    def build():
        portfolios = _load_portfolios(lookup.con, facts.SYSTEM_FIRST, facts.SYSTEM_LAST)
        out = {}
        for portfolio in portfolios:
            matrix = similarity_matrix(portfolio, "s_unweighted")
            out[portfolio.year] = (matrix.index.to_numpy(), matrix.to_numpy())  # arrays: cheap to read per year
        return out

    matrices = lookup.cached("detente_similarity", build)
    values = np.full(len(pairs), np.nan)
    year_of = pairs["year"].to_numpy()
    first, second = pairs["ccode1"].to_numpy(), pairs["ccode2"].to_numpy()
    order = np.argsort(year_of, kind="stable")
    bounds = np.flatnonzero(np.diff(year_of[order], prepend=-1, append=-1))
    for lo, hi in zip(bounds[:-1], bounds[1:]):  # one block of rows per year, by position (numpy only)
        rows = order[lo:hi]
        entry = matrices.get(int(year_of[rows[0]]))
        if entry is None:
            continue
        codes, matrix = entry
        c1, c2 = first[rows], second[rows]
        ia, ib = np.searchsorted(codes, c1), np.searchsorted(codes, c2)
        ok = (ia < len(codes)) & (ib < len(codes))
        ok[ok] &= (codes[ia[ok]] == c1[ok]) & (codes[ib[ok]] == c2[ok])
        values[rows[ok]] = matrix[ia[ok], ib[ok]]
    return values


def rival_dyad_years(warehouse=None):
    """Strategic rival dyad-years within GML coverage with the raw tension signals.

    Parameters
    ----------
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per rival dyad-year (ccode1 < ccode2) in 1816-2010: ccode1, ccode2, year, rivalry, series,
        disputes, hostility, similarity, dyad (= ccode1 * 1000 + ccode2).

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    Gibler, D. M., Miller, S. V. and Little, E. K. (2016), "An Analysis of the Militarized Interstate
    Dispute (MID) Dataset, 1816-2001", ISQ 60(4): 719-730.
    """
    from alliancelab.panels.adders import gml_cubes

    lookup = Lookup.get(warehouse)
    riv = lookup.table("rivalries")
    a = np.minimum(riv["ccode1"], riv["ccode2"]).to_numpy()
    b = np.maximum(riv["ccode1"], riv["ccode2"]).to_numpy()
    first = np.maximum(riv["styear"].to_numpy(), GML_FIRST)
    last = np.minimum(riv["endyear"].to_numpy(), GML_END)
    r, years = facts.spell_years(first, last)
    out = pd.DataFrame(
        {
            "ccode1": a[r],
            "ccode2": b[r],
            "year": years,
            "rivalry": riv["rivalryname"].to_numpy()[r],
            "series": riv["rivalryno"].to_numpy()[r],
        }
    )
    out = out.drop_duplicates(["ccode1", "ccode2", "year"]).reset_index(drop=True)
    i, j = lookup.positions(out["ccode1"].to_numpy()), lookup.positions(out["ccode2"].to_numpy())
    ok = (i >= 0) & (j >= 0)
    out = out[ok].reset_index(drop=True)
    i, j = i[ok], j[ok]
    t = out["year"].to_numpy() - YEAR0
    gml = gml_cubes(lookup)
    out["disputes"] = (
        gml["mid_count"][t, i, j].astype(float) + gml["mid_count"][t, j, i]
    ) / 2  # each dispute is listed both ways
    ongoing = (gml["mid_ongoing"][t, i, j] > 0) | (gml["mid_ongoing"][t, j, i] > 0)
    out["hostility"] = np.where(
        ongoing, np.maximum(gml["mid_hostlev"][t, i, j], gml["mid_hostlev"][t, j, i]), 0
    ).astype(float)
    out["similarity"] = similarity_by_year(out[["ccode1", "ccode2", "year"]], warehouse)
    out["dyad"] = out["ccode1"] * 1000 + out["ccode2"]
    return out
