"""Formal models on the command line: ``alliancelab deterrence ...``, ``alliancelab burden``,
``alliancelab burden-model``, ``alliancelab dilemma``, ``alliancelab morrow-model``
(the formal model; ``alliancelab morrow`` runs the empirical tests)."""

from pathlib import Path

import numpy as np
import typer
from rich.progress import Progress
from rich.table import Table

from alliancelab.assignments import parse_assignments
from alliancelab.cli import app, console, fail, run_safely
from alliancelab.data import facts
from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.files import write_table

deterrence_app = typer.Typer(help="Extended deterrence with a third-party ally (all PBE).", no_args_is_help=True)
app.add_typer(deterrence_app, name="deterrence")

SET_OPTION = typer.Option(
    None, "--set", "-s", help="parameter=value, repeatable (see DeterrenceParams), e.g. -s power_third=2"
)


def _params(side, settings):
    from dataclasses import replace

    from alliancelab.theory.formal.deterrence import DeterrenceParams

    values = parse_assignments(settings, "--set", float, separators="", expected="name=number")
    for name in values:
        if name not in DeterrenceParams.__dataclass_fields__ or name == "side":
            raise ParameterError(
                f"--set {name}: not a numeric parameter of DeterrenceParams "
                f"({', '.join(f for f in DeterrenceParams.__dataclass_fields__ if f != 'side')})"
            )
    return replace(DeterrenceParams(side=side), **values).validate()


def _print_frame(frame, title, digits=3):
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column))
    for row in frame.itertuples(index=False):
        table.add_row(*[f"{v:.{digits}f}" if isinstance(v, float) else str(v) for v in row])
    console.print(table)


@deterrence_app.command("solve")
def deterrence_solve(
    side: str = typer.Option("defender", help="T allied to 'defender' or 'challenger'"),
    settings: list[str] = SET_OPTION,
):
    """All perfect Bayesian equilibria at one parameter point, with outcome probabilities."""
    from alliancelab.theory.formal import deterrence as dt

    params = run_safely(_params, side, settings)
    sol = run_safely(dt.solve, params)
    frame = sol.table()
    behaviour = (
        ["kind"]
        + [c for c in frame.columns if "|" in c and not c.startswith("p_")]
        + ["intervene", "belief_strong_low", "belief_strong_high"]
    )
    outcomes = ["p_challenge", "p_resist", "p_escalate", "p_war", "p_intervene", "p_intervene_given_war"]
    _print_frame(frame[behaviour], f"equilibria ({len(frame)}; side={side})")
    _print_frame(frame[outcomes], "outcome probabilities")
    if sol.degenerate:
        console.print(
            "[yellow]warning:[/] parameter point is degenerate (ties between thresholds);"
            " equilibria at the tie may be missing"
        )


@deterrence_app.command("statics")
def deterrence_statics(
    parameter: str = typer.Argument(..., help="e.g. power_third, prior_strong, benefit_third"),
    low: float = typer.Option(0.0),
    high: float = typer.Option(3.0),
    steps: int = typer.Option(61),
    side: str = typer.Option("defender"),
    settings: list[str] = SET_OPTION,
    out: Path = typer.Option(Path("out/deterrence"), help="output folder"),
    fmt: str = typer.Option("csv", "--format", help="table format: csv | parquet | feather | dta"),
):
    """Comparative statics: equilibria over a range of one parameter; a table + html + png."""
    from alliancelab.theory.formal import deterrence as dt

    run_safely(check_range, "steps", steps, 2, 10_000)
    run_safely(check_choice, "--format", fmt, ("csv", "parquet", "feather", "dta"))
    run_safely(check_range, "low", low, -1e6, 1e6)
    run_safely(check_range, "high", high, low, 1e6)
    params = run_safely(_params, side, settings)
    frame = run_safely(dt.comparative_statics, parameter, np.linspace(low, high, steps), params)
    stem = out / f"statics_{side}_{parameter}"
    table_path = run_safely(write_table, frame, stem.with_suffix(f".{fmt}"), argument="--out")
    html, png = dt.plot_statics(frame, parameter, stem)
    console.print(f"{len(frame)} equilibria over {steps} values; wrote {table_path}, {html}, {png}")


@deterrence_app.command("check")
def deterrence_check(
    points: int = typer.Option(200, help="number of grid points"),
    exhaustive: bool = typer.Option(True, help="also run Gambit's exhaustive methods"),
):
    """Verify our equilibria against Gambit on a grid of parameter points."""
    from alliancelab.theory.formal import deterrence as dt
    from alliancelab.theory.formal import games

    worst, missed, total = 0.0, 0, 0
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("checking", total=points)
        for point in dt.parameter_grid(points):
            sol = dt.solve(point)
            tree = dt.build_game(point)
            game = tree.to_pygambit()
            for eq in sol.equilibria:
                for probs in eq.members():
                    total += 1
                    worst = max(worst, *tree.max_regret(eq.behaviour(probs), game))
            if exhaustive:
                found = games.pure_pbe_gambit(tree, game)
                missed += sum(not any(e.contains(b) for e in sol.equilibria) for b in found)
            bar.update(task, advance=1)
    console.print(
        f"{points} points, {total} equilibrium profiles: max Gambit regret {worst:.2e}; "
        f"pure PBE found by Gambit and missing from ours: {missed}"
    )
    if worst > 1e-9 or missed:
        raise typer.Exit(1)


