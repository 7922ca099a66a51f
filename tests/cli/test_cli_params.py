"""The commands build the parameter dataclasses: a bad value exits 2 naming the parameter, before any work."""

import pytest
from typer.testing import CliRunner

from alliancelab.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "args, expected",
    [
        (["detente", "--window", "0"], "parameter window=0: expected a value in [1, 30]"),
        (["detente", "--smooth", "40"], "parameter smooth=40"),
        (["classify", "--lag", "11", "--no-famous"], "parameter lag=11"),
        (["classify", "--partner-rule", "some", "--no-famous"], "parameter partner_rule='some'"),
        (["alignments", "validate", "--form", "psychic"], "parameter form='psychic'"),
        (
            ["measures", "top-threats", "1950", "USA", "--form", "additive", "--half-distance-km", "0"],
            "parameter half_distance_km=0.0",
        ),
        (
            ["landscape", "--year", "1914", "--states", "GMY FRN RUS", "--windows", "waryears=3"],
            "unknown landscape data parameter(s) ['waryears']",
        ),
        (["landscape", "--year", "1914", "--states", "GMY FRN RUS", "--windows", "war_years=0"], "parameter war_years"),
    ],
)
def test_a_bad_parameter_exits_2_naming_it(warehouse_path, args, expected):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert expected in " ".join(result.output.split())
