"""Figures of a landscape (``theory.landscape``): the energy profile, the actor network, the war evaluation.

Plotly and matplotlib are imported only when a figure is drawn."""

from __future__ import annotations

import numpy as np


def energy_profile(result, max_points=4000):
    """Points of the energy landscape plot.

    (rank, energy) of the configurations ordered by energy (every configuration when the exact
    search kept them, sampled evenly in rank to at most ``max_points``), and (rank, energy) of every
    local minimum. Without kept energies the x axis is the minima's own energy rank.

    Parameters
    ----------
    result : landscape result
        ``theory.landscape`` output (``all_energies``, ``energies``, ``n_minima``).
    max_points : int, default 4000

    Returns
    -------
    tuple
        (configuration ranks, their energies, minima ranks, minima energies); the first two are
        None without kept energies.
    """
    if result.all_energies is not None:
        e = np.sort(result.all_energies)
        idx = np.unique(np.linspace(0, e.size - 1, min(max_points, e.size)).astype(np.int64))
        minima_rank = np.searchsorted(e, result.energies - 1e-12 * max(1.0, np.abs(e).max()))
        return idx, e[idx], minima_rank, result.energies
    ranks = np.arange(result.n_minima)
    return None, None, ranks, result.energies


def _network_layout(result, rank=0):
    """Actor positions: each camp's members on a circle of their own (biggest first), the camps'
    circles side by side, so that edges between camps cross the gap between them."""
    camp = result.configurations[rank]
    xy = np.zeros((len(result.names), 2))
    used = [c for c in range(result.camps) if np.any(camp == c)]
    for slot, c in enumerate(used):
        members = np.flatnonzero(camp == c)
        members = members[np.argsort(-result.sizes[members])]
        angle = 2 * np.pi * np.arange(members.size) / max(members.size, 1) + np.pi / 2
        radius = 0.35 + 0.1 * np.sqrt(members.size)
        xy[members, 0] = 2.2 * slot + radius * np.cos(angle)
        xy[members, 1] = radius * np.sin(angle)
    return xy


def plot_files(result, directory, stem="landscape", rank=0, actual=None, title=None):
    """Write the energy-landscape plot and the actor network (camps of minimum ``rank``).

    Plotly HTML and matplotlib PNG: {stem}_energy.html/.png and {stem}_network.html/.png in
    ``directory``. Network: node colour = camp, node area ~ size, edge width ~ |propensity|
    (green = affinity, red dashed = antipathy); with ``actual`` misplaced actors get a black ring.

    Parameters
    ----------
    result : landscape result
        ``theory.landscape`` output.
    directory : str or Path
    stem : str, default "landscape"
    rank : int, default 0
        Which local minimum's camps to draw (0 = the global minimum).
    actual : array of int, optional
        Camp per actor, -1 unknown.
    title : str, optional

    Returns
    -------
    list of Path
        The paths written.
    """
    import matplotlib

    matplotlib.use("Agg")
    from pathlib import Path

    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    directory = Path(directory)
    title = title or "Landscape"
    written = []
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"]

    # 1. energy landscape
    xs, ys, mr, me = energy_profile(result)
    fig = go.Figure()
    xlabel = "configurations ordered by energy (rank)" if xs is not None else "local minima ordered by energy"
    if xs is not None:
        fig.add_trace(go.Scatter(x=xs + 1, y=ys, mode="lines", name="all configurations"))
    labels = [
        f"minimum {r}: basin {result.basin_shares[r]:.1%}<br>"
        + "<br>".join(
            f"camp {c}: " + " ".join(result.names[i] for i in np.flatnonzero(result.configurations[r] == c))
            for c in range(result.camps)
        )
        for r in range(result.n_minima)
    ]
    fig.add_trace(
        go.Scatter(
            x=mr + 1,
            y=me,
            mode="markers",
            name="local minima",
            text=labels,
            hoverinfo="text+y",
            marker=dict(size=8 + 30 * np.sqrt(result.basin_shares), color="red"),
        )
    )
    fig.update_layout(
        title=f"{title}: energy landscape ({result.n_minima} local minima, {result.method} search)",
        xaxis_title=xlabel,
        yaxis_title="energy E",
        xaxis_type="log" if xs is not None else "linear",
    )
    written.append(save_plotly(fig, directory / f"{stem}_energy.html"))
    f, ax = plt.subplots(figsize=(8, 5))
    if xs is not None:
        ax.plot(xs + 1, ys, lw=1, label="all configurations")
        ax.set_xscale("log")
    ax.scatter(mr + 1, me, s=20 + 400 * result.basin_shares, c="red", zorder=3, label="local minima")
    for r in range(min(result.n_minima, 5)):
        ax.annotate(f"{r}", (mr[r] + 1, me[r]), textcoords="offset points", xytext=(5, 5))
    ax.set_xlabel(xlabel)
    ax.set_ylabel("energy E")
    ax.set_title(f"{title}: energy landscape")
    ax.legend()
    f.tight_layout()
    written.append(save_matplotlib(f, directory / f"{stem}_energy.png", dpi=120, bbox_inches=None))

    # 2. network of actors coloured by camp
    xy = _network_layout(result, rank)
    camp = result.configurations[rank]
    n = len(result.names)
    top = max(np.abs(result.propensity).max(), 1e-300)
    wrong = np.zeros(n, dtype=bool)
    if actual is not None:
        actual = np.asarray(actual)
        best = -1
        for perm in ([0, 1], [1, 0]) if result.camps == 2 else [list(range(result.camps))]:
            mapped = np.array(perm)[camp]
            right = int(np.sum((mapped == actual) & (actual >= 0)))
            if right > best:
                best, wrong = right, (actual >= 0) & (mapped != actual)
    fig = go.Figure()
    for i in range(n):
        for j in range(i + 1, n):
            v = result.propensity[i, j]
            if v == 0:
                continue
            fig.add_trace(
                go.Scatter(
                    x=[xy[i, 0], xy[j, 0]],
                    y=[xy[i, 1], xy[j, 1]],
                    mode="lines",
                    line=dict(
                        width=0.5 + 6 * abs(v) / top,
                        color="green" if v > 0 else "red",
                        dash="solid" if v > 0 else "dash",
                    ),
                    opacity=0.5,
                    hoverinfo="text",
                    showlegend=False,
                    text=f"{result.names[i]}-{result.names[j]}: p = {v:.3g}",
                )
            )
    smax = result.sizes.max()
    for c in range(result.camps):
        members = np.flatnonzero(camp == c)
        if members.size == 0:
            continue
        fig.add_trace(
            go.Scatter(
                x=xy[members, 0],
                y=xy[members, 1],
                mode="markers+text",
                name=f"camp {c}",
                text=[result.names[i] for i in members],
                textposition="top center",
                marker=dict(
                    size=10 + 40 * np.sqrt(result.sizes[members] / smax),
                    color=colours[c % len(colours)],
                    line=dict(width=[4 if wrong[i] else 0 for i in members], color="black"),
                ),
            )
        )
    fig.update_layout(
        title=f"{title}: camps in minimum {rank} (E = {result.energies[rank]:.4g})"
        + ("; black ring = not on its actual side" if actual is not None else ""),
        xaxis_visible=False,
        yaxis_visible=False,
        yaxis_scaleanchor="x",
    )
    written.append(save_plotly(fig, directory / f"{stem}_network.html"))
    f, ax = plt.subplots(figsize=(8, 8))
    for i in range(n):
        for j in range(i + 1, n):
            v = result.propensity[i, j]
            if v != 0:
                ax.plot(
                    [xy[i, 0], xy[j, 0]],
                    [xy[i, 1], xy[j, 1]],
                    color="green" if v > 0 else "red",
                    ls="-" if v > 0 else "--",
                    lw=0.3 + 4 * abs(v) / top,
                    alpha=0.5,
                    zorder=1,
                )
    for c in range(result.camps):
        members = np.flatnonzero(camp == c)
        if members.size:
            ax.scatter(
                xy[members, 0],
                xy[members, 1],
                s=60 + 1500 * result.sizes[members] / smax,
                color=colours[c % len(colours)],
                label=f"camp {c}",
                zorder=2,
                edgecolors=["black" if wrong[i] else "none" for i in members],
                linewidths=2.5,
            )
    for i in range(n):
        ax.annotate(result.names[i], xy[i], textcoords="offset points", xytext=(0, 8), ha="center")
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_title(f"{title}: camps in minimum {rank}")
    ax.legend(loc="best")
    f.tight_layout()
    written.append(save_matplotlib(f, directory / f"{stem}_network.png", dpi=120, bbox_inches=None))
    return written


