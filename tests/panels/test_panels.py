"""State-year and dyad-year panels and their add_* steps, checked against the real record."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.panels import add_atop, add_contiguity, add_nmc, dyad_years, state_years


def members_by_sql(con, year):
    return con.execute("SELECT count(DISTINCT ccode) FROM states WHERE styear <= ? AND endyear >= ?",
                       [year, year]).fetchone()[0]


@pytest.mark.parametrize("year,hand_count", [(1816, 23), (1914, None), (1946, None), (2016, 195)])
def test_state_and_dyad_counts_follow_the_spells(con, warehouse_path, year, hand_count):
    states = state_years(year, year)
    expected = members_by_sql(con, year)
    assert len(states) == expected
    if hand_count:
        assert expected == hand_count  # COW: 23 members in 1816, 195 in 2016
    assert len(dyad_years(year, year)) == expected * (expected - 1)
    assert len(dyad_years(year, year, directed=False)) == expected * (expected - 1) // 2


def test_full_panel_size_and_code_changes(warehouse_path):
    dyads = dyad_years()
    # 1,912,350 for 1816-2016; peacesciencer's ~2.06 million extends 2016 membership to 2020.
    assert len(dyads) == 1_912_350
    states = state_years()
    germany = set(states.loc[states["ccode"] == 255, "year"])
    assert 1945 in germany and 1946 not in germany and 1990 in germany  # GMY 255 leaves and re-enters
    assert set(states.loc[states["ccode"] == 260, "year"]) == set(range(1955, 1991))
    assert not states.duplicated(["ccode", "year"]).any()


def dyad(panel, a, b, year):
    row = panel[(panel["ccode1"] == a) & (panel["ccode2"] == b) & (panel["year"] == year)]
    assert len(row) == 1
    return row.iloc[0]


def test_known_alliances(warehouse_path):
    panel = dyad_years(1879, 1960).add_atop()
    assert dyad(panel, 2, 200, 1950)["atop_defense"] == 1  # NATO
    for year in range(1880, 1890):  # Dual Alliance, 1879
        assert dyad(panel, 255, 300, year)["atop_defense"] == 1
    for year in range(1894, 1918):  # Franco-Russian alliance
        assert dyad(panel, 220, 365, year)["atop_defense"] == 1
    usa_ussr = dyad(panel, 2, 365, 1960)
    assert usa_ussr[["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]].sum() == 0


def test_asymmetric_pledges_stay_directed(warehouse_path):
    panel = dyad_years(1832, 1832).add_atop()
    assert dyad(panel, 220, 211, 1832)["atop_defense"] == 1  # France guarantees Belgium
    assert dyad(panel, 211, 220, 1832)["atop_defense"] == 0
    either = dyad_years(1832, 1832).add_atop(collapse="either")
    assert dyad(either, 211, 220, 1832)["atop_defense"] == 1
    undirected = dyad_years(1832, 1832, directed=False).add_atop()
    assert dyad(undirected, 211, 220, 1832)["atop_defense"] == 1


def test_chain_and_functional_form_agree_and_repeat(warehouse_path):
    chained = dyad_years(1946, 1950).add_atop().add_nmc().add_contiguity()
    functional = add_contiguity(add_nmc(add_atop(dyad_years(1946, 1950))))
    pd.testing.assert_frame_equal(pd.DataFrame(chained), pd.DataFrame(functional))
    again = dyad_years(1946, 1950).add_atop().add_nmc().add_contiguity()
    pd.testing.assert_frame_equal(pd.DataFrame(chained), pd.DataFrame(again))
    assert any("ATOP 5.1" in s for s in chained.attrs["sources"])
    assert chained.to_polars().height == len(chained) and chained.to_arrow().num_rows == len(chained)


def test_coverage_outside_is_missing_not_zero(warehouse_path):
    late = dyad_years(2012, 2012).add_gml().add_wars().add_rivalry().add_polity().add_peace_years()
    for column in ("mid_onset", "war_ongoing", "td_rivalry", "gml_peace_years"):
        assert late[column].isna().all(), column
    assert dyad_years(2016, 2016).add_polity()["polity2_1"].isna().all()  # Polity IV ends in 2015
    early = dyad_years(1850, 1850).add_min_distance().add_trade()
    assert early["mindist"].isna().all() and early["imports1"].isna().all()
    inside = dyad_years(1950, 1950).add_gml()
    assert inside["mid_onset"].notna().all() and (inside["mid_onset"] == 0).mean() > 0.95


def test_conflict_contiguity_distance_and_status(warehouse_path):
    panel = (dyad_years(1914, 1914).add_wars().add_gml().add_contiguity().add_min_distance()
             .add_capital_distance().add_majors().add_rivalry())
    assert dyad(panel, 255, 220, 1914)["war_ongoing"] == 1  # World War I
    assert dyad(panel, 255, 220, 1914)["warnum"] == 106
    assert dyad(panel, 255, 220, 1914)["conttype"] == 1  # land border
    assert dyad(panel, 255, 220, 1914)["mindist"] == 0
    assert dyad(panel, 2, 200, 1914)["conttype"] == 0
    paris_berlin = dyad(panel, 220, 255, 1914)["capdist"]
    assert paris_berlin == pytest.approx(878, abs=10)  # great-circle Paris-Berlin
    assert dyad(panel, 2, 255, 1914)["major1"] == 1 and dyad(panel, 90, 2, 1914)["major1"] == 0
    assert dyad(panel, 220, 255, 1914)["td_rivalry"] == 1


def test_peace_years_count_from_last_dispute(warehouse_path):
    panel = dyad_years(1946, 1990).add_gml().add_peace_years()
    usa_ussr = panel[(panel["ccode1"] == 2) & (panel["ccode2"] == 365)].set_index("year")
    onsets = usa_ussr.index[usa_ussr["mid_onset"] == 1]
    assert len(onsets) > 0
    assert (usa_ussr.loc[onsets, "gml_peace_years"] == 0).all()
    gaps = usa_ussr["gml_peace_years"].diff().dropna()
    assert set(gaps.unique()) <= {1} | set(-usa_ussr["gml_peace_years"].shift(1).dropna().unique())


def test_state_panel_steps(warehouse_path):
    panel = state_years(1950, 1950).add_nmc().add_majors().add_polity().add_alliance_counts()
    usa = panel[panel["ccode"] == 2].iloc[0]
    assert usa["major"] == 1 and usa["polity2"] == 10 and usa["atop_alliances"] >= 2
    assert usa["cinc"] == pytest.approx(0.284443, abs=1e-6)


def test_bad_arguments(warehouse_path):
    with pytest.raises(ParameterError, match="start=1700"):
        dyad_years(1700, 1800)
    with pytest.raises(ParameterError, match="start <= end"):
        state_years(1900, 1850)
    with pytest.raises(ParameterError, match="collapse"):
        dyad_years(1900, 1900).add_atop(collapse="sideways")
    with pytest.raises(ParameterError, match="dyad-year panel"):
        state_years(1900, 1900).add_contiguity()
    with pytest.raises(ParameterError, match="columns"):
        state_years(1900, 1900).add_nmc(columns=("gdp",))


def test_polity_transition_year_uses_successor(warehouse_path):
    panel = state_years(1922, 1922).add_polity()
    assert np.isfinite(panel.loc[panel["ccode"] == 365, "polity2"].iloc[0])
