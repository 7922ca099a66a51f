"""The projected threat form fitted on revealed hostility (force used against i next year): signal, protocol, files."""

import json

import numpy as np
import pytest

from alliancelab.measures import threat
from alliancelab.measures.threat import _projected_fit as pf
from alliancelab.measures.threat import _projected_hostility as ph
from alliancelab.measures.threat import _walt
from alliancelab.panels.adders import gml_cubes, membership
from alliancelab.panels.lookup import YEAR0, Lookup

SMALL_GRID = {"half_distances": (2000.0,), "half_lives": (2.5, 10.0)}


def test_hostility_cases_are_next_years_force_initiations(warehouse_path):
    cases = ph.hostility_cases(first=1935, last=1939)
    lookup = Lookup.get(None)
    gml = lookup.con.execute(
        "SELECT year, ccode1, ccode2 FROM gml_dyads WHERE midonset = 1 AND sidea1 = 1 AND orig1 = 1 "
        "AND hostlev1 >= 4 AND year BETWEEN 1936 AND 1940"
    ).df()
    member = membership(lookup)
    expected = set()
    for y, a, b in gml.itertuples(index=False):
        ia, ib = lookup.positions([a, b])
        t = y - 1 - YEAR0
        if ia >= 0 and ib >= 0 and member[t, ia] and member[t, ib]:
            expected.add((y - 1, int(ib), int(ia)))
    mine = {(row.year, row.i, j) for row in cases.itertuples() for j in row.targets}
    assert mine == expected
    assert len(mine) > 20
    # Poland read in 1938: GML codes one side-A originator using force against it in 1939, Estonia (366, the
    # Orzel incident); Germany is on side B of dispute 258 (the Second World War), so it is not an initiator
    poland = cases[(cases["member"] == 290) & (cases["year"] == 1938)]
    assert list(Lookup.get(None).codes[poland["targets"].iloc[0]]) == [366]
    assert (cases["atopid"] == -cases["member"]).all()


def test_the_signal_reads_no_data_after_the_case_year(warehouse_path, monkeypatch):
    lookup = Lookup.get(None)
    life = 10.0
    full = _walt.dispute_component(lookup, life)
    cut = 1900 - YEAR0
    real = gml_cubes(lookup)
    truncated = dict(real)
    truncated["mid_init_hostility"] = real["mid_init_hostility"].copy()
    truncated["mid_init_hostility"][cut + 1 :] = 0  # remove every dispute after 1900
    monkeypatch.setattr(_walt, "gml_cubes", lambda _: truncated)
    before = _walt.dispute_component(lookup, life)
    np.testing.assert_array_equal(before[: cut + 1], full[: cut + 1])
    assert not np.array_equal(np.nan_to_num(before[cut + 1 :]), np.nan_to_num(full[cut + 1 :]))  # the check can fail
    monkeypatch.undo()
    # the terms of a hostility case are the projected components read in the case year y, never y + 1
    pdesign = pf.projected_design(design=ph.hostility_design(), **SMALL_GRID)
    design = pdesign.design
    t = design.cases["t"].to_numpy()[design.case]
    i = design.cases["i"].to_numpy()[design.case]
    assert (design.cases["year"].to_numpy() == design.cases["t"].to_numpy() + YEAR0).all()
    params = threat.ThreatParams(half_distance_km=2000.0, dispute_half_life=life)
    cube = threat.walt_cube(None, form="projected", params=params)[t, i, design.j].astype(np.float64)
    mine = pf.score_rows(pdesign, {**pf.HANDSET, "half_distance_km": 2000.0, "dispute_half_life": life})
    assert np.array_equal(np.isnan(cube), np.isinf(mine))
    np.testing.assert_allclose(mine[~np.isnan(cube)], cube[~np.isnan(cube)], atol=1e-6)


def _pooled_small(grid=SMALL_GRID):
    atop = pf.projected_design(**grid)
    hostile = pf.projected_design(design=ph.hostility_design(), **grid)
    return ph.pool_designs(atop, hostile)


