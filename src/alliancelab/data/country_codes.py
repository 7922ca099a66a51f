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
from alliancelab.data._country_tables import (  # noqa: F401  (the tables, re-exported)
    ALL,
    MADDISON_TO_COW,
    NO_COW_REASON,
    SIPRI_TO_COW,
    SPELL_GAP_REASON,
)
from alliancelab.data.source import connection_first, warehouse_connection
from alliancelab.errors import ParameterError


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


@connection_first
def system_members(warehouse=None, con=None):
    """COW system members per year (``data.facts.system_members``).

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse (default: the configured one).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): an open warehouse connection.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``ccode``: one row per member-year.

    Examples
    --------
    >>> members = system_members()
    >>> int((members["year"] == 1816).sum())
    23

    References
    ----------
    Correlates of War Project (2017). State System Membership List, v2016.
    """
    return _system_members(warehouse_connection(warehouse, con, "system_members"))


def _system_members(con):
    return facts.system_members(facts.system_spells(con))


def _member_set(con):
    members = _system_members(con)
    return set(zip(members["ccode"].tolist(), members["year"].tolist(), strict=True))


@connection_first
def sipri_milex_cow(check_members=True, warehouse=None, con=None):
    """SIPRI military expenditure by COW state-year.

    Parameters
    ----------
    check_members : bool, default True
        Keep only rows whose (ccode, year) is a COW system member; the others go to the report.
    warehouse : str or pathlib.Path, optional
        The warehouse (default: the configured one).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): an open warehouse connection; the old call
        ``sipri_milex_cow(con)`` still works and warns.

    Returns
    -------
    mapped : pandas.DataFrame
        Columns ``country``, ``year``, ``milex_usd_m``, ``ccode``.
    unmapped : pandas.DataFrame
        Rows that did not map: ``source``, ``key``, ``year``, ``ccode``, ``reason``.

    Examples
    --------
    >>> milex, unmapped = sipri_milex_cow()
    >>> int(milex.loc[(milex["ccode"] == 2) & (milex["year"] == 2000), "milex_usd_m"].round().iloc[0]) > 0
    True

    References
    ----------
    Stockholm International Peace Research Institute (2019). SIPRI Military Expenditure Database.
    """
    return _sipri_milex_cow(warehouse_connection(warehouse, con, "sipri_milex_cow"), check_members)


def _sipri_milex_cow(con, check_members=True):
    frame = con.execute("SELECT country, year, milex_usd_m FROM sipri_milex_long").fetchdf()
    members = _member_set(con) if check_members else None
    return _map(frame, "country", SIPRI_TO_COW, "sipri", members)


GDP_MEASURES = ("cgdppc", "rgdpnapc")


@connection_first
def maddison_gdp_cow(measure="cgdppc", check_members=True, warehouse=None, con=None):
    """Maddison GDP by COW state-year, million 2011 US$ = ``measure`` x population / 1000.

    ``cgdppc`` (default) is the Maddison series meant for comparing countries within a year
    (multiple PPP benchmarks); ``rgdpnapc`` follows national accounts growth.

    Parameters
    ----------
    measure : {"cgdppc", "rgdpnapc"}, default "cgdppc"
        The GDP per capita series.
    check_members : bool, default True
        Keep only rows whose (ccode, year) is a COW system member; the others go to the report.
    warehouse : str or pathlib.Path, optional
        The warehouse (default: the configured one).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): an open warehouse connection; the old call
        ``maddison_gdp_cow(con)`` still works and warns.

    Returns
    -------
    mapped : pandas.DataFrame
        Columns ``countrycode``, ``year``, ``gdp_musd_2011``, ``pop_thousands``, ``ccode``.
    unmapped : pandas.DataFrame
        Rows that did not map: ``source``, ``key``, ``year``, ``ccode``, ``reason``.

    Examples
    --------
    >>> gdp, unmapped = maddison_gdp_cow()
    >>> list(unmapped.columns)
    ['source', 'key', 'year', 'ccode', 'reason']

    References
    ----------
    Bolt, J., Inklaar, R., de Jong, H., & van Zanden, J. L. (2018). Maddison Project Database 2018.
    """
    return _maddison_gdp_cow(warehouse_connection(warehouse, con, "maddison_gdp_cow"), measure, check_members)


def _maddison_gdp_cow(con, measure="cgdppc", check_members=True):
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


@connection_first
def unmapped_report(warehouse=None, con=None):
    """Every SIPRI and Maddison (1816+) row that does not become a COW state-year, with the reason.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse (default: the configured one).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): an open warehouse connection; the old call
        ``unmapped_report(con)`` still works and warns.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``key``, ``year``, ``ccode``, ``reason``.

    Examples
    --------
    >>> sorted(unmapped_report()["source"].unique())
    ['maddison', 'sipri']

    References
    ----------
    SIPRI (2019), Military Expenditure Database; Bolt et al. (2018), Maddison Project Database 2018.
    """
    con = warehouse_connection(warehouse, con, "unmapped_report")
    _, sipri = _sipri_milex_cow(con)
    _, madd = _maddison_gdp_cow(con)
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


__all__ = [
    "ALL",
    "SIPRI_TO_COW",
    "MADDISON_TO_COW",
    "NO_COW_REASON",
    "SPELL_GAP_REASON",
    "GDP_MEASURES",
    "code_for",
    "sipri_to_cow",
    "maddison_to_cow",
    "system_members",
    "sipri_milex_cow",
    "maddison_gdp_cow",
    "unmapped_report",
]
