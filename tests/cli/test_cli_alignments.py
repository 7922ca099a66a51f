"""``alliancelab classify --case`` and ``alliancelab alignments validate``."""

from typer.testing import CliRunner

from alliancelab.cli import app

runner = CliRunner()


def test_classify_case_prints_the_alignment_and_its_reason(warehouse_path):
    result = runner.invoke(app, ["classify", "--case", "3285:310", "--no-famous"])
    assert result.exit_code == 0, result.output
    assert "coerced RUS" in result.output and "because:" in result.output
    bad = runner.invoke(app, ["classify", "--case", "3285-310", "--no-famous"])
    assert bad.exit_code == 2 and "ATOPID:CCODE" in bad.output


def test_alignments_validate_prints_agreement_and_disagreements(warehouse_path, tmp_path):
    result = runner.invoke(app, ["alignments", "validate", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "label agreement" in result.output and "disagreements" in result.output
    assert (tmp_path / "alignment_validation.csv").exists()
