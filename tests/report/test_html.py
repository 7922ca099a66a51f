"""The shareable report: one self-contained page (no remote script), with the 1914 facts, and the
command's default year."""

import re

import pytest

from alliancelab.report import html as shareable


@pytest.fixture(scope="module")
def page_1914(warehouse_path):
    result = shareable.build(1914, warehouse=warehouse_path)
    return result, str(shareable.to_html(result, warehouse=warehouse_path))


def test_the_page_is_self_contained(page_1914):
    _, page = page_1914
    assert not re.search(r"<script[^>]+src=", page), "a script is loaded from elsewhere"
    assert not re.search(r"<link[^>]+href=\"https?:", page)
    assert "cdn.plot.ly" not in page.split("</script>", 1)[1]  # outside the embedded plotly.js itself
    assert page.count("Plotly.newPlot") >= 2 and "@media print" in page
    ids = re.findall(r' id="([^"]+)"', page.split("</head>", 1)[1])
    assert len(ids) == len(set(ids)), "element ids clash (a figure would be drawn into a section)"


def test_1914_sections_and_facts(page_1914):
    result, page = page_1914
    for section in (
        "structure",
        "capabilities",
        "network",
        "threats",
        "alliances",
        "landscape",
        "burden",
        "detente",
        "sources",
    ):
        assert f'<section id="{section}">' in page
    assert "<td>GMY AUH ITA</td>" in page  # Triple Alliance (ATOP 1350) in force
    assert "<td>FRN RUS</td>" in page  # Franco-Russian alliance (ATOP 1385)
    germany = next(c for c in result.camps if c["leader_abb"] == "GMY")
    assert {"GMY", "AUH", "ITA"} <= set(germany["members"].split())
    assert int(result.yearly.structure["majors"]) == 8  # COW: UKG FRN GMY AUH ITA RUS USA JPN
    assert "Germany" in page and "Russia" in page
    assert set(result.decisions["year"]) <= {1914}
    if len(result.decisions):
        assert set(result.decisions["label"]) <= {"balancing", "bandwagoning", "neither"}
        assert all(reason for reason in result.decisions["reason"])
    camps = result.landscape.set_index("state")["predicted camp"]
    assert camps["GMY"] == camps["AUH"] == camps["ITA"] != camps["FRN"] == camps["RUS"] == camps["UKG"]
    right, scored = result.landscape_score
    assert scored == 7 and right == 7  # the seven majors in a bloc with another major, all placed as observed
    assert "Correlates of War" in page or "COW" in page
    assert "ATOP" in page.split('<section id="sources">')[1]


def test_report_command_writes_the_html_and_defaults_to_the_latest_year(warehouse_path, tmp_path):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    assert shareable.latest_year(warehouse_path) == 2016
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        app, ["report", "2016", "--html", str(out), "--no-detente", "--warehouse", str(warehouse_path)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "The alliance system in 2016" in text and '<section id="detente">' not in text
    bad = CliRunner().invoke(app, ["report", "1700", "--html", str(out), "--warehouse", str(warehouse_path)])
    assert bad.exit_code == 2 and "year=1700" in bad.output
