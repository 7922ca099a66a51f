"""Honest out-of-sample evaluation of alliance-formation predictions: temporal splits only.

A row is a dyad-year t with features of t and a label of t+1; a split is stated in label years.
Training rows have label year <= ``train_end`` (features <= train_end - 1); test rows have label years
``test_start..test_end``, all after ``train_end``. Rolling origins: train to T, test T+1..T+k, for
T = 1850, 1870, ...; the fixed holdout trains to 1990 and tests 1991-2016.

Metrics (own implementations, checked against scikit-learn): ROC-AUC (Mann-Whitney, ties count 1/2),
PR-AUC as average precision sum_n (R_n - R_{n-1}) P_n over distinct thresholds (onsets are rare, so
PR-AUC is the headline; a random ranking scores the base rate), Brier score mean (p - y)^2, and
calibration (observed rate against mean prediction in quantile bins). Confidence intervals: a
bootstrap over test years (whole years resampled with replacement, 200 draws, 2.5/97.5 percentiles).
"""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR
from alliancelab.predict.features import GROUP_NAMES, TARGETS, prediction_table
from alliancelab.predict.models import MODELS, AlliancePredictor

DEFAULTS = {
    "negative_fraction": 0.05,
    "bootstrap": 200,
    "first_origin": 1850,
    "step": 20,
    "horizon": 20,
    "holdout_end": 1990,
}


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


# ---------------------------------------------------------------- splits
@dataclass(frozen=True)
class Split:
    """Train on label years <= train_end; test on label years test_start..test_end (label = feature year + 1).

    Parameters
    ----------
    name : str
    train_end : int
    test_start, test_end : int
        Label years of the test rows (train_end < test_start <= test_end).

    Examples
    --------
    >>> Split("holdout", 1990, 1991, 2016).test_start
    1991
    """

    name: str
    train_end: int
    test_start: int
    test_end: int

    def __post_init__(self):
        if not self.train_end < self.test_start <= self.test_end:
            raise ParameterError(
                f"split {self.name}: expected train_end < test_start <= test_end, got "
                f"{self.train_end}, {self.test_start}, {self.test_end}"
            )

    def train_mask(self, table):
        return (table["year"].to_numpy() + 1) <= self.train_end

    def test_mask(self, table):
        label = table["year"].to_numpy() + 1
        return (label >= self.test_start) & (label <= self.test_end)


def rolling_origin_splits(
    first_origin=DEFAULTS["first_origin"], last_year=LAST_YEAR, step=DEFAULTS["step"], horizon=DEFAULTS["horizon"]
):
    """Origins T = first_origin, first_origin + step, ... < last_year; test T+1..min(T+horizon, last_year).

    Parameters
    ----------
    first_origin : int, default 1850
    last_year : int, default the last year of the data
    step : int, default 20
    horizon : int, default 20

    Returns
    -------
    list of Split

    Examples
    --------
    >>> [s.name for s in rolling_origin_splits(1850, 1900)]
    ['origin 1850', 'origin 1870', 'origin 1890']
    """
    check_range("first_origin", first_origin, FIRST_YEAR + 2, LAST_YEAR - 1)
    check_range("step", step, 1, None)
    check_range("horizon", horizon, 1, None)
    return [Split(f"origin {t}", t, t + 1, min(t + horizon, last_year)) for t in range(first_origin, last_year, step)]


def holdout_split(train_end=DEFAULTS["holdout_end"], last_year=LAST_YEAR):
    """The fixed holdout: train to ``train_end``, test train_end+1..last_year.

    Parameters
    ----------
    train_end : int, default 1990
    last_year : int, default the last year of the data

    Returns
    -------
    Split

    Examples
    --------
    >>> holdout_split(1990, 2016).name
    'holdout 1991-2016'
    """
    return Split(f"holdout {train_end + 1}-{last_year}", train_end, train_end + 1, last_year)


# ---------------------------------------------------------------- evaluation
def _rows(table, target, mask):
    y = table[target].to_numpy()
    return mask & ~np.isnan(y)


