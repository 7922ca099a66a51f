"""Walt's four sources of threat as separate components (Walt 1985, 1987): the hand-weighted forms.

Each component is in [0, 1] for a (year, i, j) cell, i the threatened and j the threatening state:

1. ``power``: aggregate power of j, cinc_j / max_k cinc_k in t.
2. ``proximity``: loss-of-strength gradient (Boulding 1962): exp(-ln 2 * d_ij / half_distance_km),
   d_ij the minimum distance between borders (CShapes, from 1886), else the capital-to-capital
   great-circle distance; a land border (COW conttype 1) counts as d = 0.
3. ``offensive``: j's offensive capability relative to i, m_j / (m_i + m_j) with m the mean of a
   state's shares of system military expenditure and personnel.
4. ``intentions``: the mean of three signals of aggressive intent of j toward i: disputes (GML
   disputes j initiated against i, weighted by j's hostility level 1-5, decaying with half-life
   ``dispute_half_life`` years; x -> 1 - exp(-x / 5)), rivalry (Thompson & Dreyer 2012) and
   territory (i's latent territorial threat, Miller 2022, toward neighbours within 24 miles).

Present states: COW members, and the states the threat model represents although COW leaves them
out (occupied or in exile, ``_membership.represented``: Japan 1946-1951, West and East Germany before
their entry, the governments in exile 1940-1944). The rule is the estimated form's: a represented
state's row (i) is scored, with its capabilities, military and territorial threat, distances and
contiguity read from its nearest membership year (``source_year``) and its disputes and rivalries as
recorded in the year; its column (j) is NaN, since occupied or in exile it has no forces of its own.
The system totals and maxima (power, military shares) are over COW members only.

``form="additive"``: sum_c w_c * component_c / sum_c w_c over the components that are not missing.
``form="projected"``: power and offensive power multiplied by proximity instead of averaging
proximity in. Weights ``DEFAULT_WEIGHTS`` were set by hand; the estimated model
(``_model.py``, ``form="estimated"``) fits its weights instead.
"""

import warnings

import numpy as np

from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.adders import (
    capital_coordinates,
    contiguity_cube,
    gml_cubes,
    great_circle_km,
    membership,
    min_distance_cube,
    rivalry_cube,
)
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup

from ._membership import carry_dyads, carry_state, represented, represented_rows
from ._params import ThreatParams, threat_parameters

COMPONENTS = ("power", "proximity", "offensive", "intentions")
WALT_FORMS = ("additive", "projected")
# committed fits of the projected form: ATOP's named threats (one / two gradients), revealed hostility, both pooled
FITTED_CHOICES = ("fitted", "fitted_two", "fitted_hostility", "fitted_pooled")
DEFAULT_WEIGHTS = {"power": 1.0, "proximity": 1.0, "offensive": 0.5, "intentions": 2.0}
THREAT_SOURCES = ["nmc", "contiguity", "min_distance", "capitals", "gml_dyads", "rivalries", "territorial_threat"]
DEFAULTS = ThreatParams.defaults()  # read-only mapping of ThreatParams' defaults (the older dict-style name)
WATER_MILES_KM = {2: 12 * 1.609, 3: 24 * 1.609, 4: 150 * 1.609, 5: 400 * 1.609}


def proximity(distance_km, half_distance_km=DEFAULTS["half_distance_km"]):
    """Loss-of-strength gradient: 1 at distance 0, halving every ``half_distance_km``.

    proximity = exp(-ln 2 * d / h).

    Parameters
    ----------
    distance_km : float or array of float
    half_distance_km : float, default 1000.0

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> float(proximity(1000.0))
    0.5

    References
    ----------
    Boulding, K. E. (1962), Conflict and Defense: A General Theory, Harper.
    """
    check_range("half_distance_km", half_distance_km, 1e-9, None)
    return np.exp(-np.log(2) * np.asarray(distance_km, dtype=float) / half_distance_km)


def _state_matrix(lookup, table, column):
    """(year, state) array of a warehouse column."""
    t = lookup.table(table)
    return lookup.state_array(t["ccode"], t["year"], t[column].to_numpy(np.float64)).T


