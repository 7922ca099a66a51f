"""The estimated threat model: out-of-sample protocol, tie-aware baselines, hit rates, history."""

import json

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.measures import threat
from alliancelab.panels.lookup import YEAR0, Lookup


def test_expected_hits_break_ties_at_random():
    # 1 candidate above a tie of 3 holding the target: top-1 impossible, top-3 = 1 - C(2,2)/C(3,2) = 2/3
    scores = np.array([3.0, 1.0, 1.0, 1.0, 0.0])
    assert threat.expected_hits(scores, [2], 1) == 0.0
    assert threat.expected_hits(scores, [2], 3) == pytest.approx(2 / 3)
    assert threat.expected_hits(scores, [0], 1) == 1.0
    # all tied (the random baseline): k / n, and two targets: 1 - C(8,3)/C(10,3)
    flat = np.zeros(10)
    assert threat.expected_hits(flat, [4], 1) == pytest.approx(0.1)
    assert threat.expected_hits(flat, [4, 7], 3) == pytest.approx(1 - 56 / 120)
    # NaN scores are not candidates
    assert threat.expected_hits(np.array([np.nan, 1.0, 0.0]), [1], 1) == 1.0
    # seeded random tie-breaks converge to the expectation (and are not the code order)
    rng = np.random.default_rng(7)
    draws = [threat.random_tie_hits(scores, [2], 3, rng) for _ in range(4000)]
    assert np.mean(draws) == pytest.approx(2 / 3, abs=0.03)
    assert threat.random_tie_hits(scores, [3], 3, np.random.default_rng(1)) in (0.0, 1.0)


def test_held_out_labels_cannot_change_the_fit(warehouse_path):
    design = threat.design_matrix()
    alliances = design.cases["atopid"].to_numpy()
    held = np.isin(alliances, np.unique(alliances)[::5])
    train = ~held
    fitted = threat.fit_threat_model(design, train)
    # relabel every held-out case: its named state becomes some other candidate
    y = design.y.copy()
    for c in np.flatnonzero(held):
        rows = np.flatnonzero(design.case == c)
        y[rows] = np.roll(y[rows], 1)
    relabelled = type(design)(design.x, design.case, design.j, y, design.cases)
    refit = threat.fit_threat_model(relabelled, train)
    np.testing.assert_array_equal(fitted.coef, refit.coef)
    assert fitted.intercept == refit.intercept
    # the same relabelling does move a fit that includes those cases (so the check can fail)
    assert not np.allclose(threat.fit_threat_model(design).coef, threat.fit_threat_model(relabelled).coef)


def test_committed_weights_are_reproduced_by_the_fit(warehouse_path):
    committed = json.loads(threat.WEIGHTS_FILE.read_text())
    refit = threat.fit_threat_model(threat.design_matrix())
    assert committed["features"] == list(threat.FEATURES)
    assert committed["n_cases"] == refit.n_cases
    for name, value in zip(refit.features, refit.coef):
        assert committed["coef"][name] == pytest.approx(value, abs=1e-6), name
    assert "sources" in committed["provenance"]


