"""Write docs/peacesciencer.md: the peacesciencer comparison table and the numbers of the G-W system,
leader-years and the new steps, computed on the real data.

Usage: PYTHONPATH=src python scripts/generate_peacesciencer_docs.py
"""

from pathlib import Path

import pandas as pd

from alliancelab.data import warehouse as wh
from alliancelab.panels import dyad_years, leader_dyad_years, leader_years, state_years

ROOT = Path(__file__).resolve().parents[1]

# (peacesciencer function, alliancelab equivalent, source files, in the data mirror?)
TABLE = [
    (
        "create_stateyears()",
        "`state_years(start, end, system='cow' or 'gw')`",
        "cow/states2016.csv; geo/gw_states.csv, geo/cow_gw_years.csv.gz",
        "yes",
    ),
    ("create_dyadyears()", "`dyad_years(start, end, directed=, system='cow' or 'gw')`", "as above", "yes"),
    ("create_leaderyears()", "`leader_years(start, end)`", "leaders/archigos.csv.gz, geo/gw_states.csv", "yes"),
    ("create_leaderdyadyears()", "`leader_dyad_years(start, end, directed=)`", "as above", "yes"),
    ("create_statedays(), create_leaderdays()", "not built", "the spells are in the mirror", "yes (not built)"),
    (
        "add_gwcode_to_cow(), add_ccode_to_gw()",
        "`ccode` column of G-W panels; `add_gwcode()`; `gw_to_cow()`, `cow_to_gw()`",
        "geo/cow_gw_years.csv.gz",
        "yes",
    ),
    (
        "add_atop_alliance()",
        "`add_atop(collapse=, onset=)`, `add_alliance_counts()`",
        "atop/atop5_1_directed_dyad_year.csv.gz, atop/atop4_01m.csv",
        "yes",
    ),
    ("add_cow_alliance()", "none: use `add_atop()`", "COW alliances", "**no** (withdrawn at the maintainer's request)"),
    ("add_nmc()", "`add_nmc(columns=)`", "cow/nmc_v7.csv.gz", "yes"),
    ("add_cow_majors()", "`add_majors()`", "cow/majors2016.csv", "yes"),
    ("Maoz powers (in add_cow_majors' family)", "`add_maoz_powers()`", "cow/maoz_powers.csv", "yes"),
    ("add_contiguity()", "`add_contiguity()`", "cow/contiguity_v3_2.csv", "yes"),
    ("add_minimum_distance()", "`add_min_distance()`", "geo/min_distance_cshapes2.csv.gz", "yes"),
    ("add_capital_distance()", "`add_capital_distance()`", "geo/capitals.csv", "yes"),
    ("add_democracy()", "`add_democracy(measures=, thresholds=)`", "regime/ccode_democracy.csv.gz", "yes"),
    ("(Polity IV 2015 as released)", "`add_polity()`", "regime/polity4v2015.csv", "yes"),
    ("add_igos()", "`add_igos(counts=)`", "cow/cow_igo_ndy.csv.gz, cow/cow_igo_sy.csv.gz", "yes"),
    ("add_strategic_rivalries()", "`add_tss_rivalries()`", "rivalry/tss_rivalries.csv", "yes"),
    (
        "Thompson & Dreyer rivalries",
        "`add_rivalry()`, `add_td_rivalry_types()`",
        "rivalry/thompson_dreyer_strategic_rivalries.csv",
        "yes",
    ),
    ("add_sdp_gdp()", "`add_sdp_gdp(columns=)`", "economy/cow_sdp_gdp.csv.gz", "yes"),
    (
        "add_sim_gdp_pop()",
        "none (GDP and population estimates of `add_sdp_gdp()` are the closest)",
        "Fariss et al. simulated GDP/population",
        "**no**",
    ),
    ("add_lead()", "`add_lead(columns=)` on leader panels", "leaders/lead.csv.gz", "yes"),
    (
        "add_archigos()",
        "`add_archigos()` (COW or G-W panels)",
        "leaders/archigos.csv.gz, geo/cow_gw_years.csv.gz",
        "yes",
    ),
    ("add_lwuf()", "none", "Leader Willingness to Use Force", "**no**"),
    ("add_gml_mids()", "`add_gml()`", "gml/gml_mid_2_2_1_*.csv", "yes"),
    ("add_cow_mids()", "none: use `add_gml()`", "COW MIDs", "**no**"),
    ("add_cow_wars(type='inter')", "`add_wars()`", "cow/interstate_war_v4_dyad_year.csv", "yes"),
    ("add_cow_wars(type='intra')", "none", "COW intra-state wars", "**no**"),
    ("add_ucdp_acd(), add_ucdp_onsets()", "none", "UCDP armed conflicts", "**no**"),
    (
        "add_cow_trade()",
        "`add_trade()` (state-year totals only)",
        "cow/trade_v4_state_year.csv.gz",
        "partly (no dyadic trade)",
    ),
    (
        "add_latent_territorial_threat()",
        "`add_territorial_threat()`",
        "rivalry/latent_territorial_threat.csv.gz",
        "yes",
    ),
    ("add_creg_fractionalization()", "none", "CREG ethnic/religious fractionalisation", "**no**"),
    ("add_rugged_terrain()", "none", "terrain ruggedness", "**no**"),
    (
        "add_fpsim()",
        "computed from ATOP: see [alliance-portfolio similarity](similarity.md)",
        "atop/",
        "yes (computed)",
    ),
    ("add_peace_years()", "`add_peace_years()` (GML); `add_spells(event)` for any event", "gml/", "yes"),
    ("add_spells()", "`add_spells(event, name=)`", "any 0/1 column", "n/a"),
    ("dplyr::lag / lead by unit", "`add_lags(columns, periods=)`", "any column", "n/a"),
    ("filter_prd()", "`filter_prd(max_conttype=1, majors='cow' or 'maoz')`", "contiguity, majors", "yes"),
    ("ps_cite()", "`cite(panel)`, `panel.print_citations()`", "every source of the panel", "n/a"),
    ("ps_version()", "`alliancelab data status` (version, rows, coverage, sha256 of every table)", "", "n/a"),
    (
        "whittle_conflicts_*()",
        "not needed: `add_gml()` collapses disputes to one row per dyad-year (`mid_count`, highest hostility)",
        "",
        "n/a",
    ),
    ("download_extdata()", "not needed: every file is read from the data folder", "", "n/a"),
]


