"""Metrics against scikit-learn on toy data, split logic, and the estimator's scikit-learn contract."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from alliancelab.errors import ParameterError
from alliancelab.predict.evaluation import (
    Split,
    brier,
    calibration_table,
    holdout_split,
    pr_auc,
    roc_auc,
    rolling_origin_splits,
    year_bootstrap,
)
from alliancelab.predict.features import BASELINE
from alliancelab.predict.models import AlliancePredictor


@pytest.mark.parametrize("seed", range(5))
def test_metrics_match_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    y = (rng.random(400) < 0.1).astype(float)
    p = np.round(rng.random(400) * 0.5 + 0.4 * y, 2)  # rounded: many ties
    assert roc_auc(y, p) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert pr_auc(y, p) == pytest.approx(average_precision_score(y, p), abs=1e-12)
    assert brier(y, p) == pytest.approx(brier_score_loss(y, p), abs=1e-12)


def test_random_ranking_scores_the_base_rate():
    rng = np.random.default_rng(0)
    y = (rng.random(200_000) < 0.01).astype(float)
    assert pr_auc(y, rng.random(len(y))) == pytest.approx(y.mean(), rel=0.15)
    assert roc_auc(y, rng.random(len(y))) == pytest.approx(0.5, abs=0.02)
    assert pr_auc(y, y) == 1.0


def test_calibration_table_counts_every_row():
    rng = np.random.default_rng(1)
    p = rng.random(1000)
    y = (rng.random(1000) < p).astype(float)
    table = calibration_table(y, p, bins=10)
    assert table["n"].sum() == 1000
    assert np.allclose(table["observed"], table["mean_predicted"], atol=0.12)  # calibrated by construction


def test_no_test_year_in_training():
    years = np.arange(1816, 2016)
    table = pd.DataFrame({"year": years})
    for split in rolling_origin_splits() + [holdout_split()]:
        train, test = split.train_mask(table), split.test_mask(table)
        label_train, label_test = years[train] + 1, years[test] + 1
        assert label_train.max() <= split.train_end < label_test.min()
        assert not set(years[train]) & set(years[test])  # no feature year either
        assert label_test.min() == split.test_start and label_test.max() == split.test_end
    splits = rolling_origin_splits()
    assert splits[0].train_end == 1850 and splits[-1].test_end == 2016
    assert holdout_split().test_start == 1991 and holdout_split().test_end == 2016
    with pytest.raises(ParameterError, match="train_end < test_start"):
        Split("bad", 1990, 1990, 2000)


def _toy(n=6000, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({c: rng.normal(size=n) for c in BASELINE})
    logit = -4.5 + 1.2 * X["polity_distance"] - 0.8 * X["capdist_log"]
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    return X, y.to_numpy()


def test_estimator_follows_the_scikit_learn_contract():
    X, y = _toy()
    model = AlliancePredictor("baseline", C=1.0)
    assert clone(model).get_params()["model"] == "baseline"
    fitted = model.fit(X, y)
    proba = fitted.predict_proba(X)
    assert proba.shape == (len(X), 2) and np.allclose(proba.sum(axis=1), 1)
    assert fitted.score(X, y) == pytest.approx(average_precision_score(y, proba[:, 1]))
    with pytest.raises(ParameterError, match="missing feature columns"):
        fitted.predict_proba(X.drop(columns="capdist_log"))
    with pytest.raises(ParameterError, match="model"):
        AlliancePredictor("svm").fit(X, y)


def test_negative_subsampling_is_reweighted():
    """Keeping 10% of negatives with weight 10 gives about the full-sample probabilities (not 10x larger)."""
    X, y = _toy(60_000)
    full = AlliancePredictor("baseline").fit(X, y).predict_proba(X)[:, 1]
    sub = AlliancePredictor("baseline", negative_fraction=0.1).fit(X, y).predict_proba(X)[:, 1]
    assert sub.mean() == pytest.approx(full.mean(), rel=0.15)
    assert sub.mean() == pytest.approx(y.mean(), rel=0.2)


def test_year_bootstrap_resamples_whole_years():
    frame = pd.DataFrame({"year": np.repeat([1, 2, 3], 50), "y": np.tile([1.0, 0.0], 75), "a": np.tile([0.9, 0.1], 75)})
    assert np.allclose(year_bootstrap(frame, ["a"], draws=20), 1.0)


def test_weighted_bootstrap_equals_explicit_resampling():
    rng = np.random.default_rng(3)
    years = np.repeat(np.arange(10), 60)
    y = (rng.random(600) < 0.1).astype(float)
    frame = pd.DataFrame({"year": years, "y": y, "a": np.round(rng.random(600) + 0.3 * y, 2)})
    fast = year_bootstrap(frame, ["a"], draws=5, seed=7)[:, 0]
    draws = np.random.default_rng(7)
    explicit = []
    for _ in range(5):
        chosen = draws.integers(0, 10, 10)
        idx = np.concatenate([np.flatnonzero(years == k) for k in chosen])
        explicit.append(average_precision_score(y[idx], frame["a"].to_numpy()[idx]))
    np.testing.assert_allclose(fast, explicit, atol=1e-12)


def test_feature_contributions_add_up_to_the_group_contribution_for_a_logit():
    """For a logit the occlusion contribution is linear, so a group's is the sum of its features'."""
    X, y = _toy()
    model = AlliancePredictor("baseline", C=1.0).fit(X, y)
    groups = model.contributions(X.iloc[:50])
    features = model.contributions(X.iloc[:50], by="feature")
    assert list(features.columns) == model.fit_columns_
    from alliancelab.predict.features import GROUPS

    for group in groups.columns:
        used = [c for c in GROUPS[group] if c in features.columns]
        np.testing.assert_allclose(features[used].sum(axis=1), groups[group], atol=1e-9)
    # the fitted effect of polity_distance is positive, so pairs above its median get a positive contribution
    above = X["polity_distance"].iloc[:50] > model.reference_["polity_distance"]
    assert (features.loc[above, "polity_distance"] > 0).all()
    with pytest.raises(ParameterError, match="by"):
        model.contributions(X, by="pair")
