"""Benchmark: fitting the projected threat form's weights, half distance and dispute half-life to ATOP's named threats.

Fast path: ``fit_projected`` (``alliancelab.measures.threat``): at every point of the grid of half distances and
dispute half-lives, the conditional logit of the named threat on the projected score is maximised by L-BFGS-B
with a likelihood vectorised over all candidate rows (one ``bincount`` per sum over cases). The design (the
projected terms of every candidate row at every grid point) is built once first and timed separately.
Reference: the straightforward implementation of the same model, a likelihood that loops over the cases in
Python (each case's candidates scored and log-sum-exp'd in NumPy), maximised by the same scipy L-BFGS-B from the
same start within the same bounds, on the same design at the same grid points (a sample of them, and the fast
path timed on the same sample). The two must agree on the log-likelihood and the fitted parameters. The
two-gradient fit (``fit_projected_two``: one half distance for COW major powers, one for other states) runs through
the same grid search; it is timed too and checked against the reference at its chosen grid point.

Usage: python bench/threat_fit.py [--sample 2]
"""

import argparse
import time

import numpy as np
from scipy import optimize
from scipy.special import logsumexp

from alliancelab.measures.threat import (
    DEFAULT_WEIGHTS,
    fit_projected,
    fit_projected_two,
    projected_design,
    projected_two_design,
)
from alliancelab.measures.threat._projected_fit import ProjectedDesign


def _start():
    w = DEFAULT_WEIGHTS
    return np.array([5.0, np.log(w["offensive"] / w["power"]), np.log(w["intentions"] / w["power"])])


def reference_cases(pdesign, key):
    """Per case: the (candidates, 3) terms and the named flags of its scored candidates, built with a loop."""
    design, terms = pdesign.design, pdesign.terms[key]
    cases = []
    for c in np.unique(design.case):
        rows = np.flatnonzero(design.case == c)
        rows = rows[pdesign.pair[rows] & ~np.isnan(terms[rows]).all(axis=1)]
        y = design.y[rows]
        if y.sum() > 0:  # the named state is among the scored candidates
            cases.append((terms[rows], y > 0))
    return cases


def reference_negloglik(theta, cases):
    """-sum over cases of log P(a named state | candidates), the score computed case by case."""
    w = np.array([1.0, np.exp(theta[1]), np.exp(theta[2])])
    total = 0.0
    for terms, named in cases:
        ok = ~np.isnan(terms)
        score = theta[0] * (np.where(ok, terms, 0.0) @ w) / (ok @ w)
        total += logsumexp(score[named]) - logsumexp(score)
    return -total


