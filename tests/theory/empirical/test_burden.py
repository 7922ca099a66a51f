"""Olson-Zeckhauser: the public-good Nash equilibrium and the NATO exploitation test."""

import inspect

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import burden as bd

UTILITIES = [
    bd.Utility("cobb-douglas", 0.3),
    bd.Utility("ces", 0.3, rho=-0.5),
    bd.Utility("ces", 0.4, rho=0.5),
    bd.Utility("stone-geary", 0.3, gamma=0.5),
]


@pytest.mark.parametrize("utility", UTILITIES, ids=lambda u: f"{u.family}-{u.rho}")
@pytest.mark.parametrize("incomes", [[1, 2, 3], [1, 1.5, 2, 4, 8, 16], list(range(1, 21))])
def test_nash_equilibrium_is_mutual_best_response(incomes, utility):
    result = bd.nash_equilibrium(incomes, utility)
    assert bd.best_response_gap(result.income, result.contribution, utility, grid=401) < 1e-9
    # exploitation: burden never falls with income, and the largest member over-contributes
    order = np.argsort(result.income.values)
    assert np.all(np.diff(result.burden.values[order]) >= -1e-12)
    big = result.income.idxmax()
    assert result.loc[big, "share_of_defence"] >= result.loc[big, "share_of_income"]


def test_cobb_douglas_closed_form():
    """X = sum_C Y / (1 + |C| (1/alpha - 1)) over contributors C (Bergstrom, Blume & Varian)."""
    incomes, alpha = np.array([10.0, 11.0, 12.0, 2.0]), 0.4
    result = bd.nash_equilibrium(incomes, bd.Utility(alpha=alpha))
    contributors = incomes[result.contributes.values]
    expected = contributors.sum() / (1 + len(contributors) * (1 / alpha - 1))
    assert result.attrs["total"] == pytest.approx(expected, rel=1e-12)
    assert list(result.contributes) == [True, True, True, False]
    assert bd.exploitation(result)["spearman_rho"] > 0


def test_model_input_errors():
    with pytest.raises(ParameterError, match="incomes"):
        bd.nash_equilibrium([1.0, -2.0])
    with pytest.raises(ParameterError, match="rho"):
        bd.nash_equilibrium([1.0, 2.0], bd.Utility("ces", 0.3, rho=1.5))
    with pytest.raises(ParameterError, match="utility"):
        bd.nash_equilibrium([1.0, 2.0], bd.Utility("quadratic"))


def test_nato_is_atop_3180(warehouse_path):
    members = bd.alliance_members(bd.NATO_ATOPID, warehouse=warehouse_path)
    first = set(members[members.year == 1949].ccode)
    assert first == {2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395}
    assert {350, 640} <= set(members[members.year == 1952].ccode)  # Greece, Turkey
    assert 260 in set(members[members.year == 1989].ccode) and 255 not in set(members[members.year == 1989].ccode)
    assert len(members[members.year == 2016]) == 29  # incl. Montenegro (ATOP: May 2016)


@pytest.fixture(scope="module")
def nato(warehouse_path):
    return bd.burden_test(warehouse=warehouse_path)


def test_nato_post_cold_war_against_published(nato):
    """Published (N = 15): 1994 0.19, 1995 0.14, 1996 0.11, 1997 0.11, none significant."""
    table, panel = nato.table, nato.panel
    compare = bd.compare_published(table, panel).set_index("year")
    for year in (1994, 1995, 1996):
        assert compare.loc[year, "our_n"] == 15
        assert compare.loc[year, "our_rho"] == pytest.approx(compare.loc[year, "published_rho"], abs=0.1)
        assert compare.loc[year, "our_p"] > 0.05
    # ATOP counts the three 1999 entrants from the December 1997 protocols
    assert compare.loc[1997, "our_n"] == 18
    assert compare.loc[1997, "fixed1994_n"] == 15
    assert compare.loc[1997, "fixed1994_rho"] == pytest.approx(0.11, abs=0.15)
    assert compare.loc[1997, "fixed1994_p"] > 0.05


def test_nato_series_covers_1949_2016(nato):
    table = nato.table
    assert table.year.min() == 1949 and table.year.max() == 2016
    assert (table.n >= 8).all()
    assert ((table.p_value >= 0) & (table.p_value <= 1)).all()
    # Iceland (no armed forces) is reported, not silently dropped
    assert "395(zero spending)" in table.set_index("year").loc[1994, "members_missing"]
    # early Cold War: exploitation significant; detente years: not
    assert table.set_index("year").loc[1950, "significant_05"]
    assert not table.set_index("year").loc[1970, "significant_05"]
    assert table.attrs["citations"] and nato.citations == table.attrs["citations"]


def test_cow_alternative_before_1949(con):
    # ATOP 2025: the 1921 Franco-Polish alliance? use any pre-1949 alliance with >= 3 members
    atopid = con.execute("""SELECT atopid FROM atop_members WHERE yrent BETWEEN 1900 AND 1938
                            GROUP BY atopid HAVING count(DISTINCT member) >= 5
                            ORDER BY atopid LIMIT 1""").fetchone()[0]
    panel = bd.burden_test(atopid=atopid, start=1900, end=1948, spending="cow").panel
    assert len(panel) > 0 and set(panel.status) <= {"used", "no spending data", "no GDP data", "zero spending"}
    with pytest.raises(ParameterError, match="atopid"):
        bd.burden_test(atopid=999999)


def test_a_connection_still_works_with_a_deprecation_warning(con, nato):
    with pytest.warns(DeprecationWarning, match="warehouse="):
        old = bd.burden_test(con, bd.NATO_ATOPID, 1994, 1997)  # the old call: connection first
    assert old.table.set_index("year")["rho"].equals(nato.table.set_index("year").loc[1994:1997, "rho"])
    with pytest.warns(DeprecationWarning):
        members = bd.alliance_members(con, bd.NATO_ATOPID, 1949, 1949)
    assert len(members) == 12
    with pytest.raises(TypeError, match="starting"):  # a real signature: Python names the unknown argument
        bd.burden_test(atopid=3180, starting=1949)
    assert list(inspect.signature(bd.burden_test).parameters)[:3] == ["atopid", "start", "end"]


def test_membership_rule_counts_the_exit_year(warehouse_path):
    """The one rule (data.facts): West Germany's NATO membership ends in 1990 and counts in 1990."""
    members = bd.alliance_members(bd.NATO_ATOPID, 1989, 1991, warehouse=warehouse_path)
    by_year = members.groupby("year")["ccode"].apply(set)
    assert 260 in by_year[1990] and 255 in by_year[1990] and 260 not in by_year[1991]
    full = bd.alliance_members(bd.NATO_ATOPID, 1989, 1991, warehouse=warehouse_path, count="full_year")
    assert 260 not in set(full.loc[full["year"] == 1990, "ccode"])


def test_published_comparison_outside_the_span_is_missing_not_zero(warehouse_path):
    """A span without 1994-1997 (burden --start 1990 --end 1992) compares nothing: missing values, no crash."""
    short = bd.burden_test(bd.NATO_ATOPID, 1990, 1992, warehouse=warehouse_path)
    compare = bd.compare_published(short.table, short.panel).set_index("year")
    assert list(compare.index) == [1994, 1995, 1996, 1997]
    assert compare["our_n"].isna().all() and compare["fixed1994_n"].isna().all()
    assert compare["our_rho"].isna().all()
