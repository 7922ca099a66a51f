"""The estimated threat model: a conditional logit over the states that could be i's threat.

For a case (state i, year t) every other state j present in t is a candidate with features x_ij
(``FEATURES``, z-scored with the training rows' mean and standard deviation; a missing value
contributes 0, the training average, never an invented value). The score is s_ij = b . z_ij and

    P(j is the threat i names | candidates) = exp(s_ij) / sum_k exp(s_ik)     (McFadden 1974).

With several named states the likelihood is that of naming any of them. b maximises the
log-likelihood minus lambda/2 |b|^2 (``PENALTY`` = 1, fixed before any evaluation), by
scipy.optimize (trust-region Newton, analytic gradient and Hessian; the objective is convex).
The threat level in [0, 1] is sigmoid(s_ij + a), with a the intercept of a pooled logit with
offset s (the expected number of named threats over the training candidates equals the observed).

Loss-of-strength gradient: with log_power, distance d (1000 km) and log_distance in the score,
projected power is P_j ** b_p * exp(-b_d d) * (1 + 10 d) ** (-b_l): logarithmic over the first few
hundred km (Bueno de Mesquita 1981), linear beyond (Boulding 1962). Power (log_power and
offensive, coefficients b_p + b_o) has half its effect on the odds at the d where
b_d d + b_l ln(1 + 10 d) = ln 2 * (b_p + b_o), for a major power with b_d + b_md: all estimated, not
assumed (``FittedThreatModel.half_distance_km``).
"""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab import disk_cache
from alliancelab.errors import ParameterError
from alliancelab.lazy import lazy_module
from alliancelab.panels.lookup import Lookup

from ._cases import threat_cases
from ._features import FEATURES, HALF_LIFE, features_at, features_for_years

PENALTY = 1.0
WEIGHTS_FILE = Path(__file__).with_name("fitted_weights.json")
CACHED_CODE = ("measures/threat", "panels", "data")  # the code the cached features depend on
optimize = lazy_module("scipy.optimize")  # imported when a fit first needs it (0.3 s), never by scoring


@dataclass
class Design:
    """Candidate rows of the evaluation cases: ``x`` (rows, features, raw with NaN), ``case`` (row ->
    case number, rows sorted by case), ``j`` (candidate dense index), ``y`` (1 = named)."""

    x: np.ndarray
    case: np.ndarray
    j: np.ndarray
    y: np.ndarray
    cases: pd.DataFrame
    features: tuple = FEATURES


@dataclass
class FittedThreatModel:
    """Coefficients on z-scored features, the scaling, the calibration intercept and provenance.

    Parameters
    ----------
    features : tuple of str
    coef : numpy.ndarray
        Coefficient b per z-scored feature.
    mean, scale : numpy.ndarray
        The training features' mean and standard deviation.
    intercept : float
        Calibration intercept a of sigmoid(b . z + a).
    penalty : float, default 1.0
        Ridge penalty of the fit.
    half_life : float, default 10.0
        Half-life of the hostility history.
    n_cases, n_alliances : int
        Training cases and their alliances.
    log_likelihood : float
    provenance : dict
    """

    features: tuple
    coef: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    intercept: float
    penalty: float = PENALTY
    half_life: float = HALF_LIFE
    n_cases: int = 0
    n_alliances: int = 0
    log_likelihood: float = float("nan")
    provenance: dict = field(default_factory=dict)

    def standardise(self, x):
        z = (np.asarray(x, dtype=np.float64) - self.mean) / self.scale
        return np.where(np.isnan(z), 0.0, z)

    def score(self, x):
        """Linear score b . z for raw feature rows (..., features)."""
        return self.standardise(x) @ self.coef

    def raw_weights(self):
        """Coefficient per unit of each raw feature (b / sd)."""
        return dict(zip(self.features, (self.coef / self.scale).tolist()))

    def half_distance_km(self, major=False):
        """Estimated distance (km) at which a state's power has half its effect near home: the d (1000 km)
        where the distance terms' loss, -(b_d + b_md) d - b_l ln(1 + 10 d), equals the gain from doubling
        its power, ln 2 * (b_p + b_o) (log_power and offensive, both log shares of j's power); inf if power
        does not fall that far with distance (12,000 km) in the fitted model."""
        w = self.raw_weights()
        slope = -(w["distance"] + (w["major_distance"] if major else 0.0))
        bend = -w.get("log_distance", 0.0)
        target = np.log(2) * (w["log_power"] + w.get("offensive", 0.0))

        def loss(d):
            return slope * d + bend * np.log1p(10.0 * d) - target

        if target <= 0 or loss(12.0) <= 0:
            return float("inf")
        if loss(0.0) >= 0:
            return 0.0
        return float(optimize.brentq(loss, 0.0, 12.0) * 1000.0)

    def to_json(self):
        data = asdict(self)
        for name in ("coef", "mean", "scale"):
            data[name] = dict(zip(self.features, np.asarray(data[name]).tolist()))
        data["features"] = list(self.features)
        return data

    @classmethod
    def from_json(cls, data):
        features = tuple(data["features"])
        arrays = {name: np.array([data[name][f] for f in features]) for name in ("coef", "mean", "scale")}
        rest = {k: v for k, v in data.items() if k not in arrays and k != "features"}
        return cls(features=features, **arrays, **rest)

    def with_weights(self, weights):
        """A copy with some z-scale coefficients replaced (``weights``: feature -> value)."""
        coef = self.coef.copy()
        for name, value in weights.items():
            if name not in self.features:
                raise ParameterError(
                    f"argument weights: unknown feature '{name}' of the estimated form; "
                    f"expected some of {list(self.features)}"
                )
            coef[self.features.index(name)] = float(value)
        return FittedThreatModel(**{**self.__dict__, "coef": coef})


