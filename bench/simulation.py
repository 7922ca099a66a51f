"""Benchmark: the sparse simulation kernel against the same rules in Mesa and in the dense kernel.

Three engines run the same parameters, map and seed, from the same initial state, for the same
number of turns, timed the same way (the median over the same number of repeats of the CPU time
of one call from the initial state to the last turn; wall time is printed too):

- ``sparse``: ``alliancelab.sim.model.simulate``, the kernel (pairs within reach, sparse lists);
- ``dense``: ``alliancelab.sim.model.dense.simulate_dense``, the project's previous n x n kernel;
- ``mesa``: ``bench/mesa_reference.py``, the rules as a Mesa 3.3 model (``mesa.Agent`` per state).

All three must produce the identical trajectory (every series value and final power, bit for
bit). Parameters: the defaults with ``projection_floor = 0.05`` (states whose loss-of-strength
factor is below 0.05, about 6 typical neighbour distances apart, do not interact), planar map.
Prints state-steps per second by n (50; 500; 5,000; 50,000; a state-step is one living state
through one turn), the speed-ups, the fitted growth exponent b of time per turn ~ n^b, the rate
at n = 10,000 and the peak memory of a run at n = 100,000 (in a fresh process).

    .venv/bin/pip install -e '.[bench]'      # Mesa
    .venv/bin/python bench/simulation.py
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mesa_reference as ref  # noqa: E402

from alliancelab.sim import model, runs  # noqa: E402
from alliancelab.sim.model import SimParams  # noqa: E402
from alliancelab.sim.model.dense import simulate_dense  # noqa: E402

FLOOR = 0.05
SEED = 7
# n, turns (the same for every engine at that n), repeats (the same for every engine)
PLAN = ((50, 200, 5), (500, 10, 3), (5_000, 5, 3), (50_000, 5, 1))
LIMITS = {"sparse": 10**9, "dense": 5_000, "mesa": 500}  # the largest n each engine runs here


def params_for(n, turns):
    return SimParams(n_states=n, n_steps=turns, projection_floor=FLOOR)


def _once(engine, params):
    """CPU and wall seconds of one run from its initial state, and its trajectory."""
    rng = runs.generator(SEED)
    init = model.initial_state(params, rng)
    cpu, wall = time.process_time(), time.perf_counter()
    if engine == "sparse":
        out = model.simulate(params, init, rng)
        series, power = out.series[: out.steps + 1], out.power
    elif engine == "dense":
        out = simulate_dense(params, init, rng)
        series, power = out.series[: out.steps + 1], out.power
    else:
        world = ref.WorldModel(params, init, rng)
        world.run(params.n_steps)
        series, power = np.array(world.series, dtype=float), np.array([a.power for a in world.states])
    return time.process_time() - cpu, time.perf_counter() - wall, series, power


def measure(engine, n, turns, repeats):
    """Median CPU and wall time over ``repeats`` runs; state-steps; the trajectory."""
    params = params_for(n, turns)
    cpu, wall = [], []
    for _ in range(repeats):
        c, w, series, power = _once(engine, params)
        cpu.append(c)
        wall.append(w)
    steps = int(series[1:, 1].sum())
    return {
        "engine": engine,
        "n": n,
        "turns": turns,
        "cpu": float(np.median(cpu)),
        "wall": float(np.median(wall)),
        "state_steps": steps,
        "series": series,
        "power": power,
    }


def growth_exponent(rows):
    """Least-squares b in (time per turn) ~ n^b."""
    if len(rows) < 2:
        return float("nan")
    x = np.log([r["n"] for r in rows])
    y = np.log([r["cpu"] / r["turns"] for r in rows])
    return float(np.polyfit(x, y, 1)[0])


def big_run(n, turns):
    """Run n states in a fresh process; returns its CPU seconds, state-steps and peak memory."""
    code = f"""
