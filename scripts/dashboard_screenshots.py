"""Screenshots and response times of every dashboard page, for docs/dashboard.md.

Starts ``alliancelab dashboard`` on a free loopback port, opens each page in the system Chromium
through Playwright (/usr/bin/chromium; no Playwright browser download), saves a screenshot to
docs/figures/dashboard_NAME.png, then times each page with httpx: the first load (cold caches) and
the median of ``--repeat`` later loads, answered from the page cache or recomputed warm
(``?fresh=N`` keys make each request a new cache entry, so the warm time is the library's work).
Writes the table between the ``<!-- gen:timings -->`` markers of docs/dashboard.md.

Run from the repository root: PYTHONPATH=src python scripts/dashboard_screenshots.py
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

DOC = Path("docs/dashboard.md")
FIGURES = Path("docs/figures")
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = {
    "report": "/report?year=1914",
    "threat": "/threat?year=1913&top=15",
    "similarity": "/similarity?pairs=USA-RUS,FRN-GMY",
    "simulation": "/simulation",
    "network": "/network?year=1914",
    "alignments": "/alignments?era=pre-1914&label=balancing",
    "landscape": "/landscape?states=GMY+AUH+ITA+UKG+FRN+RUS+TUR+JPN+USA&year=1914",
    "deterrence": "/deterrence",
    "profile": "/profile?a=USA&b=ROK",
    "burden": "/burden",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "alliancelab.cli", "dashboard", "--port", str(port), "--time-limit", "600"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    rows = []
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        with httpx.Client(timeout=600) as client:
            for name, address in PAGES.items():
                started = time.perf_counter()
                status = client.get(base + address).status_code
                first = time.perf_counter() - started
                cached, warm = [], []
                for i in range(args.repeat):
                    started = time.perf_counter()
                    client.get(base + address)
                    cached.append(time.perf_counter() - started)
                    joiner = "&" if "?" in address else "?"
                    started = time.perf_counter()
                    client.get(f"{base}{address}{joiner}fresh={i}")
                    warm.append(time.perf_counter() - started)
                rows.append((name, address, status, first, statistics.median(cached), statistics.median(warm)))
                print(
                    f"{name}: {status} first {first:.2f} s, cached {rows[-1][4] * 1000:.0f} ms, "
                    f"warm recomputed {rows[-1][5] * 1000:.0f} ms",
                    flush=True,
                )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(600_000)
            for name, address in PAGES.items():
                page.goto(base + address)
                if page.locator("div.figure").count():
                    page.wait_for_selector("div.figure .main-svg")
                page.screenshot(path=str(FIGURES / f"dashboard_{name}.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    table = [
        "| page | address | status | first load (s) | cached (ms, median) | warm, recomputed (ms, median) |",
        "|---|---|---|---|---|---|",
    ]
    table += [f"| {n} | `{a}` | {s} | {f:.2f} | {c * 1000:.0f} | {w * 1000:.0f} |" for n, a, s, f, c, w in rows]
    text = DOC.read_text()
    text = re.sub(
        r"(<!-- gen:timings -->).*?(<!-- /gen:timings -->)",
        lambda m: m.group(1) + "\n" + "\n".join(table) + "\n" + m.group(2),
        text,
        flags=re.S,
    )
    DOC.write_text(text)
    print(f"wrote {len(PAGES)} screenshots to {FIGURES} and the timings to {DOC}")


if __name__ == "__main__":
    main()
