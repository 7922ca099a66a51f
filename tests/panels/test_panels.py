"""State-year and dyad-year panels and their add_* steps, checked against the real record."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.panels import add_atop, add_contiguity, add_nmc, dyad_years, state_years


def members_by_sql(con, year):
    return con.execute(
        "SELECT count(DISTINCT ccode) FROM states WHERE styear <= ? AND endyear >= ?", [year, year]
    ).fetchone()[0]


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
    # 1,912,290 for 1816-2016 (60 directed pairs never members on the same day are dropped);
    # peacesciencer's ~2.06 million extends 2016 membership to 2020.
    assert len(dyads) == 1_912_290
    assert len(dyad_years(coexist=False)) == 1_912_350
    assert str(f"{len(dyads):,}") in dyad_years.__doc__
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
    panel = (
        dyad_years(1914, 1914)
        .add_wars()
        .add_gml()
        .add_contiguity()
        .add_min_distance()
        .add_capital_distance()
        .add_majors()
        .add_rivalry()
    )
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


# --- regression tests for the data defects (real data) -----------------------------------------------
@pytest.mark.parametrize(
    "a,b,years,expected",
    [
        (255, 365, range(1939, 1942), 1),  # Germany-USSR: a 0 spell 1918-45 and a land border 1939-41
        (220, 255, range(1940, 1941), 1),  # France-Germany 1940 (1941-42 carry only the 0 period: none)
        (230, 435, range(1976, 1980), 5),  # Spain-Mauritania across Western Sahara waters 1976-79
    ],
)
def test_contiguity_zero_periods_never_hide_a_border(warehouse_path, a, b, years, expected):
    panel = dyad_years(min(years), max(years)).add_contiguity()
    for year in years:
        assert dyad(panel, a, b, year)["conttype"] == expected
        assert dyad(panel, b, a, year)["conttype"] == expected
    if a == 220:
        assert dyad(dyad_years(1941, 1941).add_contiguity(), 220, 255, 1941)["conttype"] == 0


def test_no_zero_contiguity_where_the_year_has_a_border_record(con, warehouse_path):
    records = con.execute("""SELECT ccode1, ccode2, y.year, min(conttype) AS closest FROM contiguity,
                               range(year(stdate), year(enddate) + 1) y(year)
                             WHERE conttype > 0 GROUP BY ALL""").df()
    panel = dyad_years(1816, 2016).add_contiguity()
    merged = panel.merge(records, on=["ccode1", "ccode2", "year"])
    assert len(merged) > 10_000 and (merged["conttype"].astype(int) == merged["closest"]).all()


def test_austria_hungary_has_polity(warehouse_path):
    states = state_years(1816, 1918).add_polity()
    auh = states[states["ccode"] == 300]
    assert len(auh) == 103 and auh["polity2"].notna().all()
    assert auh.set_index("year").loc[1900, "polity2"] == -4  # Polity IV, Austria 1900
    austria = state_years(1919, 1937).add_polity()
    assert austria.loc[austria["ccode"] == 305, "polity2"].notna().all()


def test_every_polity_row_lands_on_a_cow_member_or_a_listed_exception(con, warehouse_path):
    from alliancelab.data.sources import POLITY_WITHOUT_COW

    unmatched = con.execute("""SELECT DISTINCT ccode FROM polity WHERE cow_ccode IS NULL""").df()["ccode"]
    assert set(unmatched) <= set(POLITY_WITHOUT_COW)
    # polity rows of member years: each COW member-year 1816-2015 draws on at most one Polity row
    states = state_years(1816, 2015).add_polity()
    assert states["polity2"].notna().mean() > 0.9


def test_non_coexisting_dyads_removed_by_default(warehouse_path):
    dropped = dyad_years(1990, 1990)
    kept = dyad_years(1990, 1990, coexist=False)
    pair = (kept["ccode1"] == 255) & (kept["ccode2"] == 260)
    assert pair.sum() == 1  # kept on request
    assert not ((dropped["ccode1"] == 255) & (dropped["ccode2"] == 260)).any()
    assert len(kept) - len(dropped) > 0
    full = dyad_years(coexist=False)
    assert len(full) - len(dyad_years()) == 60
    assert (
        dyad_years(1990, 1990, directed=False, coexist=True)["ccode1"].size
        < dyad_years(1990, 1990, directed=False, coexist=False)["ccode1"].size
    )


def test_capital_distance_conventions(warehouse_path):
    from alliancelab.panels.adders import EQUATORIAL_RADIUS_KM, MEAN_RADIUS_KM, geodesic_km, haversine_km

    # Geoscience Australia's published Vincenty example: Flinders Peak to Buninyong, 54,972.271 m
    flinders = (-(37 + 57 / 60 + 3.72030 / 3600), 144 + 25 / 60 + 29.52440 / 3600)
    buninyong = (-(37 + 39 / 60 + 10.15610 / 3600), 143 + 55 / 60 + 35.38390 / 3600)
    assert geodesic_km(*flinders, *buninyong) * 1000 == pytest.approx(54972.271, abs=2e-3)
    # one degree of longitude on the equator is a * pi / 180 on the ellipsoid
    assert geodesic_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(EQUATORIAL_RADIUS_KM * np.pi / 180, rel=1e-12)
    panel = dyad_years(1914, 1914)
    geodesic = panel.add_capital_distance()["capdist"]
    peace = panel.add_capital_distance(method="peacesciencer")["capdist"]
    sphere = panel.add_capital_distance(method="sphere")["capdist"]
    ratio = (peace / sphere).dropna()
    assert np.allclose(ratio, EQUATORIAL_RADIUS_KM / MEAN_RADIUS_KM, rtol=1e-12)  # the 1.0011 factor
    assert ((geodesic / sphere).dropna().between(0.99, 1.01)).all()
    with pytest.raises(ParameterError, match="method"):
        panel.add_capital_distance(method="flat")
    # peacesciencer's haversine on the equatorial sphere, written out for Paris-Berlin
    caps = {220: (48.856614, 2.3522219), 255: (52.5200066, 13.404954)}
    p1, p2 = np.radians(caps[220][0]), np.radians(caps[255][0])
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(caps[255][1] - caps[220][1]) / 2) ** 2
    assert haversine_km(*caps[220], *caps[255], EQUATORIAL_RADIUS_KM) == 2 * 6378.137 * np.arcsin(np.sqrt(h))
