"""The public entry points: threat cubes, scores, rankings and the panel step, for every form."""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.adders import with_columns
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR
from alliancelab.panels.lookup import YEAR0, Lookup

from ._features import FEATURE_SOURCES, FEATURES
from ._model import estimated_cube, estimated_years, load_fitted, year_scores
from ._params import threat_parameters
from ._walt import COMPONENTS, THREAT_SOURCES, WALT_FORMS, _fitted_projected, component_cubes, walt_cube

FORMS = ("estimated",) + WALT_FORMS
DEFAULT_FORM = "estimated"
FEW_YEARS = 5
WALT_COLUMNS = ("power", "proximity", "offensive", "intentions", "disputes", "rivalry", "territory")


def fitted_model(weights=None):
    """The committed estimated model, with some coefficients replaced by ``weights`` if given.

    Parameters
    ----------
    weights : dict, optional
        Feature -> z-scale coefficient (negative allowed).

    Returns
    -------
    FittedThreatModel

    Examples
    --------
    >>> model = fitted_model()
    >>> len(model.coef) == len(model.features)
    True
    """
    model = load_fitted()
    return model.with_weights(weights) if weights else model


def threat_cube(weights=None, warehouse=None, form=DEFAULT_FORM, params=None, **parameters):
    """(year, i, j) threat of j to i, in [0, 1]; NaN where the pair is not present that year.

    ``form="estimated"`` (default): the fitted model, sigmoid(b . z_ij + a) over ``FEATURES``
    (Walt's four sources, hostility history, bloc opposition, ideology, friendly ties), with b
    estimated on ATOP's named threats (``fit_threat_model``; the committed fit is read from
    ``fitted_weights.json``). Present = COW member or represented (``represented``).
    ``form="additive"`` / ``"projected"``: the hand-weighted means of Walt's four components over
    the same present states (``walt_cube``). Cached per form, weights and parameters.

    Parameters
    ----------
    weights : dict, optional
        Estimated form: chosen z-scale coefficients (feature -> value, negative allowed);
        additive/projected: component weights >= 0.
    warehouse : str or Path, optional
        Default the configured one.
    form : {"estimated", "additive", "projected"}, default "estimated"
    params : ThreatParams, optional
        ``half_distance_km``, ``dispute_half_life`` of the hand-weighted forms (default: ``ThreatParams()``).
    **parameters
        The older keyword style of the same names, applied on top of ``params``.

    Returns
    -------
    numpy.ndarray
        Shape (years since 1815, states, states).

    References
    ----------
    Walt, S. M. (1985), "Alliance formation and the balance of world power", International
    Security 9(4): 3-43; Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    """
    parameters = threat_parameters(params, parameters)
    check_choice("form", form, FORMS)
    if form != "estimated":
        return walt_cube(weights, warehouse, form, **parameters)
    if parameters:
        raise ParameterError(
            f"arguments {sorted(parameters)}: the estimated form takes no parameters "
            "(its gradient and weights are estimated; refit with fit_threat_model)"
        )
    return estimated_cube(fitted_model(weights), warehouse)


def _check_years(start, end):
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")
    check_range("start", start, FIRST_YEAR, LAST_YEAR)
    check_range("end", end, FIRST_YEAR, LAST_YEAR)


def fitted_projected_parameters(weights="fitted", form="projected", params=None):
    """The committed fit behind a fitted choice of the projected form: its component weights and threat parameters.

    ``threat_cube(weights="fitted", form="projected")`` equals ``threat_cube(w, form="projected", params=p)`` with
    ``w, p = fitted_projected_parameters("fitted")``, so the fitted form can be rescored with other weights at the
    fitted half distance(s) and dispute half-life (e.g. the weight draws of ``label_uncertainty``).

    Parameters
    ----------
    weights : str, default "fitted"
        A fitted choice: "fitted" (one loss-of-strength gradient) or "fitted_two" (major powers with their own).
    form : str, default "projected"
        Must be "projected" (the fits are the projected form's).
    params : ThreatParams or mapping, optional
        Fields given off their defaults override the fit's (as in ``walt_cube``).

    Returns
    -------
    tuple of (dict, dict)
        Component weights (power, offensive, intentions; summing to 1) and the ThreatParams fields.

    Examples
    --------
    >>> weights, params = fitted_projected_parameters("fitted_two")
    >>> sorted(weights), params["half_distance_major_km"] >= params["half_distance_km"]
    (['intentions', 'offensive', 'power'], True)

    References
    ----------
    McFadden, D. (1974), "Conditional logit analysis of qualitative choice behavior"; Boulding, K. E. (1962),
    Conflict and Defense, Harper.
    """
    return _fitted_projected(weights, form, threat_parameters(params))


