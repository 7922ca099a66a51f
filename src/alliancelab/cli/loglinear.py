"""Log-linear commands: ``alliancelab loglinear FILE --factors a b c`` and ``alliancelab embedded atop|firms``."""

from pathlib import Path

import typer
from rich.table import Table

from alliancelab.assignments import parse_assignments
from alliancelab.cli import app, console, run_safely
from alliancelab.errors import ParameterError, check_choice

embedded_app = typer.Typer(help="Embedded patterns of alliance formation (log-linear models).", no_args_is_help=True)
app.add_typer(embedded_app, name="embedded")

OUT = typer.Option(None, "--out", help="folder for the tables (with their sources) and the mosaic")
FORMAT = typer.Option("csv", "--format", help="table format: csv | parquet | feather | dta (Stata)")
FORMATS = ("csv", "parquet", "feather", "dta")
WAREHOUSE = typer.Option(None, "--warehouse", help="warehouse file (default in the user cache)")


def _print(frame, title, digits=3, limit=40):
    table = Table(title=title, show_lines=False)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(*[f"{v:.{digits}f}" if isinstance(v, float) else str(v) for v in row])
    console.print(table)


def _read(path):
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise ParameterError(f"file {path} not found")
    try:
        if path.suffix == ".parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path)
    except (ValueError, OSError) as err:
        raise ParameterError(f"file {path}: cannot be read as {path.suffix or 'CSV'} ({err})") from None


def _structural(specs):
    return [
        parse_assignments(spec, "--structural-zero", expected="factor=level[,factor=level...]") for spec in specs or ()
    ]


def _match_levels(table_levels, zeros):
    """Structural-zero levels typed on the command line are text; match them to the table's levels."""
    for cell in zeros:
        for factor, value in cell.items():
            for level in table_levels.get(factor, ()):
                if str(level) == value:
                    cell[factor] = level
    return zeros


def _report(table, selection, description, monte_carlo, out, stem, title, fmt="csv"):
    from alliancelab.figures import embedded as plots
    from alliancelab.files import write_table
    from alliancelab.theory.embedded import loglinear as ll

    models = ll.fit_models(table)
    _print(
        models[["model", "G2", "X2", "df", "p_G2", "AIC", "BIC", "share_expected_below_5"]],
        f"{title}: the hierarchical family ({int(table.total)} alliances, {len(table.cells)} cells)",
    )
    _print(
        selection.steps[["step", "action", "term", "G2", "df", "dG2", "ddf", "p", "AIC", "BIC"]],
        f"{selection.direction} selection ({selection.criterion})",
    )
    best = selection.best
    console.print(
        f"selected: [bold]{best.model}[/]  G2 = {best.g2:.2f}, X2 = {best.x2:.2f}, df = {best.df}, p = {best.p_g2:.3f}"
    )
    for note in best.warnings:
        console.print(f"[yellow]note:[/] {note}")
    if monte_carlo is not None:
        console.print(
            f"Monte-Carlo test ({monte_carlo.draws} draws): p(G2) = {monte_carlo.p_g2:.3f}, "
            f"p(X2) = {monte_carlo.p_x2:.3f}"
        )
    _print(description.dominant, "dominant configurations (more alliances than independence predicts)", 2)
    _print(description.odds_ratios, "odds ratios of the selected model's interactions (95% CI)", 2)
    console.print("Sources: " + "; ".join(table.sources) if table.sources else "")
    if out is not None:
        out = Path(out)
        sources = table.sources
        write_table(models, out / f"{stem}_models.{fmt}", sources)
        write_table(selection.steps, out / f"{stem}_selection.{fmt}", sources)
        write_table(description.cells, out / f"{stem}_cells.{fmt}", sources)
        write_table(description.odds_ratios, out / f"{stem}_odds_ratios.{fmt}", sources)
        write_table(description.dominant, out / f"{stem}_dominant.{fmt}", sources)
        factors = list(table.factors)[:4]
        small = table if len(table.factors) <= 4 else ll.collapse(table, factors)
        shown = ll.describe(small, ll.saturated(small.factors))
        paths = plots.mosaic(shown, out / f"{stem}_mosaic", sources=sources)
        console.print(f"wrote {out}/{stem}_*.{fmt} and {', '.join(str(p) for p in paths)}")