def test_out_of_sample_hit_rates_beat_every_baseline(warehouse_path):
    result = threat.evaluate_threat_model(folds=10, n_boot=200)
    s = result.summary.set_index(["evaluation", "scorer"])
    cv = s.loc["leave_alliance_out"]
    # docs/capabilities_and_threat.md, leave-one-alliance-out: 0.489 / 0.791; these 10 folds (fixed seed, so
    # deterministic) measure 0.494 / 0.800, pinned as floors (before ln distance: 0.481 / 0.770 one-out)
    assert cv.loc["model", "top1"] >= 0.493 and cv.loc["model", "top3"] >= 0.799
    for baseline in threat.BASELINES:
        assert cv.loc["model", "top1"] > cv.loc[baseline, "top1"], baseline
        assert cv.loc["model", "top3"] > cv.loc[baseline, "top3"], baseline
    assert cv.loc["model", "top1_low"] < cv.loc["model", "top1"] < cv.loc["model", "top1_high"]
    # ties broken at random: distance alone cannot profit from the order of state codes
    assert cv.loc["distance_only", "top1"] < 0.15
    design = threat.design_matrix()  # random: m named among n candidates -> m / n
    expected = np.mean(np.bincount(design.case, weights=design.y) / np.bincount(design.case))
    assert cv.loc["random", "top1"] == pytest.approx(expected, rel=1e-9)
    # out of sample is not better than in sample
    assert cv.loc["model", "top1"] <= s.loc[("in_sample", "model"), "top1"]
    # every founding member is either evaluated or dropped with a reason
    founders = (
        Lookup.get()
        .con.execute("""SELECT count(DISTINCT (a.atopid, m.member)) FROM atop_alliances a
        JOIN atop_members m
        ON m.atopid = a.atopid AND m.yrent = a.begyr WHERE a.statthr1 IS NOT NULL""")
        .fetchone()[0]
    )
    assert len(result.cases) + len(result.dropped) == founders
    assert set(result.dropped["reason"]) <= set(threat.DROP_REASONS)
    assert len(result.cases) >= 230
    # an occupied state threatens no one: the treaties naming occupied Germany (Dunkirk 1947) are dropped
    dunkirk = result.dropped[result.dropped["atopid"] == 3055]
    assert len(dunkirk) == 2 and set(dunkirk["reason"]) == {"named_absent"}


def _top(year, state, k=3):
    lookup = Lookup.get()
    return [lookup.abbreviation(c) for c in threat.top_threats(year, state, k=k)["ccode2"]]


def test_historical_threat_rankings(warehouse_path):
    assert _top(1913, "FRN", 1) == ["GMY"]
    assert "GMY" in _top(1892, "RUS", 2)  # the Franco-Russian alliance's target
    assert _top(1938, "RUS", 1) != ["CHN"]
    # Anglo-Japanese alliance, 1902: Russia second behind France (a documented miss since the logarithmic
    # gradient favours the neighbour across the Channel), Germany third
    assert _top(1901, "UKG", 2) == ["FRN", "RUS"]
    canada = _top(1948, "CAN", 10)
    assert canada[0] == "RUS" and ("USA" not in canada or canada.index("USA") > 0)
    # Sino-Soviet treaty 1950: China's top threat is the USA; the USSR's is China (a documented miss since
    # occupied Japan, which threatens no one, left the candidates), the USA second
    assert _top(1949, "CHN", 1) == ["USA"] and _top(1949, "RUS", 2)[1] == "USA"
    assert "GMY" in _top(1913, "RUS", 3)
    # Warsaw Pact, 1955 (Romania and Bulgaria: Yugoslavia, and Albania: Greece, documented misses; Greece
    # did claim Northern Epirus and had not ended the state of war, but the treaty's reading is the West)
    for member in ("HUN", "CZE", "POL"):
        assert _top(1954, member, 1)[0] == "USA", member
    assert _top(1954, "ALB", 1) == ["GRC"]
    # occupied West Germany threatens no one: the Western Europeans' top threat in 1948 is the USSR
    for member in ("FRN", "NTH"):
        assert _top(1948, member, 1) == ["RUS"], member


def test_occupied_states_are_represented(warehouse_path):
    lookup = Lookup.get()
    present = threat.represented(lookup)["member"]
    japan, west, estonia = lookup.positions([740, 260, 366])
    assert present[1946 - YEAR0 : 1952 - YEAR0, japan].all()
    assert present[1946 - YEAR0 : 1955 - YEAR0, west].all()
    assert not present[1950 - YEAR0, estonia]  # annexed for 50 years: not represented
    assert _top(1950, "JPN", 1) == ["RUS"]  # US-Japan security treaty, 1951
    # a represented state decides and is threatened, but threatens no one (no forces of its own)
    cube = threat.threat_cube()
    assert np.isnan(cube[1950 - YEAR0, :, japan]).all()
    assert np.isfinite(cube[1950 - YEAR0, japan]).sum() > 50
    spells = {row["ccode"]: (row["first"], row["last"]) for row in threat.describe_represented(lookup)}
    assert spells[740] == (1946, 1951) and spells[260] == (1946, 1954)


