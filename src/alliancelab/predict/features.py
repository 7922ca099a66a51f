"""Features for predicting alliance formation, grouped by the theory they come from.

Unit: the non-directed dyad-year (ccode1 < ccode2, both COW system members in year t). Every feature
of year t is computed from information dated t or earlier (a strictly backward-looking builder):
:func:`load_inputs` gathers the raw sources once, :func:`build_features` turns them into features and
reads, for year t, only input rows with year <= t. A test perturbs every input after year t and checks
that the features of year t do not change. Targets look one year ahead and are built separately
(:func:`add_targets`), so they can never leak into the features by construction.

Feature groups (``GROUPS``), all symmetric in the two states:

- ``power`` (balance of power): log CINC of the weaker and the stronger state, the log capability
  ratio log(cinc_max / cinc_min), the pair's joint share of system capabilities.
- ``threat`` (balance of threat, Walt 1987, project threat model ``measures.threat.threat_cube``):
  the mutual threat (max and min of T[a,b], T[b,a]), the largest threat each side faces (min and max
  over the two sides of max_k T[a,k]), common threat strength sum_k T[a,k] T[b,k] over third states k,
  and the number of third states that are among the five strongest threats to both.
- ``geography``: log(1 + minimum border distance km) (CShapes, from 1886), log capital distance,
  land contiguity, contiguity up to 24 miles of water.
- ``ideology``: the smaller Polity2 score, |polity2_a - polity2_b|, joint democracy (both >= 6).
- ``network`` (lagged alliance network, TERGM-style statistics): shared allies (the number of
  two-paths, i.e. triangles the tie would close), alliance degree of the less / more connected state,
  alliance-portfolio similarity S (unweighted, Signorino & Ritter 1999), whether the pair was ever
  allied up to t and years since it last was (alliance memory), allied in year t (presence task).
- ``hostility``: militarised dispute under way in t, disputes started in the last ten years
  (t-9..t), strategic rivalry in t, common rivals (rivals of both).
- ``trade``: log total trade (imports + exports, current US$ m) of the smaller and larger trader
  (monadic COW trade; no dyadic trade table in the warehouse).
- ``status``: number of COW major powers in the pair (0, 1, 2) and log(1 + years in the state system) of the
  younger state (new states join regional organisations; the count starts at 1816 for the founders).
- ``landscape`` (Axelrod & Bennett 1993): the landscape propensity p_ij with the landscape module's
  default weights and s_i s_j p_ij with CINC sizes (:mod:`alliancelab.predict.landscape`, the same
  components as ``theory.landscape`` computed for every system pair and year from data up to t).
- ``detente``: a detente of the pair's strategic rivalry under way in t, the length of the current run
  of falling tension and the real-time tension (:mod:`alliancelab.predict.detente`, a causal version
  of ``theory.empirical.detente``: standardised with the spell's years up to t, and a detente recognised once it
  has lasted its minimum length, not dated back to its start).

Missing is not zero: a value outside its source's coverage stays NaN (gradient boosting uses NaN
natively; the logits impute the training median and add a missingness indicator).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR, dyad_years
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.predict import detente, landscape

GROUPS = {
    "power": ["cinc_min_log", "cinc_max_log", "capability_ratio_log", "cinc_joint"],
    "threat": [
        "mutual_threat_max",
        "mutual_threat_min",
        "threat_faced_min",
        "threat_faced_max",
        "common_threat",
        "common_top_threats",
    ],
    "geography": ["mindist_log", "capdist_log", "contiguous_land", "contiguous_water24"],
    "ideology": ["polity_min", "polity_distance", "joint_democracy"],
    "network": [
        "shared_allies",
        "alliance_degree_min",
        "alliance_degree_max",
        "portfolio_s",
        "ever_allied",
        "years_since_allied",
        "allied_now",
    ],
    "hostility": ["dispute_ongoing", "disputes_10y", "rivalry", "common_rivals"],
    "trade": ["trade_min_log", "trade_max_log"],
    "status": ["major_count", "state_age_min_log"],
    "landscape": list(landscape.FEATURES),
    "detente": list(detente.FEATURES),
}
GROUP_NAMES = tuple(GROUPS)
# The standard covariates of the alliance-formation logit (e.g. Gibler & Wolford 2006; Lai & Reiter
# 2000): capability ratio, distance, regime similarity, disputes, major powers.
BASELINE = ["capability_ratio_log", "capdist_log", "polity_distance", "joint_democracy", "disputes_10y", "major_count"]
TARGETS = ("onset_any", "onset_defense", "presence_any")
SOURCES = [
    "atop_dyads",
    "nmc",
    "majors",
    "contiguity",
    "min_distance",
    "capitals",
    "gml_dyads",
    "rivalries",
    "polity",
    "trade",
    "threat",
    "similarity",
    "atop_members",
    "atop_alliances",
    "wars",
    "capitals",
]
INPUT_COLUMNS = [
    "atop_any",
    "atop_defense",
    "cinc1",
    "cinc2",
    "major1",
    "major2",
    "conttype",
    "mindist",
    "capdist",
    "mid_onset",
    "mid_ongoing",
    "td_rivalry",
    "polity2_1",
    "polity2_2",
    "imports1",
    "imports2",
    "exports1",
    "exports2",
    "portfolio_s",
]
DISPUTE_WINDOW = 10
TOP_THREATS = 5


@dataclass
class FeatureInputs:
    """Raw inputs of the feature builder.

    Parameters
    ----------
    dyads : pandas.DataFrame
        Non-directed dyad-years (ccode1, ccode2, year) with the raw source columns INPUT_COLUMNS.
    threat : numpy.ndarray
        (year - year0, i, j) threat of state j to state i (NaN = not available).
    codes : numpy.ndarray
        ccode of each position i, j of ``threat``.
    year0 : int
        The year of threat[0].
    sources : list of str
        Citations of the sources used.
    landscape : dict
        Event tables of the landscape components (``predict.landscape.load_tables``), each with a
        ``year`` column.
    rivals : pandas.DataFrame
        Rival dyad-years with the raw detente signals (``predict.detente.load_signals``).
    """

    dyads: pd.DataFrame
    threat: np.ndarray
    codes: np.ndarray
    year0: int
    sources: list = field(default_factory=list)
    landscape: dict = field(default_factory=dict)
    rivals: pd.DataFrame = None


def load_inputs(start=FIRST_YEAR, end=LAST_YEAR, warehouse=None):
    """Read every raw source once: the dyad panel steps, portfolio similarity and the threat cube.

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    warehouse : str or Path, optional

    Returns
    -------
    FeatureInputs
    """
    check_range("start", start, FIRST_YEAR, LAST_YEAR)
    check_range("end", end, FIRST_YEAR, LAST_YEAR)
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")
    from alliancelab.measures.similarity._api import _dyad_similarity
    from alliancelab.measures.threat import threat_cube

    panel = (
        dyad_years(start, end, directed=False, warehouse=warehouse)
        .add_atop()
        .add_nmc(columns=("cinc",))
        .add_majors()
        .add_contiguity()
        .add_min_distance()
        .add_capital_distance()
        .add_gml()
        .add_rivalry()
        .add_polity()
        .add_trade()
    )
    sources = list(panel.attrs.get("sources", []))
    lookup = Lookup.get(warehouse)
    similarity = _dyad_similarity(start, end, measures=["s_unweighted"], con=lookup.con)
    panel = pd.DataFrame(panel).merge(
        similarity.rename(columns={"s_unweighted": "portfolio_s"}), on=["ccode1", "ccode2", "year"], how="left"
    )
    dyads = pd.DataFrame(
        {"ccode1": panel["ccode1"].to_numpy(), "ccode2": panel["ccode2"].to_numpy(), "year": panel["year"].to_numpy()}
    )
    for column in INPUT_COLUMNS:
        dyads[column] = panel[column].astype("float64").to_numpy()
    # The hand-weighted form: the "estimated" form's weights are fitted on named threats of every
    # year, so its year-t values would carry information from after t.
    cube = threat_cube(warehouse=warehouse, form="additive")
    threat = np.asarray(cube[start - YEAR0 : end - YEAR0 + 1], dtype=np.float32)
    sources += [
        "Walt 1987 balance of threat (alliancelab threat model)",
        "Signorino & Ritter 1999 S (alliancelab similarity)",
    ]
    tables = landscape.load_tables(end, warehouse=lookup.path)
    rivals = detente.load_signals(warehouse)
    rivals = rivals[rivals["year"] <= end].reset_index(drop=True)
    sources += [c for c in lookup.citations(["atop_members", "atop_alliances", "wars", "capitals"]) if c not in sources]
    sources += [
        "Axelrod & Bennett 1993 landscape propensity (alliancelab landscape)",
        "Thompson & Dreyer 2012 rivalries; detente rule (alliancelab detente, causal form)",
    ]
    return FeatureInputs(
        dyads=dyads,
        threat=threat,
        codes=np.asarray(lookup.codes),
        year0=start,
        sources=sources,
        landscape=tables,
        rivals=rivals,
    )


def check_groups(groups):
    """The feature groups asked for, checked against ``GROUP_NAMES``.

    Parameters
    ----------
    groups : list of str or None
        None for all.

    Returns
    -------
    list of str

    Examples
    --------
    >>> check_groups(["power"])
    ['power']
    """
    groups = list(GROUP_NAMES if groups is None else groups)
    for group in groups:
        if group not in GROUPS:
            raise ParameterError(f"argument groups: unknown group '{group}'; expected some of {list(GROUP_NAMES)}")
    return groups


def feature_columns(groups=None):
    """The feature names of the chosen groups, in GROUPS order.

    Parameters
    ----------
    groups : list of str, optional
        Default all of ``GROUP_NAMES``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> feature_columns(["power"])
    ['cinc_min_log', 'cinc_max_log', 'capability_ratio_log', 'cinc_joint']
    """
    groups = check_groups(groups)
    return [name for group in GROUP_NAMES if group in groups for name in GROUPS[group]]


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


def add_targets(features, inputs):
    """Add the one-year-ahead targets (these read year t+1 on purpose; never use them as features).

    onset_any: 1 if the pair has any ATOP obligation in t+1 and none in t; NaN where it already has
    one in t or is not a pair of system members in t+1 (or ATOP does not cover t+1).
    onset_defense: the same for a defense pledge. presence_any: any ATOP obligation in t+1 (NaN
    where the pair is not observed in t+1).

    Parameters
    ----------
    features : pandas.DataFrame
        ``build_features`` output.
    inputs : FeatureInputs

    Returns
    -------
    pandas.DataFrame
        ``features`` with onset_any, onset_defense, presence_any.
    """
    dyads = inputs.dyads
    key = ["ccode1", "ccode2", "year"]
    now = dyads[key + ["atop_any", "atop_defense"]]
    ahead = now.assign(year=now["year"] - 1).rename(columns={"atop_any": "next_any", "atop_defense": "next_defense"})
    merged = features[key].merge(now, on=key, how="left").merge(ahead, on=key, how="left")
    out = features.copy()
    out["onset_any"] = np.where(merged["atop_any"].to_numpy() == 0, merged["next_any"].to_numpy(), np.nan)
    out["onset_defense"] = np.where(merged["atop_defense"].to_numpy() == 0, merged["next_defense"].to_numpy(), np.nan)
    out["presence_any"] = merged["next_any"].to_numpy()
    out.attrs = dict(features.attrs)
    return out


_CACHE = {}


def prediction_table(start=FIRST_YEAR, end=LAST_YEAR, groups=None, warehouse=None):
    """Features of start..end with the targets (cached per warehouse and years).

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    groups : list of str, optional
        Default all of ``GROUP_NAMES``.
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
    """
    key = (Lookup.get(warehouse).path, start, end, tuple(check_groups(groups)))
    if key not in _CACHE:
        inputs = load_inputs(FIRST_YEAR, end, warehouse)
        _CACHE[key] = add_targets(build_features(inputs, groups, start, end), inputs)
    return _CACHE[key]


def add_prediction_features(panel, groups=None, targets=False):
    """Panel step: join the prediction features (and optionally the targets) onto a non-directed dyad panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        Non-directed dyad-years (ccode1, ccode2, year).
    groups : list of str, optional
        Default all of ``GROUP_NAMES``.
    targets : bool, default False
        Also add the one-year-ahead targets.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from alliancelab import dyad_years
    >>> panel = add_prediction_features(dyad_years(2000, 2001, directed=False), groups=["power", "network"])
    >>> "shared_allies" in panel.columns
    True
    """
    if "ccode1" not in panel.columns or panel.attrs.get("directed", False):
        raise ParameterError(
            "add_prediction_features needs a non-directed dyad-year panel (dyad_years(..., directed=False))"
        )
    warehouse = panel.attrs.get("warehouse")
    start, end = int(panel["year"].min()), int(panel["year"].max())
    table = prediction_table(start, end, groups, warehouse)
    names = feature_columns(groups) + (list(TARGETS) if targets else [])
    merged = pd.DataFrame(panel).merge(
        table[["ccode1", "ccode2", "year"] + names], on=["ccode1", "ccode2", "year"], how="left"
    )
    from alliancelab.panels.frame import Panel

    out = Panel(merged)
    out.attrs = dict(panel.attrs)
    out.attrs["sources"] = list(dict.fromkeys(list(panel.attrs.get("sources", [])) + list(table.attrs["sources"])))
    return out
