"""Benchmark: the estimated threat for every directed dyad-year 1816-2016 (the whole cube).

Fast path: ``threat_cube()`` (form "estimated"): dense per-year features in chunks of years, scored
with the committed weights. Timed warm: the warehouse tables and the source cubes (disputes, wars,
alliances, distances) are loaded by a first run; the timed run recomputes every feature and the
score for all 208 years. The cold first run is reported too.
Reference: the same features written the straightforward way, one year at a time from the panel
steps with pandas merges (decayed sums over each dyad's past events, bloc opposition and shared
enemies by merging allied and hostile pairs on the third state), scored with the same weights;
run on sample years and extrapolated to the panel (labelled as such). The two must agree.

Usage: python bench/threat.py [--sample 1870,1913,1938,1962,1995]
"""

import argparse
import time

import numpy as np
import pandas as pd
from scipy.special import expit

from alliancelab.data import warehouse as wh
from alliancelab.measures import threat
from alliancelab.panels import dyad_years
from alliancelab.panels.lookup import Lookup, clear_cache

HALF = 0.5 ** (1 / 10.0)
WINDOW = 10


def _decayed(events, year):
    """events: a, b, year (one row per unordered pair-year) -> decayed sum per ordered pair."""
    past = events[events["year"] <= year].drop_duplicates(["a", "b", "year"])
    past = past.assign(w=HALF ** (year - past["year"]))
    sums = past.groupby(["a", "b"], as_index=False)["w"].sum()
    both = pd.concat([sums, sums.rename(columns={"a": "b", "b": "a"})])
    return both.rename(columns={"a": "ccode1", "b": "ccode2"})


def _unordered(frame, c1="ccode1", c2="ccode2"):
    a, b = np.minimum(frame[c1], frame[c2]), np.maximum(frame[c1], frame[c2])
    return pd.DataFrame({"a": a.to_numpy(), "b": b.to_numpy(), "year": frame["year"].to_numpy()})


def _pairs_through(left, right):
    """Ordered pairs (i, j), i != j, with some k: (i, k) in left and (k, j) in right."""
    merged = left.rename(columns={"j": "k"}).merge(right.rename(columns={"i": "k"}), on="k")
    merged = merged[merged["i"] != merged["j"]]
    return set(zip(merged["i"], merged["j"]))


def _symmetric(pairs):
    return pd.concat([pairs, pairs.rename(columns={"i": "j", "j": "i"})]).drop_duplicates()


