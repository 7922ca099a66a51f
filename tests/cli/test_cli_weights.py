"""The ``--weights`` option of the threat commands: hand-set, fitted (one gradient) or fitted_two (two gradients).

Each command is run for real; the fitted choices must change the numbers printed to those of the library called
with the same weights, and a bad value must exit 2 with one message naming the option.
"""

import re

import pytest
from typer.testing import CliRunner

from alliancelab.cli import app
from alliancelab.measures import threat
from alliancelab.theory.empirical import balancing

runner = CliRunner()


def _counts(output):
    """(label agreements, label + threat agreements, cases) printed by ``alignments validate``."""
    found = re.search(r"label agreement \S+ \((\d+)/(\d+)\), label \+ threat \S+ \((\d+)/\d+\)", output)
    assert found, output
    return int(found[1]), int(found[3]), int(found[2])


def _library_counts(weights):
    result = balancing.validate(balancing.classify(weights=weights))
    return int(result.cases["agree_label"].sum()), int(result.cases["agree_threat"].sum()), result.n


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["alignments", "validate", "--weights", "nope"], "argument --weights='nope': expected handset, fitted"),
        (["alignments", "validate", "--weights", "fitted", "--form", "additive"], "expected --form projected"),
        (["alignments", "validate", "--fitted-weights", "--weights", "fitted_two"], "give one"),
        (["classify", "--weights", "fitted_two", "--form", "estimated"], "weights='fitted_two' with --form estimated"),
        (["classify", "--weights", "power"], "argument --weights='power'"),
        (["measures", "top-threats", "1892", "RUS", "--weights", "fitted"], "expected --form projected"),
        (["measures", "top-threats", "1892", "RUS", "--form", "projected", "--weights", "power=x"], "NAME=NUMBER"),
        (["measures", "validate-threat", "--projected", "three"], "argument --projected='three'"),
    ],
)
def test_a_bad_weights_value_exits_2_naming_it(warehouse_path, args, expected):
    result = runner.invoke(app, args + ([] if args[0] != "measures" else ["--warehouse", str(warehouse_path)]))
    assert result.exit_code == 2, result.output
    assert expected in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_alignments_validate_weights_choose_the_fitted_forms(warehouse_path):
    handset = runner.invoke(app, ["alignments", "validate", "--weights", "handset"])
    two = runner.invoke(app, ["alignments", "validate", "--weights", "fitted_two"])
    assert handset.exit_code == 0 and two.exit_code == 0, handset.output + two.output
    assert _counts(handset.output) == _library_counts(None)
    assert _counts(two.output) == _library_counts("fitted_two")
    assert _counts(two.output) != _counts(handset.output)  # the option reaches the classification


def test_fitted_weights_flag_is_kept_as_weights_fitted(warehouse_path):
    old = runner.invoke(app, ["alignments", "validate", "--fitted-weights"])
    new = runner.invoke(app, ["alignments", "validate", "--weights", "fitted"])
    assert old.exit_code == 0 and new.exit_code == 0, old.output + new.output
    assert "--fitted-weights is the same as --weights fitted" in old.output
    assert _counts(old.output) == _counts(new.output) == _library_counts("fitted")


def test_classify_case_with_two_gradient_weights(warehouse_path):
    result = runner.invoke(app, ["classify", "--case", "3285:310", "--no-famous", "--weights", "fitted_two"])
    assert result.exit_code == 0, result.output
    row = balancing.case(balancing.classify(weights="fitted_two"), 3285, 310).iloc[0]
    assert f"{row['alignment']} {row['alignment_threat_abb']}" in result.output


@pytest.mark.parametrize("weights", ["fitted", "fitted_two"])
def test_top_threats_with_fitted_weights_prints_the_fitted_ranking(warehouse_path, weights):
    args = ["measures", "top-threats", "1892", "RUS", "--k", "3", "--form", "projected", "--weights", weights]
    result = runner.invoke(app, args + ["--warehouse", str(warehouse_path)])
    assert result.exit_code == 0, result.output
    assert f"{weights} weights" in " ".join(result.output.split())
    top = threat.top_threats(1892, 365, k=3, weights=weights, form="projected", warehouse=warehouse_path)
    handset = threat.top_threats(1892, 365, k=3, form="projected", warehouse=warehouse_path)
    assert top["threat"].iloc[0] != pytest.approx(handset["threat"].iloc[0], abs=1e-3)
    for value in top["threat"]:
        assert f"{value:.3f}" in result.output


def test_top_threat_components_are_read_at_the_fitted_gradient(warehouse_path):
    fit = threat.load_projected_fit()
    scores = threat.threat_scores(1892, 1892, weights="fitted", form="projected", warehouse=warehouse_path)
    at_fit = threat.threat_scores(
        1892, 1892, weights=fit.weights, form="projected", warehouse=warehouse_path, **fit.params()
    )
    assert scores["threat"].to_numpy() == pytest.approx(at_fit["threat"].to_numpy(), nan_ok=True)
    assert scores["proximity"].to_numpy() == pytest.approx(at_fit["proximity"].to_numpy(), nan_ok=True)


def test_validate_threat_scores_the_projected_fit_out_of_sample(warehouse_path):
    args = ["measures", "validate-threat", "--folds", "2", "--boot", "20", "--projected", "fitted"]
    result = runner.invoke(app, args + ["--warehouse", str(warehouse_path)])
    assert result.exit_code == 0, result.output
    assert "Projected form, weights=fitted" in " ".join(result.output.split())


def test_the_cli_knows_every_fitted_parameter_set_of_the_threat_package():
    from alliancelab.cli._weights import FITTED_WEIGHTS
    from alliancelab.measures.threat import FITTED_CHOICES

    assert tuple(FITTED_WEIGHTS) == tuple(FITTED_CHOICES)
