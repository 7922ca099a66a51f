"""Fit the projected threat form on revealed hostility, alone and pooled with ATOP's named threats.

Writes src/alliancelab/measures/threat/fitted_projected_hostility.json (``weights="fitted_hostility"``: the states
that use force against i in year y + 1, GML hostility level >= 4) and fitted_projected_pooled.json
(``weights="fitted_pooled"``: that signal and ATOP's named threats, each weighted to the same total weight).
With --evaluate it also scores them out of sample and stores the hit rates in each file's provenance:

- ATOP's named threats: the hostility-only fit never sees them (out of sample as a whole); the pooled fit is
  evaluated by 5 folds of whole alliances (the hostility cases always train) and a temporal split at 1946.
- revealed hostility: a temporal split (fit on outcome years before 1946, score outcome years from 1946).

Re-running on the same data reproduces the parameters (tests/measures/test_threat_projected_hostility.py).

Usage: python scripts/fit_projected_hostility.py [--warehouse FILE] [--evaluate]
"""

import argparse
import json

import numpy as np

from alliancelab.measures import threat
from alliancelab.measures.threat import _projected_fit as pf
from alliancelab.measures.threat import _projected_hostility as ph
from alliancelab.panels.lookup import Lookup

SPLIT = 1946
POOLED_FOLDS = 5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", default=None)
    parser.add_argument("--evaluate", action="store_true", help="also score the fits out of sample (slow)")
    args = parser.parse_args()
    atop = pf.projected_design(args.warehouse)
    hostile = pf.projected_design(args.warehouse, design=ph.hostility_design(args.warehouse))
    pooled = ph.pool_designs(atop, hostile)
    lookup = Lookup.get(args.warehouse)
    fits = {}
    for name, pdesign, path, target in (
        ("hostility", hostile, ph.HOSTILITY_FILE, HOSTILITY_TARGET),
        ("pooled", pooled, ph.POOLED_FILE, HOSTILITY_TARGET + "; pooled with " + ATOP_TARGET),
    ):
        fit = pf.fit_projected(pdesign)
        fit.provenance = provenance(lookup, target, name == "pooled")
        fits[name] = fit
        write(fit, path)
        print(f"{name}: {fit.n_cases} cases -> {path.name}: weights {fit.weights}")
        print(f"  half distance {fit.half_distance_km:,.0f} km, dispute half-life {fit.dispute_half_life:g} years")
    if not args.evaluate:
        return
    evaluation = evaluate(atop, hostile, pooled, fits)
    for name, path in (("hostility", ph.HOSTILITY_FILE), ("pooled", ph.POOLED_FILE)):
        fits[name].provenance["evaluation"] = evaluation
        write(fits[name], path)
    for key, row in evaluation.items():
        if "top1" not in row:
            print(f"{key}: {row}")
            continue
        print(
            f"{key}: top-1 {row['top1']:.3f} [{row['top1_low']:.3f}, {row['top1_high']:.3f}], top-3 "
            f"{row['top3']:.3f} [{row['top3_low']:.3f}, {row['top3_high']:.3f}] ({row['cases']} cases)"
        )


def evaluate(atop, hostile, pooled, fits):
    """Hit rates keyed "<cases>/<evaluation>/<scorer>"."""
    out = {}
    atop_fit = pf.load_projected_fit()
    handset_atop = pf.score_rows(atop, pf.HANDSET)
    for scorer, scores in (
        ("projected_handset", handset_atop),
        ("projected_fitted_atop (in sample)", pf.score_rows(atop, atop_fit)),
        ("projected_fitted_hostility (never saw these cases)", pf.score_rows(atop, fits["hostility"])),
    ):
        out[f"atop/all/{scorer}"] = ph.hit_rates(atop, scores)
    signal = pooled.design.cases["signal"].to_numpy()
    full = fits["pooled"]

    def fit(pdesign, train=None, starts=None):
        return full if train is None else pf.fit_projected(pdesign, train, starts)

    handset_pooled = pf.score_rows(pooled, pf.HANDSET)
    summary = pf.out_of_sample(
        pooled, fit, pf.score_rows, handset_pooled, "projected_pooled", POOLED_FOLDS, (SPLIT,), evaluated=signal == 0
    )
    for row in summary.to_dict("records"):
        name = "alliance_folds" if row["evaluation"] == "leave_alliance_out" else row["evaluation"]
        out[f"atop/{name}/{row['scorer']}"] = {k: v for k, v in row.items() if k not in ("evaluation", "scorer")}
    years = hostile.design.cases["year"].to_numpy() + 1  # outcome years
    train = years < SPLIT
    before = pf.fit_projected(hostile, train, fits["hostility"])
    for scorer, scores in (
        ("projected_handset", pf.score_rows(hostile, pf.HANDSET)),
        ("projected_fitted_atop", pf.score_rows(hostile, atop_fit)),
        (f"projected_fitted_hostility (fit on outcomes before {SPLIT})", pf.score_rows(hostile, before)),
    ):
        out[f"hostility/temporal_{SPLIT}/{scorer}"] = ph.hit_rates(hostile, scores, ~train)
    out[f"hostility/temporal_{SPLIT}/fit"] = {
        **before.weights,
        "half_distance_km": before.half_distance_km,
        "dispute_half_life": before.dispute_half_life,
    }
    return {k: {n: (float(v) if isinstance(v, np.floating) else v) for n, v in row.items()} for k, row in out.items()}


HOSTILITY_TARGET = (
    "GML MID 2.2.1: for state i in year y, the states that initiate a dispute against i in y + 1 with hostility "
    f"level >= {ph.HOSTILITY_LEVEL} (side A originators), among all states present in y"
)
ATOP_TARGET = "ATOP 4.01 statthr1/statthr2 (the named threats of each founding member, as fitted_projected.json)"


def provenance(lookup, target, pooled):
    extra = ["atop_alliances", "atop_members"] if pooled else []
    return {
        "written_by": "scripts/fit_projected_hostility.py",
        "target": target,
        "weighting": "each signal's cases weighted to the same total weight" if pooled else "one per case",
        "method": "conditional logit with the projected score times a fitted scale as the utility; weight ratios "
        "by L-BFGS-B at each point of a grid of half distances and dispute half-lives; best log-likelihood kept",
        "sources": lookup.citations(threat.THREAT_SOURCES + extra),
    }


def write(fit, path):
    path.write_text(json.dumps(fit.to_json(), indent=1) + "\n")


if __name__ == "__main__":
    main()
