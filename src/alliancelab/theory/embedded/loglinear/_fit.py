"""Fitting a hierarchical log-linear model: design matrix, Poisson GLM, fit statistics."""

import itertools
import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from alliancelab.theory.embedded.loglinear._models import all_terms, generating_class, model_name, standard_models
from alliancelab.theory.embedded.loglinear._table import SMALL_EXPECTED, _one_blas_thread


# --- fitting -----------------------------------------------------------------------------------------
def _term_columns(table, term, cache):
    """Treatment-coded columns of one term: products of the non-reference dummies of its factors."""
    if term not in cache:
        block = np.ones((len(table.cells), 1))
        for f in term:
            codes = table.codes(f)
            dummies = (codes[:, None] == np.arange(1, len(table.levels[f]))[None, :]).astype(float)
            block = (block[:, :, None] * dummies[:, None, :]).reshape(len(codes), -1)
        names = [
            "*".join(f"{f}={lv}" for f, lv in zip(term, combo))
            for combo in itertools.product(*[table.levels[f][1:] for f in term])
        ]
        cache[term] = (block, names)
    return cache[term]


def design_matrix(table, gen, cache=None):
    """The treatment-coded design of the model with generating class ``gen``.

    Parameters
    ----------
    table : ContingencyTable
        The table.
    gen : tuple of tuple of str
        The generating class (``generating_class``).
    cache : dict, optional
        Term design blocks reused across fits of the same table.

    Returns
    -------
    X : numpy.ndarray
        Shape (cells, columns): intercept first, then every term's columns.
    names : list of str
        Column names (``"a=2"``, ``"a=2*b=2"``, ...).
    terms : list of tuple
        The term of each column (``()`` for the intercept).

    Examples
    --------
    >>> from alliancelab.theory.embedded.loglinear import contingency_table
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> table = contingency_table(frame, ["a", "b"], weights="n")
    >>> design_matrix(table, (("a",), ("b",)))[1]
    ['(intercept)', 'a=2', 'b=2']
    """
    cache = {} if cache is None else cache
    blocks, names, terms = [np.ones((len(table.cells), 1))], ["(intercept)"], [()]
    for term in all_terms(gen):
        block, labels = _term_columns(table, term, cache)
        blocks.append(block)
        names += labels
        terms += [term] * len(labels)
    return np.hstack(blocks), names, terms


def _zero_margin_cells(table, gen, counts, fitted):
    """Cells lying in a zero margin of a generator (their ML fit is 0)."""
    out = np.zeros(len(counts), dtype=bool)
    for term in gen:
        idx = [table.factors.index(f) for f in term]
        grid = np.indices(table.shape).reshape(len(table.factors), -1)
        key = np.ravel_multi_index(grid[idx], [table.shape[i] for i in idx])
        margin = np.bincount(key[fitted], weights=counts[fitted], minlength=int(np.prod([table.shape[i] for i in idx])))
        out |= margin[key] == 0
    return out & fitted