def md_table(rows, header):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


NEW_SOURCES = (
    "democracy",
    "igo_dyads",
    "igo_states",
    "tss_rivalries",
    "sdp_gdp",
    "maoz_powers",
    "gw_states",
    "cow_gw_years",
    "archigos",
    "lead",
)


def sources_table():
    with wh.connect() as con:
        frame = con.execute(
            "SELECT name, file, version, rows, first_year, last_year FROM sources "
            "WHERE name IN (SELECT unnest(?::VARCHAR[]))",
            [list(NEW_SOURCES)],
        ).df()
    frame = frame.set_index("name").loc[list(NEW_SOURCES)].reset_index()
    rows = [
        (
            f"`{r.name}`",
            r.file,
            r.version,
            f"{r.rows:,}",
            "spells" if pd.isna(r.first_year) else f"{int(r.first_year)}-{int(r.last_year)}",
        )
        for r in frame.itertuples()
    ]
    return md_table(rows, ["table", "file", "version", "rows", "years checked"])


def counts():
    """Counts quoted in the text, from the warehouse."""
    with wh.connect() as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "democracy_outside": one("""WITH m AS (SELECT DISTINCT s.ccode, y.year FROM states s, range(1816, 2017)
                                        y(year) WHERE y.year BETWEEN s.styear AND s.endyear)
                                        SELECT count(*) FROM democracy d ANTI JOIN m USING (ccode, year)"""),
            "sdp_empty": one("""SELECT count(*) FROM sdp_gdp WHERE wbgdp2011est IS NULL AND wbpopest IS NULL
                                AND sdpest IS NULL AND wbgdppc2011est IS NULL"""),
            "gw_repeats": one(
                "SELECT count(*) - count(DISTINCT (gwcode, year)) FROM cow_gw_years WHERE gwcode IS NOT NULL"
            ),
        }


