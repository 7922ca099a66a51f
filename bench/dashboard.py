"""Benchmark: the dashboard under a bounded load on loopback.

Starts ``alliancelab dashboard`` in a subprocess on a free loopback port, warms the report, threat and
similarity pages once, then sends ``--requests`` requests from ``--clients`` concurrent clients (each
client cycles through a few years, so both first and repeated renderings occur) and prints the latency
percentiles per page, the throughput and the server's memory (RSS) after warm-up and at the end.
Reference: the same load against the same server with its page cache switched off (``--reference``
requests only; every request recomputes its page, as the dashboard did before the cache), timed the
same way. Both sides must return the same pages. The load is count- and time-limited and only ever
targets 127.0.0.1.

Usage: python bench/dashboard.py [--requests 2000] [--clients 20] [--reference 100] [--max-seconds 300]
                                 [--write-docs]   (puts this output, with the machine and load, in docs/reliability.md)
       python bench/dashboard.py --memory 10000 [--write-docs]
                                 (memory check: the server's RSS every 1,000 requests over 10,000 requests of
                                 the same pages plus refused requests with a unique bad value each, so that
                                 neither the cache nor a per-request leak can hide; ends with the growth after
                                 warm-up)
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import numpy as np

PAGES = {
    "report": [("/report", {"year": y}) for y in (1914, 1939, 1950, 1990)],
    "threat": [("/threat", {"year": y}) for y in (1913, 1938, 1962)],
    "similarity": [("/similarity", {"pairs": p}) for p in ("USA-RUS,FRN-GMY", "UKG-FRN", "USA-UKG,USA-JPN")],
}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


OUTPUT = []
START_LOAD = os.getloadavg()[0]


def say(line):
    print(line, flush=True)
    OUTPUT.append(line)


def write_docs(path="docs/reliability.md", marker="dashboard"):
    """Replace the block between the bench markers in the reliability page with this run's output."""
    import datetime

    from alliancelab.files import write_text

    text = Path(path).read_text()
    begin, end = f"<!-- bench:{marker} -->", f"<!-- /bench:{marker} -->"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    machine = f"{os.cpu_count()} cores, load average {START_LOAD:.1f} at the start, {datetime.date.today().isoformat()}"
    command = "python bench/dashboard.py" + (" --memory 10000" if marker != "dashboard" else "") + " --write-docs"
    block = f"{begin}\nRun by `{command}` ({machine}):\n\n```\n" + "\n".join(OUTPUT) + f"\n```\n{end}"
    write_text(path, head + block + tail)


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return float("nan")
    return float("nan")


def start_server(cache_bytes, time_limit=120):
    port = free_port()
    code = (
        "import sys, uvicorn; from alliancelab.web import create_app; "
        f"uvicorn.run(create_app(time_limit_s={time_limit}, cache_bytes={cache_bytes}), host='127.0.0.1', "
        f"port={port}, log_level='warning')"
    )
    server = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ)
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
            return server, f"http://127.0.0.1:{port}"
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the dashboard did not start within 60 s")


def load(base, requests, clients, max_seconds, refused_every=0, offset=0):
    """Send ``requests`` requests from ``clients`` threads; returns {page: [seconds]}, pages by URL, wall time.

    ``refused_every`` > 0: every such request is instead one with a unique bad value (answered 4xx,
    never cached); ``offset`` numbers those values across calls."""
    plan = [(name, path, params) for name in PAGES for path, params in PAGES[name]]
    latencies = {name: [] for name in PAGES}
    bodies = {}
    counter = iter(range(requests))
    lock = threading.Lock()
    stop = time.monotonic() + max_seconds
    failures = []

    def client():
        with httpx.Client(base_url=base, timeout=120) as session:
            while time.monotonic() < stop:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                name, path, params = plan[i % len(plan)]
                refused = refused_every and i % refused_every == 0
                if refused:
                    path, params = "/report", {"year": f"bad-{offset + i}"}
                started = time.perf_counter()
                response = session.get(path, params=params)
                elapsed = time.perf_counter() - started
                if refused:
                    if response.status_code >= 500:
                        failures.append((path, params, response.status_code))
                    continue
                if response.status_code != 200:
                    failures.append((path, params, response.status_code))
                with lock:
                    latencies[name].append(elapsed)
                    bodies.setdefault((path, tuple(params.items())), len(response.text))

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} failed requests, e.g. {failures[:3]}")
    return latencies, bodies, time.perf_counter() - started


