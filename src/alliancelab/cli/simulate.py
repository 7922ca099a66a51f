"""``alliancelab simulate run|replay|experiment|strategies`` and ``alliancelab sweep CONFIG``."""

from pathlib import Path

import typer
from rich.table import Table

from alliancelab.assignments import json_or_text, parse_assignments
from alliancelab.cli import app, console, run_safely
from alliancelab.data import facts
from alliancelab.sim.strategies import parse_mix

sim_app = typer.Typer(
    help="Agent-based simulations of balancing, bandwagoning, buck-passing and detente.", no_args_is_help=True
)
app.add_typer(sim_app, name="simulate")


def _parse_sets(items):
    return parse_assignments(items, "--set", json_or_text, separators="", expected="KEY=VALUE")


@sim_app.command("run")
def run_command(
    states: int = typer.Option(50, "--states", help="number of states (synthetic maps)"),
    steps: int = typer.Option(400, "--steps", help="turns to simulate"),
    strategy: str = typer.Option("balance", "--strategy", help="strategy or mix, e.g. 'balance=0.5,bandwagon=0.5'"),
    geography: str = typer.Option("planar", "--map", help="grid, planar or historical"),
    year: int = typer.Option(facts.SYSTEM_FIRST, "--year", help="start year of a historical map"),
    great_powers: int = typer.Option(0, "--great-powers", help="number of great powers"),
    seed: int = typer.Option(0, "--seed", help="seed (the run is a pure function of it)"),
    sets: list[str] = typer.Option(None, "--set", help="any other parameter, KEY=VALUE"),
    out: Path = typer.Option(None, "--out", help="save the run to this directory (Parquet)"),
    force: bool = typer.Option(False, "--force", help="replace a run saved earlier in --out"),
    figure: Path = typer.Option(None, "--map-figure", help="write small-multiple maps to FIGURE.html and FIGURE.png"),
):
    """Simulate one system and print what happened."""
    from alliancelab.sim import runs
    from alliancelab.sim.model import SimParams

    def go():
        values = {
            "n_states": states,
            "n_steps": steps,
            "strategy_mix": parse_mix(strategy),
            "geography": geography,
            "start_year": year,
            "n_great_powers": great_powers,
        }
        values.update(_parse_sets(sets))
        return runs.run(SimParams.from_dict(values), seed)

    if out is not None:
        run_safely(runs.check_run_folder, out, force)
    result = run_safely(go)
    table = Table(title=f"simulation, seed {seed}")
    table.add_column("outcome")
    table.add_column("value")
    for key, value in result.summary.items():
        table.add_row(key, str(value))
    console.print(table)
    if out is not None:
        path = run_safely(runs.save_run, result, out, force)
        console.print(f"saved run to {path} (replay: alliancelab simulate replay {path})")
    if figure is not None:
        from alliancelab.figures import simulation as plots

        html, png = plots.map_small_multiples(result, figure)
        console.print(f"maps: {html}, {png}")


@sim_app.command("replay")
def replay_command(path: Path = typer.Argument(..., help="directory of a saved run")):
    """Re-run a saved run from its stored parameters and seed and check it is identical."""
    from alliancelab.sim import runs

    result, identical = run_safely(runs.replay, path)
    if identical:
        console.print(
            f"replayed {path}: identical bit for bit ({result.steps_run} turns, "
            f"{result.summary['survivors']} survivors)"
        )
    else:
        console.print(f"[bold red]replayed {path}: results DIFFER from the saved run[/]")
        raise typer.Exit(1)


@sim_app.command("strategies")
def strategies_command():
    """List the strategies that can be used in --strategy and in sweep configs."""
    from alliancelab.sim.strategies import ACTIONS, get_strategy, strategy_names

    table = Table(title="strategies (probability of each action: strong / weak)")
    table.add_column("name")
    for action in ACTIONS:
        table.add_column(action)
    table.add_column("description")
    for name in strategy_names():
        s = get_strategy(name)
        rows = s.table()
        table.add_row(name, *[f"{rows[0, k]:.2f}/{rows[1, k]:.2f}" for k in range(len(ACTIONS))], s.description)
    console.print(table)


@sim_app.command("experiment")
def experiment_command(
    name: str = typer.Argument(..., help="strategies, detente or great_powers"),
    out: Path = typer.Option(..., "--out", help="output directory (resumable)"),
    replications: int = typer.Option(20, "--runs", help="runs per condition"),
    seed: int = typer.Option(1990, "--seed"),
    states: int = typer.Option(None, "--states"),
    steps: int = typer.Option(None, "--steps"),
    workers: int = typer.Option(None, "--workers", help="local processes (default all cores)"),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler tcp://host:port"),
):
    """Run a built-in experiment: result table, survival curves and plots in OUT."""
    from alliancelab.sim import experiments, plots

    result = run_safely(
        experiments.run_experiment, name, out, replications, seed, states, steps, workers, scheduler, True
    )
    table = Table(title=f"experiment {name} (log-rank p = {result.logrank_p:.2g})")
    columns = [
        "condition",
        "runs",
        "survivors_mean",
        "survivors_se",
        "hegemon_rate",
        "wars_per_run",
        "mean_alliances",
        "mean_polarity",
        "final_concentration",
    ]
    for c in columns:
        table.add_column(c)
    for row in result.table.itertuples():
        table.add_row(
            *[f"{getattr(row, c):.3g}" if isinstance(getattr(row, c), float) else str(getattr(row, c)) for c in columns]
        )
    console.print(table)
    plots.survival_curves(result.survival, Path(out) / "survival", title=f"{name}: state survival (Kaplan-Meier)")
    if len(result.alive):
        plots.alive_over_time(result.alive, Path(out) / "alive", title=f"{name}: living states")
    console.print(f"tables and figures in {out}")


@app.command("sweep")
def sweep_command(
    config: Path = typer.Argument(..., help="sweep config (.toml, .yaml or .json)"),
    out: Path = typer.Option(None, "--out", help="output directory (default: next to CONFIG, named after it)"),
    workers: int = typer.Option(None, "--workers", help="local processes (default all cores)"),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786"),
    restart: bool = typer.Option(False, "--restart", help="discard results of a different config in OUT"),
    engine: str = typer.Option(
        "processes",
        "--engine",
        help="local engine for --workers > 1: 'processes' (a process pool) or 'dask' (a local Dask cluster)",
    ),
):
    """Run a grid or random design of simulations (resumable; local cores or a Dask cluster)."""
    from alliancelab.sim import sweep

    def go():
        settings = sweep.load_config(config)
        target = out or config.with_suffix("")
        frame = sweep.run_sweep(
            settings, target, workers=workers, scheduler=scheduler, progress=True, restart=restart, engine=engine
        )
        return target, frame

    target, frame = run_safely(go)
    console.print(
        f"{len(frame)} runs ({frame.attrs.get('computed_runs', 0)} computed now) in "
        f"{target}: runs.parquet, series.parquet, states.parquet"
    )
    columns = ["survivors", "hegemon", "wars"]
    if frame["point"].nunique() <= 30:
        console.print(frame.groupby("point")[columns].mean().to_string())
    else:
        console.print(frame[columns].astype(float).describe().round(3).to_string())
