"""Threat years of decisions by represented states and by states entering the system a year after signing."""

import pandas as pd
import pytest

from alliancelab.measures.threat import represented
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.balancing._evidence import _cinc

# (atopid, member, year): the decisions of states out of the COW system in the threat year
OCCUPIED = {
    "US-Japan 1951, Japan": (3220, 740, 1951),
    "Paris agreements 1954, West Germany": (3130, 260, 1954),
    "NATO 1954, West Germany": (3180, 260, 1954),
    "Soviet-Czechoslovak 1943, Czechoslovakia": (2563, 315, 1943),
}
ENTRY = {
    "Quadruple Alliance 1815, United Kingdom": (1035, 200, 1815),  # the COW system begins in 1816
    "Anglo-Egyptian 1936, Egypt": (2385, 651, 1936),  # Egypt enters the system in 1937
}


@pytest.fixture(scope="module")
def decided(warehouse_path):
    table = balancing.decisions()
    keys = set(OCCUPIED.values()) | set(ENTRY.values())
    rows = table[[key in keys for key in zip(table["atopid"], table["member"], table["year"])]]
    return balancing.classify(rows).set_index(["atopid", "member", "year"])


def test_occupied_states_get_a_threat_year_and_the_historical_threat(decided):
    for name, key in OCCUPIED.items():
        row = decided.loc[key]
        assert row["threat_year"] == key[2] - 1, name
        assert "represented (not a member), attributes of " in row["threat_year_rule"], name
    # the top threat where history is unambiguous: the USSR for Japan 1951 and West Germany 1954
    assert decided.loc[OCCUPIED["US-Japan 1951, Japan"], "jstar"] == 365
    assert decided.loc[OCCUPIED["NATO 1954, West Germany"], "jstar"] == 365
    assert decided.loc[OCCUPIED["Soviet-Czechoslovak 1943, Czechoslovakia"], "jstar"] == 255
    for name in ("US-Japan 1951, Japan", "NATO 1954, West Germany"):
        row = decided.loc[OCCUPIED[name]]
        assert row["alignment"] == "balancing" and row["alignment_threat"] == 365, (name, row["alignment_reason"])
    row = decided.loc[OCCUPIED["Soviet-Czechoslovak 1943, Czechoslovakia"]]
    assert row["alignment"] == "balancing" and row["alignment_threat"] == 255, row["alignment_reason"]


def test_entry_year_fallback_reads_the_first_system_year_and_says_so(decided):
    for name, key in ENTRY.items():
        row = decided.loc[key]
        assert row["threat_year"] == key[2] + 1, name
        assert row["threat_year_rule"].startswith("t+1: first year in the state system"), name
    egypt = decided.loc[ENTRY["Anglo-Egyptian 1936, Egypt"]]
    assert egypt["alignment"] == "balancing", egypt["alignment_reason"]
    # by Egypt's own ranking (read in 1937) the threat is Italy (Abyssinia 1935-36); the alliance's common threat,
    # Britain's included, is Germany
    own = balancing.classify(balancing.decisions().query("atopid == 2385 and member == 651"), common_threat=False)
    assert own["alignment_threat"].tolist() == [325]


def test_without_fallback_no_year_stands_in(warehouse_path):
    table = balancing.decisions().query("atopid in (1035, 2385)")
    strict = balancing.classify(table, fallback=False)
    keys = set(ENTRY.values())
    entering = strict[[key in keys for key in zip(strict["atopid"], strict["member"], strict["year"])]]
    assert len(entering) == len(ENTRY)
    assert entering["threat_year"].isna().all()
    assert (entering["reason"] == "no threat data (not a system member in the threat year)").all()
    assert (entering["threat_year_rule"] == "").all()


def test_the_fallback_reaches_one_year_only(warehouse_path):
    # Taiwan's 1947 decision (ATOP 3070): Taiwan enters the system in 1949, two years later: no threat year
    table = balancing.decisions().query("atopid == 3070 and member == 713")
    assert len(table) == 1
    row = balancing.classify(table).iloc[0]
    assert pd.isna(row["threat_year"]) and row["reason"].startswith("no threat data")


def test_members_keep_the_lagged_year(decided):
    # a member in t - 1 is read in t - 1 with the plain rule (the fallbacks never replace it)
    table = balancing.decisions().query("atopid == 3180 and year == 1949")
    rules = balancing.classify(table)["threat_year_rule"]
    assert (rules == "t-1").all()


def test_reference_loop_agrees_on_the_fallback_and_represented_years(warehouse_path):
    table = balancing.decisions()
    keys = set(OCCUPIED.values()) | set(ENTRY.values())
    rows = table[[key in keys for key in zip(table["atopid"], table["member"], table["year"])]].reset_index(drop=True)
    fast = balancing.classify(rows)
    slow = balancing.reference_classify(rows)
    assert fast["label"].tolist() == slow["label"].tolist()
    assert fast["target"].fillna(-1).astype(int).tolist() == slow["target"].tolist()


def test_alignment_step_reads_represented_attributes_from_the_source_year(warehouse_path):
    # the coercion and patron tests compare capabilities in the threat year; a represented state's are its
    # source year's, as in the threat measure (Poland 1944, London government: those of 1945)
    lookup = Lookup.get(warehouse_path)
    poland = lookup.positions([290])[0]
    assert represented(lookup)["source_year"][1944 - YEAR0, poland] + YEAR0 == 1945
    cinc = _cinc(lookup)
    assert cinc[1944 - YEAR0, poland] == cinc[1945 - YEAR0, poland] > 0
    row = balancing.classify(balancing.decisions().query("atopid == 3025")).set_index("member").loc[290]
    assert row["threat_year"] == 1944 and row["alignment"] == "coerced" and row["alignment_threat"] == 365
