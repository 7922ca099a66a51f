"""Documented mappings from SIPRI country names and Maddison ISO3 codes to COW state codes.

SIPRI's military expenditure file lists countries by name; the Maddison Project lists them by ISO
3166 alpha-3 code. Both are mapped here to Correlates of War codes (``ccode``), by year where a
name covers states the COW list separates in time. Every mapping is an explicit table row; a name
that has no COW counterpart maps to ``None`` and says why. ``unmapped_report`` lists every source
row that does not end as a COW state-year, with the reason, so nothing is dropped silently.

Choices (each one a judgement; see docs/burden_sharing.md):
- SIPRI "Germany" is the Federal Republic before unification: COW 260 to 1989, 255 from 1990
  (COW dates unification to October 1990; a state counts in a year if it exists at its end).
- SIPRI "USSR" (to 1991) and "Russia" both map to COW 365; "Czechoslovakia" 315, "Czechia" 316;
  "Yemen" is the unified state (679, from 1990), "Yemen, North" 678; "Serbia" and "Yugoslavia"
  are COW 345 (COW keeps one code for Yugoslavia / Serbia and Montenegro / Serbia).
- Maddison DEU is Germany within its present borders: mapped to 255 from 1990 and, as an
  approximation flagged in outputs, to West Germany (260) 1955-1989 (this overstates FRG GDP).
  Maddison SUN (former USSR) is 365 to 1991, RUS from 1992; CSK 315 to 1992, CZE 316 from 1993;
  YUG 345 to 1991, SRB 345 from 1992 (Serbia only, without Montenegro); SDN is former Sudan (incl.
  South Sudan) = 625; TZA is mainland Tanzania = 510; YEM is 678 before 1990 and 679 from 1990.
- No COW code: Maddison HKG (Hong Kong), PRI (Puerto Rico), PSE (Palestine).
"""

from __future__ import annotations

import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError

ALL = (None, None)  # every year

