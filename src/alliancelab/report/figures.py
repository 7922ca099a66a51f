"""Plotly figures shared by the dashboard and the shareable yearly report.

Each function takes results already computed (a networkx graph and its blocs, a capability table)
and draws them; none recomputes anything.
"""

import numpy as np

# Bloc colours (Okabe-Ito and Tableau hues, distinguishable in print); non-aligned states are grey.
BLOC_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c564b", "#7f7f7f",
                "#bcbd22", "#17becf", "#1f3a5f", "#9467bd")
NON_ALIGNED = "#c8ccd4"


def bloc_table(graph, blocs):
    """Camps (blocs with two or more members), largest CINC first: leader, members, CINC share.

    Returns a list of dicts with keys leader (ccode), leader_abb, members (abbreviations), size,
    cinc (summed CINC of the members with data) and colour.
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
        camps.append({"leader": int(leader), "leader_abb": graph.nodes[leader]["stateabb"],
                      "members": " ".join(str(graph.nodes[m]["stateabb"]) for m in order),
                      "size": len(members), "cinc": float(np.nansum(cinc))})
    camps.sort(key=lambda c: (-c["cinc"], c["leader"]))
    for i, camp in enumerate(camps):
        camp["colour"] = BLOC_COLOURS[i % len(BLOC_COLOURS)]
    return camps


def network_figure(graph, blocs, title, show_isolates=True, seed=0, height=620):
    """The alliance network of one year: states as dots sized by CINC, coloured by bloc; ties as lines.

    Layout: networkx's spring layout with a fixed seed (the same graph always draws the same way).
    Non-aligned states (no tie) are grey and, with ``show_isolates``, placed on an outer ring.
    """
    import networkx as nx
    import plotly.graph_objects as go

    camps = bloc_table(graph, blocs)
    colour_of = {c["leader"]: c["colour"] for c in camps}
    tied = [n for n in graph.nodes if graph.degree(n) > 0]
    isolates = [n for n in graph.nodes if graph.degree(n) == 0] if show_isolates else []
    position = nx.spring_layout(graph.subgraph(tied), seed=seed, weight="level", k=None) if tied else {}
    for i, node in enumerate(sorted(isolates)):
        angle = 2 * np.pi * i / max(len(isolates), 1)
        position[node] = np.array([1.35 * np.cos(angle), 1.35 * np.sin(angle)])
    edge_x, edge_y = [], []
    for a, b in graph.edges:
        if a in position and b in position:
            edge_x += [position[a][0], position[b][0], None]
            edge_y += [position[a][1], position[b][1], None]
    fig = go.Figure(go.Scatter(x=edge_x, y=edge_y, mode="lines", line={"width": 0.6, "color": "#9aa3b2"},
                               hoverinfo="skip", showlegend=False))
    groups = [(c["leader"], f"bloc of {c['leader_abb']} ({c['size']})", c["colour"]) for c in camps]
    groups.append((None, "non-aligned", NON_ALIGNED))
    for leader, label, colour in groups:
        nodes = [n for n in position if (colour_of.get(blocs.get(n)) is None) == (leader is None)
                 and (leader is None or blocs.get(n) == leader)]
        if not nodes:
            continue
        cinc = np.array([graph.nodes[n].get("cinc", np.nan) for n in nodes], dtype=float)
        size = 7 + 60 * np.sqrt(np.nan_to_num(cinc, nan=0.0))
        hover = [f"{graph.nodes[n]['stateabb']} ({n}), {graph.nodes[n].get('region', '')}<br>"
                 f"CINC {graph.nodes[n].get('cinc', np.nan):.4f}, {graph.degree(n)} ties" for n in nodes]
        fig.add_trace(go.Scatter(x=[position[n][0] for n in nodes], y=[position[n][1] for n in nodes],
                                 mode="markers+text", name=label, text=[graph.nodes[n]["stateabb"] for n in nodes],
                                 textposition="top center", textfont={"size": 9}, hovertext=hover,
                                 hoverinfo="text", marker={"size": size, "color": colour,
                                                           "line": {"width": 0.5, "color": "#333"}}))
    fig.update_layout(title=title, template="plotly_white", height=height, hovermode="closest",
                      xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"},
                      legend={"orientation": "h", "y": -0.05}, margin={"t": 50, "l": 10, "r": 10, "b": 10})
    return fig


def capability_figure(members, year, top=15):
    """Bar chart of the ``top`` states by CINC (major powers dark); ``members`` as in ``YearlyReport``."""
    import plotly.graph_objects as go

    shown = members.dropna(subset=["cinc"]).head(top)
    fig = go.Figure(go.Bar(x=shown["stateabb"], y=shown["cinc"],
                           marker_color=np.where(shown["major"] == 1, "#1f3a5f", "#9fb3cc"),
                           hovertext=shown["name"]))
    fig.update_layout(title=f"CINC of the {len(shown)} strongest states in {year} (dark: major powers; COW NMC)",
                      yaxis_title="CINC (share of system capabilities)", template="plotly_white",
                      height=340, margin={"t": 50, "b": 40})
    return fig
