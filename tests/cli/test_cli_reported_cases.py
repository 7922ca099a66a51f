"""The argument cases users reported as tracebacks or silent nonsense, each run for real: one message, exit 2.

Output-path problems (a folder nobody may write in, a path that is a folder, an empty path) are run
against every command family that writes a file; the rest are the single cases as reported.
"""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliancelab.cli import app
from alliancelab.errors import ParameterError

runner = CliRunner()


def _read_only_folder(tmp_path):
    """A folder this process cannot write in: a 0500 folder, or /sys when running as root."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


def _refused(args, words, tmp_path):
    result = runner.invoke(app, args)
    text = " ".join(result.output.split())
    assert result.exit_code == 2, result.output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    for word in words:
        assert word in text, result.output[-2000:]
    return result


# (command words before --out, the output option, a good file name for it)
WRITERS = [
    (["report", "1894"], "--out", "report.md"),
    (["measures", "structure", "--start", "1900", "--end", "1900"], "--out", "s.csv"),
    (["measures", "threat", "--start", "1900", "--end", "1900"], "--out", "t.parquet"),
    (["burden", "--start", "1990", "--end", "1991"], "--out", "burden"),
    (["deterrence", "statics", "power_third", "--steps", "3"], "--out", "det"),
    (["simulate", "run", "--states", "5", "--steps", "2"], "--out", "run"),
    (["simulate", "run", "--states", "5", "--steps", "2"], "--map-figure", "map"),
    (["profile", "USA", "ROK"], "--out", "profile"),
]


@pytest.mark.parametrize("words, option, name", WRITERS, ids=[" ".join(w[:2]) + " " + o for w, o, _ in WRITERS])
def test_output_path_problems_are_one_message_before_any_work(
    words, option, name, tmp_path, monkeypatch, warehouse_path
):
    monkeypatch.chdir(tmp_path)
    read_only = _read_only_folder(tmp_path)
    _refused(words + [option, str(read_only / name)], [f"argument {option}", "cannot write in"], tmp_path)
    _refused(words + [option, str(read_only / "sub" / name)], [f"argument {option}", "cannot write in"], tmp_path)
    _refused(words + [option, ""], [f"argument {option}=''", "empty path"], tmp_path)
    (tmp_path / "afile").write_text("x")
    _refused(
        words + [option, str(tmp_path / "afile" / name)], [f"argument {option}", "is a file, not a folder"], tmp_path
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"], "nothing may be written for a refused command"


@pytest.mark.parametrize(
    "args",
    [
        ["report", "1894", "--out", "{tmp}"],
        ["measures", "structure", "--start", "1900", "--end", "1900", "--out", "{tmp}/d.csv"],
    ],
)
def test_an_output_path_that_is_a_folder_is_refused(args, tmp_path, monkeypatch, warehouse_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").mkdir()
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    _refused(args, ["argument", "is a folder; expected a file name"], tmp_path)


@pytest.mark.parametrize(
    "args, words",
    [
        (
            ["simulate", "run", "--states", "5", "--steps", "2", "--strategy", "balance=nan"],
            ["'balance'", "nan", "finite"],
        ),
        (
            ["simulate", "run", "--states", "5", "--steps", "2", "--strategy", "balance=inf"],
            ["'balance'", "inf", "finite"],
        ),
        (["burden", "--start", "3000"], ["argument --start=3000"]),
        (["burden-model", "--incomes", "a,b"], ["argument --incomes: 'a' is not a number"]),
        (["classify", "--case", "abc"], ["expected ATOPID:CCODE"]),
        (["detente", "--dyad", "abc"], ["argument --dyad='abc'"]),
        (["deterrence", "statics", "power_third", "--steps", "-1"], ["steps=-1"]),
        (["measures", "threat", "--start", "1990", "--end", "1980", "--out", "x.csv"], ["expected start <= end"]),
        (
            ["measures", "threat", "--start", "1990", "--end", "99999999999999999999999", "--out", "x.csv"],
            ["expected a value in [1816, 2016]"],
        ),
        (["measures", "threat", "--end", "3000", "--out", "x.csv"], ["argument --end=3000", "[1816, 2016]"]),
        (
            ["simulate", "run", "--states", "5", "--steps", "2", "--set", "growth_mean=-1"],
            ["growth_mean=-1.0", "[-0.1, 0.1]"],
        ),
        (
            ["simulate", "run", "--states", "5", "--steps", "2", "--set", "growth_mean=1"],
            ["growth_mean=1.0", "[-0.1, 0.1]"],
        ),
        (
            ["simulate", "run", "--steps", "400", "--set", "growth_mean=0.1", "--set", "decisiveness=50"],
            ["power would leave the floating-point range"],
        ),
        (["profile", "", "USA"], ["not a COW state code"]),
        (["landscape-wars", "--wars", "abc"], ["argument --wars: 'abc' is not an integer"]),
        (["geopolitics", "diffusion", "--border-types", "abc"], ["argument --border-types: 'abc' is not an integer"]),
        (["data", "status", "--warehouse", "{tmp}"], ["is a folder; expected a warehouse file"]),
    ],
)
def test_reported_argument_cases_give_one_message(args, words, tmp_path, monkeypatch, warehouse_path):
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    _refused(args, words, tmp_path)
    assert not list(tmp_path.iterdir()), "nothing may be written for a refused command"


def test_pair_similarity_resolves_abbreviations_and_refuses_unknown_states(warehouse_path):
    from alliancelab.measures import similarity as sim

    by_name = sim.pair_similarity("USA", "RUS", 1990, 1992, warehouse=warehouse_path)
    by_code = sim.pair_similarity(2, 365, 1990, 1992, warehouse=warehouse_path)
    assert len(by_name) == 3 and by_name.equals(by_code)
    assert set(by_name["ccode1"]) == {2} and set(by_name["ccode2"]) == {365}
    with pytest.raises(ParameterError, match="ccode_b='XXX': not a COW state code"):
        sim.pair_similarity("USA", "XXX", 1990, 1992, warehouse=warehouse_path)
    with pytest.raises(ParameterError, match="ccode_b=99999: not a COW state code"):
        sim.pair_similarity(2, 99999, 1990, 1992, warehouse=warehouse_path)
    with pytest.raises(ParameterError, match="ccode_a='': not a COW state code"):
        sim.pair_similarity("", "USA", 1990, 1992, warehouse=warehouse_path)


def test_morrow_is_defined_once_and_both_commands_are_reachable():
    from typer.main import get_command

    names = list(get_command(app).commands)
    assert len(names) == len(set(names))
    assert {"morrow", "morrow-model"} <= set(names)
