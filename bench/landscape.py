"""Benchmark: landscape search (Gray code, Numba, parallel), the certified two-camp minimum, and the
heuristic at n = 1,000.

Runs in one process:
  1. n = 22: the exact enumeration and the reference (every configuration's energy from scratch,
     E = (W - sigma' w sigma) / 2 as one BLAS product per chunk, local minima by comparing each
     configuration with its n neighbours) must agree on every energy and every local minimum.
  2. n = 25 and n = 30 (skip with --skip-30): wall time of the enumeration incl. minima and basins.
  3. The proven global minimum by branch and bound with SDP-type bounds: agreement with the
     enumeration at n = 30; n = 100 and n = 200 on two-bloc instances with noise (propensity +1
     within a bloc, -1 across, plus Gaussian noise of sd 8 and 7: the root bound does not close, so
     the search must branch); a dense random instance at n = 60 (exact) and at n = 100 (stopped after
     60 s, gap reported).
  4. n = 1,000 (the dense random instance, seed 4): tabu search against simple simulated annealing
     given about the same time, both against the SDP-type lower bound.

Usage: .venv/bin/python bench/landscape.py [--skip-30]
"""

import os
import sys
import time

import numpy as np

from alliancelab.theory import landscape as L


def instance(n, seed):
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1.0, n)
    p = rng.normal(size=(n, n))
    return s, (p + p.T) / 2


def two_blocs(n, seed, noise):
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.1, 1.0, n)
    camp = rng.integers(0, 2, n)
    p = np.where(camp[:, None] == camp[None, :], 1.0, -1.0) + noise * rng.normal(size=(n, n))
    return s, (p + p.T) / 2


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def main():
    import numba

    print(
        f"machine: {os.cpu_count()} cores, numba threads {numba.get_num_threads()}, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    _, first = timed(L.exact_two_camps, *instance(4, 0))
    L.two_camp_minimum(*instance(30, 0), method="branch-and-bound")
    L.anneal_two_camps(*instance(10, 0), sweeps=10, n_starts=2)
    print(f"first call (compile or load cached machine code): {first:.2f} s")

    # 1. agreement and speed against the reference at n = 22
    n = 22
    s, p = instance(n, 1)
    fast, t_fast = timed(L.exact_two_camps, s, p, keep_energies=True)
    ref, t_ref = timed(L.reference_energies, s, p)
    ref_minima, t_ref_min = timed(L.local_minima_from_energies, s, p, ref)
    t_ref += t_ref_min
    assert np.allclose(fast.all_energies, ref, atol=1e-9), "energies differ"
    fast_minima = sorted(
        int(sum(int(b) << i for i, b in enumerate(c[:-1])))
        if c[-1] == 0
        else int(sum((1 - int(b)) << i for i, b in enumerate(c[:-1])))
        for c in fast.configurations
    )
    assert fast_minima == sorted(ref_minima.tolist()), "local minima differ"
    total = 2 ** (n - 1)
    ratio = t_ref / t_fast
    print(
        f"n={n}: {total:,} configurations, {fast.n_minima} minima; fast {t_fast:.3f} s "
        f"({total / t_fast / 1e6:.1f} M/s, incl. basins), reference NumPy {t_ref:.2f} s "
        f"({total / t_ref / 1e6:.2f} M/s, energies and minima only): {ratio:.0f}x; agree"
    )

    # 2. n = 25 and n = 30
    n = 25
    s, p = instance(n, 2)
    runs = []
    for _ in range(3):
        r25, t = timed(L.exact_two_camps, s, p)
        runs.append(t)
    t25 = min(runs)
    print(
        f"n=25: {2**24:,} configurations, {r25.n_minima} minima, basins sum "
        f"{r25.basin_sizes.sum():,}: best of 3 {t25:.2f} s (runs {', '.join(f'{x:.2f}' for x in runs)}), "
        f"{2**24 / t25 / 1e6:.1f} M configurations/s"
    )
    s30, p30 = instance(30, 3)
    if "--skip-30" not in sys.argv:
        r30, t30 = timed(L.exact_two_camps, s30, p30)
        print(
            f"n=30: {2**29:,} configurations, {r30.n_minima} minima: {t30:.1f} s "
            f"({2**29 / t30 / 1e6:.1f} M configurations/s)"
        )

    # 3. the proven global minimum
    bb30, tb30 = timed(L.two_camp_minimum, s30, p30, method="branch-and-bound", time_limit=None)
    if "--skip-30" not in sys.argv:
        assert abs(bb30.energy - r30.energies[0]) < 1e-9 and bb30.status == "exact", "branch and bound disagrees"
        print(f"proven minimum n=30: {tb30:.2f} s, E {bb30.energy:.4f} = enumeration's minimum; agree")
    proven = {}
    for label, (s_, p_), limit in [
        ("n=100 two blocs, noise 8", two_blocs(100, 7, 8.0), 600),
        ("n=200 two blocs, noise 7", two_blocs(200, 7, 7.0), 600),
        ("n=60 dense random", instance(60, 7), 600),
        ("n=100 dense random", instance(100, 7), 60),
    ]:
        res, t = timed(L.two_camp_minimum, s_, p_, method="branch-and-bound", time_limit=limit)
        proven[label] = (res, t)
        nodes = [x for x in res.notes if x.startswith("branch and bound")]
        print(
            f"proven minimum {label}: {t:.1f} s, status {res.status}, E {res.energy:.4f}, bound "
            f"{res.lower_bound:.4f}; {nodes[0] if nodes else 'closed at the root by the SDP-type bound'}"
        )

    # 4. n = 1,000: tabu search against simulated annealing, both against the bound
    s1k, p1k = instance(1000, 4)
    bound, t_bound = timed(L.sdp_bound, s1k, p1k)
    tabu, t_tabu = timed(L.tabu_search, s1k, p1k, n_starts=8, seed=0)
    (_, e_sa), t_sa = timed(L.anneal_two_camps, s1k, p1k, sweeps=600, n_starts=2, seed=0)
    gap_tabu = (tabu.energies[0] - bound.value) / abs(bound.value)
    gap_sa = (e_sa - bound.value) / abs(bound.value)
    multi, t_multi = timed(L.heuristic, s1k, p1k, n_starts=200, seed=0)
    print(f"n=1000 bound: SDP-type {bound.value:.1f} ({t_bound:.1f} s; relaxation value {bound.relaxation_value:.1f})")
    print(f"n=1000 tabu search, 8 starts: E {tabu.energies[0]:.1f} in {t_tabu:.1f} s, gap to bound {gap_tabu:.1%}")
    print(f"n=1000 simulated annealing, 2 runs x 600 sweeps: E {e_sa:.1f} in {t_sa:.1f} s, gap {gap_sa:.1%}")
    print(f"n=1000 multi-start descent, 200 starts (basin estimates): E {multi.energies[0]:.1f} in {t_multi:.1f} s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    t100 = proven["n=100 two blocs, noise 8"][1]
    t200 = proven["n=200 two blocs, noise 7"][1]
    print(
        f"bench landscape: {t25:.2f} s for {2**24:,} configurations at n=25 incl. minima and basins "
        f"({ratio:.0f}x vs reference NumPy evaluation at n=22); proven minimum n=100 {t100:.1f} s, "
        f"n=200 {t200:.1f} s; n=1000 tabu {gap_tabu:.1%} from the bound (annealing {gap_sa:.1%})"
    )


if __name__ == "__main__":
    main()