def threat_scores(
    start=FIRST_YEAR, end=LAST_YEAR, weights=None, warehouse=None, form=DEFAULT_FORM, params=None, **parameters
):
    """Directed dyad-years with the combined ``threat`` and Walt's components.

    ccode1 = threatened i (a COW member or a represented state), ccode2 = threatening j (a COW member),
    for every present pair start..end (``represented``). The estimated form scores a span of fewer than
    ``FEW_YEARS`` years directly (no whole cube is built).

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    weights, warehouse, form, params, **parameters
        As for ``threat_cube``.

    Returns
    -------
    pandas.DataFrame
        ccode1, ccode2, year, threat and the components (power, proximity, offensive, intentions,
        disputes, rivalry, territory).

    Examples
    --------
    >>> scores = threat_scores(1950, 1950)
    >>> {"ccode1", "ccode2", "year", "threat"} <= set(scores.columns)
    True

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press.
    """
    parameters = threat_parameters(params, parameters)
    _check_years(start, end)
    if isinstance(weights, str):  # the fitted projected form: its components at the fitted gradient and half-life
        weights, parameters = _fitted_projected(weights, form, parameters)
    lookup = Lookup.get(warehouse)
    years = slice(start - YEAR0, end - YEAR0 + 1)
    if form == "estimated" and end - start < FEW_YEARS and not parameters:
        combined = estimated_years(fitted_model(weights), np.arange(years.start, years.stop), warehouse)
    else:
        combined = threat_cube(weights, warehouse, form, **parameters)[years]
    cubes = component_cubes(warehouse, **(parameters if form != "estimated" else {}))
    t, i, j = np.nonzero(cubes["present"][years])
    out = {"ccode1": lookup.codes[i], "ccode2": lookup.codes[j], "year": t + start}
    for name in WALT_COLUMNS:
        out[name] = cubes[name][years][t, i, j].astype(np.float64)
    out["threat"] = combined[t, i, j].astype(np.float64)
    return pd.DataFrame(out)


def rank_cube(score):
    """Rank (1 = most threatening) of each j for each (year, i); NaN scores rank last (NaN).

    Parameters
    ----------
    score : numpy.ndarray
        A (year, i, j) threat cube.

    Returns
    -------
    numpy.ndarray
        Ranks as floats, NaN where the score is NaN.

    Examples
    --------
    >>> import numpy as np
    >>> rank_cube(np.array([[[0.2, 0.9, np.nan]]])).tolist()
    [[[2.0, 1.0, nan]]]
    """
    filled = np.where(np.isnan(score), -np.inf, score)
    order = np.argsort(-filled, axis=2, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, score.shape[2] + 1)[None, None, :], axis=2)
    return np.where(np.isnan(score), np.nan, ranks.astype(np.float64))


def _resolve_present(lookup, value, year):
    """COW code of ``value`` in ``year``: a system member, or a state the threat model represents that
    year (an occupied state, e.g. Japan 1946-1951, decides and is threatened; see ``represented``)."""
    try:
        return lookup.resolve(value, year, argument="ccode")
    except ParameterError as not_member:
        from ._membership import represented

        code = lookup.resolve(value, None, argument="ccode")
        position = lookup.positions([code])[0]
        if position < 0 or not represented(lookup)["member"][year - YEAR0, position]:
            raise not_member from None
        return code


