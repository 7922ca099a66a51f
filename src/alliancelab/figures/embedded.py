"""Mosaic plots of a described contingency table (HTML through Plotly, PNG through matplotlib).

A mosaic (Hartigan & Kleiner 1981; Friendly 1994) splits the unit square by the first factor's
shares along x, each column by the second factor's conditional shares along y, each tile by the
third along x again, and so on: tile areas are the cell counts. Tiles are shaded by the standardised
residual against independence (n - m) / sqrt(m): blue where a configuration occurs more often than
independence predicts, red where less, stronger beyond |r| = 2 and 4.

References
----------
Friendly, M. (1994), "Mosaic displays for multi-way contingency tables", JASA 89(425): 190-200.
"""

import numpy as np
import plotly.graph_objects as go
from matplotlib import pyplot as plt
from matplotlib.patches import Rectangle

from alliancelab.plotting import save_figures

GAP = 0.012
SHADES = ((-np.inf, -4, "#d6604d"), (-4, -2, "#f4a582"), (-2, 2, "#eeeeee"), (2, 4, "#92c5de"), (4, np.inf, "#2166ac"))


def _shade(r):
    if not np.isfinite(r):
        return "#ffffff"
    for low, high, colour in SHADES:
        if low <= r < high:
            return colour
    return SHADES[-1][2]


def mosaic_tiles(description):
    """Rectangles of the mosaic: one row per cell with x0, x1, y0, y1, count, residual and label.

    Parameters
    ----------
    description : object
        A described contingency table (``theory.embedded``) whose ``cells`` hold the factors,
        ``count``, ``expected_indep`` and ``std_resid_indep``.

    Returns
    -------
    tuple
        (tiles, factors): a list of dicts (x0, x1, y0, y1, count, expected, residual, label) and the
        factor names in splitting order.

    References
    ----------
    Friendly, M. (1994), "Mosaic displays for multi-way contingency tables", JASA 89(425): 190-200.
    """
    cells = description.cells
    factors = [
        c
        for c in cells.columns
        if c not in ("count", "structural") and not c.startswith(("expected_", "std_resid_", "adj_resid_", "ratio_"))
    ]
    tiles = []

    def split(frame, depth, box):
        x0, x1, y0, y1 = box
        if depth == len(factors):
            row = frame.iloc[0]
            tiles.append(
                dict(
                    x0=x0,
                    x1=x1,
                    y0=y0,
                    y1=y1,
                    count=int(row["count"]),
                    expected=row["expected_indep"],
                    residual=row["std_resid_indep"],
                    label=", ".join(f"{f}={row[f]}" for f in factors),
                )
            )
            return
        f = factors[depth]
        levels = list(dict.fromkeys(frame[f]))
        totals = np.array([frame.loc[frame[f] == lv, "count"].sum() for lv in levels], float)
        shares = totals / totals.sum() if totals.sum() > 0 else np.full(len(levels), 1 / len(levels))
        horizontal = depth % 2 == 0
        length = (x1 - x0) if horizontal else (y1 - y0)
        gap = GAP / (depth + 1)
        usable = max(length - gap * (len(levels) - 1), 1e-9)
        start = x0 if horizontal else y0
        for level, share in zip(levels, shares):
            end = start + usable * share
            sub = frame[frame[f] == level]
            split(sub, depth + 1, (start, end, y0, y1) if horizontal else (x0, x1, start, end))
            start = end + gap

    split(cells[~cells["structural"]], 0, (0.0, 1.0, 0.0, 1.0))
    return tiles, factors


