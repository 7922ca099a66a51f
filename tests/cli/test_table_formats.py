"""Folder-writing commands write every table as csv, parquet, feather or Stata .dta, each with its sources."""

import pandas as pd
import pytest
from typer.testing import CliRunner

from alliancelab.cli import app
from alliancelab.files import read_sources


@pytest.mark.parametrize(
    "fmt, read",
    [("dta", pd.read_stata), ("parquet", pd.read_parquet), ("feather", pd.read_feather), ("csv", pd.read_csv)],
)
def test_detente_tables_in_every_format_with_sources(warehouse_path, tmp_path, monkeypatch, fmt, read):
    monkeypatch.setenv("ALLIANCELAB_WAREHOUSE", str(warehouse_path))
    out = CliRunner().invoke(
        app, ["detente", "--dyad", "United States:Soviet Union", "--out", str(tmp_path), "--format", fmt]
    )
    assert out.exit_code == 0, out.output
    for name in ("detente_periods", "detente_alliance_changes"):
        path = tmp_path / f"{name}.{fmt}"
        table = read(path)
        assert len(table) > 0 and "dyad" in table.columns
        cited = read_sources(path)
        assert any("Thompson" in c for c in cited) and any("State System" in c for c in cited)
    periods = read(tmp_path / f"detente_periods.{fmt}")
    assert (periods["dyad"] == 2365).all()  # USA-USSR: 2 * 1000 + 365


def test_an_unknown_format_is_refused_before_any_work(tmp_path):
    out = CliRunner().invoke(app, ["morrow", "--out", str(tmp_path), "--format", "xls"])
    assert out.exit_code == 2 and "argument --format='xls'" in out.output
    assert not list(tmp_path.iterdir())


def test_deterrence_statics_table_as_stata(tmp_path):
    out = CliRunner().invoke(
        app, ["deterrence", "statics", "power_third", "--steps", "4", "--out", str(tmp_path), "--format", "dta"]
    )
    assert out.exit_code == 0, out.output
    table = pd.read_stata(tmp_path / "statics_defender_power_third.dta")
    assert len(table) >= 4 and table.filter(like="power_third").shape[1] >= 1