def fit_predict(
    table,
    split,
    target="onset_any",
    model="boosting",
    groups=None,
    negative_fraction=DEFAULTS["negative_fraction"],
    random_state=0,
):
    """Fit on the split's training rows, predict its test rows.

    Parameters
    ----------
    table : pandas.DataFrame
        ``prediction_table`` output.
    split : Split
    target : str, default "onset_any"
    model : str, default "boosting"
        One of ``MODELS``.
    groups : list of str, optional
        Feature groups (default all).
    negative_fraction : float, default 0.05
        Share of negative training rows kept (reweighted).
    random_state : int, default 0

    Returns
    -------
    tuple
        (fitted AlliancePredictor, test DataFrame with y and p).
    """
    check_choice("target", target, TARGETS)
    train = _rows(table, target, split.train_mask(table))
    test = _rows(table, target, split.test_mask(table))
    estimator = AlliancePredictor(model, groups=groups, negative_fraction=negative_fraction, random_state=random_state)
    estimator.fit(table[train], table[target].to_numpy()[train])
    out = table.loc[test, ["ccode1", "ccode2", "year"]].reset_index(drop=True)
    out["y"] = table[target].to_numpy()[test]
    out["p"] = estimator.predict_proba(table[test])[:, 1]
    return estimator, out


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


@dataclass
class Evaluation:
    """Results of :func:`evaluate` (all tables are DataFrames).

    Parameters
    ----------
    target : str
    rolling : pandas.DataFrame
        Split x model metrics on the rolling origins.
    holdout : pandas.DataFrame
        Model metrics on the fixed holdout, with bootstrap CIs of PR-AUC.
    holdout_predictions : pandas.DataFrame
        ccode1, ccode2, year, y, one probability column per model.
    calibration : pandas.DataFrame
        model, bin, mean_predicted, observed, n (holdout).
    ablation : pandas.DataFrame
        variant, groups, pr_auc, CI, difference from the full model and its CI.
    other_targets : pandas.DataFrame
        Holdout metrics for onset_defense and presence_any.
    sources : list of str
    """

    target: str
    rolling: pd.DataFrame  # split x model metrics on the rolling origins
    holdout: pd.DataFrame  # model metrics on the fixed holdout, with bootstrap CIs of PR-AUC
    holdout_predictions: pd.DataFrame  # ccode1, ccode2, year, y, one probability column per model
    calibration: pd.DataFrame  # model, bin, mean_predicted, observed, n (holdout)
    ablation: pd.DataFrame  # variant, groups, pr_auc, CI, difference from the full model and its CI
    other_targets: pd.DataFrame  # holdout metrics for onset_defense and presence_any
    sources: list = field(default_factory=list)


