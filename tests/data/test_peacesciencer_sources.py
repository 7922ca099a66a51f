"""The sources exported from peacesciencer: row counts from the manifest, and the documented
acceptance rules for rows outside the COW system and for the non-unique crosswalk keys."""

import gzip

from alliancelab.data import locate
from alliancelab.data import warehouse as wh
from alliancelab.data.sources import SOURCES_BY_NAME

REAL = locate.data_dir()


def test_manifest_row_counts(con):
    rows = dict(con.execute("SELECT name, rows FROM sources").fetchall())
    assert rows["democracy"] == 16731 and rows["igo_dyads"] == 917695 and rows["igo_states"] == 15557
    assert rows["tss_rivalries"] == 264 and rows["sdp_gdp"] == 27753 and rows["maoz_powers"] == 20
    assert rows["gw_states"] == 216 and rows["cow_gw_years"] == 16936
    assert rows["archigos"] == 3409 and rows["lead"] == 3409


def test_sdp_rows_outside_the_cow_list_are_the_reviewed_ones(con):
    odd = con.execute("""SELECT ccode, count(*) FROM sdp_gdp WHERE ccode NOT IN (SELECT ccode FROM states)
                         GROUP BY ccode""").fetchall()
    assert {c for c, _ in odd} == set(SOURCES_BY_NAME["sdp_gdp"].known_odd_codes)
    assert sum(n for _, n in odd) == 768  # MANIFEST: 768 rows under 14 codes absent from states2016
    assert (
        con.execute("""SELECT count(*) FROM sdp_gdp WHERE wbgdp2011est IS NULL AND wbpopest IS NULL
                          AND sdpest IS NULL AND wbgdppc2011est IS NULL""").fetchone()[0]
        == 432
    )


def test_crosswalk_keys(con):
    # ccode + year is unique among rows with a COW code; gwcode + year repeats in years of change
    assert (
        con.execute("""SELECT count(*) FROM (SELECT ccode, year FROM cow_gw_years WHERE ccode IS NOT NULL
                          GROUP BY ALL HAVING count(*) > 1)""").fetchone()[0]
        == 0
    )
    assert (
        con.execute("""SELECT count(*) - count(DISTINCT (gwcode, year)) FROM cow_gw_years
                          WHERE gwcode IS NOT NULL""").fetchone()[0]
        == 74
    )
    missing = con.execute(
        "SELECT count(*) FILTER (WHERE ccode IS NULL), count(*) FILTER (WHERE gwcode IS NULL) FROM cow_gw_years"
    ).fetchone()
    assert missing == (205, 761)


def test_gw_codes_of_archigos_are_gw_states(con):
    assert (
        con.execute("SELECT count(*) FROM archigos WHERE gwcode NOT IN (SELECT gwcode FROM gw_states)").fetchone()[0]
        == 0
    )
    assert con.execute("SELECT count(*) FROM lead WHERE obsid NOT IN (SELECT obsid FROM archigos)").fetchone()[0] == 0


def test_venice_is_kept_but_is_not_a_cow_state(con):
    assert con.execute("SELECT count(*) FROM tss_rivalries WHERE 324 IN (ccode1, ccode2)").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM states WHERE ccode = 324").fetchone()[0] == 0


def test_an_unreviewed_code_in_the_sdp_file_is_reported(tmp_path):
    root = tmp_path / "data"
    for name in ("states", "sdp_gdp"):
        target = root / SOURCES_BY_NAME[name].path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(REAL / SOURCES_BY_NAME[name].path)
    path = SOURCES_BY_NAME["sdp_gdp"].path
    with gzip.open(REAL / path, "rt") as handle:
        lines = handle.read().splitlines()
    lines[3] = "998" + lines[3][lines[3].index(",") :]
    (root / path).unlink()
    with gzip.open(root / path, "wt") as handle:
        handle.write("\n".join(lines) + "\n")
    (problem,) = wh.check_source("sdp_gdp", root)
    assert "unknown state code 998" in problem.what and problem.line == 4


def test_the_successor_rule_decides_every_ambiguous_gw_year(con):
    ambiguous = con.execute("""
        WITH b AS (SELECT DISTINCT gwcode, ccode, year FROM cow_gw_years
                   WHERE gwcode IS NOT NULL AND ccode IS NOT NULL),
        c AS (SELECT b.*, EXISTS (SELECT 1 FROM b n WHERE n.gwcode = b.gwcode AND n.ccode = b.ccode
                                  AND n.year = b.year + 1) AS continues FROM b)
        SELECT gwcode, year, count(*), sum(continues::INT) FROM c GROUP BY ALL HAVING count(*) > 1
        ORDER BY gwcode""").fetchall()
    assert ambiguous == [(260, 1990, 2, 1), (678, 1990, 2, 1)]  # Germany and Yemen unify; one code continues
