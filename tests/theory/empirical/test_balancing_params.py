"""RuleParams and AlignmentParams: checked on construction; the older keyword call equals the dataclass call."""

import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import balancing


@pytest.mark.parametrize(
    "cls, field, value, expected",
    [
        (balancing.RuleParams, "form", "psychic", "expected one of"),
        (balancing.RuleParams, "lag", 11, r"\[0, 10\]"),
        (balancing.RuleParams, "own_top_k", 1.5, "integer"),
        (balancing.RuleParams, "use_named", "yes", "True or False"),
        (balancing.RuleParams, "weights", 3, "mapping"),
        (balancing.AlignmentParams, "dominance_ratio", 0.5, r"\[1.0, 1000.0\]"),
        (balancing.AlignmentParams, "coercion_window", -1, r"\[0, 100\]"),
    ],
)
def test_a_bad_value_names_the_field(cls, field, value, expected):
    with pytest.raises(ParameterError, match=f"parameter {field}=.*{expected}"):
        cls(**{field: value})


def test_defaults_mappings_match_the_dataclasses():
    assert dict(balancing.DEFAULTS) == balancing.RuleParams().to_dict()
    assert dict(balancing.ALIGNMENT_DEFAULTS) == balancing.AlignmentParams().to_dict()
    assert dict(balancing.DEFAULTS, lag=0)["lag"] == 0
    with pytest.raises(TypeError):
        balancing.DEFAULTS["lag"] = 0


def test_keywords_split_between_the_two_classes():
    rule, alignment = balancing.split_parameters(balancing.RuleParams(lag=0), None, {"dominance_ratio": 2.0})
    assert rule == balancing.RuleParams(lag=0) and alignment == balancing.AlignmentParams(dominance_ratio=2.0)
    with pytest.raises(ParameterError, match=r"unknown rule parameter\(s\) \['threshold'\]"):
        balancing.split_parameters(overrides={"threshold": 3})
    with pytest.raises(ParameterError, match="expected RuleParams"):
        balancing.classify(params=balancing.AlignmentParams())


def test_old_keywords_equal_the_dataclasses_on_nato_1949(warehouse_path):
    nato = balancing.decisions().query("atopid == 3180 and year == 1949")
    old = balancing.classify(nato, own_top_k=1, exclude_allies="any", dominance_ratio=2.0)
    new = balancing.classify(
        nato,
        params=balancing.RuleParams(own_top_k=1, exclude_allies="any"),
        alignment_params=balancing.AlignmentParams(dominance_ratio=2.0),
    )
    assert len(new) == len(nato) >= 10
    assert old.equals(new)
    assert old.attrs["parameters"] == new.attrs["parameters"]
    assert new.attrs["parameters"]["own_top_k"] == 1 and new.attrs["parameters"]["dominance_ratio"] == 2.0
    # the Western Europeans balance the USSR either way
    assert (new.set_index("member").loc[[200, 220], "label"] == "balancing").all()