def summary(latencies, wall):
    lines = []
    count = sum(len(v) for v in latencies.values())
    for name, values in latencies.items():
        ms = np.array(values) * 1000
        lines.append(
            f"  {name:<11} n={len(ms):>6,}  p50 {np.percentile(ms, 50):8.1f} ms  "
            f"p99 {np.percentile(ms, 99):8.1f} ms  max {ms.max():8.1f} ms"
        )
    lines.append(f"  all         {count:,} requests in {wall:.1f} s = {count / wall:,.1f} requests/s")
    return "\n".join(lines)


def run(cache_bytes, requests, clients, max_seconds, label):
    server, base = start_server(cache_bytes)
    try:
        for name in PAGES:  # warm-up: each page once
            for path, params in PAGES[name]:
                httpx.get(base + path, params=params, timeout=300)
        warm_rss = rss_mb(server.pid)
        latencies, bodies, wall = load(base, requests, clients, max_seconds)
        end_rss = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    say(
        f"{label}: {clients} clients on loopback; memory {warm_rss:,.0f} MB after warm-up, {end_rss:,.0f} MB at the end"
    )
    for line in summary(latencies, wall).splitlines():
        say(line)
    return latencies, bodies


def memory_check(total, clients, max_seconds, batch=1000):
    """RSS of the cached server every ``batch`` requests over ``total``; returns the growth after warm-up."""
    server, base = start_server(64 * 2**20)
    samples = []
    try:
        for name in PAGES:
            for path, params in PAGES[name]:
                httpx.get(base + path, params=params, timeout=300)
        stop = time.monotonic() + max_seconds
        done = 0
        while done < total and time.monotonic() < stop:
            load(base, min(batch, total - done), clients, stop - time.monotonic(), refused_every=5, offset=done)
            done += min(batch, total - done)
            samples.append((done, rss_mb(server.pid)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    say(f"memory over {done:,} requests at {clients} clients (1 in 5 refused with a unique bad value), RSS in MB:")
    say("  " + "  ".join(f"{n // 1000}k: {mb:,.0f}" for n, mb in samples))
    warm = samples[0][1]
    growth = samples[-1][1] - warm
    say(
        f"bench dashboard-memory: {growth:+,.0f} MB ({100 * growth / warm:+.1f}%) from {samples[0][0]:,} to "
        f"{samples[-1][0]:,} requests (RSS {warm:,.0f} -> {samples[-1][1]:,.0f} MB)"
    )
    return growth


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--reference", type=int, default=100, help="requests against the uncached server")
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument(
        "--memory",
        type=int,
        default=0,
        metavar="N",
        help="instead of the latency bench: the server's memory every 1,000 of N requests",
    )
    args = parser.parse_args()
    os.chdir(Path(__file__).resolve().parents[1])
    if args.memory:
        memory_check(args.memory, args.clients, max(args.max_seconds, 1200))
        if args.write_docs:
            write_docs(marker="dashboard-memory")
        return
    fast, fast_bodies = run(64 * 2**20, args.requests, args.clients, args.max_seconds, "cached (default)")
    slow, slow_bodies = run(0, args.reference, args.clients, args.max_seconds, "reference: page cache off")
    common = set(fast_bodies) & set(slow_bodies)
    assert all(fast_bodies[key] == slow_bodies[key] for key in common), "cached and uncached pages differ"
    all_fast = np.concatenate([np.array(v) for v in fast.values()])
    all_slow = np.concatenate([np.array(v) for v in slow.values()])
    p50, p99 = np.percentile(all_fast, 50) * 1000, np.percentile(all_fast, 99) * 1000
    ratio = np.percentile(all_slow, 50) / np.percentile(all_fast, 50)
    say(
        f"bench dashboard: p50 {p50:.1f} ms, p99 {p99:.1f} ms over {len(all_fast):,} requests at "
        f"{args.clients} clients ({ratio:.1f}x faster p50 vs reference without page cache)"
    )
    if args.write_docs:
        write_docs()


if __name__ == "__main__":
    main()
