"""Fit the projected threat form's weights, half distance(s) and dispute half-life on ATOP's named threats.

Writes src/alliancelab/measures/threat/fitted_projected.json (one loss-of-strength gradient for every state) and
fitted_projected_two.json (one gradient for COW major powers, one for the other states, ``weights="fitted_two"``),
which ``walt_cube(weights="fitted",
form="projected")`` and the classification's ``RuleParams(weights="fitted")`` read. Re-running on the same data
reproduces the file (tests/measures/test_threat_projected_fit.py checks it).

Usage: python scripts/fit_projected_threat.py [--warehouse FILE]
"""

import argparse
import json

from alliancelab.measures import threat
from alliancelab.measures.threat import _projected_fit, _projected_two
from alliancelab.panels.lookup import Lookup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", default=None)
    args = parser.parse_args()
    fit = _projected_fit.fit_projected(_projected_fit.projected_design(args.warehouse))
    lookup = Lookup.get(args.warehouse)
    fit.provenance = provenance(lookup)
    _projected_fit.PROJECTED_FILE.write_text(json.dumps(fit.to_json(), indent=1) + "\n")
    print(f"fitted on {fit.n_cases} cases from {fit.n_alliances} alliances -> {_projected_fit.PROJECTED_FILE}")
    print(f"  weights {fit.weights}")
    print(f"  half distance {fit.half_distance_km:,.0f} km, dispute half-life {fit.dispute_half_life:g} years")
    two = _projected_two.fit_projected_two(_projected_two.projected_two_design(args.warehouse))
    two.provenance = provenance(lookup, ["majors"]) | {
        "grid": "half distance of other states x of COW major powers x half-life"
    }
    _projected_two.TWO_FILE.write_text(json.dumps(two.to_json(), indent=1) + "\n")
    print(f"two gradients -> {_projected_two.TWO_FILE}: weights {two.weights}")
    print(
        f"  half distance {two.half_distance_km:,.0f} km (others), {two.half_distance_major_km:,.0f} km (major "
        f"powers), dispute half-life {two.dispute_half_life:g} years"
    )


def provenance(lookup, extra=()):
    return {
        "written_by": "scripts/fit_projected_threat.py",
        "target": "ATOP 4.01 alliance-level statthr1/statthr2: the named state(s), for each founding member, "
        "among all states present in the year before signing",
        "method": "conditional logit with the projected score times a fitted scale as the utility; weight ratios "
        "by L-BFGS-B at each point of a grid of half distances and dispute half-lives; best log-likelihood kept",
        "sources": lookup.citations(threat.THREAT_SOURCES + ["atop_alliances", "atop_members", *extra]),
    }


if __name__ == "__main__":
    main()
