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

Layout of this package (the public names are re-exported here; import ``alliancelab.predict.evaluation``):
``_metrics`` (ROC-AUC, PR-AUC, Brier, calibration, the year bootstrap), ``_params`` (``EvaluationParams``, the
settings and their ranges), ``_splits`` (temporal splits and one fit-and-predict), ``_evaluate`` (the
rolling-origin evaluation, the feature ablation, one year's ranking) and
``_output`` (figures and the tables written to disk).
"""

from alliancelab.predict.evaluation._evaluate import Evaluation, YearRanking, evaluate, feature_ablation, rank_year
from alliancelab.predict.evaluation._metrics import (
    brier,
    calibration_table,
    metrics,
    pr_auc,
    precision_recall_curve,
    roc_auc,
    year_bootstrap,
)
from alliancelab.predict.evaluation._output import (
    EVALUATION_TABLES,
    TABLE_FORMATS,
    plot_ablation,
    plot_calibration,
    plot_precision_recall,
    write_evaluation,
    write_evaluation_tables,
)
from alliancelab.predict.evaluation._params import EvaluationParams
from alliancelab.predict.evaluation._splits import DEFAULTS, Split, fit_predict, holdout_split, rolling_origin_splits

__all__ = [
    "DEFAULTS",
    "EVALUATION_TABLES",
    "Evaluation",
    "EvaluationParams",
    "Split",
    "TABLE_FORMATS",
    "YearRanking",
    "brier",
    "calibration_table",
    "evaluate",
    "feature_ablation",
    "fit_predict",
    "holdout_split",
    "metrics",
    "plot_ablation",
    "plot_calibration",
    "plot_precision_recall",
    "pr_auc",
    "precision_recall_curve",
    "rank_year",
    "roc_auc",
    "rolling_origin_splits",
    "write_evaluation",
    "write_evaluation_tables",
    "year_bootstrap",
]
