"""Source coverage lives in the source specifications only: no module under src/ writes a source's first or
last year (or the year after the first / before the last, e.g. 1817 = the first year with a year before it)
as a number; it reads ``alliancelab.data.facts.coverage``. Comments and docstrings may name years (historical
examples, citations): only integer literals in code are checked."""

import io
import tokenize
from pathlib import Path

import pytest

from alliancelab.data import facts
from alliancelab.data.sources import SOURCES, SOURCES_BY_NAME
from alliancelab.errors import ParameterError

SRC = Path(__file__).resolve().parents[2] / "src" / "alliancelab"
# the modules that declare years: the specifications (sources.py and its private parts), the facts layer,
# the eras table
OWNERS = {
    "data/sources.py",
    "data/_source_spec.py",
    "data/_sources_core.py",
    "data/_sources_peacesciencer.py",
    "data/facts.py",
    "data/_alliance_facts.py",
    "eras.py",
}
# documented exceptions: (module, year) -> why the number is not a source's coverage
EXCEPTIONS = {
    ("theory/empirical/balancing/_summaries.py", 1949): "NATO's signing year (the robustness table's example case)",
}


def coverage_years():
    """Every first / last year of a source (after 1700), with the year inside the coverage next to it."""
    years = set()
    for source in SOURCES:
        spans = [source.coverage, *source.column_coverage.values()]
        for first, last in spans:
            if first is not None and first > 1700:
                years |= {first, first + 1}
            if last is not None:
                years |= {last, last - 1}
    return years


def year_literals(text, years):
    """(line, number) of the integer literals in ``text`` (code only) that are one of ``years``."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.NUMBER and token.string.isdigit() and int(token.string) in years:
            found.append((token.start[0], int(token.string)))
    return found


def test_the_scanner_sees_code_but_not_comments_or_docstrings():
    years = coverage_years()
    assert {1816, 1817, 2016, 2010, 2007, 2014, 2015} <= years
    snippet = '"""GML ends in 2010."""\nLAST = 2010  # COW wars end in 2007\nSEED = 20100101\nx = "1816"\n'
    assert year_literals(snippet, years) == [(2, 2010)]


def test_no_source_coverage_year_is_written_outside_the_specifications():
    years = coverage_years()
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        if module in OWNERS:
            continue
        for line, year in year_literals(path.read_text(), years):
            if (module, year) not in EXCEPTIONS:
                found.append(f"{module}:{line}: {year}")
    assert not found, "source coverage years written as literals (read data.facts.coverage instead): " + "; ".join(
        found
    )


def test_column_coverage(con):
    assert facts.coverage("democracy", "v2x_polyarchy") == (1816, 2019)
    assert facts.coverage("democracy", "polity2") == (1816, 2017)
    assert facts.coverage("democracy", "ccode") == facts.coverage("democracy") == (1816, 2020)
    with pytest.raises(ParameterError, match="column='polity'"):
        facts.coverage("democracy", "polity")
    # each column coverage is the years the column really has values in
    for source in SOURCES:
        for column, (first, last) in source.column_coverage.items():
            low, high = con.execute(
                f"SELECT min({source.year_column}), max({source.year_column}) "
                f'FROM {source.name} WHERE "{column}" IS NOT NULL'
            ).fetchone()
            assert (low, high) == (first, last), (source.name, column)


@pytest.mark.parametrize(
    "name, first, last",
    [
        ("archigos", "startdate", "enddate"),
        ("gw_states", "startdate", "enddate"),
        ("maoz_powers", "regstdate", "regenddate"),
    ],
)
def test_coverage_of_sources_dated_by_day(con, name, first, last):
    low, high = con.execute(f"SELECT min(year({first})), max(year({last})) FROM {name}").fetchone()
    assert (low, high) == SOURCES_BY_NAME[name].coverage
