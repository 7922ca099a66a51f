"""Regenerate the generated parts of docs/data_and_panels.md and docs/similarity.md (between
``<!-- gen:NAME -->`` and ``<!-- /gen:NAME -->`` markers) from the specifications and the real data.

Usage: python scripts/generate_data_docs.py   (uses the configured warehouse; builds it if needed)
"""

import re
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.data import warehouse as wh
from alliancelab.data.sources import POLITY_ABBREVIATION_ONLY, POLITY_CROSSWALK, POLITY_WITHOUT_COW, SOURCES
from alliancelab.measures import similarity as sim
from alliancelab.panels import dyad_years
from alliancelab.panels.lookup import Lookup

DOCS = Path(__file__).resolve().parents[1] / "docs"


def md(frame):
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    return "\n".join(
        [head, rule]
        + ["| " + " | ".join("" if pd.isna(v) else str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    )


def fill(path, blocks):
    text = path.read_text()
    for name, body in blocks.items():
        pattern = re.compile(rf"(<!-- gen:{name} -->\n).*?(<!-- /gen:{name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"{path}: no gen:{name} markers")
        text = pattern.sub(lambda m, b=body: m.group(1) + b.rstrip() + "\n" + m.group(2), text)
    path.write_text(text)


def bounds_text(low, high):
    return f"[{'' if low is None else low}, {'' if high is None else high}]"


def data_blocks():
    wh.build_warehouse()
    lookup = Lookup.get()
    con = lookup.con
    blocks = {}

    rows = []
    for source in SOURCES:
        low, high = source.coverage
        rows.append(
            {
                "source": source.name,
                "years": "" if low is None else f"{low}-{high}",
                "may not be blank": ", ".join(source.key if source.required is None else source.required),
                "possible values": "; ".join(f"{c} {bounds_text(*b)}" for c, b in source.bounds.items()),
                "start <= end": "; ".join(
                    f"{a} <= {b}" + (f" (or {b} = {o})" if o is not None else "") for a, b, o in source.spans
                ),
            }
        )
    blocks["rules"] = md(pd.DataFrame(rows))

    polity = con.execute(
        "SELECT ccode, any_value(scode) AS scode, any_value(country) AS country, "
        "min(year) AS first, max(year) AS last, count(*) AS rows FROM polity GROUP BY ccode"
    ).df()
    spells = lookup.spells()
    member_keys = set(zip(*facts.member_years(spells, 1800, facts.SYSTEM_LAST)))
    mapped = con.execute("SELECT cow_ccode, year, polity_ccode FROM polity_cow").df()
    cross = []
    for code, abbreviation, first, last, cow, why in POLITY_CROSSWALK:
        part = mapped[(mapped["polity_ccode"] == code) & (mapped["cow_ccode"] == cow)]
        on_member = sum((c, y) in member_keys for c, y in zip(part["cow_ccode"], part["year"]))
        cross.append(
            {
                "Polity code": code,
                "Polity abb.": abbreviation,
                "years": f"{first or ''}-{last or ''}" if first or last else "all",
                "COW code": cow,
                "COW abb.": lookup.abbreviation(cow),
                "Polity rows read": len(part),
                "on COW member-years": on_member,
                "why": why,
            }
        )
    for code, why in POLITY_WITHOUT_COW.items():
        row = polity[polity["ccode"] == code].iloc[0]
        cross.append(
            {
                "Polity code": code,
                "Polity abb.": row["scode"],
                "years": f"{row['first']}-{row['last']}",
                "COW code": "none",
                "COW abb.": "",
                "Polity rows read": 0,
                "on COW member-years": 0,
                "why": why + " (not a COW state; not joined)",
            }
        )
    for code, (polity_abb, cow_abb) in POLITY_ABBREVIATION_ONLY.items():
        cross.append(
            {
                "Polity code": code,
                "Polity abb.": polity_abb,
                "years": "all",
                "COW code": code,
                "COW abb.": cow_abb,
                "Polity rows read": int((mapped["polity_ccode"] == code).sum()),
                "on COW member-years": "",
                "why": "same code, different abbreviation",
            }
        )
    blocks["polity"] = md(pd.DataFrame(cross))
    member_years = pd.DataFrame(dict(zip(("ccode", "year"), facts.member_years(spells, 1816, 2015))))
    with_polity = member_years.merge(
        mapped.drop_duplicates(["cow_ccode", "year"]),
        left_on=["ccode", "year"],
        right_on=["cow_ccode", "year"],
        how="left",
    )
    lacking = with_polity[with_polity["polity_ccode"].isna()].groupby("ccode").size().sort_values(ascending=False)
    same_code = int((mapped["cow_ccode"] == mapped["polity_ccode"]).sum())
    blocks["polity_audit"] = (
        f"Audit on the real data: {len(polity)} Polity units; {same_code:,} Polity rows are read under their own "
        f"code and {len(mapped) - same_code:,} through the crosswalk above. Of the {len(member_years):,} COW "
        f"member-years 1816-2015, {len(member_years) - len(lacking.index.repeat(lacking)):,} have a Polity row and "
        f"{int(lacking.sum()):,} (in {len(lacking)} states, mostly micro-states Polity does not code, e.g. "
        + ", ".join(f"{lookup.abbreviation(c)} {n}" for c, n in lacking.head(6).items())
        + ") have none. Austria-Hungary (COW 300) has Polity values in all "
        f"{int(((with_polity['ccode'] == 300) & with_polity['polity_ccode'].notna()).sum())} of its member-years."
    )

    apart = facts.non_coexisting(spells)
    examples = ", ".join(
        f"{lookup.abbreviation(r.ccode1)}-{lookup.abbreviation(r.ccode2)} {r.year}"
        for r in apart[apart["ccode1"] < apart["ccode2"]].head(8).itertuples()
    )
    full, loose = len(dyad_years()), len(dyad_years(coexist=False))
    blocks["coexist"] = (
        f"`dyad_years()` gives **{full:,}** directed dyad-years for "
        f"{facts.SYSTEM_FIRST}-{facts.SYSTEM_LAST}; `coexist=False` gives {loose:,}: the "
        f"{loose - full} extra rows are pairs that are members in the same year but never on the "
        f"same day ({examples}, ...)."
    )

    contiguity = con.execute("SELECT * FROM contiguity").df()
    first = pd.to_datetime(contiguity["stdate"]).dt.year.to_numpy()
    last = pd.to_datetime(contiguity["enddate"]).dt.year.to_numpy()
    rows, years = facts.spell_years(first, last)
    expanded = pd.DataFrame(
        {
            "ccode1": contiguity["ccode1"].to_numpy()[rows],
            "ccode2": contiguity["ccode2"].to_numpy()[rows],
            "year": years,
            "type": contiguity["conttype"].to_numpy()[rows],
        }
    )
    closest_all = expanded.groupby(["ccode1", "ccode2", "year"])["type"].min()
    closest_real = expanded[expanded["type"] > 0].groupby(["ccode1", "ccode2", "year"])["type"].min()
    hidden = closest_all[(closest_all == 0)].index.intersection(closest_real.index)
    panel = dyad_years().add_contiguity()
    hidden_rows = panel.set_index(["ccode1", "ccode2", "year"]).index.isin(hidden).sum()
    blocks["contiguity"] = (
        f"The contiguity file codes some periods 0 (no contiguity, e.g. Germany-USSR "
        f"1918-45) that overlap a real border record in the same year. Taking the smallest "
        f"type over all spells would code {int(hidden_rows):,} directed dyad-years 0 although a "
        f"border is recorded that year; a 0 period never overrides a border, so Germany-USSR "
        f"1939-41 is 1 (land), France-Germany 1940 is 1, Spain-Mauritania 1976-79 is 5. "
        f"France-Germany 1941-42 carry only the 0 period and stay 0."
    )

    geo = dyad_years(2016, 2016)
    values = {
        m: geo.add_capital_distance(method=m)["capdist"].to_numpy() for m in ("geodesic", "peacesciencer", "sphere")
    }
    ok = np.isfinite(values["geodesic"]) & (values["geodesic"] > 0)
    rel = {m: (values[m][ok] / values["geodesic"][ok] - 1) * 100 for m in ("peacesciencer", "sphere")}
    table = pd.DataFrame(
        [
            {
                "method": "`geodesic` (default)",
                "model": "WGS84 ellipsoid, Vincenty (1975)",
                "vs geodesic, 2016 dyads": "0",
            }
        ]
        + [
            {
                "method": f"`{m}`",
                "model": model,
                "vs geodesic, 2016 dyads": (
                    f"{np.median(rel[m]):+.3f}% median, {rel[m].min():+.3f}% to {rel[m].max():+.3f}%"
                ),
            }
            for m, model in (
                ("peacesciencer", "haversine, sphere of radius 6378.137 km (equatorial)"),
                ("sphere", "haversine, sphere of radius 6371.0088 km (mean)"),
            )
        ]
    )
    blocks["capdist"] = md(table)

    notes = []
    wh.check_source("atop_members", None, notes)
    blocks["accepted"] = "\n".join(f"- {n}" for n in notes) or "- none"
    return blocks


def similarity_blocks():
    rows = []
    names = {
        "direction": "portfolio direction",
        "pi": "Scott's pi disagreement",
        "kappa": "Cohen's kappa disagreement",
        "range": "S range m",
        "squared_weighted": "squared-distance S uses CINC weights",
    }
    for key, label in names.items():
        rows.append({"rule": label, **{c: str(sim.CONVENTION_RULES[c][key]) for c in sim.CONVENTIONS}})
    blocks = {"conventions": md(pd.DataFrame(rows))}
    measures = ["s_unweighted", "s_weighted", "s_unweighted_squared", "pi", "kappa", "tau_b"]
    diffs = []
    for year in (1914, 1950, 1990, 2010):
        a = sim.dyad_similarity(year, year, measures)
        b = sim.dyad_similarity(year, year, measures, convention="fpsim")
        diffs.append((a[measures] - b[measures]).abs().max())
    biggest = pd.concat(diffs, axis=1).max(axis=1)
    gap = "largest absolute difference, default vs fpsim (1914, 1950, 1990, 2010)"
    blocks["convention_gaps"] = md(
        pd.DataFrame({"measure": biggest.index, gap: biggest.map(lambda v: f"{v:.3f}").to_numpy()})
    )
    return blocks


def main():
    fill(DOCS / "data_and_panels.md", data_blocks())
    fill(DOCS / "similarity.md", similarity_blocks())
    print("docs/data_and_panels.md and docs/similarity.md regenerated")


if __name__ == "__main__":
    main()