def mosaic(description, path, title="", sources=()):
    """The mosaic of a described table, tiles shaded by the residual against independence.

    Parameters
    ----------
    description : object
        A described contingency table (see ``mosaic_tiles``).
    path : str or Path
        Output path without suffix: ``path``.html and ``path``.png are written.
    title : str, default ""
    sources : sequence of str, default ()
        Citations shown under the figure.

    Returns
    -------
    tuple
        (html_path, png_path).

    References
    ----------
    Hartigan, J. A. and Kleiner, B. (1981), "Mosaics for contingency tables"; Friendly, M. (1994),
    JASA 89(425): 190-200.
    """
    tiles, factors = mosaic_tiles(description)
    caption = ("Sources: " + "; ".join(sources))[:300] if sources else ""
    title = title or f"Mosaic of {' x '.join(factors)} (shaded by residual against independence)"
    shapes, xs, ys, texts = [], [], [], []
    for t in tiles:
        shapes.append(
            dict(
                type="rect",
                x0=t["x0"],
                x1=t["x1"],
                y0=t["y0"],
                y1=t["y1"],
                fillcolor=_shade(t["residual"]),
                line=dict(color="#555", width=0.5),
            )
        )
        xs.append((t["x0"] + t["x1"]) / 2)
        ys.append((t["y0"] + t["y1"]) / 2)
        texts.append(
            f"{t['label']}<br>observed {t['count']}, expected {t['expected']:.1f}, residual {t['residual']:.2f}"
        )
    figure = go.Figure(
        go.Scatter(
            x=xs, y=ys, mode="markers", marker=dict(size=1, opacity=0), text=texts, hoverinfo="text", showlegend=False
        )
    )
    figure.update_layout(
        shapes=shapes,
        title=title,
        xaxis=dict(visible=False, range=[0, 1]),
        yaxis=dict(visible=False, range=[0, 1]),
        plot_bgcolor="white",
        width=900,
        height=700,
        annotations=[
            dict(
                text=f"x: {factors[0]}"
                + (f"; y: {factors[1]}" if len(factors) > 1 else "")
                + "; blue = more than independence, red = fewer. "
                + caption,
                showarrow=False,
                xref="paper",
                yref="paper",
                x=0,
                y=-0.06,
                font=dict(size=9),
            )
        ],
    )
    fig, ax = plt.subplots(figsize=(10, 7.5))
    for t in tiles:
        ax.add_patch(
            Rectangle(
                (t["x0"], t["y0"]),
                t["x1"] - t["x0"],
                t["y1"] - t["y0"],
                facecolor=_shade(t["residual"]),
                edgecolor="#555",
                linewidth=0.4,
            )
        )
        big = (t["x1"] - t["x0"]) * (t["y1"] - t["y0"]) > 0.004
        if big and abs(t["residual"]) >= 2:
            ax.text(
                (t["x0"] + t["x1"]) / 2,
                (t["y0"] + t["y1"]) / 2,
                f"{t['count']}\n({t['residual']:+.1f})",
                ha="center",
                va="center",
                fontsize=6,
            )
    first = factors[0]
    for level in dict.fromkeys(description.cells[first]):
        xs_level = [(t["x0"], t["x1"]) for t in tiles if f"{first}={level}" in t["label"].split(", ")[0]]
        if xs_level:
            ax.text(
                (min(a for a, _ in xs_level) + max(b for _, b in xs_level)) / 2,
                1.01,
                str(level),
                ha="center",
                va="bottom",
                fontsize=8,
            )
    if len(factors) > 1:
        second = factors[1]
        column = [t for t in tiles if t["label"].split(", ")[0] == tiles[0]["label"].split(", ")[0]]
        for level in dict.fromkeys(description.cells[second]):
            ys_level = [(t["y0"], t["y1"]) for t in column if t["label"].split(", ")[1] == f"{second}={level}"]
            if ys_level:
                ax.text(
                    -0.01,
                    (min(a for a, _ in ys_level) + max(b for _, b in ys_level)) / 2,
                    str(level),
                    ha="right",
                    va="center",
                    fontsize=8,
                    rotation=90,
                )
    if len(factors) > 2:
        corner = [t for t in tiles if t["label"].split(", ")[:2] == tiles[0]["label"].split(", ")[:2]]
        for level in dict.fromkeys(description.cells[factors[2]]):
            xs_level = [(t["x0"], t["x1"]) for t in corner if t["label"].split(", ")[2] == f"{factors[2]}={level}"]
            if xs_level:
                ax.text(
                    (min(a for a, _ in xs_level) + max(b for _, b in xs_level)) / 2,
                    -0.01,
                    str(level),
                    ha="right",
                    va="top",
                    fontsize=6,
                    rotation=45,
                )
    ax.set_xlim(-0.03, 1)
    ax.set_ylim(-0.08, 1.04)
    ax.axis("off")
    ax.set_title(title, fontsize=10)
    legend = [Rectangle((0, 0), 1, 1, facecolor=c) for _lo, _hi, c in SHADES]
    ax.legend(
        legend,
        ["r < -4", "-4..-2", "-2..2", "2..4", "r > 4"],
        loc="upper center",
        fontsize=7,
        ncol=5,
        bbox_to_anchor=(0.5, -0.01),
        title=f"x: {', '.join(factors[0::2])}; y: {', '.join(factors[1::2])} (first level at the left / bottom)",
        title_fontsize=7,
    )
    if caption:
        fig.text(0.01, 0.01, caption[:160], fontsize=6)
    return save_figures(figure, fig, path)
