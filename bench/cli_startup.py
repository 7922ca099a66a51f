"""Benchmark: ``alliancelab measures top-threats 1950 USA`` in a fresh process, from a warm warehouse.

Fast path: the command as shipped: command groups that import their libraries only when a command
runs, no SciPy on the scoring path, and the year's threat features read from the disk cache beside
the warehouse (one untimed run fills it). Reference: the previous approach in the same interpreter:
every group's libraries imported eagerly at start-up (the threat model with scipy.optimize and
scipy.special, the yearly report, capabilities, plotting, the warehouse builder, rich.markdown) and
the features computed from the warehouse tables (the disk cache off). Floor: a process that only
runs ``import pandas``. Each side runs ``--runs`` times, interleaved so that both see the same load;
the medians of wall and CPU time are reported (CPU time varies less on a shared machine). Bytecode is
cached as in an installed package. Both must print the same table.

Usage: python bench/cli_startup.py [--runs 7] [--year 1950] [--state USA]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from alliancelab.data import locate
from alliancelab.data import warehouse as wh

SOURCE = str(Path(__file__).resolve().parents[1] / "src")
# what `_register()` imported at start-up before the groups became lazy
EAGER = (
    "pandas",
    "scipy.optimize",
    "scipy.special",
    "scipy.sparse",
    "alliancelab.measures.threat",
    "alliancelab.measures.capabilities",
    "alliancelab.report.yearly",
    "alliancelab.plotting",
    "alliancelab.files",
    "alliancelab.data.warehouse",
    "rich.markdown",
)


def _cpu():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(command, env):
    """(wall seconds, CPU seconds of the child, its stdout)."""
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return seconds, cpu, done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year", default="1950")
    parser.add_argument("--state", default="USA")
    args = parser.parse_args()

    warehouse = str(locate.warehouse_path(None))
    wh.connect(warehouse).close()  # a warm warehouse: built before anything is timed
    words = ["measures", "top-threats", args.year, args.state, "--warehouse", warehouse]
    env = dict(os.environ, PYTHONPATH=SOURCE + os.pathsep + os.environ.get("PYTHONPATH", ""), COLUMNS="160")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached as in an installed package (the warm-up writes it)
    fast = [sys.executable, "-m", "alliancelab.cli", *words]
    eager = "import sys\n" + "".join(f"import {name}\n" for name in EAGER)
    eager += f"from alliancelab.cli import main\nsys.argv = ['alliancelab', *{words!r}]\nmain()\n"
    reference = [sys.executable, "-c", eager]
    floor = [sys.executable, "-c", "import pandas"]
    reference_env = dict(env, ALLIANCELAB_DISK_CACHE="0")

    fast_out = _run(fast, env)[2]  # fills the disk cache and the bytecode caches (untimed)
    reference_out = _run(reference, reference_env)[2]
    _run(floor, env)
    if fast_out != reference_out:
        raise SystemExit(f"the two sides print different tables:\n{fast_out}\n---\n{reference_out}")
    wall = {"fast": [], "reference": [], "floor": []}
    cpu = {"fast": [], "reference": [], "floor": []}
    for _ in range(args.runs):
        for side, command, side_env in (
            ("fast", fast, env),
            ("reference", reference, reference_env),
            ("floor", floor, env),
        ):
            seconds, used, _ = _run(command, side_env)
            wall[side].append(seconds)
            cpu[side].append(used)
    median = {side: statistics.median(values) for side, values in wall.items()}
    median_cpu = {side: statistics.median(values) for side, values in cpu.items()}
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for side in wall:
        print(
            f"{side:>9}: wall median {median[side]:.3f} s (min {min(wall[side]):.3f} s), "
            f"CPU median {median_cpu[side]:.3f} s over {args.runs} runs"
        )
    print(
        f"bench cli_startup: {median['fast']:.2f} s wall ({median_cpu['fast']:.2f} s CPU) for a fresh-process "
        f"top-threats lookup ({median['reference'] / median['fast']:.1f}x vs reference eager imports without the "
        f"score cache, {median['reference']:.2f} s wall / {median_cpu['reference']:.2f} s CPU; floor `import pandas` "
        f"{median['floor']:.2f} s wall / {median_cpu['floor']:.2f} s CPU)"
    )


if __name__ == "__main__":
    main()
