"""Progress bars for the slow commands: shown on a terminal only (never when output is piped or captured)."""

from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from alliancelab.cli import console


def bar(transient=True):
    """A rich ``Progress`` on the command's console, disabled unless the console is a terminal."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=transient,
        disable=not console.is_terminal,
    )


@contextmanager
def steps(description, total=None):
    """A progress bar for ``total`` steps (None: an open-ended bar with the elapsed time).

    Yields ``advance(text=None, amount=1)``: move on (and optionally say what comes next).
    """
    with bar() as progress:
        task = progress.add_task(description, total=total)

        def advance(text=None, amount=1):
            progress.update(task, advance=amount, description=text or description)

        yield advance


def track(sequence, description, total=None):
    """Iterate ``sequence`` with a progress bar (on a terminal only)."""
    total = len(sequence) if total is None and hasattr(sequence, "__len__") else total
    with steps(description, total) as advance:
        for item in sequence:
            yield item
            advance()
