"""The landscape and detente feature groups: the same numbers as the theory modules, from data up to t."""

import itertools

import numpy as np
import pytest

from alliancelab.panels.lookup import Lookup
from alliancelab.predict.detente import causal_detente, load_signals
from alliancelab.predict.landscape import landscape_components, load_tables, propensity
from alliancelab.theory.landscape_data import COMPONENTS, build_system


@pytest.mark.parametrize("year", [1914, 1985])
def test_landscape_components_equal_the_landscape_module_on_whole_systems(warehouse_path, year):
    con = Lookup.get(warehouse_path).con
    states = con.execute(
        "SELECT DISTINCT s.ccode FROM states s JOIN nmc n ON n.ccode = s.ccode AND n.year = ? "
        "WHERE s.styear <= ? AND s.endyear >= ? AND n.cinc > 0 ORDER BY 1",
        [year, year, year],
    ).df()["ccode"]
    system = build_system(states.tolist(), year, warehouse=warehouse_path)
    pairs = list(itertools.combinations(system.codes, 2))
    c1, c2 = np.array([a for a, _ in pairs]), np.array([b for _, b in pairs])
    # the tables run to 2016: rows after the year must not matter
    components = landscape_components(load_tables(2016, warehouse=warehouse_path), c1, c2, np.full(len(pairs), year))
    where = {c: i for i, c in enumerate(system.codes)}
    i, j = np.array([where[a] for a in c1]), np.array([where[b] for b in c2])
    for name in COMPONENTS:
        np.testing.assert_allclose(components[name], system.components[name][i, j], rtol=0, atol=1e-12, err_msg=name)
    np.testing.assert_allclose(propensity(components), system.propensity()[i, j], rtol=0, atol=1e-12)
    assert len(pairs) > 900


def test_causal_detente_recognises_the_us_soviet_detente_in_its_third_year(warehouse_path):
    table = causal_detente(load_signals(warehouse_path))
    usa_ussr = table[(table["ccode1"] == 2) & (table["ccode2"] == 365)].set_index("year")
    # tension falls from 1969 on; the detente is recognised once it has lasted min_years = 3 years
    assert usa_ussr.loc[1969:1977, "falling"].all()
    assert usa_ussr.loc[1971:1977, "detente_now"].eq(1).all()
    assert usa_ussr.loc[[1968, 1969, 1970, 1978], "detente_now"].eq(0).all()
    # every recognised detente year closes a run of at least three falling years
    assert (table.loc[table["detente_now"] == 1, "falling_years"] >= 3).all()


def test_causal_detente_of_year_t_reads_years_up_to_t_only(warehouse_path):
    signals = load_signals(warehouse_path)
    full = causal_detente(signals)
    cut = causal_detente(signals, end=1975)
    merged = cut.merge(full, on=["ccode1", "ccode2", "year"], suffixes=("_cut", "_full"))
    assert len(merged) == len(cut) > 1000
    for column in ("tension", "falling_years", "detente_now"):
        np.testing.assert_array_equal(merged[f"{column}_cut"], merged[f"{column}_full"])
