"""The figures package: its layer (no computing module imported) and figures drawn from given results."""

import importlib
import subprocess
import sys

import pandas as pd
import pytest

AREAS = (
    "alignment",
    "deterrence",
    "embedded",
    "geopolitics",
    "landscape",
    "network",
    "prediction",
    "record",
    "security_dilemma",
    "similarity",
    "simulation",
    "threat",
)


def test_figures_import_no_measure_theory_or_simulation_module():
    code = (
        "import sys, importlib\n"
        f"for area in {AREAS!r}: importlib.import_module('alliancelab.figures.' + area)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('alliancelab.theory', 'alliancelab.measures',"
        " 'alliancelab.sim', 'alliancelab.predict', 'alliancelab.data.warehouse')))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    "module, names",
    [
        ("alliancelab.theory.formal.deterrence", ("solve", "DeterrenceParams", "comparative_statics", "plot_statics")),
        ("alliancelab.measures.similarity", ("dyad_similarity", "signorino_ritter_s", "crosstabs", "MEASURES")),
        ("alliancelab.theory.embedded.loglinear", ("contingency_table", "fit_model", "select_model", "describe")),
    ],
)
def test_split_packages_export_every_name_in_all(module, names):
    package = importlib.import_module(module)
    assert set(names) <= set(package.__all__)
    assert all(hasattr(package, name) for name in package.__all__)


def test_pair_similarity_draws_the_given_data_with_gaps(tmp_path):
    from alliancelab.figures import pair_similarity

    data = pd.DataFrame(
        {
            "year": [1950, 1951, 1953, 1950, 1951],
            "pair": ["A-B"] * 3 + ["A-C"] * 2,
            "s_unweighted": [0.5, 0.6, -0.2, 0.1, 0.0],
        }
    )
    html, png = pair_similarity(data, "s_unweighted", tmp_path / "pairs", 1950, 1953, "S")
    assert html.read_text().count('"name":"A-') == 2 and png.stat().st_size > 1000


def test_deterrence_statics_from_a_frame(tmp_path):
    from alliancelab.figures import deterrence_statics

    frame = pd.DataFrame(
        {
            "benefit_third": [0.5, 1.0, 1.0],
            "kind": ["pure", "pure", "mixed"],
            "p_challenge": [0.2, 0.3, 0.4],
            "p_war": [0.0, 0.1, 0.2],
        }
    )
    html, png = deterrence_statics(frame, "benefit_third", tmp_path / "statics", outcomes=("p_challenge", "p_war"))
    assert html.exists() and png.exists()
    with pytest.raises(KeyError):
        deterrence_statics(frame, "benefit_third", tmp_path / "bad", outcomes=("p_missing",))


def test_threat_validation_draws_one_evaluation(tmp_path):
    from alliancelab.figures.threat import threat_validation

    rows = []
    for evaluation in ("leave_alliance_out", "in_sample"):
        for scorer in ("additive", "estimated"):
            rows.append(
                {
                    "evaluation": evaluation,
                    "scorer": scorer,
                    "cases": 12,
                    "top1": 0.5,
                    "top1_low": 0.3,
                    "top1_high": 0.7,
                    "top3": 0.8,
                    "top3_low": 0.6,
                    "top3_high": 0.9,
                }
            )
    html, png = threat_validation(pd.DataFrame(rows), tmp_path / "validation", sources=("COW NMC 6.0",))
    text = html.read_text()
    assert "12 cases" in text and "COW NMC 6.0" in text and png.stat().st_size > 1000


def test_kaplan_meier_draws_every_given_curve(tmp_path):
    from alliancelab.figures.alignment import kaplan_meier

    curve = pd.DataFrame(
        {"time": [0, 5, 10], "survival": [1.0, 0.7, 0.4], "ci_low": [1.0, 0.6, 0.3], "ci_high": [1.0, 0.8, 0.5]}
    )
    html, png = kaplan_meier({"symmetric": curve, "asymmetric": curve}, {"1": curve}, tmp_path / "km")
    text = html.read_text()
    assert all(f'"name":"{group}"' in text for group in ("symmetric", "asymmetric", "1")) and png.exists()


def test_prediction_figures_from_given_tables(tmp_path):
    from alliancelab.figures import prediction

    curve = pd.DataFrame({"recall": [0.0, 0.5, 1.0], "precision": [1.0, 0.2, 0.01]})
    html, png = prediction.precision_recall({"logit (PR-AUC 0.123)": curve}, 0.01, "onset", tmp_path / "pr")
    assert "PR-AUC 0.123" in html.read_text() and png.exists()
    bins = pd.DataFrame({"model": ["logit", "logit"], "mean_predicted": [0.001, 0.05], "observed": [0.002, 0.04]})
    html, png = prediction.calibration(bins, "onset", tmp_path / "calibration")
    assert "Calibration on the holdout (onset)" in html.read_text() and png.exists()
    table = pd.DataFrame(
        {
            "variant": ["all", "without power"],
            "pr_auc": [0.1, 0.08],
            "pr_auc_low": [0.08, 0.06],
            "pr_auc_high": [0.12, 0.1],
        }
    )
    html, png = prediction.ablation(table, tmp_path / "ablation")
    assert "without power" in html.read_text() and png.exists()
