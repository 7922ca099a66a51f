"""Detente detection: synthetic series and the USA-USSR 1970s on the real record."""

import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import detente


def _series(values, dyad=1002):
    return pd.DataFrame(
        {
            "dyad": dyad,
            "ccode1": 1,
            "ccode2": 2,
            "rivalry": "x",
            "year": range(1900, 1900 + len(values)),
            "tension": values,
        }
    )


def test_sustained_fall_is_a_period_and_a_dip_is_not():
    values = [1.0, 1.0, 1.0, 0.2, 0.1, 0.0, -0.1, 0.9, 1.0, 1.0]
    periods = detente.detente_periods(_series(values)).periods
    assert len(periods) == 1
    assert (periods.iloc[0]["start"], periods.iloc[0]["end"]) == (1903, 1906)
    dip = [1.0, 1.0, 0.0, 1.0, 1.0, 1.0]
    periods = detente.detente_periods(_series(dip)).periods
    assert periods.empty


def test_two_rivalry_spells_of_one_dyad_are_separate_series():
    early = _series([3.0, 3.0, 3.0, 3.0]).assign(series=1)
    late = _series([0.0, 0.0, 0.0, 0.0]).assign(series=2, year=range(1950, 1954))
    both = pd.concat([early, late], ignore_index=True)
    # read as one series, the later spell's low level looks like a fall from the earlier spell's peak
    periods = detente.detente_periods(both.drop(columns="series")).periods
    assert len(periods) == 1
    periods = detente.detente_periods(both).periods
    assert periods.empty


def test_bad_input():
    with pytest.raises(ParameterError, match="missing column"):
        detente.detente_periods(pd.DataFrame({"dyad": [1], "year": [1900]}))
    with pytest.raises(ParameterError, match="unknown parameter"):
        detente.detente(speed=3)


def test_usa_ussr_detente_in_the_1970s(warehouse_path):
    result = detente.detente()
    flagged, periods, changes = result.flagged, result.periods, result.changes
    us_ussr = periods[periods["dyad"] == 2365]
    assert ((us_ussr["start"] <= 1972) & (us_ussr["end"] >= 1975)).any()
    assert flagged["tension"].notna().all()
    assert len(changes) == 2 * len(periods)
