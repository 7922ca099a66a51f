"""``alliancelab report [YEAR]``: the state of the alliance system that year (terminal, Markdown or HTML)."""

from pathlib import Path

import typer

from alliancelab import files
from alliancelab.cli import app, console, run_safely
from alliancelab.data import facts

YEAR_HELP = f"year, {facts.SYSTEM_FIRST}-{facts.SYSTEM_LAST} (default: the latest year with data)"


@app.command("report")
def report(
    year: int = typer.Argument(None, help=YEAR_HELP),
    out: Path = typer.Option(None, "--out", help="also write the report as Markdown to this file"),
    html: Path = typer.Option(
        None,
        "--html",
        help="write a self-contained, shareable HTML page (offline, interactive figures, print-friendly)",
    ),
    detente: bool = typer.Option(
        True, "--detente/--no-detente", help="include detente under way in the HTML page (about 20 s more)"
    ),
    warehouse: Path = typer.Option(None, "--warehouse", help="warehouse file"),
):
    """Members, major powers, capabilities, alliances in force and new, threats, similarity, sources."""
    from rich.markdown import Markdown

    from alliancelab.report import html as shareable
    from alliancelab.report import yearly

    if year is None:
        year = run_safely(shareable.latest_year, warehouse)
        console.print(f"no year given: reporting {year}, the latest year with data")
    if html is not None:
        with console.status(f"building the {year} page (network, classification, threats)"):
            result = run_safely(shareable.build, year, warehouse=warehouse, with_detente=detente)
            page = shareable.to_html(result, warehouse=warehouse)
        files.write_text(html, str(page))
        console.print(f"written {html} ({len(page) / 1e6:.1f} MB, self-contained)")
        if out is None:
            return
    with console.status(f"building the {year} report"):
        built = run_safely(yearly.yearly_report, year, warehouse=warehouse)
        text = yearly.to_markdown(built, warehouse=warehouse)
    console.print(Markdown(text))
    if out:
        files.write_text(out, text)
        console.print(f"written {out}")
