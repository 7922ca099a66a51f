"""ThreatParams: checked on construction; the older keyword call equals the dataclass call on the 1950 scores."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.measures import threat


@pytest.mark.parametrize(
    "field, value, expected",
    [("half_distance_km", 0.5, r"\[1.0, 1000000.0\]"), ("dispute_half_life", float("inf"), "finite")],
)
def test_a_bad_value_names_the_field(field, value, expected):
    with pytest.raises(ParameterError, match=f"parameter {field}=.*{expected}"):
        threat.ThreatParams(**{field: value})


def test_defaults_mapping_and_unknown_keywords():
    assert dict(threat.DEFAULTS) == threat.ThreatParams().to_dict()
    with pytest.raises(ParameterError, match=r"unknown threat parameter\(s\) \['half_distance'\]"):
        threat.threat_cube(form="additive", half_distance=500)


def test_old_keywords_equal_the_dataclass_on_1950_scores(warehouse_path):
    old = threat.threat_scores(1950, 1950, form="additive", half_distance_km=500.0, dispute_half_life=5.0)
    params = threat.ThreatParams(half_distance_km=500.0, dispute_half_life=5.0)
    new = threat.threat_scores(1950, 1950, form="additive", params=params)
    assert len(new) > 1000
    assert old.equals(new)
    # the parameters reach the components: a shorter half distance lowers proximity
    default = threat.threat_scores(1950, 1950, form="additive")
    far = default["proximity"] < 0.9
    assert (new.loc[far, "proximity"].to_numpy() <= default.loc[far, "proximity"].to_numpy() + 1e-6).all()
    assert not np.allclose(new["threat"], default["threat"], equal_nan=True)
    # the estimated form takes none, in either style
    with pytest.raises(ParameterError, match="no parameters"):
        threat.top_threats(1950, 2, params=params)
