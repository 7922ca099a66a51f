"""Hierarchical log-linear models of multi-way contingency tables (Poisson GLM, statsmodels).

A table of alliances cross-classified by categorical characteristics (factors) A, B, C, ... has
counts n_cell. A hierarchical log-linear model says

    log m_cell = lambda + lambda^A_a + lambda^B_b + ... + lambda^{AB}_{ab} + ...

and is named by its generating class, the highest-order terms it contains: ``a*b + c`` (written
(AB, C) in the textbooks) has the terms 1, A, B, C and AB; hierarchy means every lower-order
relative of a term is in the model. Independence is ``a + b + c``; the saturated model ``a*b*c``
fits every count exactly. Characteristics are *embedded* (interactively related) when the
independence model fails and interaction terms are needed.

Each model is fitted as a Poisson GLM (log link) on a treatment-coded design built directly from
the generating class (statsmodels ``GLM``), and scored by

    G2 = 2 sum n log(n / m)          (deviance; likelihood-ratio statistic)
    X2 = sum (n - m)^2 / m           (Pearson)
    df = fitted cells - rank(design)
    AIC = -2 logL + 2 k,  BIC = -2 logL + k log(N),  N = total count,
    k = rank of the model's design on all non-structural cells (its nominal parameter count).

Zeros. Structural zeros (cells that cannot occur) are declared by the user and left out of the
fit and of df. Sampling zeros are kept, except where a margin of the generating class is zero: the
maximum-likelihood fit is then 0 in every cell of that margin, so those cells are left out and the
parameters they would identify are not counted (df = cells fitted - rank), the adjustment of
Bishop, Fienberg & Holland (1975, sec. 5.4) and Clogg & Eliason (1987).

Small tables. Each fit reports the share of cells with expected count below 5 and the smallest
expected count and warns (Cochran's rule: more than 20% below 5, or any below 1) that the
chi-square reference distribution is then unreliable; ``monte_carlo_test`` gives a parametric
bootstrap p-value for G2 and X2 instead.

Selection. ``select_model`` moves through the hierarchical family by likelihood-ratio tests:
backward from the saturated model, deleting at each step the highest-order term whose removal
raises G2 least significantly (largest p of the conditional test, while p > alpha); forward from
independence, adding the admissible term with the smallest p while p < alpha. With
``criterion="aic"`` or ``"bic"`` the step that lowers the criterion most is taken instead.

References
----------
Bishop, Y. M. M., Fienberg, S. E. and Holland, P. W. (1975), Discrete Multivariate Analysis, MIT Press.
Agresti, A. (2013), Categorical Data Analysis, 3rd ed., Wiley, ch. 9-10.
Haberman, S. J. (1973), "The analysis of residuals in cross-classified tables", Biometrics 29: 205-220.
Clogg, C. C. and Eliason, S. R. (1987), "Some common problems in log-linear analysis", Sociological
Methods & Research 16(1): 8-44.
"""

import functools
import itertools
import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from alliancelab.errors import DataValidationError, ParameterError, check_choice, check_range
from alliancelab.measures.similarity import single_threaded_blas

MAX_LEVELS = 30  # more distinct values than this: the column is not a categorical factor
SMALL_EXPECTED = 5.0
_INSIDE = []  # non-empty while a single-threaded BLAS context is open