def evaluate(
    table,
    target="onset_any",
    models=MODELS,
    splits=None,
    holdout=None,
    ablation_model="boosting",
    negative_fraction=DEFAULTS["negative_fraction"],
    draws=DEFAULTS["bootstrap"],
    other_targets=True,
    progress=None,
):
    """Rolling-origin and holdout evaluation of ``models``, the feature-group ablation and the other targets.

    Parameters
    ----------
    table : pandas.DataFrame
        ``prediction_table`` output.
    target : str, default "onset_any"
    models : sequence of str, default all of ``MODELS``
    splits : list of Split, optional
        Default ``rolling_origin_splits()``.
    holdout : Split, optional
        Default ``holdout_split()``.
    ablation_model : str, default "boosting"
    negative_fraction : float, default 0.05
    draws : int, default 200
        Bootstrap draws.
    other_targets : bool, default True
    progress : callable, optional
        Called with a message after each step.

    Returns
    -------
    Evaluation
    """
    check_choice("target", target, TARGETS)
    for model in models:
        check_choice("model", model, MODELS)
    say = progress or (lambda message: None)
    splits = rolling_origin_splits() if splits is None else splits
    holdout = holdout_split() if holdout is None else holdout
    rolling = []
    for split in splits:
        for model in models:
            say(f"{split.name}: {model}")
            _, pred = fit_predict(table, split, target, model, negative_fraction=negative_fraction)
            if pred["y"].sum() == 0:
                continue
            rolling.append(
                {
                    "split": split.name,
                    "train_end": split.train_end,
                    "test_start": split.test_start,
                    "test_end": split.test_end,
                    "model": model,
                    **metrics(pred["y"], pred["p"]),
                }
            )
    rolling = pd.DataFrame(rolling)

    predictions = None
    calibration = []
    for model in models:
        say(f"{holdout.name}: {model}")
        _, pred = fit_predict(table, holdout, target, model, negative_fraction=negative_fraction)
        if predictions is None:
            predictions = pred.drop(columns="p")
        predictions[model] = pred["p"].to_numpy()
        calibration.append(calibration_table(pred["y"], pred["p"]).assign(model=model))
    boot = year_bootstrap(predictions, list(models), draws)
    rows = []
    for c, model in enumerate(models):
        rows.append(
            {
                "model": model,
                **metrics(predictions["y"], predictions[model]),
                "pr_auc_low": np.nanpercentile(boot[:, c], 2.5),
                "pr_auc_high": np.nanpercentile(boot[:, c], 97.5),
            }
        )
    holdout_table = pd.DataFrame(rows)

    say("ablation")
    ablation = feature_ablation(table, holdout, target, ablation_model, negative_fraction, draws)
    others = []
    if other_targets:
        for other in [t for t in TARGETS if t != target]:
            for model in models:
                say(f"{holdout.name}: {model} ({other})")
                _, pred = fit_predict(table, holdout, other, model, negative_fraction=negative_fraction)
                others.append({"target": other, "model": model, **metrics(pred["y"], pred["p"])})
    return Evaluation(
        target,
        rolling,
        holdout_table,
        predictions,
        pd.concat(calibration, ignore_index=True),
        ablation,
        pd.DataFrame(others),
        list(table.attrs.get("sources", [])),
    )


