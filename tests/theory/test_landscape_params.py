"""LandscapeDataParams: checked on construction; the older dict call of build_system equals the dataclass call."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory import landscape_data as D

EUROPE_1914 = "GMY AUH ITA UKG FRN RUS"


@pytest.mark.parametrize(
    "field, value, expected",
    [("war_years", 0, r"\[1, 200\]"), ("dispute_half_life", 0.0, r"\[0.1, 1000.0\]"), ("size_years", 1.5, "integer")],
)
def test_a_bad_value_names_the_field(field, value, expected):
    with pytest.raises(ParameterError, match=f"parameter {field}=.*{expected}"):
        D.LandscapeDataParams(**{field: value})


def test_defaults_mapping_matches_the_dataclass():
    assert dict(D.DEFAULT_PARAMS) == D.LandscapeDataParams().to_dict()
    assert {**D.DEFAULT_PARAMS, "war_years": 30}["war_years"] == 30
    with pytest.raises(TypeError):
        D.DEFAULT_PARAMS["war_years"] = 30


def test_old_dict_call_equals_dataclass_call_in_1914(warehouse_path):
    old = D.build_system(EUROPE_1914, 1914, params={"war_years": 30, "size_years": 5}, warehouse=warehouse_path)
    params = D.LandscapeDataParams(war_years=30, size_years=5)
    new = D.build_system(EUROPE_1914, 1914, params=params, warehouse=warehouse_path)
    assert new.params == params and old.params == params
    np.testing.assert_array_equal(old.sizes, new.sizes)
    for name in D.COMPONENTS:  # equal up to the summation order of DuckDB's parallel aggregates
        np.testing.assert_allclose(old.components[name], new.components[name], rtol=0, atol=1e-12)
    # the windows reach the builders: a 5-year CINC mean differs from the 1914 value
    default = D.build_system(EUROPE_1914, 1914, warehouse=warehouse_path)
    assert default.params == D.LandscapeDataParams()
    assert not np.allclose(default.sizes, new.sizes)
    # older dict-style reads of System.params keep working
    assert new.params["war_years"] == 30 and dict(new.params)["size_years"] == 5


def test_unknown_window_names_it(warehouse_path):
    with pytest.raises(ParameterError, match=r"unknown landscape data parameter\(s\) \['waryears'\]"):
        D.build_system(EUROPE_1914, 1914, params={"waryears": 3}, warehouse=warehouse_path)
