"""Figures of the alliance-onset prediction: precision-recall, calibration, feature-group ablation.

Each takes tables already computed by ``alliancelab.predict.evaluation`` (the curves, the calibration
bins, the ablation rows) and draws them; ``predict.evaluation.plot_*`` compute the inputs and call these.
"""

import plotly.graph_objects as go

from alliancelab.plotting import plt, save_figures


def precision_recall(curves, base_rate, target, stem):
    """Precision-recall curves of several models on the holdout, with the base rate as a dotted line.

    Parameters
    ----------
    curves : dict of str to pandas.DataFrame
        Legend label -> curve (columns recall, precision), e.g. from
        ``predict.evaluation.precision_recall_curve``.
    base_rate : float
        Share of positive rows (the precision of a random ranking).
    target : str
        Name of the predicted outcome, shown in the title.
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple of Path
        (html_path, png_path).

    Examples
    --------
    >>> precision_recall({"logit": curve}, 0.002, "onset", "out/prediction_pr")  # doctest: +SKIP
    """
    figure = go.Figure()
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for label, curve in curves.items():
        figure.add_trace(go.Scatter(x=curve["recall"], y=curve["precision"], mode="lines", name=label))
        ax.plot(curve["recall"], curve["precision"], label=label, linewidth=1.3)
    figure.add_hline(y=base_rate, line_dash="dot", annotation_text=f"base rate {base_rate:.4f}")
    ax.axhline(base_rate, color="grey", linestyle=":", label=f"base rate {base_rate:.4f}")
    title = f"Alliance onset ({target}): precision-recall on the holdout"
    figure.update_layout(title=title, xaxis_title="recall", yaxis_title="precision")
    ax.set(title=title, xlabel="recall", ylabel="precision", xlim=(0, 1))
    ax.title.set_fontsize(9)
    ax.legend(fontsize=7)
    return save_figures(figure, fig, stem)


def calibration(table, target, stem):
    """Calibration: observed rate against mean predicted probability per bin, per model (log axes).

    Parameters
    ----------
    table : pandas.DataFrame
        Calibration bins (columns model, mean_predicted, observed), e.g. ``Evaluation.calibration``.
    target : str
        Name of the predicted outcome, shown in the title.
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple of Path
        (html_path, png_path).

    Examples
    --------
    >>> calibration(evaluation.calibration, evaluation.target, "out/prediction_calibration")  # doctest: +SKIP
    """
    figure = go.Figure()
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for model, part in table.groupby("model", sort=False):
        figure.add_trace(go.Scatter(x=part["mean_predicted"], y=part["observed"], mode="lines+markers", name=model))
        ax.plot(part["mean_predicted"], part["observed"], marker="o", label=model, linewidth=1.2)
    low = max(float(table["mean_predicted"].clip(lower=1e-5).min()), 1e-5)
    figure.add_trace(go.Scatter(x=[low, 1], y=[low, 1], mode="lines", name="perfect", line={"dash": "dot"}))
    ax.plot([low, 1], [low, 1], color="grey", linestyle=":", label="perfect")
    title = f"Calibration on the holdout ({target})"
    figure.update_layout(
        title=title,
        xaxis_title="mean predicted probability",
        yaxis_title="observed rate",
        xaxis_type="log",
        yaxis_type="log",
    )
    ax.set(
        title=title,
        xlabel="mean predicted probability",
        ylabel="observed rate (bins with no onset not shown)",
        xscale="log",
        yscale="log",
    )
    ax.legend(fontsize=7)
    return save_figures(figure, fig, stem)


def ablation(table, stem):
    """Holdout PR-AUC of each model variant (feature group dropped or alone), with 95% CI whiskers.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per variant (columns variant, pr_auc, pr_auc_low, pr_auc_high), e.g. ``Evaluation.ablation``.
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple of Path
        (html_path, png_path).

    Examples
    --------
    >>> ablation(evaluation.ablation, "out/prediction_ablation")  # doctest: +SKIP
    """
    figure = go.Figure(
        go.Bar(
            x=table["pr_auc"],
            y=table["variant"],
            orientation="h",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": table["pr_auc_high"] - table["pr_auc"],
                "arrayminus": table["pr_auc"] - table["pr_auc_low"],
            },
        )
    )
    figure.update_layout(
        title="Which theory predicts? Holdout PR-AUC by feature group",
        xaxis_title="PR-AUC",
        yaxis={"autorange": "reversed"},
    )
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(table) + 1.2))
    ax.barh(
        table["variant"],
        table["pr_auc"],
        xerr=[table["pr_auc"] - table["pr_auc_low"], table["pr_auc_high"] - table["pr_auc"]],
        color="#4c72b0",
    )
    ax.invert_yaxis()
    ax.set(title="Holdout PR-AUC by feature group (95% CI over years)", xlabel="PR-AUC")
    ax.title.set_fontsize(9)
    ax.tick_params(axis="y", labelsize=7)
    return save_figures(figure, fig, stem)