def _independent_columns(X):
    """Indices of a maximal set of linearly independent columns of X (pivoted QR), in order."""
    from scipy.linalg import qr

    if X.shape[1] == 0:
        return np.array([], dtype=int)
    _, r, piv = qr(X, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    tol = diag.max() * max(X.shape) * np.finfo(float).eps if diag.size else 0
    rank = int((diag > tol).sum())
    return np.sort(piv[:rank])


@dataclass
class ModelFit:
    """One fitted hierarchical log-linear model (see the module docstring for the statistics).

    Attributes
    ----------
    model : str
        The model's name (``"a*b + c"``).
    generating_class : tuple
        Its generating class.
    g2, x2 : float
        Deviance G2 = 2 sum n log(n / m) and Pearson X2 = sum (n - m)^2 / m.
    df : int
        Degrees of freedom: fitted cells - rank(design).
    p_g2, p_x2 : float
        Chi-square p-values of G2 and X2.
    loglik : float
        Poisson log-likelihood.
    k : int
        Parameters of the model (rank of its design on all non-structural cells), for AIC / BIC.
    aic, bic : float
        AIC = -2 logL + 2 k and BIC = -2 logL + k log(N).
    expected : numpy.ndarray
        Expected count of each cell; NaN for structural zeros, 0 in zero margins.
    fitted_cells : numpy.ndarray
        Bool: the cells in the fit.
    small_expected_share : float
        Share of fitted cells with expected count below 5.
    min_expected : float
        The smallest expected count.
    params : pandas.DataFrame
        ``coef``, ``se``, ``term`` of every estimable parameter.
    hat : numpy.ndarray
        Leverage of each fitted cell (0 elsewhere).
    warnings : list of str
        Cochran's rule and fitting warnings.
    """

    model: str
    generating_class: tuple
    g2: float
    x2: float
    df: int
    p_g2: float
    p_x2: float
    loglik: float
    k: int  # parameters of the model (rank of its design on all non-structural cells), for AIC / BIC
    aic: float
    bic: float
    expected: np.ndarray  # one per cell; NaN for structural zeros, 0 in zero margins
    fitted_cells: np.ndarray  # bool: cells in the fit
    small_expected_share: float
    min_expected: float
    params: pd.DataFrame  # coef, se, term per estimable parameter
    hat: np.ndarray  # leverage of each fitted cell (0 elsewhere)
    warnings: list

    def summary(self):
        """The fit's statistics as one row.

        Returns
        -------
        dict
            ``model``, ``G2``, ``X2``, ``df``, ``p_G2``, ``p_X2``, ``AIC``, ``BIC``, ``parameters``,
            ``min_expected``, ``share_expected_below_5``.
        """
        return {
            "model": self.model,
            "G2": self.g2,
            "X2": self.x2,
            "df": self.df,
            "p_G2": self.p_g2,
            "p_X2": self.p_x2,
            "AIC": self.aic,
            "BIC": self.bic,
            "parameters": self.k,
            "min_expected": self.min_expected,
            "share_expected_below_5": self.small_expected_share,
        }


@_one_blas_thread
def fit_model(table, model, cache=None, counts=None):
    """Fit one hierarchical log-linear model as a Poisson GLM.

    log m_cell = lambda + lambda^A_a + lambda^B_b + ... + lambda^{AB}_{ab} + ..., with the terms of
    the generating class, fitted by statsmodels ``GLM`` (log link) on a treatment-coded design.

    Parameters
    ----------
    table : ContingencyTable
        The table.
    model : str or tuple
        The generating class or its string (``"a*b + c"``).
    cache : dict, optional
        Term design blocks reused across fits of the same table.
    counts : array_like, optional
        Alternative counts for the same cells (used by the Monte-Carlo test).

    Returns
    -------
    ModelFit
        G2, X2, df, p-values, AIC, BIC, expected counts, parameters and warnings.

    Examples
    --------
    >>> from alliancelab.theory.embedded.loglinear import contingency_table
    >>> t = contingency_table(pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [10, 20, 30, 60]}),
    ...                       ["a", "b"], weights="n")
    >>> round(fit_model(t, "a + b").g2, 6)
    0.0

    References
    ----------
    Bishop, Y. M. M., Fienberg, S. E., & Holland, P. W. (1975). *Discrete Multivariate Analysis*.
    MIT Press.

    Agresti, A. (2013). *Categorical Data Analysis* (3rd ed.). Wiley, ch. 9-10.
    """
    import statsmodels.api as sm

    gen = generating_class(model, table.factors)
    y_all = table.counts if counts is None else np.asarray(counts, dtype=float)
    structural = table.cells["structural"].to_numpy()
    fitted = ~structural
    fitted &= ~_zero_margin_cells(table, gen, y_all, fitted)
    X, names, terms = design_matrix(table, gen, cache)
    Xf, y = X[fitted], y_all[fitted]
    keep = _independent_columns(Xf)
    Xk = Xf[:, keep]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = np.log(np.maximum(y, 0.5))
        result = sm.GLM(y, Xk, family=sm.families.Poisson()).fit(
            start_params=np.linalg.lstsq(Xk, start, rcond=None)[0], tol=1e-10, maxiter=100
        )
    mu = np.asarray(result.fittedvalues)
    expected = np.where(structural, np.nan, 0.0)
    expected[fitted] = mu
    k = len(keep)
    df = int(fitted.sum() - k)
    k_nominal = k if fitted.sum() == (~structural).sum() else len(_independent_columns(X[~structural]))
    pos = y > 0
    g2 = float(2 * np.sum(y[pos] * np.log(y[pos] / mu[pos])) - 2 * np.sum(y - mu))
    g2 = max(g2, 0.0) if abs(g2) < 1e-8 else g2
    x2 = float(np.sum((y - mu) ** 2 / mu))
    loglik = float(np.sum(y[pos] * np.log(mu[pos])) - mu.sum() - np.sum([math.lgamma(v + 1) for v in y]))
    n = float(y_all[~structural].sum())
    w = np.sqrt(mu)
    xw = Xk * w[:, None]
    cov = np.linalg.pinv(xw.T @ xw)
    hat = np.zeros(len(y_all))
    hat[fitted] = np.einsum("ij,jk,ik->i", xw, cov, xw)
    se = np.sqrt(np.diag(cov))
    params = pd.DataFrame(
        {"coef": np.asarray(result.params), "se": se, "term": ["*".join(terms[j]) for j in keep]},
        index=[names[j] for j in keep],
    )
    mu_all = expected[~structural]
    small = float(np.mean(mu_all < SMALL_EXPECTED)) if mu_all.size else 0.0
    min_exp = float(mu[mu > 0].min()) if (mu > 0).any() else 0.0
    notes = []
    if df > 0 and (small > 0.2 or min_exp < 1):
        notes.append(
            f"{model_name(gen)}: {small:.0%} of cells have expected counts below 5 (smallest "
            f"{min_exp:.2f}); the chi-square p-values are unreliable, use monte_carlo_test"
        )
    dropped = int((~structural).sum() - fitted.sum())
    if dropped:
        notes.append(f"{model_name(gen)}: {dropped} cell(s) in a zero margin fitted as 0 and left out of df")
    return ModelFit(
        model=model_name(gen),
        generating_class=gen,
        g2=g2,
        x2=x2,
        df=df,
        p_g2=float(stats.chi2.sf(g2, df)) if df > 0 else float("nan"),
        p_x2=float(stats.chi2.sf(x2, df)) if df > 0 else float("nan"),
        loglik=loglik,
        k=k_nominal,
        aic=-2 * loglik + 2 * k_nominal,
        bic=-2 * loglik + k_nominal * math.log(max(n, 1)),
        expected=expected,
        fitted_cells=fitted,
        small_expected_share=small,
        min_expected=min_exp,
        params=params,
        hat=hat,
        warnings=notes,
    )


@_one_blas_thread
def fit_models(table, models=None):
    """Fit several models and list their statistics.

    Parameters
    ----------
    table : ContingencyTable
        The table.
    models : dict or sequence, optional
        Name -> generating class or model string, or a list of them (default: ``standard_models``).

    Returns
    -------
    pandas.DataFrame
        One ``ModelFit.summary`` row per model, by df descending; ``attrs["sources"]`` holds the
        table's citations.

    Examples
    --------
    >>> from alliancelab.theory.embedded.loglinear import contingency_table
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> fits = fit_models(contingency_table(frame, ["a", "b"], weights="n"))
    >>> fits["model"].tolist(), fits["df"].tolist()
    (['a + b', 'a*b'], [1, 0])
    """
    models = standard_models(table.factors) if models is None else models
    if not isinstance(models, dict):
        models = {model_name(generating_class(m, table.factors)) if not isinstance(m, str) else m: m for m in models}
    cache = {}
    rows = [fit_model(table, m, cache).summary() for m in models.values()]
    out = pd.DataFrame(rows).sort_values(["df", "G2"], ascending=[False, True]).reset_index(drop=True)
    out.attrs["sources"] = table.sources
    return out
