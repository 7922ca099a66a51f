"""Out-of-sample evaluation of the threat model against ATOP's named threats, with baselines.

For each evaluation case (a founding member i of an alliance naming a threat, ranked over every
state present in the year before signing) a scorer hits at k when a named state is among its k
highest-scored candidates. Ties are broken uniformly at random and the *expected* hit is reported
(``expected_hits``), so a coarse scorer gains nothing from the order of state codes.

Evaluations: in-sample (fit on all cases, score the same cases: optimistic, shown for contrast);
leave-one-alliance-out (each alliance's members are scored by a model fitted on every other
alliance); temporal splits (fit on alliances signed before T, score those signed from T on).
Baselines need no fitting: power only (CINC), distance only (border/capital distance, nearer =
higher), disputes only (decayed disputes), rivalry only (strategic rivals), the hand-weighted Walt
score (additive form), and random (every candidate tied). Confidence intervals: 95% percentile
bootstrap over alliances (cases of one alliance are resampled together), ``n_boot`` draws, fixed random state.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.eras import PERIODS
from alliancelab.errors import check_range
from alliancelab.panels.lookup import YEAR0, Lookup

from ._cases import expected_hits, threat_cases
from ._features import HALF_LIFE, base_arrays
from ._model import PENALTY, design_matrix, fit_threat_model
from ._walt import walt_cube

SPLITS = (PERIODS[1].first, PERIODS[2].first)  # the starts of the 1914-1945 and Cold War eras (1914, 1946)
# disputes are ranked by scores read in the year before: the first year with a GML year before it
HOSTILITY_FIRST, HOSTILITY_LAST = facts.coverage("gml_dyads")[0] + 1, facts.coverage("gml_dyads")[1]
BASELINES = ("power_only", "distance_only", "disputes_only", "rivalry_only", "walt_additive", "random")
SCORERS = ("model",) + BASELINES


@dataclass
class ThreatValidation:
    """Out-of-sample evaluation of the threat model (``evaluate_threat_model``).

    Parameters
    ----------
    summary : pandas.DataFrame
        One row per (evaluation, scorer) with cases, alliances, top1/top3 and their 95% CIs.
    cases : pandas.DataFrame
        One row per case with each scorer's expected top-1/top-3 hit per evaluation.
    dropped : pandas.DataFrame
        Every founding member left out, with its reason.
    coefficients : pandas.DataFrame
        The fit on all cases and the spread of the leave-one-alliance-out fits.
    half_distance_km : dict
        Estimated half distance of projected power ("all", "major").
    """

    summary: pd.DataFrame
    cases: pd.DataFrame
    dropped: pd.DataFrame
    coefficients: pd.DataFrame
    half_distance_km: dict


def _case_scores(design, coef_by_case=None, model=None):
    """Model score per design row: one model for all rows, or per-case models (``coef_by_case``)."""
    if model is not None:
        return model.score(design.x)
    out = np.empty(len(design.x))
    for c, m in coef_by_case.items():
        rows = design.case == c
        out[rows] = m.score(design.x[rows])
    return out


def _hits(design, scores, k):
    hits = np.empty(len(design.cases))
    starts = np.flatnonzero(np.r_[True, np.diff(design.case) != 0, True])
    for c in range(len(design.cases)):
        s, e = starts[c], starts[c + 1]
        hits[c] = expected_hits(scores[s:e], np.flatnonzero(design.y[s:e]), k)
    return hits


def _baseline_scores(design, warehouse):
    walt = walt_cube(None, warehouse, "additive")
    t = design.cases["t"].to_numpy()[design.case]
    i = design.cases["i"].to_numpy()[design.case]
    j = design.j
    feature = dict(zip(design.features, design.x.T))
    return {
        "power_only": base_arrays(Lookup.get(warehouse))["power"][t, j].astype(np.float64),  # CINC order
        "distance_only": -feature["distance"],
        "disputes_only": np.nan_to_num(feature["disputes"], nan=0.0),
        "rivalry_only": np.nan_to_num(feature["rivalry"], nan=0.0),
        "walt_additive": np.nan_to_num(walt[t, i, j].astype(np.float64), nan=-np.inf),  # COW members only
        "random": np.zeros(len(j)),
    }


def _bootstrap(values, groups, n_boot, rng):
    """95% percentile interval of the mean of ``values`` resampling whole ``groups``."""
    labels, inverse = np.unique(groups, return_inverse=True)
    sums = np.bincount(inverse, weights=values)
    counts = np.bincount(inverse)
    draws = rng.integers(0, len(labels), size=(n_boot, len(labels)))
    means = sums[draws].sum(axis=1) / counts[draws].sum(axis=1)
    return np.percentile(means, [2.5, 97.5])


def alliance_folds(alliances, folds=None, seed=0):
    """Fold number per case: every alliance its own fold (``folds=None``: leave-one-alliance-out), or
    alliances dealt at random (fixed random state) into ``folds`` groups. An alliance's cases share a fold."""
    labels, inverse = np.unique(alliances, return_inverse=True)
    if folds is None:
        return inverse
    check_range("folds", folds, 2, len(labels))
    order = np.random.default_rng(seed).permutation(len(labels))
    return (order % folds)[inverse]