def _one_blas_thread(function):
    """Run ``function`` with BLAS limited to one thread: the matrices are small, and BLAS threads on a
    shared machine cost far more than they save (measured 20x on a 72 x 48 SVD)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _INSIDE:
            return function(*args, **kwargs)
        _INSIDE.append(True)
        try:
            with single_threaded_blas():
                return function(*args, **kwargs)
        finally:
            _INSIDE.pop()

    return wrapper


# --- the table ---------------------------------------------------------------------------------------
@dataclass
class ContingencyTable:
    """A full cross-classification: one count per combination of factor levels.

    ``cells`` has one row per cell in C order (last factor varies fastest) with the factor columns,
    ``count`` and ``structural`` (True = declared structural zero). ``levels`` maps each factor to
    its levels in table order; ``dropped`` says how many input rows were left out and why.
    """

    factors: tuple
    levels: dict
    cells: pd.DataFrame
    dropped: dict = field(default_factory=dict)
    sources: tuple = ()

    @property
    def counts(self):
        return self.cells["count"].to_numpy(dtype=float)

    @property
    def shape(self):
        return tuple(len(self.levels[f]) for f in self.factors)

    @property
    def total(self):
        return float(self.counts.sum())

    def codes(self, factor):
        """Level index (0 = reference level) of ``factor`` in every cell."""
        axis = self.factors.index(factor)
        grid = np.indices(self.shape).reshape(len(self.factors), -1)
        return grid[axis]

    def array(self):
        """Counts as an ndarray shaped by the factors' levels."""
        return self.counts.reshape(self.shape)


def _problem_rows(mask, limit=5):
    rows = np.flatnonzero(np.asarray(mask))
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (", ..." if len(rows) > limit else "")


def _factor_levels(column, name, max_levels, where):
    values = column
    if isinstance(values.dtype, pd.CategoricalDtype):
        levels = [c for c in values.cat.categories if (values == c).any()]
    else:
        levels = sorted(pd.unique(values), key=lambda v: (str(type(v)), v))
    if len(levels) > max_levels:
        kind = "numeric" if pd.api.types.is_numeric_dtype(values) else "text"
        raise DataValidationError([
            f"{where}column {name!r} has {len(levels)} distinct values ({kind}): a log-linear factor must be "
            f"categorical with at most {max_levels} levels; bin it first (e.g. pandas.cut) or raise max_levels"])
    if len(levels) < 2:
        shown = repr(levels[0]) if levels else "none"
        raise DataValidationError([
            f"{where}column {name!r} has a single level ({shown}): a factor needs at least two levels; "
            "leave it out of --factors or check the filter that produced the table"])
    return levels


