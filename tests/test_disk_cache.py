"""The disk cache beside the warehouse: same values as the computation, keyed by build and code."""

import numpy as np
import pytest

from alliancelab import disk_cache
from alliancelab.measures import threat
from alliancelab.measures.threat import _model
from alliancelab.measures.threat._features import features_for_years
from alliancelab.panels.lookup import YEAR0, Lookup


def test_cached_year_scores_equal_the_computation(warehouse_path):
    lookup = Lookup.get(warehouse_path)
    model = threat.load_fitted()
    first = _model.year_scores(model, 1962 - YEAR0, warehouse_path)  # computes and writes the entry
    entry = disk_cache.entry_path(lookup, "threat_features", (float(model.half_life), 1962 - YEAR0), _model.CACHED_CODE)
    assert entry.is_file()
    second = _model.year_scores(model, 1962 - YEAR0, warehouse_path)  # read back
    computed = features_for_years(lookup, [1962 - YEAR0], model.half_life)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(second[0], _model._score_features(model, computed)[0])
    for name in model.features + ("pair",):
        np.testing.assert_array_equal(second[1][name], computed[name][0])


def test_entries_are_keyed_by_key_code_and_build(warehouse_path):
    lookup = Lookup.get(warehouse_path)
    one = disk_cache.entry_path(lookup, "threat_features", (10.0, 100), ("panels",))
    assert one == disk_cache.entry_path(lookup, "threat_features", (10.0, 100), ("panels",))
    assert one != disk_cache.entry_path(lookup, "threat_features", (10.0, 101), ("panels",))
    assert one != disk_cache.entry_path(lookup, "threat_features", (10.0, 100), ("panels", "data"))
    assert one.parent.parent == disk_cache.cache_folder(warehouse_path)


def test_a_damaged_entry_is_rebuilt_and_the_switch_turns_the_cache_off(warehouse_path, monkeypatch):
    lookup = Lookup.get(warehouse_path)
    calls = []

    def build():
        calls.append(1)
        return {"x": np.arange(3.0)}

    path = disk_cache.entry_path(lookup, "test", ("damaged",), ("disk_cache.py",))
    path.unlink(missing_ok=True)
    disk_cache.load_or_build(lookup, "test", ("damaged",), ("disk_cache.py",), build)
    path.write_bytes(b"not an npz file")
    again = disk_cache.load_or_build(lookup, "test", ("damaged",), ("disk_cache.py",), build)
    assert again["x"].tolist() == [0.0, 1.0, 2.0] and len(calls) == 2
    disk_cache.load_or_build(lookup, "test", ("damaged",), ("disk_cache.py",), build)
    assert len(calls) == 2  # rewritten, then read
    monkeypatch.setenv(disk_cache.ENV_SWITCH, "0")
    disk_cache.load_or_build(lookup, "test", ("damaged",), ("disk_cache.py",), build)
    assert len(calls) == 3


def test_an_unwritable_cache_folder_only_costs_the_computation(warehouse_path, monkeypatch):
    lookup = Lookup.get(warehouse_path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(disk_cache.os, "replace", refuse)
    arrays = disk_cache.load_or_build(lookup, "test", ("unwritable",), ("disk_cache.py",), lambda: {"y": np.ones(2)})
    assert arrays["y"].tolist() == [1.0, 1.0]
    assert not disk_cache.entry_path(lookup, "test", ("unwritable",), ("disk_cache.py",)).exists()
    assert not list(disk_cache.entry_path(lookup, "test", ("x",), ()).parent.glob(".*.npz"))


@pytest.mark.parametrize("value, on", [(None, True), ("1", True), ("0", False), ("off", False)])
def test_switch(value, on, monkeypatch):
    if value is None:
        monkeypatch.delenv(disk_cache.ENV_SWITCH, raising=False)
    else:
        monkeypatch.setenv(disk_cache.ENV_SWITCH, value)
    assert disk_cache.enabled() is on