def evaluate_threat_model(
    warehouse=None, folds=None, splits=SPLITS, n_boot=2000, seed=0, penalty=PENALTY, half_life=HALF_LIFE
):
    """Hit rates of the estimated model and of the baselines, out of sample.

    In sample, leave-alliance-out cross-validation and temporal splits, with alliance-clustered
    bootstrap CIs, the per-case table and the dropped cases.

    Parameters
    ----------
    warehouse : str or Path, optional
    folds : int, optional
        None: leave-one-alliance-out; an int: that many folds of whole alliances (faster, e.g. 10).
    splits : tuple of int, default (1914, 1946)
        Years of the temporal splits.
    n_boot : int, default 2000
        Bootstrap replications.
    seed : int, default 0
        State of the random generator.
    penalty : float, default 1.0
    half_life : float, default 10.0

    Returns
    -------
    ThreatValidation
    """
    design = design_matrix(warehouse, half_life)
    cases = design.cases
    _, dropped = threat_cases(warehouse)
    alliances = cases["atopid"].to_numpy()
    years = cases["year"].to_numpy() + 1  # signing year

    full = fit_threat_model(design, penalty=penalty, half_life=half_life)
    loao, coefs = {}, []
    fold = alliance_folds(alliances, folds, seed)
    for f in np.unique(fold):
        held = fold == f
        m = fit_threat_model(design, ~held, penalty, half_life)
        coefs.append(m.coef)
        for c in np.flatnonzero(held):
            loao[c] = m
    scores = {
        "in_sample": {"model": _case_scores(design, model=full)},
        "leave_alliance_out": {"model": _case_scores(design, coef_by_case=loao)},
    }
    evaluations = {"in_sample": np.ones(len(cases), bool), "leave_alliance_out": np.ones(len(cases), bool)}
    for split in splits:
        train = years < split
        if train.sum() == 0 or (~train).sum() == 0:
            continue
        m = fit_threat_model(design, train, penalty, half_life)
        name = f"temporal_{split}"
        scores[name] = {"model": _case_scores(design, model=m)}
        evaluations[name] = ~train
    baselines = _baseline_scores(design, warehouse)

    rng = np.random.default_rng(seed)
    table = cases[["atopid", "member", "year", "named"]].copy()
    rows = []
    for evaluation, mask in evaluations.items():
        for scorer in SCORERS:
            s = scores[evaluation]["model"] if scorer == "model" else baselines[scorer]
            row = {
                "evaluation": evaluation,
                "scorer": scorer,
                "cases": int(mask.sum()),
                "alliances": int(len(np.unique(alliances[mask]))),
            }
            for k in (1, 3):
                hits = _hits(design, s, k)
                if scorer == "model" or evaluation == "in_sample":
                    column = f"{scorer}_top{k}" if scorer != "model" else f"{evaluation}_top{k}"
                    table[column] = hits
                low, high = _bootstrap(hits[mask], alliances[mask], n_boot, rng)
                row |= {f"top{k}": float(hits[mask].mean()), f"top{k}_low": float(low), f"top{k}_high": float(high)}
            rows.append(row)
    summary = pd.DataFrame(rows)
    coefficients = pd.DataFrame(
        {
            "feature": design.features,
            "coef": full.coef,
            "raw_weight": full.coef / full.scale,
            "loao_min": np.min(coefs, axis=0),
            "loao_max": np.max(coefs, axis=0),
        }
    )
    lookup = Lookup.get(warehouse)
    table["member_abb"] = lookup.abbreviation(table["member"].to_numpy())
    return ThreatValidation(
        summary,
        table,
        dropped,
        coefficients,
        {"all": full.half_distance_km(), "major": full.half_distance_km(major=True)},
    )