def contingency_table(data, factors, weights=None, structural_zeros=None, missing="error",
                      max_levels=MAX_LEVELS, source="", sources=()):
    """Cross-classify alliances by ``factors`` into a full contingency table.

    Parameters
    ----------
    data : DataFrame, one row per alliance (``weights=None``) or one row per cell of an aggregated
        table with its count in column ``weights`` (rows repeating a cell are summed)
    factors : list of column names (at least two), each categorical with 2..max_levels levels
    weights : name of the count column of an aggregated table (non-negative integers), or None
    structural_zeros : list of dicts {factor: level, ...}; every cell matching one dict cannot occur
        (its count must be 0); it is left out of the fit and of the degrees of freedom
    missing : "error" (default), "drop" (rows with a missing factor are left out and counted in
        ``dropped``) or "level" (missing becomes its own level "missing")
    source : file name to show in error messages; sources : citations carried by results

    Returns
    -------
    ContingencyTable

    Examples
    --------
    >>> frame = pd.DataFrame({"form": ["jv", "jv", "licence"], "flow": ["two-way", "one-way", "one-way"]})
    >>> contingency_table(frame, ["form", "flow"]).counts.tolist()
    [1.0, 1.0, 1.0, 0.0]
    """
    where = f"{source}: " if source else ""
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"argument data: expected a pandas DataFrame, got {type(data).__name__}")
    factors = tuple(factors or ())
    if len(factors) < 2:
        raise ParameterError(f"argument factors={list(factors)}: expected at least two factor columns")
    if len(set(factors)) != len(factors):
        raise ParameterError(f"argument factors={list(factors)}: a factor is named twice")
    absent = [f for f in factors + ((weights,) if weights else ()) if f not in data.columns]
    if absent:
        raise ParameterError(f"{where}column(s) {absent} not found; the table has {list(map(str, data.columns))}")
    check_choice("missing", missing, ("error", "drop", "level"))
    frame = data[list(factors) + ([weights] if weights else [])].copy()
    dropped = {}
    problems = []
    for f in factors:
        bad = frame[f].isna()
        if bad.any():
            if missing == "error":
                problems.append(f"{where}column {f!r}: {int(bad.sum())} missing value(s) at row(s) "
                                f"{_problem_rows(bad)}; drop them (missing='drop') or keep them as a level "
                                "(missing='level')")
            elif missing == "level":
                if isinstance(frame[f].dtype, pd.CategoricalDtype):
                    frame[f] = frame[f].cat.add_categories(["missing"])
                frame[f] = frame[f].astype(object).where(~bad, "missing")
    if problems:
        raise DataValidationError(problems)
    if missing == "drop":
        bad = frame[list(factors)].isna().any(axis=1)
        if bad.any():
            dropped["missing factor value"] = int(bad.sum())
            frame = frame[~bad]
    if weights:
        w = frame[weights]
        if not pd.api.types.is_numeric_dtype(w):
            w = pd.to_numeric(w, errors="coerce")
            bad = w.isna() & frame[weights].notna()
            if bad.any():
                problems.append(f"{where}column {weights!r}: non-numeric count(s) at row(s) {_problem_rows(bad)}")
        if w.isna().any():
            problems.append(f"{where}column {weights!r}: {int(w.isna().sum())} missing count(s) at row(s) "
                            f"{_problem_rows(w.isna())}; a count must be given for every listed cell")
        if (w < 0).any():
            problems.append(f"{where}column {weights!r}: negative count(s) at row(s) {_problem_rows(w < 0)}; "
                            "counts must be >= 0")
        frac = w.notna() & (np.abs(w - np.round(w)) > 1e-9)
        if frac.any():
            problems.append(f"{where}column {weights!r}: non-integer count(s) at row(s) {_problem_rows(frac)} "
                            f"(e.g. {w[frac].iloc[0]}); a contingency table holds whole numbers of alliances")
        if problems:
            raise DataValidationError(problems)
        frame[weights] = np.round(w).astype(np.int64)
    if frame.empty:
        raise DataValidationError([f"{where}no rows left to cross-classify"])
    levels = {f: _factor_levels(frame[f], f, max_levels, where) for f in factors}
    shape = tuple(len(levels[f]) for f in factors)
    codes = [pd.Categorical(frame[f], categories=levels[f]).codes for f in factors]
    flat = np.ravel_multi_index(codes, shape)
    count = np.bincount(flat, weights=frame[weights].to_numpy(float) if weights else None,
                        minlength=int(np.prod(shape)))
    grid = np.indices(shape).reshape(len(factors), -1)
    cells = pd.DataFrame({f: np.asarray(levels[f], dtype=object)[grid[i]] for i, f in enumerate(factors)})
    cells["count"] = np.round(count).astype(np.int64)
    cells["structural"] = False
    for spec in structural_zeros or ():
        if not isinstance(spec, dict) or not spec:
            raise ParameterError(f"argument structural_zeros: expected dicts {{factor: level}}, got {spec!r}")
        match = np.ones(len(cells), dtype=bool)
        for f, level in spec.items():
            if f not in levels:
                raise ParameterError(f"argument structural_zeros: {f!r} is not one of the factors {list(factors)}")
            if level not in levels[f]:
                raise ParameterError(f"argument structural_zeros: {level!r} is not a level of {f!r} "
                                     f"(levels {levels[f]})")
            match &= (cells[f] == level).to_numpy()
        positive = match & (cells["count"].to_numpy() > 0)
        if positive.any():
            shown = cells.loc[positive, list(factors) + ["count"]].head(3).to_dict("records")
            raise DataValidationError([f"{where}structural zero {spec} has observed alliances: {shown}; "
                                       "a structural zero is a combination that cannot occur"])
        cells.loc[match, "structural"] = True
    return ContingencyTable(factors=factors, levels=levels, cells=cells, dropped=dropped, sources=tuple(sources))


