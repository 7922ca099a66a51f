"""The simulation page body: the run's parameters, its time series and its final map."""

import urllib.parse

import numpy as np
import pandas as pd

from alliancelab.errors import (
    check_range,
)
from alliancelab.sim.strategies import parse_mix
from alliancelab.web import pages
from alliancelab.web.app._serving import WEB_MAX_STATES, WEB_MAX_STEPS


def simulation_params(query):
    """Simulation parameters from the simulation page's form values.

    The web limits on size (``WEB_MAX_STATES``, ``WEB_MAX_STEPS``) are checked first.

    Parameters
    ----------
    query : dict
        The page's form values (the keys of ``SIM_DEFAULTS``).

    Returns
    -------
    alliancelab.sim.model.SimParams

    Raises
    ------
    ParameterError
        Naming the value out of range.
    """
    from alliancelab.sim.model import SimParams

    check_range("n_states", query["n_states"], 2, WEB_MAX_STATES)
    check_range("n_steps", query["n_steps"], 1, WEB_MAX_STEPS)
    check_range("seed", query["seed"], 0, None)
    return SimParams.from_dict(
        {
            "n_states": query["n_states"],
            "n_steps": query["n_steps"],
            "strategy_mix": parse_mix(query["strategy"]),
            "geography": query["geography"],
            "start_year": query["start_year"],
            "n_great_powers": query["n_great_powers"],
        }
    )


def simulation_body(query, warehouse):
    """Body of the simulation page: one run, its outcome, its series over time and its final map.

    Parameters
    ----------
    query : dict
        The page's form values (the keys of ``SIM_DEFAULTS``).
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from alliancelab.sim import runs

    params = simulation_params(query)
    result = runs.run(params, query["seed"], warehouse=warehouse)
    series = result.series
    fig = make_subplots(
        rows=2,
        cols=2,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=("surviving states", "alliances", "wars per turn", "concentration (Ray-Singer CON)"),
    )
    for (r, c), column in zip(((1, 1), (1, 2), (2, 1), (2, 2)), ("n_alive", "n_alliances", "n_wars", "concentration")):
        fig.add_trace(
            go.Scatter(x=series["step"], y=series[column], mode="lines", name=column, showlegend=False), row=r, col=c
        )
    fig.update_xaxes(title_text="turn", row=2)
    fig.update_layout(height=560, template="plotly_white", margin={"t": 60})
    summary = pd.DataFrame(
        {
            "outcome": list(result.summary),
            "value": [
                "" if v is None else (f"{v:.4f}" if isinstance(v, float) else str(v)) for v in result.summary.values()
            ],
        }
    )
    replay_query = urllib.parse.urlencode(query)
    command = (
        f"alliancelab simulate run --states {params.n_states} --steps {params.n_steps} "
        f"--strategy '{query['strategy']}' --map {params.geography} --year {params.start_year} "
        f"--great-powers {params.n_great_powers} --seed {result.seed[0]}"
    )
    parts = [
        pages.heading("Parameters and seed (the run is a pure function of these)"),
        pages.Markup(
            f'<p>seed <strong id="seed">{result.seed[0]}</strong>, model version '
            f"{pages.escape(_model_version())}; replay: "
            f"{pages.link('/simulation?' + replay_query, 'this page')} or "
            f"<code>{pages.escape(command)}</code></p>"
        ),
        pages.Markup(
            f'<details><summary>all parameters (JSON)</summary><pre id="params">'
            f"{pages.escape(params.to_json())}</pre></details>"
        ),
        pages.heading("Outcome"),
        pages.table(summary),
        pages.heading("Over time"),
        pages.figure(fig, "simulation-series"),
        pages.heading(f"Final map (turn {result.steps_run})"),
        pages.figure(final_map(result), "simulation-map"),
    ]
    if result.citations:
        parts.append(pages.Markup("<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in result.citations) + "</ul>"))
    return pages.Markup("").join(parts), True


def _model_version():
    from alliancelab.sim.model import MODEL_VERSION

    return MODEL_VERSION


def final_map(result):
    """Who owns each original province at the end of a run.

    A Voronoi map of the capitals for synthetic maps (the raster of ``figures.simulation``), the capitals
    themselves for historical maps.

    Parameters
    ----------
    result : alliancelab.sim.runs.RunResult
        A finished run (with its snapshots).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    from alliancelab.figures import simulation as plots

    owner = result.snapshots[-1]
    labels = result.states["label"].astype(str).to_numpy()
    n = len(owner)
    colour = np.arange(n) % len(plots.PALETTE)
    survivors = np.unique(owner)
    coords = result.coords
    hover = [f"{labels[q]} held by {labels[owner[q]]}" for q in range(n)]
    fig = go.Figure()
    if "lon" in coords:
        fig.add_trace(
            go.Scatter(
                x=coords["lon"],
                y=coords["lat"],
                mode="markers+text",
                text=list(labels),
                textposition="top center",
                hovertext=hover,
                hoverinfo="text",
                marker={"size": 11, "color": list(plots.PALETTE[colour[owner]])},
            )
        )
        fig.update_layout(xaxis_title="longitude", yaxis_title="latitude")
    else:
        gx, gy, nearest = plots.raster(coords, owner)
        scale = [[i / (len(plots.PALETTE) - 1), c] for i, c in enumerate(plots.PALETTE)]
        fig.add_trace(
            go.Heatmap(
                z=colour[owner[nearest]],
                x=gx,
                y=gy,
                colorscale=scale,
                zmin=0,
                zmax=len(plots.PALETTE) - 1,
                showscale=False,
                customdata=owner[nearest],
                hovertemplate="held by state %{customdata}<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=coords["x"].to_numpy()[survivors],
                y=coords["y"].to_numpy()[survivors],
                mode="markers",
                marker={"size": 6, "color": "black"},
                hovertext=[f"capital of {labels[q]}" for q in survivors],
                hoverinfo="text",
            )
        )
        fig.update_xaxes(showticklabels=False)
        fig.update_yaxes(showticklabels=False, scaleanchor="x")
    fig.update_layout(
        title=f"{len(survivors)} of {n} states left after {result.steps_run} turns "
        f"(colour = owner; black dots: surviving capitals)",
        showlegend=False,
        template="plotly_white",
        height=560,
    )
    return fig
