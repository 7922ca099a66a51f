"""The facts layer: membership by day and year, alliance memberships in force, coverage from specs."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.data import facts
from alliancelab.data.sources import SOURCES
from alliancelab.errors import ParameterError


def test_coverage_comes_from_the_source_specifications():
    for source in SOURCES:
        if source.coverage[0] is not None:
            assert facts.coverage(source.name) == source.coverage
    assert (facts.SYSTEM_FIRST, facts.SYSTEM_LAST) == (1816, 2016)
    with pytest.raises(ParameterError, match="capitals"):
        facts.coverage("capitals")
    with pytest.raises(ParameterError, match="start"):
        facts.check_years(1700, 1800)
    assert facts.outside(np.array([1815, 1816, 2016, 2017]), "states").tolist() == [True, False, False, True]


def test_member_years_and_same_day_coexistence(con):
    spells = facts.system_spells(con)
    members = facts.system_members(spells, 1990, 1990)
    assert {255, 260, 265} <= set(members["ccode"])  # all three Germanys touch 1990
    apart = facts.non_coexisting(spells)
    pairs = set(zip(apart["year"], apart["ccode1"], apart["ccode2"]))
    assert (1990, 255, 260) in pairs and (1990, 260, 255) in pairs and (1990, 255, 265) in pairs
    assert (1990, 260, 265) not in pairs  # the two German states coexisted until 3 October
    assert len(apart) == 60


def test_one_exit_year_rule_and_the_full_year_option(con):
    spells = facts.alliance_spells(con)
    nato = spells[(spells["atopid"] == 3180) & spells["member"].isin([290, 310, 316])]
    assert (nato["first"] == 1997).all() and (nato["last"] == facts.ALLIANCE_MEMBERS_LAST).all()
    full = facts.alliance_spells(con, count="full_year")
    nato_full = full[(full["atopid"] == 3180) & full["member"].isin([290, 310, 316])]
    assert (nato_full["first"] == 1998).all()  # signed 16 December 1997
    accession = pd.DataFrame({"atopid": [3180] * 3, "member": [290, 310, 316], "yrent": [1999] * 3})
    moved = facts.alliance_spells(con, entry_dates=accession)
    assert (moved.loc[(moved["atopid"] == 3180) & moved["member"].isin([290, 310, 316]), "first"] == 1999).all()
    # the exit year counts: a membership that ended in year t is in force in t
    closed = spells[~spells["open"]].iloc[0]
    years = facts.alliance_member_years(spells[spells.index == closed.name])
    assert years["year"].max() == closed["last"]
    with pytest.raises(ParameterError, match="count"):
        facts.alliance_spells(con, count="half_year")


def test_alliance_members_outside_the_system_are_found(con):
    years = facts.alliance_member_years(facts.alliance_spells(con))
    outside = facts.members_outside_system(years, facts.system_spells(con))
    assert 0 < len(outside) < len(years) * 0.05
    assert not outside.merge(
        facts.system_members(facts.system_spells(con), 1816, 2016),
        left_on=["member", "year"],
        right_on=["ccode", "year"],
    ).shape[0]


def test_contiguity_in_year_never_lets_a_zero_period_hide_a_border(con):
    borders = facts.contiguity_in_year(con, 1940).set_index(["ccode1", "ccode2"])["conttype"]
    assert borders.loc[(255, 365)] == 1 and borders.loc[(365, 255)] == 1  # Germany-USSR 1939-41
    assert (borders > 0).all() and (borders <= 5).all()
    assert (255, 2) not in borders.index  # no border at all: absent, not 0


def test_capitals_at_year_end_match_the_panels(con, warehouse_path):
    from alliancelab.panels.adders import capital_coordinates
    from alliancelab.panels.lookup import Lookup

    lookup = Lookup.get(warehouse_path)
    lat, lng = capital_coordinates(lookup)
    for year in (1816, 1871, 1990, 2016):
        caps = facts.capitals_at_year_end(con, year)
        assert caps["ccode"].is_unique and len(caps) > 20
        positions = lookup.state_positions(caps["ccode"].to_numpy(), np.full(len(caps), year))
        assert np.array_equal(lat.ravel()[positions], caps["lat"].to_numpy(), equal_nan=True)
        assert np.array_equal(lng.ravel()[positions], caps["lng"].to_numpy(), equal_nan=True)
