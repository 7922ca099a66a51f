"""Memory estimates are checked against a configurable limit before anything is allocated."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.limits import check_memory, human, memory_limit, parse_size


def test_sizes_parse_with_and_without_suffixes():
    assert parse_size("512M") == 512 * 2**20
    assert parse_size("16G") == 16 * 2**30
    assert parse_size("1.5k") == 1536
    assert parse_size("1000") == 1000


@pytest.mark.parametrize("bad", ["", "lots", "-1G", "0", "inf"])
def test_bad_limits_are_refused(bad):
    with pytest.raises(ParameterError, match="ALLIANCELAB_MAX_MEMORY"):
        parse_size(bad)


def test_an_estimate_over_the_limit_is_refused_with_both_numbers(monkeypatch):
    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "1G")
    assert memory_limit() == 2**30
    assert check_memory("--starts", 2**29) == 2**29
    with pytest.raises(ParameterError, match=r"argument --starts: .* about 44\.7 GiB .* limit is 1\.0 GiB"):
        check_memory("--starts", int(44.7 * 2**30))


def test_human_sizes():
    assert human(512) == "512 B" and human(1536) == "1.5 KiB" and human(3 * 2**30) == "3.0 GiB"


def test_the_landscape_heuristic_refuses_a_billion_starts_before_allocating(monkeypatch):
    from alliancelab.theory.landscape import heuristic

    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "1G")
    with pytest.raises(ParameterError, match=r"argument n_starts: 1,000,000,000 random starts of 6 actors would need"):
        heuristic([1, 2, 3, 4, 5, 6], np.ones((6, 6)) - np.eye(6), n_starts=10**9)


def test_a_sweep_of_a_billion_random_points_is_refused_before_making_them(monkeypatch):
    import tracemalloc

    from alliancelab.sim import sweep

    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "2G")
    tracemalloc.start()
    try:
        with pytest.raises(
            ParameterError,
            match=r"argument n_points: .*1,000,000,000 runs .* would need about "
            r"[0-9.,]+ TiB of memory; the limit is 2\.0 GiB",
        ):
            sweep.validate_config({"design": "random", "random": {"n_points": 10**9, "war_threshold": [1.0, 3.0]}})
        assert tracemalloc.get_traced_memory()[1] < 50 * 2**20  # refused before any point was drawn
    finally:
        tracemalloc.stop()


def test_a_grid_too_large_to_hold_is_refused(monkeypatch):
    from alliancelab.sim import sweep

    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "1G")
    grid = {"war_threshold": [1.0 + i / 1000 for i in range(1000)], "war_rate": [i / 1000 for i in range(1000)]}
    with pytest.raises(ParameterError, match=r"argument \[grid\]: .*1,000,000 runs .* limit is 1\.0 GiB"):
        sweep.validate_config({"design": "grid", "grid": grid})
    # the same estimate under a larger limit lets a small sweep through
    assert sweep.check_sweep_memory(sweep.validate_config({"design": "grid", "grid": {"war_rate": [0.1, 0.2]}})) > 0


def test_a_simulation_too_large_to_hold_is_refused_before_allocating(monkeypatch):
    from alliancelab.sim import runs

    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "1G")
    with pytest.raises(
        ParameterError,
        match=r"argument n_steps: a run of 1,000,000 states over 1,000,000 turns "
        r"would need about [0-9.,]+ GiB",
    ):
        runs.run({"n_states": 10**6, "n_steps": 10**6, "projection_floor": 0.05})


@pytest.mark.parametrize(
    "args, words",
    [
        (["simulate", "run", "--steps", "1e9"], "Invalid value for '--steps'"),
        (["simulate", "run", "--steps", "1000000000"], "n_steps=1000000000"),
        (
            ["simulate", "run", "--states", "1000000", "--steps", "1000000", "--set", "projection_floor=0.05"],
            "would need about",
        ),
        (["simulate", "experiment", "detente", "--out", "x", "--steps", "1000000000"], "n_steps=1000000000"),
        (["deterrence", "statics", "power_third", "--steps", "1000000000"], "steps=1000000000"),
        (["deterrence", "statics", "power_third", "--steps", "-1"], "steps=-1"),
        (
            [
                "landscape",
                "--year",
                "1936",
                "--states",
                "UKG,FRN,GMY,ITA,RUS,USA,JPN,AUL,CAN,POL,CZE,YUG,ROM,TUR,SPN,POR,BEL,NTH,SWD,NOR,DEN,FIN",
                "--method",
                "heuristic",
                "--starts",
                "1000000000",
            ],
            "1,000,000,000 random starts",
        ),
    ],
)
def test_size_arguments_of_the_command_line_are_bounded(args, words, tmp_path, monkeypatch, warehouse_path):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALLIANCELAB_MAX_MEMORY", "2G")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert words in " ".join(result.output.split()), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
