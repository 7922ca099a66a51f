"""Capabilities (CINC, concentration, poles, transitions) and the balance-of-threat score."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliancelab.errors import ParameterError
from alliancelab.measures import capabilities as cap
from alliancelab.measures import threat


def test_recomputed_cinc_reproduces_published_column(warehouse_path):
    check = cap.cinc_check(warehouse=warehouse_path)
    assert check["rows"] == 17121
    assert check["max_abs_diff"] < 1e-6, check  # THEORY.md: differences above 1e-6 are reported


def test_concentration_bounds_and_known_values():
    assert cap.concentration([0.5, 0.5]) == pytest.approx(0.0)
    assert cap.concentration([1.0, 0.0, 0.0]) == pytest.approx(1.0)
    # Ray & Singer: CON = sqrt((sum s^2 - 1/n)/(1 - 1/n)); shares .5 .3 .2 -> sqrt((.38 - 1/3)/(2/3))
    assert cap.concentration([5, 3, 2]) == pytest.approx(np.sqrt((0.38 - 1 / 3) / (2 / 3)))


@given(st.lists(st.floats(0.001, 100), min_size=2, max_size=30))
def test_concentration_is_scale_free_and_bounded(values):
    con = cap.concentration(values)
    assert 0 <= con <= 1 + 1e-12
    assert cap.concentration(np.array(values) * 7.5) == pytest.approx(con, abs=1e-6)  # sqrt amplifies rounding near 0


def test_system_structure_cold_war_and_unipolar_moment(warehouse_path):
    s = cap.system_structure(1946, 2000).set_index("year")
    assert (s["majors"] == 5).loc[1950:1990].all()
    assert s.loc[1950, "top1_share"] == pytest.approx(0.284, abs=0.002)  # USA's CINC in 1950
    assert s["con"].between(0, 1).all()


def test_power_transitions_include_china_passing_the_us(warehouse_path):
    t = cap.power_transitions(1990, 2010)
    assert ((t["riser"] == 710) & (t["overtaken"] == 2)).any()
    assert (t["riser_cinc_before"] < t["overtaken_cinc_before"]).all()
    assert (t["riser_cinc"] > t["overtaken_cinc"]).all()


def test_proximity_gradient():
    assert threat.proximity(0) == 1
    assert threat.proximity(1000, half_distance_km=1000) == pytest.approx(0.5)
    assert threat.proximity(3000) < threat.proximity(2000)
    with pytest.raises(ParameterError):
        threat.proximity(10, half_distance_km=0)


def test_threat_components_are_normalised(warehouse_path):
    scores = threat.threat_scores(1913, 1913)
    for column in ("power", "proximity", "offensive", "intentions", "threat"):
        values = scores[column].dropna()
        assert values.between(0, 1).all(), column
    assert len(scores) == 44 * 43


def test_france_1913_fears_germany_most(warehouse_path):
    top = threat.top_threats(1913, "FRN", k=3)
    assert top.iloc[0]["ccode2"] == 255


def test_bad_threat_arguments(warehouse_path):
    with pytest.raises(ParameterError, match="unknown component"):
        threat.threat_cube(weights={"charisma": 1}, form="additive")
    with pytest.raises(ParameterError, match="not a COW state"):
        threat.top_threats(1913, "XXX")
    with pytest.raises(ParameterError, match="year=1700"):
        threat.top_threats(1700, "FRN")


def test_add_threat_chains_with_panels(warehouse_path):
    from alliancelab.panels import dyad_years

    panel = dyad_years(1913, 1913).add_nmc().pipe(threat.add_threat, components=True)
    scores = threat.threat_scores(1913, 1913).set_index(["ccode1", "ccode2"])
    row = panel[(panel["ccode1"] == 220) & (panel["ccode2"] == 255)].iloc[0]
    assert row["threat"] == pytest.approx(scores.loc[(220, 255), "threat"], rel=1e-6)
    assert row["threat_power"] == pytest.approx(scores.loc[(220, 255), "power"], rel=1e-6)
    assert any("GML" in s for s in panel.attrs["sources"])


def test_projected_form_discounts_power_by_distance(warehouse_path):
    cubes = threat.component_cubes()
    projected = threat.threat_cube(form="projected")
    t = 1913 - 1815
    i, j = map(int, np.argwhere(cubes["pair"][t])[123])  # some pair of 1913 members
    w = threat.DEFAULT_WEIGHTS
    power, prox = cubes["power"][t, i, j], cubes["proximity"][t, i, j]
    offensive, intentions = cubes["offensive"][t, i, j], cubes["intentions"][t, i, j]
    expected = (w["power"] * power * prox + w["offensive"] * offensive * prox + w["intentions"] * intentions) / (
        w["power"] + w["offensive"] + w["intentions"]
    )
    assert projected[t, i, j] == pytest.approx(expected, rel=1e-5)
    with pytest.raises(ParameterError, match="projected form needs"):
        threat.threat_cube(weights={"proximity": 1}, form="projected")
    with pytest.raises(ParameterError, match="form"):
        threat.threat_cube(form="multiplicative")
