"""A revealed-hostility training signal for the projected form: who uses force against i next year.

ATOP's named threats (``threat_cases``) favour distant great powers, so the projected form fitted on them alone has
a nearly flat loss-of-strength gradient. A second signal of who threatens whom is revealed hostility (Gochman & Maoz
1984): for state i in year y, the states j that initiate a militarised dispute against i in year y + 1 with their
own hostility level at least ``HOSTILITY_LEVEL`` (4: use of force, 5: war; GML MID 2.2.1, Gibler, Miller & Little
2016; initiator = side A and an originator, as ``gml_cubes``). Every state present in y (a COW member, both sides of
a defined projected pair) is a candidate; the cases are the (i, y) with at least one such initiator present in y.

The projected terms of a case are read in year y (``projected_design``: power, offensive power and distance in y,
the dispute recursion up to and including y, rivalry and territorial threat in y), and the outcome is year y + 1's
initiations, so the dispute term does not contain the outcome it predicts. The same conditional logit as on ATOP's
named threats (McFadden 1974; ``fit_projected``) fits w_o / w_p, w_n / w_p, the half distance h of Boulding's (1962)
gradient and the dispute half-life L, either on this signal alone or pooled with the named threats
(``pool_designs``), each signal's cases weighted to the same total weight:

    max  sum_c v_c ln P(y_c | case c),   v_c = 1 for a named-threat case, N_atop / N_hostility for a hostility case.

The committed fits are ``fitted_projected_hostility.json`` and ``fitted_projected_pooled.json`` (written by
``scripts/fit_projected_hostility.py``; ``weights="fitted_hostility"`` / ``"fitted_pooled"``).
"""

from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import check_range
from alliancelab.panels.adders import membership
from alliancelab.panels.lookup import YEAR0, Lookup

from ._model import Design
from ._projected_fit import ProjectedDesign, load_projected_fit, top_hits

HOSTILITY_LEVEL = 4  # GML hostility level: 4 use of force, 5 war
HOSTILITY_SOURCES = ["gml_dyads"]
HOSTILITY_FILE = Path(__file__).with_name("fitted_projected_hostility.json")
POOLED_FILE = Path(__file__).with_name("fitted_projected_pooled.json")
FIRST_YEAR, LAST_YEAR = facts.coverage("gml_dyads")  # outcome years y + 1 in the GML coverage


def force_initiations(lookup, level=HOSTILITY_LEVEL):
    """(year, a, b) cube: a initiated a dispute against b that year with a's hostility level >= ``level``.

    Parameters
    ----------
    lookup : Lookup
    level : int, default 4
        GML hostility level (1-5) of the initiator.

    Returns
    -------
    numpy.ndarray
        bool (year, a, b).

    References
    ----------
    Gibler, D. M., Miller, S. V. and Little, E. K. (2016), "An Analysis of the Militarized Interstate Dispute
    (MID) Dataset, 1816-2001", ISQ 60(4): 719-730.
    """
    check_range("level", level, 1, 5)

    def build():
        g = lookup.table("gml_dyads")
        force = (
            (g["midonset"].fillna(0).to_numpy() == 1)
            & (g["sidea1"].fillna(0).to_numpy() == 1)
            & (g["orig1"].fillna(0).to_numpy() == 1)
            & (g["hostlev1"].fillna(0).to_numpy() >= level)
        )
        return lookup.dyad_cube(g["ccode1"], g["ccode2"], g["year"], force, reducer="max").astype(bool)

    return lookup.cached(("force_initiations", int(level)), build)


def hostility_cases(warehouse=None, level=HOSTILITY_LEVEL, first=FIRST_YEAR - 1, last=LAST_YEAR - 1):
    """The revealed-hostility cases: state i in year y and the states that use force against it in y + 1.

    Parameters
    ----------
    warehouse : str or Path, optional
    level : int, default 4
        Lowest GML hostility level of the initiator (4 use of force, 5 war).
    first, last : int
        Years y of the cases (default 1815 + 1 .. 2009: outcome years inside the GML coverage).

    Returns
    -------
    pandas.DataFrame
        One row per case: ``atopid`` (the cluster id: minus i's COW code, so it never equals an ATOP id; the
        out-of-sample loop folds and bootstraps by it), member (i's COW code), year (y), t, i (dense index),
        targets (dense indices of the initiators present in y).

    Examples
    --------
    >>> list(hostility_cases(first=1900, last=1900).columns)
    ['atopid', 'member', 'year', 't', 'i', 'targets']
    """
    check_range("first", first, FIRST_YEAR - 1, LAST_YEAR - 1)
    check_range("last", last, first, LAST_YEAR - 1)
    lookup = Lookup.get(warehouse)
    present = membership(lookup)
    initiated = force_initiations(lookup, level)
    codes = lookup.codes
    rows = []
    for y in range(first, last + 1):
        t = y - YEAR0
        if t < 0:
            continue
        outcome = initiated[t + 1] & present[t][:, None] & present[t][None, :]  # [a, b], both present in y
        for i in np.flatnonzero(outcome.any(axis=0)):
            targets = [int(j) for j in np.flatnonzero(outcome[:, i]) if j != i]
            if targets:
                code = int(codes[i])
                rows.append({"atopid": -code, "member": code, "year": y, "t": t, "i": int(i), "targets": targets})
    return pd.DataFrame(rows, columns=["atopid", "member", "year", "t", "i", "targets"])


