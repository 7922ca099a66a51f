"""The predict commands: a ranked list for a year, and one-line errors."""

from typer.testing import CliRunner

from alliancelab.cli import app

runner = CliRunner()


def test_predict_year_lists_pairs(warehouse_path, tmp_path):
    out = tmp_path / "ranking.csv"
    result = runner.invoke(
        app,
        [
            "predict",
            "year",
            "1949",
            "--top",
            "5",
            "--model",
            "network",
            "--out",
            str(out),
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Most likely new alliances in 1949" in result.output and "network" in result.output
    assert out.exists() and len(out.read_text().splitlines()) == 6


def test_predict_errors_are_one_line(warehouse_path):
    result = runner.invoke(app, ["predict", "year", "1700", "--warehouse", str(warehouse_path)])
    assert result.exit_code == 2 and "year" in result.output
    result = runner.invoke(app, ["predict", "year", "1990", "--model", "svm", "--warehouse", str(warehouse_path)])
    assert result.exit_code == 2 and "model" in result.output


def test_predict_year_contributions_per_feature(warehouse_path):
    result = runner.invoke(
        app,
        [
            "predict",
            "year",
            "1949",
            "--top",
            "3",
            "--model",
            "baseline",
            "--by",
            "feature",
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "capdist_log" in result.output and "each feature feature's" not in result.output


def test_predict_evaluate_refuses_an_unknown_format_before_any_work(tmp_path):
    result = runner.invoke(app, ["predict", "evaluate", "--format", "xlsx", "--out", str(tmp_path / "p")])
    assert result.exit_code == 2 and "--format" in result.output and "parquet" in result.output
    assert not (tmp_path / "p").exists()


def test_evaluation_tables_in_every_format_with_their_sources(tmp_path):
    import pandas as pd
    import pytest

    from alliancelab.errors import ParameterError
    from alliancelab.files import sources_path
    from alliancelab.predict.evaluation import EVALUATION_TABLES, Evaluation, write_evaluation_tables

    frames = {
        name: pd.DataFrame({"model": ["baseline", "boosting"], "pr_auc": [0.1 + i / 10, 0.2]})
        for i, name in enumerate(EVALUATION_TABLES)
    }
    evaluation = Evaluation(
        target="onset_any", holdout_predictions=pd.DataFrame(), sources=["ATOP 4.01 (test)"], **frames
    )
    for fmt, read in (
        ("csv", pd.read_csv),
        ("parquet", pd.read_parquet),
        ("feather", pd.read_feather),
        ("dta", pd.read_stata),
    ):
        paths = write_evaluation_tables(evaluation, tmp_path / fmt, fmt)
        assert [p.name for p in paths] == [f"prediction_{name}.{fmt}" for name in EVALUATION_TABLES]
        for name, path in zip(EVALUATION_TABLES, paths):
            back = read(path)
            assert back["pr_auc"].tolist() == pytest.approx(frames[name]["pr_auc"].tolist(), rel=1e-12)
            assert sources_path(path).read_text() == "ATOP 4.01 (test)\n"
    with pytest.raises(ParameterError, match="fmt"):
        write_evaluation_tables(evaluation, tmp_path, "xlsx")


def test_evaluation_figures_draw_the_evaluation_without_refitting(tmp_path):
    import numpy as np
    import pandas as pd

    from alliancelab.predict.evaluation import Evaluation, plot_ablation, plot_calibration, plot_precision_recall

    rng = np.random.default_rng(0)
    y = (rng.random(400) < 0.1).astype(int)
    predictions = pd.DataFrame({"ccode1": 2, "ccode2": 200, "year": 2000, "y": y, "logit": y * 0.3 + rng.random(400)})
    calibration = pd.DataFrame({"model": ["logit"] * 2, "mean_predicted": [0.05, 0.3], "observed": [0.04, 0.35]})
    ablation = pd.DataFrame(
        {
            "variant": ["all", "alone: power"],
            "pr_auc": [0.3, 0.2],
            "pr_auc_low": [0.25, 0.15],
            "pr_auc_high": [0.35, 0.25],
        }
    )
    evaluation = Evaluation(
        target="onset_any",
        holdout_predictions=predictions,
        rolling=pd.DataFrame(),
        holdout=pd.DataFrame(),
        calibration=calibration,
        ablation=ablation,
        other_targets=pd.DataFrame(),
        sources=["ATOP 4.01 (test)"],
    )
    html, png = plot_precision_recall(evaluation, tmp_path / "pr")
    text = html.read_text()
    assert "logit (PR-AUC" in text and f"base rate {y.mean():.4f}" in text and png.exists()
    for plot, stem in ((plot_calibration, "calibration"), (plot_ablation, "ablation")):
        html, png = plot(evaluation, tmp_path / stem)
        assert html.stat().st_size > 1000 and png.stat().st_size > 1000
