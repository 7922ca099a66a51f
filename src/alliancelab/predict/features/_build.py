"""The strictly backward-looking builder: the features of year t from input rows dated t or earlier."""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.predict import detente, landscape
from alliancelab.predict.features._inputs import (
    DISPUTE_WINDOW,
    GROUPS,
    INPUT_COLUMNS,
    TOP_THREATS,
    check_groups,
    feature_columns,
)


def _log(x):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(np.where(x > 0, x, np.nan))


def _lagged_dyad_history(dyads, index):
    """ever_allied, years_since_allied, disputes_10y per row, from the pair's rows with year <= t only."""
    k = len(index)
    pair = index[dyads["ccode1"].to_numpy()] * k + index[dyads["ccode2"].to_numpy()]
    year = dyads["year"].to_numpy()
    order = np.lexsort((year, pair))
    p, y = pair[order], year[order]
    allied = np.nan_to_num(dyads["atop_any"].to_numpy()[order], nan=0.0) > 0
    onset = dyads["mid_onset"].to_numpy()[order]
    # last year the pair was allied, up to and including t: a running maximum within the pair
    allied_year = np.where(allied, y, -10_000)
    last = pd.Series(allied_year).groupby(p, sort=False).cummax().to_numpy()
    ever = (last > -10_000).astype(float)
    since = np.where(last > -10_000, y - last, np.nan)
    # disputes starting in t-9..t: difference of a running sum, the window found by binary search
    key = p.astype(np.int64) * 10_000 + y
    csum = np.cumsum(np.nan_to_num(onset, nan=0.0))
    lo = np.searchsorted(key, key - DISPUTE_WINDOW, side="right")  # first row of the pair inside the window
    disputes = csum - np.where(lo > 0, csum[np.maximum(lo - 1, 0)], 0.0)
    disputes[np.isnan(onset)] = np.nan  # outside GML coverage in t: missing
    out = np.empty((len(order), 3))
    out[order, 0], out[order, 1], out[order, 2] = ever, since, disputes
    return out


def build_features(inputs, groups=None, start=None, end=None):
    """Feature table (ccode1, ccode2, year, features of ``groups``) for the years start..end.

    Parameters
    ----------
    inputs : FeatureInputs (from :func:`load_inputs`)
    groups : list of str, optional; default all of GROUP_NAMES
    start, end : int, optional; the feature years to return (default: the inputs' range)

    Returns
    -------
    pandas.DataFrame, one row per non-directed dyad-year of start..end in the inputs; a feature for
    year t depends on input rows and threat-cube slices of years <= t only.
    """
    from threadpoolctl import threadpool_limits

    # the per-year matrix products are small (about 200 x 200): one BLAS thread is faster than many
    with threadpool_limits(limits=1, user_api="blas"):
        return _build_features(inputs, check_groups(groups), start, end)