# SIPRI country name -> ((first_year, last_year, ccode), ...); None = no COW code.
SIPRI_TO_COW = {
    "Afghanistan": 700,
    "Albania": 339,
    "Algeria": 615,
    "Angola": 540,
    "Argentina": 160,
    "Armenia": 371,
    "Australia": 900,
    "Austria": 305,
    "Azerbaijan": 373,
    "Bahrain": 692,
    "Bangladesh": 771,
    "Belarus": 370,
    "Belgium": 211,
    "Belize": 80,
    "Benin": 434,
    "Bolivia": 145,
    "Bosnia-Herzegovina": 346,
    "Botswana": 571,
    "Brazil": 140,
    "Brunei": 835,
    "Bulgaria": 355,
    "Burkina Faso": 439,
    "Burundi": 516,
    "Cambodia": 811,
    "Cameroon": 471,
    "Canada": 20,
    "Cape Verde": 402,
    "Central African Rep.": 482,
    "Chad": 483,
    "Chile": 155,
    "China": 710,
    "Colombia": 100,
    "Congo, Dem. Rep.": 490,
    "Congo, Republic of": 484,
    "Costa Rica": 94,
    "Croatia": 344,
    "Cuba": 40,
    "Cyprus": 352,
    "Czechia": 316,
    "Czechoslovakia": 315,
    "Côte d’Ivoire": 437,
    "Denmark": 390,
    "Djibouti": 522,
    "Dominican Rep.": 42,
    "Ecuador": 130,
    "Egypt": 651,
    "El Salvador": 92,
    "Equatorial Guinea": 411,
    "Eritrea": 531,
    "Estonia": 366,
    "Ethiopia": 530,
    "Fiji": 950,
    "Finland": 375,
    "France": 220,
    "Gabon": 481,
    "Gambia": 420,
    "Georgia": 372,
    "Germany": ((None, 1989, 260), (1990, None, 255)),
    "German DR": 265,
    "Ghana": 452,
    "Greece": 350,
    "Guatemala": 90,
    "Guinea": 438,
    "Guinea-Bissau": 404,
    "Guyana": 110,
    "Haiti": 41,
    "Honduras": 91,
    "Hungary": 310,
    "Iceland": 395,
    "India": 750,
    "Indonesia": 850,
    "Iran": 630,
    "Iraq": 645,
    "Ireland": 205,
    "Israel": 666,
    "Italy": 325,
    "Jamaica": 51,
    "Japan": 740,
    "Jordan": 663,
    "Kazakhstan": 705,
    "Kenya": 501,
    "Korea, South": 732,
    "Korea, North": 731,
    "Kosovo": 347,
    "Kuwait": 690,
    "Kyrgyzstan": 703,
    "Laos": 812,
    "Latvia": 367,
    "Lebanon": 660,
    "Lesotho": 570,
    "Liberia": 450,
    "Libya": 620,
    "Lithuania": 368,
    "Luxembourg": 212,
    "Madagascar": 580,
    "Malawi": 553,
    "Malaysia": 820,
    "Mali": 432,
    "Malta": 338,
    "Mauritania": 435,
    "Mauritius": 590,
    "Mexico": 70,
    "Moldova": 359,
    "Mongolia": 712,
    "Montenegro": 341,
    "Morocco": 600,
    "Mozambique": 541,
    "Myanmar": 775,
    "Namibia": 565,
    "Nepal": 790,
    "Netherlands": 210,
    "New Zealand": 920,
    "Nicaragua": 93,
    "Niger": 436,
    "Nigeria": 475,
    "North Macedonia": 343,
    "Norway": 385,
    "Oman": 698,
    "Pakistan": 770,
    "Panama": 95,
    "Papua New Guinea": 910,
    "Paraguay": 150,
    "Peru": 135,
    "Philippines": 840,
    "Poland": 290,
    "Portugal": 235,
    "Qatar": 694,
    "Romania": 360,
    "Russia": 365,
    "USSR": 365,
    "Rwanda": 517,
    "Saudi Arabia": 670,
    "Senegal": 433,
    "Serbia": 345,
    "Yugoslavia": 345,
    "Seychelles": 591,
    "Sierra Leone": 451,
    "Singapore": 830,
    "Slovakia": 317,
    "Slovenia": 349,
    "Somalia": 520,
    "South Africa": 560,
    "South Sudan": 626,
    "Spain": 230,
    "Sri Lanka": 780,
    "Sudan": 625,
    "Sweden": 380,
    "Switzerland": 225,
    "Syria": 652,
    "Taiwan": 713,
    "Tajikistan": 702,
    "Tanzania": 510,
    "Thailand": 800,
    "Timor-Leste": 860,
    "Togo": 461,
    "Trinidad & Tobago": 52,
    "Tunisia": 616,
    "Turkey": 640,
    "Turkmenistan": 701,
    "UAE": 696,
    "UK": 200,
    "USA": 2,
    "Uganda": 500,
    "Ukraine": 369,
    "Uruguay": 165,
    "Uzbekistan": 704,
    "Venezuela": 101,
    "Viet Nam": 816,
    "Yemen": 679,
    "Yemen, North": 678,
    "Zambia": 551,
    "Zimbabwe": 552,
    "eSwatini": 572,
}

