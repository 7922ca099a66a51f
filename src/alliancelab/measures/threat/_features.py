"""Features of the estimated threat model: (year, i, j) arrays of how j bears on i's security.

Walt's four sources, then hostility, bloc opposition, ideology and friendly ties (``FEATURES``).
Every feature is a plain quantity; the model (``_model.py``) estimates how much each one weighs.

| feature | definition (j threatening, i threatened, year t) |
|---|---|
| log_power | ln of j's mean share of system military spending, iron and steel, and energy: CINC |
|           | without its population-driven parts, which overstate large agrarian states (Beckley 2018) |
| major | j is a COW major power |
| distance | d_ij in 1000 km (border distance, else capitals; 0 for a land border; water caps) |
| log_distance | ln(1 + d_ij / 100 km): the gradient falls fastest over the first few hundred km |
|              | (Bueno de Mesquita 1981's logarithmic loss of strength), linear beyond with ``distance`` |
| major_distance | distance x (j is a COW major power): majors project power further |
| land_border | COW direct contiguity by land |
| offensive | ln(m_j / m_i), m = mean share of system military spending and personnel, clipped to +-6 |
| disputes_initiated | ln(1 + sum of j's hostility level 1-5 in GML disputes j initiated against i, decayed) |
| disputes | ln(1 + number of GML dispute onsets between i and j, either side, decayed) |
| war | ln(1 + years i and j fought each other in a COW inter-state war, decayed) |
| rivalry | strategic rivals (Thompson & Dreyer 2012) |
| territory | i's latent territorial threat (Miller 2022, rescaled in the year) toward neighbours |
| bloc_opposition | j is hostile to an ally of i, or allied with a state hostile to i |
| bloc_leader | bloc_opposition x (j is a major power) |
| ideology | abs(polity2_i - polity2_j) / 20 |
| allied | i and j share a defense or offense pledge (ATOP 5.1, either direction) |
| patron | allied x (j is a major power and i is not): a great-power patron of a lesser ally |
| pact | i and j share only a neutrality, non-aggression or consultation pact |
| shared_enemy | some third state is an enemy of both (strategic rival, or a war in the last 10 years), |
|              | and i and j are not enemies themselves (the enemy of my enemy is a friend only then) |

"Hostile" is: strategic rivals, a GML dispute onset in the last 10 years, or a COW war in the last
10 years. "Decayed" sums weigh an event s years ago by 0.5 ** (s / half_life), ``half_life``
years (default 10). A source outside its coverage gives NaN (never zero): the years after the last
year of its specification (``data.facts.coverage``): GML disputes and rivalries end in 2010, COW wars
in 2007, Polity in 2015.
"""

import warnings

import numpy as np

from alliancelab.data import facts
from alliancelab.lazy import lazy_module
from alliancelab.panels.adders import atop_cube, contiguity_cube, gml_cubes, membership, rivalry_cube
from alliancelab.panels.lookup import NYEARS, YEAR0

from ._membership import carry_dyads, carry_state, represented, represented_rows
from ._walt import _state_matrix, distance_cube, distance_years

FEATURES = (
    "log_power",
    "major",
    "distance",
    "log_distance",
    "major_distance",
    "land_border",
    "offensive",
    "disputes_initiated",
    "disputes",
    "war",
    "rivalry",
    "territory",
    "bloc_opposition",
    "bloc_leader",
    "ideology",
    "allied",
    "patron",
    "pact",
    "shared_enemy",
)
FEATURE_SOURCES = [
    "states",
    "nmc",
    "majors",
    "contiguity",
    "min_distance",
    "capitals",
    "gml_dyads",
    "wars",
    "rivalries",
    "territorial_threat",
    "polity",
    "atop_dyads",
]
HALF_LIFE = 10.0
HOSTILE_WINDOW = 10
# the source behind each coverage-limited feature group, and its last year (NaN after it)
COVERAGE_SOURCES = {
    "gml": "gml_dyads",
    "wars": "wars",
    "rivalry": "rivalries",
    "territory": "territorial_threat",
    "polity": "polity",
}
COVERAGE = {group: facts.coverage(source)[1] for group, source in COVERAGE_SOURCES.items()}
_YEARS = np.arange(NYEARS) + YEAR0
sparse = lazy_module("scipy.sparse")  # imported when features are computed, not when read from the disk cache


