"""No module in src/ over 400 lines without a reason stated in its docstring.

A module longer than ``MAX_LINES`` is split along its seams (a package of private submodules whose
``__init__`` re-exports the public names) unless its module docstring says why it is not, with the
words "Kept in one module because ...".
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "alliancelab"
MAX_LINES = 400
REASON = "Kept in one module because"


def _lines(path):
    return len(path.read_text(encoding="utf-8").splitlines())


def offenders():
    """(relative path, lines) of every module over the limit whose docstring gives no reason."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        n = _lines(path)
        if n <= MAX_LINES:
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        if REASON not in " ".join(docstring.split()):
            found.append((relative, n))
    return found


def test_no_long_module_without_a_stated_reason():
    found = offenders()
    assert not found, (
        f"modules over {MAX_LINES} lines whose docstring does not say '{REASON} ...'; split them along their "
        "seams or state the reason:\n" + "\n".join(f"  src/alliancelab/{path}: {n} lines" for path, n in found)
    )


def test_the_checker_counts_lines_and_reads_the_reason(tmp_path):
    long_module = tmp_path / "long.py"
    long_module.write_text('"""A module."""\n' + "x = 1\n" * MAX_LINES)
    assert _lines(long_module) == MAX_LINES + 1
    reasoned = '"""A module.\n\nKept in one module\nbecause it is one table.\n"""\n'
    assert REASON in " ".join((ast.get_docstring(ast.parse(reasoned)) or "").split())
