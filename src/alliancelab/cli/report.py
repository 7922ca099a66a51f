"""``alliancelab report YEAR``: the state of the alliance system that year."""

from pathlib import Path

import typer
from rich.markdown import Markdown

from alliancelab import files
from alliancelab.cli import app, console, run_safely
from alliancelab.report import yearly


@app.command("report")
def report(year: int = typer.Argument(..., help="year, 1816-2016"),
           out: Path = typer.Option(None, "--out", help="also write the report as Markdown to this file"),
           warehouse: Path = typer.Option(None, "--warehouse", help="warehouse file")):
    """Members, major powers, capabilities, alliances in force and new, threats, similarity, sources."""
    with console.status(f"building the {year} report"):
        built = run_safely(yearly.yearly_report, year, warehouse=warehouse)
        text = yearly.to_markdown(built, warehouse=warehouse)
    console.print(Markdown(text))
    if out:
        files.write_text(out, text)
        console.print(f"written {out}")
