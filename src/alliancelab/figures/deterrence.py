"""Figure of the deterrence game's comparative statics (``theory.formal.deterrence.comparative_statics``)."""

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from alliancelab.plotting import plt, save_figures

STATICS_OUTCOMES = ("p_challenge", "p_resist_given_challenge", "p_war", "p_intervene_given_war", "p_intervene")


def deterrence_statics(frame, parameter, path_stem, outcomes=STATICS_OUTCOMES):
    """Every equilibrium's outcome probabilities against ``parameter``: writes ``path_stem``.html and .png.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``theory.formal.deterrence.comparative_statics`` output: one row per equilibrium and value, with the
        columns ``parameter``, ``kind`` (pure, mixed, family) and each of ``outcomes``.
    parameter : str
        The varied parameter (x axis).
    path_stem : str or Path
        Output path without suffix.
    outcomes : sequence of str
        Outcome columns, one panel each.

    Returns
    -------
    tuple of Path
        (html_path, png_path).

    Examples
    --------
    >>> from alliancelab.theory.formal import deterrence as dt
    >>> frame = dt.comparative_statics("benefit_third", [0.5, 1.0, 2.0])
    >>> deterrence_statics(frame, "benefit_third", "/tmp/statics")  # doctest: +SKIP
    """
    markers = {"pure": "circle", "mixed": "diamond", "family": "square-open"}
    fig = make_subplots(rows=1, cols=len(outcomes), subplot_titles=outcomes)
    mfig, axes = plt.subplots(1, len(outcomes), figsize=(3.2 * len(outcomes), 3.2), sharex=True)
    for j, outcome in enumerate(outcomes):
        for kind, group in frame.groupby("kind"):
            fig.add_trace(
                go.Scatter(
                    x=group[parameter],
                    y=group[outcome],
                    mode="markers",
                    name=kind,
                    legendgroup=kind,
                    showlegend=j == 0,
                    marker=dict(symbol=markers.get(kind, "circle"), size=7),
                ),
                row=1,
                col=j + 1,
            )
            axes[j].plot(
                group[parameter],
                group[outcome],
                {"pure": "o", "mixed": "D", "family": "s"}.get(kind, "o"),
                ms=4,
                mfc="none" if kind == "family" else None,
                label=kind,
            )
        axes[j].set_title(outcome, fontsize=8)
        axes[j].set_xlabel(parameter, fontsize=8)
        axes[j].set_ylim(-0.05, 1.05)
    axes[0].legend(fontsize=7)
    fig.update_layout(title=f"Equilibrium outcomes against {parameter}", height=380)
    mfig.tight_layout()
    return save_figures(fig, mfig, path_stem, dpi=100, bbox_inches=None)
