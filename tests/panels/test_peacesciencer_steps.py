"""Steps added for peacesciencer parity: democracy, IGOs, rivalry types, SDP/GDP, Maoz powers,
checked against the published record and against properties that must hold."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.panels import dyad_years, state_years


def row(panel, **where):
    mask = np.ones(len(panel), dtype=bool)
    for column, value in where.items():
        mask &= (panel[column] == value).to_numpy()
    found = panel[mask]
    assert len(found) == 1, where
    return found.iloc[0]


@pytest.fixture(scope="module")
def states(warehouse_path):
    return state_years(1930, 2016).add_democracy().add_igos().add_sdp_gdp().add_maoz_powers()


@pytest.mark.parametrize(
    "ccode,year,polity2",
    [
        (2, 2000, 10),  # United States
        (255, 1935, -9),  # Nazi Germany
        (365, 1985, -7),  # Soviet Union under Chernenko/Gorbachev
        (750, 2000, 9),  # India
        (770, 2000, -6),  # Pakistan after the 1999 coup
        (230, 1970, -7),  # Spain under Franco
    ],
)
def test_polity2_published_values(states, ccode, year, polity2):
    assert row(states, ccode=ccode, year=year)["polity2"] == polity2


def test_vdem_and_uds_order_regimes(states):
    usa, nazi = row(states, ccode=2, year=2000), row(states, ccode=255, year=1935)
    assert usa["v2x_polyarchy"] > 0.8 > 0.1 > nazi["v2x_polyarchy"]
    assert usa["xm_qudsest"] > 1 > 0 > nazi["xm_qudsest"]
    assert states["v2x_polyarchy"].between(0, 1).all() or states["v2x_polyarchy"].isna().any()
    assert states["polity2"].dropna().between(-10, 10).all()


def test_dyadic_democracy_forms(warehouse_path):
    d = dyad_years(2000, 2000, directed=False).add_democracy()
    india_pakistan = row(d, ccode1=750, ccode2=770)
    assert india_pakistan["polity2_low"] == -6 and india_pakistan["polity2_diff"] == 15
    assert india_pakistan["polity2_both_dem"] == 0
    assert row(d, ccode1=2, ccode2=200)["polity2_both_dem"] == 1  # USA-UK
    both = d["polity2_both_dem"].astype("Float64")
    expected = (d["polity2_1"] >= 6) & (d["polity2_2"] >= 6)
    known = d["polity2_1"].notna() & d["polity2_2"].notna()
    assert (both[known] == expected[known].astype(float)).all()
    assert both[~known].isna().all()  # missing stays missing
    assert "xm_qudsest_both_dem" not in d.columns  # no conventional UDS threshold
    assert (
        d["v2x_polyarchy_low"].dropna()
        <= d[["v2x_polyarchy1", "v2x_polyarchy2"]].max(axis=1)[d["v2x_polyarchy_low"].notna()]
    ).all()


def test_democracy_refuses_to_overwrite_polity(warehouse_path):
    with pytest.raises(ParameterError, match="polity2"):
        state_years(2000, 2000).add_polity().add_democracy()
    assert "polity2" in state_years(2000, 2000).add_polity().add_democracy(measures=("v2x_polyarchy",))


def test_igo_counts_and_joint_memberships(warehouse_path, con):
    d = dyad_years(1950, 2016, directed=False).add_igos(counts=True)
    assert row(d, ccode1=2, ccode2=200, year=2000)["dyadigos"] == 62  # USA-UK, COW IGO 3.0
    assert row(d, ccode1=2, ccode2=200, year=1950)["dyadigos"] == 43
    # joint full memberships cannot exceed either state's full memberships; the two published files
    # disagree by exactly one IGO in 59 dyad-years (e.g. Australia-New Zealand 1973-1994), nowhere more
    known = d["dyadigos"].notna() & d["sum_igo_full1"].notna() & d["sum_igo_full2"].notna()
    excess = d.loc[known, "dyadigos"] - d.loc[known, ["sum_igo_full1", "sum_igo_full2"]].min(axis=1)
    assert excess.max() == 1 and (excess > 0).sum() == 59
    after = d["year"] > 2014
    assert d.loc[after, "dyadigos"].isna().all() and d.loc[~after, "dyadigos"].notna().mean() > 0.99
    directed = dyad_years(2000, 2000).add_igos()
    assert row(directed, ccode1=200, ccode2=2)["dyadigos"] == 62  # the file is non-directed
    total = con.execute("SELECT sum_igo_full FROM igo_states WHERE ccode = 2 AND year = 2000").fetchone()[0]
    assert row(state_years(2000, 2000).add_igos(), ccode=2)["sum_igo_full"] == total


def test_tss_rivalries_start_end_and_types(warehouse_path):
    d = dyad_years(1940, 2016, directed=False).add_tss_rivalries().add_td_rivalry_types()
    india_pakistan = d[(d.ccode1 == 750) & (d.ccode2 == 770)].set_index("year")
    assert india_pakistan["tss_rivalry"].idxmax() == 1947  # first year both exist and the rivalry starts
    assert india_pakistan.loc[2016, "tss_spatial"] == 1 and india_pakistan.loc[2016, "tss_positional"] == 1
    usa_ussr = d[(d.ccode1 == 2) & (d.ccode2 == 365)].set_index("year")
    assert usa_ussr.loc[1944, "tss_rivalry"] == 0 and usa_ussr.loc[1945, "tss_rivalry"] == 1
    assert usa_ussr.loc[1989, "tss_ideological"] == 1 and usa_ussr.loc[1995, "tss_rivalry"] == 0
    assert usa_ussr.loc[2010, "tss_rivalry"] == 1  # the second US-Russia rivalry, from 2007
    # Thompson & Dreyer types: US-Soviet positional and ideological, India-Pakistan positional and spatial
    assert usa_ussr.loc[1960, ["td_positional", "td_ideological", "td_spatial"]].tolist() == [1, 1, 0]
    assert india_pakistan.loc[1971, ["td_positional", "td_spatial"]].tolist() == [1, 1]
    assert d.loc[d.year > 2010, "td_spatial"].isna().all()  # TD ends 2010
    assert d.loc[d.year <= 2010, "td_spatial"].notna().all()
    typed = d[["tss_positional", "tss_spatial", "tss_ideological", "tss_interventionary"]].astype(int).max(axis=1)
    assert (typed <= d["tss_rivalry"].astype(int)).all()  # a type only inside a rivalry


def test_tss_rivalry_count_matches_the_file(warehouse_path, con):
    d = dyad_years(2016, 2016, directed=False).add_tss_rivalries()
    pairs = con.execute("""SELECT count(DISTINCT (ccode1, ccode2)) FROM tss_rivalries r
        WHERE start <= 2016 AND "end" >= 2016
          AND ccode1 IN (SELECT ccode FROM states WHERE styear <= 2016 AND endyear >= 2016)
          AND ccode2 IN (SELECT ccode FROM states WHERE styear <= 2016 AND endyear >= 2016)""").fetchone()[0]
    assert int(d["tss_rivalry"].sum()) == pairs


def test_sdp_gdp_are_logs_and_end_in_2015(states):
    usa = row(states, ccode=2, year=2000)
    assert 1e12 < np.expm1(usa["wbgdp2011est"]) < 2e13  # US GDP 2000 in 2011 PPP dollars
    assert 2.5e8 < np.expm1(usa["wbpopest"]) < 3.0e8  # 282 million people
    assert states.loc[states.year == 2016, "sdpest"].isna().all()
    assert states.loc[states.year == 2015, "sdpest"].notna().mean() > 0.9


def test_maoz_powers(states):
    assert row(states, ccode=2, year=1950)["maoz_global"] == 1
    assert row(states, ccode=710, year=1960)["maoz_regional"] == 1  # China, regional power from 1950
    assert (
        row(states, ccode=365, year=1991)["maoz_regional"] == 1
        and row(states, ccode=365, year=1992)["maoz_global"] == 0
    )
    assert row(states, ccode=20, year=2000)["maoz_power"] == 0
    assert (states["maoz_power"] == (states["maoz_regional"] | states["maoz_global"])).all()
