"""Regenerate the numbers, tables and figures of docs/geopolitics.md from the warehouse.

Usage: python scripts/generate_geopolitics_docs.py [docs/geopolitics.md]
Every block between <!-- gen:KEY --> and <!-- /gen:KEY --> is replaced; figures go to
docs/figures/geopolitics/.
"""

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

from alliancelab.theory import geopolitics as geo
from alliancelab.theory.geopolitics import diffusion, plots

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures" / "geopolitics"


def md(frame, digits=3):
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype.kind == "f":
            if column.endswith("_km"):
                frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
                continue
            frame[column] = frame[column].map(
                lambda v: (
                    ""
                    if pd.isna(v)
                    else (
                        f"{v:,.0f}"
                        if abs(v) >= 1000
                        else (f"{v:.{digits}f}" if abs(v) >= 1e-3 or v == 0 else f"{v:.1e}")
                    )
                )
            )
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    return "\n".join([head, rule] + ["| " + " | ".join(map(str, row)) + " |" for row in frame.itertuples(index=False)])


def ci(low, high, digits=3):
    return [f"{a:.{digits}f}-{b:.{digits}f}" if pd.notna(a) else "" for a, b in zip(low, high)]


def sources_line(sources):
    return "Sources: " + "; ".join(sources) + "."


