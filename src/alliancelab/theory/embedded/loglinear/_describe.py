"""Small tables (Monte Carlo tests), description of a fitted model, partial associations, collapsing."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from alliancelab.errors import ParameterError, check_range
from alliancelab.theory.embedded.loglinear._fit import ModelFit, fit_model
from alliancelab.theory.embedded.loglinear._models import all_k_way, independence
from alliancelab.theory.embedded.loglinear._table import _one_blas_thread, contingency_table


# --- small tables ------------------------------------------------------------------------------------
@dataclass
class MonteCarloTest:
    """Parametric-bootstrap goodness of fit: tables drawn from the fitted model, refitted each time.

    Attributes
    ----------
    model : str
        The model's name.
    g2, x2 : float
        Observed G2 and X2.
    df : int
        Degrees of freedom.
    p_g2, p_x2 : float
        Monte-Carlo p-values, (1 + #{T* >= T}) / (draws + 1).
    p_g2_asymptotic : float
        The chi-square p-value of G2, for comparison.
    draws : int
        Tables drawn.
    seed : int
        Random seed of the draws.
    """

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

    Parameters
    ----------
    table : ContingencyTable
        The table.
    model : str or tuple
        The generating class or its string.
    draws : int, default 999
        Tables drawn B (at least 19).
    seed : int, default 0
        Random seed of the draws.

    Returns
    -------
    MonteCarloTest
        Observed statistics and their Monte-Carlo and asymptotic p-values.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> monte_carlo_test(contingency_table(frame, ["a", "b"], weights="n"), "a + b", draws=19).p_g2
    0.05

    References
    ----------
    Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*. Cambridge
    University Press.
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
    return MonteCarloTest(
        model=observed.model,
        g2=observed.g2,
        x2=observed.x2,
        df=observed.df,
        p_g2=float((1 + np.sum(g2s >= observed.g2 - 1e-9)) / (draws + 1)),
        p_x2=float((1 + np.sum(x2s >= observed.x2 - 1e-9)) / (draws + 1)),
        p_g2_asymptotic=observed.p_g2,
        draws=draws,
        seed=seed,
    )


# --- description -------------------------------------------------------------------------------------
@dataclass
class Description:
    """What a selected model says about the table.

    Attributes
    ----------
    model : str
        The model's name.
    cells : pandas.DataFrame
        Per cell the observed count, expected under independence and under the model, the
        standardised residual (n - m) / sqrt(m) and Haberman's adjusted residual
        (n - m) / sqrt(m (1 - h)) against independence (``*_indep``: which combinations occur more
        often than independence predicts) and against the model (``*_model``: what the model still
        misses).
    odds_ratios : pandas.DataFrame
        exp(interaction parameter) with 95% Wald intervals for every interaction term of the model
        (treatment coding: the odds ratio of the named levels against the first level of each factor,
        at the first level of factors joined to it in a higher-order term).
    dominant : pandas.DataFrame
        Configurations of at least ``min_count`` alliances with adjusted residual against
        independence above ``threshold``, largest first, with the ratio observed / expected.
    fit : ModelFit
        The model's fit.
    independence : ModelFit
        The independence model's fit.

    References
    ----------
    Haberman, S. J. (1973). The analysis of residuals in cross-classified tables. *Biometrics*, 29,
    205-220.
    """

    model: str
    cells: pd.DataFrame
    odds_ratios: pd.DataFrame
    dominant: pd.DataFrame
    fit: ModelFit
    independence: ModelFit


@_one_blas_thread
def describe(table, model, threshold=2.0, top=8, min_count=5):
    """Residuals, odds ratios and dominant configurations of a model (see ``Description``).

    Parameters
    ----------
    table : ContingencyTable
        The table.
    model : str, tuple or ModelFit
        The model (generating class, its string, or a fit already made).
    threshold : float, default 2.0
        Adjusted residual against independence above which a configuration is dominant.
    top : int, default 8
        Most dominant configurations listed.
    min_count : int, default 5
        Fewest alliances in a dominant configuration.

    Returns
    -------
    Description
        Cells with residuals, odds ratios and dominant configurations.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> description = describe(contingency_table(frame, ["a", "b"], weights="n"), "a*b")
    >>> round(float(description.odds_ratios["odds_ratio"].iloc[0]), 6)
    9.0
    """
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
            cells[f"adj_resid_{label}"] = np.where(
                m > 0, (n - m) / np.sqrt(m * np.clip(1 - f.hat, 1e-12, None)), np.nan
            )
    with np.errstate(divide="ignore", invalid="ignore"):
        cells["ratio_indep"] = n / cells["expected_indep"]
    inter = fit.params[fit.params["term"].str.contains(r"\*", regex=True)].copy()
    z = stats.norm.ppf(0.975)
    odds = pd.DataFrame(
        {
            "term": inter["term"],
            "parameter": inter.index,
            "odds_ratio": np.exp(inter["coef"]),
            "ci_low": np.exp(inter["coef"] - z * inter["se"]),
            "ci_high": np.exp(inter["coef"] + z * inter["se"]),
            "p": 2 * stats.norm.sf(np.abs(inter["coef"] / inter["se"])),
        }
    ).reset_index(drop=True)
    dom = cells[(cells["adj_resid_indep"] > threshold) & ~cells["structural"] & (cells["count"] >= min_count)]
    dom = dom.sort_values("adj_resid_indep", ascending=False).head(top)
    dominant = pd.DataFrame(
        {
            "configuration": [", ".join(f"{f}={r[f]}" for f in table.factors) for _, r in dom.iterrows()],
            "observed": dom["count"].to_numpy(),
            "expected_indep": dom["expected_indep"].to_numpy(),
            "ratio": dom["ratio_indep"].to_numpy(),
            "adj_resid": dom["adj_resid_indep"].to_numpy(),
        }
    )
    return Description(model=fit.model, cells=cells, odds_ratios=odds, dominant=dominant, fit=fit, independence=indep)


@_one_blas_thread
def partial_associations(table):
    """Tests that all k-way terms are zero: G2(all (k-1)-way) - G2(all k-way), k = 2..K.

    Parameters
    ----------
    table : ContingencyTable
        The table (K factors).

    Returns
    -------
    pandas.DataFrame
        One row per order k: ``order``, ``dG2``, ``ddf``, ``p``.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> partial_associations(contingency_table(frame, ["a", "b"], weights="n"))["order"].tolist()
    [2]
    """
    factors = table.factors
    cache = {}
    fits = {
        k: fit_model(table, all_k_way(factors, k) if k > 1 else independence(factors), cache)
        for k in range(1, len(factors) + 1)
    }
    rows = []
    for k in range(2, len(factors) + 1):
        dg2, ddf = fits[k - 1].g2 - fits[k].g2, fits[k - 1].df - fits[k].df
        rows.append(
            {
                "order": k,
                "dG2": dg2,
                "ddf": ddf,
                "p": float(stats.chi2.sf(max(dg2, 0), ddf)) if ddf > 0 else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def collapse(table, factors):
    """The marginal table over ``factors``, summing the others out.

    Structural zeros are kept where every collapsed cell was structural.

    Parameters
    ----------
    table : ContingencyTable
        The table.
    factors : sequence of str
        Two or more of its factors.

    Returns
    -------
    ContingencyTable
        The marginal table.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "c": [1, 1, 1, 2], "n": [30, 10, 10, 30]})
    >>> collapse(contingency_table(frame, ["a", "b", "c"], weights="n"), ["a", "b"]).counts.tolist()
    [30.0, 10.0, 10.0, 30.0]
    """
    factors = tuple(factors)
    unknown = [f for f in factors if f not in table.factors]
    if unknown or len(factors) < 2:
        raise ParameterError(f"argument factors={list(factors)}: expected two or more of {list(table.factors)}")
    grouped = (
        table.cells.groupby(list(factors), sort=False, observed=True)
        .agg(count=("count", "sum"), structural=("structural", "all"))
        .reset_index()
    )
    for f in factors:
        grouped[f] = pd.Categorical(grouped[f], categories=table.levels[f])
    zeros = [dict(zip(factors, r)) for r in grouped.loc[grouped["structural"], list(factors)].itertuples(index=False)]
    return contingency_table(grouped, factors, weights="count", structural_zeros=zeros, sources=table.sources)


@_one_blas_thread
def monte_carlo_compare(table, small, big, draws=199, seed=0):
    """Monte-Carlo p-value of the likelihood-ratio test of ``small`` nested in ``big``.

    Tables are drawn from the fitted ``small`` model (multinomial, observed total), both models are
    refitted and dG2 = G2(small) - G2(big) recomputed; p = (1 + #{dG2* >= dG2}) / (draws + 1).

    Parameters
    ----------
    table : ContingencyTable
        The table.
    small, big : str or tuple
        The nested models (generating classes or their strings).
    draws : int, default 199
        Tables drawn (at least 19).
    seed : int, default 0
        Random seed of the draws.

    Returns
    -------
    dict
        ``dG2``, ``ddf``, ``p_asymptotic``, ``p_monte_carlo``, ``draws``.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> table = contingency_table(frame, ["a", "b"], weights="n")
    >>> monte_carlo_compare(table, "a + b", "a*b", draws=19)["p_monte_carlo"]
    0.05
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
        d = (
            fit_model(table, fit_small.generating_class, cache, counts=sample).g2
            - fit_model(table, fit_big.generating_class, cache, counts=sample).g2
        )
        hits += d >= observed - 1e-9
    ddf = fit_small.df - fit_big.df
    return {
        "dG2": observed,
        "ddf": ddf,
        "p_asymptotic": float(stats.chi2.sf(max(observed, 0), ddf)) if ddf > 0 else float("nan"),
        "p_monte_carlo": (1 + hits) / (draws + 1),
        "draws": draws,
    }