def design_matrix(warehouse=None, half_life=HALF_LIFE):
    """Feature rows for every candidate of every evaluation case (``threat_cases``). Cached.

    Parameters
    ----------
    warehouse : str or Path, optional
    half_life : float, default 10.0

    Returns
    -------
    Design
        ``x`` (rows, features), ``case``, ``j`` (candidate), ``y`` (1 = named), ``cases``.
    """
    lookup = Lookup.get(warehouse)
    return lookup.cached(("threat_design", float(half_life)), lambda: _design(lookup, warehouse, half_life))


def _design(lookup, warehouse, half_life):
    cases, _ = threat_cases(warehouse)
    blocks = {}
    years = np.unique(cases["t"])
    for chunk in np.array_split(years, max(1, len(years) // 12)):
        feats = features_at(lookup, chunk, half_life)
        for n, t in enumerate(chunk):
            blocks[int(t)] = {"pair": feats["pair"][n], "x": np.stack([feats[f][n] for f in FEATURES], axis=-1)}
    xs, case_ids, js, ys = [], [], [], []
    for c, row in enumerate(cases.itertuples()):
        block = blocks[row.t]
        j = np.flatnonzero(block["pair"][row.i])
        xs.append(block["x"][row.i, j])
        case_ids.append(np.full(len(j), c))
        js.append(j)
        ys.append(np.isin(j, row.targets).astype(np.float64))
    return Design(
        np.concatenate(xs).astype(np.float64), np.concatenate(case_ids), np.concatenate(js), np.concatenate(ys), cases
    )


def _probabilities(coef, z, case, y, starts):
    s = z @ coef
    top = np.maximum.reduceat(s, starts)[case]
    e = np.exp(s - top)
    total = np.add.reduceat(e, starts)
    named = np.add.reduceat(e * y, starts)
    return e / total[case], e * y / named[case], np.sum(np.log(named) - np.log(total))


def _objective(coef, z, case, y, starts, penalty):
    p_all, p_named, loglik = _probabilities(coef, z, case, y, starts)
    grad = z.T @ (p_named - p_all)
    return -loglik + 0.5 * penalty * coef @ coef, -grad + penalty * coef


def _hessian(coef, z, case, y, starts, penalty):
    """sum over cases of Cov_all(z) - Cov_named(z), plus the penalty: the log-likelihood's curvature."""
    p_all, p_named, _ = _probabilities(coef, z, case, y, starts)
    out = penalty * np.eye(len(coef))
    for p, sign in ((p_all, 1.0), (p_named, -1.0)):
        mean = np.add.reduceat(p[:, None] * z, starts)
        out += sign * ((z * p[:, None]).T @ z - mean.T @ mean)
    return out


def fit_threat_model(design, train=None, penalty=PENALTY, half_life=HALF_LIFE):
    """Fit the conditional logit on the training cases.

    Only the training rows enter: their features fix the scaling, their labels the coefficients, so
    the labels of held-out cases cannot change the fit.

    Parameters
    ----------
    design : Design
        ``design_matrix`` output.
    train : array of bool, optional
        One per case; all when None.
    penalty : float, default 1.0
        Ridge penalty.
    half_life : float, default 10.0

    Returns
    -------
    FittedThreatModel

    References
    ----------
    McFadden, D. (1974), "Conditional logit analysis of qualitative choice behavior", in
    Zarembka (ed.), Frontiers in Econometrics, 105-142.
    """
    train = np.ones(len(design.cases), dtype=bool) if train is None else np.asarray(train, dtype=bool)
    rows = train[design.case]
    x, case, y = design.x[rows], design.case[rows], design.y[rows]
    has_target = np.add.reduceat(y, np.flatnonzero(np.r_[True, np.diff(case) != 0])) > 0
    if not has_target.any():
        raise ParameterError("fit_threat_model: no training case has a named state among its candidates")
    mean = np.nanmean(x, axis=0)
    scale = np.nanstd(x, axis=0)
    mean = np.where(np.isnan(mean), 0.0, mean)
    scale = np.where((scale > 0) & ~np.isnan(scale), scale, 1.0)
    z = np.where(np.isnan(x), 0.0, (x - mean) / scale)
    starts = np.flatnonzero(np.r_[True, np.diff(case) != 0])
    _, case_dense = np.unique(case, return_inverse=True)
    from scipy.special import expit  # here, not at the top: scoring never fits

    result = optimize.minimize(
        _objective,
        np.zeros(z.shape[1]),
        args=(z, case_dense, y, starts, penalty),
        jac=True,
        hess=_hessian,
        method="trust-exact",
        options={"gtol": 1e-8},
    )
    coef = result.x
    s = z @ coef
    n_named = y.sum()
    intercept = optimize.brentq(lambda a: expit(s + a).sum() - n_named, -60, 60)
    alliances = design.cases["atopid"].to_numpy()[train]
    return FittedThreatModel(
        design.features,
        coef,
        mean,
        scale,
        float(intercept),
        penalty,
        half_life,
        int(train.sum()),
        int(len(np.unique(alliances))),
        float(-result.fun),
    )


def load_fitted(path=WEIGHTS_FILE):
    """The committed fit (``scripts/fit_threat_weights.py`` writes it with its provenance).

    Parameters
    ----------
    path : str or Path, optional
        Default the package's ``fitted_weights.json``.

    Returns
    -------
    FittedThreatModel

    Examples
    --------
    >>> model = load_fitted()
    >>> len(model.coef) == len(model.features)
    True
    """
    if not Path(path).exists():
        raise ParameterError(f"file {path}: no fitted threat weights; run scripts/fit_threat_weights.py")
    return FittedThreatModel.from_json(json.loads(Path(path).read_text()))


def estimated_cube(model, warehouse=None):
    """(year, i, j) threat of j to i under ``model``: sigmoid(b . z_ij + a), NaN outside present pairs.
    Built in chunks of years to bound memory; cached per model."""
    lookup = Lookup.get(warehouse)
    key = ("threat_estimated", tuple(np.round(model.coef, 12)), round(model.intercept, 12), model.half_life)

    def build():
        from alliancelab.panels.lookup import NYEARS

        out = np.full((NYEARS, lookup.size, lookup.size), np.nan, dtype=np.float32)
        for chunk in np.array_split(np.arange(NYEARS), 14):
            out[chunk] = _score_years(lookup, model, chunk)
        return out

    return lookup.cached(key, build)


def estimated_years(model, year_indices, warehouse=None):
    """(len(year_indices), i, j) threat under ``model`` for a few years (year index 0 = 1815)."""
    return _score_years(Lookup.get(warehouse), model, np.asarray(year_indices))


def _score_years(lookup, model, years):
    return _score_features(model, features_at(lookup, years, model.half_life))


def _score_features(model, feats):
    total = np.zeros(feats["pair"].shape, dtype=np.float64)
    for n, name in enumerate(model.features):
        z = (feats[name] - model.mean[n]) / model.scale[n]
        total += model.coef[n] * np.where(np.isnan(z), 0.0, z)
    return np.where(feats["pair"], _logistic(total + model.intercept), np.nan).astype(np.float32)


def _logistic(x):
    """1 / (1 + exp(-x)) in NumPy: scipy.special.expit to within 4e-16 relative, the same float32 values, and
    no 0.2 s import of scipy.special on the scoring path."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def year_scores(model, year_index, warehouse=None):
    """Threat level and features for one year without building the whole cube: (threat, features).

    The year's features are kept on disk beside the warehouse (``alliancelab.disk_cache``), so a
    fresh process scoring a year scored before reads them instead of computing them (ms, not 0.4 s)."""
    lookup = Lookup.get(warehouse)
    feats = disk_cache.load_or_build(
        lookup,
        "threat_features",
        (float(model.half_life), int(year_index)),
        CACHED_CODE,
        lambda: features_for_years(lookup, [year_index], model.half_life),
    )
    threat = _score_features(model, feats)[0]
    return threat, {name: feats[name][0] for name in list(model.features) + ["pair"]}