# --- models ------------------------------------------------------------------------------------------
def generating_class(model, factors):
    """Canonical generating class: a tuple of maximal terms, each a tuple of factors in table order.

    ``model`` is a string "a*b + c" (also "a:b + c"), or a list of terms ("a*b" or ("a", "b")).
    Every factor not named enters as a main effect.

    >>> generating_class("b*a + a", ("a", "b", "c"))
    (('a', 'b'), ('c',))
    """
    factors = tuple(factors)
    if isinstance(model, str):
        parts = [p.strip() for p in model.replace("+", ",").split(",") if p.strip()]
    else:
        parts = list(model)
    terms = []
    for part in parts:
        names = [n.strip() for n in part.replace(":", "*").split("*")] if isinstance(part, str) else list(part)
        unknown = [n for n in names if n not in factors]
        if unknown or not names:
            raise ParameterError(f"argument model={model!r}: {unknown or part!r} not among the factors {list(factors)}")
        terms.append(frozenset(names))
    named = set().union(*terms) if terms else set()
    terms += [frozenset([f]) for f in factors if f not in named]
    maximal = [t for t in set(terms) if not any(t < u for u in terms)]
    order = {f: i for i, f in enumerate(factors)}
    out = [tuple(sorted(t, key=order.get)) for t in maximal]
    return tuple(sorted(out, key=lambda t: (-len(t), [order[f] for f in t])))


def model_name(gen):
    """'a*b + c' for the generating class (('a', 'b'), ('c',))."""
    return " + ".join("*".join(t) for t in gen)


def all_terms(gen):
    """Every term of the hierarchical model (the generators and all their non-empty subsets)."""
    out = set()
    for t in gen:
        for k in range(1, len(t) + 1):
            out.update(itertools.combinations(t, k))
    return sorted(out, key=lambda t: (len(t), t))


def independence(factors):
    return generating_class([(f,) for f in factors], factors)


def saturated(factors):
    return generating_class([tuple(factors)], factors)


def all_k_way(factors, k):
    """Every k-factor interaction (and so everything below it)."""
    return generating_class(list(itertools.combinations(factors, k)), factors)


def standard_models(factors):
    """The usual hierarchical family, as {name: generating class}.

    Independence; each single association added to independence; all two-way associations; all
    two-way but one (each pair conditionally independent given the rest); all three-way (with four or
    more factors); saturated. For three factors this is all nine hierarchical models.
    """
    factors = tuple(factors)
    pairs = list(itertools.combinations(factors, 2))
    gens = [independence(factors)]
    gens += [generating_class([p], factors) for p in pairs]
    if len(factors) >= 3:
        gens.append(all_k_way(factors, 2))
        gens += [generating_class([q for q in pairs if q != p], factors) for p in pairs]
    for k in range(3, len(factors)):
        gens.append(all_k_way(factors, k))
    gens.append(saturated(factors))
    out = {}
    for g in gens:
        out.setdefault(model_name(g), g)
    return out


# --- fitting -----------------------------------------------------------------------------------------
def _term_columns(table, term, cache):
    """Treatment-coded columns of one term: products of the non-reference dummies of its factors."""
    if term not in cache:
        block = np.ones((len(table.cells), 1))
        for f in term:
            codes = table.codes(f)
            dummies = (codes[:, None] == np.arange(1, len(table.levels[f]))[None, :]).astype(float)
            block = (block[:, :, None] * dummies[:, None, :]).reshape(len(codes), -1)
        names = ["*".join(f"{f}={lv}" for f, lv in zip(term, combo))
                 for combo in itertools.product(*[table.levels[f][1:] for f in term])]
        cache[term] = (block, names)
    return cache[term]


def design_matrix(table, gen, cache=None):
    """(X, column names, term of each column) for the model with generating class ``gen``."""
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
    """One fitted hierarchical log-linear model (see the module docstring for the statistics)."""

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
        return {"model": self.model, "G2": self.g2, "X2": self.x2, "df": self.df, "p_G2": self.p_g2,
                "p_X2": self.p_x2, "AIC": self.aic, "BIC": self.bic, "parameters": self.k,
                "min_expected": self.min_expected, "share_expected_below_5": self.small_expected_share}


