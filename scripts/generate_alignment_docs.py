"""Regenerate the tables of docs/balancing.md and docs/alliance_maintenance.md between gen markers."""
import re, sys
from pathlib import Path
import numpy as np, pandas as pd
from alliancelab.theory import balancing as b, walt_tests as w, management as m, detente as d
from alliancelab.panels.lookup import Lookup

def md(frame, floats=3):
    frame = frame.copy()
    for c in frame.columns:
        if frame[c].dtype.kind == "f":
            frame[c] = frame[c].map(lambda v: "" if pd.isna(v) else (f"{v:.{floats}f}" if abs(v) >= 1e-3 or v == 0 else f"{v:.1e}"))
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    return "\n".join([head, rule] + ["| " + " | ".join(map(str, r)) + " |" for r in frame.itertuples(index=False)])

def coef_table(t):
    t = t.reset_index().rename(columns={"index": "covariate"})
    return t[["covariate", "coef", "se", "p", "ame", "ame_se"]]

G = {}
lk = Lookup.get()
c = b.classify()
G["validation"] = md(b.threat_validation())
counts = c["label"].value_counts()
G["headline"] = f"**{counts['balancing']} balancing, {counts['bandwagoning']} bandwagoning, {counts['neither']} neither**."
f = b.famous_cases(c)
f["partners"] = f["partners_threatened"].astype(str) + " of " + f["n_partners"].astype(str)
G["famous"] = md(f[["case", "stateabb", "year", "jstar_abb", "j2", "target_abb", "target_rank", "target_named", "partners", "label"]])
sh = w.walt_shares(c)
rows = []
for name, frame, key in (("all", sh["overall"], None), ("era", sh["era"], "era"), ("region", sh["region"], "region"),
                         ("ME", sh["middle_east_1955_1979"], None), ("treaty", sh["by_treaty"], "group")):
    for r in frame.itertuples():
        label = {"all": "all", "ME": "Middle East 1955-1979 (Walt's universe)"}.get(name) or str(getattr(r, key))
        rows.append({"group": label, "decisions": r.decisions, "balancing": r.balancing, "bandwagoning": r.bandwagoning,
                     "neither": r.neither, "bal / (bal + band)": r.balancing_vs_bandwagoning,
                     "95% CI": f"{r.ci_low:.3f}-{r.ci_high:.3f}"})
G["shares"] = md(pd.DataFrame(rows))
sens = b.sensitivity()
for col in ("balancing", "bandwagoning", "neither"):
    sens[col] = sens[col].astype(int)
G["sensitivity"] = md(sens.drop(columns=["decisions", "nato_we_members"]).rename(columns={
    "balancing_vs_bandwagoning": "bal / (bal + band)", "agreement_with_default": "agreement",
    "nato_we_balancing_ussr": "NATO WE vs USSR (of 10)", "franco_russian_balancing_germany": "Franco-Russian vs Germany (of 2)"}))
model, data = w.bandwagoning_model(c)
G["bandwagon"] = md(coef_table(model)) + f"\n\nn = {model.attrs['n']}, bandwagoning = {model.attrs['events']}, pseudo-R2 = {model.attrs['pseudo_r2']:.3f}"
G["conditions"] = md(w.condition_rates(data))
ide = w.ideology_vs_threat()
tabs = []
for name, t in ide["tables"].items():
    tt = coef_table(t).assign(model=name)
    tabs.append(tt)
G["ideology"] = md(pd.concat(tabs)[["model", "covariate", "coef", "se", "p", "ame", "ame_se"]]) + \
    f"\n\nn = {ide['tables']['both'].attrs['n']} dyad-years, {ide['tables']['both'].attrs['events']} onsets"
G["lr"] = md(ide["lr_tests"], 4)

a = m.alliance_table()
G["kinds"] = f"{len(a)} alliances: " + ", ".join(f"{k} {v}" for k, v in a["kind"].value_counts().items()) + f"; {int(a['ended'].sum())} ended."
fs = m.formation_summary(m.formation_rates())
G["formation"] = md(fs)
sv = m.survival(a)
G["survival"] = md(pd.DataFrame([{"group": k, "median years": v} for k, v in {**sv["median_kind"], **sv["median_asymm"]}.items()])) + "\n\n" + md(sv["tests"], 4)
cox = sv["cox"].reset_index()
G["cox"] = md(cox) + f"\n\nn = {sv['cox'].attrs['n']}, endings = {sv['cox'].attrs['events']}, concordance = {sv['cox'].attrs['concordance']:.3f}"
hz, rates, _ = m.capability_change_hazard()
G["capchange"] = md(coef_table(hz)) + "\n\n" + md(rates)
my, ay = m.snyder_indicators()
so, _ = m.snyder_outcomes(ay)
G["snyder"] = md(coef_table(so)) + f"\n\nn = {so.attrs['n']} alliance-years, {so.attrs['events']} endings; {len(my)} member-years, {len(ay)} alliance-years in all"
G["polarity"] = md(m.snyder_by_polarity(ay)[["polarity", "indicator", "coef", "se", "p", "ame", "n", "events"]])
flagged, periods, changes = d.detente()
G["detente_summary"] = (f"{len(periods)} detente periods in {periods['series'].nunique()} of the {flagged['series'].nunique()} rivalry spells "
                        f"({flagged['dyad'].nunique()} dyads); {flagged['detente'].mean():.1%} of rival dyad-years are in detente.")
us = changes[changes["dyad"] == 2365].copy()
us["side"] = us["side"].map({2: "USA", 365: "USSR"})
G["detente_us"] = md(us[["start", "end", "side", "held", "ended", "lost_members", "formed", "ended_before", "lost_members_before", "formed_before"]])
tot = changes[["ended", "lost_members", "formed", "ended_before", "lost_members_before", "formed_before"]].sum()
G["detente_totals"] = (f"Over all {len(periods)} periods ({len(changes)} side-periods): {tot['ended']} alliances ended, {tot['lost_members']} lost members "
                       f"and {tot['formed']} were formed, against {tot['ended_before']}, {tot['lost_members_before']} and {tot['formed_before']} "
                       "in the equally long windows before.")
ties = m.rivalry_alliances(c)
rates, table, dd = m.detente_weakening(ties, flagged)
G["weakening"] = (f"{len(ties)} ties ({ties['tie'].value_counts().get('named', 0)} named, {ties['tie'].value_counts().get('targeted', 0)} targeted) in "
                  f"{ties['atopid'].nunique()} alliances; {len(dd)} alliance-years.\n\n" + md(rates, 4) + "\n\n" + md(coef_table(table), 4))

for path in sys.argv[1:]:
    text = Path(path).read_text()
    for key, value in G.items():
        pattern = re.compile(rf"(<!-- gen:{key} -->\n).*?(\n<!-- /gen:{key} -->)", re.S)
        text, n = pattern.subn(lambda mt: mt.group(1) + value + mt.group(2), text)
    Path(path).write_text(text)
for key, value in G.items():
    print(f"== {key}\n{value}\n")
