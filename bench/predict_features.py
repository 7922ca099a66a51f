"""Benchmark: every prediction feature (all groups) for every non-directed dyad-year 1816-2016.

Fast path: ``build_features(inputs)`` (numpy: per-year adjacency matrices for shared allies, degrees and
common rivals; sorted running sums for the lagged dyad history; matrix products for common threats).
Reference: the lagged network and hostility features (shared allies, degrees, alliance memory, disputes in
the last ten years, common rivals) written as straightforward pandas merges and group-bys, on the same
inputs in the same process; the two must agree exactly. The landscape propensity: the fast path
(``predict.landscape.landscape_components``, all pairs of all years at once) against the landscape module's own
``build_system(...).propensity()`` (one system per year, loops over pairs) on every pair of system members with a
positive CINC in every year 1816-2016, timed the same way on the same pairs; they must agree to 1e-12.
Loading the raw inputs (panel steps, similarity, threat cube, landscape event tables, detente signals) is
timed separately.

Usage: python bench/predict_features.py [--warehouse PATH]
"""

import argparse
import time

import numpy as np
import pandas as pd

from alliancelab.panels.lookup import Lookup
from alliancelab.predict.features import build_features, load_inputs
from alliancelab.predict.landscape import landscape_components, propensity
from alliancelab.theory.landscape_data import build_system

KEY = ["ccode1", "ccode2", "year"]
COMPARED = [
    "shared_allies",
    "alliance_degree_min",
    "alliance_degree_max",
    "ever_allied",
    "years_since_allied",
    "disputes_10y",
    "common_rivals",
]


def _two_paths(edges):
    both = pd.concat([edges, edges.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    paths = both.merge(both, left_on=["ccode2", "year"], right_on=["ccode1", "year"], suffixes=("", "_b"))
    paths = paths[paths["ccode1"] < paths["ccode2_b"]]
    counts = paths.groupby(["ccode1", "ccode2_b", "year"]).size().rename("n").reset_index()
    return counts.rename(columns={"ccode2_b": "ccode2"}), both


def reference(dyads):
    d = dyads[KEY + ["atop_any", "mid_onset", "td_rivalry"]].copy()
    allied, both = _two_paths(d.loc[d["atop_any"] == 1, KEY])
    out = d[KEY].merge(allied, on=KEY, how="left")
    out["shared_allies"] = out.pop("n").fillna(0)
    degree = both.groupby(["ccode1", "year"]).size().rename("degree").reset_index()
    for side in ("1", "2"):
        out = out.merge(
            degree.rename(columns={"ccode1": f"ccode{side}", "degree": f"degree{side}"}),
            on=[f"ccode{side}", "year"],
            how="left",
        )
        out[f"degree{side}"] = out[f"degree{side}"].fillna(0)
    out["alliance_degree_min"] = out[["degree1", "degree2"]].min(axis=1)
    out["alliance_degree_max"] = out[["degree1", "degree2"]].max(axis=1)
    history = d.sort_values(KEY).reset_index(drop=True)
    history["last"] = history["year"].where(history["atop_any"] == 1)
    history["last"] = history.groupby(["ccode1", "ccode2"])["last"].ffill()
    history["ever_allied"] = history["last"].notna().astype(float)
    history["years_since_allied"] = history["year"] - history["last"]
    disputes = history[KEY + ["mid_onset"]].copy()
    disputes["disputes_10y"] = 0.0
    for lag in range(10):
        shifted = history[KEY + ["mid_onset"]].assign(year=history["year"] + lag)
        merged = disputes[KEY].merge(shifted, on=KEY, how="left")["mid_onset"].fillna(0).to_numpy()
        disputes["disputes_10y"] += merged
    history["disputes_10y"] = disputes["disputes_10y"].where(history["mid_onset"].notna())
    out = out.merge(history[KEY + ["ever_allied", "years_since_allied", "disputes_10y"]], on=KEY, how="left")
    rivals, _ = _two_paths(d.loc[d["td_rivalry"] == 1, KEY])
    out = out.merge(rivals, on=KEY, how="left")
    out["common_rivals"] = (
        out.pop("n")
        .fillna(0)
        .where(d.set_index(KEY).loc[pd.MultiIndex.from_frame(out[KEY]), "td_rivalry"].notna().to_numpy())
    )
    return out.sort_values(KEY).reset_index(drop=True)


def landscape_check(inputs, warehouse, years):
    """Seconds of the fast path and of the landscape module on the same pairs, and the number of pairs."""
    con = Lookup.get(warehouse).con
    dyads = inputs.dyads
    frames, systems, reference_seconds = [], [], 0.0
    for year in years:
        states = con.execute(
            "SELECT DISTINCT s.ccode FROM states s JOIN nmc n ON n.ccode = s.ccode AND n.year = ? "
            "WHERE s.styear <= ? AND s.endyear >= ? AND n.cinc > 0 ORDER BY 1",
            [year, year, year],
        ).df()["ccode"]
        rows = dyads[(dyads["year"] == year) & dyads["ccode1"].isin(states) & dyads["ccode2"].isin(states)]
        t0 = time.perf_counter()
        system = build_system(states.tolist(), year, warehouse=warehouse)
        p = system.propensity()
        reference_seconds += time.perf_counter() - t0
        where = {c: i for i, c in enumerate(system.codes)}
        frames.append(rows[KEY])
        systems.append(p[[where[c] for c in rows["ccode1"]], [where[c] for c in rows["ccode2"]]])
    rows = pd.concat(frames, ignore_index=True)
    t0 = time.perf_counter()
    fast = propensity(landscape_components(inputs.landscape, rows["ccode1"], rows["ccode2"], rows["year"]))
    fast_seconds = time.perf_counter() - t0
    np.testing.assert_allclose(fast, np.concatenate(systems), rtol=0, atol=1e-12)
    return fast_seconds, reference_seconds, len(rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", default=None)
    args = parser.parse_args()
    t0 = time.perf_counter()
    inputs = load_inputs(warehouse=args.warehouse)
    load_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    features = build_features(inputs)
    all_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    lagged = build_features(inputs, groups=["network", "hostility"])
    fast_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    ref = reference(inputs.dyads)
    reference_seconds = time.perf_counter() - t0

    years = list(range(1816, 2017))
    land_fast, land_reference, land_pairs = landscape_check(inputs, args.warehouse, years)

    lagged = lagged.sort_values(KEY).reset_index(drop=True)
    assert len(lagged) == len(ref) == len(features)
    for column in COMPARED:
        np.testing.assert_array_equal(lagged[column].to_numpy(), ref[column].to_numpy(), err_msg=column)
    print(f"load inputs (panel steps, similarity, threat cube): {load_seconds:.1f} s")
    print(
        f"network + hostility groups: fast {fast_seconds:.2f} s, reference pandas {reference_seconds:.2f} s; "
        f"{len(COMPARED)} columns agree exactly"
    )
    print(
        f"landscape propensity, {land_pairs:,} pairs of {len(years)} years: fast {land_fast:.2f} s, landscape module "
        f"{land_reference:.2f} s; agree to 1e-12"
    )
    print(
        f"bench predict_features: {all_seconds:.1f} s for {len(features):,} dyad-years, all "
        f"{features.shape[1] - 3} features ({reference_seconds / fast_seconds:.1f}x vs reference pandas merges "
        f"on the lagged network and hostility features; {land_reference / land_fast:.1f}x vs the landscape "
        f"module on the landscape propensity)"
    )


if __name__ == "__main__":
    main()
