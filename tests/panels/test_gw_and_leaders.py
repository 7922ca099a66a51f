"""The Gleditsch-Ward system, G-W <-> COW translation, and leader-years from Archigos / LEAD."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.panels import dyad_years, state_years
from alliancelab.panels.gw import add_gwcode, cow_to_gw, gw_to_cow
from alliancelab.panels.leaders import add_lead, leader_dyad_years, leader_years


def gw_counts_by_sql(con, start, end):
    """Members per year from the G-W spells, computed in SQL independently of the panel code."""
    return dict(
        con.execute(
            """
        SELECT y.year, count(DISTINCT g.gwcode) FROM gw_states g, range(?, ? + 1) y(year)
        WHERE y.year BETWEEN year(g.startdate) AND year(g.enddate) GROUP BY y.year""",
            [start, end],
        ).fetchall()
    )


def test_gw_panel_row_counts_follow_the_spells(con, warehouse_path):
    counts = gw_counts_by_sql(con, 1816, 2017)
    states = state_years(1816, 2017, system="gw")
    assert len(states) == sum(counts.values())
    assert states.groupby("year").size().to_dict() == counts
    assert not states.duplicated(["gwcode", "year"]).any()
    directed = dyad_years(1816, 2017, system="gw")
    assert len(directed) == sum(n * (n - 1) for n in counts.values())
    undirected = dyad_years(1816, 2017, directed=False, system="gw")
    assert len(undirected) == sum(n * (n - 1) // 2 for n in counts.values())
    assert (undirected["gwcode1"] < undirected["gwcode2"]).all()
    assert counts[2017] > counts[1816]


def test_gw_codes_differ_from_cow_where_they_should(warehouse_path):
    states = state_years(1816, 2016, system="gw")
    germany = states[states.gwcode == 260].set_index("year")["ccode"]
    assert germany[1989] == 260 and germany[1990] == 255 and germany[2000] == 255  # successor rule
    assert pd.isna(germany[1950])  # G-W counts West Germany from 1949, COW from 1955
    yemen = states[states.gwcode == 678].set_index("year")["ccode"]
    assert pd.isna(yemen[1920]) and yemen[1970] == 678  # G-W from 1918, COW from 1926
    assert yemen[1990] == 679 and yemen[2000] == 679
    assert states.loc[states.gwcode == 564, "ccode"].isna().all()  # Orange Free State: G-W only
    canada = states[states.gwcode == 20].set_index("year")["ccode"]
    assert pd.isna(canada[1900]) and canada[1921] == 20


def test_translation_both_ways(warehouse_path):
    assert list(gw_to_cow([260, 260, 260, 678, 20, 20], [1989, 1990, 1991, 1991, 1900, 1921])) == [
        260,
        255,
        255,
        679,
        pd.NA,
        20,
    ]
    assert list(cow_to_gw([255, 679, 260, 221, 2], [1991, 1991, 1989, 2000, 1816])) == [260, 678, 260, pd.NA, 2]
    # every G-W state-year with a COW code maps back to itself
    states = state_years(1816, 2016, system="gw")
    known = states["ccode"].notna()
    back = cow_to_gw(states.loc[known, "ccode"].astype(int), states.loc[known, "year"])
    assert (np.asarray(back, dtype=np.int64) == states.loc[known, "gwcode"].to_numpy()).all()
    cow = add_gwcode(state_years(2000, 2000))
    assert cow.loc[cow.ccode == 221, "gwcode"].isna().all()  # Monaco: COW only (G-W has no micro-states)
    assert (cow.loc[cow.ccode == 2, "gwcode"] == 2).all()


def test_cow_steps_run_through_the_crosswalk(warehouse_path):
    gw = state_years(1990, 1991, system="gw").add_nmc(columns=("cinc",)).add_democracy()
    cow = state_years(1990, 1991).add_nmc(columns=("cinc",))
    merged = gw.dropna(subset=["ccode"]).merge(cow, left_on=["ccode", "year"], right_on=["ccode", "year"])
    assert len(merged) == gw["ccode"].notna().sum()
    assert np.allclose(merged["cinc_x"], merged["cinc_y"], equal_nan=True)
    assert gw.loc[gw["ccode"].isna(), "cinc"].isna().all()
    assert any("Gleditsch" in s for s in gw.sources) and any("NMC" in s for s in gw.sources)
    dyads = dyad_years(2000, 2000, system="gw").add_contiguity()
    assert dyads.loc[(dyads.gwcode1 == 2) & (dyads.gwcode2 == 20), "conttype"].iloc[0] == 1


def test_gw_bad_years(warehouse_path):
    with pytest.raises(ParameterError, match="end"):
        state_years(1816, 2018, system="gw")
    with pytest.raises(ParameterError, match="system"):
        state_years(system="polity")


def test_leader_years(con, warehouse_path):
    ly = leader_years(1945, 1945)
    assert sorted(ly.loc[ly.gwcode == 2, "leader"]) == ["Roosevelt, F.", "Truman"]
    assert sorted(ly.loc[ly.gwcode == 200, "leader"]) == ["Atlee", "Churchill"]  # Archigos spells Attlee "Atlee"
    full = leader_years()
    expected = con.execute("""
        WITH ly AS (SELECT DISTINCT a.obsid, a.gwcode, y.year FROM archigos a, range(1840, 2016) y(year)
                    WHERE y.year BETWEEN year(a.startdate) AND year(a.enddate))
        SELECT count(*) FROM ly WHERE EXISTS (SELECT 1 FROM gw_states g WHERE g.gwcode = ly.gwcode
              AND ly.year BETWEEN year(g.startdate) AND year(g.enddate))""").fetchone()[0]
    assert len(full) == expected
    assert not full.duplicated(["obsid", "year"]).any()
    everything = leader_years(system=None)
    assert len(everything) > len(full) and not everything.duplicated(["obsid", "year"]).any()
    cow = leader_years(system="cow")
    assert cow["ccode"].notna().all()
    assert not (cow.gwcode == 564).any() and (full.gwcode == 564).any()  # Orange Free State: G-W only
    members = state_years(1840, 2015)
    keys = set(zip(members["ccode"], members["year"]))
    assert all(k in keys for k in zip(cow["ccode"].astype(int), cow["year"]))


def test_leader_dyad_years_count(warehouse_path):
    ly = leader_years(1900, 1910)
    per_year = ly.groupby("year").size()
    per_state = ly.groupby(["year", "gwcode"]).size() ** 2
    expected = int((per_year**2).sum() - per_state.sum())
    dyads = leader_dyad_years(1900, 1910)
    assert len(dyads) == expected
    assert (dyads.gwcode1 != dyads.gwcode2).all()
    assert len(leader_dyad_years(1900, 1910, directed=False)) == expected // 2


def test_lead_attributes(warehouse_path):
    ly = leader_years(1869, 1945).add_lead()
    grant = ly[ly.obsid == "USA-1869"].iloc[0]
    assert (grant["milservice"], grant["combat"], grant["warwin"]) == (1, 1, 1)  # Union general
    churchill = ly[ly.obsid == "UKG-1940"].iloc[0]
    assert churchill["milservice"] == 1 and churchill["yrsexper"] == 40
    share_missing = ly["leveledu"].isna().mean()
    assert 0 < share_missing < 0.3  # LEAD leaves 14-19% of leaders uncoded: missing, not 0
    dyads = add_lead(leader_dyad_years(1945, 1945), columns=("combat",))
    assert {"combat1", "combat2"} <= set(dyads.columns)
    with pytest.raises(ParameterError, match="leader panel"):
        add_lead(state_years(2000, 2000))


def test_new_steps_take_gw_and_leader_panels_in_functional_form(warehouse_path):
    from alliancelab.panels import add_democracy, add_tss_rivalries

    gw = add_democracy(state_years(1900, 1900, system="gw"), measures=("polity2",))
    assert gw.loc[gw.gwcode == 564, "polity2"].isna().all()  # Orange Free State: no COW code, missing
    assert gw.loc[gw.gwcode == 2, "polity2"].iloc[0] == 10
    leaders = add_democracy(leader_years(1962, 1962), measures=("polity2",))
    assert leaders.loc[leaders.obsid == "USA-1961", "polity2"].iloc[0] == 10
    dyads = add_tss_rivalries(leader_dyad_years(1962, 1962, directed=False))
    kennedy_khrushchev = dyads[(dyads.obsid1 == "USA-1961") & (dyads.gwcode2 == 365)]
    assert (kennedy_khrushchev["tss_rivalry"] == 1).all() and len(kennedy_khrushchev) == 1


def test_archigos_state_year_summaries(warehouse_path):
    from alliancelab.panels import add_archigos

    s = state_years(1940, 2016).add_archigos()
    usa_1945 = s[(s.ccode == 2) & (s.year == 1945)].iloc[0]
    assert (usa_1945["n_leaders"], usa_1945["leader_transition"], usa_1945["irregular_transition"]) == (2, 1, 0)
    assert (usa_1945["obsid_jan1"], usa_1945["obsid_dec31"]) == ("USA-1933", "USA-1945")  # FDR died in office
    chile_1973 = s[(s.ccode == 155) & (s.year == 1973)].iloc[0]
    assert chile_1973["irregular_transition"] == 1 and chile_1973["obsid_jan1"] == "CHL-1970"  # the coup
    assert s.loc[s.year == 2016, "n_leaders"].isna().all()  # Archigos ends 2015
    assert (s["leader_transition"].dropna() <= (s["n_leaders"].dropna() > 1)).all()
    gw = add_archigos(state_years(1990, 1990, system="gw"))
    assert gw.loc[gw.gwcode == 260, "obsid_dec31"].iloc[0] == "GFR-1982"  # Kohl, read by G-W code
    d = dyad_years(1973, 1973).add_archigos()
    assert {"obsid_jan1_1", "obsid_dec31_2", "n_leaders1"} <= set(d.columns)
