"""The richer alignment classification, its label stability, and the curated validation set."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import balancing, walt_tests

# Agreement documented in docs/balancing.md (alliancelab alignments validate, defaults); the tests pin that neither
# count falls.
LABEL_AGREEMENT_FLOOR = 145
THREAT_AGREEMENT_FLOOR = 128


@pytest.fixture(scope="module")
def classified(warehouse_path):
    return balancing.classify()


def _row(table, atopid, member):
    rows = table[(table["atopid"] == atopid) & (table["member"] == member) & (table["reentry"] == 0)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_dual_alliance_1879_austria_hungary_balances_russia(classified):
    row = _row(classified, 1335, 300)
    assert row["alignment"] == "balancing" and row["alignment_threat"] == 365, row["alignment_reason"]


def test_nato_1949_united_kingdom_balances_the_ussr(classified):
    row = _row(classified, 3180, 200)
    assert row["alignment"] == "balancing" and row["alignment_threat"] == 365, row["alignment_reason"]


def test_nato_1949_canada_balances_the_ussr(classified):
    row = _row(classified, 3180, 20)
    assert row["alignment"] == "balancing" and row["alignment_threat"] == 365, row["alignment_reason"]


def test_warsaw_pact_1955_hungary_is_coerced_by_the_ussr(classified):
    row = _row(classified, 3285, 310)
    assert row["alignment"] == "coerced" and row["alignment_threat"] == 365, row["alignment_reason"]
    assert row["patron"] == 365 and row["coercion"] != ""


def test_patron_client_alliances_are_balancing(classified):
    pakistan = _row(classified, 3275, 770)  # Baghdad Pact 1955: India, with great-power patrons
    assert pakistan["alignment"] == "balancing" and pakistan["alignment_threat"] == 750
    assert "patron" in pakistan["alignment_reason"]
    without = balancing.classify(balancing.decisions().query("atopid == 3275"), patron_rule=False)
    row = without.set_index("member").loc[770]
    # without the patron rule Pakistan is read by the alliance's common threat (the Soviet Union), not India
    assert not (row["alignment"] == "balancing" and row["alignment_threat"] == 750)


def test_common_threat_is_the_threat_the_alliance_shares(classified):
    # NATO 1949: Yugoslavia (Italy) and Spain (Portugal) rank above the Soviet Union among their own threats, but
    # the Soviet Union is the threat to the alliance as a whole (Walt 1987)
    for member in (325, 235):
        row = _row(classified, 3180, member)
        assert row["alignment"] == "balancing" and row["alignment_threat"] == 365, row["alignment_reason"]
        assert row["target_choice"] == "common threat" and row["target_rank"] > 1
    own = balancing.classify(balancing.decisions().query("atopid == 3180 and year == 1949"), common_threat=False)
    assert own.set_index("member").loc[325, "alignment_threat"] != 365
    # the Franco-Soviet pact of 1935: Germany is not among the Soviet Union's top two threats, but it is the threat
    # the two share, so the deeper search makes the decision balancing against Germany
    soviet = classified.query("member == 365 and year == 1935 and alignment_threat == 255")
    assert len(soviet) and (soviet["target_choice"] == balancing.DEEPER).all()


def test_represented_states_decide_under_every_form(warehouse_path):
    # occupied Japan is outside the COW system in 1950: every form represents it (its row scored from its
    # nearest membership year, 1952), so the US-Japan security treaty of 1951 is read against the USSR
    table = balancing.decisions().query("atopid == 3220")
    for form in ("estimated", "projected", "additive"):
        classified = balancing.classify(table, form=form).set_index("member")
        assert classified.loc[740, "threat_year"] == 1950, form
        assert classified.loc[740, "threat_year_rule"] == "t-1; represented (not a member), attributes of 1952"
        assert classified.loc[740, "alignment"] == "balancing", (form, classified.loc[740, "alignment_reason"])
        assert classified.loc[740, "alignment_threat"] == 365, form
        reference = balancing.reference_classify(table, form=form)
        assert reference["label"].tolist() == classified["label"].tolist()


def test_every_decision_has_an_alignment_with_reasons(classified):
    assert set(classified["alignment"]) <= set(balancing.ALIGNMENTS)
    assert (classified["alignment_reason"].astype(str) != "").all()
    named = classified["alignment"].isin(["balancing", "bandwagoning", "coerced", "hedging", "buck_passing"])
    assert classified.loc[named, "alignment_threat"].notna().all()
    assert classified.loc[classified["alignment"] == "not_security", "alignment_threat"].isna().all()
    # a pact without a defense/offense pledge is never joining a pact (coerced) or bandwagoning with the threat;
    # a pledge is never "not a security alignment", hedging or buck-passing
    pledge = classified["pledge"]
    assert not classified.loc[~pledge, "alignment"].isin(["coerced", "bandwagoning"]).any()
    assert not classified.loc[pledge, "alignment"].isin(["not_security", "hedging", "buck_passing"]).any()
    # the richer classification refines the threat rule; it does not rerun it
    assert (classified["label"].isin(balancing.LABELS)).all()


def test_vectorised_alignment_matches_the_reference_loop(warehouse_path):
    from alliancelab.theory.empirical.balancing._reference import reference_alignment

    sample = balancing.decisions().iloc[::5].reset_index(drop=True)
    fast = balancing.classify(sample)
    slow = reference_alignment(fast)
    assert (fast["alignment"].to_numpy() == slow["alignment"].to_numpy()).all()
    assert (fast["alignment_threat"].fillna(-1).to_numpy() == slow["threat"].to_numpy()).all()
    assert len(set(fast["alignment"])) >= 6


def test_profit_needs_a_gains_clause(classified):
    profit = classified[classified["alignment"] == "bandwagoning_for_profit"]
    assert len(profit) > 0 and profit["gains_clause"].all()


def test_bad_alignment_parameters_raise():
    with pytest.raises(ParameterError, match="dominance_ratio"):
        balancing.classify(dominance_ratio=0.5)


def test_weight_draws_stay_in_the_plausible_range():
    draws = balancing.weight_draws(50, spread=2.0, seed=3, base={"power": 1.0, "intentions": 2.0})
    assert len(draws) == 50
    power = np.array([d["power"] for d in draws])
    intentions = np.array([d["intentions"] for d in draws])
    assert power.min() >= 0.5 and power.max() <= 2.0 and intentions.min() >= 1.0 and intentions.max() <= 4.0
    assert power.std() > 0.1
    assert draws == balancing.weight_draws(50, spread=2.0, seed=3, base={"power": 1.0, "intentions": 2.0})


def test_label_uncertainty_shares(warehouse_path):
    table = balancing.decisions().query("atopid in (1335, 3180, 3285)").reset_index(drop=True)
    result = balancing.label_uncertainty(table, draws=3, seed=1)
    assert len(result) == len(table)
    assert result["stability"].between(1 / 3, 1).all()
    assert set(result["modal_alignment"]) <= set(balancing.ALIGNMENTS)
    assert (result["threat_stability"] <= result["stability"] + 1e-12).all()


def test_validation_file_integrity(con):
    cases = balancing.load_cases()
    assert len(cases) >= 80
    assert cases["year"].between(1815, 2016).all()
    assert (cases["citation"].str.len() > 10).all() and (cases["reading"].str.len() > 10).all()
    entries = con.execute("SELECT DISTINCT atopid, member, yrent FROM atop_members").df()
    keys = set(zip(entries["atopid"], entries["member"], entries["yrent"]))
    missing = [c.case_id for c in cases.itertuples() if (c.atopid, c.ccode, c.year) not in keys]
    assert not missing, f"cases without an ATOP member entry in that year: {missing}"
    states = set(con.execute("SELECT DISTINCT ccode FROM states").df()["ccode"])
    for text in cases["expected_threat"]:
        assert all(int(code) in states for code in str(text).split("|") if code), text
    empty = cases["expected_threat"] == ""
    assert (cases.loc[empty, "expected_label"] == "not_security").all()
    assert cases["group"].nunique() >= 6


def test_validation_agreement_not_below_documented_value(classified):
    result = balancing.validate(classified)
    assert result.n == len(balancing.load_cases())
    assert int(result.cases["agree_label"].sum()) >= LABEL_AGREEMENT_FLOOR
    assert int(result.cases["agree_threat"].sum()) >= THREAT_AGREEMENT_FLOOR
    assert result.threat_agreement <= result.label_agreement
    assert len(result.disagreements) == int((~result.cases["agree_threat"]).sum())
    assert (result.disagreements["cause"] != "").all()


def test_walt_relabelling_from_the_alignment(classified):
    broad = walt_tests.with_alignment(classified)
    strict = walt_tests.with_alignment(classified, broad=False)
    assert (broad["label"] == "balancing").sum() == (classified["alignment"] == "balancing").sum()
    assert (broad["label"] == "bandwagoning").sum() == classified["alignment"].isin(walt_tests.BROAD_BANDWAGONING).sum()
    assert (strict["label"] == "bandwagoning").sum() == (classified["alignment"] == "bandwagoning").sum()
    assert walt_tests.walt_shares(broad).overall.iloc[0]["decisions"] == len(classified)


def test_coercion_needs_the_patrons_force(warehouse_path):
    # Pact of Steel 1939: the only Italian-German dispute on record (1934) saw Italy, not Germany, display
    # force; with the force test Italy is not coerced, with any dispute counting it is
    table = balancing.decisions()
    table = table[table["member"].isin([325, 255])].reset_index(drop=True)
    strict = _row(balancing.classify(table), 2445, 325)
    loose = _row(balancing.classify(table, coercion_needs_force=False), 2445, 325)
    assert strict["alignment"] != "coerced" and loose["alignment"] == "coerced"


def test_regional_codes_are_not_security_alignments(classified):
    arab = _row(classified, 3015, 651)  # Arab League pact 1945: consultation among seven, no great power
    assert arab["alignment"] == "not_security", arab["alignment_reason"]
    assert "regional" in arab["alignment_reason"]
    without = balancing.classify(balancing.decisions().query("atopid == 3015"), regional_not_security=False)
    assert _row(without, 3015, 651)["alignment"] != "not_security"
    baghdad = _row(classified, 3275, 640)  # a great power (Britain) is in the Baghdad Pact: still balancing
    assert baghdad["alignment"] == "balancing"
    regional = classified[classified["alignment_reason"].str.startswith("regional")]
    assert len(regional) > 0 and not regional["pledge"].any() and (regional["n_partners"] >= 2).all()


def test_buck_passing_needs_a_common_threat(warehouse_path):
    strict = balancing.classify()
    loose = balancing.classify(buck_needs_common_threat=False)
    passed = strict["alignment"] == "buck_passing"
    assert (loose.loc[passed, "alignment"] == "buck_passing").all()  # the switch only removes buck-passing
    assert passed.sum() <= (loose["alignment"] == "buck_passing").sum()


def test_renounced_gains_are_not_a_gains_clause(classified):
    renounced = (classified["acqterr"] == 2) & (classified["divgains"] != 1)
    assert renounced.any() and not classified.loc[renounced, "gains_clause"].any()


def test_profit_joins_the_stronger_side(classified):
    italy = _row(classified, 1265, 325)  # Prusso-Italian alliance 1866: Prussia and Italy outweigh Austria
    assert italy["alignment"] == "bandwagoning_for_profit" and italy["alignment_threat"] == 300
    allies = balancing.classify(balancing.decisions().query("atopid == 1265"), profit_side_allies=True)
    assert _row(allies, 1265, 325)["alignment"] == "balancing"  # the 1856 guarantors counted for Austria


def test_disputed_readings_carry_a_citation_and_are_reported(classified):
    cases = balancing.load_cases()
    notes = cases.loc[cases["notes"] != "", "notes"]
    assert len(notes) >= 5
    assert notes.str.startswith("Disputed:").all() and notes.str.contains(r"\(\d{4}\)").all()
    result = balancing.validate(classified)
    assert result.n_disputed == len(notes)
    undisputed = result.cases[~result.cases["disputed"]]
    assert result.undisputed_label_agreement == undisputed["agree_label"].mean()


def test_held_out_choice_never_sees_the_scored_cases():
    from alliancelab.theory.empirical.balancing._heldout import _choose

    rng = np.random.default_rng(0)
    label = rng.random((12, 40)) < 0.6
    threat = label & (rng.random((12, 40)) < 0.8)
    select = np.zeros(40, dtype=bool)
    select[:20] = True
    chosen = _choose(label, threat, select)
    label[:, 20:] = ~label[:, 20:]  # change every scored (held-out) case
    threat[:, 20:] = rng.random((12, 20)) < 0.5
    assert _choose(label, threat, select) == chosen
    combos = balancing.combinations()
    assert len(combos) == np.prod([len(values) for _, values in balancing.SWITCHES])
    assert all(combos[0][name] == values[0] for name, values in balancing.SWITCHES)


# The projected form with its parameters estimated on ATOP's named threats (RuleParams(weights="fitted")):
# 141 of 171 on the label, 111 with the threat (docs/balancing.md). It is an option, not the default, because
# its agreement is lower than the hand-set default's (the curated set judged the choice once).
FITTED_LABEL_FLOOR = 141
FITTED_THREAT_FLOOR = 111


def test_fitted_projected_weights_classify_and_keep_the_famous_decisions(warehouse_path):
    classified = balancing.classify(weights="fitted")
    result = balancing.validate(classified)
    assert int(result.cases["agree_label"].sum()) >= FITTED_LABEL_FLOOR
    assert int(result.cases["agree_threat"].sum()) >= FITTED_THREAT_FLOOR
    for atopid, member in ((1335, 300), (3180, 200), (3180, 20)):
        assert _row(classified, atopid, member)["alignment_threat"] == 365
    assert balancing.RuleParams().weights is None  # the default stays hand-set


# The projected form with one half distance for COW major powers and one for other states, fitted on ATOP's named
# threats (RuleParams(weights="fitted_two")): 140 of 171 on the label, 109 with the threat (docs/balancing.md). It
# is an option, not the default: both counts are lower than the hand-set default's (the curated set judged the
# choice once, with the rule fixed beforehand).
FITTED_TWO_LABEL_FLOOR = 140
FITTED_TWO_THREAT_FLOOR = 109


def test_fitted_two_gradient_weights_classify_and_keep_the_famous_decisions(warehouse_path):
    classified = balancing.classify(weights="fitted_two")
    result = balancing.validate(classified)
    assert int(result.cases["agree_label"].sum()) >= FITTED_TWO_LABEL_FLOOR
    assert int(result.cases["agree_threat"].sum()) >= FITTED_TWO_THREAT_FLOOR
    for atopid, member in ((1335, 300), (3180, 200), (3180, 20)):
        assert _row(classified, atopid, member)["alignment_threat"] == 365
    hungary = _row(classified, 3285, 310)
    assert hungary["alignment"] == "coerced" and hungary["alignment_threat"] == 365
    assert balancing.RuleParams(weights="fitted_two").weights == "fitted_two"
    assert balancing.RuleParams().weights is None  # the default stays hand-set


def test_cli_validate_with_fitted_weights(warehouse_path):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["alignments", "validate", "--fitted-weights"])
    assert result.exit_code == 0, result.output
    assert "label agreement" in result.output and "label + threat" in result.output
    bad = runner.invoke(app, ["alignments", "validate", "--fitted-weights", "--form", "additive"])
    assert bad.exit_code == 2 and "weights='fitted'" in bad.output
