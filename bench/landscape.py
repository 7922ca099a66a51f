"""Benchmark: exact landscape search (Gray code, Numba, parallel) against a from-scratch NumPy reference.

Runs in one process on the same random instances:
  1. n = 22: the fast path and the reference (every configuration's energy evaluated from scratch
     with NumPy, local minima by comparing each configuration with its n neighbours) must agree on
     every energy and every local minimum; configurations per second of both.
  2. n = 25 (16.7 million configurations) and n = 30 (537 million): wall time of the fast path
     including local-minimum detection and basin sizes.
  3. the heuristic: agreement with the exact search at n = 25, and wall time at n = 1,000.

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


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def main():
    import numba

    print(f"machine: {os.cpu_count()} cores, numba threads {numba.get_num_threads()}, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    _, first = timed(L.exact_two_camps, *instance(4, 0))
    print(f"first call (compile or load cached machine code): {first:.2f} s")

    # 1. agreement and speed against the reference at n = 22
    n = 22
    s, p = instance(n, 1)
    fast, t_fast = timed(L.exact_two_camps, s, p, keep_energies=True)
    ref, t_ref = timed(L.reference_energies, s, p)
    ref_minima, t_ref_min = timed(L.local_minima_from_energies, s, p, ref)
    t_ref += t_ref_min
    assert np.allclose(fast.all_energies, ref, atol=1e-9), "energies differ"
    fast_minima = sorted(int(sum(int(b) << i for i, b in enumerate(c[:-1]))) if c[-1] == 0 else
                         int(sum((1 - int(b)) << i for i, b in enumerate(c[:-1]))) for c in fast.configurations)
    assert fast_minima == sorted(ref_minima.tolist()), "local minima differ"
    total = 2 ** (n - 1)
    ratio = t_ref / t_fast
    print(f"n={n}: {total:,} configurations, {fast.n_minima} minima; fast {t_fast:.3f} s "
          f"({total / t_fast / 1e6:.1f} M/s, incl. basins), reference NumPy {t_ref:.2f} s "
          f"({total / t_ref / 1e6:.2f} M/s, energies and minima only): {ratio:.0f}x; agree")

    # 2. n = 25 and n = 30
    n = 25
    s, p = instance(n, 2)
    runs = []
    for _ in range(3):
        r25, t = timed(L.exact_two_camps, s, p)
        runs.append(t)
    t25 = min(runs)
    print(f"n=25: {2**24:,} configurations, {r25.n_minima} minima, basins sum "
          f"{r25.basin_sizes.sum():,}: best of 3 {t25:.2f} s (runs {', '.join(f'{x:.2f}' for x in runs)}), "
          f"{2**24 / t25 / 1e6:.1f} M configurations/s")
    if "--skip-30" not in sys.argv:
        s30, p30 = instance(30, 3)
        r30, t30 = timed(L.exact_two_camps, s30, p30)
        print(f"n=30: {2**29:,} configurations, {r30.n_minima} minima: {t30:.1f} s "
              f"({2**29 / t30 / 1e6:.1f} M configurations/s)")

    # 3. heuristic
    h25, th = timed(L.heuristic, s, p, n_starts=4000, seed=5)
    ex = {tuple(c): b for c, b in zip(r25.configurations, r25.basin_shares)}
    he = {tuple(c): b for c, b in zip(h25.configurations, h25.basin_shares)}
    assert set(he) <= set(ex) and tuple(h25.global_minimum) == tuple(r25.global_minimum)
    missed = sum(b for c, b in ex.items() if c not in he)
    err = max(abs(he.get(c, 0) - b) for c, b in ex.items())
    print(f"heuristic n=25, 4000 starts: {th:.2f} s, {h25.n_minima}/{r25.n_minima} minima found "
          f"(missed basins hold {missed:.2%} of configurations), same global minimum, "
          f"max basin-share error {err:.3f}")
    s1k, p1k = instance(1000, 4)
    h1k, t1k = timed(L.heuristic, s1k, p1k, n_starts=200, seed=0)
    print(f"heuristic n=1000, 200 starts: {t1k:.2f} s, {h1k.n_minima} distinct minima, "
          f"best E {h1k.energies[0]:.1f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"bench landscape: {t25:.2f} s for {2**24:,} configurations at n=25 incl. minima and basins "
          f"({ratio:.0f}x vs reference NumPy from-scratch evaluation at n=22)")


if __name__ == "__main__":
    main()
