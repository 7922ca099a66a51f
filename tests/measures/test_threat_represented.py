"""Represented (occupied, exiled) states in the hand-weighted threat forms: the same rule as the estimated form."""

import numpy as np
import pytest

from alliancelab.measures import threat
from alliancelab.panels.adders import membership
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.empirical.balancing import candidate_threats

WALT = ("projected", "additive")


def _top(cube, lookup, state, year, k):
    row = cube[year - YEAR0, lookup.positions([state])[0]]
    order = np.argsort(-np.nan_to_num(row, nan=-np.inf), kind="stable")[:k]
    return [int(lookup.codes[j]) for j in order if np.isfinite(row[j])]


@pytest.mark.parametrize("form", WALT)
def test_occupied_states_are_threatened_by_the_historical_adversary(warehouse_path, form):
    lookup = Lookup.get(warehouse_path)
    cube = threat.threat_cube(warehouse=warehouse_path, form=form)
    # occupied Japan 1950 (US-Japan treaty 1951): the USSR first, China among the top three
    japan = _top(cube, lookup, 740, 1950, 3)
    assert japan[0] == 365 and 710 in japan, japan
    # West Germany 1953 (NATO 1954) and East Germany 1953: the USSR first
    assert _top(cube, lookup, 260, 1953, 1) == [365]
    assert _top(cube, lookup, 265, 1953, 1) == [365]
    # Czechoslovakia 1942, government in exile (Soviet-Czechoslovak treaty 1943): Germany first
    assert _top(cube, lookup, 315, 1942, 1) == [255]


@pytest.mark.parametrize("form", WALT)
def test_represented_states_threaten_no_one(warehouse_path, form):
    lookup = Lookup.get(warehouse_path)
    t, s = np.nonzero(threat.represented(lookup)["member"] & ~membership(lookup))
    assert len(t) > 50  # Japan 1946-1951, the two Germanies, the governments in exile 1940-1944, ...
    cube = threat.threat_cube(warehouse=warehouse_path, form=form)
    assert np.isnan(cube[t, :, s]).all()  # never a threat, under any filter
    assert np.isnan(candidate_threats(form, None, "none", False, warehouse_path)[t, :, s]).all()
    assert np.isnan(candidate_threats(form, None, "defense", True, warehouse_path)[t, :, s]).all()
    rows = np.isfinite(cube[t, s]).sum(axis=1)
    assert (rows > 0).all()  # but every represented state-year is scored as the threatened side


def test_represented_rows_read_attributes_and_geography_from_the_source_year(warehouse_path):
    lookup = Lookup.get(warehouse_path)
    cubes = threat.component_cubes(warehouse_path)
    japan = lookup.positions([740])[0]
    source = threat.represented(lookup)["source_year"]
    assert source[1950 - YEAR0, japan] + YEAR0 == 1952  # the nearest membership year (ties: the later one)
    both = cubes["present"][1950 - YEAR0, japan] & cubes["present"][1952 - YEAR0, japan]
    assert both.sum() > 50
    np.testing.assert_array_equal(
        cubes["proximity"][1950 - YEAR0, japan, both], cubes["proximity"][1952 - YEAR0, japan, both]
    )
    # relations (disputes, rivalries) are those of the year itself, so the intentions are scored in 1950
    assert np.isfinite(cubes["intentions"][1950 - YEAR0, japan, lookup.positions([365])[0]])


def test_every_form_has_the_same_present_pairs(warehouse_path):
    # the hand-weighted and the estimated forms represent the same states the same way
    lookup = Lookup.get(warehouse_path)
    pair = threat.component_cubes(warehouse_path)["present"]
    for year in (1942, 1950, 1953):
        features = threat.features_at(lookup, [year - YEAR0])
        np.testing.assert_array_equal(pair[year - YEAR0], features["pair"][0])
