"""Benchmark: the full directed dyad-year panel 1816-2016 with ATOP, NMC, majors, contiguity,
minimum distance and GML disputes joined, end to end (reading the warehouse included).

Fast path: ``dyad_years().add_atop().add_nmc().add_majors().add_contiguity().add_min_distance()
.add_gml()``. Reference: the same joins written as straightforward pandas merges, in the same
process, on the same warehouse. The two must agree exactly, column for column (same values, same
missing cells), with the same rules: dyads of states that are members on a common day of the year,
contiguity periods coded 0 never hiding a border recorded in the same year.

Usage: python bench/panels.py [--warehouse PATH]
"""

import argparse
import resource
import time

import numpy as np
import pandas as pd

from alliancelab.data import warehouse as wh
from alliancelab.panels import dyad_years
from alliancelab.panels.lookup import clear_cache

OBLIGATIONS = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]


def fast(warehouse):
    clear_cache()  # cold: read every table from the warehouse again
    return (
        dyad_years(warehouse=warehouse).add_atop().add_nmc().add_majors().add_contiguity().add_min_distance().add_gml()
    )


def expand(frame, first, last):
    lengths = (frame[last] - frame[first] + 1).clip(lower=0)
    out = frame.loc[frame.index.repeat(lengths)].copy()
    out["year"] = out[first] + out.groupby(level=0).cumcount()
    return out.reset_index(drop=True)


def reference_dyads(con):
    """Directed dyad-years the straightforward way: every pair of members in a year, kept when their
    membership days in that year overlap (same-day coexistence, the panels' default)."""
    states = expand(con.execute("SELECT ccode, styear, endyear FROM states").df(), "styear", "endyear")
    states = states[["ccode", "year"]].drop_duplicates()
    pairs = states.merge(states, on="year", suffixes=("1", "2"))
    panel = pairs[pairs["ccode1"] != pairs["ccode2"]].sort_values(["year", "ccode1", "ccode2"])
    panel = panel[["ccode1", "ccode2", "year"]].reset_index(drop=True)
    days = con.execute("""SELECT s.ccode, y.year,
                                 greatest(make_date(styear, stmonth, stday), make_date(y.year, 1, 1)) AS first,
                                 least(make_date(endyear, endmonth, endday), make_date(y.year, 12, 31)) AS last
                          FROM states s, range(styear, endyear + 1) y(year)""").df()
    both = days.merge(days, on="year", suffixes=("1", "2"))
    both = both[both["ccode1"] != both["ccode2"]]
    both["meet"] = both[["first1", "first2"]].max(axis=1) <= both[["last1", "last2"]].min(axis=1)
    meet = both.groupby(["ccode1", "ccode2", "year"], as_index=False)["meet"].any()
    panel = panel.merge(meet, on=["ccode1", "ccode2", "year"], how="left")
    return panel[panel["meet"]].drop(columns="meet").reset_index(drop=True)