def igo_excess():
    d = dyad_years(1816, 2014, directed=False).add_igos(counts=True)
    excess = d["dyadigos"] - d[["sum_igo_full1", "sum_igo_full2"]].min(axis=1)
    return int((excess > 0).sum())


def main():
    gw_states = state_years(1816, 2017, system="gw")
    gw_dyads = dyad_years(1816, 2017, system="gw")
    cow_states = state_years(1816, 2016)
    gw_only = int(gw_states["ccode"].isna().sum())
    ly, ldy, cow_ly = leader_years(), leader_dyad_years(), leader_years(system="cow")
    prd = dyad_years().filter_prd()
    all_dyads = 1_912_350
    d = dyad_years(2000, 2000, directed=False).add_democracy().add_igos().add_tss_rivalries()
    ip = d[(d.ccode1 == 750) & (d.ccode2 == 770)].iloc[0]
    uk = d[(d.ccode1 == 2) & (d.ccode2 == 200)].iloc[0]
    both = d["polity2_both_dem"].astype("Float64")
    example = {
        "ip_low": ip["polity2_low"],
        "ip_diff": ip["polity2_diff"],
        "ip_igo": ip["dyadigos"],
        "uk_igo": uk["dyadigos"],
        "both_share": float(both.mean()),
        "both_missing": int(both.isna().sum()),
        "pairs": len(d),
    }
    text = PAGE.format(
        table=md_table(TABLE, ["peacesciencer", "alliancelab", "source files", "in the data mirror"]),
        sources=sources_table(),
        igo_excess=igo_excess(),
        **{k: f"{v:,}" for k, v in counts().items()},
        gw_state_years=f"{len(gw_states):,}",
        gw_dyad_years=f"{len(gw_dyads):,}",
        cow_state_years=f"{len(cow_states):,}",
        gw_only=f"{gw_only:,}",
        leader_years=f"{len(ly):,}",
        cow_leader_years=f"{len(cow_ly):,}",
        leader_dyad_years=f"{len(ldy):,}",
        prd=f"{len(prd):,}",
        prd_share=f"{len(prd) / all_dyads:.1%}",
        **{
            k: (f"{v:.1%}" if k == "both_share" else (f"{v:,}" if isinstance(v, int) else f"{v:g}"))
            for k, v in example.items()
        },
    )
    (ROOT / "docs" / "peacesciencer.md").write_text(text)
    print("wrote docs/peacesciencer.md")


