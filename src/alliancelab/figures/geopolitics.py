"""Figures of the geopolitics analyses. Each function takes results (never recomputes) and writes
``stem``.html (Plotly) and ``stem``.png (matplotlib), returning both paths; captions carry the sources."""

import numpy as np
import pandas as pd

from alliancelab.plotting import line_chart, save_figures

CHANNEL_COLOURS = {
    "original": "#4a5568",
    "border": "#dd6b20",
    "alliance": "#3182ce",
    "border and alliance": "#805ad5",
    "neither": "#a0aec0",
}
EDGE_STYLES = {"border": ("#dd6b20", "solid", "-"), "alliance": ("#3182ce", "dash", "--")}


def _caption(sources):
    return ("Sources: " + "; ".join(sources))[:300] if sources else ""


def plot_joining_rates(rates, stem, sources=()):
    """Bars of the joining rate (95% Wilson interval) by willingness and opportunity.

    Willingness is an alliance obligation to a belligerent; opportunity the nearest border to a
    belligerent (the bars are grouped by it).

    Parameters
    ----------
    rates : pandas.DataFrame
        ``theory.geopolitics.diffusion.joining_rates`` output.
    stem : str or Path
        Output path without suffix (.html and .png are written).
    sources : sequence of str, default ()
        Citations shown under the figure.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    sources = list(sources) or rates.attrs.get("sources", [])
    order_o = ["land border", "water border", "no border"]
    order_w = ["defense/offense", "other pact", "no partner"]
    colours = ["#2c5282", "#63b3ed", "#a0aec0"]
    figure = go.Figure()
    fig, ax = plt.subplots(figsize=(10, 4.8))
    width = 0.26
    for k, (will, colour) in enumerate(zip(order_w, colours)):
        part = rates[rates["willingness"] == will].set_index("opportunity").reindex(order_o)
        text = [f"{int(j)}/{int(n)}" if n == n else "" for j, n in zip(part["joined"], part["at_risk"])]
        figure.add_trace(
            go.Bar(
                x=order_o,
                y=part["rate"],
                name=will,
                marker_color=colour,
                text=text,
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=(part["rate_high"] - part["rate"]).to_numpy(),
                    arrayminus=(part["rate"] - part["rate_low"]).clip(lower=0).to_numpy(),
                ),
            )
        )
        x = np.arange(len(order_o)) + (k - 1) * width
        ax.bar(
            x,
            part["rate"].fillna(0),
            width,
            color=colour,
            label=will,
            yerr=[
                (part["rate"] - part["rate_low"]).clip(lower=0).fillna(0),
                (part["rate_high"] - part["rate"]).fillna(0),
            ],
            capsize=2,
            error_kw={"linewidth": 0.7},
        )
        for xi, label in zip(x, text):
            if label:
                ax.text(xi, 0.001, label, fontsize=7, ha="center", va="bottom")
    title = "Joining an ongoing war: rate by opportunity (nearest border) x willingness (alliance with a belligerent)"
    figure.update_layout(
        barmode="group",
        title=title,
        yaxis_title="share of at-risk state-war-years that joined",
        template="plotly_white",
        annotations=[
            dict(text=_caption(sources), showarrow=False, xref="paper", yref="paper", x=0, y=-0.18, font=dict(size=9))
        ],
    )
    ax.set_xticks(np.arange(len(order_o)), order_o)
    ax.set_ylabel("share that joined (95% CI)")
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, title="alliance with a belligerent", title_fontsize=7)
    fig.text(0.01, -0.02, _caption(sources)[:170], fontsize=5)
    return save_figures(figure, fig, stem)


def plot_war_spread(spread, stem):
    """A map-free network of one war's spread.

    States are placed by the year they entered (x) and their side (above / below), coloured by the
    channel they were exposed through; solid edges are borders with a belligerent, dashed edges
    alliances with one.

    Parameters
    ----------
    spread : WarSpread
        ``theory.geopolitics.diffusion.war_spread`` output.
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    nodes = spread.nodes.sort_values(["year", "side", "ccode"]).reset_index(drop=True)
    position = {}
    for (year, side), part in nodes.groupby(["year", "side"]):
        for k, abb in enumerate(part["stateabb"]):
            offset = 1 + k
            position[abb] = (year + 0.18 * (k % 2), offset if side == 1 else -offset)
    figure = go.Figure()
    fig, ax = plt.subplots(figsize=(10, 6))
    for kind, (colour, dash, style) in EDGE_STYLES.items():
        part = spread.edges[spread.edges["kind"] == kind]
        xs, ys = [], []
        for row in part.itertuples():
            if row.joiner in position and row.belligerent in position:
                (x0, y0), (x1, y1) = position[row.joiner], position[row.belligerent]
                xs += [x0, x1, None]
                ys += [y0, y1, None]
                ax.plot([x0, x1], [y0, y1], style, color=colour, linewidth=0.8, alpha=0.6)
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=colour, dash=dash, width=1),
                name=f"{kind} with a belligerent",
                hoverinfo="skip",
            )
        )
    for channel, colour in CHANNEL_COLOURS.items():
        part = nodes[nodes["channel"] == channel]
        if part.empty:
            continue
        xy = np.array([position[a] for a in part["stateabb"]])
        figure.add_trace(
            go.Scatter(
                x=xy[:, 0],
                y=xy[:, 1],
                mode="markers+text",
                text=part["stateabb"],
                textposition="top center",
                marker=dict(size=16, color=colour),
                name=f"entered: {channel}",
                hovertext=[f"{a} {y} side {s}" for a, y, s in zip(part["stateabb"], part["year"], part["side"])],
            )
        )
        ax.scatter(xy[:, 0], xy[:, 1], s=180, color=colour, label=f"entered: {channel}", zorder=3)
        for (x, y), abb in zip(xy, part["stateabb"]):
            ax.annotate(abb, (x, y), textcoords="offset points", xytext=(0, 9), ha="center", fontsize=7)
    years = sorted(nodes["year"].unique())
    title = f"How {spread.name} (COW war {spread.warnum}) spread: side 1 above, side 2 below"
    figure.update_layout(
        title=title,
        template="plotly_white",
        xaxis=dict(title="year entered", tickvals=years),
        yaxis=dict(showticklabels=False, zeroline=True),
        annotations=[
            dict(
                text=_caption(spread.sources),
                showarrow=False,
                xref="paper",
                yref="paper",
                x=0,
                y=-0.15,
                font=dict(size=9),
            )
        ],
    )
    ax.axhline(0, color="#cbd5e0", linewidth=0.8)
    ax.set_xticks(years)
    ax.set_yticks([])
    ax.set_xlabel("year entered")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.text(0.01, -0.02, _caption(spread.sources)[:170], fontsize=5)
    return save_figures(figure, fig, stem)