# Maddison ISO3 -> COW code (or year spells); None = no COW code.
MADDISON_TO_COW = {
    "AFG": 700,
    "AGO": 540,
    "ALB": 339,
    "ARE": 696,
    "ARG": 160,
    "ARM": 371,
    "AUS": 900,
    "AUT": 305,
    "AZE": 373,
    "BDI": 516,
    "BEL": 211,
    "BEN": 434,
    "BFA": 439,
    "BGD": 771,
    "BGR": 355,
    "BHR": 692,
    "BIH": 346,
    "BLR": 370,
    "BOL": 145,
    "BRA": 140,
    "BRB": 53,
    "BWA": 571,
    "CAF": 482,
    "CAN": 20,
    "CHE": 225,
    "CHL": 155,
    "CHN": 710,
    "CIV": 437,
    "CMR": 471,
    "COD": 490,
    "COG": 484,
    "COL": 100,
    "COM": 581,
    "CPV": 402,
    "CRI": 94,
    "CSK": ((None, 1992, 315),),
    "CUB": 40,
    "CYP": 352,
    "CZE": ((1993, None, 316),),
    "DEU": ((1955, 1989, 260), (1990, None, 255)),
    "DJI": 522,
    "DMA": 54,
    "DNK": 390,
    "DOM": 42,
    "DZA": 615,
    "ECU": 130,
    "EGY": 651,
    "ESP": 230,
    "EST": 366,
    "ETH": 530,
    "FIN": 375,
    "FRA": 220,
    "GAB": 481,
    "GBR": 200,
    "GEO": 372,
    "GHA": 452,
    "GIN": 438,
    "GMB": 420,
    "GNB": 404,
    "GNQ": 411,
    "GRC": 350,
    "GTM": 90,
    "HKG": None,
    "HND": 91,
    "HRV": 344,
    "HTI": 41,
    "HUN": 310,
    "IDN": 850,
    "IND": 750,
    "IRL": 205,
    "IRN": 630,
    "IRQ": 645,
    "ISL": 395,
    "ISR": 666,
    "ITA": 325,
    "JAM": 51,
    "JOR": 663,
    "JPN": 740,
    "KAZ": 705,
    "KEN": 501,
    "KGZ": 703,
    "KHM": 811,
    "KOR": 732,
    "KWT": 690,
    "LAO": 812,
    "LBN": 660,
    "LBR": 450,
    "LBY": 620,
    "LCA": 56,
    "LKA": 780,
    "LSO": 570,
    "LTU": 368,
    "LUX": 212,
    "LVA": 367,
    "MAR": 600,
    "MDA": 359,
    "MDG": 580,
    "MEX": 70,
    "MKD": 343,
    "MLI": 432,
    "MLT": 338,
    "MMR": 775,
    "MNE": 341,
    "MNG": 712,
    "MOZ": 541,
    "MRT": 435,
    "MUS": 590,
    "MWI": 553,
    "MYS": 820,
    "NAM": 565,
    "NER": 436,
    "NGA": 475,
    "NIC": 93,
    "NLD": 210,
    "NOR": 385,
    "NPL": 790,
    "NZL": 920,
    "OMN": 698,
    "PAK": 770,
    "PAN": 95,
    "PER": 135,
    "PHL": 840,
    "POL": 290,
    "PRI": None,
    "PRK": 731,
    "PRT": 235,
    "PRY": 150,
    "PSE": None,
    "QAT": 694,
    "ROU": 360,
    "RUS": ((1992, None, 365),),
    "RWA": 517,
    "SAU": 670,
    "SDN": 625,
    "SEN": 433,
    "SGP": 830,
    "SLE": 451,
    "SLV": 92,
    "SRB": ((1992, None, 345),),
    "STP": 403,
    "SUN": ((None, 1991, 365),),
    "SVK": 317,
    "SVN": 349,
    "SWE": 380,
    "SWZ": 572,
    "SYC": 591,
    "SYR": 652,
    "TCD": 483,
    "TGO": 461,
    "THA": 800,
    "TJK": 702,
    "TKM": 701,
    "TTO": 52,
    "TUN": 616,
    "TUR": 640,
    "TWN": 713,
    "TZA": 510,
    "UGA": 500,
    "UKR": 369,
    "URY": 165,
    "USA": 2,
    "UZB": 704,
    "VEN": 101,
    "VNM": 816,
    "YEM": ((None, 1989, 678), (1990, None, 679)),
    "YUG": ((None, 1991, 345),),
    "ZAF": 560,
    "ZMB": 551,
    "ZWE": 552,
}