def hostility_design(warehouse=None, level=HOSTILITY_LEVEL):
    """Candidate rows of the revealed-hostility cases, as the ``Design`` ``projected_design`` reads. Cached.

    Every state present in y other than i is a candidate; ``y`` is 1 for the initiators. ``x`` has no columns
    (the estimated model's features are not used).

    Parameters
    ----------
    warehouse : str or Path, optional
    level : int, default 4

    Returns
    -------
    Design
    """
    lookup = Lookup.get(warehouse)

    def build():
        cases = hostility_cases(warehouse, level)
        present = membership(lookup)
        case_ids, js, ys = [], [], []
        for c, row in enumerate(cases.itertuples()):
            j = np.flatnonzero(present[row.t])
            j = j[j != row.i]
            case_ids.append(np.full(len(j), c))
            js.append(j)
            ys.append(np.isin(j, row.targets).astype(np.float64))
        case = np.concatenate(case_ids)
        return Design(np.zeros((len(case), 0)), case, np.concatenate(js), np.concatenate(ys), cases, ())

    return lookup.cached(("hostility_design", int(level)), build)


def pool_designs(first, second):
    """Two projected designs stacked into one, each signal's cases weighted to the same total weight.

    Weights are 1 for ``first``'s cases and len(first) / len(second) for ``second``'s, so that both signals
    carry the same total weight in the likelihood. Both designs must hold the same grid.

    Parameters
    ----------
    first, second : ProjectedDesign
        E.g. ``projected_design()`` (ATOP's named threats) and ``projected_design(design=hostility_design())``.

    Returns
    -------
    ProjectedDesign
        With ``weight`` set and ``design.cases["signal"]`` (0 = first, 1 = second).
    """
    a, b = first.design, second.design
    if set(first.terms) != set(second.terms):
        raise ValueError("pool_designs: the two designs hold different grids")
    columns = ["atopid", "member", "year", "t", "i", "targets"]
    cases = pd.concat(
        [a.cases[columns].assign(signal=0), b.cases[columns].assign(signal=1)], ignore_index=True
    ).reset_index(drop=True)
    design = Design(
        np.zeros((len(a.case) + len(b.case), 0)),
        np.concatenate([a.case, b.case + len(a.cases)]),
        np.concatenate([a.j, b.j]),
        np.concatenate([a.y, b.y]),
        cases,
        (),
    )
    terms = {key: np.concatenate([first.terms[key], second.terms[key]]) for key in first.terms}
    weight = np.concatenate([np.ones(len(a.cases)), np.full(len(b.cases), len(a.cases) / len(b.cases))])
    return ProjectedDesign(design, terms, np.concatenate([first.pair, second.pair]), weight)


def load_hostility_fit(pooled=False):
    """The committed projected fit on revealed hostility alone, or pooled with ATOP's named threats.

    Parameters
    ----------
    pooled : bool, default False

    Returns
    -------
    ProjectedFit

    Examples
    --------
    >>> sorted(load_hostility_fit().weights)
    ['intentions', 'offensive', 'power']
    """
    return load_projected_fit(POOLED_FILE if pooled else HOSTILITY_FILE)


def hit_rates(pdesign, scores, mask=None, n_boot=2000, seed=0):
    """Top-1 and top-3 hit rates of ``scores`` on the cases of ``pdesign`` (expected over random tie-breaks),
    with 95% bootstrap intervals clustered by ``cases["atopid"]`` (the alliance, or the threatened state).

    Parameters
    ----------
    pdesign : ProjectedDesign
    scores : numpy.ndarray
        One score per design row (``score_rows``).
    mask : array of bool, optional
        The cases scored (default all).
    n_boot : int, default 2000
    seed : int, default 0

    Returns
    -------
    dict
        cases, clusters, top1, top1_low, top1_high, top3, top3_low, top3_high.
    """
    design = pdesign.design
    mask = np.ones(len(design.cases), bool) if mask is None else np.asarray(mask, bool)
    groups = design.cases["atopid"].to_numpy()[mask]
    row = {"cases": int(mask.sum()), "clusters": int(len(np.unique(groups)))}
    return row | top_hits(design, scores, mask, n_boot, np.random.default_rng(seed))