def top_threats(
    year,
    ccode=None,
    k=5,
    weights=None,
    warehouse=None,
    form=DEFAULT_FORM,
    walt_components=True,
    params=None,
    **parameters,
):
    """The k states most threatening to ``ccode`` (or to every present state) in ``year``, ranked.

    The estimated form scores only the one year asked; with ``walt_components=False`` it builds no
    whole-panel cube at all (the fast path of ``alliancelab measures top-threats``).

    Parameters
    ----------
    year : int
    ccode : int, optional
        The threatened state (default every present state).
    k : int, default 5
    weights, warehouse, form, params, **parameters
        As for ``threat_cube``.
    walt_components : bool, default True
        Add Walt's components (a represented state's read from its source year, as its threat).

    Returns
    -------
    pandas.DataFrame
        ccode1, ccode2, year, threat, rank, and Walt's components; the estimated form adds its
        ``FEATURES``.

    Examples
    --------
    >>> top = top_threats(1950, 2, k=3, walt_components=False)
    >>> top["rank"].tolist()
    [1, 2, 3]
    """
    parameters = threat_parameters(params, parameters)
    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    check_range("k", k, 1, None)
    check_choice("form", form, FORMS)
    lookup = Lookup.get(warehouse)
    if ccode is not None:
        ccode = _resolve_present(lookup, ccode, year)
    if form == "estimated":
        if parameters:
            raise ParameterError(f"arguments {sorted(parameters)}: the estimated form takes no parameters")
        threat, feats = year_scores(fitted_model(weights), year - YEAR0, warehouse)
        i, j = np.nonzero(feats["pair"])
        scores = pd.DataFrame(
            {
                "ccode1": lookup.codes[i],
                "ccode2": lookup.codes[j],
                "year": year,
                "threat": threat[i, j].astype(np.float64),
            }
            | {name: feats[name][i, j].astype(np.float64) for name in FEATURES}
        )
        if walt_components:
            cubes = component_cubes(warehouse)
            for name in WALT_COLUMNS:
                scores[name] = cubes[name][year - YEAR0][i, j].astype(np.float64)
    else:
        scores = threat_scores(year, year, weights, warehouse, form, **parameters)
    if ccode is not None:
        scores = scores[scores["ccode1"] == ccode]
        if scores.empty:
            raise ParameterError(f"argument ccode={ccode!r}: not present in the state system in {year}")
    scores = scores.dropna(subset=["threat"]).sort_values(["ccode1", "threat"], ascending=[True, False])
    scores["rank"] = scores.groupby("ccode1").cumcount() + 1
    return scores[scores["rank"] <= k].reset_index(drop=True)


def add_threat(panel, weights=None, components=False, form=DEFAULT_FORM, params=None, **parameters):
    """Join the threat score onto a dyad-year panel: ``threat`` is the threat of ccode2 to ccode1.

    Chains with the panels through ``pipe``: ``dyad_years(1946, 1990).pipe(add_threat)``.

    Parameters
    ----------
    panel : pandas.DataFrame
        A dyad-year panel (ccode1, ccode2, year).
    weights, form, params, **parameters
        As for ``threat_cube``.
    components : bool, default False
        Add Walt's four components too (threat_power, threat_proximity, ...).

    Returns
    -------
    pandas.DataFrame
        The panel with the new columns; its ``sources`` extended.
    """
    parameters = threat_parameters(params, parameters)
    if "ccode1" not in panel.columns:
        raise ParameterError("add_threat needs a dyad-year panel (columns ccode1, ccode2, year)")
    warehouse = panel.attrs.get("warehouse")
    lookup = Lookup.get(warehouse)
    c1, c2, year = (panel[c].to_numpy() for c in ("ccode1", "ccode2", "year"))
    positions = lookup.dyad_positions(c1, c2, year)
    cube = threat_cube(weights, warehouse, form, **parameters)
    columns = {"threat": lookup.read_dyad(cube, None, None, None, positions).astype(np.float64)}
    if components:
        cubes = component_cubes(warehouse, **(parameters if form != "estimated" else {}))
        for name in COMPONENTS:
            columns[f"threat_{name}"] = lookup.read_dyad(cubes[name], None, None, None, positions).astype(np.float64)
    sources = THREAT_SOURCES if form != "estimated" else sorted(set(THREAT_SOURCES) | set(FEATURE_SOURCES))
    return with_columns(panel, columns, sources)
