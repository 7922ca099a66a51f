"""SIPRI names and Maddison ISO3 codes mapped to COW codes; nothing dropped silently."""

import pandas as pd

from alliancelab.data import country_codes as cc


def test_every_sipri_row_maps_or_is_reported(con, warehouse_path):
    names = [r[0] for r in con.execute('SELECT "Country" FROM sipri_milex').fetchall()]
    assert len(names) == 173
    assert set(names) <= set(cc.SIPRI_TO_COW)  # every name has a documented table row
    long_rows = con.execute("SELECT count(*) FROM sipri_milex_long").fetchone()[0]
    mapped, report = cc.sipri_milex_cow(warehouse=warehouse_path)
    assert len(mapped) + len(report) == long_rows
    assert report.reason.notna().all()
    # what is reported: years after the COW system list ends (2017-2018), and spending that
    # SIPRI records before COW admits the state: West Germany 1953-54, Syria inside the UAR
    # 1959-60, South Sudan 2006-10, Montenegro 2005
    odd = report[report.year <= 2016]
    assert set(zip(odd.key, odd.year)) == {
        ("Germany", 1953),
        ("Germany", 1954),
        ("Syria", 1959),
        ("Syria", 1960),
        ("Montenegro", 2005),
        *(("South Sudan", y) for y in range(2006, 2011)),
    }
    assert (report[report.year > 2016].reason.str.contains("not a system member")).all()


def test_codes_change_with_the_state_system():
    assert cc.sipri_to_cow("Germany", 1989) == 260 and cc.sipri_to_cow("Germany", 1990) == 255
    assert cc.sipri_to_cow("USSR", 1990) == 365 and cc.sipri_to_cow("Russia", 1995) == 365
    assert cc.maddison_to_cow("SUN", 1991) == 365 and cc.maddison_to_cow("SUN", 1992) is None
    assert cc.maddison_to_cow("RUS", 1992) == 365 and cc.maddison_to_cow("RUS", 1991) is None
    assert cc.maddison_to_cow("YEM", 1980) == 678 and cc.maddison_to_cow("YEM", 1995) == 679
    assert cc.maddison_to_cow("HKG", 2000) is None


def test_no_state_year_twice(warehouse_path):
    sipri, _ = cc.sipri_milex_cow(warehouse=warehouse_path)
    gdp, _ = cc.maddison_gdp_cow(warehouse=warehouse_path)
    assert not sipri.duplicated(["ccode", "year"]).any()
    assert not gdp.duplicated(["ccode", "year"]).any()


def test_every_maddison_code_is_in_the_table(con, warehouse_path):
    codes = {r[0] for r in con.execute("SELECT DISTINCT countrycode FROM maddison").fetchall()}
    assert codes == set(cc.MADDISON_TO_COW)
    report = cc.unmapped_report(warehouse=warehouse_path)
    assert {"sipri", "maddison"} == set(report.source)
    assert report[report.key == "PRI"].reason.str.contains("territory").all()


def test_unknown_names_are_reported_not_dropped():
    frame = pd.DataFrame(
        {"country": ["France", "Ruritania", "Germany"], "year": [1990, 1990, 1950], "milex_usd_m": [1.0, 2.0, 3.0]}
    )
    mapped, report = cc._map(frame, "country", cc.SIPRI_TO_COW, "sipri", members={(220, 1990), (260, 1955)})
    assert list(mapped.ccode) == [220]
    reasons = dict(zip(report.key, report.reason))
    assert "missing from the mapping table" in reasons["Ruritania"]
    assert "not a system member in 1950" in reasons["Germany"]
