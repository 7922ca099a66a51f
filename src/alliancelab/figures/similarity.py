"""Figure of portfolio similarity between chosen pairs over time (``measures.similarity.pair_similarities``)."""

from pathlib import Path

import plotly.graph_objects as go

from alliancelab.plotting import plt, save_matplotlib, save_plotly


def pair_similarity(data, measure, stem, start, end, title):
    """One similarity measure between chosen pairs over time: writes ``stem``.html (Plotly) and .png.

    Parameters
    ----------
    data : pandas.DataFrame
        ``measures.similarity.pair_similarities`` output (columns year, pair, ``measure``).
    measure : str
        The column drawn (a measure in [-1, 1]).
    stem : str or Path
        Output path without suffix.
    start, end : int
        The years on the x axis; years without a value are gaps.
    title : str
        Heading.

    Returns
    -------
    tuple of Path
        (html_path, png_path).

    Examples
    --------
    >>> from alliancelab.measures.similarity import pair_similarities
    >>> data = pair_similarities([(2, 365)], start=1946, end=1990)  # doctest: +SKIP
    >>> pair_similarity(data, "s_unweighted", "/tmp/pairs", 1946, 1990, "S")  # doctest: +SKIP
    """
    stem = Path(stem)
    figure = go.Figure()
    for label, frame in data.groupby("pair", sort=False):
        figure.add_trace(
            go.Scatter(
                x=frame["year"],
                y=frame[measure],
                mode="lines+markers",
                marker={"size": 3},
                name=label,
                connectgaps=False,
            )
        )
    figure.update_layout(
        title=title, xaxis_title="year", yaxis_title=measure, yaxis_range=[-1.05, 1.05], template="plotly_white"
    )
    html = save_plotly(figure, stem)

    fig, axis = plt.subplots(figsize=(10, 4.5))
    for label, frame in data.groupby("pair", sort=False):
        series = frame.set_index("year")[measure].reindex(range(start, end + 1))
        axis.plot(series.index, series.to_numpy(), label=label, linewidth=1.4)
    axis.set_ylim(-1.05, 1.05)
    axis.axhline(0, color="grey", linewidth=0.6)
    axis.set_xlabel("year")
    axis.set_ylabel(measure)
    axis.set_title(title, fontsize=10)
    axis.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    png = save_matplotlib(fig, stem, dpi=120, bbox_inches=None)
    return html, png
