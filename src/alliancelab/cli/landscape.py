"""``alliancelab landscape``: Axelrod & Bennett's landscape theory on states or on a user's actors."""

from pathlib import Path

import numpy as np
import typer
from rich.progress import BarColumn, Progress, TimeElapsedColumn
from rich.table import Table

from alliancelab.assignments import parse_assignments
from alliancelab.cli import app, console, run_safely
from alliancelab.errors import ParameterError, check_range, parse_numbers


def _parse_start(text, names):
    """'GMY=1 AUH=1' (others in camp 0) or one camp per actor ('0 1 1 0 ...')."""
    tokens = text.replace(",", " ").split()
    if tokens and all("=" not in t for t in tokens):
        if len(tokens) != len(names):
            raise ParameterError(
                f"argument --start: expected {len(names)} camps (one per actor) or "
                f"NAME=CAMP pairs, got {len(tokens)} values"
            )
        try:
            return np.array([int(t) for t in tokens])
        except ValueError:
            raise ParameterError(f"argument --start: {text!r} is not a list of integer camps") from None
    camps = np.zeros(len(names), dtype=np.int64)
    pos = {n.upper(): i for i, n in enumerate(names)}
    for name, value in parse_assignments(tokens, "--start", int, expected="NAME=CAMP (integer camp)").items():
        if name.upper() not in pos:
            raise ParameterError(f"argument --start: {name!r} is not one of the actors {names}")
        camps[pos[name.upper()]] = value
    return camps


def _read_actual(path, names):
    from alliancelab.theory.landscape_data import read_user_csv

    frame = read_user_csv(path, ("actor", "camp"))
    lookup = {str(a).upper(): c for a, c in zip(frame.actor, frame.camp)}
    labels = sorted({str(v) for v in lookup.values()})
    index = {v: i for i, v in enumerate(labels)}
    return np.array([index[str(lookup[n.upper()])] if n.upper() in lookup else -1 for n in names])


