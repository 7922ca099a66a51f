"""Ideology against threat on politically relevant dyad-years: the sample and the likelihood-ratio tests of
adding one to a model of the other.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.walt_tests._decisions import _top3, fit_logit, state_arrays

# dyad samples: t - 1 covariates need the year before, onsets are observed to the GML disputes' last year
DYAD_FIRST, DYAD_LAST = facts.SYSTEM_FIRST + 1, facts.coverage("gml_dyads")[1]


# --- ideology vs threat ----------------------------------------------------------------------------------
def dyad_sample(start=DYAD_FIRST, end=DYAD_LAST, relevant=True, classified_parameters=None, warehouse=None):
    """Non-directed dyad-years (a < b) with alliance onset in t and covariates in t - 1.

    Pairs of system members not allied in t - 1; with ``relevant``, only politically relevant dyads
    (contiguous, or one a major power). polity_similarity = 1 - |polity2_a - polity2_b| / 20;
    joint_democracy = both polity2 >= 6; shared_threat = a third state is among both states' three top
    threats; mutual_threat = max of the two directed threat scores.

    Parameters
    ----------
    start, end : int
        Years (default: the second year of the state system to the last year of the GML disputes).
    relevant : bool, default True
        Keep politically relevant dyads only.
    classified_parameters : dict, optional
        Threat parameters (``balancing.DEFAULTS`` when None).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        ccode1, ccode2, year, onset, polity_similarity, joint_democracy, shared_threat, mutual_threat,
        contiguous, both_major, dyad.

    References
    ----------
    Lemke, D. and Reed, W. (2001), "The relevance of politically relevant dyads", JOP 63(1): 126-144.
    """
    from alliancelab.measures.threat import component_cubes
    from alliancelab.panels.adders import atop_onset_cube, contiguity_cube

    lookup = Lookup.get(warehouse)
    p = dict(balancing.DEFAULTS, **(classified_parameters or {}))
    cube = balancing.candidate_threats(p["form"], p["weights"], "none", False, warehouse)
    top3 = lookup.cached(("top3_all", p["form"], str(p["weights"])), lambda: _top3(cube))
    pair = component_cubes(warehouse)["pair"]
    onset = atop_onset_cube(lookup)
    contiguity = contiguity_cube(lookup)
    allied = balancing.allied_cube("any", warehouse)
    arrays = state_arrays(warehouse)
    frames = []
    n = lookup.size
    a_idx, b_idx = np.triu_indices(n, 1)
    for year in range(start, end + 1):
        t, y = year - YEAR0, year - 1 - YEAR0
        keep = pair[t, a_idx, b_idx] & pair[y, a_idx, b_idx] & ~allied[y, a_idx, b_idx]
        a, b = a_idx[keep], b_idx[keep]
        major_a = np.nan_to_num(arrays["major"][a, y])
        major_b = np.nan_to_num(arrays["major"][b, y])
        contig = contiguity[y, a, b]
        contiguous = (contig >= 1) & (contig <= 5)
        if relevant:
            rel = contiguous | (major_a == 1) | (major_b == 1)
            a, b, major_a, major_b, contiguous = a[rel], b[rel], major_a[rel], major_b[rel], contiguous[rel]
        ta, tb = top3[y, a], top3[y, b]
        shared = np.zeros(len(a), dtype=bool)
        for k in range(3):
            shared |= ((ta[:, [k]] == tb) & (ta[:, [k]] >= 0)).any(axis=1)
        pa, pb = arrays["polity2"][a, y], arrays["polity2"][b, y]
        frames.append(
            pd.DataFrame(
                {
                    "ccode1": lookup.codes[a],
                    "ccode2": lookup.codes[b],
                    "year": year,
                    "onset": np.maximum(onset[t, a, b], onset[t, b, a]).astype(float),
                    "polity_similarity": 1 - np.abs(pa - pb) / 20,
                    "joint_democracy": np.where(
                        np.isnan(pa) | np.isnan(pb), np.nan, ((pa >= 6) & (pb >= 6)).astype(float)
                    ),
                    "shared_threat": shared.astype(float),
                    "mutual_threat": np.fmax(cube[y, a, b], cube[y, b, a]).astype(float),
                    "contiguous": contiguous.astype(float),
                    "both_major": (major_a * major_b).astype(float),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["dyad"] = out["ccode1"] * 1000 + out["ccode2"]
    return out


def ideology_vs_threat(start=DYAD_FIRST, end=DYAD_LAST, relevant=True, warehouse=None, data=None):
    """Does regime similarity predict alliance onset once threat is controlled?

    Logits of onset on threat only, ideology only and both, on a common sample, errors clustered by dyad,
    with likelihood-ratio tests of adding ideology to the threat model and threat to the ideology model.

    Parameters
    ----------
    start, end : int
        Years (as in ``dyad_sample``).
    relevant : bool, default True
        Politically relevant dyads only.
    warehouse : path, optional
        The warehouse (default: the configured one).
    data : pandas.DataFrame, optional
        A ``dyad_sample`` (computed when None).

    Returns
    -------
    dict
        ``tables`` (name -> coefficient table for "threat", "ideology", "both"), ``lr_tests`` (added, to,
        lr_stat, df, p) and ``data`` (the common sample).

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    Lemke, D. and Reed, W. (2001), JOP 63(1): 126-144.
    """
    from scipy import stats

    if data is None:
        data = dyad_sample(start, end, relevant, warehouse=warehouse)
    threat = ["shared_threat", "mutual_threat", "contiguous", "both_major"]
    ideology = ["polity_similarity", "joint_democracy"]
    common = data.dropna(subset=["onset", *threat, *ideology])
    tables = {}
    for name, covariates in (
        ("threat", threat),
        ("ideology", ideology + ["contiguous", "both_major"]),
        ("both", threat + ideology),
    ):
        tables[name] = fit_logit(common, "onset", covariates, cluster="dyad").table
    lr = []
    for small, big, added in (("threat", "both", "ideology"), ("ideology", "both", "threat")):
        stat = 2 * (tables[big].attrs["llf"] - tables[small].attrs["llf"])
        df = len(tables[big]) - len(tables[small])
        lr.append({"added": added, "to": small, "lr_stat": stat, "df": df, "p": float(stats.chi2.sf(stat, df))})
    return {"tables": tables, "lr_tests": pd.DataFrame(lr), "data": common}