def _quiet(build):
    def run():
        with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return build()

    return run


def _decayed(events, half_life):
    """Recursive decayed sum over years of a (year, i, j) event cube."""
    decay = np.float32(0.5 ** (1.0 / half_life))
    out = np.zeros(events.shape, dtype=np.float32)
    out[0] = events[0]
    for t in range(1, len(events)):
        out[t] = out[t - 1] * decay + events[t]
    return out


def _decayed_at(events, half_life, years):
    """``_decayed`` read only at ``years`` (zero elsewhere): the same recursion, run over the dyads
    with any event only (the others stay zero), so the values are the same."""
    seen = np.any(events != 0, axis=0)
    history = _decayed(events[:, seen], half_life)
    out = np.zeros(events.shape, dtype=np.float32)
    for year in years:
        out[year][seen] = history[year]
    return out


def _recent(events):
    """Sum of a (year, i, j) event cube over the last ``HOSTILE_WINDOW`` years, every year."""
    window = np.cumsum(events, axis=0, dtype=np.float32)
    recent = window.copy()
    recent[HOSTILE_WINDOW:] -= window[:-HOSTILE_WINDOW]
    return recent


def _recent_at(events, years):
    """``_recent`` at ``years`` only (zero elsewhere); the counts are small integers, so exact."""
    out = np.zeros(events.shape, dtype=np.float32)
    for year in years:
        out[year] = events[max(0, year - HOSTILE_WINDOW + 1) : year + 1].sum(axis=0, dtype=np.float32)
    return out


def base_arrays(lookup, half_life=HALF_LIFE):
    """The state arrays and dyad cubes the features are read from, represented states included. Cached."""
    return lookup.cached(("threat_base", float(half_life)), _quiet(lambda: _base(lookup, half_life)))


