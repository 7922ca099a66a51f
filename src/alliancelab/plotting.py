"""Figures: each result as an interactive Plotly HTML file and a static PNG (matplotlib).

PNG export through Plotly needs a browser (kaleido), which a fresh machine lacks, so the static
version is drawn with matplotlib (Agg backend) from the same data. Both are written atomically
(``files.atomic_path``); ``line_chart`` and ``heat_map`` carry their data sources in a caption.
"""

from pathlib import Path

import plotly.graph_objects as go

from alliancelab.errors import ParameterError
from alliancelab.files import atomic_path


def pyplot():
    """matplotlib.pyplot with the Agg backend, imported on first use (it is slow to import).

    Returns
    -------
    module
        ``matplotlib.pyplot``, set to the non-interactive Agg backend.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot

    return matplotlib.pyplot


def __getattr__(name):
    # ``from alliancelab.plotting import plt`` still works, importing matplotlib only then
    if name == "plt":
        return pyplot()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _with_suffix(path, suffix):
    path = Path(path)
    if not path.name or path.name in (".", ".."):
        raise ParameterError(f"figure path {str(path)!r}: expected a file name (stem), got a folder")
    return path.with_suffix(suffix)


def save_plotly(figure, path):
    """Write a Plotly figure to ``path`` with suffix .html (plotly.js from the CDN).

    Parameters
    ----------
    figure : plotly.graph_objects.Figure
        The figure.
    path : str or Path
        The file; its suffix is replaced by .html.

    Returns
    -------
    Path
        The HTML file written.
    """
    html = _with_suffix(path, ".html")
    with atomic_path(html) as temporary:
        figure.write_html(str(temporary), include_plotlyjs="cdn")
    return html


def save_matplotlib(figure, path, dpi=110, bbox_inches="tight"):
    """Write a matplotlib figure to ``path`` with suffix .png and close it.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure (closed afterwards).
    path : str or Path
        The file; its suffix is replaced by .png.
    dpi : int
        Resolution in dots per inch.
    bbox_inches : str or None
        "tight" trims the margins; None keeps the figure's own size.

    Returns
    -------
    Path
        The PNG file written.
    """
    png = _with_suffix(path, ".png")
    with atomic_path(png) as temporary:
        figure.savefig(temporary, format="png", dpi=dpi, bbox_inches=bbox_inches)
    pyplot().close(figure)
    return png


def save_figures(plotly_figure, matplotlib_figure, stem, dpi=110, bbox_inches="tight"):
    """Write ``stem``.html (Plotly) and ``stem``.png (matplotlib, then closed).

    Parameters
    ----------
    plotly_figure : plotly.graph_objects.Figure
        The interactive version.
    matplotlib_figure : matplotlib.figure.Figure
        The static version (closed afterwards).
    stem : str or Path
        The path without suffix.
    dpi, bbox_inches
        As in ``save_matplotlib``.

    Returns
    -------
    tuple of Path
        The HTML and PNG files.
    """
    return (
        save_plotly(plotly_figure, stem),
        save_matplotlib(matplotlib_figure, stem, dpi=dpi, bbox_inches=bbox_inches),
    )


def line_chart(frame, x, columns, title, ytitle, path, sources=()):
    """Lines of ``columns`` against ``x``: writes path.html and path.png.

    Parameters
    ----------
    frame : pandas.DataFrame
        The data.
    x : str
        The column on the horizontal axis.
    columns : sequence of str
        One line per column.
    title, ytitle : str
        The figure's title and the vertical axis' title.
    path : str or Path
        The path without suffix.
    sources : sequence of str
        Citations, shown in a caption.

    Returns
    -------
    tuple of Path
        The HTML and PNG files.
    """
    caption = "Sources: " + "; ".join(sources) if sources else ""
    figure = go.Figure([go.Scatter(x=frame[x], y=frame[c], mode="lines", name=c) for c in columns])
    figure.update_layout(
        title=title,
        xaxis_title=x,
        yaxis_title=ytitle,
        annotations=[
            dict(text=caption[:300], showarrow=False, xref="paper", yref="paper", x=0, y=-0.2, font=dict(size=9))
        ]
        if caption
        else [],
    )
    save_plotly(figure, path)
    fig, ax = pyplot().subplots(figsize=(9, 4.5))
    for c in columns:
        ax.plot(frame[x], frame[c], label=c, linewidth=1.2)
    ax.set_title(title)
    ax.set_xlabel(x)
    ax.set_ylabel(ytitle)
    ax.legend(fontsize=8)
    if caption:
        fig.text(0.01, -0.02, caption[:160], fontsize=6)
    save_matplotlib(fig, path)
    return Path(path).with_suffix(".html"), Path(path).with_suffix(".png")


def heat_map(matrix, rows, columns, title, path, colorbar="value", sources=()):
    """A heat map (rows x columns): writes path.html and path.png.

    Parameters
    ----------
    matrix : array_like
        Values, one row per entry of ``rows``.
    rows, columns : sequence of str
        Labels of the rows and columns.
    title : str
        The figure's title.
    path : str or Path
        The path without suffix.
    colorbar : str
        The colour bar's title.
    sources : sequence of str
        Citations, shown in a caption of the PNG.

    Returns
    -------
    tuple of Path
        The HTML and PNG files.
    """
    figure = go.Figure(go.Heatmap(z=matrix, x=columns, y=rows, colorscale="Reds", colorbar=dict(title=colorbar)))
    figure.update_layout(title=title, yaxis=dict(autorange="reversed"))
    save_plotly(figure, path)
    fig, ax = pyplot().subplots(figsize=(1 + 0.45 * len(columns), 1 + 0.35 * len(rows)))
    image = ax.imshow(matrix, cmap="Reds", aspect="auto")
    ax.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
    ax.set_yticks(range(len(rows)), rows, fontsize=7)
    ax.set_title(title, fontsize=9)
    fig.colorbar(image, ax=ax, label=colorbar)
    if sources:
        fig.text(0.01, -0.02, ("Sources: " + "; ".join(sources))[:160], fontsize=5)
    save_matplotlib(fig, path)
    return Path(path).with_suffix(".html"), Path(path).with_suffix(".png")