def plot_war_evaluation(evaluation, chance, directory, stem="landscape_wars", models=None):
    """Share of participants placed right by the global minimum, per war and model.

    Dots per war and model; the chance level of a random split as a grey line: {stem}.html/.png in
    ``directory``.

    Parameters
    ----------
    evaluation : WarEvaluation
    chance : mapping
        n -> chance share right for n participants (``theory.landscape.chance_share_right``).
    directory : str or Path
    stem : str, default "landscape_wars"
    models : sequence of str, optional
        The models drawn (default all).

    Returns
    -------
    list of Path
        The paths written.
    """
    import matplotlib

    matplotlib.use("Agg")
    from pathlib import Path

    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    directory = Path(directory)
    frame = evaluation.per_war
    models = list(models or frame.model.unique())
    wars = frame.drop_duplicates("war")[["war", "start", "n"]].sort_values("start")
    labels = [f"{w} ({y}, n={n})" for w, y, n in zip(wars.war, wars.start, wars.n)]
    x = {w: i for i, w in enumerate(wars.war)}
    chance = [chance[int(n)] for n in wars.n]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=labels, y=chance, mode="lines", name="random split (chance)", line=dict(color="grey", dash="dot"))
    )
    f, ax = plt.subplots(figsize=(11, 5))
    ax.plot(range(len(labels)), chance, color="grey", ls=":", label="random split (chance)")
    for k, model in enumerate(models):
        g = frame[frame.model == model]
        xs = [x[w] + 0.08 * (k - len(models) / 2) for w in g.war]
        fig.add_trace(
            go.Scatter(
                x=[labels[x[w]] for w in g.war],
                y=g.share_right,
                mode="markers",
                name=model,
                text=[f"{r} of {s}" for r, s in zip(g.right, g.scored)],
            )
        )
        ax.scatter(xs, g.share_right, s=18, label=model)
    fig.update_layout(
        title="Sides of COW wars predicted by the landscape global minimum",
        xaxis_title="COW war (first year, participants)",
        yaxis_title="share placed on the actual side",
    )
    written = [save_plotly(fig, directory / f"{stem}.html")]
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=70, fontsize=7)
    ax.set_ylabel("share placed on the actual side")
    ax.set_ylim(0.45, 1.02)
    ax.set_title("Sides of COW wars predicted by the landscape global minimum")
    ax.legend(fontsize=7, ncol=2, loc="lower left")
    f.tight_layout()
    written.append(save_matplotlib(f, directory / f"{stem}.png", dpi=120, bbox_inches=None))
    return written
