"""The one NAME=VALUE parser and the one eras table."""

import pytest

from alliancelab.assignments import json_or_text, parse_assignments
from alliancelab.eras import ERAS, PERIODS, era_of, polarity_of
from alliancelab.errors import ParameterError


def test_parse_assignments_forms():
    assert parse_assignments("a=1, b = 2", "--w", float) == {"a": 1.0, "b": 2.0}
    assert parse_assignments(["x=[1,2]", "y=planar"], "--set", json_or_text, separators="") == {
        "x": [1, 2],
        "y": "planar",
    }
    assert parse_assignments("balance", "strategy", float, bare="1") == {"balance": 1.0}
    assert parse_assignments(None, "--w") == {} and parse_assignments("", "--w") == {}


@pytest.mark.parametrize(
    "text, fragment", [("a", "'a' is not NAME=VALUE"), ("=1", "has no name"), ("a=x", "'x' is not a valid value")]
)
def test_parse_assignments_errors_name_argument_and_part(text, fragment):
    with pytest.raises(ParameterError, match="argument --w") as err:
        parse_assignments(text, "--w", float)
    assert fragment in str(err.value)


def test_eras_cover_the_system_without_gaps_and_polarity_reads_the_same_table():
    firsts = [p.first for p in PERIODS]
    lasts = [p.last for p in PERIODS]
    assert all(nxt == last + 1 for last, nxt in zip(lasts, firsts[1:], strict=False))
    assert tuple((p.first, p.last, p.label) for p in PERIODS) == ERAS
    years = list(range(1815, 2017))
    assert all(era_of(years) != "") and all(polarity_of(years) != "")
    # the Cold War is the bipolar period, and the only one
    assert set(era_of(years)[polarity_of(years) == "bipolar"]) == {"Cold War"}
    assert era_of(1814) == "" and era_of(2017, "polarity") == ""
    with pytest.raises(ParameterError, match="attribute"):
        era_of(1900, "colour")
