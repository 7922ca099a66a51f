"""The projected form's free parameters estimated on ATOP's named threats, not set by hand.

The projected score of j to i (``walt_cube(form="projected")``) is

    s_ij = (w_p power_j prox_ij + w_o offensive_ij prox_ij + w_n intentions_ij) / (sum of the w over available terms),

prox_ij = exp(-ln 2 d_ij / h) (Boulding's loss-of-strength gradient) and the disputes in intentions decaying with
half-life L. Its free parameters are the weight ratios w_o / w_p and w_n / w_p (the scale does not change a
ranking), the half distance h and the half-life L. They are estimated on the same training signal and cases as the
estimated model (``threat_cases``: each founding member i of an ATOP alliance naming a threat, every state present
in the year before signing as a candidate): s_ij with a fitted scale beta is the utility of a conditional logit,

    P(j is named by i) = exp(beta s_ij) / sum_k exp(beta s_ik)     (McFadden 1974),

maximised over (beta, ln w_o / w_p, ln w_n / w_p) by L-BFGS-B at each point of a coarse grid of h and L
(``GRID_HALF_DISTANCE``, ``GRID_HALF_LIFE``); the grid point with the highest training log-likelihood is kept.
Candidates with no projected score (not COW members) are not in the likelihood and rank last when scored.
Only the training cases' labels enter a fit, so held-out labels cannot change it (``evaluate_projected_fit``
evaluates it leave-one-alliance-out and on the temporal splits, exactly as ``evaluate_threat_model``).

Kept in one module because the case rows, the grid search and the out-of-sample loop here are the one
implementation that the two-gradient form (``_projected_two``) and the hostility fits also call; splitting them off
would leave this module a thin shell.
"""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.lazy import lazy_module
from alliancelab.panels.lookup import Lookup

from ._model import design_matrix
from ._validation import SPLITS, _bootstrap, _hits, alliance_folds
from ._walt import DEFAULT_WEIGHTS, DEFAULTS, component_cubes, dispute_component, present_distance_cube

GRID_HALF_DISTANCE = (500.0, 1000.0, 2000.0, 4000.0, 8000.0, 16000.0, 32000.0)  # km
GRID_HALF_LIFE = (1.25, 2.5, 5.0, 10.0, 20.0)  # years
TERMS = ("power", "offensive", "intentions")
PROJECTED_FILE = Path(__file__).with_name("fitted_projected.json")
optimize = lazy_module("scipy.optimize")


@dataclass
class ProjectedFit:
    """Fitted parameters of the projected form.

    Parameters
    ----------
    weights : dict
        Component weights (power, offensive, intentions), normalised to sum to 1; proximity enters through the
        products and has no weight.
    half_distance_km : float
    dispute_half_life : float
    scale : float
        beta, the fitted scale of s_ij in the conditional logit.
    log_likelihood : float
        Training log-likelihood at the chosen grid point.
    n_cases, n_alliances : int
    grid : list of dict
        Log-likelihood at every grid point (half_distance_km, dispute_half_life, log_likelihood).
    provenance : dict
    """

    weights: dict
    half_distance_km: float
    dispute_half_life: float
    scale: float
    log_likelihood: float
    n_cases: int = 0
    n_alliances: int = 0
    grid: list = field(default_factory=list)
    provenance: dict = field(default_factory=dict)

    def params(self):
        """The ThreatParams fields of the fit (half_distance_km, dispute_half_life)."""
        return {"half_distance_km": float(self.half_distance_km), "dispute_half_life": float(self.dispute_half_life)}

    def to_json(self):
        return asdict(self)