def plot_effects(fit, stem, title="Average marginal effects on the probability of joining"):
    """Average marginal effects of a ``stats.LogitFit`` with 95% intervals (war-clustered errors).

    Parameters
    ----------
    fit : LogitFit
        ``theory.geopolitics.stats.fit_logit`` output.
    stem : str or Path
        Output path without suffix.
    title : str, optional

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    table = fit.table.drop(index="const").iloc[::-1]
    sources = fit.table.attrs.get("sources", [])
    figure = go.Figure(
        go.Scatter(
            x=table["ame"], y=table.index, mode="markers", error_x=dict(type="data", array=_half_width(table["ame_se"]))
        )
    )
    figure.add_vline(x=0, line_color="#a0aec0")
    figure.update_layout(
        title=title,
        xaxis_title="average marginal effect (95% CI)",
        template="plotly_white",
        annotations=[
            dict(text=_caption(sources), showarrow=False, xref="paper", yref="paper", x=0, y=-0.15, font=dict(size=9))
        ],
    )
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(table) + 1.5))
    ax.errorbar(table["ame"], np.arange(len(table)), xerr=_half_width(table["ame_se"]), fmt="o", color="#2c5282")
    ax.axvline(0, color="#a0aec0", linewidth=0.8)
    ax.set_yticks(np.arange(len(table)), table.index, fontsize=8)
    ax.set_xlabel("average marginal effect on P(join) (95% CI, clustered by war)")
    ax.set_title(title, fontsize=9)
    fig.text(0.01, -0.02, _caption(sources)[:150], fontsize=5)
    return save_figures(figure, fig, stem)


def _half_width(se):
    """Half-width of a 95% normal interval."""
    return 1.959963984540054 * np.asarray(se)


def plot_distances(yearly, stem):
    """Median capital distance of all pairs vs allied pairs per year, and the share of allied dyads without a border.

    Parameters
    ----------
    yearly : pandas.DataFrame
        ``theory.geopolitics.reach.yearly_distances`` output.
    stem : str or Path
        Output path without suffix; two figures are written (distances and shares).

    Returns
    -------
    tuple
        The paths written (html and png of both figures).
    """
    sources = yearly.attrs.get("sources", [])
    first = line_chart(
        yearly,
        "year",
        ["median_all_km", "median_allied_km", "median_defense_km"],
        "Median capital distance: all pairs of system members vs allies",
        "km",
        stem,
        sources,
    )
    second = line_chart(
        yearly,
        "year",
        ["share_allied_noncontiguous", "share_allied_no_land_border"],
        "Share of allied dyads between non-contiguous states",
        "share",
        f"{stem}_noncontiguous",
        sources,
    )
    return first + second


def plot_reach(reach, stem):
    """Each major power's alliance reach (largest capital distance to an ally, km) by year.

    Parameters
    ----------
    reach : pandas.DataFrame
        ``theory.geopolitics.reach.alliance_reach`` output.
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    wide = reach.pivot_table(index="year", columns="stateabb", values="reach_km").reset_index()
    wide.columns = [str(c) for c in wide.columns]
    columns = [c for c in wide.columns if c != "year"]
    return line_chart(
        wide,
        "year",
        columns,
        "Alliance reach of the major powers (farthest ally's capital)",
        "km",
        stem,
        reach.attrs.get("sources", []),
    )