def _base(lookup, half_life, years=None):
    """The base arrays; with ``years`` (indices) only what the features of those years read:
    distances in those years (and the source years of represented states), and the event histories
    up to the last of them (the recursions run in the same order, so the values are the same)."""
    rows = represented_rows(lookup)
    member = represented(lookup)["member"]
    cop = membership(lookup)

    def state(table, column):
        return carry_state(_state_matrix(lookup, table, column), rows)

    cinc = state("nmc", "cinc")
    power = np.log(np.clip(cinc / np.nanmax(np.where(cop, cinc, np.nan), axis=1, keepdims=True), 1e-6, None))
    milex, milper = state("nmc", "milex"), state("nmc", "milper")
    irst, pec = state("nmc", "irst"), state("nmc", "pec")
    industry = np.nanmean(
        np.stack([x / np.nansum(np.where(cop, x, np.nan), axis=1, keepdims=True) for x in (milex, irst, pec)]), axis=0
    )
    industry = np.log(np.clip(industry, 1e-6, None))
    military = np.nanmean(
        np.stack(
            [
                milex / np.nansum(np.where(cop, milex, np.nan), axis=1, keepdims=True),
                milper / np.nansum(np.where(cop, milper, np.nan), axis=1, keepdims=True),
            ]
        ),
        axis=0,
    )
    majors = lookup.table("majors")
    major = np.zeros((NYEARS, lookup.size), dtype=np.float32)
    for row in majors.itertuples():
        major[row.styear - YEAR0 : row.endyear - YEAR0 + 1, lookup.positions([row.ccode])[0]] = 1
    major = carry_state(major, rows)
    polity = lookup.table(
        "polity_cow",
        """
        WITH spans AS (SELECT ccode, max(year) AS last_year FROM polity GROUP BY ccode)
        SELECT cow_ccode, year, polity2 FROM (
          SELECT p.*, row_number() OVER (PARTITION BY cow_ccode, year ORDER BY s.last_year DESC) AS pick
          FROM polity p JOIN spans s USING (ccode) WHERE cow_ccode IS NOT NULL) WHERE pick = 1""",
    )
    polity2 = lookup.state_array(polity["cow_ccode"], polity["year"], polity["polity2"].to_numpy(np.float64)).T
    missing = np.isnan(polity2)
    t, s, src = rows
    carried = polity2.copy()
    carried[t, s] = np.where(missing[t, s], polity2[src, s], polity2[t, s])
    lterr = state("territorial_threat", "lterrthreat")
    low = np.nanmin(np.where(cop, lterr, np.nan), axis=1, keepdims=True)
    high = np.nanmax(np.where(cop, lterr, np.nan), axis=1, keepdims=True)
    lterr = (lterr - low) / (high - low)

    if years is None:
        distance = carry_dyads(distance_cube(lookup), rows)
        stop = NYEARS
    else:
        years = np.asarray(years)
        needed = np.concatenate([years, rows[2][np.isin(rows[0], years)]])
        distance = carry_dyads(distance_years(lookup, needed), rows)
        stop = int(years.max()) + 1
    contiguity = carry_dyads(contiguity_cube(lookup), rows)
    gml = gml_cubes(lookup)
    initiated = gml["mid_init_hostility"][:stop].astype(np.float32).transpose(0, 2, 1)  # j against i
    onset = gml["mid_onset"][:stop].astype(np.float32)
    onset = np.maximum(onset, onset.transpose(0, 2, 1))
    wars = lookup.table("wars")
    war = lookup.dyad_cube(
        wars["ccode1"], wars["ccode2"], wars["year"], wars["cowinterongoing"].fillna(0).to_numpy(), reducer="max"
    )
    war = np.maximum(war, war.transpose(0, 2, 1))[:stop]
    rivalry = rivalry_cube(lookup)[:stop]
    if years is None:
        hostile = (_recent(onset + war) > 0) | (rivalry > 0)
        enemy = (_recent(war) > 0) | (rivalry > 0)
        decayed = {name: _decayed(cube, half_life) for name, cube in (("initiated", initiated), ("onset", onset))}
        decayed["war"] = _decayed(war.astype(np.float32), half_life)
    else:
        hostile = (_recent_at(onset + war, years) > 0) | (rivalry > 0)
        enemy = (_recent_at(war, years) > 0) | (rivalry > 0)
        decayed = {
            name: _decayed_at(cube, half_life, years) for name, cube in (("initiated", initiated), ("onset", onset))
        }
        decayed["war"] = _decayed_at(war.astype(np.float32), half_life, years)
    bits = atop_cube(lookup)
    bits = bits | bits.transpose(0, 2, 1)
    allied = (bits & 0b11) > 0
    pact = (bits > 0) & ~allied
    return {
        "member": member,
        "own": cop,
        "power": power.astype(np.float32),
        "industry": industry.astype(np.float32),
        "enemy": enemy,
        "military": military.astype(np.float32),
        "major": major,
        "polity2": carried.astype(np.float32),
        "lterr": lterr.astype(np.float32),
        "distance": distance,
        "contiguity": contiguity,
        "disputes_initiated": decayed["initiated"],
        "disputes": decayed["onset"],
        "war": decayed["war"],
        "rivalry": rivalry,
        "hostile": hostile,
        "allied": allied,
        "pact": pact,
    }


def _bool_products(left, right):
    """(n, k, k) boolean products per year: out[t, a, b] = any_c left[t, a, c] & right[t, c, b] (sparse)."""
    out = np.zeros(left.shape, dtype=bool)
    for n in range(len(left)):
        product = sparse.csr_matrix(left[n], dtype=np.int32) @ sparse.csr_matrix(right[n], dtype=np.int32)
        rows, cols = product.nonzero()
        out[n, rows, cols] = True
    return out


