"""Figure of alliance survival: Kaplan-Meier curves by kind and by asymmetry (``theory.empirical.morrow``)."""

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from alliancelab.plotting import plt, save_matplotlib, save_plotly


def kaplan_meier(km_kind, km_asymm, stem):
    """Kaplan-Meier survival of ATOP 4.01 alliances in two panels: by kind and by ATOP asymm.

    Parameters
    ----------
    km_kind, km_asymm : dict of str to pandas.DataFrame
        One curve per group (columns time, survival, ci_low, ci_high), as in the ``km_kind`` and
        ``km_asymm`` fields of the Morrow survival result.
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple of Path
        (html_path, png_path).

    Examples
    --------
    >>> kaplan_meier(result.km_kind, result.km_asymm, "out/morrow_km")  # doctest: +SKIP
    """
    figure = make_subplots(rows=1, cols=2, subplot_titles=("by kind (COW major status)", "by ATOP asymm"))
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
    for col, curves in enumerate((km_kind, km_asymm)):
        for group, curve in curves.items():
            figure.add_trace(
                go.Scatter(x=curve["time"], y=curve["survival"], name=str(group), line_shape="hv"), row=1, col=col + 1
            )
            axes[col].step(curve["time"], curve["survival"], where="post", label=str(group))
            axes[col].fill_between(curve["time"], curve["ci_low"], curve["ci_high"], step="post", alpha=0.15)
        axes[col].set_xlabel("years since signing")
        axes[col].legend(fontsize=8)
    axes[0].set_ylabel("share of alliances still in force")
    figure.update_layout(title="Kaplan-Meier survival of ATOP 4.01 alliances", template="plotly_white")
    html = save_plotly(figure, f"{stem}.html")
    fig.suptitle("Kaplan-Meier survival of ATOP 4.01 alliances (95% CI)", fontsize=10)
    fig.tight_layout()
    png = save_matplotlib(fig, f"{stem}.png", dpi=110, bbox_inches=None)
    return html, png
