"""Balancing / bandwagoning classification on the real ATOP record (THEORY.md section 5)."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import balancing

NATO_CORE = (200, 210, 211, 212, 220, 385, 390)  # UK, Netherlands, Belgium, Luxembourg, France, Norway, Denmark


@pytest.fixture(scope="module")
def classified(warehouse_path):
    return balancing.classify()


def _row(table, atopid, member):
    rows = table[(table["atopid"] == atopid) & (table["member"] == member) & (table["reentry"] == 0)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_one_row_per_decision_including_later_joiners(classified, con):
    pairs = con.execute("SELECT count(DISTINCT (atopid, member)) FROM atop_members").fetchone()[0]
    assert len(classified) >= pairs
    assert classified[["atopid", "member", "year"]].duplicated().sum() == 0
    nato = classified[classified["atopid"] == 3180].set_index("member")["year"]
    assert nato[350] == 1951 and nato[640] == 1951 and nato[260] == 1954  # Greece, Turkey, West Germany join
    assert set(classified["label"]) <= set(balancing.LABELS)
    assert (classified["reason"] != "").all()


def test_nato_1949_western_europeans_balance_the_ussr(classified):
    for member in NATO_CORE:
        row = _row(classified, 3180, member)
        assert row["label"] == "balancing", (member, row["reason"])
        assert row["target"] == 365
        assert row["threat_year"] == 1948


def test_franco_russian_alliance_balances_germany(classified):
    for atopid in (1380, 1385):
        for member in (220, 365):
            row = _row(classified, atopid, member)
            assert row["label"] == "balancing"
            assert row["target"] == 255
    # France's top threat is Germany; Russia's is China, Germany second (the rule looks at two)
    assert _row(classified, 1385, 220)["jstar"] == 255
    assert _row(classified, 1385, 365)["target_rank"] == 2


def test_documented_cases(classified):
    italy = _row(classified, 1350, 325)
    assert italy["label"] == "balancing" and italy["target"] == 220 and italy["target_named"]
    japan = _row(classified, 1415, 740)
    assert japan["label"] == "balancing" and japan["target"] == 365
    assert _row(classified, 2515, 355)["label"] == "bandwagoning"  # Bulgaria 1941
    cases = balancing.famous_cases(classified)
    assert {"NATO 1949", "Warsaw Pact 1955", "Anglo-Japanese alliance 1902"} <= set(cases["case"])


def test_warsaw_pact_reads_as_coerced_bandwagoning_without_the_ally_filter(classified):
    # with the default filter the satellites' standing treaties with the USSR drop it as a threat
    assert _row(classified, 3285, 310)["label"] == "balancing"  # Hungary: Yugoslavia
    unfiltered = balancing.classify(exclude_allies="none")
    for member in (310, 360):  # Hungary, Romania: at war with the USSR within the last 10 years
        row = _row(unfiltered, 3285, member)
        assert row["label"] == "bandwagoning" and row["target"] == 365
    # the GDR, Poland and Czechoslovakia have no war, dispute or rivalry with the USSR in 1944-1954: a pact
    # partner with no record of hostility is not a source of danger, so it makes no bandwagoning
    for member in (265, 290, 315):
        assert _row(unfiltered, 3285, member)["label"] != "bandwagoning"


def test_vectorised_rule_matches_the_reference_loop(classified):
    sample = balancing.decisions().iloc[::9].reset_index(drop=True)
    fast = balancing.classify(sample)
    slow = balancing.reference_classify(sample)
    assert (fast["label"].to_numpy() == slow["label"].to_numpy()).all()
    assert (fast["target"].fillna(-1).to_numpy() == slow["target"].to_numpy()).all()


def test_parameters_move_the_labels_the_way_they_should(classified):
    ignore = balancing.classify(partner_rule="ignore")
    assert (ignore["label"] == "balancing").sum() >= (classified["label"] == "balancing").sum()
    # with the partner test off, every examined threat engages the alliance, except pact partners with no
    # record of hostility (passed over by bandwagon_needs_hostility)
    assert (
        not balancing.classify(partner_rule="ignore", bandwagon_needs_hostility=False)["reason"]
        .str.startswith("alliance aimed elsewhere")
        .any()
    )
    assert ignore["reason"].str.startswith("alliance aimed elsewhere").sum() < 0.05 * len(ignore)
    strict = balancing.classify(own_top_k=1, common_threat=False)
    assert set(strict["target_rank"].dropna().unique()) == {1}
    assert (strict["label"] != "neither").sum() <= (classified["label"] != "neither").sum()


def test_bad_parameters_raise():
    with pytest.raises(ParameterError, match="partner_rule"):
        balancing.classify(partner_rule="some")
    with pytest.raises(ParameterError, match="unknown rule parameter"):
        balancing.classify(threshold=3)
    with pytest.raises(ParameterError, match="lag"):
        balancing.classify(lag=-1)
    with pytest.raises(ParameterError, match="missing column"):
        balancing.classify(balancing.decisions().drop(columns=["statthr1"]))


def test_default_threat_form_ranks_named_threats_best(warehouse_path):
    # among the hand-weighted forms (the estimated threat form, fitted to these named threats, ranks
    # them better still: tests/measures/test_threat_model.py)
    table = balancing.threat_validation(forms=("additive", "projected"), exclusions=("none", "defense"))
    top1 = table.set_index(["form", "exclude_allies"])["top1"]
    assert top1[("projected", "defense")] == top1.max()
    assert top1[("projected", "defense")] > top1[("additive", "none")]


def test_shares_and_wilson_interval(classified):
    overall = balancing.shares(classified).iloc[0]
    assert overall["balancing"] + overall["bandwagoning"] + overall["neither"] == len(classified)
    low, high = balancing.wilson_interval(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-3) and high == pytest.approx(0.5962, abs=1e-3)
    assert np.isnan(balancing.wilson_interval(0, 0)[0])


def test_a_state_that_merged_by_the_decision_year_is_read_as_its_union(warehouse_path):
    from alliancelab.panels.lookup import Lookup
    from alliancelab.theory.empirical.balancing._succession import successor_codes

    lookup = Lookup.get()
    # COW: Syria leaves the system on 1 February 1958 (the United Arab Republic, coded as Egypt 651); Bavaria on
    # 18 January 1871 (the German Empire, 255); South Vietnam's end in 1975 is a conquest, not a unification
    codes = np.array([652, 652, 245, 245, 817])
    threat_year = np.array([1957, 1956, 1870, 1869, 1974])
    year = np.array([1958, 1957, 1871, 1870, 1975])
    assert successor_codes(lookup, codes, threat_year, year).tolist() == [651, 652, 255, 245, 817]
    # the Arab Federation of Iraq and Jordan (14 February 1958) was aimed at the new UAR (Walt 1987): its largest
    # threat, read in 1957, is Syria, which had merged into the UAR two weeks before
    classified = balancing.classify(balancing.decisions().query("atopid == 3340 and year == 1958"))
    assert classified["alignment_threat"].tolist() == [651, 651], classified[["member", "alignment_reason"]]
