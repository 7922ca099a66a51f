"""Figures of simulations: small-multiple maps of one run over time, survival curves, and the
mean number of living states over time. Each figure is written as Plotly HTML and as a matplotlib
PNG (Agg backend), both atomically (``alliancelab.plotting.save_figures``)."""

import numpy as np

from alliancelab.plotting import save_figures

PALETTE = np.array(
    [
        "#1f77b4",
        "#ff7f0e",
        "#2ca02c",
        "#d62728",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#7f7f7f",
        "#bcbd22",
        "#17becf",
        "#393b79",
        "#637939",
        "#8c6d31",
        "#843c39",
        "#7b4173",
        "#3182bd",
        "#e6550d",
        "#31a354",
        "#756bb1",
        "#636363",
    ]
)


def raster(coords, owners, size=120):
    """Nearest province for every pixel of the map (a Voronoi map; colour it by the owners).

    Parameters
    ----------
    coords : pandas.DataFrame
        Province coordinates, columns ``x`` and ``y``.
    owners : array of int
        Owner of each province (the caller colours the pixels with it).
    size : int, default 120
        Pixels per side.

    Returns
    -------
    tuple
        (grid x, grid y, index of the nearest province per pixel, shape (size, size)).

    Examples
    --------
    >>> import pandas as pd
    >>> gx, gy, nearest = raster(pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]}), [7, 9], size=4)
    >>> nearest.shape
    (4, 4)
    """
    from scipy.spatial import cKDTree

    x, y = coords["x"].to_numpy(), coords["y"].to_numpy()
    pad = 0.5
    gx = np.linspace(x.min() - pad, x.max() + pad, size)
    gy = np.linspace(y.min() - pad, y.max() + pad, size)
    xx, yy = np.meshgrid(gx, gy)
    _, nearest = cKDTree(np.column_stack([x, y])).query(np.column_stack([xx.ravel(), yy.ravel()]))
    return gx, gy, nearest.reshape(xx.shape)