def reference(warehouse):
    """The straightforward pandas way: expand spells, then merge table by table."""
    con = wh.connect(warehouse)
    panel = reference_dyads(con)

    atop = con.execute("SELECT * FROM atop_dyads").df()
    panel = panel.merge(atop, on=["ccode1", "ccode2", "year"], how="left")
    panel[OBLIGATIONS] = panel[OBLIGATIONS].fillna(0)

    nmc = con.execute("SELECT ccode, year, milex, milper, irst, pec, tpop, upop, cinc FROM nmc").df()
    for side in ("1", "2"):
        renamed = nmc.rename(columns={c: (c + side if c != "year" else c) for c in nmc.columns})
        panel = panel.merge(renamed, on=[f"ccode{side}", "year"], how="left")

    majors = expand(con.execute("SELECT ccode, styear, endyear FROM majors").df(), "styear", "endyear")
    majors = majors[["ccode", "year"]].drop_duplicates().assign(major=1)
    for side in ("1", "2"):
        panel = panel.merge(
            majors.rename(columns={"ccode": f"ccode{side}", "major": f"major{side}"}),
            on=[f"ccode{side}", "year"],
            how="left",
        )
        panel[f"major{side}"] = panel[f"major{side}"].fillna(0)

    contiguity = con.execute(
        "SELECT ccode1, ccode2, conttype, year(stdate) AS s, year(enddate) AS e FROM contiguity WHERE conttype > 0"
    ).df()
    contiguity = expand(contiguity, "s", "e").groupby(["ccode1", "ccode2", "year"], as_index=False)["conttype"].min()
    panel = panel.merge(contiguity, on=["ccode1", "ccode2", "year"], how="left")
    panel["conttype"] = panel["conttype"].fillna(0)

    distance = con.execute("SELECT ccode1, ccode2, year, mindist FROM min_distance").df()
    both = pd.concat([distance, distance.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    panel = panel.merge(both, on=["ccode1", "ccode2", "year"], how="left")

    gml = con.execute("SELECT * FROM gml_dyads").df().fillna({"midonset": 0, "sidea1": 0, "orig1": 0, "hostlev1": 0})
    gml["init"] = gml["midonset"] * (gml["sidea1"] == 1) * (gml["orig1"] == 1)
    per_dyad = gml.groupby(["ccode1", "ccode2", "year"], as_index=False).agg(
        mid_onset=("midonset", "max"),
        mid_ongoing=("midongoing", "max"),
        mid_init1=("init", "max"),
        mid_hostlev1=("hostlev1", "max"),
        mid_count=("midonset", "sum"),
    )
    panel = panel.merge(per_dyad, on=["ccode1", "ccode2", "year"], how="left")
    mirrored = per_dyad.rename(
        columns={"ccode1": "ccode2", "ccode2": "ccode1", "mid_init1": "mid_init2", "mid_hostlev1": "mid_hostlev2"}
    )[["ccode1", "ccode2", "year", "mid_init2", "mid_hostlev2"]]
    panel = panel.merge(mirrored, on=["ccode1", "ccode2", "year"], how="left")
    gml_years = panel["year"] <= 2010
    for column in ("mid_onset", "mid_ongoing", "mid_init1", "mid_init2", "mid_hostlev1", "mid_hostlev2", "mid_count"):
        panel.loc[gml_years, column] = panel.loc[gml_years, column].fillna(0)
    con.close()
    return panel


def agree(fast_panel, reference_panel):
    """Exact agreement: equal values and the same missing cells in every compared column."""
    columns = [
        "ccode1",
        "ccode2",
        "year",
        "cinc1",
        "cinc2",
        "milex1",
        "milex2",
        "milper1",
        "irst2",
        "pec1",
        "tpop2",
        "upop1",
        "major1",
        "major2",
        "conttype",
        "mindist",
        "mid_onset",
        "mid_ongoing",
        "mid_init1",
        "mid_init2",
        "mid_hostlev1",
        "mid_hostlev2",
        "mid_count",
    ] + OBLIGATIONS
    if len(fast_panel) != len(reference_panel):
        raise SystemExit(f"bench panels: {len(fast_panel):,} fast rows vs {len(reference_panel):,} reference rows")
    for column in columns:
        a = pd.to_numeric(pd.Series(fast_panel[column]), errors="coerce").to_numpy(dtype=float)
        b = pd.to_numeric(reference_panel[column], errors="coerce").to_numpy(dtype=float)
        if not np.array_equal(a, b, equal_nan=True):
            raise SystemExit(f"bench panels: fast and reference disagree on column {column}")
    return len(columns)


# --- the peacesciencer-parity chain (democracy, IGOs, TSS rivalries, SDP/GDP, Maoz powers) ------------
PARITY_CHECKED = [
    "polity2_1",
    "v2x_polyarchy2",
    "polity2_low",
    "polity2_diff",
    "polity2_both_dem",
    "dyadigos",
    "tss_rivalry",
    "tss_spatial",
    "tss_ideological",
    "sdpest1",
    "wbgdp2011est2",
    "maoz_global1",
    "maoz_regional2",
]


def parity_fast(warehouse):
    clear_cache()
    return (
        dyad_years(warehouse=warehouse)
        .add_democracy()
        .add_igos()
        .add_tss_rivalries()
        .add_td_rivalry_types()
        .add_sdp_gdp()
        .add_maoz_powers()
    )


def parity_reference(warehouse):
    """The same joins as pandas merges: both sides of each state-level table, mirrored dyad tables."""
    con = wh.connect(warehouse)
    panel = reference_dyads(con)

    def both_sides(panel, table, columns):
        for side in ("1", "2"):
            renamed = table.rename(columns={"ccode": f"ccode{side}", **{c: f"{c}{side}" for c in columns}})
            panel = panel.merge(renamed, on=[f"ccode{side}", "year"], how="left")
        return panel

    democracy = con.execute("SELECT ccode, year, polity2 AS polity2_, v2x_polyarchy FROM democracy").df()
    panel = both_sides(panel, democracy, ["polity2_", "v2x_polyarchy"])
    panel["polity2_low"] = panel[["polity2_1", "polity2_2"]].min(axis=1, skipna=False)
    panel["polity2_diff"] = (panel["polity2_1"] - panel["polity2_2"]).abs()
    panel["polity2_both_dem"] = ((panel["polity2_1"] >= 6) & (panel["polity2_2"] >= 6)).astype(float)
    panel.loc[panel["polity2_low"].isna(), "polity2_both_dem"] = np.nan

    igo = con.execute("SELECT ccode1, ccode2, year, dyadigos FROM igo_dyads").df()
    igo = pd.concat([igo, igo.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    panel = panel.merge(igo, on=["ccode1", "ccode2", "year"], how="left")

    tss = con.execute(
        'SELECT ccode1, ccode2, start, "end", coalesce(spatial, 0) AS tss_spatial, '
        "coalesce(ideological, 0) AS tss_ideological FROM tss_rivalries"
    ).df()
    tss = expand(tss, "start", "end").assign(tss_rivalry=1)
    tss = tss.groupby(["ccode1", "ccode2", "year"], as_index=False)[
        ["tss_rivalry", "tss_spatial", "tss_ideological"]
    ].max()
    tss = pd.concat([tss, tss.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})])
    panel = panel.merge(tss, on=["ccode1", "ccode2", "year"], how="left")
    panel[["tss_rivalry", "tss_spatial", "tss_ideological"]] = panel[
        ["tss_rivalry", "tss_spatial", "tss_ideological"]
    ].fillna(0)

    sdp = con.execute("SELECT ccode, year, sdpest, wbgdp2011est FROM sdp_gdp WHERE year <= 2015").df()
    panel = both_sides(panel, sdp, ["sdpest", "wbgdp2011est"])

    maoz = con.execute(
        "SELECT ccode, year(regstdate) AS rs, year(regenddate) AS re, year(globstdate) AS gs, "
        "year(globenddate) AS ge FROM maoz_powers"
    ).df()
    regional = expand(maoz.dropna(subset=["rs"]).astype({"rs": int, "re": int}), "rs", "re")
    world = expand(maoz.dropna(subset=["gs"]).astype({"gs": int, "ge": int}), "gs", "ge")
    powers = pd.concat(
        [
            regional[["ccode", "year"]].assign(maoz_regional=1, maoz_global=0),
            world[["ccode", "year"]].assign(maoz_regional=0, maoz_global=1),
        ]
    )
    powers = powers.groupby(["ccode", "year"], as_index=False).max()
    panel = both_sides(panel, powers, ["maoz_regional", "maoz_global"])
    panel[["maoz_global1", "maoz_regional2"]] = panel[["maoz_global1", "maoz_regional2"]].fillna(0)
    con.close()
    return panel


def parity_agree(fast_panel, reference_panel):
    for column in ["ccode1", "ccode2", "year"] + PARITY_CHECKED:
        a = pd.to_numeric(pd.Series(fast_panel[column]), errors="coerce").to_numpy(dtype=float)
        b = pd.to_numeric(reference_panel[column], errors="coerce").to_numpy(dtype=float)
        if not np.allclose(a, b, equal_nan=True, atol=1e-9):
            raise SystemExit(f"bench panels (parity chain): fast and reference disagree on column {column}")
    return len(PARITY_CHECKED) + 3


def run_parity(warehouse):
    """Time the parity chain on all directed dyad-years against the pandas reference; print two lines."""
    start = time.perf_counter()
    panel = parity_fast(warehouse)
    fast_seconds = time.perf_counter() - start
    start = time.perf_counter()
    slow = parity_reference(warehouse)
    reference_seconds = time.perf_counter() - start
    checked = parity_agree(panel, slow)
    print(
        f"parity chain   : {fast_seconds:6.2f} s  ({panel.shape[1]} columns: democracy, IGOs, TSS and TD "
        f"rivalry types, SDP/GDP, Maoz powers); reference merge {reference_seconds:.2f} s; "
        f"{checked} columns equal on all {len(panel):,} rows"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", default=None)
    args = parser.parse_args()
    wh.build_warehouse(warehouse=args.warehouse)

    start = time.perf_counter()
    panel = fast(args.warehouse)
    fast_seconds = time.perf_counter() - start
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2

    start = time.perf_counter()
    slow = reference(args.warehouse)
    reference_seconds = time.perf_counter() - start
    checked = agree(panel, slow)

    rows = len(panel)
    print(
        f"fast path      : {fast_seconds:6.2f} s  {rows / fast_seconds:12,.0f} rows/s  "
        f"peak RSS after fast path {peak_gb:.2f} GB  ({panel.shape[1]} columns)"
    )
    print(f"reference merge: {reference_seconds:6.2f} s  {rows / reference_seconds:12,.0f} rows/s")
    print(f"agreement      : {checked} columns equal on all {rows:,} rows")
    run_parity(args.warehouse)
    print(
        f"bench panels: {fast_seconds:.2f} s for {rows:,} dyad-years "
        f"({reference_seconds / fast_seconds:.1f}x vs reference pandas merge)"
    )


if __name__ == "__main__":
    main()