def major_matrix(lookup):
    """(year, state) bool: the state is a COW major power in the year (COW State System, majors)."""
    majors = lookup.table("majors")
    major = np.zeros((NYEARS, lookup.size), dtype=bool)
    for row in majors.itertuples():
        major[max(row.styear - YEAR0, 0) : max(row.endyear - YEAR0 + 1, 0), lookup.positions([row.ccode])[0]] = True
    return major


def distance_cube(lookup):
    """(year, i, j) distance in km: CShapes minimum border distance, else capital-to-capital; 0 for a
    land border (COW conttype 1); water contiguity caps it at 12/24/150/400 miles. Cached."""
    return lookup.cached("threat_distance_km", lambda: distance_years(lookup, None))


def present_distance_cube(lookup):
    """``distance_cube`` with the rows and columns of represented states (``_membership.represented``) read
    from their source year: the geography every form scores them with. Cached."""
    return lookup.cached(
        "threat_distance_km_present", lambda: carry_dyads(distance_cube(lookup), represented_rows(lookup))
    )


def distance_years(lookup, years):
    """``distance_cube`` computed only at the year indices ``years`` (None = all); NaN in other years.

    Parameters
    ----------
    lookup : Lookup
    years : array of int or None
        Year indices (0 = 1815).

    Returns
    -------
    numpy.ndarray
        (year, i, j) float32 km, the same shape as ``distance_cube``.
    """
    with np.errstate(invalid="ignore"):
        lat, lng = capital_coordinates(lookup)
        contiguity = contiguity_cube(lookup)
        if years is None:
            mindist = min_distance_cube(lookup)
        else:
            years = np.unique(np.asarray(years))
            lat, lng, contiguity = lat[:, years], lng[:, years], contiguity[years]
            mindist = _min_distance_years(lookup, years)
        capdist = great_circle_km(lat.T[:, :, None], lng.T[:, :, None], lat.T[:, None, :], lng.T[:, None, :])
        distance = np.where(np.isnan(mindist), capdist, mindist)
        distance = np.where(contiguity == 1, 0.0, distance)
        for kind, km in WATER_MILES_KM.items():
            distance = np.where(contiguity == kind, np.fmin(distance, km), distance)
    if years is None:
        return distance.astype(np.float32)
    out = np.full((NYEARS, lookup.size, lookup.size), np.nan, dtype=np.float32)
    out[years] = distance
    return out


def _min_distance_years(lookup, years):
    """``min_distance_cube()[years]`` from the rows of those years only (the cached cube if built)."""
    if "min_distance" in lookup.cache_keys():
        return min_distance_cube(lookup)[years]
    calendar = ", ".join(str(int(year) + YEAR0) for year in years)
    d = lookup.con.execute(f"SELECT ccode1, ccode2, year, mindist FROM min_distance WHERE year IN ({calendar})").df()
    cube = lookup.dyad_cube(d["ccode1"], d["ccode2"], d["year"], d["mindist"], fill=np.nan, dtype=np.float64)[years]
    return np.fmin(cube, cube.transpose(0, 2, 1))


@ThreatParams.keywords
def component_cubes(
    warehouse=None,
    half_distance_km=DEFAULTS["half_distance_km"],
    dispute_half_life=DEFAULTS["dispute_half_life"],
    half_distance_major_km=0.0,
    params: ThreatParams | None = None,
):
    """Walt's four components as (year, i, j) cubes over all states (NaN where not defined).

    Cached per parameter set; i is the threatened state (a COW member or a represented state, scored from
    its source year, see the module docstring), j the threatening one (a COW member).

    Parameters
    ----------
    warehouse : str or Path, optional
    half_distance_km : float, default 1000.0
    dispute_half_life : float, default 10.0
    half_distance_major_km : float, default 0.0
        Half distance when j is a COW major power (0: ``half_distance_km`` for every state).
    params : ThreatParams, optional
        The parameters at once; the keywords, when given, apply on top.

    Returns
    -------
    dict
        Component name -> cube; ``present`` (i a COW member or represented, j a COW member, i != j: where the
        cubes are defined) and ``pair`` (both COW members, i != j: the system's dyads, for other modules' risk
        sets).

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances; Boulding, K. E. (1962), Conflict and Defense; Correlates of War
    Project (2017), State System Membership List v2016 (the system whose gaps ``represented`` bridges).
    """
    check_range("dispute_half_life", dispute_half_life, 1e-9, None)
    lookup = Lookup.get(warehouse)
    key = ("threat_components", float(half_distance_km), float(dispute_half_life))
    if half_distance_major_km:
        key += (float(half_distance_major_km),)
    return lookup.cached(
        key, lambda: _build_components(lookup, half_distance_km, dispute_half_life, half_distance_major_km)
    )


