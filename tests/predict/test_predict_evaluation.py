"""Out-of-sample sanity on the real data: the models beat the base rate, known onsets rank high."""

import numpy as np
import pytest

from alliancelab.predict.evaluation import fit_predict, holdout_split, pr_auc, rank_year
from alliancelab.predict.features import prediction_table


@pytest.fixture(scope="module")
def table(warehouse_path):
    return prediction_table(warehouse=str(warehouse_path))


@pytest.mark.parametrize("model", ["network", "boosting"])
def test_holdout_pr_auc_beats_the_base_rate(table, model):
    _, pred = fit_predict(table, holdout_split(), "onset_any", model)
    assert pred["year"].min() + 1 == 1991 and pred["year"].max() + 1 == 2016
    base = pred["y"].mean()
    assert 0.001 < base < 0.05
    assert pr_auc(pred["y"], pred["p"]) > 4 * base


def test_nato_onsets_rank_high_in_1949(table, warehouse_path):
    """NATO (April 1949) creates new alliance ties between the USA and Western Europe; a model trained on
    1816-1948 only ranks most of these pairs in the top decile of the ~2,300 candidate pairs of 1949."""
    usa_uk = table[(table["ccode1"] == 2) & (table["ccode2"] == 200) & (table["year"] == 1948)]
    assert usa_uk["onset_any"].iloc[0] == 1 and usa_uk["onset_defense"].iloc[0] == 1
    result = rank_year(1949, top=100_000, model="boosting", table=table, warehouse=str(warehouse_path))
    ranking = result.ranking
    nato = {(2, 200), (2, 220), (2, 210), (2, 211), (2, 325), (2, 385), (2, 390), (2, 395), (20, 200)}
    pairs = set(zip(ranking["ccode1"], ranking["ccode2"]))
    nato &= pairs  # pairs not already allied in 1948
    assert len(nato) >= 5
    ranks = ranking.set_index(["ccode1", "ccode2"])["rank"]
    percentile = np.array([ranks[p] for p in nato]) / len(ranking)
    assert np.median(percentile) < 0.10  # a random ranking puts the median near 0.5
    assert result.ranking["observed"].isin([0.0, 1.0]).all()


def test_forecast_beyond_the_data(table, warehouse_path):
    result = rank_year(2017, top=5, model="network", table=table, warehouse=str(warehouse_path))
    assert len(result.ranking) == 5 and result.onsets == -1
    assert result.ranking["observed"].isna().all()
    assert (np.diff(result.ranking["probability"]) <= 0).all()


def test_evaluation_defaults_are_the_params_dataclass_read_only():
    from alliancelab.errors import ParameterError
    from alliancelab.predict.evaluation import DEFAULTS, EvaluationParams

    assert dict(DEFAULTS) == EvaluationParams().to_dict()
    assert DEFAULTS["holdout_end"] == 1990 and DEFAULTS["bootstrap"] == 200
    with pytest.raises(TypeError):
        DEFAULTS["step"] = 5
    with pytest.raises(ParameterError, match="parameter negative_fraction=0.0"):
        EvaluationParams(negative_fraction=0.0)
    with pytest.raises(ParameterError, match=r"unknown evaluation parameter\(s\) \['folds'\]"):
        EvaluationParams().replace(folds=3)