@dataclass
class ProjectedDesign:
    """The projected terms at every candidate row of the evaluation cases, per grid point.

    ``terms[(h, L)]`` is (rows, 3) (power x prox, offensive x prox, intentions; NaN = missing); ``pair`` marks rows
    where the projected form is defined (i present, j a COW member); ``design`` is the estimated model's ``Design``
    (its rows, cases, candidates and labels); ``weight`` an optional weight per case in the likelihood (None: 1
    each, e.g. ``pool_designs`` to give two training signals equal total weight)."""

    design: object
    terms: dict
    pair: np.ndarray
    weight: np.ndarray | None = None


@dataclass
class CaseRows:
    """The threat components at the candidate rows (case i, candidate j, year t) of a design, from which the projected
    form's terms are built for any half distance and dispute half-life (``projected_design``, ``projected_two_design``).
    """

    design: object
    lookup: object
    t: np.ndarray
    i: np.ndarray
    j: np.ndarray
    pair: np.ndarray  # i present (member or represented), j a COW member: where the form is defined
    power: np.ndarray
    offensive: np.ndarray
    rivalry: np.ndarray
    territory: np.ndarray
    distance: np.ndarray

    def intentions(self, half_life):
        """Mean of the available intention components (disputes decaying with ``half_life``, rivalry, territory), at
        the cube's float32 precision."""
        disputes = np.where(self.pair, dispute_component(self.lookup, half_life)[self.t, self.i, self.j], np.nan)
        stack = np.stack([disputes, self.rivalry, self.territory])
        count = np.sum(~np.isnan(stack), axis=0)
        with np.errstate(invalid="ignore"):
            intentions = np.where(count > 0, np.nansum(stack, axis=0) / np.maximum(count, 1), np.nan)
        return intentions.astype(np.float32).astype(np.float64)

    def terms(self, intentions, half_distance):
        """(rows, 3) terms power x prox, offensive x prox, intentions; ``half_distance`` a number or one per row."""
        with np.errstate(invalid="ignore"):
            prox = np.exp(-np.log(2) * self.distance / half_distance).astype(np.float32).astype(np.float64)
            return np.stack([self.power * prox, self.offensive * prox, intentions], axis=1)


def case_rows(warehouse, design):
    """``CaseRows`` of ``design`` (its cases' years and states, its candidates) from the cached component cubes."""
    lookup = Lookup.get(warehouse)
    t = design.cases["t"].to_numpy()[design.case]
    i = design.cases["i"].to_numpy()[design.case]
    j = design.j
    cubes = component_cubes(warehouse)

    def at(name):
        return cubes[name][t, i, j].astype(np.float64)

    distance = present_distance_cube(lookup)[t, i, j].astype(np.float64)  # represented rows: source year
    pair = cubes["present"][t, i, j]
    return CaseRows(
        design, lookup, t, i, j, pair, at("power"), at("offensive"), at("rivalry"), at("territory"), distance
    )


def projected_design(warehouse=None, half_distances=GRID_HALF_DISTANCE, half_lives=GRID_HALF_LIFE, design=None):
    """The projected form's terms at the candidate rows of the named-threat cases, for a grid of parameters.

    Built from the cached component cubes (one build at the defaults), the distance cube and one dispute
    recursion per half-life; only the case rows are kept.

    Parameters
    ----------
    warehouse : str or Path, optional
    half_distances : tuple of float
        Half distances (km) of the grid.
    half_lives : tuple of float
        Dispute half-lives (years) of the grid.
    design : Design, optional
        The cases and candidate rows (default ATOP's named threats, ``design_matrix``; e.g. ``hostility_design``).

    Returns
    -------
    ProjectedDesign
    """
    rows = case_rows(warehouse, design_matrix(warehouse) if design is None else design)
    terms = {}
    for life in half_lives:
        intentions = rows.intentions(life)
        for half in half_distances:
            terms[(float(half), float(life))] = rows.terms(intentions, half)
    return ProjectedDesign(rows.design, terms, rows.pair)