def _run(
    year,
    states,
    sizes,
    propensities,
    war,
    actual,
    camps,
    method,
    rule,
    weights,
    top,
    start,
    plot_dir,
    n_starts,
    seed,
    fit_year,
    fit_war,
    fit_states,
    show_components,
    prove=False,
    time_limit=30.0,
    windows=None,
):
    from alliancelab.assignments import parse_assignments
    from alliancelab.theory import landscape as L
    from alliancelab.theory import landscape_data as D

    data_params = D.LandscapeDataParams.from_dict(
        parse_assignments(windows, "--windows", float, separators=",;", expected="NAME=NUMBER")
    )

    citations, system, actual_camps = [], None, None
    if sizes is not None or propensities is not None:
        if sizes is None or propensities is None:
            raise ParameterError("arguments --sizes and --propensities go together")
        if states or year:
            raise ParameterError("use either --sizes/--propensities (your own actors) or --year/--states")
        names, size, prop = D.read_actor_csv(sizes, propensities)
        title = f"{Path(sizes).stem}"
    else:
        if year is None or not states:
            raise ParameterError(
                "give --year and --states (COW abbreviations or codes), or --sizes FILE --propensities FILE"
            )
        from alliancelab.panels.lookup import Lookup

        system = D.build_system(states, year, params=data_params)
        w = D.parse_weights(weights) if weights else D.check_weights(None)
        if fit_war is not None:
            fy = fit_year if fit_year is not None else year
            training = D.build_system(fit_states or states, fy, params=data_params)
            w = D.fit_weights([(training, D.actual_camps(training.codes, D.war_sides(fit_war)))])
            console.print(
                f"weights fitted on war {fit_war} with {fy} data: " + ", ".join(f"{k}={v:.3g}" for k, v in w.items())
            )
        names, size, prop = system.names, system.sizes, system.propensity(w)
        citations = system.citations
        if war is not None:
            sides = D.war_sides(war)
            actual_camps = D.actual_camps(system.codes, sides)
            citations = citations + [c for c in Lookup.get().citations(["wars"]) if c not in citations]
        title = f"{year}"
        if show_components:
            console.print(system.component_table().round(3).to_string(index=False))
    if actual is not None:
        actual_camps = _read_actual(actual, names)

    n = len(names)
    with Progress(
        "[progress.description]{task.description}", BarColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task(f"searching {n} actors", total=1)

        def step(done, total):
            bar.update(task, completed=done, total=total)

        run_safely(check_range, "--time-limit", time_limit, 0, None)
        options = {"progress": step, "seed": seed, "time_limit": time_limit, "certify": "exact" if prove else True}
        if n_starts is not None:
            options["n_starts"] = n_starts
        if plot_dir is not None and method != "heuristic" and camps == 2 and n <= 24:
            options["keep_energies"] = True
        result = L.landscape(size, prop, camps=camps, names=names, method=method, rule=rule, **options)

    table = Table(
        title=f"local minima ({result.method} search, global minimum {result.status}, rule {rule}, "
        f"{result.n_minima} minima, {result.n_configurations:,} "
        f"{'configurations' if result.method == 'exact' else 'starts'})"
    )
    for col in (
        ["rank", "energy", "basin"]
        + [f"camp {c}" for c in range(camps)]
        + (["placed right"] if actual_camps is not None else [])
    ):
        table.add_column(col)
    for r in range(min(top, result.n_minima)):
        row = [str(r), f"{result.energies[r]:.5g}", f"{result.basin_shares[r]:.1%}"]
        row += [" ".join(names[i] for i in np.flatnonzero(result.configurations[r] == c)) for c in range(camps)]
        if actual_camps is not None:
            right, scored, _ = D.placed_right(result.configurations[r], actual_camps)
            row.append(f"{right} of {scored}")
        table.add_row(*row)
    console.print(table)
    if result.n_minima == 1:
        console.print("the landscape has a single local minimum: there is no second-best minimum")
    ft = result.frustration_table(0)
    ft = ft.sort_values("switch_cost")
    console.print(
        f"lowest minimum ({result.status}), actors closest to switching (switch cost = rise in own frustration):"
    )
    console.print(ft.head(min(8, n)).round(4).to_string(index=False))
    if actual_camps is not None:
        known = actual_camps >= 0
        console.print(
            "actual camps: "
            + "; ".join(
                f"camp {c}: " + " ".join(names[i] for i in np.flatnonzero(actual_camps == c))
                for c in sorted(set(actual_camps[known].tolist()))
            )
            + (f"; no side: {' '.join(names[i] for i in np.flatnonzero(~known))}" if (~known).any() else "")
        )
    if start is not None:
        path = L.adjustment_path(size, prop, _parse_start(start, names), camps=camps, names=names, rule=rule)
        console.print("adjustment path from the start:")
        console.print(path.drop(columns=["configuration"]).round(4).to_string(index=False))
    if plot_dir is not None:
        files = L.plot_files(
            result, plot_dir, stem=f"landscape_{title}", actual=actual_camps, title=f"Landscape {title}"
        )
        for f in files:
            console.print(f"wrote {f}")
    for note in result.notes:
        console.print(note)
    if citations:
        console.print("sources: " + "; ".join(citations))
    console.print("theory: Axelrod & Bennett 1993, 'A Landscape Theory of Aggregation', BJPS 23(2):211-233")


@app.command("landscape")
def landscape(
    year: int = typer.Option(None, "--year", help="year of the data the prediction uses"),
    states: str = typer.Option(None, "--states", help='states, e.g. "GMY AUH ITA UKG FRN RUS" or COW codes'),
    sizes: Path = typer.Option(None, "--sizes", help="CSV actor,size (your own actors, e.g. firms)"),
    propensities: Path = typer.Option(None, "--propensities", help="CSV actor1,actor2,propensity or a square matrix"),
    war: int = typer.Option(None, "--war", help="compare with the sides of this COW war number"),
    actual: Path = typer.Option(None, "--actual", help="CSV actor,camp with the alignment that formed"),
    camps: int = typer.Option(2, "--camps", help="number of camps"),
    method: str = typer.Option("auto", "--method", help="auto, exact or heuristic"),
    rule: str = typer.Option("steepest", "--rule", help="who moves: steepest or ordered"),
    weights: str = typer.Option(None, "--weights", help='component weights, e.g. "alliance=1,rivalry=0.5"'),
    top: int = typer.Option(5, "--top", help="minima to print"),
    start: str = typer.Option(None, "--start", help='start for the adjustment path: "GMY=1 AUH=1" or "0 1 ..."'),
    plot_dir: Path = typer.Option(None, "--plot-dir", help="write energy and network plots here"),
    n_starts: int = typer.Option(None, "--starts", help="random starts of the heuristic"),
    seed: int = typer.Option(0, "--seed", help="random seed of the heuristic"),
    fit_year: int = typer.Option(None, "--fit-year", help="year of the training data (with --fit-war)"),
    fit_war: int = typer.Option(None, "--fit-war", help="fit component weights on this war's sides"),
    fit_states: str = typer.Option(None, "--fit-states", help="states of the training system"),
    show_components: bool = typer.Option(False, "--components", help="print every pair's components"),
    prove: bool = typer.Option(False, "--prove", help="beyond exact search: prove the global minimum, no time limit"),
    time_limit: float = typer.Option(30.0, "--time-limit", help="seconds for proving the global minimum"),
    windows: str = typer.Option(
        None, "--windows", help='component windows (LandscapeDataParams), e.g. "war_years=30,size_years=5"'
    ),
):
    """Local minima, basins and predicted camps (Axelrod & Bennett's landscape theory)."""
    run_safely(
        _run,
        year,
        states,
        sizes,
        propensities,
        war,
        actual,
        camps,
        method,
        rule,
        weights,
        top,
        start,
        plot_dir,
        n_starts,
        seed,
        fit_year,
        fit_war,
        fit_states,
        show_components,
        prove,
        time_limit,
        windows,
    )


def _run_wars(models, wars, min_participants, out):
    from alliancelab.files import write_table
    from alliancelab.theory import landscape_data as D

    chosen = [m.strip() for m in models.split(",") if m.strip()] if models else list(D.MODELS)
    unknown = [m for m in chosen if m not in D.MODELS]
    if unknown:
        raise ParameterError(f"argument --models: unknown model(s) {unknown}; expected names from {list(D.MODELS)}")
    numbers = list(run_safely(parse_numbers, wars, "--wars", int)) if wars else None
    cases = D.war_cases(min_participants, numbers)
    ev = D.evaluate_wars(models=chosen, min_participants=min_participants, cases=cases)
    table = Table(
        title=f"landscape predictions of the sides of {len(cases)} COW wars (weights never fitted on the war predicted)"
    )
    table.add_column("model", no_wrap=True)
    for col in [
        "wars",
        "pooled share right",
        "mean share right",
        "actual = global minimum",
        "median percentile of actual",
    ]:
        table.add_column(col)
    for r in ev.overall.itertuples():
        table.add_row(
            r.model,
            str(int(r.wars)),
            f"{r.pooled_share_right:.3f}",
            f"{r.mean_share_right:.3f}",
            str(int(r.actual_is_global_minimum)),
            f"{r.median_actual_percentile:.3f}",
        )
    console.print(table)
    per = ev.per_war
    first = chosen[0]
    console.print(f"per war ({first}):")
    console.print(
        per[per.model == first][
            ["war", "start", "n", "right", "scored", "n_minima", "largest_basin_right", "actual_rank", "alignments"]
        ].to_string(index=False)
    )
    if out is not None:
        write_table(per, out, sources=ev.citations)
        console.print(f"wrote {out}")
    console.print("sources: " + "; ".join(ev.citations))


@app.command("landscape-wars")
def landscape_wars(
    models: str = typer.Option(None, "--models", help='comma-separated models, e.g. "default,capabilities only"'),
    wars: str = typer.Option(None, "--wars", help="COW war numbers (default: every war with enough participants)"),
    min_participants: int = typer.Option(4, "--min-participants", help="participants needed to evaluate a war"),
    out: Path = typer.Option(None, "--out", help="write the per-war table (CSV or Parquet) here"),
):
    """Predict the sides of COW wars from the year before each war; out-of-sample weights and baselines."""
    run_safely(_run_wars, models, wars, min_participants, out)
