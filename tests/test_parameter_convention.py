"""One parameter style: every public ``*Params`` class in the package subclasses ``Parameters``."""

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import alliancelab
from alliancelab.errors import ParameterError
from alliancelab.parameters import Parameters


def _params_classes():
    found = {}
    for info in pkgutil.walk_packages(alliancelab.__path__, "alliancelab."):
        if info.name.endswith(".__main__"):  # running it starts the CLI
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            public = inspect.isclass(obj) and name.endswith("Params") and not name.startswith("_")
            if public and obj.__module__.startswith("alliancelab."):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


CLASSES = _params_classes()


def test_the_walk_finds_the_parameter_classes():
    names = {path.rsplit(".", 1)[1] for path in CLASSES}
    expected = {"SimParams", "DeterrenceParams", "DilemmaParams", "MorrowParams", "ThreatParams", "DetenteParams"}
    assert expected <= names


@pytest.mark.parametrize("path", sorted(CLASSES))
def test_every_params_class_is_a_frozen_parameters_dataclass_with_documented_fields(path):
    cls = CLASSES[path]
    assert issubclass(cls, Parameters), f"{path} does not subclass alliancelab.parameters.Parameters"
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, f"{path} is not a frozen dataclass"
    for f in dataclasses.fields(cls):
        assert f.metadata.get("doc"), f"{path}.{f.name} is not declared with param(default, doc, ...)"
    cls()  # the defaults pass their own checks


@pytest.mark.parametrize(
    "cls, bad, message",
    [
        ("DeterrenceParams", {"prior_strong": 1.5}, r"parameter prior_strong=1.5: expected a value in \[0.0, 1.0\]"),
        ("DeterrenceParams", {"power_weak": 0.0}, "parameter power_weak=0.0: expected > 0"),
        ("DeterrenceParams", {"side": "neutral"}, "parameter side='neutral': expected one of"),
        ("DilemmaParams", {"poles": 2.5}, "parameter poles=2.5: expected an integer"),
        ("DilemmaParams", {"c_weak": 0.9}, "parameter c_weak=0.9: expected < c_strong=0.9"),
        ("DilemmaParams", {"loss_entrapment": float("nan")}, "expected a finite number"),
        ("MorrowParams", {"threat": -1.0}, r"parameter threat=-1.0: expected a value in \[0.0, inf\]"),
        ("SimParams", {"geography": "torus"}, "parameter geography='torus': expected one of"),
        ("SimParams", {"war_rate": 1.5}, r"parameter war_rate=1.5: expected a value in \[0, 1\]"),
        ("SimParams", {"n_states": 20_000}, "projection_floor > 0"),
    ],
)
def test_one_error_form(cls, bad, message):
    classes = {path.rsplit(".", 1)[1]: c for path, c in CLASSES.items()}
    with pytest.raises(ParameterError, match=message):
        classes[cls](**bad)
    with pytest.raises(ParameterError, match=message):
        classes[cls]().replace(**bad)