import json, resource, time
from alliancelab.sim import model, runs
from alliancelab.sim.model import SimParams
params = SimParams(n_states={n}, n_steps={turns}, projection_floor={FLOOR})
rng = runs.generator({SEED})
init = model.initial_state(params, rng)
start = time.process_time()
out = model.simulate(params, init, rng)
cpu = time.process_time() - start
print(json.dumps({{"cpu": cpu, "state_steps": int(out.series[1:out.steps + 1, 1].sum()),
                  "rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20,
                  "pairs_per_state": init.reach.n_pairs / {n}}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    if not ref.USING_MESA:
        sys.exit("bench/simulation.py compares with Mesa: pip install -e '.[bench]' first")
    import mesa

    for engine in ("sparse", "dense"):  # compile / load the kernel caches before timing
        _once(engine, params_for(60, 3))
    rows = []
    for n, turns, repeats in PLAN:
        found = {e: measure(e, n, turns, repeats) for e in ("sparse", "dense", "mesa") if n <= LIMITS[e]}
        for e, r in found.items():
            if (
                r["series"].tobytes() != found["sparse"]["series"].tobytes()
                or r["power"].tobytes() != found["sparse"]["power"].tobytes()
            ):
                sys.exit(f"MISMATCH: {e} and sparse runs differ at n = {n}")
        rows.extend(found.values())
        rate = {e: r["state_steps"] / r["cpu"] for e, r in found.items()}
        cells = [f"{rate[e] / 1e6:9.3f}" if e in rate else "        -" for e in ("sparse", "dense", "mesa")]
        speed = [f"{rate['sparse'] / rate[e]:8.1f}x" if e in rate else "        -" for e in ("dense", "mesa")]
        print(
            f"n = {n:6,d}  {turns:3d} turns  {found['sparse']['state_steps']:9,d} state-steps  "
            f"M state-steps/s (CPU)  sparse {cells[0]}  dense {cells[1]}  Mesa {cells[2]}  "
            f"sparse vs dense {speed[0]}  vs Mesa {speed[1]}  "
            f"(wall s: {', '.join(e + ' ' + format(r['wall'], '.3f') for e, r in found.items())}; "
            f"identical trajectories)"
        )
    exponents = {e: growth_exponent([r for r in rows if r["engine"] == e]) for e in ("sparse", "dense", "mesa")}
    print(
        "growth exponent b of time per turn ~ n^b: "
        + ", ".join(
            e + f" {b:.2f} (n = " + ", ".join(str(r["n"]) for r in rows if r["engine"] == e) + ")"
            for e, b in exponents.items()
        )
    )
    ten = measure("sparse", 10_000, 20, 3)
    print(
        f"n = 10,000, 20 turns: {ten['state_steps'] / ten['cpu']:,.0f} state-steps/s on one core "
        f"(CPU time; wall {ten['state_steps'] / ten['wall']:,.0f}/s); target 1,000,000"
    )
    big = big_run(100_000, 10)
    print(
        f"n = 100,000, 10 turns: {big['state_steps'] / big['cpu']:,.0f} state-steps/s, peak memory "
        f"{big['rss_gb']:.2f} GB (target < 4 GB), {big['pairs_per_state']:.1f} pairs within reach per state"
    )
    print(f"load average while benchmarking: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sparse = [r for r in rows if r["engine"] == "sparse"]
    by = {(r["engine"], r["n"]): r for r in rows}
    vs_mesa = (by["sparse", 500]["state_steps"] / by["sparse", 500]["cpu"]) / (
        by["mesa", 500]["state_steps"] / by["mesa", 500]["cpu"]
    )
    vs_dense = (by["sparse", 5_000]["state_steps"] / by["sparse", 5_000]["cpu"]) / (
        by["dense", 5_000]["state_steps"] / by["dense", 5_000]["cpu"]
    )
    total = sum(r["cpu"] for r in sparse)
    steps = sum(r["state_steps"] for r in sparse)
    print(
        f"bench simulation: {total:.2f} s for {steps:,} state-steps ({vs_mesa:.0f}x vs Mesa {mesa.__version__} "
        f"at 500 states, {vs_dense:.0f}x vs dense kernel at 5,000 states, same turns; time per turn "
        f"~ n^{exponents['sparse']:.2f})"
    )
    return rows, exponents


if __name__ == "__main__":
    main()
