"""Estimation pieces of the geopolitics analyses: a logit with war-clustered errors and average
marginal effects, and odds ratios of 2 x 2 tables with Woolf confidence intervals.

The logit is written out in NumPy (Newton-Raphson; sandwich covariance summed over clusters) so the
whole analysis runs in well under a second; ``tests/theory/test_geopolitics.py`` checks that it gives
statsmodels' ``Logit(...).fit(cov_type="cluster")`` and ``get_margeff(at="overall")`` numbers on the
same data.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special, stats

from alliancelab.errors import ParameterError

Z95 = stats.norm.ppf(0.975)


@dataclass
class LogitFit:
    """A fitted logit (``fit_logit``).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per term: coef, se, z, p, ame, ame_se, ame_low, ame_high (the constant has no
        marginal effect).
    cov : pandas.DataFrame
        The covariance of the coefficients.
    n : int
        Rows used.
    events : int
        Rows with outcome 1.
    clusters : int
        Number of clusters (the number of rows without clustering).
    llf, llnull : float
        Log-likelihood of the model and of the constant-only model.
    converged : bool
    dropped : list of str
        Covariates dropped (no variation or quasi-complete separation).
    """

    table: pd.DataFrame
    cov: pd.DataFrame
    n: int
    events: int
    clusters: int
    llf: float
    llnull: float
    converged: bool
    dropped: list

    @property
    def pseudo_r2(self):
        """McFadden's pseudo-R2, 1 - llf / llnull."""
        return 1.0 - self.llf / self.llnull


def _newton(X, y, tol=1e-10, max_iter=100):
    beta = np.zeros(X.shape[1])
    for _ in range(max_iter):
        p = special.expit(X @ beta)
        hessian = (X * (p * (1 - p))[:, None]).T @ X
        step = np.linalg.solve(hessian, X.T @ (y - p))
        beta = beta + step
        if np.max(np.abs(step)) < tol:
            return beta, True
    return beta, False


def _separates(x, y):
    """True for a 0/1 covariate whose value 1 occurs only with one outcome (quasi-complete separation:
    its coefficient would run to infinity)."""
    if not np.isin(x, (0.0, 1.0)).all():
        return False
    events = y[x == 1]
    return len(events) > 0 and (events.min() == events.max())