@_one_blas_thread
def fit_model(table, model, cache=None, counts=None):
    """Fit one hierarchical log-linear model as a Poisson GLM.

    Parameters
    ----------
    table : ContingencyTable
    model : generating class or its string ("a*b + c")
    cache : dict reused across fits of the same table (term design blocks)
    counts : alternative counts for the same cells (used by the Monte-Carlo test)

    Returns
    -------
    ModelFit

    Examples
    --------
    >>> t = contingency_table(pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [10, 20, 30, 60]}),
    ...                       ["a", "b"], weights="n")
    >>> round(fit_model(t, "a + b").g2, 6)
    0.0
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
            start_params=np.linalg.lstsq(Xk, start, rcond=None)[0], tol=1e-10, maxiter=100)
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
    params = pd.DataFrame({"coef": np.asarray(result.params), "se": se,
                           "term": ["*".join(terms[j]) for j in keep]}, index=[names[j] for j in keep])
    mu_all = expected[~structural]
    small = float(np.mean(mu_all < SMALL_EXPECTED)) if mu_all.size else 0.0
    min_exp = float(mu[mu > 0].min()) if (mu > 0).any() else 0.0
    notes = []
    if df > 0 and (small > 0.2 or min_exp < 1):
        notes.append(f"{model_name(gen)}: {small:.0%} of cells have expected counts below 5 (smallest "
                     f"{min_exp:.2f}); the chi-square p-values are unreliable, use monte_carlo_test")
    dropped = int((~structural).sum() - fitted.sum())
    if dropped:
        notes.append(f"{model_name(gen)}: {dropped} cell(s) in a zero margin fitted as 0 and left out of df")
    return ModelFit(model=model_name(gen), generating_class=gen, g2=g2, x2=x2, df=df,
                    p_g2=float(stats.chi2.sf(g2, df)) if df > 0 else float("nan"),
                    p_x2=float(stats.chi2.sf(x2, df)) if df > 0 else float("nan"),
                    loglik=loglik, k=k_nominal, aic=-2 * loglik + 2 * k_nominal,
                    bic=-2 * loglik + k_nominal * math.log(max(n, 1)),
                    expected=expected, fitted_cells=fitted, small_expected_share=small, min_expected=min_exp,
                    params=params, hat=hat, warnings=notes)


@_one_blas_thread
def fit_models(table, models=None):
    """Fit several models (default: ``standard_models``); one summary row per model, by df descending."""
    models = standard_models(table.factors) if models is None else models
    if not isinstance(models, dict):
        models = {model_name(generating_class(m, table.factors)) if not isinstance(m, str) else m: m for m in models}
    cache = {}
    rows = [fit_model(table, m, cache).summary() for m in models.values()]
    out = pd.DataFrame(rows).sort_values(["df", "G2"], ascending=[False, True]).reset_index(drop=True)
    out.attrs["sources"] = table.sources
    return out


# --- selection ---------------------------------------------------------------------------------------
def _remove_term(gen, term, factors):
    """Generating class without ``term``: it is replaced by its immediate sub-terms (hierarchy kept)."""
    rest = [t for t in gen if t != term]
    rest += [tuple(f for f in term if f != g) for g in term if len(term) > 1]
    return generating_class([t for t in rest if t], factors)


def _addable_terms(gen, factors):
    """Interaction terms not in the model whose every immediate sub-term is in it (hierarchy kept)."""
    present = set(all_terms(gen))
    out = []
    for k in range(2, len(factors) + 1):
        for t in itertools.combinations(factors, k):
            if t not in present and all(tuple(f for f in t if f != g) in present for g in t):
                out.append(t)
    return out


@dataclass
class Selection:
    """Result of a stepwise search: the steps taken and the chosen model's fit."""

    direction: str
    criterion: str
    alpha: float
    steps: pd.DataFrame  # one row per step: action, term, model, G2, df, dG2, ddf, p, AIC, BIC
    candidates: pd.DataFrame  # every candidate move examined at every step
    best: ModelFit


