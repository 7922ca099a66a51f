"""Figures of an evaluation (precision-recall, calibration, ablation) and its tables written to disk."""

from pathlib import Path

from alliancelab.errors import check_choice
from alliancelab.predict.evaluation._metrics import pr_auc, precision_recall_curve


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
