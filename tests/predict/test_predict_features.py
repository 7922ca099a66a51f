"""The feature builder on the real data: no information after year t, the targets, the panel step."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.panels import dyad_years
from alliancelab.predict.features import (
    GROUP_NAMES,
    INPUT_COLUMNS,
    FeatureInputs,
    add_prediction_features,
    add_targets,
    build_features,
    feature_columns,
    load_inputs,
)


@pytest.fixture(scope="module")
def inputs(warehouse_path):
    return load_inputs(1980, 2010, warehouse=warehouse_path)


def _perturbed_after(inputs, cutoff, seed=0):
    """Every input after ``cutoff`` shuffled (each column independently) and the threat cube redrawn."""
    rng = np.random.default_rng(seed)
    dyads = inputs.dyads.copy()
    later = np.flatnonzero(dyads["year"].to_numpy() > cutoff)
    for column in INPUT_COLUMNS:
        values = dyads[column].to_numpy().copy()
        values[later] = rng.permutation(values[later])
        dyads[column] = values
    threat = inputs.threat.copy()
    threat[cutoff + 1 - inputs.year0 :] = rng.random(threat[cutoff + 1 - inputs.year0 :].shape)
    # the landscape event tables and the detente signals: every column of every later row shuffled
    tables = {
        name: _shuffled_after(frame, cutoff, [c for c in frame.columns if c != "year"], rng)
        for name, frame in inputs.landscape.items()
    }
    rivals = _shuffled_after(inputs.rivals, cutoff, ["disputes", "hostility", "similarity"], rng)
    return FeatureInputs(dyads, threat, inputs.codes, inputs.year0, inputs.sources, landscape=tables, rivals=rivals)


def _shuffled_after(frame, cutoff, columns, rng):
    frame = frame.copy()
    later = np.flatnonzero(frame["year"].to_numpy() > cutoff)
    for column in columns:
        values = frame[column].to_numpy().copy()
        values[later] = rng.permutation(values[later])
        frame[column] = values
    return frame


@pytest.mark.parametrize("cutoff", [1990, 2000])
def test_features_of_year_t_ignore_everything_after_t(inputs, cutoff):
    before = build_features(inputs)
    after = build_features(_perturbed_after(inputs, cutoff))
    now = before["year"] == cutoff
    assert now.sum() > 10_000
    a, b = before[now].reset_index(drop=True), after[after["year"] == cutoff].reset_index(drop=True)
    np.testing.assert_array_equal(a.to_numpy(), b.to_numpy())  # NaN equals NaN here
    # and the perturbation did change later years (the test can fail)
    later = before["year"] == cutoff + 1
    assert not np.array_equal(before[later].to_numpy(), after[after["year"] == cutoff + 1].to_numpy())
    # in particular the landscape and detente features of later years (their inputs were perturbed too)
    for group in ("landscape", "detente"):
        names = feature_columns([group])
        old, new = before.loc[before["year"] > cutoff, names].to_numpy(), after.loc[after["year"] > cutoff, names]
        assert ((old != new.to_numpy()) & ~np.isnan(old)).any(), group


def test_groups_without_their_inputs_are_refused(inputs):
    bare = FeatureInputs(inputs.dyads, inputs.threat, inputs.codes, inputs.year0)
    assert list(build_features(bare, groups=["power"], start=2000, end=2000).columns[3:]) == feature_columns(["power"])
    for group in ("landscape", "detente"):
        with pytest.raises(ParameterError, match=group if group == "landscape" else "rivals"):
            build_features(bare, groups=[group], start=2000, end=2000)


def test_groups_switch_columns(inputs):
    only = build_features(inputs, groups=["power", "geography"], start=2000, end=2000)
    assert list(only.columns[3:]) == feature_columns(["power", "geography"])
    full = build_features(inputs, start=2000, end=2000)
    assert set(feature_columns()) <= set(full.columns)
    assert len(GROUP_NAMES) >= 8
    np.testing.assert_array_equal(only["capability_ratio_log"], full["capability_ratio_log"])


def test_targets_on_known_cases(inputs):
    table = add_targets(build_features(inputs, groups=["network"], start=1990, end=2009), inputs)
    # a pair allied in t has no onset label; onset means allied in t+1 and not in t
    allied = table["allied_now"] == 1
    assert table.loc[allied, "onset_any"].isna().all()
    assert set(table.loc[~allied, "onset_any"].dropna().unique()) <= {0.0, 1.0}
    # Poland (290) gains a US defense pledge with NATO enlargement (ATOP dates it by the accession protocols):
    # exactly one defense onset in feature years 1995-1998, and the pledge stays
    pair = table[(table["ccode1"] == 2) & (table["ccode2"] == 290) & table["year"].between(1995, 1998)]
    assert (pair["onset_defense"] == 1).sum() == 1
    assert pair["presence_any"].iloc[-1] == 1
    # shared allies: the USA and Turkey, both NATO members in 2000, share at least 15 allies
    usa_tur = table[(table["ccode1"] == 2) & (table["ccode2"] == 640) & (table["year"] == 2000)]
    assert usa_tur["shared_allies"].iloc[0] >= 15


def test_panel_step(warehouse_path):
    panel = add_prediction_features(
        dyad_years(2000, 2001, directed=False, warehouse=warehouse_path), groups=["power", "status"], targets=True
    )
    assert {"capability_ratio_log", "major_count", "onset_any"} <= set(panel.columns)
    assert panel.sources and len(panel) == len(dyad_years(2000, 2001, directed=False, warehouse=warehouse_path))


def _year_t_unchanged(inputs, cutoff, groups):
    before = build_features(inputs, groups=groups)
    after = build_features(_perturbed_after(inputs, cutoff), groups=groups)
    a, b = before[before["year"] == cutoff].to_numpy(), after[after["year"] == cutoff].to_numpy()
    return np.array_equal(a, b, equal_nan=True)


def test_the_leakage_check_catches_look_ahead(inputs, monkeypatch):
    """The check above fails for features that do look ahead: the original detente tension (standardised
    over the whole rivalry spell) and a landscape alliance history whose window reaches one year past t."""
    from alliancelab.predict import detente, landscape
    from alliancelab.theory.empirical.detente import tension_index

    assert _year_t_unchanged(inputs, 1990, ["detente", "landscape"])
    with monkeypatch.context() as patch:
        patch.setattr(detente, "real_time_tension", lambda signals: tension_index(signals))
        assert not _year_t_unchanged(inputs, 1990, ["detente"])
    original = landscape._window_sum
    with monkeypatch.context() as patch:
        patch.setattr(landscape, "_window_sum", lambda cube, years: np.roll(original(cube, years), -1, axis=0))
        assert not _year_t_unchanged(inputs, 1990, ["landscape"])
