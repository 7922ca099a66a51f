"""The command line: ``alliancelab``. Thin: each subcommand parses, calls the library, prints.

Expected failures (``AllianceLabError``) are printed as one message and exit with status 2.
"""

import sys

import typer
from rich.console import Console

from alliancelab.errors import AllianceLabError

app = typer.Typer(help="alliancelab: data, measures, theories and simulations of alliances.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
errors = Console(stderr=True)


def fail(message):
    """Print one expected-failure message on stderr and exit with status 2."""
    errors.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True)
    sys.exit(2)


def run_safely(function, *args, **kwargs):
    """Call ``function``; turn an AllianceLabError into one message on stderr and exit code 2."""
    try:
        return function(*args, **kwargs)
    except AllianceLabError as err:
        fail(err)


def _register():
    # Each subcommand group lives in its own module; importing it adds its commands to `app`.
    from alliancelab.cli import data, measures, report  # noqa: F401
    from alliancelab.cli import landscape  # noqa: F401
    from alliancelab.cli import simulate  # noqa: F401
    from alliancelab.cli import models  # noqa: F401
    from alliancelab.cli import alignment  # noqa: F401
    from alliancelab.cli import alignments  # noqa: F401
    from alliancelab.cli import dashboard  # noqa: F401
    from alliancelab.cli import loglinear  # noqa: F401
    from alliancelab.cli import geopolitics  # noqa: F401
    from alliancelab.cli import predict  # noqa: F401


_register()


def main():
    try:
        app()
    except KeyboardInterrupt:
        errors.print("interrupted", highlight=False)
        sys.exit(130)