NO_COW_REASON = {
    "HKG": "Hong Kong: not a sovereign state",
    "PRI": "Puerto Rico: US territory",
    "PSE": "Palestine: not a COW system member",
}

# Why a code with year spells has no COW code outside them.
SPELL_GAP_REASON = {
    "YUG": "former-Yugoslavia aggregate after 1991; COW 345 then taken from SRB",
    "SRB": "before 1992 Serbia is part of Yugoslavia (COW 345 taken from YUG)",
    "SUN": "former-USSR aggregate after 1991; COW 365 then taken from RUS",
    "RUS": "before 1992 COW 365 is the USSR (taken from SUN)",
    "CSK": "Czechoslovakia ends in 1992",
    "CZE": "before 1993 part of Czechoslovakia (COW 315 taken from CSK)",
    "DEU": "no German state in the COW system 1946-1954 (occupation)",
}


def _spells(entry):
    if entry is None:
        return ()
    if isinstance(entry, int):
        return ((None, None, entry),)
    return entry


def code_for(table, key, year):
    """COW code of ``key`` in ``year`` from a mapping table.

    Parameters
    ----------
    table : dict
        Key -> COW code, or key -> sequence of ``(first_year, last_year, ccode)`` spells (None = open).
    key : str
        The source's country name or code.
    year : int
        The year.

    Returns
    -------
    int or None
        The COW code; None when the key is missing or has no code that year.

    Examples
    --------
    >>> code_for({"DEU": ((1955, 1989, 260), (1990, None, 255))}, "DEU", 1970)
    260
    """
    if key not in table:
        return None
    for first, last, ccode in _spells(table[key]):
        if (first is None or year >= first) and (last is None or year <= last):
            return ccode
    return None


def sipri_to_cow(name, year):
    """COW code of a SIPRI country name in a year.

    Parameters
    ----------
    name : str
        SIPRI country name.
    year : int
        The year.

    Returns
    -------
    int or None
        The COW code; None when the table has none.

    Examples
    --------
    >>> sipri_to_cow("Germany", 1985), sipri_to_cow("Germany", 1995)
    (260, 255)
    """
    return code_for(SIPRI_TO_COW, name, year)


def maddison_to_cow(iso3, year):
    """COW code of a Maddison ISO3 code in a year.

    Parameters
    ----------
    iso3 : str
        Maddison Project country code (ISO 3166 alpha-3).
    year : int
        The year.

    Returns
    -------
    int or None
        The COW code; None when the table has none.

    Examples
    --------
    >>> maddison_to_cow("SUN", 1980)
    365
    """
    return code_for(MADDISON_TO_COW, iso3, year)


def _map(frame, key_column, table, source, members=None):
    """Add ``ccode``; return (mapped rows, report of rows that did not map, with the reason)."""
    out = frame.copy()
    out["ccode"] = [code_for(table, k, int(y)) for k, y in zip(out[key_column], out["year"])]
    out["ccode"] = out["ccode"].astype("Int64")
    reasons = []
    for k, y, c in zip(out[key_column], out["year"], out["ccode"]):
        if k not in table:
            reasons.append(f"{source} key {k!r} missing from the mapping table")
        elif pd.isna(c):
            reasons.append(NO_COW_REASON.get(k) or SPELL_GAP_REASON.get(k, f"{k!r} has no COW code in {y}"))
        elif members is not None and (int(c), int(y)) not in members:
            reasons.append(f"COW {int(c)} is not a system member in {y}")
        else:
            reasons.append(None)
    out["reason"] = reasons
    report = out[out["reason"].notna()].assign(source=source)
    mapped = out[out["reason"].isna()].drop(columns="reason")
    return mapped, report[["source", key_column, "year", "ccode", "reason"]].rename(columns={key_column: "key"})


