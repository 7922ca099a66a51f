"""Metrics of a ranking of rare onsets (own implementations, checked against scikit-learn) and their bootstrap
over test years.
"""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.predict.evaluation._splits import DEFAULTS


# ---------------------------------------------------------------- metrics
def _check(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if y.shape != p.shape or y.ndim != 1:
        raise ParameterError(f"arguments y, p: expected two 1-d arrays of one length, got {y.shape} and {p.shape}")
    return y, p


def roc_auc(y, p):
    """Area under the ROC curve: P(p_positive > p_negative) + 0.5 P(tie) (Mann-Whitney).

    Parameters
    ----------
    y : array of int
        0/1 outcomes.
    p : array of float
        Predicted probabilities (or any scores).

    Returns
    -------
    float
        NaN with one class only.

    Examples
    --------
    >>> roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75

    References
    ----------
    Hanley, J. A. and McNeil, B. J. (1982), "The meaning and use of the area under a receiver
    operating characteristic (ROC) curve", Radiology 143(1): 29-36.
    """
    y, p = _check(y, p)
    n1, n0 = (y == 1).sum(), (y == 0).sum()
    if n1 == 0 or n0 == 0:
        return np.nan
    ranks = pd.Series(p).rank(method="average").to_numpy()
    return float((ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def pr_auc(y, p):
    """Average precision: sum_n (R_n - R_{n-1}) P_n over distinct thresholds (as scikit-learn).

    Parameters
    ----------
    y : array of int
        0/1 outcomes.
    p : array of float
        Predicted probabilities.

    Returns
    -------
    float
        NaN without a positive.

    Examples
    --------
    >>> round(pr_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 4)
    0.8333
    """
    y, p = _check(y, p)
    positives = (y == 1).sum()
    if positives == 0:
        return np.nan
    order = np.argsort(-p, kind="mergesort")
    p_sorted, y_sorted = p[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(p_sorted) != 0), len(p_sorted) - 1]  # end of each tie block
    tp = np.cumsum(y_sorted)[last]
    precision = tp / (last + 1)
    recall_step = np.diff(np.r_[0.0, tp]) / positives
    return float((recall_step * precision).sum())


def brier(y, p):
    """Brier score: mean squared difference (p - y)^2 between the probability and the 0/1 outcome.

    Parameters
    ----------
    y : array of int
    p : array of float

    Returns
    -------
    float

    Examples
    --------
    >>> brier([0, 1], [0.0, 0.5])
    0.125

    References
    ----------
    Brier, G. W. (1950), "Verification of forecasts expressed in terms of probability", Monthly
    Weather Review 78(1): 1-3.
    """
    y, p = _check(y, p)
    return float(np.mean((p - y) ** 2))


def calibration_table(y, p, bins=10):
    """Observed onset rate against the mean prediction in ``bins`` quantile bins of p.

    Parameters
    ----------
    y : array of int
    p : array of float
    bins : int, default 10

    Returns
    -------
    pandas.DataFrame
        bin, mean_predicted, observed, n.

    Examples
    --------
    >>> calibration_table([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], bins=2)["observed"].tolist()
    [0.0, 1.0]
    """
    y, p = _check(y, p)
    edges = np.unique(np.quantile(p, np.linspace(0, 1, bins + 1)))
    which = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, max(len(edges) - 2, 0))
    frame = pd.DataFrame({"bin": which, "p": p, "y": y})
    return frame.groupby("bin").agg(mean_predicted=("p", "mean"), observed=("y", "mean"), n=("y", "size")).reset_index()


def precision_recall_curve(y, p, points=300):
    """(recall, precision) at up to ``points`` cut-offs in the ranking, for plotting.

    The cut-offs are spaced logarithmically: the top of the ranking, where precision changes
    fastest, gets most points.

    Parameters
    ----------
    y : array of int
    p : array of float
    points : int, default 300

    Returns
    -------
    pandas.DataFrame
        recall, precision.

    Examples
    --------
    >>> precision_recall_curve([1, 0], [0.9, 0.1])["precision"].tolist()
    [1.0, 0.5]
    """
    y, p = _check(y, p)
    order = np.argsort(-p, kind="mergesort")
    tp = np.cumsum(y[order])
    k = np.unique(np.geomspace(1, len(y), min(points, len(y))).astype(int) - 1)
    return pd.DataFrame({"recall": tp[k] / max(tp[-1], 1), "precision": tp[k] / (k + 1)})


def metrics(y, p):
    """n, onsets, base rate, ROC-AUC, PR-AUC and Brier score of one set of predictions.

    Parameters
    ----------
    y : array of int
    p : array of float

    Returns
    -------
    dict

    Examples
    --------
    >>> metrics([0, 1], [0.2, 0.9])["roc_auc"]
    1.0
    """
    return {
        "n": int(len(y)),
        "onsets": int(np.sum(y)),
        "base_rate": float(np.mean(y)),
        "roc_auc": roc_auc(y, p),
        "pr_auc": pr_auc(y, p),
        "brier": brier(y, p),
    }


def year_bootstrap(predictions, columns, draws=DEFAULTS["bootstrap"], seed=0):
    """Bootstrap over test years: the PR-AUC of every prediction column in each draw.

    Each draw resamples whole years with replacement. A year drawn m times enters with weight m:
    PR-AUC of the resampled rows equals the weighted average precision over the rows sorted once
    (duplicated rows share a score, so they share a tie block).

    Parameters
    ----------
    predictions : pandas.DataFrame
        With year, y and the prediction columns.
    columns : list of str
    draws : int, default 200
    seed : int, default 0
        State of the random generator.

    Returns
    -------
    numpy.ndarray
        Shape (draws, len(columns)).
    """
    years = predictions["year"].to_numpy()
    unique, year_index = np.unique(years, return_inverse=True)
    rng = np.random.default_rng(seed)
    counts = np.stack(
        [np.bincount(rng.integers(0, len(unique), len(unique)), minlength=len(unique)) for _ in range(draws)]
    )
    y = predictions["y"].to_numpy().astype(float)
    out = np.empty((draws, len(columns)))
    for c, column in enumerate(columns):
        p = predictions[column].to_numpy()
        order = np.argsort(-p, kind="mergesort")
        last = np.r_[np.flatnonzero(np.diff(p[order]) != 0), len(p) - 1]
        y_sorted, year_sorted = y[order], year_index[order]
        for d in range(draws):
            w = counts[d][year_sorted].astype(float)
            tp = np.cumsum(w * y_sorted)[last]
            total = np.cumsum(w)[last]
            if tp[-1] == 0:
                out[d, c] = np.nan
                continue
            precision = np.divide(tp, total, out=np.zeros_like(tp), where=total > 0)
            out[d, c] = float((np.diff(np.r_[0.0, tp]) / tp[-1] * precision).sum())
    return out