def projected_score(terms, weights):
    """The projected score per row: the weighted mean of the available terms (NaN where none is).

    Parameters
    ----------
    terms : numpy.ndarray
        (rows, 3) power x prox, offensive x prox, intentions.
    weights : array of float
        Three weights >= 0.

    Returns
    -------
    numpy.ndarray
    """
    ok = ~np.isnan(terms)
    w = np.asarray(weights, dtype=np.float64)
    mass = ok @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(mass > 0, np.where(ok, terms, 0.0) @ w / mass, np.nan)


def _weights(theta):
    return np.array([1.0, np.exp(theta[1]), np.exp(theta[2])])


def fitted_weights(theta):
    """The component weights of a fitted theta, normalised to sum to 1 and rounded to 6 digits."""
    w = _weights(theta)
    return dict(zip(TERMS, np.round(w / w.sum(), 6).tolist()))


def n_alliances(design, train):
    """How many alliances the training cases come from."""
    return int(len(np.unique(design.cases["atopid"].to_numpy()[train])))


def _negloglik(theta, terms, case, y, weight=None):
    s = theta[0] * projected_score(terms, _weights(theta))
    top = np.zeros(case.max() + 1)
    np.maximum.at(top, case, s)
    e = np.exp(s - top[case])
    total = np.bincount(case, e)
    named = np.bincount(case, e * y)
    loglik = np.log(named) - np.log(total)
    return -np.sum(loglik if weight is None else weight * loglik)


def _fit_point(terms, case, y, start, weight=None):
    result = optimize.minimize(
        _negloglik,
        start,
        args=(terms, case, y, weight),
        method="L-BFGS-B",
        bounds=[(0.0, 200.0), (-8.0, 8.0), (-8.0, 8.0)],
    )
    return result.x, -float(result.fun)


def grid_search(pdesign, train, starts, names, caller):
    """The conditional-logit fit at every grid point of ``pdesign.terms``, best first by log-likelihood.

    ``names`` name the parts of a grid key (e.g. half distance and dispute half-life); ``starts`` (a previous
    fit) gives each grid point's starting values. Returns ((log-likelihood, key, theta, cases), grid rows).
    """
    design = pdesign.design
    w0 = DEFAULT_WEIGHTS
    start = np.array([5.0, np.log(w0["offensive"] / w0["power"]), np.log(w0["intentions"] / w0["power"])])
    warm = {} if starts is None else {tuple(g[name] for name in names): g["theta"] for g in starts.grid}
    best, grid = None, []
    for key, terms in pdesign.terms.items():
        valid = train[design.case] & pdesign.pair & ~np.isnan(projected_score(terms, _weights(start)))
        original, case = np.unique(design.case[valid], return_inverse=True)
        y = design.y[valid]
        keep = (np.bincount(case, y) > 0)[case]  # cases whose named state is among the scored candidates
        if not keep.any():
            raise ParameterError(f"{caller}: no training case has a named state with a projected score")
        kept, case = np.unique(case[keep], return_inverse=True)
        weights = getattr(pdesign, "weight", None)  # the two-gradient design has no case weights
        weight = None if weights is None else np.asarray(weights, np.float64)[original[kept]]
        theta, loglik = _fit_point(terms[valid][keep], case, y[keep], np.asarray(warm.get(key, start)), weight)
        grid.append({**dict(zip(names, key)), "log_likelihood": loglik, "theta": theta.tolist()})
        if best is None or loglik > best[0]:
            best = (loglik, key, theta, int(case.max() + 1))
    return best, grid


