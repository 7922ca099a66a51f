"""Per-dyad reference formulas of the similarity measures (S, tau-b, kappa, pi) and their constants."""

import contextlib

import numpy as np

from alliancelab.errors import ParameterError, check_choice
from alliancelab.measures.portfolios import LEVELS

VALUED_RANGE = 3.0
BINARY_RANGE = 1.0
DISTANCES = ("absolute", "squared")
DISAGREEMENTS = ("quadratic", "linear", "nominal")
CONVENTIONS = ("alliancelab", "fpsim")
# convention -> (portfolio direction, pi disagreement, kappa disagreement, S range, weights in squared S)
CONVENTION_RULES = {
    "alliancelab": {
        "direction": "either",
        "pi": "quadratic",
        "kappa": "quadratic",
        "range": "theoretical",
        "squared_weighted": True,
    },
    "fpsim": {
        "direction": "pledged",
        "pi": "nominal",
        "kappa": "quadratic",
        "range": "observed",
        "squared_weighted": False,
    },
}

# name -> (family, coding, weighted, exponent): exponent 1 = absolute, 2 = squared distance
BASE_MEASURES = {
    "s_unweighted": ("s", "valued", False, 1),
    "s_weighted": ("s", "valued", True, 1),
    "s_unweighted_binary": ("s", "binary", False, 1),
    "s_weighted_binary": ("s", "binary", True, 1),
    "s_unweighted_squared": ("s", "valued", False, 2),
    "s_weighted_squared": ("s", "valued", True, 2),
    "tau_b": ("tau_b", "valued", False, None),
    "kappa": ("kappa", "valued", False, None),
    "pi": ("pi", "valued", False, None),
    "kappa_binary": ("kappa", "binary", False, None),
    "pi_binary": ("pi", "binary", False, None),
}
REGIONAL_SUFFIX = "_regional"
MEASURES = tuple(BASE_MEASURES) + tuple(name + REGIONAL_SUFFIX for name in BASE_MEASURES)
DEFAULT_MEASURES = MEASURES


