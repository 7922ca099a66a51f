"""Progress bars appear on a terminal and never in piped or captured output."""

import io

from rich.console import Console
from typer.testing import CliRunner

from alliancelab.cli import app, progress


def _run(monkeypatch, terminal):
    stream = io.StringIO()
    monkeypatch.setattr(progress, "console", Console(file=stream, force_terminal=terminal, width=100))
    with progress.steps("scoring threats", total=2) as advance:
        advance("fitting")
        advance()
    assert list(progress.track(range(3), "years")) == [0, 1, 2]
    return stream.getvalue()


def test_a_bar_on_a_terminal_only(monkeypatch):
    assert "scoring threats" in _run(monkeypatch, terminal=True) or "fitting" in _run(monkeypatch, terminal=True)
    assert _run(monkeypatch, terminal=False) == ""


def test_captured_command_output_has_no_bar(warehouse_path):
    out = CliRunner().invoke(
        app, ["measures", "top-threats", "1913", "France", "--k", "2", "--warehouse", str(warehouse_path)]
    )
    assert out.exit_code == 0, out.output
    assert "scoring the threats" not in out.output and "Top threats to France (FRN, 220) in 1913" in out.output
