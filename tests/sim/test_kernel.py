"""The sparse kernel: bit-for-bit agreement with the dense reference, reach, memory, threads."""

import threading
import time

import numpy as np
import pandas as pd
import pytest

from alliancelab.sim import runs
from alliancelab.sim.geography import planar_map
from alliancelab.sim.model import SimParams, interactions
from alliancelab.sim.model.kernel import sparse_kernel


def _same(a, b):
    pd.testing.assert_frame_equal(a.series, b.series, check_exact=True)
    pd.testing.assert_frame_equal(a.states, b.states, check_exact=True)
    pd.testing.assert_frame_equal(a.wars, b.wars, check_exact=True)
    assert np.array_equal(a.snapshots, b.snapshots)
    assert a.summary == b.summary


@pytest.mark.parametrize(
    "mix, geography",
    [
        ({"balance": 1.0}, "planar"),
        ({"mixed": 1.0}, "grid"),
        ({"bandwagon": 0.5, "detente": 0.25, "buck_pass": 0.25}, "planar"),
        ({"walt": 1.0}, "planar"),
    ],
)
def test_sparse_kernel_equals_dense_reference_when_every_pair_interacts(mix, geography):
    # projection_floor = 0: the rules are the original ones, and the sparse kernel must give the
    # dense n x n kernel's run bit for bit (every table, every float).
    params = SimParams(n_states=40, n_steps=300, strategy_mix=mix, geography=geography)
    a, b = runs.run(params, seed=3), runs.run(params, seed=3, engine="dense")
    assert a.summary["wars"] > 10 and a.summary["conquests"] > 3
    _same(a, b)


def test_sparse_kernel_equals_dense_reference_with_a_finite_reach():
    # projection_floor > 0: g below the floor is 0 and those pairs do not perceive each other.
    # The dense kernel given the same truncated matrices must agree exactly.
    params = SimParams(n_states=250, n_steps=150, projection_floor=0.05, strategy_mix={"mixed": 1.0})
    a, b = runs.run(params, seed=2), runs.run(params, seed=2, engine="dense")
    assert a.summary["wars"] > 50
    _same(a, b)


def test_pairs_within_reach_are_exactly_those_of_the_distance_matrix():
    geography = planar_map(400, np.random.default_rng(0))
    reach = interactions(geography, 2.0, 1.0, 0.05)
    g = np.exp(-geography.distances() / 2.0)
    np.fill_diagonal(g, 0.0)
    rows = np.repeat(np.arange(400), np.diff(reach.ptr))
    assert set(zip(rows.tolist(), reach.idx.tolist())) == set(zip(*np.nonzero(g >= 0.05)))
    assert reach.g.tobytes() == g[rows, reach.idx].tobytes()
    # rev points at the reverse pair
    assert (rows[reach.rev] == reach.idx).all() and (reach.idx[reach.rev] == rows).all()
    # memory O(n + pairs): about 25 partners per state, not n
    assert reach.n_pairs < 40 * 400


def test_large_system_runs_with_memory_linear_in_n():
    params = SimParams(n_states=20_000, n_steps=3, projection_floor=0.05)
    result = runs.run(params, seed=1)
    assert result.summary["n_states"] == 20_000 and result.series["n_wars"].sum() > 0
    rng = runs.generator(1)
    from alliancelab.sim import model

    init = model.initial_state(params, rng)
    assert init.reach.n_pairs < 40 * 20_000  # vs 4e8 pairs for the dense model


def test_kernels_release_the_interpreter_lock():
    assert sparse_kernel.targetoptions.get("nogil") is True
    params = SimParams(n_states=3000, n_steps=150, projection_floor=0.05)
    runs.run(params.replace(n_steps=2), seed=0)  # compiled and cached before timing
    start = time.perf_counter()
    runs.run(params, seed=0)
    alone = time.perf_counter() - start
    # while a simulation runs in a thread, this thread keeps running Python code: its longest
    # pause stays far below the simulation's duration (a kernel holding the lock would stall it)
    ticks = []
    worker = threading.Thread(target=runs.run, args=(params, 0))
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        sum(range(200))
    worker.join()
    gaps = np.diff(ticks)
    assert len(ticks) > 100
    assert gaps.max() < 0.5 * alone
