"""``alliancelab dashboard``: serve the web dashboard (alliancelab.web) with uvicorn."""

from pathlib import Path

import typer

from alliancelab.cli import app, console, run_safely
from alliancelab.errors import check_range


@app.command("dashboard")
def dashboard(host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (default: this machine only)"),
              port: int = typer.Option(8050, "--port", help="TCP port"),
              warehouse: Path = typer.Option(None, "--warehouse", help="warehouse file (default in the user cache)")):
    """Serve the dashboard: yearly report, threat map, portfolio similarity, simulation."""
    import uvicorn

    from alliancelab.data import locate
    from alliancelab.data import warehouse as wh
    from alliancelab.web import create_app

    run_safely(check_range, "port", port, 1, 65535)
    run_safely(lambda: wh.connect(warehouse).close())  # build the warehouse now rather than on the first page
    console.print(f"alliancelab dashboard on http://{host}:{port}/ (warehouse {locate.warehouse_path(warehouse)}); "
                  "Ctrl-C stops it")
    uvicorn.run(create_app(warehouse), host=host, port=port, log_level="info")
