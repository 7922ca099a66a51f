"""Benchmark: warm latency of the burden, profile and similarity dashboard pages for a NEW query.

A warm page is one whose data caches are loaded (the first query of each page type has run) but whose
exact query has not been seen, so the page cache does not answer it: e.g. the profile of another dyad,
the burden test over another span, the similarity of other pairs. Fast path: the page bodies as the
dashboard builds them (portfolios, Snyder indicators and per-alliance burden tables computed once per
process and sliced). Reference: the same bodies with those caches emptied before every query, which
is the work each new query did before. Both sides must return the same page. Timed with
``time.perf_counter`` on both sides, same queries, same process; the fast path's CPU time
(``time.process_time``) is printed too, since wall time on a shared machine includes waiting for a core.

Usage: python bench/dashboard_pages.py [--repeat 7]
"""

import argparse
import re
import statistics
import time

from alliancelab.panels.lookup import Lookup
from alliancelab.web import app as web
from alliancelab.web import pages_theory as theory

QUERIES = {
    "burden": [(("nato", s, 2016, "sipri"),) for s in (1949, 1950, 1955, 1960, 1965, 1970, 1975, 1980)],
    "profile": [
        ((a, b),)
        for a, b in (
            ("USA", "ROK"),
            ("USA", "JPN"),
            ("UKG", "FRN"),
            ("RUS", "CHN"),
            ("USA", "UKG"),
            ("FRN", "ITA"),
            ("ITA", "AUS"),
            ("TUR", "GRC"),
        )
    ],
    "similarity": [
        ((p,),)
        for p in (
            "USA-RUS,FRN-GMY",
            "UKG-FRN",
            "USA-UKG,USA-JPN",
            "ITA-GMY",
            "CHN-RUS",
            "USA-CAN",
            "FRN-RUS",
            "TUR-GRC",
        )
    ],
}
CACHE_KEYS = ("web_portfolios_either", "profile_snyder_member_years")


def body(page, args, lookup):
    if page == "burden":
        alliance, start, end, spending = args[0]
        return theory.burden_body(alliance, start, end, spending, lookup)
    if page == "profile":
        a, b = args[0]
        return theory.profile_body(a, b, lookup.path, lookup)
    return web.similarity_body(args[0][0], "s_weighted", 1816, 2016, lookup)


def forget(lookup):
    lookup.forget(CACHE_KEYS)
    theory._burden_years.cache_clear()


def stable(page):
    """The page without the figure's random element ids."""
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID", str(page[0]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7, help="new queries per page after the warm-up")
    args = parser.parse_args()
    lookup = Lookup.get()
    medians = {}
    for page, queries in QUERIES.items():
        queries = queries[: args.repeat + 1]
        body(page, queries[0], lookup)  # warm-up: loads the data caches
        fast, reference, cpu = [], [], []
        for query in queries[1:]:
            start, used = time.perf_counter(), time.process_time()
            got = body(page, query, lookup)
            fast.append(time.perf_counter() - start)
            cpu.append(time.process_time() - used)
            forget(lookup)
            start = time.perf_counter()
            want = body(page, query, lookup)
            reference.append(time.perf_counter() - start)
            assert stable(got) == stable(want), f"{page} {query}: the fast page differs from the reference"
            body(page, queries[0], lookup)  # caches back for the next fast query
        medians[page] = (statistics.median(fast), statistics.median(reference))
        print(
            f"{page}: warm p50 {medians[page][0] * 1000:.0f} ms (CPU {statistics.median(cpu) * 1000:.0f} ms; "
            f"reference {medians[page][1] * 1000:.0f} ms), {len(fast)} new queries",
            flush=True,
        )
    worst = max(m[0] for m in medians.values())
    speedup = statistics.median(m[1] / m[0] for m in medians.values())
    print(
        f"bench dashboard_pages: {worst * 1000:.0f} ms worst warm p50 of burden/profile/similarity for new queries "
        f"({speedup:.1f}x median vs reference recomputing per query)"
    )


if __name__ == "__main__":
    main()
