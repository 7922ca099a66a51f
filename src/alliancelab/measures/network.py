"""The alliance network per year: pledges or ties by obligation type, blocs, polarisation, centrality.

Nodes are the COW system members of the year (isolates included); ties come from ATOP 5.1 directed
dyad-years between members (see ``alliancelab.measures.portfolios`` for membership and coding).

- Directed network (``directed=True``): an edge i -> j when i pledges the chosen obligation to j.
- Undirected network (default): a tie {i, j} when either pledges it to the other
  (``collapse="either"``, the same "any obligation in either direction" rule as the portfolios) or
  only when both do (``collapse="mutual"``).
- ``obligation``: "any" (level >= 1), "defense", "offense", "neutral", "nonagg", "consul", or
  "defense_offense" (level 3). Edge attributes: the five obligations (0/1) and the ordinal
  ``level`` (3 defense/offense, 2 neutrality/consultation, 1 non-aggression only); undirected ties
  carry the maximum over the two directions and ``mutual``.

Blocs: Louvain community detection on the undirected ties weighted by ``level`` (Blondel, Guillaume,
Lambiotte & Lefebvre 2008, J. Stat. Mech. P10008; networkx implementation, fixed random state so results
are reproducible). A bloc is labelled by the ccode of its member with the highest CINC. States
without any tie are non-aligned: a singleton bloc each, and not a *camp*. Camps are blocs with at
least two members.

Polarisation (how far the system splits into opposed camps): the Reynal-Querol index over camps,

    P = 4 * sum_b pi_b^2 * (A - pi_b),   A = sum_b pi_b,

where pi_b is camp b's share of the system's capabilities (CINC; ``shares="count"`` uses the
share of states) and A the share held by all camps together. With every state in some camp
(A = 1) this is exactly Montalvo & Reynal-Querol's RQ = 4 sum pi_b^2 (1 - pi_b) (2005, "Ethnic
polarization, potential conflict, and civil wars", AER 95(3): 796-816; the discrete case of
Esteban & Ray 1994, Econometrica 62(4): 819-851). Non-aligned capability neither forms a camp nor
opposes one. P = 1 for two camps each holding half of the capabilities; P = 0 with one camp or
none; three equal camps covering everything give 8/9. States without CINC are left out of the
shares and counted in ``missing_cinc``. Newman's modularity of the bloc partition (Newman 2006,
PNAS 103(23): 8577-8582) is reported beside it.

Per state-year: degree (ties in the chosen network; in/out degree when directed), betweenness
centrality (normalised, unweighted: shortest paths count ties, not their strength), bloc, and the
alliance-portfolio size (number of partners with any obligation in either direction) and the sum
of those partners' CINC.
"""

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from alliancelab.data.source import warehouse_connection
from alliancelab.errors import ParameterError, check_choice
from alliancelab.measures._network_blocs import alliance_blocs, polarisation_index
from alliancelab.measures._network_data import NetworkData, _load_network_data, load_network_data
from alliancelab.measures.portfolios import (
    FIRST_YEAR,
    LAST_YEAR,
    OBLIGATIONS,
    check_years,
)
from alliancelab.measures.regions import REGION_NAMES, region_index

NETWORK_OBLIGATIONS = ("any", "defense_offense") + OBLIGATIONS
COLLAPSES = ("either", "mutual")
SHARES = ("cinc", "count")


def _selected(rows, obligation):
    if obligation == "any":
        return rows["level"].to_numpy() >= 1
    if obligation == "defense_offense":
        return rows["level"].to_numpy() == 3
    return rows[obligation].to_numpy() == 1


