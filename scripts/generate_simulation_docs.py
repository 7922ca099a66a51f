"""Regenerate the measured parts of docs/simulation.md and the throughput figure.

Writes the text between ``<!-- gen:NAME -->`` and ``<!-- /gen:NAME -->`` for NAME in ``scaling``
(throughput by n of the sparse kernel, the dense kernel and the Mesa model, measured as
bench/simulation.py measures them) and ``europe_survival`` (survival of the flank powers in the
Europe sweep), and docs/simulation/scaling.{png,html}. Needs Mesa (``pip install -e '.[bench]'``)
and a warehouse (``alliancelab data build``).

    PYTHONPATH=src .venv/bin/python scripts/generate_simulation_docs.py [scaling] [europe]
"""

import json
import os
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import simulation as bench  # noqa: E402  (bench/simulation.py)

from alliancelab.figures import simulation as plots  # noqa: E402
from alliancelab.sim import sweep  # noqa: E402

DOC = ROOT / "docs" / "simulation.md"
# n: (turns, repeats); every engine runs the same turns and repeats at a given n
SIZES = {
    50: (200, 3),
    200: (50, 3),
    500: (10, 3),
    2_000: (5, 3),
    5_000: (5, 3),
    10_000: (20, 3),
    50_000: (5, 1),
    100_000: (5, 1),
}
NAMES = {"sparse": "sparse kernel", "dense": "dense kernel (previous engine)", "mesa": "Mesa 3.3 model"}


def write_section(name, text):
    doc = DOC.read_text()
    pattern = re.compile(rf"(<!-- gen:{name} -->\n).*?(<!-- /gen:{name} -->)", re.S)
    if not pattern.search(doc):
        raise SystemExit(f"{DOC}: no <!-- gen:{name} --> markers")
    DOC.write_text(pattern.sub(lambda m: m.group(1) + text.rstrip() + "\n" + m.group(2), doc))


def scaling():
    bench._once("sparse", bench.params_for(60, 3))
    bench._once("dense", bench.params_for(60, 3))
    rows = []
    for n, (turns, repeats) in SIZES.items():
        for engine in ("sparse", "dense", "mesa"):
            if n <= bench.LIMITS[engine]:
                r = bench.measure(engine, n, turns, repeats)
                rows.append(
                    {
                        "engine": engine,
                        "n": n,
                        "turns": turns,
                        "state_steps": r["state_steps"],
                        "cpu": r["cpu"],
                        "rate": r["state_steps"] / r["cpu"],
                    }
                )
                print(engine, n, f"{rows[-1]['rate']:,.0f}", flush=True)
    frame = pd.DataFrame(rows)
    exponents = {
        e: bench.growth_exponent(frame[frame["engine"] == e].to_dict("records")) for e in ("sparse", "dense", "mesa")
    }
    big = bench.big_run(100_000, 10)
    wide = frame.pivot(index="n", columns="engine", values="rate")
    turns = frame.groupby("n")["turns"].first()
    steps = frame[frame["engine"] == "sparse"].set_index("n")["state_steps"]
    lines = [
        "| states n | turns | state-steps | sparse kernel (M/s) | dense kernel (M/s) | Mesa 3.3 (M/s) "
        "| sparse vs dense | sparse vs Mesa |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n in wide.index:
        cell = {
            e: (f"{wide.loc[n, e] / 1e6:.3f}" if pd.notna(wide.loc[n, e]) else "-") for e in ("sparse", "dense", "mesa")
        }
        ratio = {
            e: (f"{wide.loc[n, 'sparse'] / wide.loc[n, e]:.0f}x" if pd.notna(wide.loc[n, e]) else "-")
            for e in ("dense", "mesa")
        }
        lines.append(
            f"| {n:,} | {turns[n]} | {steps[n]:,} | {cell['sparse']} | {cell['dense']} | "
            f"{cell['mesa']} | {ratio['dense']} | {ratio['mesa']} |"
        )
    ten = frame[(frame["engine"] == "sparse") & (frame["n"] == 10_000)]["rate"]
    text = "\n".join(lines) + (
        f"\n\nFitted growth of the time per turn, t ~ n^b: sparse kernel b = {exponents['sparse']:.2f} "
        f"(n = 50 to 100,000), dense kernel b = {exponents['dense']:.2f} (n = 50 to 5,000), Mesa model "
        f"b = {exponents['mesa']:.2f} (n = 50 to 500). At n = 100,000 (10 turns, a fresh process) the "
        f"sparse kernel ran {big['state_steps'] / big['cpu']:,.0f} state-steps/s with a peak memory of "
        f"{big['rss_gb']:.2f} GB, {big['pairs_per_state']:.1f} pairs within reach per state; at "
        f"n = 10,000, {float(ten.iloc[0]):,.0f} state-steps/s (target: 1,000,000). CPU time of one core; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring."
    )
    frame["engine"] = frame["engine"].map(NAMES)
    plots.throughput_by_n(frame, ROOT / "docs" / "simulation" / "scaling")
    write_section("scaling", text)


def europe():
    config = sweep.load_config(ROOT / "docs" / "simulation" / "europe.toml")
    with tempfile.TemporaryDirectory() as out:
        runs_ = sweep.run_sweep(config, out, workers=2, progress=False)
        _, _, states = sweep.load_sweep(out)
    params = runs_.set_index("run")["params"].map(json.loads)
    states = states.assign(
        start=states["run"].map(params.map(lambda p: p["start_year"])),
        world=states["run"].map(params.map(lambda p: next(iter(p["strategy_mix"])))),
    )
    flank = ["UKG", "RUS", "AUH", "TUR", "POR", "FRN"]
    table = states[states["label"].isin(flank)].pivot_table(
        index=["start", "world"], columns="label", values="survived", aggfunc="mean"
    )
    table = table[[c for c in flank if c in table.columns]]
    lines = ["| start | world | " + " | ".join(table.columns) + " |", "|---|---|" + "---|" * len(table.columns)]
    for (start, world), row in table.iterrows():
        lines.append(
            f"| {start} | {world} | " + " | ".join("-" if pd.isna(v) else f"{100 * v:.0f}%" for v in row) + " |"
        )
    write_section(
        "europe_survival",
        "\n".join(lines) + "\n\nShare of the 100 runs per cell in which the "
        "state is alive after 300 turns (- : not in the system that year).",
    )


if __name__ == "__main__":
    parts = sys.argv[1:] or ["scaling", "europe"]
    if "europe" in parts:
        europe()
    if "scaling" in parts:
        scaling()