@_one_blas_thread
def select_model(table, direction="backward", alpha=0.05, criterion="lr", start=None):
    """Stepwise selection in the hierarchical family (module docstring).

    Parameters
    ----------
    table : ContingencyTable
    direction : "backward" (from the saturated model, or ``start``) or "forward" (from independence)
    alpha : significance level of the conditional likelihood-ratio tests (criterion "lr")
    criterion : "lr" (likelihood-ratio tests), "aic" or "bic"
    start : generating class or model string to start from

    Returns
    -------
    Selection
    """
    check_choice("direction", direction, ("backward", "forward"))
    check_choice("criterion", criterion, ("lr", "aic", "bic"))
    check_range("alpha", alpha, 1e-12, 0.5)
    factors = table.factors
    cache = {}
    if start is None:
        gen = saturated(factors) if direction == "backward" else independence(factors)
    else:
        gen = generating_class(start, factors)
    current = fit_model(table, gen, cache)
    steps = [dict(step=0, action="start", term="", model=current.model, G2=current.g2, df=current.df,
                  dG2=np.nan, ddf=np.nan, p=np.nan, AIC=current.aic, BIC=current.bic)]
    examined = []
    for step in itertools.count(1):
        moves = []
        if direction == "backward":
            for term in current.generating_class:
                if len(term) < 2:
                    continue
                fit = fit_model(table, _remove_term(current.generating_class, term, factors), cache)
                dg2, ddf = fit.g2 - current.g2, fit.df - current.df
                moves.append((term, fit, dg2, ddf))
        else:
            for term in _addable_terms(current.generating_class, factors):
                fit = fit_model(table, generating_class(list(current.generating_class) + [term], factors), cache)
                dg2, ddf = current.g2 - fit.g2, current.df - fit.df
                moves.append((term, fit, dg2, ddf))
        if not moves:
            break
        rows = []
        for term, fit, dg2, ddf in moves:
            if ddf > 0:
                p = float(stats.chi2.sf(max(dg2, 0.0), ddf))
            else:  # the term is not identified by the table (zero margins): removing it costs nothing
                p = 1.0 if (direction == "backward" and abs(dg2) < 1e-6) else float("nan")
            rows.append(dict(step=step, term="*".join(term), model=fit.model, G2=fit.g2, df=fit.df, dG2=dg2,
                             ddf=ddf, p=p, AIC=fit.aic, BIC=fit.bic))
        frame = pd.DataFrame(rows)
        examined.append(frame)
        if criterion == "lr":
            usable = frame[frame["p"].notna()]
            if usable.empty:
                break
            if direction == "backward":
                i = usable["p"].idxmax()
                go = usable.loc[i, "p"] > alpha
            else:
                i = usable["p"].idxmin()
                go = usable.loc[i, "p"] < alpha
        else:
            col = criterion.upper()
            free = frame[(frame["ddf"] <= 0) & (frame["dG2"].abs() < 1e-6)] if direction == "backward" else frame[:0]
            if len(free):  # a term the table cannot identify (zero margins) goes first, whatever the criterion
                i, go = free.index[0], True
            else:
                i = frame[col].idxmin()
                go = frame.loc[i, col] < getattr(current, criterion) - 1e-9
        if not go:
            break
        current = moves[i][1]
        steps.append(dict(step=step, action="remove" if direction == "backward" else "add",
                          term=frame.loc[i, "term"], model=current.model, G2=current.g2, df=current.df,
                          dG2=frame.loc[i, "dG2"], ddf=frame.loc[i, "ddf"], p=frame.loc[i, "p"],
                          AIC=current.aic, BIC=current.bic))
    candidates = pd.concat(examined, ignore_index=True) if examined else pd.DataFrame()
    return Selection(direction=direction, criterion=criterion, alpha=alpha, steps=pd.DataFrame(steps),
                     candidates=candidates, best=current)


# --- small tables ------------------------------------------------------------------------------------
@dataclass
class MonteCarloTest:
    """Parametric-bootstrap goodness of fit: tables drawn from the fitted model, refitted each time."""

    model: str
    g2: float
    x2: float
    df: int
    p_g2: float  # (1 + #{G2* >= G2}) / (draws + 1)
    p_x2: float
    p_g2_asymptotic: float
    draws: int
    seed: int


