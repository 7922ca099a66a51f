"""Balance of threat: how much state j threatens state i in year t (Walt 1985, 1987).

Walt's four sources, each a component in [0, 1] (THEORY.md section 4):

1. ``power``: aggregate power of j, cinc_j / max_k cinc_k in t.
2. ``proximity``: loss-of-strength gradient (Boulding 1962): exp(-ln 2 * d_ij / half_distance_km),
   d_ij the minimum distance between borders (CShapes, from 1886), else the capital-to-capital
   great-circle distance; a land border (COW conttype 1) counts as d = 0.
3. ``offensive``: j's offensive capability relative to i, m_j / (m_i + m_j) with m the mean of a
   state's shares of system military expenditure and personnel.
4. ``intentions``: the mean of three signals of aggressive intent of j toward i:
   disputes (GML militarised disputes j initiated against i, each weighted by j's hostility level
   1-5 and decaying with half-life ``dispute_half_life`` years; score x -> 1 - exp(-x / 5)),
   rivalry (1 if i and j are strategic rivals, Thompson & Dreyer 2012) and territory (i's latent
   territorial threat, Miller 2022, rescaled to [0, 1] within the year, counted only toward
   neighbours within 24 miles of water, COW conttype 1-3).

threat = sum_c w_c * component_c / sum_c w_c over the components that are not missing (a source
outside its coverage drops out of the mean; it is never read as zero). Default weights
``DEFAULT_WEIGHTS``; pass your own to ``threat_scores``. ``form="projected"`` multiplies power and
offensive power by proximity instead of averaging proximity in (see ``threat_cube``); the
balancing classification uses that form by default (docs/balancing.md).
"""

import warnings

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.adders import (
    capital_coordinates,
    contiguity_cube,
    gml_cubes,
    great_circle_km,
    membership,
    min_distance_cube,
    rivalry_cube,
    with_columns,
)
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup

COMPONENTS = ("power", "proximity", "offensive", "intentions")
FORMS = ("additive", "projected")
DEFAULT_WEIGHTS = {"power": 1.0, "proximity": 1.0, "offensive": 0.5, "intentions": 2.0}
THREAT_SOURCES = ["nmc", "contiguity", "min_distance", "capitals", "gml_dyads", "rivalries",
                  "territorial_threat"]
DEFAULTS = {"half_distance_km": 1000.0, "dispute_half_life": 10.0}
WATER_MILES_KM = {2: 12 * 1.609, 3: 24 * 1.609, 4: 150 * 1.609, 5: 400 * 1.609}


def proximity(distance_km, half_distance_km=DEFAULTS["half_distance_km"]):
    """Loss-of-strength gradient: 1 at distance 0, halving every ``half_distance_km``."""
    check_range("half_distance_km", half_distance_km, 1e-9, None)
    return np.exp(-np.log(2) * np.asarray(distance_km, dtype=float) / half_distance_km)


def _state_matrix(lookup, table, column):
    """(year, state) array of a warehouse column."""
    t = lookup.table(table)
    return lookup.state_array(t["ccode"], t["year"], t[column].to_numpy(np.float64)).T


def component_cubes(warehouse=None, half_distance_km=DEFAULTS["half_distance_km"],
                    dispute_half_life=DEFAULTS["dispute_half_life"]):
    """The four components as (year, i, j) cubes over all states (NaN where not defined).

    Cached per parameter set; i is the threatened state, j the threatening one.
    """
    check_range("dispute_half_life", dispute_half_life, 1e-9, None)
    lookup = Lookup.get(warehouse)
    key = ("threat_components", float(half_distance_km), float(dispute_half_life))
    return lookup.cached(key, lambda: _build_components(lookup, half_distance_km, dispute_half_life))


def _build_components(lookup, half_distance_km, dispute_half_life):
    # Years outside a source's coverage give all-missing slices: expected, so quiet.
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _components(lookup, half_distance_km, dispute_half_life)