def _build_components(lookup, half_distance_km, dispute_half_life, half_distance_major_km=0.0):
    # Years outside a source's coverage give all-missing slices: expected, so quiet.
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _components(lookup, half_distance_km, dispute_half_life, half_distance_major_km)


def _components(lookup, half_distance_km, dispute_half_life, half_distance_major_km=0.0):
    member = membership(lookup)  # COW members: the system totals, and the states that can threaten
    rows = represented_rows(lookup)  # represented states: rows scored from their source year (``_membership``)
    other = ~np.eye(lookup.size, dtype=bool)[None]
    pair = represented(lookup)["member"][:, :, None] & member[:, None, :] & other

    def state(table, column):
        return carry_state(_state_matrix(lookup, table, column), rows)

    cinc = state("nmc", "cinc")
    power = cinc / np.nanmax(np.where(member, cinc, np.nan), axis=1, keepdims=True)
    power_cube = np.broadcast_to(power[:, None, :], pair.shape)

    distance = present_distance_cube(lookup)
    contiguity = carry_dyads(contiguity_cube(lookup), rows)
    proximity_cube = proximity(distance, half_distance_km)
    if half_distance_major_km:  # a major power's strength declines more slowly (Bueno de Mesquita 1981)
        major = major_matrix(lookup)[:, None, :]
        proximity_cube = np.where(major, proximity(distance, half_distance_major_km), proximity_cube)

    milex, milper = state("nmc", "milex"), state("nmc", "milper")
    military = np.nanmean(
        np.stack(
            [
                milex / np.nansum(np.where(member, milex, np.nan), axis=1, keepdims=True),
                milper / np.nansum(np.where(member, milper, np.nan), axis=1, keepdims=True),
            ]
        ),
        axis=0,
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        offensive = military[:, None, :] / (military[:, :, None] + military[:, None, :])

    disputes = dispute_component(lookup, dispute_half_life)
    calendar = np.arange(NYEARS) + YEAR0
    rivalry = rivalry_cube(lookup).astype(np.float64)
    rivalry[facts.outside(calendar, "rivalries")] = np.nan
    lterr = state("territorial_threat", "lterrthreat")
    low = np.nanmin(np.where(member, lterr, np.nan), axis=1, keepdims=True)
    high = np.nanmax(np.where(member, lterr, np.nan), axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        lterr = (lterr - low) / (high - low)
    territory = lterr[:, :, None] * ((contiguity >= 1) & (contiguity <= 3))
    intentions = np.nanmean(np.stack([disputes, rivalry, territory]), axis=0)

    cubes = {
        "power": power_cube,
        "proximity": proximity_cube,
        "offensive": offensive,
        "intentions": intentions,
        "disputes": disputes,
        "rivalry": rivalry,
        "territory": territory,
    }
    members = member[:, :, None] & member[:, None, :] & other
    return {k: np.where(pair, v, np.nan).astype(np.float32) for k, v in cubes.items()} | {
        "present": pair,
        "pair": members,
    }


def dispute_component(lookup, dispute_half_life):
    """(year, i, j) disputes signal of aggressive intentions: 1 - exp(-x / 5), x the GML disputes j initiated
    against i weighted by j's hostility level, decaying with half-life ``dispute_half_life`` years; NaN outside
    the GML coverage (float64, not masked to present pairs).

    Parameters
    ----------
    lookup : Lookup
    dispute_half_life : float

    Returns
    -------
    numpy.ndarray
    """
    initiated = gml_cubes(lookup)["mid_init_hostility"].astype(np.float64).transpose(0, 2, 1)  # j against i
    decay = 0.5 ** (1.0 / dispute_half_life)
    disputes = np.zeros_like(initiated)
    for t in range(1, NYEARS):
        disputes[t] = disputes[t - 1] * decay + initiated[t]
    disputes = 1 - np.exp(-disputes / 5.0)
    disputes[facts.outside(np.arange(NYEARS) + YEAR0, "gml_dyads")] = np.nan
    return disputes


def walt_cube(weights=None, warehouse=None, form="additive", params=None, **parameters):
    """(year, i, j) hand-weighted threat of j to i: a weighted mean of the available components.

    Rows of represented (occupied, exiled) states are scored from their nearest membership year; their
    columns are NaN (``component_cubes``).

    ``form="additive"`` (default): sum_c w_c x_c / sum_c w_c over the four components.
    ``form="projected"``: Boulding's loss-of-strength gradient applied to capability itself,
    (w_power power * proximity + w_offensive offensive * proximity + w_intentions intentions) /
    (w_power + w_offensive + w_intentions): a distant great power counts only as far as it can
    project its power (the proximity weight is not used). Cached per form, weights and parameters.

    Parameters
    ----------
    weights : dict or str, optional
        Component weights >= 0 (default ``DEFAULT_WEIGHTS``). ``"fitted"`` (projected form only): the weights,
        half distance and dispute half-life estimated on ATOP's named threats (``fitted_projected.json``,
        ``fit_projected``); ``params`` given off their defaults still override the fitted two.
        ``"fitted_two"``, ``"fitted_hostility"``, ``"fitted_pooled"``: the other committed fits (``FITTED_CHOICES``).
    warehouse : str or Path, optional
    form : {"additive", "projected"}, default "additive"
    params : ThreatParams, optional
        ``half_distance_km``, ``dispute_half_life`` (default: ``ThreatParams()``).
    **parameters
        The older keyword style of the same names, applied on top of ``params``.

    Returns
    -------
    numpy.ndarray

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances; Boulding, K. E. (1962), Conflict and Defense.
    """
    parameters = threat_parameters(params, parameters)
    check_choice("form", form, WALT_FORMS)
    if isinstance(weights, str):
        weights, parameters = _fitted_projected(weights, form, parameters)
    weights = _check_weights(weights)
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
            raise ParameterError(
                "argument weights: the projected form needs a positive weight on power, offensive or intentions"
            )
    total = np.zeros(cubes["present"].shape, dtype=np.float32)
    mass = np.zeros_like(total)
    for name, weight in weights.items():
        if weight == 0:
            continue
        value = values[name]
        ok = ~np.isnan(value)
        total += np.where(ok, value * np.float32(weight), 0)
        mass += ok * np.float32(weight)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(cubes["present"] & (mass > 0), total / mass, np.nan).astype(np.float32)


def _fitted_projected(weights, form, parameters):
    """The committed fit of the projected form for ``weights="fitted"``: (weights, parameters)."""
    if weights not in FITTED_CHOICES or form != "projected":
        raise ParameterError(
            f"argument weights={weights!r} with form={form!r}: expected a mapping of component weights, "
            f"or one of {list(FITTED_CHOICES)} with form='projected'"
        )
    from ._projected_fit import load_projected_fit  # the fit modules import this one
    from ._projected_hostility import load_hostility_fit
    from ._projected_two import load_projected_two_fit

    if weights in ("fitted_hostility", "fitted_pooled"):
        fit = load_hostility_fit(pooled=weights == "fitted_pooled")
    else:
        fit = load_projected_fit() if weights == "fitted" else load_projected_two_fit()
    return dict(fit.weights), {**fit.params(), **parameters}


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
