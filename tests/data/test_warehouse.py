"""The warehouse: real data loads, bad input gets one clear message, builds are atomic."""

import gzip
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from alliancelab.data import locate
from alliancelab.data import warehouse as wh
from alliancelab.data.sources import SOURCES
from alliancelab.errors import DataMissingError, DataValidationError

REAL = locate.data_dir()


def test_every_source_loaded_with_checksum_and_citation(con):
    sources = con.execute("SELECT name, rows, sha256, citation FROM sources").df()
    assert set(sources["name"]) == {s.name for s in SOURCES}
    assert (sources["sha256"].str.len() == 64).all()
    assert sources["citation"].str.len().min() > 10
    rows = dict(zip(sources["name"], sources["rows"]))
    # MANIFEST.md row counts
    assert rows["atop_members"] == 2398 and rows["atop_alliances"] == 745
    assert rows["atop_dyads"] == 273296 and rows["nmc"] == 17121 and rows["states"] == 243
    assert rows["min_distance"] == 952244 and rows["polity"] == 17061


def test_sentinels_become_missing_not_zero(con):
    assert con.execute("SELECT count(*) FROM polity WHERE polity IN (-66, -77, -88)").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM polity WHERE polity IS NULL").fetchone()[0] > 0
    assert con.execute("SELECT count(*) FROM gml_dyads WHERE hostlev1 = -9 OR fatality1 = -9").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM sipri_milex_long WHERE milex_usd_m IS NULL").fetchone()[0] == 0


def test_polity_codes_mapped_to_cow(con):
    mapped = dict(con.execute("SELECT DISTINCT ccode, cow_ccode FROM polity WHERE ccode IN (364, 769, 818)").fetchall())
    assert mapped == {364: 365, 769: 770, 818: 816}


def test_rebuild_with_unchanged_inputs_is_a_no_op(warehouse_path):
    before = os.stat(warehouse_path).st_mtime_ns
    path, built = wh.build_warehouse(warehouse=warehouse_path)
    assert not built and os.stat(path).st_mtime_ns == before


# --- bad input ----------------------------------------------------------------------------------
def mirror(tmp_path):
    """A data folder of links to the real files, so a test can replace one with a bad copy."""
    root = tmp_path / "data"
    for source in SOURCES:
        target = root / source.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(REAL / source.path)
    return root


def replace(root, relative, text):
    target = root / relative
    target.unlink()
    if relative.endswith(".gz"):
        with gzip.open(target, "wt") as handle:
            handle.write(text)
    else:
        target.write_text(text)


def real_text(relative):
    opener = gzip.open if relative.endswith(".gz") else open
    with opener(REAL / relative, "rt") as handle:
        return handle.read()


def problems_for(root, tmp_path):
    with pytest.raises(DataValidationError) as caught:
        wh.build_warehouse(data=root, warehouse=tmp_path / "wh.duckdb")
    assert not (tmp_path / "wh.duckdb").exists()  # nothing half-written
    return caught.value.problems


def test_missing_or_renamed_column(tmp_path):
    root = mirror(tmp_path)
    replace(root, "cow/nmc_v7.csv.gz", real_text("cow/nmc_v7.csv.gz").replace(",cinc\n", ",cinc_score\n", 1))
    (problem,) = problems_for(root, tmp_path)
    assert "nmc_v7.csv.gz" in problem.path and problem.column == "cinc"
    assert "missing column 'cinc'" in str(problem) and "cinc_score" in str(problem)


def test_wrong_type_names_line_and_column(tmp_path):
    root = mirror(tmp_path)
    lines = real_text("cow/majors2016.csv").splitlines()
    fields = lines[3].split(",")
    fields[1] = "eighteen-sixteen"
    lines[3] = ",".join(fields)
    replace(root, "cow/majors2016.csv", "\n".join(lines) + "\n")
    (problem,) = problems_for(root, tmp_path)
    assert problem.line == 4 and problem.column == "styear"
    assert "expected an integer, found 'eighteen-sixteen'" in str(problem)


def test_duplicate_key(tmp_path):
    root = mirror(tmp_path)
    lines = real_text("cow/trade_v4_state_year.csv.gz").splitlines()
    replace(root, "cow/trade_v4_state_year.csv.gz", "\n".join(lines[:3] + [lines[2]] + lines[3:]) + "\n")
    (problem,) = problems_for(root, tmp_path)
    assert "duplicate key (ccode=2, year=1871)" in str(problem) and problem.line == 4