PAGE = """# Coming from peacesciencer

Users of the R package peacesciencer build panels by chaining verbs:
`create_dyadyears() |> add_atop_alliance() |> add_nmc()`. The same chain here is
`dyad_years().add_atop().add_nmc()`; every step returns a new panel with extra columns, never drops
or reorders rows, and records the citation of each source it read (`panel.sources`).

```python
from alliancelab.panels import dyad_years, state_years, leader_years

panel = (dyad_years(1946, 2014, directed=False)
         .add_democracy().add_igos().add_tss_rivalries().add_contiguity().add_majors()
         .filter_prd().add_gml().add_spells("mid_onset"))
print(len(panel), panel.sources[:2])
bibtex = panel.print_citations()  # the BibTeX of every source used
```

## Function by function

"In the data mirror" says whether the files a step needs are in the data folder alliancelab reads.
Where they are not (COW MIDs, UCDP, CREG, ruggedness, dyadic trade...), there is no step: nothing is
approximated from other data.

{table}

## The sources and how they are checked

`alliancelab data build` reads these files with the others, checks column types, keys and state codes,
and stores one table each; every step cites them.

{sources}

Rows the sources publish outside the COW state system are accepted on purpose, and never joined
except through a panel's own (member) rows:

- `sdp_gdp`: estimates before 1816 and before independence, and 14 codes absent from the COW list
  (89, 99, 340, 396, 397, 563, 564, 708, 709, 711, 815, 971, 972, 973), listed one by one as reviewed
  codes; any other unknown code is an error naming the line. {sdp_empty} rows are all empty (values end 2015).
- `tss_rivalries`: Venice (324, no COW code).
- `democracy`: {democracy_outside} state-years outside the COW membership spells, all in 2017-2020 (the
  COW list ends in 2016); they are only read by G-W panels of 2017.
- `gw_states`, `archigos`: G-W codes, not checked against the COW list; every Archigos code is a G-W state.
- `cow_gw_years`: the key `ccode` + `year` is unique among rows with a COW code, but a state entering or
  leaving one system mid-year appears twice (once with both codes, once with one empty), and
  `gwcode` + `year` repeats {gw_repeats} times. The panels resolve this with the rules below.

## Democracy: `add_democracy`


Three measures per state-year, from peacesciencer's COW-coded democracy table: `v2x_polyarchy`
(V-Dem electoral democracy, 0-1, to 2019), `polity2` (Polity IV, -10..10, to 2017, already mapped to
COW codes, unlike the Polity IV 2015 file behind `add_polity`) and `xm_qudsest` (extended Unified
Democracy Scores, to 2017). On a dyad panel each gets the suffixes 1/2 and three dyadic forms:

- `{{m}}_low`: the lower of the two scores (the "weak link");
- `{{m}}_diff`: the absolute difference;
- `{{m}}_both_dem`: 1 when both reach the threshold, **polity2 >= 6** and **v2x_polyarchy >= 0.5**
  by default (pass `thresholds={{"xm_qudsest": 0.5}}` to add one for the UDS, which has no conventional
  cut-off); missing when either score is missing.

India-Pakistan in 2000: `polity2_low` = {ip_low}, `polity2_diff` = {ip_diff}. Of the {pairs}
non-directed pairs of 2000, {both_missing} have `polity2_both_dem` missing (Polity does not score states
under 500,000 people); of the others, {both_share} are both democracies by polity2.
`add_polity` and `add_democracy` both produce `polity2`: a step never overwrites a column, so ask for
`add_democracy(measures=("v2x_polyarchy", "xm_qudsest"))` after `add_polity()`.

## IGOs: `add_igos`

`dyadigos`: the number of IGOs in which both states are full members (COW IGO 3.0, 1816-2014); on a
state panel (or with `counts=True` on dyads) `sum_igo_full`, `sum_igo_associate`, `sum_igo_observer`,
`sum_igo_anytype`. USA-UK in 2000: {uk_igo} joint memberships; India-Pakistan: {ip_igo}. Entries the
source codes as missing are not counted, so 0 means no *recorded* joint membership; after 2014 the
values are missing. The dyad and state files were built separately: in {igo_excess} dyad-years
(Australia-New Zealand in 1973-75 and 1989-94, Kosovo's pairs in 2014, a few Caribbean pairs) the
joint count exceeds one state's full memberships by one.

## Rivalries by type: `add_tss_rivalries`, `add_td_rivalry_types`

Thompson, Sakuwa & Suhas (1494-2020): `tss_rivalry` and its types `tss_positional`, `tss_spatial`,
`tss_ideological`, `tss_interventionary`, plus `tss_principal` and `tss_aprin`. Thompson & Dreyer
(to 2010): `td_positional`, `td_spatial`, `td_ideological`, `td_interventionary` beside
`add_rivalry`'s `td_rivalry`. A type is marked in a year when any rivalry of the pair touching the year
carries it. Venice (code 324 in the TSS file) has no COW code and is never joined.

## Economy and powers: `add_sdp_gdp`, `add_maoz_powers`

`wbgdp2011est`, `wbpopest`, `sdpest`, `wbgdppc2011est` are **natural logs of (x + 1)** of simulated
estimates (Anders, Fariss & Markowitz 2020), rounded to 3 decimals: `numpy.expm1` gives levels (GDP and
SDP in 2011 US$ PPP). Values end in 2015. The file also covers years before 1816 or before
independence and 14 codes outside the COW list; panels only read it at their own rows.
`add_maoz_powers` gives `maoz_regional`, `maoz_global` and `maoz_power` (either), an alternative to the
COW majors of `add_majors`, to 2019.

## The Gleditsch-Ward system

`state_years(system="gw")` and `dyad_years(system="gw")` build panels from the G-W spells: a state
counts in every calendar year a spell touches, 1816-2017. 1816-2017 gives {gw_state_years} G-W
state-years (COW 1816-2016: {cow_state_years}) and {gw_dyad_years} directed G-W dyad-years. Rows carry
`gwcode` and `ccode`, the COW code of the same state that year, read from the year-level crosswalk:

- COW to G-W (`cow_to_gw`, `add_gwcode`): the crosswalk row with that COW code and year (unique);
  missing for COW-only states (micro-states such as Monaco, which G-W leaves out).
- G-W to COW (`gw_to_cow`, the `ccode` column): in a year when one G-W state matches two COW states
  (G-W keeps 260 for Germany and 678 for Yemen through unification; COW switches to 255 and 679 in 1990)
  the **successor rule** applies: the COW code that continues into the next year under the same G-W
  code. So G-W 260 is COW 260 in 1989 and COW 255 from 1990. {gw_only} G-W state-years have no COW
  code (e.g. Canada 1867-1919, Transvaal, Orange Free State) and keep `ccode` missing.

A COW-coded step on a G-W panel (`state_years(system="gw").add_nmc()`) runs on the rows with a COW
code and leaves the others missing. The panel methods do this for every step; of the plain functions,
the steps on this page do it too, the older ones (`add_nmc(panel)`...) need a COW panel.

```python
from alliancelab.panels import gw_to_cow, cow_to_gw
print(gw_to_cow([260, 260, 678], [1989, 1990, 1990]).tolist())  # [260, 255, 679]
print(cow_to_gw([255, 221], [1991, 2000]).tolist())              # [260, <NA>]
```

## Leaders: `leader_years`, `leader_dyad_years`, `add_lead`

A leader-year is an Archigos leader spell in a calendar year its tenure touches (1840-2015), kept when
the state is a G-W member that year (`system="gw"`, the default): {leader_years} leader-years;
`system="cow"` keeps those whose state is a COW member that year ({cow_leader_years}), `system=None`
every year of every tenure. Two leaders of
one state in one year (a change of leader) each get a row. Leader-dyad-years pair leader-years of the
same year in different states: {leader_dyad_years} directed. `add_lead()` adds the LEAD attributes of
each leader (education, military service, combat, rebel experience, war and rebellion outcomes, years
of experience, physical and mental health); LEAD leaves 14-19% of leaders uncoded per variable, which
stay missing.

`add_archigos()` summarises the leaders of each state-year on a COW or G-W panel: `n_leaders`,
`leader_transition` (the leader at the start of the year is not the one at its end),
`irregular_transition` (a transition in which a spell ending that year ended irregularly: coups,
revolts, assassinations, not deaths in office) and `obsid_jan1` / `obsid_dec31`. Missing after 2015
and where Archigos lists no leader.

```python
from alliancelab.panels import leader_years
ly = leader_years(1945, 1945).add_lead(columns=("milservice", "combat"))
print(ly[ly.gwcode == 200][["leader", "milservice", "combat"]])
```

## Generic steps

- `add_lags(columns, periods=1)`: `{{column}}_lag{{k}}` (or `_lead{{k}}` for negative periods): the value of
  the same unit k years earlier, missing when the unit has no row that year (Germany 1946-1989).
- `add_spells(event, name=None)`: `{{name}}_years_since` (0 in an event year and at the start of a unit's
  run of years) and `{{name}}_spell` (1, 2, ... within the unit). A missing event gives missing values and
  the count restarts after it. On a non-directed GML panel, `add_spells("mid_onset")` reproduces
  `add_peace_years()` exactly.
- `filter_prd(max_conttype=1, majors="cow")`: the politically relevant dyad-years, contiguous by land
  or involving a major power: {prd} of the 1,912,350 directed COW dyad-years 1816-2016
  ({prd_share}). `max_conttype=5` counts water contiguity up to 400 miles; `majors="maoz"` uses Maoz's
  global powers.
- `cite(panel)` / `panel.print_citations()`: the BibTeX of every source the panel read, each entry once.

Numbers on this page come from `scripts/generate_peacesciencer_docs.py`.
"""


if __name__ == "__main__":
    main()
