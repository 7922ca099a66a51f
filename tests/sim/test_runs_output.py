"""Saving a run never deletes or replaces what the user did not create with alliancelab."""

import subprocess
import sys

import pytest

from alliancelab.errors import ParameterError
from alliancelab.sim import runs
from alliancelab.sim.model import SimParams


@pytest.fixture(scope="module")
def result():
    return runs.run(SimParams.from_dict({"n_states": 6, "n_steps": 5}), 1)


def test_a_non_empty_folder_that_is_not_a_run_is_refused_and_kept(tmp_path, result):
    (tmp_path / "thesis.tex").write_text("years of work")
    with pytest.raises(ParameterError, match="not empty and holds no saved run"):
        runs.save_run(result, tmp_path)
    assert (tmp_path / "thesis.tex").read_text() == "years of work"


def test_a_regular_file_is_refused_and_kept(tmp_path, result):
    target = tmp_path / "notes.txt"
    target.write_text("keep")
    with pytest.raises(ParameterError, match="is a file"):
        runs.save_run(result, target)
    assert target.read_text() == "keep" and not list(tmp_path.glob("notes.txt.*"))


def test_a_saved_run_is_replaced_only_with_force(tmp_path, result):
    target = tmp_path / "run"
    runs.save_run(result, target)
    with pytest.raises(ParameterError, match="pass --force"):
        runs.save_run(result, target)
    runs.save_run(result, target, force=True)
    assert (target / "run.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_the_command_refuses_before_simulating_and_exits_2(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "alliancelab.cli",
            "simulate",
            "run",
            "--states",
            "5",
            "--steps",
            "3",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "holds no saved run" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "data.csv").read_text() == "a,b\n1,2\n"
