"""Blocs (Louvain communities) and the Reynal-Querol polarisation over camps (re-exported by ``measures.network``).

The definitions are stated in the ``alliancelab.measures.network`` module docstring.
"""

import networkx as nx
import numpy as np
import pandas as pd


def alliance_blocs(graph, weight="level", seed=0, resolution=1.0):
    """Bloc of every node: {ccode: label}, label = ccode of the bloc's highest-CINC member.

    Louvain communities on the undirected ties (a directed graph is read as undirected),
    weighted by ``weight``; isolates form singleton blocs.

    Parameters
    ----------
    graph : networkx.Graph or networkx.DiGraph
        From ``alliance_network``.
    weight : str or None, default "level"
        Edge attribute used as weight (None for unweighted).
    seed : int, default 0
        Random state of the Louvain method (fixed, so results are reproducible).
    resolution : float, default 1.0
        Louvain resolution.

    Returns
    -------
    dict
        {ccode: bloc label}.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.Graph([(1, 2)]); graph.add_node(3)
    >>> sorted(alliance_blocs(graph, weight=None).items())
    [(1, 1), (2, 1), (3, 3)]

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008), "Fast unfolding of
    communities in large networks", J. Stat. Mech. P10008.
    """
    undirected = graph.to_undirected() if graph.is_directed() else graph
    communities = (
        nx.community.louvain_communities(undirected, weight=weight, seed=seed, resolution=resolution)
        if undirected.number_of_edges()
        else [{node} for node in undirected.nodes]
    )
    blocs = {}
    for members in communities:

        def strength(node):
            value = undirected.nodes[node].get("cinc", np.nan)
            return (-(value if np.isfinite(value) else -1.0), node)

        leader = min(members, key=strength)
        for node in members:
            blocs[node] = leader
    return blocs


def polarisation_index(blocs, weights):
    """Reynal-Querol polarisation over camps: P = 4 sum_b pi_b^2 (A - pi_b), A = sum_b pi_b.

    Camps are blocs with at least two members; pi_b = camp weight / total weight of all nodes with
    a finite weight. P = 1 for two camps each holding half; P = 0 with one camp or none.

    Parameters
    ----------
    blocs : dict
        {node: bloc label}.
    weights : dict
        {node: capability or 1}.

    Returns
    -------
    tuple of (float, int)
        (P, number of nodes left out for a missing weight).

    Examples
    --------
    >>> polarisation_index({1: 1, 2: 1, 3: 3, 4: 3}, {1: 1, 2: 1, 3: 1, 4: 1})
    (1.0, 0)

    References
    ----------
    Montalvo, J. G. and Reynal-Querol, M. (2005), "Ethnic polarization, potential conflict, and
    civil wars", AER 95(3): 796-816; Esteban, J. and Ray, D. (1994), Econometrica 62(4): 819-851.
    """
    frame = pd.DataFrame({"bloc": pd.Series(blocs)})
    frame["weight"] = pd.Series(weights, dtype=float).reindex(frame.index)
    missing = int(frame["weight"].isna().sum())
    frame = frame.dropna(subset=["weight"])
    total = frame["weight"].sum()
    sizes = pd.Series(blocs).value_counts()
    camps = sizes.index[sizes >= 2]
    if total <= 0 or len(camps) == 0:
        return 0.0, missing
    shares = frame.loc[frame["bloc"].isin(camps)].groupby("bloc")["weight"].sum() / total
    aligned = shares.sum()
    return float(4.0 * (shares**2 * (aligned - shares)).sum()), missing
