"""The command line: ``alliancelab``. Thin: each subcommand parses, calls the library, prints.

Expected failures (``AllianceLabError``) are printed as one message and exit with status 2, wherever
in a command they are raised; so is an operating-system refusal (a folder nobody may write in, a full
disk), which names the file.

Start-up stays short (``alliancelab measures top-threats 1950 USA`` in a fresh process): every group
is registered, so ``--help`` lists everything, but a group's module imports only Typer, Rich and light
helpers at the top; the heavy libraries (SciPy, Plotly, statsmodels, the threat model) are imported
inside the commands or through ``lazy_module`` when a command first uses them.
"""

import sys

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from alliancelab.errors import AllianceLabError
from alliancelab.lazy import lazy_module  # noqa: F401 (the command modules import it from here)

console = Console()
errors = Console(stderr=True)


# options that name something a command writes: checked before the command starts its work
OUTPUT_OPTIONS = ("out", "html", "out_dir", "plot_dir", "system_out", "figure", "dropped_out")


class _Command(TyperCommand):
    """Every command: its output paths are checked before it runs."""

    def parse_args(self, ctx, args):
        # an empty path reaches the command as Path('.'), so it is refused here, on the raw words
        for param in self.params:
            if param.name in OUTPUT_OPTIONS:
                for at, word in enumerate(args):
                    if (word in param.opts and at + 1 < len(args) and not args[at + 1].strip()) or word in [
                        f"{opt}=" for opt in param.opts
                    ]:
                        fail(f"argument {param.opts[0]}='': expected a file or folder name, got an empty path")
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        from alliancelab.files import check_output

        for param in self.params:
            value = ctx.params.get(param.name)
            if param.name in OUTPUT_OPTIONS and value is not None:
                try:
                    check_output(value, param.opts[0])
                except AllianceLabError as err:
                    fail(err)
        return super().invoke(ctx)


class _Commands(TyperGroup):
    """The top-level group: every subcommand runs inside it, so its expected failures end here."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except AllianceLabError as err:
            fail(err)
        except OSError as err:
            where = f" ({err.filename})" if getattr(err, "filename", None) else ""
            fail(f"{err.strerror or err}{where}")


app = typer.Typer(
    help="alliancelab: data, measures, theories and simulations of alliances.",
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message):
    """Print one expected-failure message on stderr and exit with status 2."""
    errors.print(f"[bold red]error:[/] {escape(str(message))}", highlight=False, markup=True, soft_wrap=True)
    sys.exit(2)


def run_safely(function, *args, **kwargs):
    """Call ``function``; turn an AllianceLabError into one message on stderr and exit code 2."""
    try:
        return function(*args, **kwargs)
    except AllianceLabError as err:
        fail(err)


def _register():
    # Each subcommand group lives in its own module; importing it adds its commands to `app`.
    from alliancelab.cli import (  # noqa: F401
        alignment,  # noqa: F401
        alignments,  # noqa: F401
        dashboard,  # noqa: F401
        data,
        geopolitics,  # noqa: F401
        landscape,  # noqa: F401
        loglinear,  # noqa: F401
        measures,
        models,  # noqa: F401
        predict,  # noqa: F401
        report,
        simulate,  # noqa: F401
    )


_register()


def _use_command_class(typer_app):
    for info in typer_app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = _Command
    for group in typer_app.registered_groups:
        _use_command_class(group.typer_instance)


_use_command_class(app)


def main():
    try:
        app()
    except KeyboardInterrupt:
        errors.print("interrupted", highlight=False)
        sys.exit(130)
