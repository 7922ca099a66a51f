"""DetenteParams: checked on construction, copied with replace, and the old keyword call gives the same result."""

import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import detente


@pytest.mark.parametrize(
    "field, value, expected",
    [("window", 0, r"\[1, 30\]"), ("drop", -0.1, r"\[0.0, inf\]"), ("smooth", 2.5, "integer"), ("min_years", "3", "")],
)
def test_a_bad_value_names_the_field(field, value, expected):
    with pytest.raises(ParameterError, match=f"parameter {field}=.*{expected}"):
        detente.DetenteParams(**{field: value})


def test_replace_checks_and_keeps_the_rest():
    params = detente.DetenteParams(drop=0.7)
    assert params.replace(window=4) == detente.DetenteParams(drop=0.7, window=4)
    with pytest.raises(ParameterError, match="window"):
        params.replace(window=99)
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) \['speed'\]"):
        params.replace(speed=1)


def test_defaults_mapping_is_read_only_and_matches_the_dataclass():
    assert dict(detente.DEFAULTS) == detente.DetenteParams().to_dict()
    with pytest.raises(TypeError):
        detente.DEFAULTS["drop"] = 1.0


def test_old_keywords_equal_the_dataclass_for_usa_ussr(warehouse_path):
    old = detente.detente(drop=0.7, window=4)
    new = detente.detente(params=detente.DetenteParams(drop=0.7, window=4))
    us_ussr_old = old.periods[old.periods["dyad"] == 2365].reset_index(drop=True)
    us_ussr_new = new.periods[new.periods["dyad"] == 2365].reset_index(drop=True)
    assert not us_ussr_new.empty
    assert us_ussr_old.equals(us_ussr_new)
    # keywords apply on top of params
    mixed = detente.detente(params=detente.DetenteParams(drop=0.7), window=4)
    assert mixed.periods.equals(new.periods)
    # and a change of parameter changes the result (the parameters reach the rule)
    default = detente.detente()
    assert not default.periods.equals(new.periods)


def test_tension_index_and_detente_periods_take_params(warehouse_path):
    import pandas.testing as pdt

    signals = detente.rival_dyad_years(warehouse_path)
    old = detente.tension_index(signals, smooth=5)
    new = detente.tension_index(signals, params=detente.DetenteParams(smooth=5))
    pdt.assert_frame_equal(old, new)
    assert not old["tension"].equals(detente.tension_index(signals)["tension"])  # smooth matters
    old_periods = detente.detente_periods(old, 4, 0.7, 2).periods
    params = detente.DetenteParams(window=4, drop=0.7, min_years=2)
    pdt.assert_frame_equal(old_periods, detente.detente_periods(old, params=params).periods)
    # keywords given with params apply on top of it
    pdt.assert_frame_equal(old_periods, detente.detente_periods(old, drop=0.7, params=params.replace(drop=0.1)).periods)
    with pytest.raises(ParameterError, match="parameter min_years=0"):
        detente.detente_periods(old, params={"min_years": 0})