def fit_projected(pdesign, train=None, starts=None):
    """Fit the projected form's weights, half distance and dispute half-life on the training cases.

    Parameters
    ----------
    pdesign : ProjectedDesign
        ``projected_design`` output.
    train : array of bool, optional
        One per case; all when None. Only these cases' rows and labels enter.
    starts : ProjectedFit, optional
        A previous fit whose optimum at each grid point starts the search there (faster cross-validation).

    Returns
    -------
    ProjectedFit

    References
    ----------
    McFadden, D. (1974), "Conditional logit analysis of qualitative choice behavior", in Zarembka (ed.), Frontiers
    in Econometrics, 105-142; Boulding, K. E. (1962), Conflict and Defense, Harper.
    """
    design = pdesign.design
    train = np.ones(len(design.cases), dtype=bool) if train is None else np.asarray(train, dtype=bool)
    best, grid = grid_search(pdesign, train, starts, ("half_distance_km", "dispute_half_life"), "fit_projected")
    loglik, (half, life), theta, n = best
    return ProjectedFit(fitted_weights(theta), half, life, float(theta[0]), loglik, n, n_alliances(design, train), grid)


def score_rows(pdesign, fit):
    """Projected score of every design row under ``fit`` (-inf where the form is undefined).

    Parameters
    ----------
    pdesign : ProjectedDesign
    fit : ProjectedFit or dict
        A fit, or hand-set parameters as {"weights": ..., "half_distance_km": ..., "dispute_half_life": ...}.

    Returns
    -------
    numpy.ndarray
    """
    get = fit.get if isinstance(fit, dict) else lambda name: getattr(fit, name)
    return scored_rows(pdesign, (float(get("half_distance_km")), float(get("dispute_half_life"))), get("weights"))


def scored_rows(pdesign, key, weights):
    """Projected score of every design row at grid point ``key`` with ``weights`` (-inf where undefined)."""
    s = projected_score(pdesign.terms[key], [weights[name] for name in TERMS])
    return np.where(pdesign.pair & ~np.isnan(s), s, -np.inf)


HANDSET = {
    "weights": {name: DEFAULT_WEIGHTS[name] for name in TERMS},
    "half_distance_km": DEFAULTS["half_distance_km"],
    "dispute_half_life": DEFAULTS["dispute_half_life"],
}


def evaluate_projected_fit(warehouse=None, folds=None, splits=SPLITS, n_boot=2000, seed=0, pdesign=None):
    """Hit rates of the fitted and the hand-set projected form, out of sample, as ``evaluate_threat_model``.

    In sample, leave-alliance-out (``folds=None``) or k folds of whole alliances, and temporal splits (fit on
    alliances signed before T, score those from T on); top-1/top-3 expected over random tie-breaks with 95%
    bootstrap intervals clustered by alliance. The hand-set form needs no fit: it is scored on the same cases.

    Parameters
    ----------
    warehouse : str or Path, optional
    folds : int, optional
    splits : tuple of int, default (1914, 1946)
    n_boot : int, default 2000
    seed : int, default 0
    pdesign : ProjectedDesign, optional
        Reused when given.

    Returns
    -------
    pandas.DataFrame
        evaluation, scorer ("projected_fitted", "projected_handset"), cases, alliances, top1/top3 and CIs,
        and for the fitted scorer the spread of the fitted parameters over the folds.
    """
    pdesign = projected_design(warehouse) if pdesign is None else pdesign
    summary = out_of_sample(
        pdesign,
        fit_projected,
        score_rows,
        score_rows(pdesign, HANDSET),
        "projected_fitted",
        folds,
        splits,
        n_boot,
        seed,
    )
    summary.attrs["fold_fits"] = pd.DataFrame(
        [
            {**f.weights, "half_distance_km": f.half_distance_km, "dispute_half_life": f.dispute_half_life}
            for f in summary.attrs["fold_fits"]
        ]
    )
    return summary