@app.command("burden")
def burden(
    alliance: str = typer.Option("nato", help="'nato' or an ATOP atopid"),
    start: int = typer.Option(facts.coverage("sipri_milex")[0]),
    end: int = typer.Option(facts.ALLIANCE_MEMBERS_LAST),
    spending: str = typer.Option("sipri", help="'sipri' (1949-) or 'cow' (NMC milex)"),
    gdp: str = typer.Option("cgdppc", help="Maddison GDP per capita series: cgdppc or rgdpnapc"),
    include_zero: bool = typer.Option(False, help="keep members with zero spending (Iceland)"),
    out: Path = typer.Option(Path("out/burden"), help="output folder"),
    fmt: str = typer.Option("csv", "--format", help="table format: csv | parquet | feather | dta (Stata)"),
):
    """Olson-Zeckhauser exploitation test: yearly Spearman rho of burden (milex/GDP) with GDP."""
    from alliancelab.theory.empirical import burden as bd

    if alliance.lower() == "nato":
        atopid = bd.NATO_ATOPID
    else:
        try:
            atopid = int(alliance)
        except ValueError:
            fail(f"--alliance {alliance!r}: expected 'nato' or an ATOP atopid")
    run_safely(check_range, "--start", start, facts.SYSTEM_FIRST, facts.ALLIANCE_MEMBERS_LAST)
    run_safely(check_range, "--end", end, start, facts.ALLIANCE_MEMBERS_LAST)
    run_safely(check_choice, "--format", fmt, ("csv", "parquet", "feather", "dta"))
    result = run_safely(bd.burden_test, atopid, start, end, spending, gdp, not include_zero)
    table, panel = result.table, result.panel
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"burden_{atopid}_{spending}"
    table_path = run_safely(
        write_table, table, stem.with_suffix(f".{fmt}"), table.attrs.get("citations", []), argument="--format"
    )
    html, png = bd.plot_correlations(table, stem, f"ATOP {atopid}: burden vs GDP ({spending})")
    _print_frame(table[["year", "n", "rho", "p_value", "significant_05"]], f"ATOP {atopid}")
    if atopid == bd.NATO_ATOPID:
        _print_frame(bd.compare_published(table, panel), "published NATO values (N = 15)")
    console.print(
        "Units: spending in current US$ at exchange rates, GDP in 2011 PPP US$ (Maddison); ranks within a year only."
    )
    for citation in result.citations:
        console.print(f"source: {citation}", highlight=False)
    console.print(f"wrote {table_path}, {html}, {png}")


@app.command("burden-model")
def burden_model(
    incomes: str = typer.Option("1,2,3,5,8,13", help="comma-separated incomes"),
    utility: str = typer.Option("cobb-douglas"),
    alpha: float = typer.Option(0.2),
    rho: float = typer.Option(-1.0),
    gamma: float = typer.Option(0.0),
):
    """Nash equilibrium of the Olson-Zeckhauser public-good alliance game."""
    from alliancelab.theory.empirical import burden as bd

    def run():
        values = []
        for part in incomes.split(","):
            try:
                values.append(float(part))
            except ValueError:
                raise ParameterError(
                    f"argument --incomes: {part.strip()!r} is not a number; expected e.g. '1,2,3,5'"
                ) from None
            check_range("--incomes", values[-1], 1e-12, 1e12)
        u = bd.Utility(utility, alpha, rho, gamma)
        return bd.nash_equilibrium(values, u)

    result = run_safely(run)
    _print_frame(result, f"Nash equilibrium (total defence {result.attrs['total']:.4f})")
    console.print(bd.exploitation(result))


@app.command("dilemma")
def dilemma(
    hostility: float = typer.Option(0.6),
    poles: int = typer.Option(2),
    dependence_i: float = typer.Option(0.6),
    dependence_j: float = typer.Option(0.4),
):
    """Snyder's alliance security dilemma: equilibrium commitments and risks."""
    from alliancelab.theory.formal import security_dilemma as sd

    params = sd.DilemmaParams(dependence_i=dependence_i, dependence_j=dependence_j, hostility=hostility, poles=poles)
    frame = run_safely(sd.solve_dilemma, params)
    _print_frame(frame, f"Nash equilibria (h={hostility}, poles={poles})")
    risk, at = sd.unavoidable_risk(params)
    console.print(f"unavoidable risk of ally i (min over its commitment): {risk:.4f} at c={at:.2f}")


@app.command("morrow-model")
def morrow(
    threat: float = typer.Option(1.0),
    ratio: float = typer.Option(0.3, help="capability of the smaller partner / the larger"),
):
    """Morrow's security-autonomy model: which alliance form a pair prefers."""
    from alliancelab.theory.formal import security_dilemma as sd

    res = run_safely(sd.morrow_payoffs, 1.0, ratio, sd.MorrowParams(threat=threat))
    console.print(res)
