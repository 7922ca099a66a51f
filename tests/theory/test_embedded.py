"""Embedded patterns applied: ATOP 4.01 founding characteristics, the firm example, the mosaic and the CLI."""

import pandas as pd
import pytest
from typer.testing import CliRunner

from alliancelab.cli import app
from alliancelab.theory.embedded import atop, firms, plots
from alliancelab.theory.embedded import loglinear as ll

runner = CliRunner()


@pytest.fixture(scope="module")
def characteristics(warehouse_path):
    return atop.alliance_characteristics(warehouse_path)


@pytest.fixture(scope="module")
def embedded(characteristics):
    return atop.embeddedness(characteristics=characteristics, draws=19)


def test_characteristics_follow_the_atop_codes(characteristics):
    c = characteristics
    assert len(c) == 745 and c["atopid"].is_unique  # ATOP 4.01 alliance-level file
    # our "command/bases" class is ATOP's high military institutionalisation (Leeds & Anac 2005: milinst = 2)
    assert (c.loc[c["institutions"] == "command/bases", "milinst"] == 2).all()
    assert (c.loc[c["milinst"] == 0, "institutions"] != "command/bases").all()
    assert (c["wartime"] == "wartime").sum() == 67  # ATOP wartime = 1
    # missing stays missing: capability unknown where a founding member has no CINC
    assert c["capability"].isna().sum() == c["cap_share_largest"].isna().sum() > 0
    assert set(c["era"].dropna()) == set(atop.ERA_LABELS)


def test_founding_characteristics_are_embedded(embedded):
    result = embedded
    fits = result.models.set_index("model")
    indep = fits.loc[ll.model_name(ll.independence(atop.FACTORS))]
    assert indep["p_G2"] < 1e-20  # independence of the five characteristics is rejected
    assert result.partial.loc[result.partial["order"] == 2, "p"].iloc[0] < 1e-20
    best = result.backward.best
    assert best.p_g2 > 0.05 and any(len(t) >= 2 for t in best.generating_class)
    assert result.forward.best.model == best.model  # both directions meet
    # the defense pact with integrated command or bases in a dominated bilateral alliance is a dominant pattern
    top = result.description.dominant["configuration"].tolist()
    assert (
        "obligation=defense/offense, institutions=command/bases, capability=dominated, wartime=peacetime, "
        "members=bilateral"
    ) in top
    assert result.n_alliances + result.n_dropped == 745


def test_era_change_reports_both_comparisons(characteristics, embedded):
    result = embedded
    change = atop.era_change(result.backward.best.generating_class, characteristics=characteristics)
    assert list(change.tests["test"]) == ["era shifts the one-way margins", "era changes the associations"]
    assert change.tests.loc[0, "p"] < 1e-10  # the mix of alliance kinds differs across eras
    assert set(change.selected["era"]) == set(atop.ERA_LABELS)
    assert change.selected["alliances"].sum() == result.n_alliances
    patterns = change.patterns.set_index(["era", "pattern"])
    assert (patterns.xs("dominance", level="pattern")["ratio"] > 1).all()  # over-represented in every era
    assert (
        patterns.loc[("all eras", "dominance"), "observed"]
        == patterns.xs("dominance", level="pattern").drop("all eras")["observed"].sum()
    )


def test_firm_example_keeps_the_published_margins_and_recovers_its_patterns():
    t = firms.example_table()
    assert t.total == 762
    shares = t.cells.groupby("form", observed=True)["count"].sum() / 762
    published = pd.Series(firms.CATI_MARGINS["form"]) / 762
    assert (shares - published.reindex(shares.index)).abs().max() < 0.05
    assert "SIMULATED" in t.sources[0]
    best = ll.select_model(t).best
    assert best.model == "area*flow*form"  # the simulated three-way pattern is found
    top = ll.describe(t, best).dominant["configuration"].head(3).tolist()
    assert "area=autos, flow=unidirectional, form=joint venture" in top
    assert "area=semiconductors, flow=reciprocal, form=technical agreement" in top


def test_mosaic_writes_html_and_png(tmp_path):
    t = firms.example_table()
    html, png = plots.mosaic(ll.describe(t, "area*flow*form"), tmp_path / "m", sources=t.sources)
    assert html.exists() and png.exists() and png.stat().st_size > 10_000
    tiles, factors = plots.mosaic_tiles(ll.describe(t, "area*flow*form"))
    area = sum((x["x1"] - x["x0"]) * (x["y1"] - x["y0"]) for x in tiles)
    assert len(tiles) == 24 and 0.85 < area <= 1.0  # tiles fill the square apart from the gaps


def test_cli_loglinear_on_a_file(tmp_path):
    frame = pd.DataFrame(
        {"form": ["jv", "jv", "ta", "ta", "sc", "sc"] * 20, "flow": ["one", "two", "two", "two", "one", "one"] * 20}
    )
    path = tmp_path / "alliances.csv"
    frame.to_csv(path, index=False)
    result = runner.invoke(app, ["loglinear", str(path), "--factors", "form", "flow", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "selected" in result.output and (tmp_path / "o" / "alliances_models.csv").exists()
    bad = pd.DataFrame({"form": ["jv", "ta"], "flow": ["one", "one"]})
    bad.to_csv(tmp_path / "bad.csv", index=False)
    result = runner.invoke(app, ["loglinear", str(tmp_path / "bad.csv"), "--factors", "form,flow"])
    assert result.exit_code == 2 and "single level" in result.output


def test_cli_embedded_atop(warehouse_path, tmp_path):
    result = runner.invoke(
        app, ["embedded", "atop", "--monte-carlo", "19", "--out", str(tmp_path), "--warehouse", str(warehouse_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "atop_era_tests.csv").exists() and (tmp_path / "atop_mosaic.png").exists()


def test_docs_python_examples_run(tmp_path, monkeypatch):
    import re
    from pathlib import Path

    monkeypatch.chdir(tmp_path)  # the example writes the CSV files its commands read
    text = (Path(__file__).resolve().parents[2] / "docs" / "embedded.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/embedded.md", "exec"), {})


def test_cli_structural_zero_and_given_model(tmp_path):
    table = pd.DataFrame(
        {"a": ["x", "x", "y", "y", "z", "z"], "b": ["u", "v", "u", "v", "u", "v"], "n": [0, 25, 30, 12, 18, 22]}
    )
    path = tmp_path / "counts.csv"
    table.to_csv(path, index=False)
    result = runner.invoke(
        app,
        [
            "loglinear",
            str(path),
            "--factors",
            "a",
            "b",
            "--weights",
            "n",
            "--structural-zero",
            "a=x,b=u",
            "--model",
            "a + b",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "df = 1" in result.output  # (3-1)(2-1) = 2, minus one structural zero
