"""Start-up of the command line: light imports, so a one-state threat lookup runs well under a second.

The gain (``bench/cli_startup.py``) rests on the CLI module and the top-threats path never importing
the heavy libraries; these tests fail as soon as an eager import creeps back in.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import alliancelab
from alliancelab.cli import app, lazy_module
from alliancelab.measures import threat
from alliancelab.panels.lookup import Lookup

runner = CliRunner()
SOURCE = str(Path(alliancelab.__file__).resolve().parents[1])
HEAVY = ("scipy.optimize", "scipy.special", "plotly", "statsmodels", "sklearn", "numba", "networkx")


def _imported_after(code):
    """The HEAVY modules (and the threat package) in sys.modules after ``code`` runs in a fresh process."""
    probe = (
        f"import json, sys\n{code}\n"
        f"print(json.dumps([m for m in {HEAVY + ('alliancelab.measures.threat',)!r} if m in sys.modules]))"
    )
    env = dict(os.environ, PYTHONPATH=SOURCE)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_cli_imports_no_heavy_library():
    assert _imported_after("import alliancelab.cli") == []


def test_the_top_threats_path_imports_no_heavy_library(warehouse_path):
    code = (
        "from typer.testing import CliRunner\nfrom alliancelab.cli import app\n"
        f"words = ['measures', 'top-threats', '1950', 'USA', '--warehouse', {str(warehouse_path)!r}]\n"
        "result = CliRunner().invoke(app, words)\n"
        "assert result.exit_code == 0, result.output"
    )
    assert _imported_after(code) == ["alliancelab.measures.threat"]


def test_help_still_lists_every_group_and_command():
    from typer.main import get_command

    top = get_command(app)
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in top.commands:
        assert name in result.output
    measures = runner.invoke(app, ["measures", "--help"])
    for name in ("capabilities", "threat", "top-threats", "validate-threat", "similarity", "network", "plots"):
        assert name in measures.output


def test_cli_defaults_agree_with_the_library():
    from alliancelab.cli import measures

    assert measures.DEFAULT_FORM == threat.DEFAULT_FORM


def test_lazy_module_imports_on_first_use():
    module = lazy_module("alliancelab.measures.threat")
    assert "lazy module" in repr(module)
    assert module.top_threats is threat.top_threats


def test_top_threats_accepts_a_represented_state_with_the_library_note(warehouse_path):
    # occupied Japan 1950: not a COW member, but the threat model represents it (the library scores it)
    result = runner.invoke(
        app, ["measures", "top-threats", "1950", "JPN", "--k", "3", "--warehouse", str(warehouse_path)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    note = threat.represented_note(Lookup.get(warehouse_path), 740, 1950)
    assert note.startswith("Japan (JPN, 740) is not a state-system member in 1950") and "1946-1951" in note
    assert f"note: {note}" in text
    library = threat.top_threats(1950, "JPN", k=3, warehouse=warehouse_path, walt_components=False)
    table = text[text.index("Top threats to Japan (JPN, 740) in 1950") :]
    shown = [table.index(f" {Lookup.get(warehouse_path).abbreviation(c)} ") for c in library["ccode2"]]
    assert shown == sorted(shown)  # the library's ranking, in its order
    assert library["ccode2"].tolist()[:2] == [365, 710]  # the Soviet Union, then China


def test_top_threats_still_refuses_what_the_library_refuses(warehouse_path):
    # Estonia 1950 (annexed: not represented) is refused; a represented state is accepted under every form
    estonia = runner.invoke(app, ["measures", "top-threats", "1950", "EST", "--warehouse", str(warehouse_path)])
    assert estonia.exit_code == 2 and "not a system member in 1950" in estonia.output
    additive = runner.invoke(
        app, ["measures", "top-threats", "1950", "GFR", "--form", "additive", "--warehouse", str(warehouse_path)]
    )
    assert additive.exit_code == 0 and "note: " in additive.output, additive.output
    assert "RUS (365)" in additive.output
    member = runner.invoke(app, ["measures", "top-threats", "1950", "USA", "--warehouse", str(warehouse_path)])
    assert member.exit_code == 0 and "note:" not in member.output