def test_pooling_gives_each_signal_the_same_total_weight(warehouse_path):
    pooled = _pooled_small()
    signal = pooled.design.cases["signal"].to_numpy()
    assert pooled.weight[signal == 0].sum() == pytest.approx(pooled.weight[signal == 1].sum())
    assert np.all(np.diff(pooled.design.case) >= 0)  # rows stay sorted by case
    assert len(pooled.design.case) == len(pooled.pair) == len(pooled.terms[(2000.0, 10.0)])


def test_held_out_labels_cannot_change_the_pooled_fit(warehouse_path):
    pooled = _pooled_small({"half_distances": (2000.0,), "half_lives": (10.0,)})
    design = pooled.design
    alliances = design.cases["atopid"].to_numpy()
    atop = design.cases["signal"].to_numpy() == 0
    held = atop & np.isin(alliances, np.unique(alliances[atop])[::5])
    fitted = pf.fit_projected(pooled, ~held)
    y = design.y.copy()
    for c in np.flatnonzero(held):  # every held-out case names another candidate
        rows = np.flatnonzero(design.case == c)
        y[rows] = np.roll(y[rows], 1)
    relabelled = pf.ProjectedDesign(
        type(design)(design.x, design.case, design.j, y, design.cases, ()), pooled.terms, pooled.pair, pooled.weight
    )
    refit = pf.fit_projected(relabelled, ~held)
    assert fitted.weights == refit.weights
    assert (fitted.half_distance_km, fitted.dispute_half_life, fitted.scale) == (
        refit.half_distance_km,
        refit.dispute_half_life,
        refit.scale,
    )
    # the relabelling does move a fit that includes those cases (so the check can fail)
    assert pf.fit_projected(pooled).log_likelihood != pytest.approx(pf.fit_projected(relabelled).log_likelihood)


@pytest.mark.parametrize("pooled", [False, True])
def test_committed_hostility_fits_are_reproduced(warehouse_path, pooled):
    # The full grid takes minutes on the pooled design; the committed grid is refitted around its optimum (the
    # best point and its neighbours on both axes), which must reproduce the committed log-likelihoods and optimum.
    path = ph.POOLED_FILE if pooled else ph.HOSTILITY_FILE
    committed = json.loads(path.read_text())
    grid = {(g["half_distance_km"], g["dispute_half_life"]): g["log_likelihood"] for g in committed["grid"]}
    best = max(grid, key=grid.get)
    assert best == (committed["half_distance_km"], committed["dispute_half_life"])
    halves, lives = list(pf.GRID_HALF_DISTANCE), list(pf.GRID_HALF_LIFE)
    h, life = halves.index(best[0]), lives.index(best[1])
    near = {
        "half_distances": tuple(halves[max(h - 1, 0) : h + 2]),
        "half_lives": tuple(lives[max(life - 1, 0) : life + 2]),
    }
    hostile = pf.projected_design(design=ph.hostility_design(), **near)
    pdesign = ph.pool_designs(pf.projected_design(**near), hostile) if pooled else hostile
    refit = pf.fit_projected(pdesign)
    assert committed["n_cases"] == refit.n_cases
    assert (refit.half_distance_km, refit.dispute_half_life) == best
    for g in refit.grid:
        assert g["log_likelihood"] == pytest.approx(grid[(g["half_distance_km"], g["dispute_half_life"])], abs=1e-3)
    for name, value in refit.weights.items():
        assert committed["weights"][name] == pytest.approx(value, abs=1e-4), name
    assert "sources" in committed["provenance"]


def test_fitted_hostility_option_scores_with_the_committed_parameters(warehouse_path):
    fit = ph.load_hostility_fit()
    params = threat.ThreatParams(**fit.params())
    np.testing.assert_array_equal(
        threat.walt_cube("fitted_hostility", form="projected"),
        threat.walt_cube(fit.weights, form="projected", params=params),
    )
    assert threat.load_hostility_fit(pooled=True).weights != fit.weights
