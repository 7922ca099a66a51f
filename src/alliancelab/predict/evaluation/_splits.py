"""Temporal splits stated in label years (rolling origins, the fixed holdout) and one fit-and-predict on a split."""

from dataclasses import dataclass

import numpy as np

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR
from alliancelab.predict.evaluation._params import EvaluationParams
from alliancelab.predict.features import TARGETS
from alliancelab.predict.models import AlliancePredictor

# The defaults as a read-only mapping (the older dict-style name; kept so old code keeps working).
DEFAULTS = EvaluationParams.defaults()


# ---------------------------------------------------------------- splits
@dataclass(frozen=True)
class Split:
    """Train on label years <= train_end; test on label years test_start..test_end (label = feature year + 1).

    Parameters
    ----------
    name : str
    train_end : int
    test_start, test_end : int
        Label years of the test rows (train_end < test_start <= test_end).

    Examples
    --------
    >>> Split("holdout", 1990, 1991, 2016).test_start
    1991
    """

    name: str
    train_end: int
    test_start: int
    test_end: int

    def __post_init__(self):
        if not self.train_end < self.test_start <= self.test_end:
            raise ParameterError(
                f"split {self.name}: expected train_end < test_start <= test_end, got "
                f"{self.train_end}, {self.test_start}, {self.test_end}"
            )

    def train_mask(self, table):
        return (table["year"].to_numpy() + 1) <= self.train_end

    def test_mask(self, table):
        label = table["year"].to_numpy() + 1
        return (label >= self.test_start) & (label <= self.test_end)


def rolling_origin_splits(
    first_origin=DEFAULTS["first_origin"], last_year=LAST_YEAR, step=DEFAULTS["step"], horizon=DEFAULTS["horizon"]
):
    """Origins T = first_origin, first_origin + step, ... < last_year; test T+1..min(T+horizon, last_year).

    Parameters
    ----------
    first_origin : int, default 1850
    last_year : int, default the last year of the data
    step : int, default 20
    horizon : int, default 20

    Returns
    -------
    list of Split

    Examples
    --------
    >>> [s.name for s in rolling_origin_splits(1850, 1900)]
    ['origin 1850', 'origin 1870', 'origin 1890']
    """
    check_range("first_origin", first_origin, FIRST_YEAR + 2, LAST_YEAR - 1)
    check_range("step", step, 1, None)
    check_range("horizon", horizon, 1, None)
    return [Split(f"origin {t}", t, t + 1, min(t + horizon, last_year)) for t in range(first_origin, last_year, step)]


def holdout_split(train_end=DEFAULTS["holdout_end"], last_year=LAST_YEAR):
    """The fixed holdout: train to ``train_end``, test train_end+1..last_year.

    Parameters
    ----------
    train_end : int, default 1990
    last_year : int, default the last year of the data

    Returns
    -------
    Split

    Examples
    --------
    >>> holdout_split(1990, 2016).name
    'holdout 1991-2016'
    """
    return Split(f"holdout {train_end + 1}-{last_year}", train_end, train_end + 1, last_year)


# ---------------------------------------------------------------- one fit on a split
def _rows(table, target, mask):
    y = table[target].to_numpy()
    return mask & ~np.isnan(y)


def fit_predict(
    table,
    split,
    target="onset_any",
    model="boosting",
    groups=None,
    negative_fraction=DEFAULTS["negative_fraction"],
    random_state=0,
):
    """Fit on the split's training rows, predict its test rows.

    Parameters
    ----------
    table : pandas.DataFrame
        ``prediction_table`` output.
    split : Split
    target : str, default "onset_any"
    model : str, default "boosting"
        One of ``MODELS``.
    groups : list of str, optional
        Feature groups (default all).
    negative_fraction : float, default 0.05
        Share of negative training rows kept (reweighted).
    random_state : int, default 0

    Returns
    -------
    tuple
        (fitted AlliancePredictor, test DataFrame with y and p).
    """
    check_choice("target", target, TARGETS)
    train = _rows(table, target, split.train_mask(table))
    test = _rows(table, target, split.test_mask(table))
    estimator = AlliancePredictor(model, groups=groups, negative_fraction=negative_fraction, random_state=random_state)
    estimator.fit(table[train], table[target].to_numpy()[train])
    out = table.loc[test, ["ccode1", "ccode2", "year"]].reset_index(drop=True)
    out["y"] = table[target].to_numpy()[test]
    out["p"] = estimator.predict_proba(table[test])[:, 1]
    return estimator, out