def reference_fit(pdesign, key):
    """(log-likelihood, theta) at one grid point, by the per-case loop and scipy's L-BFGS-B."""
    cases = reference_cases(pdesign, key)
    result = optimize.minimize(
        reference_negloglik,
        _start(),
        args=(cases,),
        method="L-BFGS-B",
        bounds=[(0.0, 200.0), (-8.0, 8.0), (-8.0, 8.0)],
    )
    return -float(result.fun), result.x, len(cases)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=2, help="grid points fitted by the reference")
    args = parser.parse_args()
    start = time.perf_counter()
    pdesign = projected_design()
    design_seconds = time.perf_counter() - start
    start = time.perf_counter()
    fit = fit_projected(pdesign)
    fast_seconds = time.perf_counter() - start
    n_grid = len(pdesign.terms)

    # the sample: the chosen grid point and others spread over the grid
    keys = list(pdesign.terms)
    best = (fit.half_distance_km, fit.dispute_half_life)
    others = [keys[i] for i in np.linspace(0, len(keys) - 1, args.sample).astype(int) if keys[i] != best]
    sample = [best] + others[: args.sample - 1]
    sub = ProjectedDesign(pdesign.design, {key: pdesign.terms[key] for key in sample}, pdesign.pair)
    start = time.perf_counter()
    fast_sample = fit_projected(sub)
    fast_sample_seconds = time.perf_counter() - start
    start = time.perf_counter()
    references = {key: reference_fit(pdesign, key) for key in sample}
    reference_seconds = time.perf_counter() - start

    worst_ll, worst_theta = 0.0, 0.0
    grid = {(g["half_distance_km"], g["dispute_half_life"]): g for g in fast_sample.grid}
    for key, (loglik, theta, n_cases) in references.items():
        worst_ll = max(worst_ll, abs(loglik - grid[key]["log_likelihood"]))
        worst_theta = max(worst_theta, float(np.max(np.abs(theta - np.array(grid[key]["theta"])))))
        if key == best and n_cases != fit.n_cases:
            raise SystemExit(f"bench threat_fit: {n_cases} reference cases at the chosen point, {fit.n_cases} fast")
    if worst_ll > 1e-4 or worst_theta > 1e-2:
        raise SystemExit(
            f"bench threat_fit: fast and reference disagree (log-likelihood by {worst_ll:.1e}, "
            f"parameters by {worst_theta:.1e})"
        )
    ref_best = references[best]
    if abs(ref_best[0] - fit.log_likelihood) > 1e-4:
        raise SystemExit("bench threat_fit: the reference's log-likelihood at the chosen grid point differs")

    start = time.perf_counter()
    two_design = projected_two_design()
    two_design_seconds = time.perf_counter() - start
    start = time.perf_counter()
    two = fit_projected_two(two_design)
    two_seconds = time.perf_counter() - start
    two_key = (two.half_distance_km, two.half_distance_major_km, two.dispute_half_life)
    two_loglik, two_theta, _ = reference_fit(two_design, two_key)
    chosen = next(
        g for g in two.grid if (g["half_distance_km"], g["half_distance_major_km"], g["dispute_half_life"]) == two_key
    )
    two_ll = abs(two_loglik - two.log_likelihood)
    two_theta_gap = float(np.max(np.abs(two_theta - np.array(chosen["theta"]))))
    if two_ll > 1e-4 or two_theta_gap > 1e-2:
        raise SystemExit(
            f"bench threat_fit: two-gradient fit and reference disagree (log-likelihood by {two_ll:.1e}, "
            f"parameters by {two_theta_gap:.1e})"
        )
    ratio = reference_seconds / fast_sample_seconds
    rows = len(pdesign.design.y)
    print(f"design    : {design_seconds:6.2f} s (projected terms of {rows:,} candidate rows x {n_grid} grid points)")
    print(
        f"fast path : {fast_seconds:6.2f} s for the whole grid ({n_grid} points, {fit.n_cases} cases); chosen "
        f"h = {fit.half_distance_km:,.0f} km, L = {fit.dispute_half_life:g} y, log-likelihood {fit.log_likelihood:.4f}"
    )
    print(f"            {fast_sample_seconds:6.2f} s on the {len(sample)} sample grid points {sample}")
    print(
        f"reference : {reference_seconds:6.2f} s on the same {len(sample)} points "
        "(per-case loop likelihood, scipy L-BFGS-B)"
    )
    print(
        f"agreement : log-likelihood within {worst_ll:.1e}, "
        f"parameters (scale, log weight ratios) within {worst_theta:.1e}"
    )
    print(
        f"two grads : {two_seconds:6.2f} s for the whole grid ({len(two_design.terms)} points; design "
        f"{two_design_seconds:.2f} s); chosen h = {two.half_distance_km:,.0f} km, major "
        f"{two.half_distance_major_km:,.0f} km, L = {two.dispute_half_life:g} y; reference at that point within "
        f"{two_ll:.1e} / {two_theta_gap:.1e}"
    )
    print(
        f"bench threat_fit: {fast_seconds:.1f} s for {fit.n_cases} cases x {n_grid} grid points "
        f"({rows:,} candidate rows; two gradients {two_seconds:.1f} s x {len(two_design.terms)} points) "
        f"({ratio:.1f}x vs reference per-case loop likelihood with scipy L-BFGS-B, {reference_seconds:.1f} s "
        f"on {len(sample)} grid points)"
    )


if __name__ == "__main__":
    main()
