"""The command line: report, measures and data status, and one-line errors."""

import os
import subprocess
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from alliancelab.cli import app

runner = CliRunner()


def test_report_command_writes_markdown(warehouse_path, tmp_path):
    result = runner.invoke(app, ["report", "1894", "--out", str(tmp_path / "r.md"), "--warehouse", str(warehouse_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "r.md").read_text()
    assert "FRN RUS" in text and "Sources" in text


def test_measures_structure_and_top_threats(warehouse_path, tmp_path):
    out = tmp_path / "s.csv"
    result = runner.invoke(
        app,
        [
            "measures",
            "structure",
            "--start",
            "1900",
            "--end",
            "1910",
            "--out",
            str(out),
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(out)) == 11
    result = runner.invoke(
        app, ["measures", "top-threats", "1913", "FRN", "--k", "3", "--warehouse", str(warehouse_path)]
    )
    assert result.exit_code == 0 and "GMY" in result.output


def test_data_status(warehouse_path):
    result = runner.invoke(app, ["data", "status", "--warehouse", str(warehouse_path)])
    assert result.exit_code == 0 and "atop_dyads" in result.output


def test_bad_arguments_give_one_message(warehouse_path):
    for args in (
        ["report", "1700"],
        ["measures", "top-threats", "1913", "ZZZ"],
        ["measures", "threat", "--start", "1900", "--end", "1900", "--out", "x.txt"],
        ["measures", "threat", "--weights", "power:1", "--out", "x.csv"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "alliancelab.cli", *args, "--warehouse", str(warehouse_path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2, (args, result.stderr)
        assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_measures_similarity_network_and_plots(warehouse_path, tmp_path):
    out = tmp_path / "sim.parquet"
    result = runner.invoke(
        app,
        [
            "measures",
            "similarity",
            "--start",
            "1914",
            "--end",
            "1914",
            "--out",
            str(out),
            "--measures",
            "s_unweighted,s_weighted",
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert len(frame) == 45 * 44 // 2 and {"s_unweighted", "s_weighted"} <= set(frame.columns)
    assert (tmp_path / "sim.parquet.sources.txt").read_text().count("ATOP") >= 1
    result = runner.invoke(
        app,
        [
            "measures",
            "network",
            "--start",
            "1914",
            "--end",
            "1914",
            "--out",
            str(tmp_path / "net.csv"),
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(tmp_path / "net.csv")) == 45
    result = runner.invoke(
        app,
        [
            "measures",
            "plots",
            "--out-dir",
            str(tmp_path / "plots"),
            "--pairs",
            "USA-RUS",
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    for stem in ("concentration", "polarity", "threat_map_1913", "similarity_pairs"):
        assert (tmp_path / "plots" / f"{stem}.png").stat().st_size > 1000
        assert (tmp_path / "plots" / f"{stem}.html").exists()


@pytest.mark.parametrize(
    "args, words",
    [
        (["detente", "--dyad", "abc"], "argument --dyad='abc'"),
        (["classify", "--case", "abc"], "expected ATOPID:CCODE"),
        (["profile", "", "USA"], "not a COW state code, abbreviation or name"),
        (["measures", "threat", "--start", "1990", "--end", "1980", "--out", "x.parquet"], "expected start <= end"),
        (["burden", "--start", "3000"], "argument --start=3000"),
        (["burden-model", "--incomes", "a,b"], "argument --incomes: 'a' is not a number"),
        (["simulate", "run", "--strategy", "balance=nan", "--states", "5", "--steps", "2"], "must be a finite number"),
    ],
)
def test_bad_arguments_reported_by_users_give_one_message(warehouse_path, tmp_path, args, words):
    env = dict(os.environ, ALLIANCELAB_WAREHOUSE=str(warehouse_path))
    done = subprocess.run(
        [sys.executable, "-m", "alliancelab.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert words in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir()), "nothing may be written for a refused command"
