"""Morrow and Snyder: survival and hazard machinery on synthetic data, indicators on the record."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import management


def test_cox_model_recovers_a_known_hazard_ratio():
    rng = np.random.default_rng(7)
    n = 4000
    x = rng.binomial(1, 0.5, size=n)
    duration = rng.exponential(1 / (0.1 * np.exp(0.7 * x)))
    censor = rng.uniform(0, 30, size=n)
    frame = pd.DataFrame({"duration": np.minimum(duration, censor), "ended": (duration <= censor).astype(int), "x": x})
    table = management.cox_model(frame, covariates=("x",))
    assert table.loc["x", "coef"] == pytest.approx(0.7, abs=0.08)
    with pytest.raises(ParameterError, match="no events"):
        management.cox_model(frame.assign(ended=0), covariates=("x",))


def test_kaplan_meier_median_of_an_exponential():
    rng = np.random.default_rng(3)
    durations = rng.exponential(10.0, size=5000)
    curves, medians = management.kaplan_meier(durations, np.ones(5000), np.array(["a"] * 5000))
    assert medians["a"] == pytest.approx(10 * np.log(2), rel=0.06)
    assert curves["a"]["survival"].is_monotonic_decreasing


def test_capability_hazard_recovers_a_known_effect():
    rng = np.random.default_rng(11)
    rows = []
    for atopid in range(1500):
        shock = rng.uniform()
        for age in range(1, 30):
            change = rng.uniform(0, 0.3) if shock > 0.5 else rng.uniform(0, 0.05)
            rows.append((atopid, age, change))
    data = pd.DataFrame(rows, columns=["atopid", "age", "cap_change"])
    data["year"] = 1900 + data["age"]
    data["log_age"] = np.log1p(data["age"])
    data["major_minor"] = (data["atopid"] % 2).astype(float)
    lagged = data.groupby("atopid")["cap_change"].shift(1).fillna(0.0)
    p = 1 / (1 + np.exp(-(-3.0 + 0.9 * (lagged >= 0.1))))
    data["terminated"] = rng.binomial(1, p)
    hazard = management.capability_change_hazard(data)
    table, rates = hazard.table, hazard.rates
    assert table.loc["large_change", "coef"] == pytest.approx(0.9, abs=0.2)
    assert rates["termination_rate"].iloc[1] > rates["termination_rate"].iloc[0]


@pytest.fixture(scope="module")
def alliances(warehouse_path):
    return management.alliance_table()


def test_alliance_table_on_the_record(alliances):
    assert len(alliances) == 745
    triple = alliances.set_index("atopid").loc[1350]
    assert triple["duration"] == 36 and triple["ended"] == 1 and triple["kind"] == "major-major"
    nato = alliances.set_index("atopid").loc[3180]
    assert nato["ended"] == 0 and nato["kind"] == "major-minor"
    assert ((alliances["cap_asymmetry"].dropna() > 0) & (alliances["cap_asymmetry"].dropna() <= 1)).all()


def test_formation_rates_and_survival(alliances):
    rates = management.formation_rates(1946, 1960)
    assert (rates["per_1000"].dropna() >= 0).all() and rates["new_ties"].sum() > 0
    result = management.survival(alliances)
    assert set(result.median_kind) == set(management.KINDS)
    # alliances with a member lacking CINC at founding (no cap_asymmetry) drop out of the Cox model
    complete = alliances.dropna(subset=["cap_asymmetry", "asymm"])
    assert result.cox.attrs["events"] == int(complete["ended"].sum())


def test_snyder_indicators_ranges(warehouse_path):
    indicators = management.snyder_indicators(1950, 1960)
    members, years = indicators.member_years, indicators.alliance_years
    assert set(members["commitment"].unique()) <= {0.0, 0.25, 0.5, 0.75, 1.0}
    for column in ("abandonment_risk", "entrapment_risk", "dependence"):
        values = members[column].dropna()
        assert ((values >= 0) & (values <= 1)).all()
    nato = years[(years["atopid"] == 3180) & (years["year"] == 1955)].iloc[0]
    assert nato["members"] == 15


def test_polarity_dating_and_split_models(warehouse_path):
    assert list(management.polarity_of([1914, 1946, 1991, 1992])) == ["multipolar", "bipolar", "bipolar", "unipolar"]
    years = management.snyder_indicators(1900, 2010).alliance_years
    table = management.snyder_by_polarity(years)
    assert set(table["polarity"]) == {"multipolar", "bipolar", "unipolar"}
    assert (table.groupby("polarity")["indicator"].size() == 4).all()
