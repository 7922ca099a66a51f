"""Run every benchmark in bench/ and write docs/benchmarks.md from what they print.

Each bench script ends with one line ``bench NAME: ...`` (the result, with its ratio against the
reference the script names in its docstring). This script runs them one after another in fresh
processes, keeps that line and the script's first docstring line (what is measured and against
what), and writes the page with the machine, its load average at the start of each run and the date,
so the page always shows the latest measured figures. A script that fails is listed as failed, with
its last lines, and the run exits non-zero.

Usage: python scripts/run_benchmarks.py [--only NAME ...] [--no-write]
(--only reruns the named benches and keeps the other rows from docs/benchmarks.json)
"""

import argparse
import ast
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "benchmarks.md"
RESULTS = ROOT / "docs" / "benchmarks.json"  # the latest result of every bench, so --only updates one row


def describe(script):
    """The first paragraph of a bench script's docstring (what it measures, and its reference)."""
    doc = ast.get_docstring(ast.parse(script.read_text())) or ""
    first = doc.split("\n\n")[0].replace("\n", " ").strip()
    return first.removeprefix("Benchmark: ").strip()


def run_one(script):
    load = os.getloadavg()[0]
    day = datetime.date.today().isoformat()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    result = next((line for line in reversed(lines) if line.startswith("bench ")), None)
    if done.returncode != 0 or result is None:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-5:])
        return {"name": script.stem, "ok": False, "line": tail, "load": load, "seconds": seconds, "date": day}
    return {"name": script.stem, "ok": True, "line": result, "load": load, "seconds": seconds, "date": day}


def page(results, scripts):
    machine = (
        f"{platform.node() or 'this machine'}: {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    lines = [
        "# Benchmarks",
        "",
        "Every capability has a script in `bench/` that runs our fast path and the strongest reference that",
        "runs here (a real peer such as pygambit or Mesa where one exists, else the best straightforward",
        "implementation) on the same input, timed the same way on both sides, checks that they agree, and",
        "ends with one result line. `make bench` runs them all and rewrites this page",
        "(`scripts/run_benchmarks.py`); nothing below is typed by hand.",
        "",
        f"Machine: {machine}. The load average is the machine's at the start of each script: above the core",
        "count, other jobs were sharing the machine and the times are inflated (ratios less so, as both sides",
        "run under the same load).",
        "",
        "| bench | what is measured, and against what | run on | load | result (last line of the script) |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        what = describe(scripts[result["name"]]).replace("|", "\\|")
        shown = f"`{result['line']}`" if result["ok"] else "FAILED: " + result["line"].replace("\n", " / ")
        lines.append(
            f"| {result['name']} | {what} | {result.get('date', '')} | {result['load']:.1f} | "
            f"{shown.replace('|', '/')} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="bench names (default: all)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    # a bench is a script with a main guard; helper modules in bench/ (e.g. a peer's model) are not run
    scripts = {
        path.stem: path
        for path in sorted((ROOT / "bench").glob("*.py"))
        if '__name__ == "__main__"' in path.read_text()
    }
    names = args.only or list(scripts)
    results = []
    for name in names:
        print(f"running bench/{name}.py ...", flush=True)
        result = run_one(scripts[name])
        print(
            f"  {result['line'] if result['ok'] else 'FAILED: ' + result['line']} ({result['seconds']:.0f} s)",
            flush=True,
        )
        results.append(result)
    if not args.no_write:
        import json

        sys.path.insert(0, str(ROOT / "src"))
        from alliancelab.files import write_text

        kept = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
        kept.update({result["name"]: result for result in results})
        kept = {name: kept[name] for name in scripts if name in kept}
        write_text(RESULTS, json.dumps(kept, indent=1) + "\n")
        write_text(PAGE, page(list(kept.values()), scripts))
        print(f"wrote {PAGE.relative_to(ROOT)} and {RESULTS.relative_to(ROOT)}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