def plot_gradient(bands, stem):
    """Share of major-power dyad-years with an alliance / a dispute onset by capital-distance band.

    Parameters
    ----------
    bands : pandas.DataFrame
        ``theory.geopolitics.reach.loss_of_strength(...).bands``.
    stem : str or Path
        Output path without suffix.

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    sources = bands.attrs.get("sources", [])
    figure = make_subplots(rows=1, cols=2, subplot_titles=("alliance in force", "dispute onset"))
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for col, (tie, axis) in enumerate(zip(("ally", "dispute"), axes), start=1):
        part = pd.DataFrame(bands[bands["tie"] == tie])
        figure.add_trace(go.Bar(x=part["band"].astype(str), y=part["rate"], name=tie), row=1, col=col)
        axis.bar(part["band"].astype(str), part["rate"], color="#2c5282" if tie == "ally" else "#c53030")
        axis.set_title(f"{'alliance in force' if tie == 'ally' else 'dispute onset'} with a major power", fontsize=9)
        axis.tick_params(axis="x", rotation=30, labelsize=7)
        axis.set_ylabel("share of dyad-years")
    figure.update_layout(
        title="Loss of strength: major powers' ties by capital distance",
        template="plotly_white",
        annotations=list(figure.layout.annotations)
        + [dict(text=_caption(sources), showarrow=False, xref="paper", yref="paper", x=0, y=-0.25, font=dict(size=9))],
    )
    fig.text(0.01, -0.04, _caption(sources)[:170], fontsize=5)
    fig.tight_layout()
    return save_figures(figure, fig, stem)
