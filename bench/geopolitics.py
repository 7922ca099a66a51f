"""Benchmark: the whole geopolitics analysis, from a cold cache.

Fast path: ``diffusion_analysis()`` (the at-risk set of war joining with its exposures read through the
panel steps' dense cubes, the cross-tabulations, the NumPy logit with war-clustered errors and marginal
effects, the side and era tables) and ``reach_analysis()`` (allies vs all pairs, yearly series, the
alliance table and its institutions, the major powers' reach, the loss-of-strength gradient).

Reference: the diffusion part written the straightforward way, on the same warehouse in the same
process: pandas merges of the war, contiguity, ATOP, capital, distance, rivalry, Polity and major-power
tables onto the at-risk state x belligerent rows, then statsmodels' Logit (cluster-robust) and
get_margeff; and the allies-vs-all-pairs table from a pandas cross join of system members with the ATOP
and capital tables merged on. The two must agree (at-risk rows and exposures exactly, coefficients and
standard errors to 1e-6, the distance table to 1e-6 km; minimum distances to float32 precision).

Usage: python bench/geopolitics.py
"""

import time

import numpy as np
import pandas as pd

from alliancelab.data import warehouse as wh
from alliancelab.panels.lookup import clear_cache
from alliancelab.theory import geopolitics as geo
from alliancelab.theory.geopolitics.diffusion import DEFAULT_COVARIATES, ERAS

OBLIGATIONS = ["defense", "offense", "neutral", "nonagg", "consul"]
EXPOSURES = [
    "wbn",
    "wap",
    "nearest_border",
    "capdist_min_km",
    "mindist_min_km",
    "rival",
    "regime_similarity",
    "major",
    "partner_side1",
    "partner_side2",
] + [f"ally_{n}" for n in OBLIGATIONS]


def fast():
    clear_cache()
    start = time.perf_counter()
    diffusion = geo.diffusion_analysis()
    middle = time.perf_counter()
    reach = geo.reach_analysis()
    end = time.perf_counter()
    return diffusion, reach, middle - start, end - middle


def expand(frame, first, last):
    lengths = (frame[last] - frame[first] + 1).clip(lower=0)
    out = frame.loc[frame.index.repeat(lengths)].copy()
    out["year"] = out[first] + out.groupby(level=0).cumcount()
    return out.reset_index(drop=True)


def capital_km(lat1, lng1, lat2, lng2):
    """Capital-to-capital distance on the WGS84 ellipsoid, the panels' default (the formula itself is
    checked against the Geoscience Australia example in the panel tests)."""
    from alliancelab.panels.adders import geodesic_km

    return geodesic_km(
        np.asarray(lat1, float), np.asarray(lng1, float), np.asarray(lat2, float), np.asarray(lng2, float)
    )


def capitals_by_year(con):
    caps = con.execute("SELECT ccode, stdate, enddate, lat, lng FROM capitals").df().sort_values(["ccode", "stdate"])
    caps["first"] = pd.to_datetime(caps["stdate"]).dt.year
    caps["last"] = pd.to_datetime(caps["enddate"]).dt.year
    caps = expand(caps.reset_index(drop=True), "first", "last")
    return caps.drop_duplicates(["ccode", "year"], keep="last")[["ccode", "year", "lat", "lng"]]