def reference(year, con, model, features=False):
    """Estimated threat of every ordered pair of members in ``year``, computed with pandas."""
    p = pd.DataFrame(
        dyad_years(year, year)
        .add_nmc(columns=("milex", "milper", "irst", "pec"))
        .add_majors()
        .add_contiguity()
        .add_min_distance()
        .add_capital_distance(method="sphere")
        .add_rivalry()
        .add_territorial_threat()
        .add_polity()
    )
    states = p.groupby("ccode2")[["milex2", "milper2", "irst2", "pec2", "major2"]].first()
    shares = {c: states[f"{c}2"] / states[f"{c}2"].sum() for c in ("milex", "milper", "irst", "pec")}
    industry = np.log(pd.concat([shares["milex"], shares["irst"], shares["pec"]], axis=1).mean(axis=1).clip(1e-6))
    military = pd.concat([shares["milex"], shares["milper"]], axis=1).mean(axis=1)
    x = pd.DataFrame(index=p.index)
    x["log_power"] = p["ccode2"].map(industry)
    x["major"] = p["major2"].astype(float)
    distance = p["mindist"].where(p["mindist"].notna(), p["capdist"])
    distance = distance.where(p["conttype"] != 1, 0.0)
    for kind, km in threat.WATER_MILES_KM.items():
        distance = distance.where(p["conttype"] != kind, np.fmin(distance, km))
    x["distance"] = np.minimum(distance, 12000.0) / 1000.0
    x["log_distance"] = np.log1p(x["distance"] * 10.0)
    x["major_distance"] = x["distance"] * x["major"]
    x["land_border"] = (p["conttype"] == 1).astype(float)
    x["offensive"] = np.log(p["ccode2"].map(military) / p["ccode1"].map(military)).clip(-6, 6)

    gml = (
        con.execute(
            "SELECT ccode1, ccode2, year, midonset, sidea1, orig1, hostlev1 FROM gml_dyads WHERE year <= ?", [year]
        )
        .df()
        .fillna(0)
    )
    init = gml[(gml["midonset"] == 1) & (gml["sidea1"] == 1) & (gml["orig1"] == 1)]
    init = init.groupby(["ccode1", "ccode2", "year"], as_index=False)["hostlev1"].sum()
    init["w"] = init["hostlev1"] * HALF ** (year - init["year"])
    init = init.groupby(["ccode1", "ccode2"], as_index=False)["w"].sum()
    init = init.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})  # j initiated against i
    onsets = _unordered(gml[gml["midonset"] == 1])
    wars = con.execute("SELECT ccode1, ccode2, year FROM wars WHERE cowinterongoing = 1 AND year <= ?", [year]).df()
    war_years = _unordered(wars)
    for name, frame in (
        ("disputes_initiated", init),
        ("disputes", _decayed(onsets, year)),
        ("war", _decayed(war_years, year)),
    ):
        merged = p[["ccode1", "ccode2"]].merge(frame, on=["ccode1", "ccode2"], how="left")
        x[name] = np.log1p(merged["w"].fillna(0).to_numpy())
    if year > 2007:
        x["war"] = np.nan
    if year > 2010:
        x[["disputes_initiated", "disputes"]] = np.nan
    x["rivalry"] = p["td_rivalry"].astype(float)
    member_l = p.groupby("ccode1")["lterrthreat1"].first()
    scaled = (p["lterrthreat1"] - member_l.min()) / (member_l.max() - member_l.min())
    x["territory"] = scaled * p["conttype"].between(1, 3)

    rivals = p.loc[p["td_rivalry"] == 1, ["ccode1", "ccode2"]].set_axis(["i", "j"], axis=1)
    recent_mid = onsets[onsets["year"] > year - WINDOW][["a", "b"]].set_axis(["i", "j"], axis=1)
    recent_war = war_years[war_years["year"] > year - WINDOW][["a", "b"]].set_axis(["i", "j"], axis=1)
    hostile = _symmetric(pd.concat([rivals, recent_mid, recent_war]))
    enemy = _symmetric(pd.concat([rivals, recent_war]))
    atop = con.execute("SELECT * FROM atop_dyads WHERE year = ?", [year]).df().fillna(0)
    allied = _symmetric(
        atop.loc[(atop["atop_defense"] == 1) | (atop["atop_offense"] == 1), ["ccode1", "ccode2"]].set_axis(
            ["i", "j"], axis=1
        )
    )
    anypact = _symmetric(
        atop.loc[
            atop[["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]].sum(axis=1) > 0,
            ["ccode1", "ccode2"],
        ].set_axis(["i", "j"], axis=1)
    )
    key = list(zip(p["ccode1"], p["ccode2"]))
    opposition = _pairs_through(allied, hostile) | _pairs_through(hostile, allied)
    x["bloc_opposition"] = [float(k in opposition) for k in key]
    x["bloc_leader"] = x["bloc_opposition"] * x["major"]
    x["ideology"] = (p["polity2_1"] - p["polity2_2"]).abs() / 20.0
    allied_set, pact_set = set(zip(allied["i"], allied["j"])), set(zip(anypact["i"], anypact["j"]))
    x["allied"] = [float(k in allied_set) for k in key]
    x["patron"] = x["allied"] * x["major"] * (1 - p["ccode1"].map(states["major2"]).astype(float))
    x["pact"] = [float(k in pact_set and k not in allied_set) for k in key]
    shared = _pairs_through(enemy, enemy) - set(zip(enemy["i"], enemy["j"]))
    x["shared_enemy"] = [float(k in shared) for k in key]

    if features:
        return pd.concat([p[["ccode1", "ccode2"]], x], axis=1)
    values = x[list(model.features)].to_numpy(np.float64)
    p["threat"] = expit(model.score(values) + model.intercept)
    return p[["ccode1", "ccode2", "year", "threat"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", default="1870,1913,1938,1962,1995")
    args = parser.parse_args()
    sample = [int(y) for y in args.sample.split(",")]
    wh.build_warehouse()
    clear_cache()
    lookup = Lookup.get()
    start = time.perf_counter()
    threat.threat_cube()
    cold_seconds = time.perf_counter() - start
    for key in [k for k in lookup._cache if isinstance(k, tuple) and k[0] == "threat_estimated"]:
        del lookup._cache[key]
    start = time.perf_counter()
    cube = threat.threat_cube()
    fast_seconds = time.perf_counter() - start
    cells = int(np.sum(~np.isnan(cube)))

    model = threat.load_fitted()
    start = time.perf_counter()
    with np.errstate(divide="ignore", invalid="ignore"):  # ln(0) military shares, as in the fast path
        references = [reference(year, lookup.con, model) for year in sample]
    sample_seconds = time.perf_counter() - start
    sample_rows = sum(len(r) for r in references)
    worst = 0.0
    for ref in references:
        ours = lookup.read_dyad(cube, ref["ccode1"].to_numpy(), ref["ccode2"].to_numpy(), ref["year"].to_numpy())
        worst = max(worst, float(np.nanmax(np.abs(ours - ref["threat"].to_numpy()))))
    if worst > 1e-4:
        raise SystemExit(f"bench threat: fast and reference disagree by {worst:.2e}")
    extrapolated = sample_seconds / sample_rows * cells
    print(f"cold      : {cold_seconds:6.2f} s (first cube: reads the sources and builds their cubes)")
    print(
        f"fast path : {fast_seconds:6.2f} s for {cells:,} directed dyad-years, warm "
        f"({cells / fast_seconds:,.0f} rows/s)"
    )
    print(
        f"reference : {sample_seconds:6.2f} s for {sample_rows:,} rows in {len(sample)} sample years; "
        f"extrapolated to the panel: {extrapolated:.1f} s"
    )
    print(f"agreement : largest difference {worst:.1e} over the sample years")
    print(
        f"bench threat: {fast_seconds:.2f} s for {cells:,} dyad-years, whole estimated cube warm "
        f"({extrapolated / fast_seconds:.1f}x vs reference per-year pandas, extrapolated from {len(sample)} years)"
    )


if __name__ == "__main__":
    main()