def map_small_multiples(result, stem, panels=6):
    """Who owns which province at up to ``panels`` moments of one run.

    Parameters
    ----------
    result : simulation run result
        With the province coordinates and the owner history.
    stem : str or Path
        Output path without suffix.
    panels : int, default 6

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    steps = result.snapshot_steps
    pick = np.unique(np.linspace(0, len(steps) - 1, min(panels, len(steps))).round().astype(int))
    coords = result.coords
    historical = "lon" in coords
    n = result.snapshots.shape[1]
    colour_index = np.arange(n) % len(PALETTE)
    cols = min(3, len(pick))
    rows = int(np.ceil(len(pick) / cols))
    titles = [f"turn {steps[k]}: {len(np.unique(result.snapshots[k]))} states" for k in pick]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles)
    mfig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.6 * rows), squeeze=False)
    if historical:
        # keep the core of the map readable: far-away capitals (Portugal's was Rio de Janeiro
        # until 1821) are drawn on the frame's edge with an 'x'
        lon, lat = coords["lon"].to_numpy(), coords["lat"].to_numpy()
        box = []
        for v in (lon, lat):
            lo, hi = np.percentile(v, [10, 90])
            pad = 0.6 * (hi - lo) + 1.0
            box.append((lo - pad, hi + pad))
        plon, plat = np.clip(lon, *box[0]), np.clip(lat, *box[1])
        far = (plon != lon) | (plat != lat)
    else:
        gx, gy, nearest = raster(coords, result.snapshots[0])
    for panel, k in enumerate(pick):
        owner = result.snapshots[k]
        r, c = divmod(panel, cols)
        ax = axes[r][c]
        if historical:
            colours = PALETTE[colour_index[owner]]
            labels = [f"{result.states['label'][q]} held by {result.states['label'][owner[q]]}" for q in range(n)]
            symbols = ["x" if f else "circle" for f in far]
            fig.add_trace(
                go.Scatter(
                    x=plon,
                    y=plat,
                    mode="markers+text",
                    marker=dict(color=list(colours), size=11, symbol=symbols),
                    text=list(result.states["label"]),
                    textposition="top center",
                    hovertext=labels,
                    hoverinfo="text",
                    showlegend=False,
                ),
                row=r + 1,
                col=c + 1,
            )
            ax.scatter(plon[~far], plat[~far], c=list(colours[~far]), s=60)
            ax.scatter(plon[far], plat[far], c=list(colours[far]), s=60, marker="x")
            for q in range(n):
                ax.annotate(result.states["label"][q], (plon[q], plat[q]), fontsize=6)
        else:
            img = colour_index[owner[nearest]]
            fig.add_trace(
                go.Heatmap(
                    z=img,
                    x=gx,
                    y=gy,
                    colorscale=[[i / (len(PALETTE) - 1), col] for i, col in enumerate(PALETTE)],
                    zmin=0,
                    zmax=len(PALETTE) - 1,
                    showscale=False,
                    text=owner[nearest].astype(str),
                    hoverinfo="text",
                ),
                row=r + 1,
                col=c + 1,
            )
            from matplotlib.colors import ListedColormap

            ax.imshow(
                img,
                origin="lower",
                cmap=ListedColormap(list(PALETTE)),
                vmin=0,
                vmax=len(PALETTE) - 1,
                extent=(gx[0], gx[-1], gy[0], gy[-1]),
                interpolation="nearest",
            )
            alive = np.unique(owner)
            ax.scatter(coords["x"].to_numpy()[alive], coords["y"].to_numpy()[alive], s=6, c="black")
        ax.set_title(titles[panel], fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    for panel in range(len(pick), rows * cols):
        axes[panel // cols][panel % cols].axis("off")
    summary = result.summary
    title = (
        f"{summary['n_states']} states, {result.params.geography} map, strategies "
        f"{result.params.strategy_mix}; seed {result.seed[0]}"
    )
    fig.update_layout(title=title, height=330 * rows, width=360 * cols)
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(showticklabels=False)
    mfig.suptitle(title, fontsize=10)
    return save_figures(fig, mfig, stem)


def _lines_by_condition(frame, x, y, stem, title, ytitle, step=False, ylim=None):
    """One line per condition of a long table (condition, x, y): Plotly HTML + matplotlib PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    fig = go.Figure()
    mfig, ax = plt.subplots(figsize=(7, 4.5))
    for label, sub in frame.groupby("condition", sort=False):
        fig.add_trace(go.Scatter(x=sub[x], y=sub[y], mode="lines", name=label, line_shape="hv" if step else "linear"))
        if step:
            ax.step(sub[x], sub[y], where="post", label=label)
        else:
            ax.plot(sub[x], sub[y], label=label)
    fig.update_layout(title=title, xaxis_title="turn", yaxis_title=ytitle)
    if ylim is not None:
        fig.update_layout(yaxis_range=list(ylim))
        ax.set_ylim(*ylim)
    ax.set_xlabel("turn")
    ax.set_ylabel(ytitle)
    ax.set_title(title)
    ax.legend(fontsize=7)
    return save_figures(fig, mfig, stem)


def survival_curves(survival, stem, title="State survival (Kaplan-Meier)"):
    """Survival curves from ``ExperimentResult.survival`` (condition, time, survival).

    Parameters
    ----------
    survival : pandas.DataFrame
    stem : str or Path
        Output path without suffix.
    title : str, optional

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    return _lines_by_condition(
        survival, "time", "survival", stem, title, "share of states surviving", step=True, ylim=(0, 1.02)
    )


def alive_over_time(alive, stem, title="Mean number of living states"):
    """Mean living states by turn and condition (``ExperimentResult.alive``).

    Parameters
    ----------
    alive : pandas.DataFrame
    stem : str or Path
        Output path without suffix.
    title : str, optional

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    return _lines_by_condition(alive, "step", "n_alive", stem, title, "living states")


def throughput_by_n(frame, stem, title="Simulation throughput by number of states"):
    """State-steps per second (log) against the number of states (log), one line per engine.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``engine``, ``n``, ``rate`` (state-steps per second).
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

    fig = go.Figure()
    mfig, ax = plt.subplots(figsize=(7, 4.2))
    for k, (engine, sub) in enumerate(frame.groupby("engine", sort=False)):
        sub = sub.sort_values("n")
        fig.add_trace(
            go.Scatter(x=sub["n"], y=sub["rate"], mode="lines+markers", name=engine, line={"color": PALETTE[k]})
        )
        ax.plot(sub["n"], sub["rate"], marker="o", color=PALETTE[k], label=engine)
    fig.update_layout(
        title=title,
        xaxis={"title": "states (n)", "type": "log"},
        yaxis={"title": "state-steps per second (one core)", "type": "log"},
        template="plotly_white",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("states (n)")
    ax.set_ylabel("state-steps per second (one core)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    return save_figures(fig, mfig, stem)