def _build_features(inputs, groups, start, end):
    if "landscape" in groups and not inputs.landscape:
        raise ParameterError(
            "inputs.landscape: the landscape group needs the event tables "
            "(alliancelab.predict.landscape.load_tables); load the inputs with load_inputs"
        )
    if "detente" in groups and inputs.rivals is None:
        raise ParameterError(
            "inputs.rivals: the detente group needs the rival dyad-year signals "
            "(alliancelab.predict.detente.load_signals); load the inputs with load_inputs"
        )
    dyads = inputs.dyads
    years = dyads["year"].to_numpy()
    start = int(years.min()) if start is None else start
    end = int(years.max()) if end is None else end
    # history needs earlier rows; everything else is read from year t itself
    history_needed = bool({"network", "hostility", "status"} & set(groups))
    source = dyads[years <= end] if history_needed else dyads[(years >= start) & (years <= end)]
    codes = np.asarray(inputs.codes)
    index = np.full(max(codes.max(), source[["ccode1", "ccode2"]].to_numpy().max()) + 1, -1, dtype=np.int64)
    index[codes] = np.arange(len(codes))
    if (index[source["ccode1"].to_numpy()] < 0).any() or (index[source["ccode2"].to_numpy()] < 0).any():
        raise ParameterError("inputs.codes: every ccode of inputs.dyads needs a position in the threat cube")

    history = _lagged_dyad_history(source, index) if history_needed else None
    keep = source["year"].to_numpy() >= start
    rows = source[keep].reset_index(drop=True)
    if history is not None:
        history = history[keep]
    out = {"ccode1": rows["ccode1"].to_numpy(), "ccode2": rows["ccode2"].to_numpy(), "year": rows["year"].to_numpy()}
    col = {name: rows[name].to_numpy() for name in INPUT_COLUMNS}
    i1, i2 = index[out["ccode1"]], index[out["ccode2"]]
    y = out["year"]

    if "power" in groups:
        a, b = col["cinc1"], col["cinc2"]
        lo, hi = np.fmin(a, b), np.fmax(a, b)
        out["cinc_min_log"], out["cinc_max_log"] = _log(lo), _log(hi)
        out["capability_ratio_log"] = _log(hi) - _log(lo)
        out["cinc_joint"] = a + b
    if "threat" in groups:
        out.update(_threat_features(inputs, i1, i2, y))
    if "geography" in groups:
        out["mindist_log"] = np.log1p(col["mindist"])
        out["capdist_log"] = np.log1p(col["capdist"])
        c = col["conttype"]
        out["contiguous_land"] = np.where(np.isnan(c), np.nan, (c == 1).astype(float))
        out["contiguous_water24"] = np.where(np.isnan(c), np.nan, ((c >= 1) & (c <= 3)).astype(float))
    if "ideology" in groups:
        a, b = col["polity2_1"], col["polity2_2"]
        out["polity_min"] = np.minimum(a, b)
        out["polity_distance"] = np.abs(a - b)
        out["joint_democracy"] = np.where(np.isnan(a) | np.isnan(b), np.nan, ((a >= 6) & (b >= 6)).astype(float))
    if "network" in groups or "hostility" in groups:
        shared, deg1, deg2, rivals = _matrix_features(rows, i1, i2, len(codes))
    if "network" in groups:
        out["shared_allies"] = shared
        out["alliance_degree_min"], out["alliance_degree_max"] = np.minimum(deg1, deg2), np.maximum(deg1, deg2)
        out["portfolio_s"] = col["portfolio_s"]
        out["ever_allied"], out["years_since_allied"] = history[:, 0], history[:, 1]
        out["allied_now"] = col["atop_any"]
    if "hostility" in groups:
        out["dispute_ongoing"] = col["mid_ongoing"]
        out["disputes_10y"] = history[:, 2]
        out["rivalry"] = col["td_rivalry"]
        out["common_rivals"] = np.where(np.isnan(col["td_rivalry"]), np.nan, rivals)
    if "trade" in groups:
        t1, t2 = col["imports1"] + col["exports1"], col["imports2"] + col["exports2"]
        out["trade_min_log"], out["trade_max_log"] = np.log1p(np.minimum(t1, t2)), np.log1p(np.maximum(t1, t2))
    if "status" in groups:
        out["major_count"] = col["major1"] + col["major2"]
        out["state_age_min_log"] = np.log1p(_state_age(source, out))
    if "landscape" in groups:
        out.update(
            landscape.landscape_features(inputs.landscape, out["ccode1"], out["ccode2"], y, col["cinc1"], col["cinc2"])
        )
    if "detente" in groups:
        out.update(detente.detente_features(inputs.rivals, out["ccode1"], out["ccode2"], y))
    frame = pd.DataFrame(out)
    ordered = ["ccode1", "ccode2", "year"] + feature_columns(groups)
    frame = frame[ordered]
    frame.attrs["sources"] = list(inputs.sources)
    frame.attrs["groups"] = groups
    return frame