def features_at(lookup, years, half_life=HALF_LIFE):
    """Feature arrays (n_years, i, j) for the year indices ``years`` (0 = 1815).

    NaN where a source does not cover the year or the pair is not in the system.

    Parameters
    ----------
    lookup : Lookup
        The warehouse's state and dyad arrays (``panels.lookup.Lookup.get()``).
    years : array of int
        Year indices.
    half_life : float, default 10.0
        Half-life (years) of the decaying hostility history.

    Returns
    -------
    dict
        Feature name -> array, plus ``pair`` (both states present).
    """
    base = base_arrays(lookup, half_life)
    return _quiet(lambda: _features(base, np.asarray(years)))()


def features_for_years(lookup, years, half_life=HALF_LIFE):
    """``features_at`` for a few years without building (or caching) the whole-panel base arrays.

    Reads the cached base if an earlier call built it; otherwise computes distances only in
    ``years`` and the event histories only up to the last of them. Same values as ``features_at``.

    Parameters
    ----------
    lookup : Lookup
    years : array of int
        Year indices (0 = 1815).
    half_life : float, default 10.0

    Returns
    -------
    dict
        As ``features_at``.
    """
    years = np.asarray(years)
    if ("threat_base", float(half_life)) in lookup.cache_keys():
        return features_at(lookup, years, half_life)
    base = _quiet(lambda: _base(lookup, half_life, years))()
    return _quiet(lambda: _features(base, years))()


def _features(b, years):
    k = b["member"].shape[1]
    calendar = _YEARS[years]
    member = b["member"][years]
    # a represented (occupied) state can decide and be threatened, but has no forces of its own to threaten
    pair = member[:, :, None] & b["own"][years][:, None, :] & ~np.eye(k, dtype=bool)[None]

    def j_side(array):
        return np.broadcast_to(array[years][:, None, :], pair.shape)

    def covered(cube, source):
        cube = cube.astype(np.float32, copy=True)
        cube[calendar > COVERAGE[source]] = np.nan
        return cube

    distance = np.minimum(b["distance"][years], 12000.0) / 1000.0
    major_j = j_side(b["major"])
    military = b["military"][years]
    offensive = np.clip(np.log(military[:, None, :] / military[:, :, None]), -6, 6)
    contiguity = b["contiguity"][years]
    polity = b["polity2"][years]
    ideology = np.abs(polity[:, :, None] - polity[:, None, :]) / 20.0
    ideology[calendar > COVERAGE["polity"]] = np.nan
    allied = b["allied"][years].astype(np.float32)
    allied_noself = b["allied"][years] & ~np.eye(k, dtype=bool)[None]
    opposition = _bool_products(allied_noself, b["hostile"][years]) | _bool_products(b["hostile"][years], allied_noself)
    shared = _bool_products(b["enemy"][years], b["enemy"][years]) & ~b["enemy"][years]
    territory = b["lterr"][years][:, :, None] * ((contiguity >= 1) & (contiguity <= 3))
    out = {
        "log_power": j_side(b["industry"]),
        "major": major_j,
        "distance": distance,
        "log_distance": np.log1p(distance * 10.0),
        "major_distance": distance * major_j,
        "land_border": (contiguity == 1).astype(np.float32),
        "offensive": offensive,
        "disputes_initiated": covered(np.log1p(b["disputes_initiated"][years]), "gml"),
        "disputes": covered(np.log1p(b["disputes"][years]), "gml"),
        "war": covered(np.log1p(b["war"][years]), "wars"),
        "rivalry": covered(b["rivalry"][years], "rivalry"),
        "territory": covered(territory, "territory"),
        "bloc_opposition": opposition.astype(np.float32),
        "bloc_leader": opposition * major_j,
        "ideology": ideology,
        "allied": allied,
        "patron": allied * major_j * (1 - b["major"][years][:, :, None]),
        "pact": b["pact"][years].astype(np.float32),
        "shared_enemy": shared.astype(np.float32),
    }
    out = {name: np.where(pair, value, np.nan).astype(np.float32) for name, value in out.items()}
    out["pair"] = pair
    return out
