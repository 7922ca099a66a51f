"""Alliance network: construction, blocs, polarisation index, per-state measures."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.measures import network as net


def _toy_data():
    members = pd.DataFrame({"year": [1900] * 5, "ccode": [2, 200, 220, 255, 300]})
    rows = pd.DataFrame(
        {
            # 200 -> 220 defense (one way); 220 <-> 255 neutrality (both ways); 255 -> 300 nonagg
            "ccode1": [200, 220, 255, 255],
            "ccode2": [220, 255, 220, 300],
            "year": [1900] * 4,
            "defense": [1, 0, 0, 0],
            "offense": [0, 0, 0, 0],
            "neutral": [0, 1, 1, 0],
            "nonagg": [0, 0, 0, 1],
            "consul": [0, 0, 0, 0],
            "level": [3, 2, 2, 1],
        }
    )
    cinc = pd.DataFrame({"year": [1900] * 5, "ccode": [2, 200, 220, 255, 300], "cinc": [0.3, 0.2, 0.2, 0.2, np.nan]})
    names = {2: "USA", 200: "UKG", 220: "FRN", 255: "GMY", 300: "AUH"}
    return net.NetworkData(members, rows, cinc, names, 1900, 1900)


def test_directed_network_keeps_pledge_direction():
    graph = net.alliance_network(1900, directed=True, data=_toy_data())
    assert isinstance(graph, nx.DiGraph) and graph.number_of_nodes() == 5
    assert graph.has_edge(200, 220) and not graph.has_edge(220, 200)
    assert graph.edges[200, 220]["defense"] == 1 and graph.edges[200, 220]["level"] == 3
    assert graph.nodes[2]["stateabb"] == "USA" and graph.nodes[2]["region"] == "Americas"


def test_undirected_collapse_either_and_mutual():
    either = net.alliance_network(1900, data=_toy_data())
    mutual = net.alliance_network(1900, collapse="mutual", data=_toy_data())
    assert set(map(frozenset, either.edges)) == {frozenset(e) for e in [(200, 220), (220, 255), (255, 300)]}
    assert set(map(frozenset, mutual.edges)) == {frozenset((220, 255))}
    assert either.edges[220, 255]["mutual"] and not either.edges[200, 220]["mutual"]
    defense = net.alliance_network(1900, obligation="defense", data=_toy_data())
    assert set(map(frozenset, defense.edges)) == {frozenset((200, 220))}
    with pytest.raises(ParameterError, match="obligation"):
        net.alliance_network(1900, obligation="friendship", data=_toy_data())


def test_polarisation_index_reference_points():
    nodes = {i: 1.0 for i in range(8)}
    two_equal = {0: "a", 1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "b", 7: "b"}
    assert net.polarisation_index(two_equal, nodes) == (pytest.approx(1.0), 0)
    one_camp = {i: "a" for i in range(8)}
    assert net.polarisation_index(one_camp, nodes)[0] == pytest.approx(0.0)
    no_camps = {i: i for i in range(8)}
    assert net.polarisation_index(no_camps, nodes)[0] == pytest.approx(0.0)
    three = {i: i % 3 for i in range(9)}
    assert net.polarisation_index(three, {i: 1.0 for i in range(9)})[0] == pytest.approx(8 / 9)
    # two camps of 40% each and 20% non-aligned: 4 * 2 * 0.4^2 * (0.8 - 0.4) = 0.512
    blocs = {0: "a", 1: "a", 2: "b", 3: "b", 4: 4}
    weights = {0: 0.2, 1: 0.2, 2: 0.2, 3: 0.2, 4: 0.2}
    assert net.polarisation_index(blocs, weights)[0] == pytest.approx(0.512)
    # a missing weight is left out and counted
    assert net.polarisation_index(two_equal, {**nodes, 7: np.nan})[1] == 1


def test_blocs_are_labelled_by_strongest_member_and_isolates_are_alone():
    graph = nx.Graph()
    for node, cinc in {1: 0.1, 2: 0.3, 3: 0.05, 4: 0.2, 5: 0.15, 6: 0.01, 7: 0.5}.items():
        graph.add_node(node, cinc=cinc)
    graph.add_edges_from(
        [
            (1, 2, {"level": 3}),
            (2, 3, {"level": 3}),
            (1, 3, {"level": 3}),
            (4, 5, {"level": 3}),
            (5, 6, {"level": 3}),
            (4, 6, {"level": 3}),
            (3, 4, {"level": 1}),
        ]
    )
    blocs = net.alliance_blocs(graph)
    assert blocs[1] == blocs[2] == blocs[3] == 2
    assert blocs[4] == blocs[5] == blocs[6] == 4
    assert blocs[7] == 7


@pytest.fixture(scope="module")
def data(warehouse_path):
    return net.load_network_data(1880, 1965, warehouse=warehouse_path)


def test_1914_blocs_split_entente_and_central_powers(data):
    graph = net.alliance_network(1914, data=data)
    blocs = net.alliance_blocs(graph)
    assert blocs[255] == blocs[300]  # Germany and Austria-Hungary
    assert blocs[220] == blocs[365]  # France and Russia
    assert blocs[255] != blocs[220]
    assert graph.has_edge(255, 300) and graph.edges[255, 300]["defense"] == 1


def test_state_and_system_measures(data):
    result = net.network_measures(1880, 1965, data=data)
    states, system = result.states, result.system
    assert set(system["year"]) == set(range(1880, 1966))
    # defense/offense ties are a subset of all ties
    assert (states["degree"] <= states["portfolio_size"]).all()
    # portfolio size counts partners with any obligation in either direction = degree in the
    # undirected "any" network
    any_states = net.network_measures(1913, 1914, obligation="any", data=data).states
    assert (any_states["portfolio_size"] == any_states["degree"]).all()
    assert states["betweenness"].between(0, 1).all()
    assert ((system["polarisation"] >= 0) & (system["polarisation"] <= 1)).all()
    by_year = system.set_index("year")
    # the Cold War alliance system is more polarised than Bismarck's 1880s
    assert by_year.loc[1960, "polarisation"] > by_year.loc[1880, "polarisation"]
    assert (by_year["missing_cinc"] == 0).all()
    usa_1960 = states.set_index(["ccode", "year"]).loc[(2, 1960)]
    assert usa_1960["portfolio_size"] > 30  # Rio Pact, NATO, SEATO, ANZUS, bilaterals


def test_directed_measures_have_in_and_out_degree(data):
    states = net.network_measures(1950, 1951, directed=True, betweenness=False, data=data).states
    assert {"in_degree", "out_degree"} <= set(states.columns)
    assert (states["degree"] == states["in_degree"] + states["out_degree"]).all()


def test_plot_system_writes_html_and_png(tmp_path):
    system = pd.DataFrame({"year": [1900, 1901, 1902], "polarisation": [0.1, 0.5, 0.2], "modularity": [0.3, 0.2, 0.4]})
    html, png = net.plot_system(system, tmp_path / "network")
    assert html.exists() and png.read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ParameterError, match="polarisation"):
        net.plot_system(system.drop(columns="polarisation"), tmp_path / "bad")


def test_the_old_connection_calls_warn_and_give_the_same_results(con, warehouse_path):
    """warehouse= names the data source; con= (positional or keyword) still works, with a DeprecationWarning."""
    new = net.load_network_data(1913, 1914, warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="load_network_data.*warehouse="):
        old = net.load_network_data(1913, 1914, con)
    assert old.obligations.equals(new.obligations) and old.cinc.equals(new.cinc) and old.sources == new.sources
    with pytest.warns(DeprecationWarning, match="alliance_network"):
        old_graph = net.alliance_network(1914, con=con)
    new_graph = net.alliance_network(1914, warehouse=warehouse_path)
    assert sorted(old_graph.edges) == sorted(new_graph.edges) and old_graph.number_of_edges() > 0
    with pytest.warns(DeprecationWarning, match="network_measures"):
        old_measures = net.network_measures(1914, 1914, betweenness=False, con=con)
    new_measures = net.network_measures(1914, 1914, betweenness=False, warehouse=warehouse_path)
    assert old_measures.system.equals(new_measures.system)
    with pytest.raises(ParameterError, match="not both"):
        net.load_network_data(1914, 1914, con=con, warehouse=warehouse_path)
