"""Benchmark: the balance-of-threat score for every directed dyad-year 1816-2016.

Fast path: ``threat_scores(1816, 2016)`` (dense (year, state, state) cubes, cold cache).
Reference: the same formula written the straightforward way, per dyad-year with pandas merges and a
per-row decay sum over the dyad's past disputes, run on a sample of years and extrapolated to the
whole panel (labelled as such). The two must agree on the sampled years.

Usage: python bench/threat.py [--sample 1870,1913,1938,1962,1995]
"""

import argparse
import time

import numpy as np
import pandas as pd

from alliancelab.data import warehouse as wh
from alliancelab.measures import threat
from alliancelab.panels import dyad_years
from alliancelab.panels.lookup import Lookup, clear_cache


def reference(year, con):
    """Threat components for one year, computed row by row from the warehouse tables."""
    panel = pd.DataFrame(dyad_years(year, year).add_nmc(columns=("milex", "milper", "cinc"))
                         .add_contiguity().add_min_distance().add_capital_distance().add_rivalry()
                         .add_territorial_threat())
    members = pd.DataFrame(dyad_years(year, year, directed=False))
    cinc = panel.groupby("ccode2")["cinc2"].first()
    panel["power"] = panel["cinc2"] / cinc.max()
    distance = panel["mindist"].where(panel["mindist"].notna(), panel["capdist"])
    distance = distance.where(panel["conttype"] != 1, 0.0)
    for kind, km in threat.WATER_MILES_KM.items():
        distance = distance.where(panel["conttype"] != kind, np.fmin(distance, km))
    panel["proximity"] = np.exp(-np.log(2) * distance / threat.DEFAULTS["half_distance_km"])
    totals = panel.groupby("ccode2")[["milex2", "milper2"]].first().sum()
    m1 = pd.concat([panel["milex1"] / totals["milex2"], panel["milper1"] / totals["milper2"]], axis=1).mean(axis=1)
    m2 = pd.concat([panel["milex2"] / totals["milex2"], panel["milper2"] / totals["milper2"]], axis=1).mean(axis=1)
    panel["offensive"] = m2 / (m1 + m2)
    gml = con.execute("SELECT ccode1, ccode2, year, midonset, sidea1, orig1, hostlev1 FROM gml_dyads "
                      "WHERE year <= ?", [year]).df().fillna(0)
    gml = gml[(gml["midonset"] == 1) & (gml["sidea1"] == 1) & (gml["orig1"] == 1)]
    gml = gml.groupby(["ccode1", "ccode2", "year"], as_index=False)["hostlev1"].sum()
    decay = 0.5 ** (1.0 / threat.DEFAULTS["dispute_half_life"])
    gml["weight"] = gml["hostlev1"] * decay ** (year - gml["year"])
    past = gml.groupby(["ccode1", "ccode2"])["weight"].sum().rename("score").reset_index()
    past = past.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})  # j initiated against i
    panel = panel.merge(past, on=["ccode1", "ccode2"], how="left")
    disputes = 1 - np.exp(-panel["score"].fillna(0) / 5)
    lterr = panel.groupby("ccode1")["lterrthreat1"].first()
    scaled = (panel["lterrthreat1"] - lterr.min()) / (lterr.max() - lterr.min())
    territory = scaled * panel["conttype"].between(1, 3)
    panel["intentions"] = pd.concat([disputes, panel["td_rivalry"].astype(float), territory], axis=1).mean(axis=1)
    weights = threat.DEFAULT_WEIGHTS
    values = panel[list(weights)]
    w = pd.Series(weights)
    panel["threat"] = (values * w).sum(axis=1) / values.notna().mul(w).sum(axis=1)
    assert len(members) * 2 == len(panel)
    return panel[["ccode1", "ccode2", "year", "power", "proximity", "offensive", "intentions", "threat"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", default="1870,1913,1938,1962,1995")
    args = parser.parse_args()
    sample = [int(y) for y in args.sample.split(",")]
    wh.build_warehouse()
    clear_cache()
    start = time.perf_counter()
    scores = threat.threat_scores(1816, 2016)
    fast_seconds = time.perf_counter() - start

    con = Lookup.get().con
    start = time.perf_counter()
    references = [reference(year, con) for year in sample]
    sample_seconds = time.perf_counter() - start
    sample_rows = sum(len(r) for r in references)
    worst = 0.0
    for ref in references:
        ours = scores[scores["year"] == ref["year"].iloc[0]].merge(ref, on=["ccode1", "ccode2", "year"])
        for column in ("power", "proximity", "offensive", "intentions", "threat"):
            gap = np.nanmax(np.abs(ours[f"{column}_x"] - ours[f"{column}_y"]))
            worst = max(worst, gap)
    if worst > 1e-4:
        raise SystemExit(f"bench threat: fast and reference disagree by {worst:.2e}")
    extrapolated = sample_seconds / sample_rows * len(scores)
    print(f"fast path : {fast_seconds:6.2f} s for {len(scores):,} directed dyad-years "
          f"({len(scores) / fast_seconds:,.0f} rows/s)")
    print(f"reference : {sample_seconds:6.2f} s for {sample_rows:,} rows in {len(sample)} sample years; "
          f"extrapolated to the panel: {extrapolated:.1f} s")
    print(f"agreement : largest difference {worst:.1e} over the sample years")
    print(f"bench threat: {fast_seconds:.2f} s for {len(scores):,} dyad-years "
          f"({extrapolated / fast_seconds:.1f}x vs reference per-year pandas, extrapolated from {len(sample)} years)")


if __name__ == "__main__":
    main()