def reference_diffusion(con):
    wars = con.execute("SELECT warnum, ccode1 AS ccode, year, sidea1 FROM wars").df()
    sides = wars.groupby(["warnum", "ccode", "year"])["sidea1"].agg(["min", "max"]).reset_index()
    sides = sides.sort_values(["warnum", "ccode", "year"])
    sides["before"] = sides.groupby(["warnum", "ccode"])["min"].shift()  # a state on both sides keeps last year's
    sides["side"] = np.where(sides["min"] == sides["max"], sides["min"], sides["before"])
    part = wars.groupby(["warnum", "ccode"], as_index=False).agg(first=("year", "min"))
    part = part.merge(
        sides.rename(columns={"year": "first"})[["warnum", "ccode", "first", "side"]], on=["warnum", "ccode", "first"]
    )
    span = wars.groupby("warnum")["year"].agg(war_first="min", war_last="max").reset_index()
    states = expand(con.execute("SELECT ccode, styear, endyear FROM states").df(), "styear", "endyear")
    states = states[["ccode", "year"]].drop_duplicates()
    war_years = expand(span, "war_first", "war_last")
    war_years = war_years[war_years["year"] > war_years["war_first"]][["warnum", "year"]]
    units = war_years.merge(states, on="year").merge(
        part[["warnum", "ccode", "first", "side"]], on=["warnum", "ccode"], how="left"
    )
    units = units[units["first"].isna() | (units["first"] >= units["year"])]
    units["joined"] = (units["first"] == units["year"]).astype(int)
    fighting = sides[["warnum", "ccode", "year", "side"]].merge(
        part[["warnum", "ccode", "first"]], on=["warnum", "ccode"]
    )
    fighting = fighting[fighting["first"] < fighting["year"]][["warnum", "ccode", "year", "side"]]
    fighting = fighting.rename(columns={"ccode": "belligerent", "side": "belligerent_side"})
    units = units.merge(
        fighting.groupby(["warnum", "year"]).size().rename("n_belligerents").reset_index(), on=["warnum", "year"]
    )
    dyads = units[["warnum", "year", "ccode"]].merge(fighting, on=["warnum", "year"])

    # periods the source codes 0 never hide a real border in the same year (the panel rule)
    cont = con.execute("SELECT ccode1, ccode2, conttype, stdate, enddate FROM contiguity WHERE conttype > 0").df()
    cont["first"], cont["last"] = pd.to_datetime(cont["stdate"]).dt.year, pd.to_datetime(cont["enddate"]).dt.year
    cont = expand(cont, "first", "last").groupby(["ccode1", "ccode2", "year"], as_index=False)["conttype"].min()
    dyads = dyads.merge(
        cont.rename(columns={"ccode1": "ccode", "ccode2": "belligerent"}),
        on=["ccode", "belligerent", "year"],
        how="left",
    )
    dyads["conttype"] = dyads["conttype"].fillna(0)
    caps = capitals_by_year(con)
    dyads = dyads.merge(caps, on=["ccode", "year"], how="left").merge(
        caps.rename(columns={"ccode": "belligerent", "lat": "lat2", "lng": "lng2"}),
        on=["belligerent", "year"],
        how="left",
    )
    dyads["capdist"] = capital_km(dyads["lat"], dyads["lng"], dyads["lat2"], dyads["lng2"])
    mind = con.execute("SELECT ccode1, ccode2, year, mindist FROM min_distance").df()
    dyads["low"], dyads["high"] = (
        np.minimum(dyads["ccode"], dyads["belligerent"]),
        np.maximum(dyads["ccode"], dyads["belligerent"]),
    )
    dyads = dyads.merge(
        mind.rename(columns={"ccode1": "low", "ccode2": "high"}), on=["low", "high", "year"], how="left"
    )
    riv = expand(con.execute("SELECT ccode1, ccode2, styear, endyear FROM rivalries").df(), "styear", "endyear")
    riv = (
        pd.concat(
            [
                riv[["ccode1", "ccode2", "year"]],
                riv.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})[["ccode1", "ccode2", "year"]],
            ]
        )
        .drop_duplicates()
        .assign(td_rivalry=1)
    )
    dyads = dyads.merge(
        riv.rename(columns={"ccode1": "ccode", "ccode2": "belligerent"}),
        on=["ccode", "belligerent", "year"],
        how="left",
    )
    dyads["td_rivalry"] = dyads["td_rivalry"].fillna(0)
    pol = con.execute("SELECT ccode, cow_ccode, year, polity2 FROM polity WHERE cow_ccode IS NOT NULL").df()
    pol["span_end"] = pol.groupby("ccode")["year"].transform("max")
    pol = pol.sort_values("span_end").drop_duplicates(["cow_ccode", "year"], keep="last")[
        ["cow_ccode", "year", "polity2"]
    ]
    dyads = dyads.merge(pol.rename(columns={"cow_ccode": "ccode", "polity2": "p1"}), on=["ccode", "year"], how="left")
    dyads = dyads.merge(
        pol.rename(columns={"cow_ccode": "belligerent", "polity2": "p2"}), on=["belligerent", "year"], how="left"
    )
    dyads["regime_similarity"] = 1 - (dyads["p1"] - dyads["p2"]).abs() / 20
    atop = con.execute("SELECT * FROM atop_dyads").df()
    columns = [f"atop_{n}" for n in OBLIGATIONS]
    both = pd.concat([atop, atop.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    both = both.groupby(["ccode1", "ccode2", "year"], as_index=False)[columns].max()
    both["year"] = both["year"] + 1  # alliances in force the year before
    dyads = dyads.merge(
        both.rename(columns={"ccode1": "ccode", "ccode2": "belligerent"}),
        on=["ccode", "belligerent", "year"],
        how="left",
    )
    dyads[columns] = dyads[columns].fillna(0)
    dyads["partner"] = dyads[columns].max(axis=1)
    keys = ["warnum", "year", "ccode"]
    agg = (
        dyads.assign(
            border=dyads["conttype"] > 0,
            near=dyads["conttype"].where(dyads["conttype"] > 0, 9),
            ps1=(dyads["partner"] == 1) & (dyads["belligerent_side"] == 1),
            ps2=(dyads["partner"] == 1) & (dyads["belligerent_side"] == 2),
        )
        .groupby(keys)
        .agg(
            wbn=("border", "max"),
            nearest_border=("near", "min"),
            capdist_min_km=("capdist", "min"),
            mindist_min_km=("mindist", "min"),
            rival=("td_rivalry", "max"),
            regime_similarity=("regime_similarity", "max"),
            wap=("partner", "max"),
            partner_side1=("ps1", "max"),
            partner_side2=("ps2", "max"),
            **{f"ally_{n}": (f"atop_{n}", "max") for n in OBLIGATIONS},
        )
    )
    agg["nearest_border"] = agg["nearest_border"].where(agg["nearest_border"] < 9, 0)
    units = units.merge(agg.reset_index(), on=keys)
    majors = expand(con.execute("SELECT ccode, styear, endyear FROM majors").df(), "styear", "endyear")
    units = units.merge(majors[["ccode", "year"]].drop_duplicates().assign(major=1), on=["ccode", "year"], how="left")
    units["major"] = units["major"].fillna(0)
    units["log_belligerents"] = np.log(units["n_belligerents"])
    units["capdist_min_1000km"] = units["capdist_min_km"] / 1000
    for n, label in zip(range(1, 6), ("land", "sea12", "sea24", "sea150", "sea400")):
        units[f"border_{label}"] = (units["nearest_border"] == n).astype(int)
    return units.sort_values(keys).reset_index(drop=True)


def reference_logit(units, covariates):
    import statsmodels.api as sm

    frame = units[["joined", *covariates, "warnum"]].dropna()
    model = sm.Logit(frame["joined"].astype(float), sm.add_constant(frame[covariates].astype(float)))
    result = model.fit(disp=0, cov_type="cluster", cov_kwds={"groups": frame["warnum"].to_numpy()})
    return result, result.get_margeff(at="overall")


def reference_distances(con):
    spells = con.execute(
        "SELECT ccode, styear, endyear, make_date(styear, stmonth, stday) AS born, "
        "make_date(endyear, endmonth, endday) AS died FROM states"
    ).df()
    states = expand(spells, "styear", "endyear")[["ccode", "year", "born", "died"]]
    pairs = states.merge(states, on="year", suffixes=("1", "2"))
    pairs = pairs[pairs["ccode1"] < pairs["ccode2"]]
    # members in the same year but never on the same day are not a dyad (the panels' default)
    pairs = pairs[pairs[["born1", "born2"]].max(axis=1) <= pairs[["died1", "died2"]].min(axis=1)]
    pairs = pairs[["ccode1", "ccode2", "year"]].drop_duplicates()
    atop = con.execute("SELECT * FROM atop_dyads").df()
    atop["any"] = (atop[[f"atop_{n}" for n in OBLIGATIONS]].fillna(0).max(axis=1) > 0).astype(int)
    both = pd.concat([atop, atop.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    both = both.groupby(["ccode1", "ccode2", "year"], as_index=False)["any"].max()
    pairs = pairs.merge(both, on=["ccode1", "ccode2", "year"], how="left")
    caps = capitals_by_year(con)
    pairs = pairs.merge(caps.rename(columns={"ccode": "ccode1"}), on=["ccode1", "year"], how="left").merge(
        caps.rename(columns={"ccode": "ccode2", "lat": "lat2", "lng": "lng2"}), on=["ccode2", "year"], how="left"
    )
    pairs["capdist"] = capital_km(pairs["lat"], pairs["lng"], pairs["lat2"], pairs["lng2"])
    rows = []
    for low, high, name in ERAS:
        era = pairs[(pairs["year"] >= low) & (pairs["year"] <= high)]
        allied = era.loc[era["any"] == 1, "capdist"]
        rows.append({"era": name, "all": era["capdist"].median(), "allied": allied.median()})
    return pd.DataFrame(rows)


def main():
    wh.build_warehouse()
    diffusion, reach, t_diffusion, t_reach = fast()
    con = wh.connect()
    start = time.perf_counter()
    units = reference_diffusion(con)
    kept = [c for c in DEFAULT_COVARIATES if c not in diffusion.model.dropped]
    result, margins = reference_logit(units, kept)
    t_ref_diffusion = time.perf_counter() - start
    start = time.perf_counter()
    distances = reference_distances(con)
    t_ref_reach = time.perf_counter() - start

    keys = ["warnum", "year", "ccode"]
    ours = diffusion.data.at_risk.sort_values(keys).reset_index(drop=True)
    assert len(ours) == len(units), (len(ours), len(units))
    assert (ours[keys].to_numpy() == units[keys].to_numpy()).all()
    for column in ["joined", *EXPOSURES]:
        tolerance = 1e-6 if column == "mindist_min_km" else 1e-9  # the panel step stores mindist as float32
        np.testing.assert_allclose(
            ours[column].to_numpy(float), units[column].to_numpy(float), rtol=tolerance, equal_nan=True, err_msg=column
        )
    np.testing.assert_allclose(diffusion.model.table["coef"], result.params, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(diffusion.model.table["se"], result.bse, rtol=1e-6)
    np.testing.assert_allclose(diffusion.model.table["ame"].iloc[1:], margins.margeff, rtol=1e-6)
    ours_d = reach.distances.set_index(["era", "group"])["capdist_median_km"]
    for row in distances.itertuples():
        assert abs(ours_d[(row.era, "all pairs")] - row.all) < 1e-6
        assert abs(ours_d[(row.era, "any alliance")] - row.allied) < 1e-6
    ours_time = t_diffusion + t_reach
    print(
        f"diffusion {t_diffusion:.2f} s (reference pandas merges + statsmodels {t_ref_diffusion:.2f} s); reach "
        f"{t_reach:.2f} s for every distance table and model (reference for the allies-vs-all-pairs medians "
        f"alone {t_ref_reach:.2f} s)"
    )
    print(
        f"bench geopolitics: {ours_time:.2f} s for the whole analysis (diffusion {t_diffusion:.2f} s for "
        f"{len(ours):,} at-risk state-war-years, {t_ref_diffusion / t_diffusion:.1f}x vs reference pandas merges + "
        f"statsmodels; distance {t_reach:.2f} s over 956,175 dyad-years)"
    )


if __name__ == "__main__":
    main()
