"""The parameter base class: field checks, replace, resolve (the older keyword call), mapping-style reads."""

from dataclasses import dataclass

import pytest

from alliancelab.errors import ParameterError
from alliancelab.parameters import Parameters, param


@dataclass(frozen=True)
class Demo(Parameters):
    _what = "demo parameter"

    k: int = param(2, "a count", 1, 10)
    share: float = param(0.5, "a share", 0.0, 1.0)
    form: str = param("a", "a choice", choices=("a", "b"))
    flag: bool = param(True, "a switch")


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"k": 0}, r"parameter k=0: expected a value in \[1, 10\]"),
        ({"k": 2.5}, "parameter k=2.5: expected an integer"),
        ({"k": True}, "parameter k=True: expected an integer"),
        ({"share": float("nan")}, "parameter share=nan: expected a finite number"),
        ({"share": "x"}, "parameter share='x': expected a number"),
        ({"form": "c"}, r"parameter form='c': expected one of \['a', 'b'\]"),
        ({"flag": 1}, "parameter flag=1: expected True or False"),
    ],
)
def test_bad_values_name_the_field_and_what_was_expected(changes, expected):
    with pytest.raises(ParameterError, match=expected):
        Demo(**changes)


def test_values_are_normalised_and_frozen():
    demo = Demo(k=3.0, share=1)
    assert demo.k == 3 and isinstance(demo.k, int) and isinstance(demo.share, float)
    with pytest.raises(AttributeError):
        demo.k = 4


def test_resolve_maps_old_keywords_and_refuses_unknown_names():
    assert Demo.resolve() == Demo()
    assert Demo.resolve(Demo(k=4), {"share": 0.1}) == Demo(k=4, share=0.1)
    assert Demo.resolve({"k": 4}) == Demo(k=4)
    with pytest.raises(ParameterError, match=r"unknown demo parameter\(s\) \['kk'\]"):
        Demo.resolve(None, {"kk": 1})
    with pytest.raises(ParameterError, match="expected Demo"):
        Demo.resolve(3)


def test_mapping_style_reads_and_defaults():
    demo = Demo(k=4)
    assert demo["k"] == 4 and "share" in demo and "x" not in demo
    assert dict(demo) == demo.to_dict() == {**demo}
    assert demo.get("x", 7) == 7
    with pytest.raises(KeyError):
        demo["x"]
    assert dict(Demo.defaults()) == Demo().to_dict()
    assert [row[0] for row in Demo.table()] == ["k", "share", "form", "flag"]


def test_keywords_decorator_takes_params_with_keywords_on_top():
    @Demo.keywords
    def f(x, k=2, share=0.5, params=None):
        return x, k, share

    assert f(1) == (1, 2, 0.5)
    assert f(1, k=3) == (1, 3, 0.5)
    assert f(1, params=Demo(k=4)) == (1, 4, 0.5)
    assert f(1, share=0.1, params={"k": 5}) == (1, 5, 0.1)
    with pytest.raises(ParameterError, match="parameter k=0"):
        f(1, params=Demo(), k=0)


def test_component_cubes_takes_threat_params(warehouse_path):
    from alliancelab.measures.threat import ThreatParams, component_cubes

    by_keyword = component_cubes(warehouse_path, half_distance_km=500.0)
    assert component_cubes(warehouse_path, params=ThreatParams(half_distance_km=500)) is by_keyword
    assert component_cubes(warehouse_path, params=ThreatParams(), half_distance_km=500) is by_keyword
    assert component_cubes(warehouse_path, params=ThreatParams()) is not by_keyword
    with pytest.raises(ParameterError, match="half_distance_km"):
        component_cubes(warehouse_path, params={"half_distance_km": 0.0})