def out_of_sample(pdesign, fit, score, handset, scorer, folds=None, splits=SPLITS, n_boot=2000, seed=0, evaluated=None):
    """Top-1/top-3 hit rates of a fitted form and of the hand-set scores, in sample and out of sample.

    The one evaluation loop of the projected fits (one or two gradients), as ``evaluate_projected_fit``.
    ``fit(pdesign, train=None, starts=None)`` fits on the training rows; ``score(pdesign, fitted)`` scores rows.

    Parameters
    ----------
    pdesign : ProjectedDesign or ProjectedTwoDesign
    fit, score : callable
    handset : numpy.ndarray
        Scores of the hand-set form per design row.
    scorer : str
        Name of the fitted scorer in the output.
    folds, splits, n_boot, seed
        As for ``evaluate_projected_fit``.
    evaluated : array of bool, optional
        One per case: the cases that are held out and scored (default all). The others (an auxiliary training
        signal pooled in, ``pool_designs``) are always trained on, except after a temporal split's year.

    Returns
    -------
    pandas.DataFrame
        evaluation, scorer, cases, alliances, top1/top3 and CIs; ``attrs["fold_fits"]`` the list of fold fits.
    """
    design = pdesign.design
    cases = design.cases
    alliances = cases["atopid"].to_numpy()
    years = cases["year"].to_numpy() + 1
    full = fit(pdesign)
    fitted = {"in_sample": score(pdesign, full)}
    evaluations = {"in_sample": np.ones(len(cases), bool), "leave_alliance_out": np.ones(len(cases), bool)}
    scored = np.ones(len(cases), bool) if evaluated is None else np.asarray(evaluated, bool)
    evaluations = {name: mask & scored for name, mask in evaluations.items()}
    loao = np.empty(len(design.case))
    fold = np.full(len(cases), -1)
    fold[scored] = alliance_folds(alliances[scored], folds, seed)
    fits = []
    for f in np.unique(fold[scored]):
        held = fold == f
        fold_fit = fit(pdesign, ~held, full)
        fits.append(fold_fit)
        rows = held[design.case]
        loao[rows] = score(pdesign, fold_fit)[rows]
    fitted["leave_alliance_out"] = loao
    for split in splits:
        train = years < split
        if train.sum() == 0 or (~train & scored).sum() == 0:
            continue
        name = f"temporal_{split}"
        fitted[name] = score(pdesign, fit(pdesign, train, full))
        evaluations[name] = ~train & scored
    rng = np.random.default_rng(seed)
    rows = []
    for evaluation, mask in evaluations.items():
        for name, scores in ((scorer, fitted[evaluation]), ("projected_handset", handset)):
            row = {
                "evaluation": evaluation,
                "scorer": name,
                "cases": int(mask.sum()),
                "alliances": int(len(np.unique(alliances[mask]))),
            }
            rows.append(row | top_hits(design, scores, mask, n_boot, rng))
    summary = pd.DataFrame(rows)
    summary.attrs["fold_fits"] = fits
    return summary


def top_hits(design, scores, mask, n_boot, rng):
    """Top-1 and top-3 hit rates of ``scores`` on the ``mask`` cases of ``design`` (expected over random tie-breaks),
    with 95% bootstrap intervals clustered by ``cases["atopid"]``, drawn from ``rng``: top1, top1_low, top1_high,
    top3, top3_low, top3_high."""
    groups = design.cases["atopid"].to_numpy()[mask]
    out = {}
    for k in (1, 3):
        hits = _hits(design, scores, k)[mask]
        low, high = _bootstrap(hits, groups, n_boot, rng)
        out |= {f"top{k}": float(hits.mean()), f"top{k}_low": float(low), f"top{k}_high": float(high)}
    return out


def load_projected_fit(path=PROJECTED_FILE):
    """The committed fit of the projected form (``scripts/fit_projected_threat.py`` writes it).

    Parameters
    ----------
    path : str or Path, optional
        Default the package's ``fitted_projected.json``.

    Returns
    -------
    ProjectedFit

    Examples
    --------
    >>> sorted(load_projected_fit().weights)
    ['intentions', 'offensive', 'power']
    """
    if not Path(path).exists():
        raise ParameterError(f"file {path}: no fitted projected parameters; run scripts/fit_projected_threat.py")
    return ProjectedFit(**json.loads(Path(path).read_text()))