def _components(lookup, half_distance_km, dispute_half_life):
    member = membership(lookup)
    pair = member[:, :, None] & member[:, None, :]
    pair &= ~np.eye(lookup.size, dtype=bool)[None]

    cinc = _state_matrix(lookup, "nmc", "cinc")
    power = cinc / np.nanmax(np.where(member, cinc, np.nan), axis=1, keepdims=True)
    power_cube = np.broadcast_to(power[:, None, :], pair.shape)

    # proximity: border distance, else capitals; land border = 0; water contiguity bands
    mindist = min_distance_cube(lookup)
    lat, lng = capital_coordinates(lookup)
    capdist = great_circle_km(lat.T[:, :, None], lng.T[:, :, None], lat.T[:, None, :], lng.T[:, None, :])
    distance = np.where(np.isnan(mindist), capdist, mindist)
    contiguity = contiguity_cube(lookup)
    distance = np.where(contiguity == 1, 0.0, distance)
    for kind, km in WATER_MILES_KM.items():
        distance = np.where(contiguity == kind, np.fmin(distance, km), distance)
    proximity_cube = proximity(distance, half_distance_km)

    milex = _state_matrix(lookup, "nmc", "milex")
    milper = _state_matrix(lookup, "nmc", "milper")
    military = np.nanmean(np.stack([milex / np.nansum(np.where(member, milex, np.nan), axis=1, keepdims=True),
                                    milper / np.nansum(np.where(member, milper, np.nan), axis=1, keepdims=True)]),
                          axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        offensive = military[:, None, :] / (military[:, :, None] + military[:, None, :])

    gml = gml_cubes(lookup)
    initiated = gml["mid_init_hostility"].astype(np.float64).transpose(0, 2, 1)  # j against i
    decay = 0.5 ** (1.0 / dispute_half_life)
    disputes = np.zeros_like(initiated)
    for t in range(1, NYEARS):
        disputes[t] = disputes[t - 1] * decay + initiated[t]
    disputes = 1 - np.exp(-disputes / 5.0)
    gml_years = (np.arange(NYEARS) + YEAR0 >= 1816) & (np.arange(NYEARS) + YEAR0 <= 2010)
    disputes[~gml_years] = np.nan
    rivalry = rivalry_cube(lookup).astype(np.float64)
    rivalry[np.arange(NYEARS) + YEAR0 > 2010] = np.nan
    lterr = _state_matrix(lookup, "territorial_threat", "lterrthreat")
    low = np.nanmin(np.where(member, lterr, np.nan), axis=1, keepdims=True)
    high = np.nanmax(np.where(member, lterr, np.nan), axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        lterr = (lterr - low) / (high - low)
    territory = lterr[:, :, None] * ((contiguity >= 1) & (contiguity <= 3))
    intentions = np.nanmean(np.stack([disputes, rivalry, territory]), axis=0)

    cubes = {"power": power_cube, "proximity": proximity_cube, "offensive": offensive, "intentions": intentions,
             "disputes": disputes, "rivalry": rivalry, "territory": territory}
    return {k: np.where(pair, v, np.nan).astype(np.float32) for k, v in cubes.items()} | {"pair": pair}


def threat_cube(weights=None, warehouse=None, form="additive", **parameters):
    """(year, i, j) combined threat of j to i: a weighted mean of the available components.

    ``form="additive"`` (default): sum_c w_c x_c / sum_c w_c over the four components.
    ``form="projected"``: Boulding's loss-of-strength gradient applied to capability itself,
    (w_power power * proximity + w_offensive offensive * proximity + w_intentions intentions) /
    (w_power + w_offensive + w_intentions): a distant great power counts only as far as it can
    project its power (the proximity weight is not used). Cached per form, weights and parameters.
    """
    weights = _check_weights(weights)
    check_choice("form", form, FORMS)
    cubes = component_cubes(warehouse, **parameters)
    key = ("threat_cube", form, tuple(sorted(weights.items())), tuple(sorted(parameters.items())))
    return Lookup.get(warehouse).cached(key, lambda: _combine(cubes, weights, form))


def _combine(cubes, weights, form):
    values = dict(cubes)
    if form == "projected":
        values["power"] = cubes["power"] * cubes["proximity"]
        values["offensive"] = cubes["offensive"] * cubes["proximity"]
        weights = {name: w for name, w in weights.items() if name != "proximity"}
        if not any(weights.values()):
            raise ParameterError("argument weights: the projected form needs a positive weight on power, "
                                 "offensive or intentions")
    total = np.zeros(cubes["pair"].shape, dtype=np.float32)
    mass = np.zeros_like(total)
    for name, weight in weights.items():
        if weight == 0:
            continue
        value = values[name]
        ok = ~np.isnan(value)
        total += np.where(ok, value * np.float32(weight), 0)
        mass += ok * np.float32(weight)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(cubes["pair"] & (mass > 0), total / mass, np.nan).astype(np.float32)


def _check_weights(weights):
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    for name, weight in weights.items():
        if name not in COMPONENTS:
            raise ParameterError(f"argument weights: unknown component '{name}'; expected {list(COMPONENTS)}")
        if weight < 0:
            raise ParameterError(f"argument weights['{name}']={weight}: expected a weight >= 0")
    if sum(weights.values()) <= 0:
        raise ParameterError("argument weights: expected at least one positive weight")
    return weights


def threat_scores(start=FIRST_YEAR, end=LAST_YEAR, weights=None, warehouse=None, form="additive", **parameters):
    """Directed dyad-years (ccode1 = threatened i, ccode2 = threatening j) with every component and
    the combined ``threat``, for all system-member pairs start..end."""
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")
    check_range("start", start, FIRST_YEAR, LAST_YEAR)
    check_range("end", end, FIRST_YEAR, LAST_YEAR)
    lookup = Lookup.get(warehouse)
    combined = threat_cube(weights, warehouse, form, **parameters)
    cubes = component_cubes(warehouse, **parameters)
    years = slice(start - YEAR0, end - YEAR0 + 1)
    t, i, j = np.nonzero(cubes["pair"][years])
    out = {"ccode1": lookup.codes[i], "ccode2": lookup.codes[j], "year": t + start}
    for name in ("power", "proximity", "offensive", "intentions", "disputes", "rivalry", "territory"):
        out[name] = cubes[name][years][t, i, j].astype(np.float64)
    out["threat"] = combined[years][t, i, j].astype(np.float64)
    return pd.DataFrame(out)


def rank_cube(score):
    """Rank (1 = most threatening) of each j for each (year, i); NaN scores rank last (NaN)."""
    filled = np.where(np.isnan(score), -np.inf, score)
    order = np.argsort(-filled, axis=2, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, score.shape[2] + 1)[None, None, :], axis=2)
    return np.where(np.isnan(score), np.nan, ranks.astype(np.float64))


def top_threats(year, ccode=None, k=5, weights=None, warehouse=None, form="additive", **parameters):
    """The k states most threatening to ``ccode`` (or to every member) in ``year``, ranked."""
    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    check_range("k", k, 1, None)
    lookup = Lookup.get(warehouse)
    if ccode is not None and lookup.code_of(ccode) is None:
        raise ParameterError(f"argument ccode={ccode!r}: not a COW state code or abbreviation")
    scores = threat_scores(year, year, weights, warehouse, form, **parameters)
    if ccode is not None:
        scores = scores[scores["ccode1"] == lookup.code_of(ccode)]
        if scores.empty:
            raise ParameterError(f"argument ccode={ccode!r}: not a system member in {year}")
    scores = scores.dropna(subset=["threat"]).sort_values(["ccode1", "threat"], ascending=[True, False])
    scores["rank"] = scores.groupby("ccode1").cumcount() + 1
    return scores[scores["rank"] <= k].reset_index(drop=True)


ERAS = ((1816, 1913, "1816-1913"), (1914, 1945, "1914-1945"), (1946, 1991, "1946-1991"),
        (1992, 2016, "1992-2016"))


def named_threat_cases(warehouse=None):
    """Founding members of ATOP alliances that name a threat (statthr1/statthr2), one row per
    member: atopid, member, begyr, named (list of COW codes). Members that are themselves named
    and alliances signed before 1817 (no year before signing in the data) are left out."""
    lookup = Lookup.get(warehouse)
    rows = lookup.con.execute("""
        SELECT a.atopid, m.member, a.begyr,
               list_distinct(list_filter([a.statthr1, a.statthr2], lambda x: x IS NOT NULL)) AS named
        FROM atop_alliances a JOIN atop_members m ON m.atopid = a.atopid AND m.yrent = a.begyr
        WHERE a.statthr1 IS NOT NULL AND a.begyr >= 1817
        GROUP BY ALL ORDER BY a.atopid, m.member""").df()
    keep = [m not in named for m, named in zip(rows["member"], rows["named"])]
    return rows[keep].reset_index(drop=True)


def validate_against_named_threats(weights=None, warehouse=None, form="additive", **parameters):
    """How often the state an ATOP treaty names is the members' top-1 / top-3 threat in the year
    before signing, for our threat score and two baselines (power only: CINC; distance only:
    the loss-of-strength gradient). Returns (cases, summary by era and overall)."""
    lookup = Lookup.get(warehouse)
    cases = named_threat_cases(warehouse)
    cubes = component_cubes(warehouse, **parameters)
    rankings = {"threat": rank_cube(threat_cube(weights, warehouse, form, **parameters).astype(np.float64)),
                "power_only": rank_cube(cubes["power"].astype(np.float64)),
                "distance_only": rank_cube(cubes["proximity"].astype(np.float64))}
    records = []
    for case in cases.itertuples():
        t = case.begyr - 1 - YEAR0
        i = lookup.positions([case.member])[0]
        named = [lookup.positions([c])[0] for c in case.named]
        named = [j for j in named if j >= 0 and cubes["pair"][t, i, j]]
        if i < 0 or not named or not cubes["pair"][t, i].any():
            continue
        record = {"atopid": case.atopid, "member": case.member, "year": case.begyr - 1,
                  "named": list(case.named)}
        for name, ranks in rankings.items():
            best = np.nanmin(ranks[t, i, named])
            record[f"{name}_rank"] = best
        records.append(record)
    table = pd.DataFrame(records)
    summary = []
    for low, high, label in ERAS + ((1816, 2016, "all"),):
        part = table[(table["year"] >= low - 1) & (table["year"] <= high - 1)]
        row = {"era": label, "cases": len(part), "alliances": part["atopid"].nunique()}
        for name in rankings:
            row[f"{name}_top1"] = float((part[f"{name}_rank"] <= 1).mean()) if len(part) else np.nan
            row[f"{name}_top3"] = float((part[f"{name}_rank"] <= 3).mean()) if len(part) else np.nan
        summary.append(row)
    return table, pd.DataFrame(summary)


def add_threat(panel, weights=None, components=False, form="additive", **parameters):
    """Join the threat score onto a dyad-year panel: ``threat`` is the threat of ccode2 to ccode1.

    Chains with the panels through ``pipe``: ``dyad_years(1946, 1990).pipe(add_threat)``. With
    ``components=True`` the four components come too (threat_power, threat_proximity, ...).
    """
    if "ccode1" not in panel.columns:
        raise ParameterError("add_threat needs a dyad-year panel (columns ccode1, ccode2, year)")
    lookup = Lookup.get(panel.attrs.get("warehouse"))
    c1, c2, year = (panel[c].to_numpy() for c in ("ccode1", "ccode2", "year"))
    positions = lookup.dyad_positions(c1, c2, year)
    cube = threat_cube(weights, panel.attrs.get("warehouse"), form, **parameters)
    columns = {"threat": lookup.read_dyad(cube, None, None, None, positions).astype(np.float64)}
    if components:
        cubes = component_cubes(panel.attrs.get("warehouse"), **parameters)
        for name in COMPONENTS:
            columns[f"threat_{name}"] = lookup.read_dyad(cubes[name], None, None, None, positions).astype(np.float64)
    return with_columns(panel, columns, THREAT_SOURCES)
