"""Fit the estimated threat model on every named-threat case and write its weights with provenance.

Writes src/alliancelab/measures/threat/fitted_weights.json, which ``threat_cube(form="estimated")``
reads. Re-running on the same data reproduces the file (tests/measures/test_threat_model.py checks it).

Usage: python scripts/fit_threat_weights.py [--warehouse FILE]
"""

import argparse
import json

from alliancelab.measures import threat
from alliancelab.panels.lookup import Lookup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", default=None)
    args = parser.parse_args()
    design = threat.design_matrix(args.warehouse)
    model = threat.fit_threat_model(design)
    lookup = Lookup.get(args.warehouse)
    model.provenance = {
        "written_by": "scripts/fit_threat_weights.py",
        "target": "ATOP 4.01 alliance-level statthr1/statthr2: the named state(s), for each founding member, "
        "among all states present in the year before signing",
        "method": "conditional logit, L2 penalty on z-scored features, scipy.optimize trust-exact (Newton)",
        "sources": lookup.citations(threat.FEATURE_SOURCES + ["atop_alliances", "atop_members"]),
    }
    threat.WEIGHTS_FILE.write_text(json.dumps(model.to_json(), indent=1) + "\n")
    print(f"fitted on {model.n_cases} cases from {model.n_alliances} alliances -> {threat.WEIGHTS_FILE}")
    for name, value in zip(model.features, model.coef):
        print(f"  {name:20s} {value:+.3f}")
    print(
        f"  loss-of-strength half distance: {model.half_distance_km():,.0f} km "
        f"(major powers {model.half_distance_km(major=True):,.0f} km)"
    )


if __name__ == "__main__":
    main()