def test_estimated_cube_contract(warehouse_path):
    cube = threat.threat_cube()
    one_year = threat.threat_scores(1950, 1950).set_index(["ccode1", "ccode2"])["threat"]  # scored directly
    lookup = Lookup.get()
    i, j = lookup.positions([2, 365])
    assert one_year.loc[(2, 365)] == pytest.approx(float(cube[1950 - YEAR0, i, j]), rel=1e-6)
    assert cube.shape[0] == threat.component_cubes()["pair"].shape[0]
    values = cube[~np.isnan(cube)]
    assert values.min() >= 0 and values.max() <= 1
    t = 1913 - YEAR0
    assert np.isnan(cube[t][np.eye(cube.shape[1], dtype=bool)]).all()
    changed = threat.threat_cube(weights={"allied": 2.0})
    assert not np.allclose(np.nan_to_num(changed[t]), np.nan_to_num(cube[t]))
    with pytest.raises(ParameterError, match="unknown feature"):
        threat.threat_cube(weights={"charisma": 1})
    with pytest.raises(ParameterError, match="no parameters"):
        threat.threat_cube(half_distance_km=500)
    model = threat.load_fitted()
    # the estimated gradient is steep near home (ln distance) and flatter for the great powers
    assert 0 < model.half_distance_km() < 1000 < model.half_distance_km(major=True)


def test_cli_validate_threat_and_top_threats(warehouse_path, tmp_path):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "measures",
            "validate-threat",
            "--folds",
            "5",
            "--boot",
            "100",
            "--dropped-out",
            str(tmp_path / "dropped.csv"),
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # rich wraps long lines at the terminal width
    assert "model" in text and "random" in text and "95% CI" in text
    assert "cases evaluated" in text and "dropped (" in text and "half distance" in text
    assert (tmp_path / "dropped.csv").exists()
    result = runner.invoke(
        app, ["measures", "top-threats", "1948", "CAN", "--k", "2", "--warehouse", str(warehouse_path)]
    )
    assert result.exit_code == 0, result.output
    assert "RUS" in result.output


def test_revealed_hostility_check(warehouse_path):
    table = threat.evaluate_revealed_hostility(start=1946, end=1960, n_boot=100).set_index("scorer")
    assert table["cases"].nunique() == 1 and table.loc["model", "cases"] > 100
    for k in ("top1", "top3"):  # documented full-range values: model 0.261 / 0.503 (behind disputes only)
        assert table.loc["model", k] > table.loc["random", k] and table.loc["model", k] > table.loc["power_only", k]
        assert table.loc["model", f"{k}_low"] <= table.loc["model", k] <= table.loc["model", f"{k}_high"]


def test_one_year_lookup_matches_the_full_computation(warehouse_path):
    # top_threats of one year builds no whole-panel base (distances of that year only, histories up to
    # it) and must give exactly the full computation's features and scores, occupied Japan 1950 too
    lookup = Lookup.get(warehouse_path)
    key = ("threat_base", float(threat.fitted_model().half_life))
    cube = threat.threat_cube(warehouse=warehouse_path)
    for year, state in ((1914, 255), (1914, 365), (1950, 2), (1950, 740), (1990, 710)):
        lookup.forget({key})
        fast = threat.top_threats(year, state, k=lookup.size, walt_components=False, warehouse=warehouse_path)
        assert key not in lookup.cache_keys()
        full = threat.features_at(lookup, [year - YEAR0])
        i = lookup.positions([state])[0]
        j = lookup.positions(fast["ccode2"].to_numpy())
        assert len(fast) == int(np.sum(~np.isnan(cube[year - YEAR0, i])))
        np.testing.assert_array_equal(fast["threat"].to_numpy(), cube[year - YEAR0, i, j].astype(np.float64))
        for name in threat.FEATURES:
            np.testing.assert_array_equal(fast[name].to_numpy(), full[name][0, i, j].astype(np.float64))
        # every form has the same present pairs, so the scores table holds represented Japan 1950 too
        scores = threat.threat_scores(year, year, warehouse=warehouse_path)
        scores = scores[scores["ccode1"] == state].set_index("ccode2")["threat"].dropna()
        assert sorted(scores.index) == sorted(fast["ccode2"])
        np.testing.assert_array_equal(scores.loc[fast["ccode2"]].to_numpy(), fast["threat"].to_numpy())