def _state_age(source, out):
    """Years since each state's first year in the rows (rows of year <= t only; a state present in t entered
    at or before t, so its first year is a fact dated <= t). Returns the younger state's age."""
    codes = np.concatenate([source["ccode1"].to_numpy(), source["ccode2"].to_numpy()])
    years = np.concatenate([source["year"].to_numpy(), source["year"].to_numpy()])
    first = pd.Series(years).groupby(codes).min()
    entry = np.full(1000, 10_000, dtype=np.int64)
    entry[first.index.to_numpy()] = first.to_numpy()
    return (out["year"] - np.maximum(entry[out["ccode1"]], entry[out["ccode2"]])).astype(float)


def _year_blocks(year):
    bounds = np.flatnonzero(np.diff(year, prepend=year[0] - 1, append=year[-1] + 1))
    return zip(bounds[:-1], bounds[1:])


def _matrix_features(rows, i1, i2, k):
    """Per year t: shared allies (A^2)[a,b], alliance degrees, common rivals (R^2)[a,b] from year-t rows."""
    y = rows["year"].to_numpy()
    allied = np.nan_to_num(rows["atop_any"].to_numpy(), nan=0.0)
    rival = np.nan_to_num(rows["td_rivalry"].to_numpy(), nan=0.0)
    n = len(rows)
    shared, deg1, deg2, rivals = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    order = np.argsort(y, kind="stable")
    for lo, hi in _year_blocks(y[order]):
        sel = order[lo:hi]
        a, b = i1[sel], i2[sel]
        adjacency = np.zeros((k, k), dtype=np.float32)
        adjacency[a, b] = allied[sel]
        adjacency[b, a] = allied[sel]
        two_paths = adjacency @ adjacency
        degree = adjacency.sum(axis=1)
        shared[sel], deg1[sel], deg2[sel] = two_paths[a, b], degree[a], degree[b]
        rivalry = np.zeros((k, k), dtype=np.float32)
        rivalry[a, b] = rival[sel]
        rivalry[b, a] = rival[sel]
        rivals[sel] = (rivalry @ rivalry)[a, b]
    return shared, deg1, deg2, rivals


def _threat_features(inputs, i1, i2, y):
    """Mutual threat, threat faced and common threats, from the year-t slice of the threat cube."""
    n = len(y)
    names = GROUPS["threat"]
    out = {name: np.full(n, np.nan) for name in names}
    order = np.argsort(y, kind="stable")
    for lo, hi in _year_blocks(y[order]):
        sel = order[lo:hi]
        t = int(y[sel[0]]) - inputs.year0
        if t < 0 or t >= inputs.threat.shape[0]:
            continue
        matrix = inputs.threat[t].astype(np.float64)  # matrix[i, j]: threat of j to i
        a, b = i1[sel], i2[sel]
        ab, ba = matrix[a, b], matrix[b, a]
        out["mutual_threat_max"][sel], out["mutual_threat_min"][sel] = np.fmax(ab, ba), np.fmin(ab, ba)
        filled = np.nan_to_num(matrix, nan=0.0)
        faced = np.nanmax(np.where(np.isnan(matrix), -np.inf, matrix), axis=1)
        faced[~np.isfinite(faced)] = np.nan
        out["threat_faced_min"][sel] = np.fmin(faced[a], faced[b])
        out["threat_faced_max"][sel] = np.fmax(faced[a], faced[b])
        product = filled @ filled.T  # sum_k T[a,k] T[b,k]; T[a,b] T[b,b] = 0 since T[b,b] is NaN
        # the pair's own mutual terms (k = a or k = b) are excluded
        out["common_threat"][sel] = product[a, b] - filled[a, a] * filled[b, a] - filled[a, b] * filled[b, b]
        top = np.zeros_like(filled)
        ranks = np.argsort(-filled, axis=1)[:, :TOP_THREATS]
        rows_ = np.repeat(np.arange(filled.shape[0]), TOP_THREATS)
        top[rows_, ranks.ravel()] = filled[rows_, ranks.ravel()] > 0
        common_top = top @ top.T
        out["common_top_threats"][sel] = common_top[a, b] - top[a, a] * top[b, a] - top[a, b] * top[b, b]
        has = ~np.isnan(faced[a]) & ~np.isnan(faced[b])
        for name in ("common_threat", "common_top_threats"):
            out[name][sel] = np.where(has, out[name][sel], np.nan)
    return out