def feature_ablation(
    table,
    split,
    target="onset_any",
    model="boosting",
    negative_fraction=DEFAULTS["negative_fraction"],
    draws=DEFAULTS["bootstrap"],
):
    """PR-AUC on the holdout of the full model, the model without each group, and each group alone.

    ``difference`` = variant PR-AUC - full PR-AUC, with a bootstrap-over-years 95% interval computed
    on the same resampled years for both (a group adds predictive power when dropping it lowers
    PR-AUC).

    Parameters
    ----------
    table : pandas.DataFrame
    split : Split
    target : str, default "onset_any"
    model : str, default "boosting"
    negative_fraction : float, default 0.05
    draws : int, default 200

    Returns
    -------
    pandas.DataFrame
        One row per variant.
    """
    variants = {"all groups": list(GROUP_NAMES)}
    for group in GROUP_NAMES:
        variants[f"without {group}"] = [g for g in GROUP_NAMES if g != group]
    for group in GROUP_NAMES:
        variants[f"only {group}"] = [group]
    predictions = None
    for name, groups in variants.items():
        _, pred = fit_predict(table, split, target, model, groups, negative_fraction)
        if predictions is None:
            predictions = pred.drop(columns="p")
        predictions[name] = pred["p"].to_numpy()
    names = list(variants)
    boot = year_bootstrap(predictions, names, draws)
    full = pr_auc(predictions["y"], predictions["all groups"])
    rows = []
    for c, name in enumerate(names):
        value = pr_auc(predictions["y"], predictions[name])
        diff = boot[:, c] - boot[:, 0]
        rows.append(
            {
                "variant": name,
                "groups": ", ".join(variants[name]),
                "pr_auc": value,
                "pr_auc_low": np.nanpercentile(boot[:, c], 2.5),
                "pr_auc_high": np.nanpercentile(boot[:, c], 97.5),
                "difference": value - full,
                "difference_low": np.nanpercentile(diff, 2.5),
                "difference_high": np.nanpercentile(diff, 97.5),
                "roc_auc": roc_auc(predictions["y"], predictions[name]),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- ranked list for one year
@dataclass
class YearRanking:
    """The most likely new alliances of ``year`` (onset year) from a model trained on earlier years only.

    Parameters
    ----------
    year : int
    model : str
    target : str
    ranking : pandas.DataFrame
        rank, ccode1, ccode2, names, probability, observed, one column per group contribution.
    onsets : int
        Observed onsets in the year among the candidates (-1 beyond the data).
    candidates : int
    pr_auc : float
    sources : list of str
    """

    year: int
    model: str
    target: str
    ranking: pd.DataFrame  # rank, ccode1, ccode2, names, probability, observed, one column per group contribution
    onsets: int  # observed onsets in the year among the candidates (NaN beyond the data)
    candidates: int
    pr_auc: float
    sources: list = field(default_factory=list)


def rank_year(
    year,
    top=20,
    model="boosting",
    target="onset_any",
    table=None,
    warehouse=None,
    negative_fraction=DEFAULTS["negative_fraction"],
    by="group",
):
    """Rank the pairs without an alliance in year-1 by the probability that they form one in ``year``.

    With each pair's contributions to the log-odds per feature group (``by="group"``) or per feature
    (``"feature"``). The model is trained on label years <= year - 1 (features <= year - 2), so the
    ranking for a past year is a genuine forecast; ``year`` = LAST_YEAR + 1 forecasts beyond the data
    (no observed column then).

    Parameters
    ----------
    year : int
    top : int, default 20
    model : str, default "boosting"
    target : str, default "onset_any"
    table : pandas.DataFrame, optional
        ``prediction_table`` output (built when None).
    warehouse : str or Path, optional
    negative_fraction : float, default 0.05
    by : {"group", "feature"}, default "group"

    Returns
    -------
    YearRanking
    """
    check_range("year", year, FIRST_YEAR + 3, LAST_YEAR + 1)
    check_range("top", top, 1, None)
    check_choice("target", target, ("onset_any", "onset_defense"))
    check_choice("model", model, MODELS)
    check_choice("by", by, ("group", "feature"))
    if table is None:
        table = prediction_table(warehouse=warehouse)
    labels = table[target].to_numpy()
    train = ((table["year"].to_numpy() + 1) <= year - 1) & ~np.isnan(labels)
    estimator = AlliancePredictor(model, negative_fraction=negative_fraction).fit(table[train], labels[train])
    now = table["year"].to_numpy() == year - 1
    if year <= LAST_YEAR:
        candidates = now & ~np.isnan(labels)  # labels exist exactly for pairs without the obligation in year-1
    elif target == "onset_any":
        candidates = now & (table["allied_now"].to_numpy() == 0)
    else:
        raise ParameterError(
            f"argument year={year}: a forecast beyond {LAST_YEAR} is available for target onset_any only"
        )
    rows = table[candidates]
    p = estimator.predict_proba(rows)[:, 1]
    order = np.argsort(-p, kind="mergesort")
    chosen = rows.iloc[order[:top]]
    from alliancelab.panels.lookup import Lookup

    lookup = Lookup.get(warehouse)
    ranking = pd.DataFrame(
        {
            "rank": np.arange(1, len(chosen) + 1),
            "ccode1": chosen["ccode1"].to_numpy(),
            "ccode2": chosen["ccode2"].to_numpy(),
            "pair": [
                f"{lookup.abbreviation(a)}-{lookup.abbreviation(b)}" for a, b in zip(chosen["ccode1"], chosen["ccode2"])
            ],
            "probability": p[order[:top]],
            "observed": rows[target].to_numpy()[order[:top]],
        }
    )
    contributions = estimator.contributions(chosen, by=by).reset_index(drop=True)
    ranking = pd.concat([ranking, contributions.add_prefix("contrib_")], axis=1)
    y = rows[target].to_numpy()
    known = year <= LAST_YEAR
    return YearRanking(
        year,
        model,
        target,
        ranking,
        int(np.nansum(y)) if known else -1,
        int(len(rows)),
        pr_auc(y, p) if known else np.nan,
        list(table.attrs.get("sources", [])),
    )


# ---------------------------------------------------------------- figures (take results, never recompute)
def plot_precision_recall(evaluation, stem):
    """Precision-recall curves of every model on the holdout (stem.html, stem.png).

    Computes each model's curve and PR-AUC from ``evaluation.holdout_predictions`` and draws them with
    ``alliancelab.figures.prediction.precision_recall``.

    Parameters
    ----------
    evaluation : Evaluation
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    from alliancelab.figures.prediction import precision_recall

    pred = evaluation.holdout_predictions
    models = [c for c in pred.columns if c not in ("ccode1", "ccode2", "year", "y")]
    curves = {
        f"{model} (PR-AUC {pr_auc(pred['y'], pred[model]):.3f})": precision_recall_curve(pred["y"], pred[model])
        for model in models
    }
    return precision_recall(curves, float(pred["y"].mean()), evaluation.target, stem)


def plot_calibration(evaluation, stem):
    """Calibration (observed rate against mean predicted probability, quantile bins, log axes).

    Draws ``evaluation.calibration`` with ``alliancelab.figures.prediction.calibration``.

    Parameters
    ----------
    evaluation : Evaluation
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    from alliancelab.figures.prediction import calibration

    return calibration(evaluation.calibration, evaluation.target, stem)


def plot_ablation(evaluation, stem):
    """Holdout PR-AUC of the model without each feature group and with each group alone, with 95% CIs.

    Draws ``evaluation.ablation`` with ``alliancelab.figures.prediction.ablation``.

    Parameters
    ----------
    evaluation : Evaluation
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    from alliancelab.figures.prediction import ablation

    return ablation(evaluation.ablation, stem)


TABLE_FORMATS = ("csv", "parquet", "feather", "dta")
EVALUATION_TABLES = ("rolling", "holdout", "calibration", "ablation", "other_targets")


def write_evaluation_tables(evaluation, directory, fmt="csv"):
    """Write the tables of an evaluation, each with its sources, into ``directory``.

    Parameters
    ----------
    evaluation : Evaluation
        From ``evaluate``.
    directory : path
        Created if missing.
    fmt : {"csv", "parquet", "feather", "dta"}
        Table format (``alliancelab.files.write_table``; a ``.sources.txt`` file beside each table).

    Returns
    -------
    list of Path
        ``prediction_rolling``, ``_holdout``, ``_calibration``, ``_ablation``, ``_other_targets``.

    Examples
    --------
    >>> write_evaluation_tables(evaluate(prediction_table()), "prediction", fmt="parquet")  # doctest: +SKIP

    References
    ----------
    Tashman, L. J. (2000), "Out-of-sample tests of forecasting accuracy", International Journal of
    Forecasting 16(4): 437-450 (rolling origins).
    """
    from alliancelab.files import write_table

    check_choice("fmt", fmt, TABLE_FORMATS)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in EVALUATION_TABLES:
        path = directory / f"prediction_{name}.{fmt}"
        write_table(getattr(evaluation, name), path, evaluation.sources, argument="out")
        paths.append(path)
    return paths


def write_evaluation(evaluation, directory, fmt="csv"):
    """Write the tables (``fmt``: csv, parquet, feather or dta, with sources) and figures of an evaluation.

    Parameters
    ----------
    evaluation : Evaluation
        From ``evaluate``.
    directory : path
        Created if missing.
    fmt : {"csv", "parquet", "feather", "dta"}
        Table format (``write_evaluation_tables``).

    Returns
    -------
    list of Path
        The tables, then the figures (.html, .png).

    Examples
    --------
    >>> write_evaluation(evaluate(prediction_table()), "prediction")  # doctest: +SKIP

    References
    ----------
    Saito, T. and Rehmsmeier, M. (2015), "The precision-recall plot is more informative than the ROC
    plot when evaluating binary classifiers on imbalanced datasets", PLoS ONE 10(3): e0118432.
    """
    directory = Path(directory)
    paths = write_evaluation_tables(evaluation, directory, fmt)
    paths += plot_precision_recall(evaluation, directory / "prediction_pr")
    paths += plot_calibration(evaluation, directory / "prediction_calibration")
    paths += plot_ablation(evaluation, directory / "prediction_ablation")
    return paths
