"""``alliancelab data build`` and ``alliancelab data status``."""

from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from alliancelab.cli import app, console, errors, lazy_module, run_safely
from alliancelab.data.sources import SOURCES

wh = lazy_module("alliancelab.data.warehouse")  # DuckDB is imported when a command runs

data_app = typer.Typer(help="Build and inspect the data warehouse.", no_args_is_help=True)
app.add_typer(data_app, name="data")

DATA_OPTION = typer.Option(None, "--data", help="data directory (default $ALLIANCELAB_DATA or ../shared/data)")
WAREHOUSE_OPTION = typer.Option(None, "--warehouse", help="warehouse file (default in the user cache)")


@data_app.command("build")
def build(
    data: Path = DATA_OPTION,
    warehouse: Path = WAREHOUSE_OPTION,
    force: bool = typer.Option(False, "--force", help="rebuild even when nothing changed"),
):
    """Read every source file into the DuckDB warehouse, validating as it goes."""
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("reading sources", total=len(SOURCES))

        def step(name):
            bar.update(task, advance=1, description=f"reading {name}")

        path, built = run_safely(wh.build_warehouse, data=data, warehouse=warehouse, force=force, progress=step)
    if built:
        console.print(f"built warehouse {path}")
    else:
        console.print(f"warehouse {path} is up to date (inputs unchanged)")


@data_app.command("status")
def status(warehouse: Path = WAREHOUSE_OPTION):
    """Show what the warehouse holds: versions, coverage years and row counts."""
    frame = run_safely(wh.status, warehouse)
    table = Table(title="alliancelab warehouse")
    for column in ("name", "file", "version", "rows", "years"):
        table.add_column(column)
    for row in frame.itertuples():
        years = "" if row.first_year is None or str(row.first_year) == "<NA>" else f"{row.first_year}-{row.last_year}"
        table.add_row(row.name, row.file, row.version, f"{row.rows:,}", years)
    console.print(table)


@data_app.command("check")
def check(source: str = typer.Argument(None, help="one table name (default: every source)"), data: Path = DATA_OPTION):
    """Validate the source files without building the warehouse; exit 2 if anything is wrong."""
    problems, notes = [], []
    for name in [source] if source else [s.name for s in SOURCES]:
        found = run_safely(wh.check_source, name, data, notes)
        problems += found
        console.print(f"{name}: {'ok' if not found else f'{len(found)} problem(s)'}")
    for note in notes:
        console.print(f"note: {note}", highlight=False, soft_wrap=True)
    for problem in problems:
        errors.print(f"[bold red]error:[/] {problem}", highlight=False, soft_wrap=True)
    if problems:
        raise typer.Exit(2)