def single_threaded_blas():
    """Context manager limiting BLAS to one thread.

    The per-year products are small, and OpenBLAS threads on a shared machine cost several times
    more than they save (measured: 3.8 s vs 14-20 s for the full panel). Uses threadpoolctl
    (installed with scikit-learn) when available.

    Returns
    -------
    context manager
        ``threadpool_limits(limits=1, user_api="blas")``, or a no-op context without threadpoolctl.

    Examples
    --------
    >>> with single_threaded_blas():
    ...     pass
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


# ----------------------------------------------------------------------------------------------
# Per-dyad formulas (direct implementations; also the reference path of the tests and benchmark)
# ----------------------------------------------------------------------------------------------


def _pair(x, y, weights=None):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ParameterError(
            f"arguments x, y: expected two 1-d portfolios of equal length, got shapes {x.shape} and {y.shape}"
        )
    if len(x) == 0:
        raise ParameterError("arguments x, y: empty portfolios")
    if weights is None:
        return x, y, np.ones_like(x)
    w = np.asarray(weights, dtype=float)
    if w.shape != x.shape:
        raise ParameterError(f"argument weights: expected length {len(x)}, got shape {w.shape}")
    if np.isnan(w).any() or (w < 0).any():
        raise ParameterError(
            "argument weights: expected non-negative numbers without NaN (drop dimensions with missing weights first)"
        )
    return x, y, w


def _check_levels(x, y, levels):
    levels = np.asarray(levels, dtype=float)
    bad = ~np.isin(x, levels) | ~np.isin(y, levels)
    if bad.any():
        value = np.concatenate([x, y])[np.concatenate([~np.isin(x, levels), ~np.isin(y, levels)])][0]
        raise ParameterError(f"portfolio value {value:g} is not one of levels {levels.tolist()}")
    return levels


def disagreement_weights(levels=LEVELS, disagreement="quadratic"):
    """Matrix w_ab of Haege's disagreement weights over the level set (diagonal 0).

    w_ab = (|a - b| / range)^2 (quadratic), |a - b| / range (linear) or [a != b] (nominal).

    Parameters
    ----------
    levels : sequence of float, default (0, 1, 2, 3)
        The level set of the portfolios.
    disagreement : {"quadratic", "linear", "nominal"}, default "quadratic"

    Returns
    -------
    numpy.ndarray
        Square matrix, one row and column per level.

    Examples
    --------
    >>> disagreement_weights((0, 1), "linear").tolist()
    [[0.0, 1.0], [1.0, 0.0]]

    References
    ----------
    Haege, F. M. (2011), "Choice or circumstance? Adjusting measures of foreign policy similarity
    for chance agreement", Political Analysis 19(3): 287-305.
    """
    check_choice("disagreement", disagreement, DISAGREEMENTS)
    values = np.asarray(levels, dtype=float)
    if disagreement == "nominal":
        return 1.0 - np.eye(len(values))
    spread = values.max() - values.min()
    exponent = 2.0 if disagreement == "quadratic" else 1.0
    return (np.abs(values[:, None] - values[None, :]) / spread) ** exponent


def signorino_ritter_s(x, y, weights=None, value_range=VALUED_RANGE, distance="absolute"):
    """Signorino & Ritter's S between two alliance portfolios.

    S = 1 - 2 * sum(w_k * |x_k - y_k| / m) / sum(w_k), in [-1, 1]; with distance="squared" the
    distance is (x_k - y_k)^2 / m^2. m = ``value_range`` (3 valued, 1 binary).

    Parameters
    ----------
    x, y : array of float
        One entry per state (alliance ties valued 0..value_range).
    weights : array of float, optional
        Weight of each state (e.g. CINC shares); equal weights when None.
    value_range : float, default 3.0
        m, the range of the portfolio values.
    distance : {"absolute", "squared"}, default "absolute"

    Returns
    -------
    float
        S in [-1, 1]; NaN when the weights sum to 0.

    Examples
    --------
    >>> signorino_ritter_s([3, 0, 1], [3, 0, 1])
    1.0
    >>> signorino_ritter_s([3, 0], [0, 3])
    -1.0

    References
    ----------
    Signorino, C. S. and Ritter, J. M. (1999), "Tau-b or not tau-b: measuring the similarity of
    foreign policy positions", International Studies Quarterly 43(1): 115-144.
    """
    check_choice("distance", distance, DISTANCES)
    x, y, w = _pair(x, y, weights)
    if value_range <= 0:
        raise ParameterError(f"argument value_range={value_range}: expected a positive range")
    gap = np.abs(x - y) / value_range
    if distance == "squared":
        gap = gap**2
    total = w.sum()
    if total == 0:
        return float("nan")
    return float(1.0 - 2.0 * (w * gap).sum() / total)


def kendall_tau_b(x, y):
    """Kendall's tau-b between two portfolios: (C - D) / sqrt((n0 - T_x)(n0 - T_y)).

    Counts over all pairs of dimensions k < l; NaN when either portfolio is constant.

    Parameters
    ----------
    x, y : array of float
        One entry per state.

    Returns
    -------
    float
        tau-b in [-1, 1], or NaN.

    Examples
    --------
    >>> kendall_tau_b([3, 0, 1], [3, 0, 1])
    1.0

    References
    ----------
    Kendall, M. G. (1945), "The treatment of ties in ranking problems", Biometrika 33(3): 239-251;
    used for alliances by Bueno de Mesquita, B. (1975), JCR 19(2): 187-216.
    """
    x, y, _w = _pair(x, y)
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    k = len(x)
    n0 = k * (k - 1) / 2
    score = (sx * sy).sum() / 2
    tied_x = ((sx == 0).sum() - k) / 2
    tied_y = ((sy == 0).sum() - k) / 2
    denominator = np.sqrt((n0 - tied_x) * (n0 - tied_y))
    return float(score / denominator) if denominator > 0 else float("nan")


def _level_table(x, y, levels):
    """Proportions p_ab of dimensions with x_k = levels[a] and y_k = levels[b]."""
    values = _check_levels(x, y, levels)
    ix, iy = np.searchsorted(values, x), np.searchsorted(values, y)
    table = np.zeros((len(values), len(values)))
    np.add.at(table, (ix, iy), 1.0)
    return values, table / len(x)


def cohen_kappa(x, y, levels=LEVELS, disagreement="quadratic"):
    """Cohen's weighted kappa between two portfolios: 1 - D_obs / D_exp.

    D_obs = sum_ab p_ab w_ab; D_exp = sum_ab p_a. p_.b w_ab (each state's own marginals, i.e. the
    mean of w(x_k, y_l) over all pairs of dimensions); w_ab = (|a - b| / range)^2 by default.

    Parameters
    ----------
    x, y : array of float
        One entry per state, each value one of ``levels``.
    levels : sequence of float, default (0, 1, 2, 3)
    disagreement : {"quadratic", "linear", "nominal"}, default "quadratic"

    Returns
    -------
    float
        kappa; NaN when D_exp = 0.

    Examples
    --------
    >>> cohen_kappa([3, 0, 1, 0], [3, 0, 1, 0])
    1.0

    References
    ----------
    Cohen, J. (1968), "Weighted kappa", Psychological Bulletin 70(4): 213-220;
    Haege, F. M. (2011), Political Analysis 19(3): 287-305.
    """
    x, y, _w = _pair(x, y)
    values, table = _level_table(x, y, levels)
    weights = disagreement_weights(values, disagreement)
    observed = (table * weights).sum()
    expected = table.sum(1) @ weights @ table.sum(0)
    return float(1.0 - observed / expected) if expected > 0 else float("nan")


def scott_pi(x, y, levels=LEVELS, disagreement="quadratic"):
    """Scott's pi between two portfolios: 1 - D_obs / D_exp with the pooled marginal.

    m_a = (p_a. + p_.a) / 2 and D_exp = sum_ab m_a m_b w_ab (the mean of w over all pairs of the
    pooled 2K values).

    Parameters
    ----------
    x, y : array of float
        One entry per state, each value one of ``levels``.
    levels : sequence of float, default (0, 1, 2, 3)
    disagreement : {"quadratic", "linear", "nominal"}, default "quadratic"

    Returns
    -------
    float
        pi; NaN when D_exp = 0.

    Examples
    --------
    >>> scott_pi([3, 0, 1, 0], [3, 0, 1, 0])
    1.0

    References
    ----------
    Scott, W. A. (1955), Public Opinion Quarterly 19(3): 321-325; Haege, F. M. (2011),
    Political Analysis 19(3): 287-305.
    """
    x, y, _w = _pair(x, y)
    values, table = _level_table(x, y, levels)
    weights = disagreement_weights(values, disagreement)
    observed = (table * weights).sum()
    pooled = (table.sum(1) + table.sum(0)) / 2.0
    expected = pooled @ weights @ pooled
    return float(1.0 - observed / expected) if expected > 0 else float("nan")


def _spec(name):
    if name not in BASE_MEASURES:
        raise ParameterError(f"measure '{name}': expected one of {list(MEASURES)}")
    return BASE_MEASURES[name]


def reference_measure(name, x, y, weights=None):
    """One registered measure for one dyad, by the direct per-dyad formulas.

    The regional suffix is not handled here: pass the dimensions restricted to the regions instead.

    Parameters
    ----------
    name : str
        A base measure name, e.g. ``"s_weighted"``, ``"tau_b"``, ``"kappa_binary"``.
    x, y : array of float
        Valued (0-3) portfolios over the same dimensions.
    weights : array of float, optional
        The CINC of those dimensions (needed for weighted measures).

    Returns
    -------
    float

    Examples
    --------
    >>> reference_measure("s_unweighted", [3, 0], [0, 3])
    -1.0
    """
    family, coding, weighted, exponent = _spec(name.removesuffix(REGIONAL_SUFFIX))
    if weighted and weights is None:
        raise ParameterError(f"measure {name}: needs the weights of the dimensions")
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if coding == "binary":
        x, y = (x >= 1).astype(float), (y >= 1).astype(float)
    levels = LEVELS if coding == "valued" else (0, 1)
    value_range = VALUED_RANGE if coding == "valued" else BINARY_RANGE
    if family == "s":
        return signorino_ritter_s(
            x, y, weights if weighted else None, value_range, "absolute" if exponent == 1 else "squared"
        )
    if family == "tau_b":
        return kendall_tau_b(x, y)
    if family == "kappa":
        return cohen_kappa(x, y, levels)
    return scott_pi(x, y, levels)


# ----------------------------------------------------------------------------------------------
# Fast path: cross-tabulations by matrix products, measures as forms of the cross-tabs
# ----------------------------------------------------------------------------------------------