def fit_logit(frame, outcome, covariates, cluster=None):
    """Logit of ``outcome`` (0/1) on ``covariates`` plus a constant, over the complete rows of ``frame``.

    P(y = 1 | x) = 1 / (1 + exp(-x'b)); b by Newton-Raphson. Standard errors are cluster-robust by
    column ``cluster`` (V = c (X'WX)^-1 [sum_g s_g s_g'] (X'WX)^-1, s_g the score summed over cluster g,
    c = G/(G-1) (N-1)/(N-K), statsmodels' small-sample correction), or the inverse information when
    ``cluster`` is None. Average marginal effects are mean_i p_i(1-p_i) b_k (derivatives, also for 0/1
    covariates, as statsmodels' default), with delta-method standard errors.

    Covariates that do not vary in the complete rows, and 0/1 covariates whose 1s all share one outcome
    (quasi-complete separation), are dropped and listed in ``dropped``.

    Parameters
    ----------
    frame : DataFrame with the outcome, covariates and cluster columns
    outcome : str, a 0/1 column
    covariates : list of str
    cluster : str or None, e.g. "warnum" (errors clustered by war)

    Returns
    -------
    LogitFit

    References
    ----------
    Cameron, A. C. and Miller, D. L. (2015), "A practitioner's guide to cluster-robust inference",
    Journal of Human Resources 50(2): 317-372.
    """
    covariates = list(covariates)
    columns = [outcome, *covariates] + ([cluster] if cluster else [])
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(f"argument frame: missing column(s) {missing}; has {list(frame.columns)}")
    data = frame[columns].apply(pd.to_numeric, errors="coerce").dropna()
    y = data[outcome].to_numpy(np.float64)
    if len(np.unique(y)) < 2:
        raise ParameterError(f"outcome '{outcome}' has one value in the {len(data)} complete rows; cannot fit a logit")
    dropped = [c for c in covariates if data[c].nunique() < 2 or _separates(data[c].to_numpy(np.float64), y)]
    kept = [c for c in covariates if c not in dropped]
    names = ["const", *kept]
    X = np.column_stack([np.ones(len(data)), data[kept].to_numpy(np.float64)])
    beta, converged = _newton(X, y)
    p = special.expit(X @ beta)
    bread = np.linalg.inv((X * (p * (1 - p))[:, None]).T @ X)
    n, k = X.shape
    if cluster:
        groups = pd.factorize(data[cluster])[0]
        n_groups = groups.max() + 1
        scores = np.zeros((n_groups, k))
        np.add.at(scores, groups, X * (y - p)[:, None])
        cov = bread @ (scores.T @ scores) @ bread
        cov *= n_groups / (n_groups - 1.0) * (n - 1.0) / (n - k)
    else:
        n_groups = n
        cov = bread
    se = np.sqrt(np.diag(cov))
    z = beta / se
    density = p * (1 - p)
    ame = density.mean() * beta
    # d AME_j / d b_l = mean(density) 1{j=l} + b_j mean(density (1 - 2p) x_l)
    jacobian = density.mean() * np.eye(k) + np.outer(beta, (density * (1 - 2 * p)) @ X / n)
    ame_se = np.sqrt(np.diag(jacobian @ cov @ jacobian.T))
    table = pd.DataFrame(
        {"coef": beta, "se": se, "z": z, "p": 2 * stats.norm.sf(np.abs(z)), "ame": ame, "ame_se": ame_se}, index=names
    )
    table.loc["const", ["ame", "ame_se"]] = np.nan
    table["ame_low"] = table["ame"] - Z95 * table["ame_se"]
    table["ame_high"] = table["ame"] + Z95 * table["ame_se"]
    table.index.name = "term"
    ybar = y.mean()
    llnull = float(n * (ybar * np.log(ybar) + (1 - ybar) * np.log(1 - ybar)))
    llf = float(np.sum(y * np.log(p) + (1 - y) * np.log1p(-p)))
    return LogitFit(
        table=table,
        cov=pd.DataFrame(cov, index=names, columns=names),
        n=int(n),
        events=int(y.sum()),
        clusters=int(n_groups),
        llf=llf,
        llnull=llnull,
        converged=bool(converged),
        dropped=dropped,
    )


def odds_ratio(a, b, c, d):
    """Odds ratio of a 2 x 2 table with a 95% Woolf (log) confidence interval.

    OR = (a d) / (b c); se(log OR) = sqrt(1/a + 1/b + 1/c + 1/d). When a cell is 0, 0.5 is added to
    every cell (Haldane-Anscombe correction).

    Parameters
    ----------
    a, b : float
        Exposed: events, non-events.
    c, d : float
        Unexposed: events, non-events.

    Returns
    -------
    tuple of float
        (odds_ratio, low, high).

    Examples
    --------
    >>> [round(v, 3) for v in odds_ratio(10, 90, 5, 95)]
    [2.111, 0.695, 6.416]

    References
    ----------
    Woolf, B. (1955), "On estimating the relation between blood group and disease", Annals of Human
    Genetics 19: 251-253.
    """
    cells = np.array([a, b, c, d], dtype=float)
    if (cells == 0).any():
        cells = cells + 0.5
    a, b, c, d = cells
    ratio = a * d / (b * c)
    se = np.sqrt((1 / cells).sum())
    return float(ratio), float(np.exp(np.log(ratio) - Z95 * se)), float(np.exp(np.log(ratio) + Z95 * se))


def wilson_interval(events, n):
    """95% Wilson score interval of a proportion events / n (arrays accepted); NaN where n == 0.

    Parameters
    ----------
    events, n : int or array of int

    Returns
    -------
    tuple
        (low, high), floats or arrays.

    Examples
    --------
    >>> [round(float(v), 4) for v in wilson_interval(5, 10)]
    [0.2366, 0.7634]

    References
    ----------
    Wilson, E. B. (1927), JASA 22(158): 209-212.
    """
    events = np.asarray(events, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = events / n
        centre = (share + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
        half = Z95 * np.sqrt(share * (1 - share) / n + Z95**2 / (4 * n**2)) / (1 + Z95**2 / n)
    return centre - half, centre + half