def main(paths):
    G = {}
    d = geo.diffusion_analysis()
    a = d.data.at_risk
    G["diffusion_size"] = (
        f"{len(a):,} at-risk state-war-years in {a['warnum'].nunique()} wars "
        f"({a['year'].min()}-{a['year'].max()}); {int(a['joined'].sum())} joined; "
        f"{len(d.data.exposures):,} exposures (a border, an alliance or a rivalry with a "
        "belligerent)."
    )
    x = d.cross_tab.copy()
    x["rate 95% CI"] = ci(x["rate_low"], x["rate_high"], 4)
    x["OR 95% CI"] = ci(x["or_low"], x["or_high"], 2)
    G["crosstab"] = md(x[["exposure", "at_risk", "joined", "rate", "rate 95% CI", "odds_ratio", "OR 95% CI"]], 4)
    early = geo.cross_tab(a[a["year"] <= 1965])
    early["rate 95% CI"] = ci(early["rate_low"], early["rate_high"], 4)
    early["OR 95% CI"] = ci(early["or_low"], early["or_high"], 2)
    G["crosstab_1965"] = md(
        early[["exposure", "at_risk", "joined", "rate", "rate 95% CI", "odds_ratio", "OR 95% CI"]], 4
    )
    o = d.odds_ratios.copy()
    o["OR 95% CI"] = ci(o["or_low"], o["or_high"], 2)
    G["odds"] = md(
        o[
            [
                "exposure",
                "exposed",
                "exposed_joined",
                "rate_exposed",
                "unexposed_joined",
                "rate_unexposed",
                "odds_ratio",
                "OR 95% CI",
            ]
        ],
        4,
    )
    m = d.model.table.reset_index()
    m["AME 95% CI"] = ci(m["ame_low"], m["ame_high"], 4)
    G["logit"] = (
        md(m[["term", "coef", "se", "p", "ame", "AME 95% CI"]], 4)
        + f"\n\nn = {d.model.n:,} at-risk state-war-years with every covariate, {d.model.events} joined, "
        f"errors clustered by {d.model.clusters} wars; pseudo-R2 = {d.model.pseudo_r2:.3f}. "
        f"Dropped (no variation or perfect separation): {', '.join(d.model.dropped) or 'none'}."
    )
    covariates = [c if c != "capdist_min_1000km" else "mindist_min_1000km" for c in diffusion.DEFAULT_COVARIATES]
    alt = geo.joining_model(d.data, covariates=covariates)
    t = alt.table.reset_index()
    t["AME 95% CI"] = ci(t["ame_low"], t["ame_high"], 4)
    G["logit_mindist"] = (
        md(t[["term", "coef", "se", "p", "ame", "AME 95% CI"]], 4)
        + f"\n\nn = {alt.n:,}, {alt.events} joined, {alt.clusters} wars; dropped: "
        f"{', '.join(alt.dropped) or 'none'}."
    )
    sens = geo.sensitivity()
    table = pd.DataFrame({"variant": sens["variant"]})
    for name in ("border", "alliance", "both"):
        table[f"OR {name}"] = [
            f"{v:.1f} ({a:.1f}-{b:.1f})"
            for v, a, b in zip(sens[f"or_{name}"], sens[f"or_{name}_low"], sens[f"or_{name}_high"])
        ]
    for term in ("wbn", "wap"):
        table[f"AME {term} (se)"] = [f"{v:.4f} ({e:.4f})" for v, e in zip(sens[f"ame_{term}"], sens[f"ame_{term}_se"])]
    G["sensitivity"] = md(table)
    s = d.sides.copy()
    G["sides"] = md(
        s[["partner_side", "joiners", "joined_side1", "joined_side2"]]
        .iloc[:-1]
        .astype({"joined_side1": int, "joined_side2": int})
    )
    last = s.iloc[-1]
    G["sides_summary"] = (
        f"Of the {int(last['joiners'])} joiners whose warring partners all fought on one side, "
        f"{int(last['same_side'])} joined that side ({last['share_same_side']:.0%}, 95% CI "
        f"{last['share_low']:.0%}-{last['share_high']:.0%}; binomial test against one half "
        f"p = {last['binomial_p']:.4f})."
    )
    e = d.eras.copy()
    e["p"] = e["p"].astype(float)
    G["eras"] = md(e[["era", "at_risk", "joined", "wars", "term", "coef", "se", "p", "ame", "note"]], 4)
    xe = d.cross_tab_by_era.copy()
    xe["OR 95% CI"] = ci(xe["or_low"], xe["or_high"], 2)
    G["crosstab_eras"] = md(xe[["era", "exposure", "at_risk", "joined", "rate", "odds_ratio", "OR 95% CI"]], 4)
    spread = geo.war_spread(d.data, 106)
    nodes = spread.nodes[spread.nodes["channel"] != "original"]
    G["wwi"] = md(nodes[["stateabb", "year", "side", "channel"]])
    G["diffusion_sources"] = sources_line(d.sources)

    plots.plot_joining_rates(d.rates, FIGURES / "joining_rates")
    plots.plot_effects(d.model, FIGURES / "joining_effects")
    plots.plot_war_spread(spread, FIGURES / "wwi_spread")
    plots.plot_war_spread(geo.war_spread(d.data, 139), FIGURES / "wwii_spread")

    r = geo.reach_analysis()
    dist = r.distances.copy()
    G["distances"] = md(
        dist[
            [
                "era",
                "group",
                "dyad_years",
                "capdist_p25_km",
                "capdist_median_km",
                "capdist_p75_km",
                "mindist_median_km",
                "share_contiguous",
                "share_land_border",
            ]
        ]
    )
    y = r.yearly.set_index("year")
    rows = []
    for low, high in ((1816, 1913), (1919, 1938), (1946, 1989), (1990, 2016)):
        part = y.loc[low:high]
        rows.append(
            {
                "years": f"{low}-{high}",
                "allied dyad-years": int(part["allied_dyads"].sum()),
                "share non-contiguous (mean of years)": part["share_allied_noncontiguous"].mean(),
                "share without a land border": part["share_allied_no_land_border"].mean(),
            }
        )
    G["noncontiguous"] = md(pd.DataFrame(rows))
    nc = r.noncontiguous.copy()
    nc["95% CI"] = ci(nc["share_low"], nc["share_high"], 2)
    G["noncontiguous_alliances"] = md(
        nc[["period", "alliances", "noncontiguous", "share_noncontiguous", "95% CI", "share_no_land_border"]]
    )
    g = r.gradient.gradients.copy()
    G["gradient"] = md(
        g[["tie", "era", "dyad_years", "ties", "coef_per_1000km", "se", "odds_ratio_per_1000km", "half_distance_km"]]
    )
    reach = r.reach
    rows = []
    for year in (1900, 1913, 1938, 1950, 1970, 1989, 2000, 2016):
        row = {"year": year}
        for abb in ("USA", "UKG", "FRN", "GMY", "AUH", "ITA", "RUS", "CHN", "JPN"):
            value = reach[(reach["stateabb"] == abb) & (reach["year"] == year)]["reach_km"]
            row[abb] = "" if value.empty else ("no ally" if pd.isna(value.iloc[0]) else f"{value.iloc[0]:,.0f}")
        rows.append(row)
    G["reach"] = md(pd.DataFrame(rows)) + "\n\n(blank: not a major power that year)"
    inst = r.institutions
    G["institution_shares"] = md(inst.shares)
    G["institution_models"] = md(
        inst.models[["institution", "meaning", "alliances", "with", "coef_log_distance", "se", "p", "ame"]]
    )
    nato = r.alliances.set_index("atopid").loc[3180]
    G["nato"] = (
        f"NATO (ATOP 3180, {int(nato['year'])}): {int(nato['founders'])} founding members, the farthest two "
        f"capitals {nato['max_capdist_km']:,.0f} km apart."
    )
    cited = set(r.distances.attrs["sources"]) | set(r.gradient.gradients.attrs["sources"])
    G["reach_sources"] = sources_line(sorted(cited | set(r.alliances.attrs["sources"])))
    plots.plot_distances(r.yearly, FIGURES / "ally_distances")
    plots.plot_reach(r.reach, FIGURES / "reach")
    plots.plot_gradient(r.gradient.bands, FIGURES / "gradient")

    bench = (
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "geopolitics.py")], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()
    )
    G["bench"] = "```\n" + "\n".join(bench[-2:]) + "\n```"

    for path in paths:
        text = Path(path).read_text()
        for key, value in G.items():
            pattern = re.compile(rf"(<!-- gen:{key} -->\n).*?(<!-- /gen:{key} -->)", re.S)
            text, n = pattern.subn(lambda match, value=value: match.group(1) + value + "\n" + match.group(2), text)
            if n == 0:
                print(f"warning: no block gen:{key} in {path}", file=sys.stderr)
        Path(path).write_text(text)
    for key, value in G.items():
        print(f"== {key}\n{value}\n")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(ROOT / "docs" / "geopolitics.md")])