@_one_blas_thread
def monte_carlo_test(table, model, draws=999, seed=0):
    """Monte-Carlo p-values of G2 and X2 for a model, for tables too sparse for the chi-square.

    Tables of the observed total N are drawn from the multinomial with the fitted cell probabilities
    m / N, the model is refitted to each and the statistics recomputed; p = (1 + #{T* >= T}) / (B + 1)
    (Davison & Hinkley 1997, ch. 4).

    References
    ----------
    Davison, A. C. and Hinkley, D. V. (1997), Bootstrap Methods and their Application, Cambridge UP.
    """
    check_range("draws", draws, 19, 1_000_000)
    cache = {}
    observed = fit_model(table, model, cache)
    rng = np.random.default_rng(seed)
    prob = np.nan_to_num(observed.expected)
    prob = prob / prob.sum()
    n = int(round(table.counts[~table.cells["structural"].to_numpy()].sum()))
    g2s, x2s = np.empty(draws), np.empty(draws)
    for b in range(draws):
        sample = rng.multinomial(n, prob).astype(float)
        fit = fit_model(table, observed.generating_class, cache, counts=sample)
        g2s[b], x2s[b] = fit.g2, fit.x2
    return MonteCarloTest(model=observed.model, g2=observed.g2, x2=observed.x2, df=observed.df,
                          p_g2=float((1 + np.sum(g2s >= observed.g2 - 1e-9)) / (draws + 1)),
                          p_x2=float((1 + np.sum(x2s >= observed.x2 - 1e-9)) / (draws + 1)),
                          p_g2_asymptotic=observed.p_g2, draws=draws, seed=seed)


# --- description -------------------------------------------------------------------------------------
@dataclass
class Description:
    """What a selected model says about the table.

    ``cells``: per cell the observed count, expected under independence and under the model, the
    standardised residual (n - m) / sqrt(m) and Haberman's adjusted residual (n - m) / sqrt(m (1 - h))
    against independence (``*_indep``: which combinations occur more often than independence
    predicts) and against the model (``*_model``: what the model still misses).
    ``odds_ratios``: exp(interaction parameter) with 95% Wald intervals for every interaction term of
    the model (treatment coding: the odds ratio of the named levels against the first level of each
    factor, at the first level of factors joined to it in a higher-order term).
    ``dominant``: configurations of at least ``min_count`` alliances with adjusted residual against
    independence above ``threshold``, largest first, with the ratio observed / expected.
    """

    model: str
    cells: pd.DataFrame
    odds_ratios: pd.DataFrame
    dominant: pd.DataFrame
    fit: ModelFit
    independence: ModelFit