def evaluate_revealed_hostility(warehouse=None, start=HOSTILITY_FIRST, end=HOSTILITY_LAST, n_boot=2000, seed=0):
    """A second, independent test: who initiates a militarised dispute against i.

    For every state i that is the target of at least one new GML dispute in year t (initiator: side A
    and an originator), rank every state present by each scorer read in t - 1 and ask whether an
    initiator is first, or among the first three (expected over random tie-breaks). The estimated
    model was fitted to ATOP's named threats only, so this target is out of sample for it. 95% CIs:
    bootstrap over the target states.

    Parameters
    ----------
    warehouse : str or Path, optional
    start, end : int, default 1817, 2010
    n_boot : int, default 2000
    seed : int, default 0
        State of the random generator.

    Returns
    -------
    pandas.DataFrame
        scorer, cases, states, top1/top3 and CIs.
    """
    check_range("start", start, HOSTILITY_FIRST, HOSTILITY_LAST)
    check_range("end", end, start, HOSTILITY_LAST)
    from alliancelab.panels.adders import gml_cubes

    from ._api import threat_cube

    lookup = Lookup.get(warehouse)
    base = base_arrays(lookup)
    model_cube = threat_cube(None, warehouse)
    walt = walt_cube(None, warehouse, "additive")
    initiated = gml_cubes(lookup)["mid_init"]  # [t, a, b]: a initiated against b
    rows_t, rows_i, targets = [], [], []
    for t in range(start - YEAR0, end - YEAR0 + 1):
        for i in np.flatnonzero(initiated[t].any(axis=0)):
            j = np.flatnonzero(initiated[t][:, i])
            present = base["member"][t - 1]
            if present[i] and present[j].any():
                rows_t.append(t)
                rows_i.append(i)
                targets.append(j[present[j]])
    scorers = {
        "model": lambda t, i: model_cube[t - 1, i],
        "power_only": lambda t, i: base["power"][t - 1],
        "distance_only": lambda t, i: -base["distance"][t - 1, i].astype(np.float64),
        "disputes_only": lambda t, i: base["disputes"][t - 1, i].astype(np.float64),
        "rivalry_only": lambda t, i: base["rivalry"][t - 1, i].astype(np.float64),
        "walt_additive": lambda t, i: walt[t - 1, i],
        "random": lambda t, i: np.zeros(lookup.size),
    }
    rng = np.random.default_rng(seed)
    out = []
    for name, score in scorers.items():
        hits = {1: [], 3: []}
        for t, i, j in zip(rows_t, rows_i, targets):
            present = base["member"][t - 1].copy()
            present[i] = False
            s = np.where(present, np.nan_to_num(np.asarray(score(t, i), dtype=np.float64), nan=-np.inf), np.nan)
            for k in (1, 3):
                hits[k].append(expected_hits(s, j, k))
        row = {"scorer": name, "cases": len(rows_t), "states": len(np.unique(rows_i))}
        for k in (1, 3):
            values = np.array(hits[k])
            low, high = _bootstrap(values, np.array(rows_i), n_boot, rng)
            row |= {f"top{k}": float(values.mean()), f"top{k}_low": float(low), f"top{k}_high": float(high)}
        out.append(row)
    return pd.DataFrame(out)
