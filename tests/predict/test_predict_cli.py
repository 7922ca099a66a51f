"""The predict commands: a ranked list for a year, and one-line errors."""

from typer.testing import CliRunner

from alliancelab.cli import app

runner = CliRunner()


def test_predict_year_lists_pairs(warehouse_path, tmp_path):
    out = tmp_path / "ranking.csv"
    result = runner.invoke(app, ["predict", "year", "1949", "--top", "5", "--model", "network", "--out", str(out),
                                 "--warehouse", str(warehouse_path)])
    assert result.exit_code == 0, result.output
    assert "Most likely new alliances in 1949" in result.output and "network" in result.output
    assert out.exists() and len(out.read_text().splitlines()) == 6


def test_predict_errors_are_one_line(warehouse_path):
    result = runner.invoke(app, ["predict", "year", "1700", "--warehouse", str(warehouse_path)])
    assert result.exit_code == 2 and "year" in result.output
    result = runner.invoke(app, ["predict", "year", "1990", "--model", "svm", "--warehouse", str(warehouse_path)])
    assert result.exit_code == 2 and "model" in result.output


def test_predict_year_contributions_per_feature(warehouse_path):
    result = runner.invoke(app, ["predict", "year", "1949", "--top", "3", "--model", "baseline", "--by", "feature",
                                 "--warehouse", str(warehouse_path)])
    assert result.exit_code == 0, result.output
    assert "capdist_log" in result.output and "each feature feature's" not in result.output