@_one_blas_thread
def describe(table, model, threshold=2.0, top=8, min_count=5):
    """Residuals, odds ratios and dominant configurations of ``model`` (see ``Description``)."""
    cache = {}
    fit = model if isinstance(model, ModelFit) else fit_model(table, model, cache)
    indep = fit_model(table, independence(table.factors), cache)
    cells = table.cells[list(table.factors) + ["count", "structural"]].copy()
    n = table.counts
    for label, f in (("indep", indep), ("model", fit)):
        m = f.expected
        with np.errstate(divide="ignore", invalid="ignore"):
            cells[f"expected_{label}"] = m
            cells[f"std_resid_{label}"] = np.where(m > 0, (n - m) / np.sqrt(m), np.nan)
            cells[f"adj_resid_{label}"] = np.where(m > 0, (n - m) / np.sqrt(m * np.clip(1 - f.hat, 1e-12, None)),
                                                   np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        cells["ratio_indep"] = n / cells["expected_indep"]
    inter = fit.params[fit.params["term"].str.contains(r"\*", regex=True)].copy()
    z = stats.norm.ppf(0.975)
    odds = pd.DataFrame({
        "term": inter["term"], "parameter": inter.index, "odds_ratio": np.exp(inter["coef"]),
        "ci_low": np.exp(inter["coef"] - z * inter["se"]), "ci_high": np.exp(inter["coef"] + z * inter["se"]),
        "p": 2 * stats.norm.sf(np.abs(inter["coef"] / inter["se"])),
    }).reset_index(drop=True)
    dom = cells[(cells["adj_resid_indep"] > threshold) & ~cells["structural"] & (cells["count"] >= min_count)]
    dom = dom.sort_values("adj_resid_indep", ascending=False).head(top)
    dominant = pd.DataFrame({
        "configuration": [", ".join(f"{f}={r[f]}" for f in table.factors) for _, r in dom.iterrows()],
        "observed": dom["count"].to_numpy(), "expected_indep": dom["expected_indep"].to_numpy(),
        "ratio": dom["ratio_indep"].to_numpy(), "adj_resid": dom["adj_resid_indep"].to_numpy(),
    })
    return Description(model=fit.model, cells=cells, odds_ratios=odds, dominant=dominant, fit=fit, independence=indep)


@_one_blas_thread
def partial_associations(table):
    """Tests that all k-way terms are zero: G2(all (k-1)-way) - G2(all k-way), k = 2..K, with df and p."""
    factors = table.factors
    cache = {}
    fits = {k: fit_model(table, all_k_way(factors, k) if k > 1 else independence(factors), cache)
            for k in range(1, len(factors) + 1)}
    rows = []
    for k in range(2, len(factors) + 1):
        dg2, ddf = fits[k - 1].g2 - fits[k].g2, fits[k - 1].df - fits[k].df
        rows.append({"order": k, "dG2": dg2, "ddf": ddf,
                     "p": float(stats.chi2.sf(max(dg2, 0), ddf)) if ddf > 0 else float("nan")})
    return pd.DataFrame(rows)


def collapse(table, factors):
    """The marginal table over ``factors`` (summing the others out; structural zeros kept where every
    collapsed cell was structural)."""
    factors = tuple(factors)
    unknown = [f for f in factors if f not in table.factors]
    if unknown or len(factors) < 2:
        raise ParameterError(f"argument factors={list(factors)}: expected two or more of {list(table.factors)}")
    grouped = table.cells.groupby(list(factors), sort=False, observed=True).agg(
        count=("count", "sum"), structural=("structural", "all")).reset_index()
    for f in factors:
        grouped[f] = pd.Categorical(grouped[f], categories=table.levels[f])
    zeros = [dict(zip(factors, r)) for r in grouped.loc[grouped["structural"], list(factors)].itertuples(index=False)]
    return contingency_table(grouped, factors, weights="count", structural_zeros=zeros, sources=table.sources)


@_one_blas_thread
def monte_carlo_compare(table, small, big, draws=199, seed=0):
    """Monte-Carlo p-value of the likelihood-ratio test of ``small`` nested in ``big``.

    Tables are drawn from the fitted ``small`` model (multinomial, observed total), both models are
    refitted and dG2 = G2(small) - G2(big) recomputed; p = (1 + #{dG2* >= dG2}) / (draws + 1).
    Returns a dict with dG2, ddf, the asymptotic and the Monte-Carlo p.
    """
    check_range("draws", draws, 19, 1_000_000)
    cache = {}
    fit_small, fit_big = fit_model(table, small, cache), fit_model(table, big, cache)
    observed = fit_small.g2 - fit_big.g2
    rng = np.random.default_rng(seed)
    prob = np.nan_to_num(fit_small.expected)
    prob = prob / prob.sum()
    n = int(round(table.counts[~table.cells["structural"].to_numpy()].sum()))
    hits = 0
    for _ in range(draws):
        sample = rng.multinomial(n, prob).astype(float)
        d = fit_model(table, fit_small.generating_class, cache, counts=sample).g2 - \
            fit_model(table, fit_big.generating_class, cache, counts=sample).g2
        hits += d >= observed - 1e-9
    ddf = fit_small.df - fit_big.df
    return {"dG2": observed, "ddf": ddf, "p_asymptotic": float(stats.chi2.sf(max(observed, 0), ddf)) if ddf > 0
            else float("nan"), "p_monte_carlo": (1 + hits) / (draws + 1), "draws": draws}
