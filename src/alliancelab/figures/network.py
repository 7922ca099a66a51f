"""Plotly figures shared by the dashboard and the shareable yearly report.

Each function takes results already computed (a networkx graph and its blocs, a capability table)
and draws them; none recomputes anything.
"""

from pathlib import Path

import numpy as np

from alliancelab.errors import ParameterError

# Bloc colours (Okabe-Ito and Tableau hues, distinguishable in print); non-aligned states are grey.
BLOC_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#1f3a5f",
    "#9467bd",
)
NON_ALIGNED = "#c8ccd4"


def bloc_table(graph, blocs):
    """Camps (blocs with two or more members), largest CINC first: leader, members, CINC share.

    Parameters
    ----------
    graph : networkx.Graph
        ``measures.network.alliance_network`` output.
    blocs : dict
        ``measures.network.alliance_blocs`` output.

    Returns
    -------
    list of dict
        Keys leader (ccode), leader_abb, members (abbreviations), size, cinc (summed CINC of the
        members with data) and colour.
    """
    groups = {}
    for node, leader in blocs.items():
        groups.setdefault(leader, []).append(node)
    camps = []
    for leader, members in groups.items():
        if len(members) < 2:
            continue
        cinc = [graph.nodes[m].get("cinc", np.nan) for m in members]
        order = sorted(members, key=lambda m: -np.nan_to_num(graph.nodes[m].get("cinc", np.nan), nan=-1.0))
        camps.append(
            {
                "leader": int(leader),
                "leader_abb": graph.nodes[leader]["stateabb"],
                "members": " ".join(str(graph.nodes[m]["stateabb"]) for m in order),
                "size": len(members),
                "cinc": float(np.nansum(cinc)),
            }
        )
    camps.sort(key=lambda c: (-c["cinc"], c["leader"]))
    for i, camp in enumerate(camps):
        camp["colour"] = BLOC_COLOURS[i % len(BLOC_COLOURS)]
    return camps


