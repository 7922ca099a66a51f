"""``alliancelab dashboard``: serve the web dashboard (alliancelab.web) with uvicorn."""

import ipaddress
from pathlib import Path

import typer

from alliancelab.cli import app, console, errors, run_safely
from alliancelab.errors import check_range


def bind_warning(host):
    """A warning when ``host`` is not a loopback address (the dashboard is then reachable from other
    machines), else None. An empty host or 0.0.0.0 / :: means every interface."""
    text = host.strip()
    if text in ("localhost",):
        return None
    try:
        if ipaddress.ip_address(text).is_loopback:
            return None
    except ValueError:
        pass
    where = "EVERY network interface" if text in ("", "0.0.0.0", "::") else f"address {host!r}"
    return (
        f"WARNING: the dashboard will listen on {where}, not only this machine. Anyone who can reach it "
        "can use it and run simulations on this computer; it has no login. Use --host 127.0.0.1 "
        "unless you mean this."
    )


@app.command("dashboard")
def dashboard(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (default: this machine only)"),
    port: int = typer.Option(8050, "--port", help="TCP port"),
    warehouse: Path = typer.Option(None, "--warehouse", help="warehouse file (default in the user cache)"),
    time_limit: float = typer.Option(60.0, "--time-limit", help="seconds one page may take"),
):
    """Serve the dashboard: yearly report, threat map, portfolio similarity, simulation."""
    import uvicorn

    from alliancelab.data import locate
    from alliancelab.data import warehouse as wh
    from alliancelab.web import create_app

    run_safely(check_range, "port", port, 1, 65535)
    run_safely(check_range, "time_limit", time_limit, 0.1, 3600)
    run_safely(lambda: wh.connect(warehouse).close())  # build the warehouse now rather than on the first page
    warning = bind_warning(host)
    if warning:
        errors.print(f"[bold red]{warning}[/]", highlight=False, soft_wrap=True)
    console.print(
        f"alliancelab dashboard on http://{host or '0.0.0.0'}:{port}/ "
        f"(warehouse {locate.warehouse_path(warehouse)}); Ctrl-C stops it"
    )
    uvicorn.run(create_app(warehouse, time_limit_s=time_limit, warm=True), host=host, port=port, log_level="info")
