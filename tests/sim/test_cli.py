"""The command line: simulate run / replay, sweep CONFIG, clean errors."""

from typer.testing import CliRunner

from alliancelab.cli import app

runner = CliRunner()


def test_run_save_and_replay(tmp_path):
    out = tmp_path / "run"
    result = runner.invoke(
        app,
        [
            "simulate",
            "run",
            "--states",
            "20",
            "--steps",
            "40",
            "--strategy",
            "balance=0.5,bandwagon=0.5",
            "--seed",
            "3",
            "--out",
            str(out),
            "--set",
            "war_threshold=2.0",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "run.json").exists()
    replay = runner.invoke(app, ["simulate", "replay", str(out)])
    assert replay.exit_code == 0 and "identical bit for bit" in " ".join(replay.output.split())


def test_sweep_command_and_bad_config(tmp_path):
    config = tmp_path / "s.toml"
    config.write_text(
        "seed = 2\nreplications = 2\n[base]\nn_states = 12\nn_steps = 20\n"
        "[grid]\nstrategy_mix = [{balance = 1.0}, {hold = 1.0}]\n"
    )
    result = runner.invoke(app, ["sweep", str(config), "--workers", "1", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "runs.parquet").exists()
    bad = tmp_path / "bad.toml"
    bad.write_text("[grid]\nwar_rate = [3.0]\n")
    result = runner.invoke(app, ["sweep", str(bad)])
    assert result.exit_code == 2
    assert "war_rate" in result.output and "Traceback" not in result.output


def test_unknown_strategy_is_one_message():
    result = runner.invoke(app, ["simulate", "run", "--strategy", "appease"])
    assert result.exit_code == 2
    assert "unknown strategy 'appease'" in result.output


def test_impossible_growth_is_one_message():
    for value in ("1", "-1"):
        result = runner.invoke(app, ["simulate", "run", "--states", "10", "--set", f"growth_mean={value}"])
        assert result.exit_code == 2
        assert "growth_mean" in result.output and "Traceback" not in result.output