def alliance_network(year, directed=False, obligation="any", collapse="either", con=None, data=None, warehouse=None):
    """The alliance network of one year as a networkx DiGraph (directed) or Graph.

    Node attributes: stateabb, region, cinc (NaN if missing). Edge attributes: defense, offense,
    neutral, nonagg, consul (0/1), level (0-3); undirected ties also ``mutual``.

    Parameters
    ----------
    year : int
    directed : bool, default False
        An edge i -> j when i pledges the obligation to j; else undirected ties.
    obligation : str, default "any"
        "any" (level >= 1), "defense_offense" (level 3) or one of "defense", "offense", "neutral",
        "nonagg", "consul".
    collapse : {"either", "mutual"}, default "either"
        Undirected tie when either state pledges, or only when both do.
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open connection; pass ``warehouse`` instead.
    data : NetworkData, optional
        Data already loaded (covering ``year``).
    warehouse : str or Path, optional
        The warehouse read when ``data`` is None (default: the configured one).

    Returns
    -------
    networkx.Graph or networkx.DiGraph

    Examples
    --------
    >>> graph = alliance_network(1950, obligation="defense_offense")
    >>> graph.has_edge(2, 200)
    True
    """
    check_choice("obligation", obligation, NETWORK_OBLIGATIONS)
    check_choice("collapse", collapse, COLLAPSES)
    if data is None:
        data = _load_network_data(warehouse_connection(warehouse, con, "alliance_network"), year, year)
    if not data.start <= year <= data.end:
        raise ParameterError(f"argument year={year}: outside the loaded range {data.start}-{data.end}")
    codes = data.members.loc[data.members["year"] == year, "ccode"].to_numpy()
    cinc = data.cinc.loc[data.cinc["year"] == year].set_index("ccode")["cinc"]
    graph = (
        nx.DiGraph(year=year, obligation=obligation)
        if directed
        else nx.Graph(year=year, obligation=obligation, collapse=collapse)
    )
    regions = region_index(codes) if len(codes) else []
    for code, region in zip(codes, regions):
        graph.add_node(
            int(code),
            stateabb=data.names.get(int(code), str(code)),
            region=REGION_NAMES[region],
            cinc=float(cinc.get(code, np.nan)),
        )
    rows = data.obligations.loc[data.obligations["year"] == year]
    rows = rows.loc[_selected(rows, obligation)]
    columns = list(OBLIGATIONS) + ["level"]
    if directed:
        for row in rows.itertuples(index=False):
            graph.add_edge(int(row.ccode1), int(row.ccode2), **{c: int(getattr(row, c)) for c in columns})
        return graph
    pledges = {
        (int(r.ccode1), int(r.ccode2)): {c: int(getattr(r, c)) for c in columns} for r in rows.itertuples(index=False)
    }
    for (a, b), attributes in pledges.items():
        if a > b and (b, a) in pledges:
            continue  # handled from the (b, a) side
        back = pledges.get((b, a))
        if back is None and collapse == "mutual":
            continue
        merged = dict(attributes) if back is None else {c: max(attributes[c], back[c]) for c in columns}
        graph.add_edge(a, b, mutual=back is not None, **merged)
    return graph


def portfolio_sizes(year, data):
    """Number of partners with any obligation (either direction) and their summed CINC, per member.

    Parameters
    ----------
    year : int
    data : NetworkData
        Data covering ``year``.

    Returns
    -------
    pandas.DataFrame
        ccode, portfolio_size, portfolio_cinc.

    Examples
    --------
    >>> list(portfolio_sizes(1950, load_network_data(1950, 1950)).columns)
    ['ccode', 'portfolio_size', 'portfolio_cinc']
    """
    codes = data.members.loc[data.members["year"] == year, "ccode"].to_numpy()
    rows = data.obligations.loc[(data.obligations["year"] == year) & (data.obligations["level"] >= 1)]
    pairs = pd.concat([rows[["ccode1", "ccode2"]], rows[["ccode2", "ccode1"]].set_axis(["ccode1", "ccode2"], axis=1)])
    pairs = pairs.drop_duplicates()
    cinc = data.cinc.loc[data.cinc["year"] == year].set_index("ccode")["cinc"]
    pairs["partner_cinc"] = cinc.reindex(pairs["ccode2"]).to_numpy()
    grouped = pairs.groupby("ccode1")
    size = grouped.size().reindex(codes, fill_value=0)
    partner_cinc = grouped["partner_cinc"].sum(min_count=1).reindex(codes).fillna(0.0)
    return pd.DataFrame({"ccode": codes, "portfolio_size": size.to_numpy(), "portfolio_cinc": partner_cinc.to_numpy()})


@dataclass
class NetworkMeasures:
    """State-year and system-year network measures (``network_measures``).

    Attributes
    ----------
    states : pandas.DataFrame
        ccode, year, degree (and in_degree, out_degree when directed), betweenness, bloc,
        portfolio_size, portfolio_cinc.
    system : pandas.DataFrame
        year, n_states, n_ties, density, n_camps, largest_camp_share, modularity, polarisation,
        missing_cinc.

    Unpacking as ``states, system = network_measures(...)`` still works (the old tuple form).
    """

    states: pd.DataFrame
    system: pd.DataFrame

    def __iter__(self):
        return iter((self.states, self.system))


