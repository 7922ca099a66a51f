"""Output files: atomic, mode-preserving, sources written first, clear errors for bad paths."""

import os
import stat
import time

import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.files import PART_SUFFIX, atomic_path, clean_stale_parts, read_sources, write_table, write_text

FRAME = pd.DataFrame({"ccode": [2, 200], "name": ["USA", None], "cinc": [0.25, float("nan")]})
SOURCES = ["COW Project 2017, State System Membership v2016", "Singer, Bremer & Stuckey 1972"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".feather", ".dta"])
def test_every_table_format_round_trips_with_its_sources(tmp_path, suffix):
    path = write_table(FRAME, tmp_path / f"table{suffix}", sources=SOURCES)
    reader = {".csv": pd.read_csv, ".parquet": pd.read_parquet, ".feather": pd.read_feather, ".dta": pd.read_stata}[
        suffix
    ]
    back = reader(path)
    assert back["ccode"].tolist() == [2, 200]
    assert back["cinc"].iloc[0] == 0.25 and pd.isna(back["cinc"].iloc[1])  # missing stays missing
    assert read_sources(path) == SOURCES
    assert not list(tmp_path.glob(f"*{PART_SUFFIX}"))


@pytest.mark.parametrize("suffix", [".parquet", ".feather"])
def test_arrow_files_carry_their_sources_without_the_sidecar(tmp_path, suffix):
    path = write_table(FRAME, tmp_path / f"t{suffix}", sources=SOURCES)
    (tmp_path / f"t{suffix}.sources.txt").unlink()
    assert read_sources(path) == SOURCES


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "private.csv"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    write_table(FRAME, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("ccode,name,cinc")


def test_a_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        path = write_text(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("precious")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("killed")
    assert target.read_text() == "precious"
    assert not list(tmp_path.glob(f"*{PART_SUFFIX}"))


@pytest.mark.parametrize("bad", ["", "   "])
def test_an_empty_path_is_refused(bad):
    with pytest.raises(ParameterError, match="empty path"):
        write_text(bad, "x")


def test_a_folder_as_target_is_refused(tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(ParameterError, match="is a folder"):
        write_table(FRAME, folder, sources=SOURCES)


def test_a_path_under_a_regular_file_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ParameterError, match="cannot create folder"):
        write_text(blocker / "out.txt", "x")


def test_an_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(ParameterError, match=r"\.csv, \.parquet, \.feather, \.dta"):
        write_table(FRAME, tmp_path / "t.xlsx")


def test_stale_parts_of_our_own_naming_are_cleaned_and_nothing_else(tmp_path):
    ours = tmp_path / f".alliancelab.duckdb.abc{PART_SUFFIX}"
    fresh = tmp_path / f".other.def{PART_SUFFIX}"
    theirs = tmp_path / ".someone-elses.part"
    for path in (ours, fresh, theirs):
        path.write_text("x")
    old = time.time() - 7200
    os.utime(ours, (old, old))
    os.utime(theirs, (old, old))
    assert clean_stale_parts(tmp_path, older_than_s=3600) == [ours]
    assert fresh.exists() and theirs.exists() and not ours.exists()


def test_check_output_refuses_bad_targets_before_any_work_and_leaves_nothing(tmp_path):
    import os

    from alliancelab.errors import ParameterError
    from alliancelab.files import check_output

    assert check_output(tmp_path / "new" / "deep" / "t.csv", "--out") == tmp_path / "new" / "deep" / "t.csv"
    assert not (tmp_path / "new").exists(), "checking creates no folder"
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "plain").write_text("x")
    for bad, words in [
        ("", "empty path"),
        (" ", "empty path"),
        (tmp_path / "folder.csv", "is a folder"),
        (tmp_path / "plain" / "t.csv", "is a file, not a folder"),
    ]:
        with pytest.raises(ParameterError, match=f"argument --out=.*{words}"):
            check_output(bad, "--out")
    if os.geteuid() == 0:
        with pytest.raises(ParameterError, match="cannot write in /sys"):
            check_output("/sys/t.csv", "--out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.csv", "plain"]


def test_number_lists_and_ranges_refuse_text_nan_and_infinity():
    from alliancelab.errors import ParameterError, check_range, parse_numbers

    assert parse_numbers("106, 108 110", "--wars", int) == (106, 108, 110)
    assert parse_numbers("0.5,2", "--x") == (0.5, 2.0)
    for text in ("abc", "1,x", "nan", "inf"):
        with pytest.raises(ParameterError, match="argument --wars"):
            parse_numbers(text, "--wars", float if text in ("nan", "inf") else int)
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ParameterError, match="argument x="):
            check_range("x", value, 0, None)
    assert check_range("x", float("inf"), 0, float("inf")) == float("inf")
