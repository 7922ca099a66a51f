"""The figures package: its layer (no computing module imported) and figures drawn from given results."""

import importlib
import subprocess
import sys

import pandas as pd
import pytest

AREAS = (
    "deterrence",
    "embedded",
    "geopolitics",
    "landscape",
    "network",
    "record",
    "security_dilemma",
    "similarity",
    "simulation",
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