def network_measures(
    start=FIRST_YEAR,
    end=LAST_YEAR,
    directed=False,
    obligation="defense_offense",
    collapse="either",
    shares="cinc",
    seed=0,
    betweenness=True,
    con=None,
    data=None,
    progress=None,
    warehouse=None,
):
    """State-year and system-year network measures for start..end.

    The default network is the defense/offense ties (level 3): camps are the groups of states
    bound to fight for each other. With ``obligation="any"`` consultation and non-aggression
    pacts join camps too, and e.g. the 1970s-2010s networks merge rivals into one bloc.

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    directed, obligation, collapse
        As for ``alliance_network``.
    shares : {"cinc", "count"}, default "cinc"
        Camp shares for the polarisation: capabilities or number of states.
    seed : int, default 0
        Random state of the Louvain blocs.
    betweenness : bool, default True
        Compute betweenness centrality (the slow part).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open connection; pass ``warehouse`` instead.
    data : NetworkData, optional
        Data already loaded.
    progress : callable, optional
        ``progress(year)`` is called after each year.
    warehouse : str or Path, optional
        The warehouse read when ``data`` is None (default: the configured one).

    Returns
    -------
    NetworkMeasures
        states (ccode, year, degree, betweenness, bloc, portfolio_size, portfolio_cinc) and
        system (year, n_states, n_ties, density, n_camps, largest_camp_share, modularity,
        polarisation, missing_cinc); both carry ``attrs["sources"]``.

    Examples
    --------
    >>> result = network_measures(1950, 1950, betweenness=False)
    >>> result.system["year"].tolist()
    [1950]

    References
    ----------
    Montalvo, J. G. and Reynal-Querol, M. (2005), AER 95(3): 796-816; Newman, M. E. J. (2006),
    "Modularity and community structure in networks", PNAS 103(23): 8577-8582.
    """
    check_years(start, end)
    check_choice("shares", shares, SHARES)
    if data is None:
        data = _load_network_data(warehouse_connection(warehouse, con, "network_measures"), start, end)
    state_frames, system_rows = [], []
    for year in range(start, end + 1):
        graph = alliance_network(year, directed, obligation, collapse, data=data)
        blocs = alliance_blocs(graph, seed=seed)
        frame = pd.DataFrame({"ccode": list(graph.nodes)})
        frame["year"] = year
        if directed:
            frame["out_degree"] = [graph.out_degree(n) for n in frame["ccode"]]
            frame["in_degree"] = [graph.in_degree(n) for n in frame["ccode"]]
        frame["degree"] = [graph.degree(n) for n in frame["ccode"]]
        if betweenness:
            centrality = nx.betweenness_centrality(graph, normalized=True)
            frame["betweenness"] = frame["ccode"].map(centrality)
        frame["bloc"] = frame["ccode"].map(blocs)
        frame = frame.merge(portfolio_sizes(year, data), on="ccode", how="left")
        state_frames.append(frame)
        weights = (
            {n: graph.nodes[n]["cinc"] for n in graph.nodes} if shares == "cinc" else {n: 1.0 for n in graph.nodes}
        )
        polar, missing = polarisation_index(blocs, weights)
        counts = pd.Series(blocs).value_counts()
        camps = counts.index[counts >= 2]
        camp_weight = pd.Series(weights, dtype=float).groupby(pd.Series(blocs)).sum()
        total = np.nansum(list(weights.values()))
        undirected = graph.to_undirected() if directed else graph
        groups = {}
        for node, label in blocs.items():
            groups.setdefault(label, set()).add(node)
        partition = list(groups.values())
        modularity = (
            nx.community.modularity(undirected, partition, weight="level") if undirected.number_of_edges() else np.nan
        )
        system_rows.append(
            {
                "year": year,
                "n_states": graph.number_of_nodes(),
                "n_ties": graph.number_of_edges(),
                "density": nx.density(graph) if graph.number_of_nodes() > 1 else np.nan,
                "n_camps": int(len(camps)),
                "largest_camp_share": float(camp_weight.reindex(camps).max() / total)
                if len(camps) and total > 0
                else 0.0,
                "modularity": modularity,
                "polarisation": polar,
                "missing_cinc": missing,
            }
        )
        if progress is not None:
            progress(year)
    states, system = pd.concat(state_frames, ignore_index=True), pd.DataFrame(system_rows)
    states.attrs["sources"] = list(data.sources)
    system.attrs["sources"] = list(data.sources)
    return NetworkMeasures(states, system)


def plot_system(system, stem, columns=("polarisation", "modularity"), title=None):
    """System-year network measures over time, drawn by ``figures.network.system_measures``.

    Parameters
    ----------
    system : pandas.DataFrame
        ``network_measures(...).system``.
    stem : str or Path
        Output path without suffix.
    columns : sequence of str, default ("polarisation", "modularity")
    title : str, optional

    Returns
    -------
    tuple
        (html_path, png_path).
    """
    from alliancelab.figures.network import system_measures

    return system_measures(system, stem, columns, title)


__all__ = [
    "NETWORK_OBLIGATIONS",
    "COLLAPSES",
    "SHARES",
    "NetworkData",
    "load_network_data",
    "alliance_network",
    "alliance_blocs",
    "polarisation_index",
    "portfolio_sizes",
    "NetworkMeasures",
    "network_measures",
    "plot_system",
]