def layout(graph, show_isolates=True, seed=0, width=12.0):
    """Node positions of an alliance network.

    Each connected group of allies is laid out by networkx's spring layout (fixed random state) at
    a scale growing with its size, groups placed left to right in rows of ``width``, largest first;
    states without ties (with ``show_isolates``) in a grid below.

    Parameters
    ----------
    graph : networkx.Graph
    show_isolates : bool, default True
    seed : int, default 0
        Random state of the spring layout.
    width : float, default 12.0

    Returns
    -------
    dict
        {node: (x, y)}.
    """
    import networkx as nx

    undirected = graph.to_undirected() if graph.is_directed() else graph
    groups = sorted((c for c in nx.connected_components(undirected) if len(c) > 1), key=lambda c: (-len(c), min(c)))
    position, x, y, row_height = {}, 0.0, 0.0, 0.0
    for group in groups:
        radius = 0.45 * np.sqrt(len(group))
        if x > 0 and x + 2 * radius > width:
            x, y, row_height = 0.0, y - row_height - 0.8, 0.0
        sub = undirected.subgraph(group)
        placed = nx.spring_layout(sub, seed=seed, weight="level", scale=radius, center=(x + radius, y - radius))
        position.update(placed)
        x += 2 * radius + 0.8
        row_height = max(row_height, 2 * radius)
    if show_isolates:
        isolates = sorted(n for n in undirected.nodes if undirected.degree(n) == 0)
        top = y - row_height - 1.0 if groups else 0.0
        columns = max(int(width / 0.9), 1)
        for i, node in enumerate(isolates):
            position[node] = np.array([0.45 + 0.9 * (i % columns), top - 0.9 * (i // columns)])
    return position


_TEMPLATE = {}


def _template():
    """The plotly_white template as plain JSON (read once)."""
    if not _TEMPLATE:
        import plotly.io as pio

        _TEMPLATE["white"] = pio.templates["plotly_white"].to_plotly_json()
    return _TEMPLATE["white"]


def network_figure(graph, blocs, title, show_isolates=True, seed=0, height=620, as_dict=False):
    """The alliance network of one year: states as dots sized by CINC, coloured by bloc; ties as lines.

    Layout: ``layout`` (the same graph always draws the same way). Non-aligned states (no tie) are
    grey and, with ``show_isolates``, in a grid below.

    Parameters
    ----------
    graph : networkx.Graph
    blocs : dict
        {ccode: bloc label}.
    title : str
    show_isolates : bool, default True
    seed : int, default 0
        Random state of the layout.
    height : int, default 620
    as_dict : bool, default False
        Return the plain figure specification (no validation by plotly's Python objects, several
        times faster; render with ``plotly.io.to_html(spec, validate=False)``).

    Returns
    -------
    plotly.graph_objects.Figure or dict
    """
    camps = bloc_table(graph, blocs)
    colour_of = {c["leader"]: c["colour"] for c in camps}
    position = layout(graph, show_isolates=show_isolates, seed=seed)
    edge_x, edge_y = [], []
    for a, b in graph.edges:
        if a in position and b in position:
            edge_x += [float(position[a][0]), float(position[b][0]), None]
            edge_y += [float(position[a][1]), float(position[b][1]), None]
    data = [
        {
            "type": "scatter",
            "x": edge_x,
            "y": edge_y,
            "mode": "lines",
            "line": {"width": 0.6, "color": "#9aa3b2"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    groups = [(c["leader"], f"bloc of {c['leader_abb']} ({c['size']})", c["colour"]) for c in camps]
    groups.append((None, "non-aligned", NON_ALIGNED))
    for leader, label, colour in groups:
        nodes = [
            n
            for n in position
            if (colour_of.get(blocs.get(n)) is None) == (leader is None) and (leader is None or blocs.get(n) == leader)
        ]
        if not nodes:
            continue
        cinc = np.array([graph.nodes[n].get("cinc", np.nan) for n in nodes], dtype=float)
        size = 7 + 60 * np.sqrt(np.nan_to_num(cinc, nan=0.0))
        hover = [
            f"{graph.nodes[n]['stateabb']} ({n}), {graph.nodes[n].get('region', '')}<br>"
            f"CINC {graph.nodes[n].get('cinc', np.nan):.4f}, {graph.degree(n)} ties"
            for n in nodes
        ]
        data.append(
            {
                "type": "scatter",
                "x": [float(position[n][0]) for n in nodes],
                "y": [float(position[n][1]) for n in nodes],
                "mode": "markers+text",
                "name": label,
                "text": [str(graph.nodes[n]["stateabb"]) for n in nodes],
                "textposition": "top center",
                "textfont": {"size": 9},
                "hovertext": hover,
                "hoverinfo": "text",
                "marker": {"size": [float(v) for v in size], "color": colour, "line": {"width": 0.5, "color": "#333"}},
            }
        )
    spec = {
        "data": data,
        "layout": {
            "title": {"text": title},
            "template": _template(),
            "height": height,
            "hovermode": "closest",
            "xaxis": {"visible": False},
            "yaxis": {"visible": False, "scaleanchor": "x"},
            "legend": {"orientation": "h", "y": -0.05},
            "margin": {"t": 50, "l": 10, "r": 10, "b": 10},
        },
    }
    if as_dict:
        return spec
    import plotly.graph_objects as go

    return go.Figure(spec)


def capability_figure(members, year, top=15):
    """Bar chart of the ``top`` states by CINC (major powers dark).

    Parameters
    ----------
    members : pandas.DataFrame
        As in ``YearlyReport``.
    year : int
    top : int, default 15

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    shown = members.dropna(subset=["cinc"]).head(top)
    fig = go.Figure(
        go.Bar(
            x=shown["stateabb"],
            y=shown["cinc"],
            marker_color=np.where(shown["major"] == 1, "#1f3a5f", "#9fb3cc"),
            hovertext=shown["name"],
        )
    )
    fig.update_layout(
        title=f"CINC of the {len(shown)} strongest states in {year} (dark: major powers; COW NMC)",
        yaxis_title="CINC (share of system capabilities)",
        template="plotly_white",
        height=340,
        margin={"t": 50, "b": 40},
    )
    return fig


def system_measures(system, stem, columns=("polarisation", "modularity"), title=None):
    """Plot system-year network measures over time: ``stem``.html (Plotly) and ``stem``.png.

    Parameters
    ----------
    system : pandas.DataFrame
        ``measures.network.network_measures(...).system``.
    stem : str or Path
        Output path without suffix.
    columns : sequence of str, default ("polarisation", "modularity")
    title : str, optional

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    missing = [c for c in ("year",) + tuple(columns) if c not in system.columns]
    if missing:
        raise ParameterError(f"argument system: missing column(s) {missing}")
    heading = title or (
        f"Alliance network, {int(system['year'].min())}-{int(system['year'].max())} "
        "(ATOP 5.1 ties, Louvain blocs, CINC shares)"
    )
    stem = Path(stem)
    figure = go.Figure()
    for column in columns:
        figure.add_trace(go.Scatter(x=system["year"], y=system[column], mode="lines", name=column))
    figure.update_layout(title=heading, xaxis_title="year", template="plotly_white")
    html = save_plotly(figure, stem)
    fig, axis = plt.subplots(figsize=(10, 4))
    for column in columns:
        axis.plot(system["year"], system[column], label=column, linewidth=1.3)
    axis.set_xlabel("year")
    axis.set_title(heading, fontsize=10)
    axis.legend(fontsize=8)
    fig.tight_layout()
    png = save_matplotlib(fig, stem, dpi=120, bbox_inches=None)
    return html, png