@app.command("loglinear")
def loglinear_command(
    file: Path = typer.Argument(..., help="CSV or Parquet: one row per alliance, or one row per cell with --weights"),
    more: list[str] | None = typer.Argument(None, help="further factor names after --factors", show_default=False),
    factors: list[str] = typer.Option(..., "--factors", help="factor columns: --factors a b c (or a,b,c)"),
    weights: str = typer.Option(None, "--weights", help="count column of an aggregated table"),
    direction: str = typer.Option("backward", "--direction", help="backward | forward"),
    criterion: str = typer.Option("lr", "--criterion", help="lr (likelihood-ratio tests) | aic | bic"),
    alpha: float = typer.Option(0.05, "--alpha", help="level of the likelihood-ratio tests"),
    model: str = typer.Option(None, "--model", help="describe this model instead of selecting, e.g. 'a*b + c'"),
    structural_zero: list[str] | None = typer.Option(
        None, "--structural-zero", help="a cell that cannot occur: 'a=x,b=y' (repeatable)"
    ),
    missing: str = typer.Option("error", "--missing", help="error | drop | level"),
    draws: int = typer.Option(0, "--monte-carlo", help="Monte-Carlo draws for the selected model (0 = none)"),
    out: Path = OUT,
    fmt: str = FORMAT,
):
    """Fit the hierarchical log-linear family to a table of alliances, select a model and describe it."""
    run_safely(check_choice, "--format", fmt, FORMATS)
    from alliancelab.theory.embedded import loglinear as ll

    names = [n.strip() for f in list(factors) + list(more or []) for n in f.replace(",", " ").split() if n.strip()]
    frame = run_safely(_read, file)
    zeros = run_safely(_structural, structural_zero)
    table = run_safely(ll.contingency_table, frame, names, weights=weights, missing=missing, source=str(file))
    if zeros:
        zeros = _match_levels(table.levels, zeros)
        table = run_safely(
            ll.contingency_table,
            frame,
            names,
            weights=weights,
            missing=missing,
            source=str(file),
            structural_zeros=zeros,
        )
    if model:
        fit = run_safely(ll.fit_model, table, model)
        import pandas as pd

        steps = pd.DataFrame(
            [
                dict(
                    step=0,
                    action="given",
                    term="",
                    G2=fit.g2,
                    df=fit.df,
                    dG2=float("nan"),
                    ddf=float("nan"),
                    p=fit.p_g2,
                    AIC=fit.aic,
                    BIC=fit.bic,
                )
            ]
        )
        selection = ll.Selection(direction="given", criterion="-", alpha=alpha, steps=steps, candidates=None, best=fit)
    else:
        selection = run_safely(ll.select_model, table, direction, alpha, criterion)
    description = ll.describe(table, selection.best)
    monte_carlo = run_safely(ll.monte_carlo_test, table, selection.best.generating_class, draws) if draws else None
    _report(table, selection, description, monte_carlo, out, Path(file).stem, str(file), fmt)


@embedded_app.command("atop")
def atop_command(
    draws: int = typer.Option(199, "--monte-carlo", help="Monte-Carlo draws for the selected model"),
    out: Path = OUT,
    fmt: str = FORMAT,
    warehouse: Path = WAREHOUSE,
):
    """ATOP 4.01 alliances: are obligation, institutions, capability, wartime and size embedded? By era?"""
    run_safely(check_choice, "--format", fmt, FORMATS)
    from alliancelab.theory.embedded import atop

    result = run_safely(atop.embeddedness, draws=draws, warehouse=warehouse)
    _report(result.table, result.backward, result.description, result.monte_carlo, out, "atop", "ATOP 4.01", fmt)
    console.print(
        f"{result.n_alliances} alliances cross-classified; {result.n_dropped} left out for a missing characteristic"
    )
    change = run_safely(atop.era_change, result.backward.best.generating_class, warehouse=warehouse)
    _print(change.tests, "does the pattern change across eras?")
    _print(change.dominant, "dominant configurations by era", 2)
    if out is not None:
        from alliancelab.files import write_table

        write_table(change.tests, Path(out) / f"atop_era_tests.{fmt}", result.table.sources)
        write_table(change.dominant, Path(out) / f"atop_era_dominant.{fmt}", result.table.sources)


@embedded_app.command("firms")
def firms_command(out: Path = OUT, fmt: str = FORMAT):
    """The firm-alliance example: published CATI margins, and a SIMULATED table of the same shape."""
    run_safely(check_choice, "--format", fmt, FORMATS)
    from alliancelab.theory.embedded import firms
    from alliancelab.theory.embedded import loglinear as ll

    _print(firms.published_margins(), f"published one-way margins ({firms.CITATION})")
    table = firms.example_table()
    selection = ll.select_model(table)
    _report(
        table,
        selection,
        ll.describe(table, selection.best),
        None,
        out,
        "firms_example",
        "SIMULATED firm-alliance example (not data)",
        fmt,
    )
