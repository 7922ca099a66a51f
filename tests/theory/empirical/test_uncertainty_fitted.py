"""Label uncertainty of the fitted projected forms: weight draws centred on the fitted weights, at the fitted
half distance(s) and dispute half-life, reproducible with a seed."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.measures import threat
from alliancelab.theory.empirical import balancing


def _codes(values):
    """State codes as integers, -1 for none."""
    return np.array([-1 if pd.isna(v) else int(v) for v in values])


@pytest.fixture(scope="module")
def table(warehouse_path):
    # NATO 1949, the Warsaw Pact 1955, the Dual Alliance 1879 and the Franco-Russian alliance
    return balancing.decisions().query("atopid in (1335, 1405, 3180, 3285)").reset_index(drop=True)


@pytest.mark.parametrize("weights", ["fitted", "fitted_two"])
def test_draw_centre_is_the_fit(weights):
    fit = threat.load_projected_fit() if weights == "fitted" else threat.load_projected_two_fit()
    centre, fixed = balancing.draw_centre("projected", weights)
    assert centre == fit.weights
    assert fixed == fit.params()
    # given threat parameters override the fit's, as in threat_cube
    _, fixed = balancing.draw_centre("projected", weights, {"dispute_half_life": 20.0})
    assert fixed["dispute_half_life"] == 20.0 and fixed["half_distance_km"] == fit.half_distance_km


def test_draws_centre_on_the_fitted_weights():
    centre, _ = balancing.draw_centre("projected", "fitted")
    draws = balancing.weight_draws(4000, spread=2.0, seed=0, base=centre)
    for name, value in centre.items():
        logs = np.log([d[name] for d in draws]) - np.log(value)
        assert abs(logs.mean()) < 0.03  # u ~ U(-ln 2, ln 2): mean 0, standard error 0.4 / sqrt(4000)
        assert logs.min() >= -np.log(2) - 1e-12 and logs.max() <= np.log(2) + 1e-12


def test_label_uncertainty_with_fitted_weights_is_centred_and_reproducible(table):
    fit = threat.load_projected_fit()
    first = balancing.label_uncertainty(table, draws=3, spread=2.0, seed=5, weights="fitted")
    again = balancing.label_uncertainty(table, draws=3, spread=2.0, seed=5, weights="fitted")
    assert first.attrs["centre"] == fit.weights
    assert first.attrs["threat_params"] == fit.params()
    assert first.attrs["draws"] == balancing.weight_draws(3, 2.0, 5, fit.weights)
    assert first.attrs["draws"] == again.attrs["draws"]
    assert first.equals(again)
    shares = first["modal_alignment"].value_counts(normalize=True)
    assert shares.equals(again["modal_alignment"].value_counts(normalize=True))
    other = balancing.label_uncertainty(table, draws=3, spread=2.0, seed=6, weights="fitted")
    assert other.attrs["draws"] != first.attrs["draws"]


@pytest.mark.parametrize("weights", ["fitted", "fitted_two"])
def test_draws_without_spread_reproduce_the_fitted_classification(warehouse_path, weights):
    """With spread 1 every draw is the centre: the labels and threats must be the fitted form's exactly, which
    holds only if the draws are classified at the fitted gradient and half-life, not the hand-set ones."""
    decisions = balancing.decisions()
    fitted = balancing.classify(decisions, weights=weights)
    still = balancing.label_uncertainty(decisions, draws=1, spread=1.0, weights=weights)
    assert (still["stability"] == 1).all()
    assert (still["modal_alignment"].to_numpy() == fitted["alignment"].to_numpy()).all()
    assert (_codes(still["modal_threat"]) == _codes(fitted["alignment_threat"])).all()
    # the same weights at the hand-set gradient and half-life give other threats for some decisions
    centre, _ = balancing.draw_centre("projected", weights)
    handset_gradient = balancing.classify(decisions, weights=centre)
    assert (_codes(handset_gradient["alignment_threat"]) != _codes(fitted["alignment_threat"])).any()


def test_rule_threat_params_are_checked():
    assert balancing.RuleParams(threat_params={"half_distance_km": 1000.0}).threat_params is None  # the default
    params = balancing.RuleParams(threat_params=threat.ThreatParams(half_distance_km=4000.0))
    assert params.threat_params == {"half_distance_km": 4000.0}
    with pytest.raises(ParameterError, match="threat_params"):
        balancing.RuleParams(threat_params=5)
    with pytest.raises(ParameterError, match="half_distance_km"):
        balancing.RuleParams(threat_params={"half_distance_km": -1.0})
    with pytest.raises(ParameterError, match="estimated"):
        balancing.RuleParams(form="estimated", threat_params={"half_distance_km": 4000.0})
    with pytest.raises(ParameterError, match="form='additive'"):
        balancing.label_uncertainty(balancing.decisions().head(2), draws=1, weights="fitted", form="additive")
