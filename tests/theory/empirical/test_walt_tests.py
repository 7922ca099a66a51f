"""Walt's propositions: the regression machinery on synthetic data, the shares on the real record."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import balancing, walt_tests


def test_fit_logit_recovers_a_known_effect():
    rng = np.random.default_rng(4)
    n = 6000
    x = rng.normal(size=n)
    w = rng.binomial(1, 0.4, size=n)
    group = rng.integers(0, 300, size=n)
    p = 1 / (1 + np.exp(-(-0.5 + 1.0 * x - 0.8 * w)))
    frame = pd.DataFrame({"y": rng.binomial(1, p), "x": x, "w": w, "g": group})
    table = walt_tests.fit_logit(frame, "y", ["x", "w"], cluster="g").table
    assert table.loc["x", "coef"] == pytest.approx(1.0, abs=0.12)
    assert table.loc["w", "coef"] == pytest.approx(-0.8, abs=0.15)
    # average marginal effect of x equals mean p(1-p) * beta
    fitted = 1 / (1 + np.exp(-(table.loc["const", "coef"] + table.loc["x", "coef"] * x + table.loc["w", "coef"] * w)))
    assert table.loc["x", "ame"] == pytest.approx(np.mean(fitted * (1 - fitted)) * table.loc["x", "coef"], rel=1e-6)
    assert table.attrs["n"] == n


def test_fit_logit_rejects_bad_input():
    frame = pd.DataFrame({"y": [0, 1, 0], "x": [1.0, 2.0, 3.0]})
    with pytest.raises(ParameterError, match="missing column"):
        walt_tests.fit_logit(frame, "y", ["z"])
    with pytest.raises(ParameterError, match="one value"):
        walt_tests.fit_logit(frame.assign(y=0), "y", ["x"])


@pytest.fixture(scope="module")
def classified(warehouse_path):
    return balancing.classify()


def test_shares_by_era_and_region(classified):
    shares = walt_tests.walt_shares(classified)
    assert shares.era["decisions"].sum() == len(classified)
    assert list(shares.era["era"].astype(str)) == ["pre-1914", "1914-1945", "Cold War", "post-1991"]
    me = shares.middle_east_1955_1979.iloc[0]
    assert me["decisions"] > 30
    # Walt's first proposition holds on the default rule: balancing outnumbers bandwagoning
    assert shares.overall.iloc[0]["ci_low"] > 0.5


def test_bandwagoning_model_on_the_record(classified):
    table, data = walt_tests.bandwagoning_model(classified)
    assert set(walt_tests.COVARIATES) <= set(table.index)
    assert table.attrs["n"] > 1000
    assert data["bandwagon"].isin([0, 1]).all()
    assert (data["available_allies"] >= 0).all()


def test_ideology_vs_threat_runs_on_a_decade(warehouse_path):
    result = walt_tests.ideology_vs_threat(1950, 1965)
    assert list(result["lr_tests"]["df"]) == [2, 2]
    both = result["tables"]["both"]
    assert {"polity_similarity", "shared_threat", "mutual_threat"} <= set(both.index)
    assert result["data"]["onset"].sum() > 10