def test_unknown_state_code(tmp_path):
    root = mirror(tmp_path)
    lines = real_text("rivalry/latent_territorial_threat.csv.gz").splitlines()
    lines[5] = "999" + lines[5][lines[5].index(",") :]
    replace(root, "rivalry/latent_territorial_threat.csv.gz", "\n".join(lines) + "\n")
    (problem,) = problems_for(root, tmp_path)
    assert "unknown state code 999" in str(problem) and problem.line == 6 and problem.column == "ccode"


def test_year_outside_coverage(tmp_path):
    root = mirror(tmp_path)
    lines = real_text("cow/trade_v4_state_year.csv.gz").splitlines()
    lines[1] = lines[1].replace("1870", "1850", 1)
    replace(root, "cow/trade_v4_state_year.csv.gz", "\n".join(lines) + "\n")
    (problem,) = problems_for(root, tmp_path)
    assert "year 1850 outside the source's coverage 1870-2014" in str(problem) and problem.line == 2


def test_truncated_gzip(tmp_path):
    root = mirror(tmp_path)
    data = (REAL / "cow/nmc_v7.csv.gz").read_bytes()
    target = root / "cow/nmc_v7.csv.gz"
    target.unlink()
    target.write_bytes(data[: len(data) // 2])
    (problem,) = problems_for(root, tmp_path)
    assert "nmc_v7.csv.gz" in str(problem) and "truncated or corrupt" in str(problem)


def test_empty_file_and_header_only(tmp_path):
    root = mirror(tmp_path)
    replace(root, "cow/majors2016.csv", "")
    replace(root, "geo/capitals.csv", "ccode,statenme,capital,stdate,enddate,lat,lng\n")
    problems = problems_for(root, tmp_path)
    assert any("majors2016.csv" in p.path and "empty" in p.what for p in problems)
    assert any("capitals.csv" in p.path and "no rows" in p.what for p in problems)


def test_ragged_row(tmp_path):
    root = mirror(tmp_path)
    lines = real_text("cow/majors2016.csv").splitlines()
    lines[2] = lines[2] + ",extra,fields"
    replace(root, "cow/majors2016.csv", "\n".join(lines) + "\n")
    (problem,) = problems_for(root, tmp_path)
    assert "majors2016.csv" in problem.path and "could not be parsed as CSV" in problem.what


def test_missing_files_name_where_they_are_published(tmp_path):
    with pytest.raises(DataMissingError) as caught:
        locate.data_dir(tmp_path)
    message = str(caught.value)
    assert "cow/nmc_v7.csv.gz" in message and "Correlates of War" in message and "atop.rice.edu" in message


def test_cli_prints_one_message_no_traceback(tmp_path):
    root = mirror(tmp_path)
    replace(root, "cow/majors2016.csv", "")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "alliancelab.cli",
            "data",
            "build",
            "--data",
            str(root),
            "--warehouse",
            str(tmp_path / "w.duckdb"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "majors2016.csv" in result.stderr and "empty" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# --- atomic builds ----------------------------------------------------------------------------------
def test_failed_build_leaves_previous_warehouse_intact(tmp_path, warehouse_path):
    target = tmp_path / "keep.duckdb"
    shutil.copy(warehouse_path, target)
    root = mirror(tmp_path)
    replace(root, "cow/majors2016.csv", "")
    with pytest.raises(DataValidationError):
        wh.build_warehouse(data=root, warehouse=target, force=True)
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM majors").fetchone()[0] == 14
    assert not list(tmp_path.glob(".keep.duckdb.*"))


def test_killed_build_leaves_previous_warehouse_intact(tmp_path, warehouse_path):
    target = tmp_path / "keep.duckdb"
    shutil.copy(warehouse_path, target)
    before = target.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "alliancelab.cli", "data", "build", "--force", "--warehouse", str(target)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 30
    while not list(tmp_path.glob(".keep.duckdb.*.building")) and time.time() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert target.read_bytes() == before


# --- every reader, one file at a time -----------------------------------------------------------------
@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_every_reader_reports_a_missing_column_and_an_empty_file(tmp_path, source):
    assert wh.check_source(source.name, REAL) == []  # the published file is sound
    root = mirror(tmp_path)
    header, _, rest = real_text(source.path).partition("\n")
    first = next(iter(source.columns))
    columns = header.split(",")
    columns[columns.index(first)] = first + "_renamed"
    replace(root, source.path, ",".join(columns) + "\n" + rest)
    (problem,) = wh.check_source(source.name, root)
    assert source.path in problem.path and problem.column == first and "missing column" in problem.what
    replace(root, source.path, "")
    (problem,) = wh.check_source(source.name, root)
    assert "empty" in problem.what


@pytest.mark.parametrize(
    "source", [s for s in SOURCES if any(k != "str" for k, _ in s.columns.values())], ids=lambda s: s.name
)
def test_every_reader_reports_a_wrong_type(tmp_path, source):
    root = mirror(tmp_path)
    header, _, rest = real_text(source.path).partition("\n")
    names = header.split(",")
    column = next(c for c, (kind, _) in source.columns.items() if kind != "str")
    lines = rest.split("\n")
    fields = lines[0].split(",")
    fields[names.index(column)] = "not-a-value"
    lines[0] = ",".join(fields)
    replace(root, source.path, header + "\n" + "\n".join(lines))
    problems = wh.check_source(source.name, root)
    assert any(p.line == 2 and p.column == column and "found 'not-a-value'" in p.what for p in problems), problems


def test_cli_check_names_the_problem(tmp_path):
    root = mirror(tmp_path)
    replace(root, "cow/majors2016.csv", "")
    result = subprocess.run(
        [sys.executable, "-m", "alliancelab.cli", "data", "check", "--data", str(root)], capture_output=True, text=True
    )
    assert result.returncode == 2 and "majors: 1 problem(s)" in result.stdout and "nmc: ok" in result.stdout
    assert "note: atop_members: accepted" in result.stdout  # documented acceptance, shown, not an error
    assert "majors2016.csv" in result.stderr and "Traceback" not in result.stderr


# --- impossible values are refused, one message each ---------------------------------------------------
def damaged(relative, line, column, value):
    """The real file with one cell (1-based line, named column) replaced by ``value``."""
    lines = real_text(relative).splitlines()
    names = lines[0].split(",")
    fields = lines[line - 1].split(",")
    fields[names.index(column)] = value
    lines[line - 1] = ",".join(fields)
    return "\n".join(lines) + "\n"


IMPOSSIBLE = [
    ("nmc", 3, "irst", "inf", "infinite value"),
    ("nmc", 4, "milper", "-12", "impossible value -12.0: expected a value in [0, ]"),
    ("nmc", 5, "cinc", "1.5", "impossible value 1.5: expected a value in [0, 1]"),
    ("majors", 4, "styear", "", "blank value: 'styear' may not be blank"),
    ("majors", 5, "endyear", "1800", "ends (1800) before it starts ('styear')"),
    ("majors", 3, "ccode", "nan", "expected an integer, found 'nan'"),
    ("majors", 3, "styear", "1e20", "expected an integer, found '1e20'"),
    ("capitals", 2, "lat", "200", "impossible value 200.0: expected a value in [-90, 90]"),
    ("polity", 6, "polity2", "50", "impossible value 50.0: expected a value in [-10, 10]"),
    ("atop_members", 7, "member", "", "blank value: 'member' may not be blank"),
    ("contiguity", 2, "enddate", "1800-01-01", "before it starts ('stdate')"),
    ("capitals", 3, "stdate", "-inf", "expected a date YYYY-MM-DD, found '-inf'"),
]


@pytest.mark.parametrize("name,line,column,value,message", IMPOSSIBLE, ids=lambda v: str(v)[:12])
def test_impossible_values_are_refused_with_one_message(tmp_path, name, line, column, value, message):
    source = next(s for s in SOURCES if s.name == name)
    root = mirror(tmp_path)
    replace(root, source.path, damaged(source.path, line, column, value))
    (problem,) = wh.check_source(name, root)
    assert message in problem.what and problem.line == line and problem.column == column
    assert source.path in problem.path


def load_one(root, name):
    """(table as DataFrame or None, problems) for one source read from ``root`` (states first)."""
    from alliancelab.data.sources import SOURCES_BY_NAME

    with duckdb.connect() as con:
        problems = wh._load_source(con, SOURCES_BY_NAME["states"], root, set())
        if problems or name == "states":
            return (None if problems else con.execute("SELECT * FROM states").df()), problems
        codes = {r[0] for r in con.execute("SELECT DISTINCT ccode FROM states").fetchall()}
        problems = wh._load_source(con, SOURCES_BY_NAME[name], root, codes)
        return (None if problems else con.execute(f"SELECT * FROM {name}").df()), problems


def test_nan_text_is_stored_as_missing_not_nan(tmp_path):
    root = mirror(tmp_path)
    replace(root, "cow/nmc_v7.csv.gz", damaged("cow/nmc_v7.csv.gz", 3, "cinc", "NaN"))
    table, problems = load_one(root, "nmc")
    assert problems == []
    assert table["cinc"].isna().sum() == 1 and not np_isnan_stored(root)


def np_isnan_stored(root):
    with duckdb.connect() as con:
        wh._load_source(con, next(s for s in SOURCES if s.name == "states"), root, set())
        codes = {r[0] for r in con.execute("SELECT DISTINCT ccode FROM states").fetchall()}
        wh._load_source(con, next(s for s in SOURCES if s.name == "nmc"), root, codes)
        return con.execute("SELECT count(*) FROM nmc WHERE isnan(cinc)").fetchone()[0] > 0


def test_unreadable_file_gives_one_message(tmp_path, monkeypatch):
    root = mirror(tmp_path)
    (root / "cow/majors2016.csv").unlink()
    (root / "cow/majors2016.csv").mkdir()
    assert "is not a file" in str(wh.check_source("majors", root)[0])
    with pytest.raises(DataMissingError, match="majors2016.csv"):
        wh.build_warehouse(data=root, warehouse=tmp_path / "wh.duckdb")
    real_sha = wh.sha256_of

    def denied(path):  # the tests run as root, so a permission error is simulated
        if str(path).endswith("nmc_v7.csv.gz"):
            raise PermissionError(13, "Permission denied")
        return real_sha(path)

    monkeypatch.setattr(wh, "sha256_of", denied)
    with pytest.raises(DataValidationError) as caught:
        wh.build_warehouse(data=REAL, warehouse=tmp_path / "wh.duckdb")
    (problem,) = caught.value.problems
    assert "nmc_v7.csv.gz" in problem.path and "cannot be read (Permission denied)" in problem.what


def test_damaged_state_list_reports_the_root_cause_only(tmp_path):
    root = mirror(tmp_path)
    replace(root, "cow/states2016.csv", damaged("cow/states2016.csv", 5, "ccode", "two"))
    problems = problems_for(root, tmp_path)
    assert len(problems) == 2
    assert "states2016.csv" in problems[0].path and problems[0].line == 5 and problems[0].column == "ccode"
    assert "not checked" in problems[1].what
    (first, second) = wh.check_source("nmc", root)
    assert "states2016.csv" in first.path and "not checked" in second.what


def test_alliance_members_outside_the_system_are_reported_as_accepted():
    notes = []
    assert wh.check_source("atop_members", REAL, notes) == []
    (note,) = notes
    assert "not a COW system member" in note and "accepted" in note


def test_missing_is_never_zero_in_any_column(con):
    """Every declared number column: a blank cell in the file is NULL in the warehouse, never 0."""
    checked = 0
    for source in SOURCES:
        if source.name in ("sipri_milex",):
            continue
        text = real_text(source.path)
        header, _, rest = text.partition("\n")
        names = header.split(",")
        table = con.execute(f"SELECT * FROM {source.name}").df()
        for column, (kind, _m) in source.columns.items():
            if kind not in ("int", "float") or column not in names:
                continue
            position = names.index(column)
            blanks = sum(
                1 for row in rest.splitlines()[:20000] if '"' not in row and row.split(",")[position].strip() == ""
            )
            if blanks:
                assert table[column].isna().sum() >= blanks, (source.name, column)
            checked += 1
    assert checked > 60


# --- property: damaged copies of every source file: tests/data/test_damage.py -------------------------


def test_status_shows_the_years_the_rows_touch(con):
    years = {r[0]: (r[1], r[2]) for r in con.execute("SELECT name, first_year, last_year FROM sources").fetchall()}
    assert years["states"] == (1816, 2016)  # spells end in 2016; the last entry is in 2011
    assert years["contiguity"] == (1816, 2016) and years["atop_members"] == (1815, 2016)