def system_members(con):
    """COW system members per year (``data.facts.system_members``).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Warehouse connection.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``ccode``: one row per member-year.

    Examples
    --------
    >>> from alliancelab.data.warehouse import connect
    >>> members = system_members(connect())
    >>> int((members["year"] == 1816).sum())
    23

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    """
    return facts.system_members(facts.system_spells(con))


def _member_set(con):
    members = system_members(con)
    return set(zip(members["ccode"].tolist(), members["year"].tolist(), strict=True))


def sipri_milex_cow(con, check_members=True):
    """SIPRI military expenditure by COW state-year.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Warehouse connection.
    check_members : bool, default True
        Keep only rows whose (ccode, year) is a COW system member; the others go to the report.

    Returns
    -------
    mapped : pandas.DataFrame
        Columns ``country``, ``year``, ``milex_usd_m``, ``ccode``.
    unmapped : pandas.DataFrame
        Rows that did not map: ``source``, ``key``, ``year``, ``ccode``, ``reason``.

    References
    ----------
    Stockholm International Peace Research Institute (2019). SIPRI Military Expenditure Database.
    """
    frame = con.execute("SELECT country, year, milex_usd_m FROM sipri_milex_long").fetchdf()
    members = _member_set(con) if check_members else None
    return _map(frame, "country", SIPRI_TO_COW, "sipri", members)


GDP_MEASURES = ("cgdppc", "rgdpnapc")


def maddison_gdp_cow(con, measure="cgdppc", check_members=True):
    """Maddison GDP by COW state-year, million 2011 US$ = ``measure`` x population / 1000.

    ``cgdppc`` (default) is the Maddison series meant for comparing countries within a year
    (multiple PPP benchmarks); ``rgdpnapc`` follows national accounts growth.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Warehouse connection.
    measure : {"cgdppc", "rgdpnapc"}, default "cgdppc"
        The GDP per capita series.
    check_members : bool, default True
        Keep only rows whose (ccode, year) is a COW system member; the others go to the report.

    Returns
    -------
    mapped : pandas.DataFrame
        Columns ``countrycode``, ``year``, ``gdp_musd_2011``, ``pop_thousands``, ``ccode``.
    unmapped : pandas.DataFrame
        Rows that did not map: ``source``, ``key``, ``year``, ``ccode``, ``reason``.

    Examples
    --------
    >>> from alliancelab.data.warehouse import connect
    >>> gdp, unmapped = maddison_gdp_cow(connect())
    >>> list(unmapped.columns)
    ['source', 'key', 'year', 'ccode', 'reason']

    References
    ----------
    Bolt, J., Inklaar, R., de Jong, H., & van Zanden, J. L. (2018). Maddison Project Database 2018.
    """
    if measure not in GDP_MEASURES:
        raise ParameterError(f"argument measure={measure!r}: expected one of {GDP_MEASURES}")
    frame = con.execute(
        f"""SELECT countrycode, year, {measure} * pop / 1000.0 AS gdp_musd_2011,
                            pop AS pop_thousands FROM maddison
                            WHERE {measure} IS NOT NULL AND pop IS NOT NULL AND year >= ?""",
        [facts.SYSTEM_FIRST],
    ).fetchdf()
    members = _member_set(con) if check_members else None
    return _map(frame, "countrycode", MADDISON_TO_COW, "maddison", members)


def unmapped_report(con):
    """Every SIPRI and Maddison (1816+) row that does not become a COW state-year, with the reason.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        Warehouse connection.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``key``, ``year``, ``ccode``, ``reason``.
    """
    _, sipri = sipri_milex_cow(con)
    _, madd = maddison_gdp_cow(con)
    wide = [r[0] for r in con.execute('SELECT "Country" FROM sipri_milex').fetchall()]
    missing = [n for n in wide if n not in SIPRI_TO_COW]
    frames = [sipri, madd]
    if missing:
        frames.append(
            pd.DataFrame(
                {
                    "source": "sipri",
                    "key": missing,
                    "year": pd.NA,
                    "ccode": pd.NA,
                    "reason": "SIPRI name missing from the mapping table",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
