"""Benchmark: alliance-portfolio similarity for every non-directed dyad-year 1816-2016.

Fast path: ``similarity.dyad_similarity`` (per-year cross-tabs by one BLAS product, measures as
forms of the cross-tabs). Reference: a direct per-dyad loop over the same formulas
(``similarity.reference_measure``: S by its sum, tau-b by counting pairs of dimensions, kappa and
pi by averaging disagreement over pairs), run on a sample of years and extrapolated to the panel
from the per-dyad time as a function of the number of states (linear interpolation in n).
Both paths run in this process on the same portfolios; the script checks that they agree.

Usage: .venv/bin/python bench/similarity.py [--sample-years 1816,1856,1896,1936,1976,2016]
"""

import argparse
import time

import numpy as np

from alliancelab.measures import similarity as sim
from alliancelab.measures.portfolios import load_portfolios

FAMILIES = {  # what the peer R package fpsim reports separately (its timings, 1816-2018 panel)
    "S unweighted": (["s_unweighted"], 1000),
    "S weighted": (["s_weighted"], 490),
    "pi and kappa": (["pi", "kappa"], 1160),
    "tau-b": (["tau_b"], 425),
}


def reference_year(portfolio, measures):
    """Direct per-dyad loop: (seconds, {measure: values in triu order})."""
    n = portfolio.n
    first, second = np.triu_indices(n, k=1)
    out = {name: np.empty(len(first)) for name in measures}
    weights = portfolio.weights
    started = time.perf_counter()
    for index, (i, j) in enumerate(zip(first, second)):
        x, y = portfolio.levels[i], portfolio.levels[j]
        for name in measures:
            out[name][index] = sim.reference_measure(name, x, y, weights)
    return time.perf_counter() - started, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample-years", default="1816,1856,1896,1936,1976,2016")
    args = parser.parse_args()
    sample_years = [int(y) for y in args.sample_years.split(",")]

    started = time.perf_counter()
    portfolios = load_portfolios(1816, 2016)
    load_seconds = time.perf_counter() - started
    total_dyads = portfolios.n_dyad_years
    sizes = np.array([p.n for p in portfolios])
    dyads = sizes * (sizes - 1) // 2
    print(
        f"portfolios 1816-2016: {len(portfolios)} years, {total_dyads:,} non-directed dyad-years, "
        f"loaded in {load_seconds:.2f} s (ATOP 5.1 x COW states 2016 x NMC 7.0)"
    )

    sim.dyad_similarity(1816, 1820, portfolios=portfolios)  # warm-up (imports, BLAS start-up)
    print("\nfast path, full panel (seconds per measure, each run on its own):")
    fast = {}
    for label, (measures, _peer) in FAMILIES.items():
        started = time.perf_counter()
        sim.dyad_similarity(measures=measures, portfolios=portfolios)
        fast[label] = time.perf_counter() - started
        print(f"  {label:<14} {fast[label]:7.2f} s")
    started = time.perf_counter()
    everything = sim.dyad_similarity(portfolios=portfolios)
    all_seconds = time.perf_counter() - started
    print(
        f"  {'all ' + str(len(sim.MEASURES)) + ' measures':<14} {all_seconds:7.2f} s "
        f"({', '.join(sim.MEASURES[:3])}, ... incl. regional variants)"
    )

    print(f"\nreference per-dyad loop on sample years {sample_years} (measured), extrapolated to 1816-2016:")
    sample = [portfolios.year(y) for y in sample_years]
    fast_rows = everything.set_index("year")
    worst = 0.0
    lines = []
    reference_total = 0.0
    fast_family_total = sum(fast.values())
    for label, (measures, peer) in FAMILIES.items():
        per_dyad, measured_ref, measured_fast = [], 0.0, 0.0
        for portfolio in sample:
            seconds, values = reference_year(portfolio, measures)
            measured_ref += seconds
            count = portfolio.n * (portfolio.n - 1) // 2
            per_dyad.append(seconds / count)
            with sim.single_threaded_blas():
                started = time.perf_counter()
                sim.year_similarity(portfolio, measures)
                measured_fast += time.perf_counter() - started
            expected = fast_rows.loc[portfolio.year]
            for name in measures:
                diff = np.nanmax(np.abs(values[name] - expected[name].to_numpy()))
                same_nan = np.array_equal(np.isnan(values[name]), np.isnan(expected[name].to_numpy()))
                if not same_nan:
                    raise SystemExit(f"disagreement in NaN pattern: {name} {portfolio.year}")
                worst = max(worst, float(diff))
        order = np.argsort([p.n for p in sample])
        sample_n = np.array([p.n for p in sample])[order]
        sample_cost = np.array(per_dyad)[order]
        estimate = float((dyads * np.interp(sizes, sample_n, sample_cost)).sum())
        reference_total += estimate
        lines.append((label, measured_ref, measured_fast, estimate, fast[label], peer))
        print(
            f"  {label:<14} sample: {measured_ref:7.2f} s loop vs {measured_fast:6.3f} s fast "
            f"({measured_ref / measured_fast:6.0f}x measured);  full panel: "
            f"{estimate:9.0f} s loop (extrapolated) vs {fast[label]:5.2f} s fast "
            f"({estimate / fast[label]:,.0f}x); fpsim reports ~{peer:,} s"
        )
    if worst > 1e-9:
        raise SystemExit(f"fast path and reference disagree: max |diff| = {worst:.3g}")
    print(
        f"\nagreement on the sample years: max |fast - reference| = {worst:.2e} "
        f"over {sum(p.n * (p.n - 1) // 2 for p in sample):,} dyads"
    )
    print(
        f"\nbench similarity: {all_seconds:.2f} s for {total_dyads:,} dyad-years, all "
        f"{len(sim.MEASURES)} measures (S, S weighted, pi+kappa, tau-b: {fast_family_total:.2f} s, "
        f"{reference_total / fast_family_total:,.0f}x vs reference per-dyad loop, "
        f"extrapolated from {len(sample_years)} sample years)"
    )


if __name__ == "__main__":
    main()
