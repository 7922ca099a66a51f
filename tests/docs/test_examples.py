"""Run every command and Python example in README.md and docs/*.md, so that no example can rot.

What is run (the rules, also stated in docs/about.md):

- ```` ```python ```` blocks: executed in page order in one namespace per page, in a fresh temporary
  folder (relative output paths such as ``out/`` land there; ``docs/`` in it points at the repository's
  docs folder so that example configs such as ``docs/simulation/tribute.yaml`` resolve).
- Shell blocks (```` ```bash ````, ```` ```console ````, ```` ```sh ```` or a fence without a language): every
  line that starts with ``alliancelab`` or ``$ alliancelab`` is a command, run in-process through
  Typer's ``CliRunner`` against the test warehouse, in the page's temporary folder. A line ending in
  ``\\`` continues on the next line; ``# ...`` comments are dropped; optional parts written as a usage
  synopsis in square brackets (``[--out DIR]``) are dropped, so the command runs with its defaults.
  A command whose next line in the block starts with ``error:`` is an example of an expected failure:
  it must exit with status 2 and print that message. Every other command must exit 0.
- Set-up lines (``make``, ``pip``, ``apt-get``, ``python``, ``dask``, ...) and output lines are not run:
  only ``alliancelab`` commands are.
- A block preceded by ``<!-- no-run: reason -->`` (the last non-blank line before the fence) is not
  run; the reason is required and shown in the test report.
"""

import re
import shlex
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
SHELL = {"", "bash", "console", "sh", "shell"}
NO_RUN = re.compile(r"^<!--\s*no-run:\s*(?P<reason>\S.*?)\s*-->$")
FENCE = re.compile(r"^(?P<fence>```+|~~~+)\s*(?P<info>[\w+-]*)")


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    info: str
    text: str
    skip: str  # the no-run reason, '' when the block runs


def blocks(page):
    """Every fenced block of a Markdown page, with its language and any no-run reason."""
    lines = page.read_text().splitlines()
    found, i = [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, start = match["fence"], i
        previous = next((lines[k].strip() for k in range(start - 1, -1, -1) if lines[k].strip()), "")
        skip = NO_RUN.match(previous)
        i += 1
        body = []
        while i < len(lines) and not lines[i].startswith(fence):
            body.append(lines[i])
            i += 1
        found.append(Block(page, start + 1, match["info"].lower(), "\n".join(body), skip["reason"] if skip else ""))
        i += 1
    return found


def _drop_optional(line):
    # Usage synopses write optional parts in square brackets: drop them (innermost first).
    previous = None
    while previous != line:
        previous, line = line, re.sub(r"\s*\[[^\[\]]*\]", "", line)
    return line


def commands(block):
    """The ``alliancelab`` commands of a shell block: (argv, expected error or '')."""
    lines, joined = block.text.splitlines(), []
    for raw in lines:
        if joined and joined[-1].endswith("\\"):
            joined[-1] = joined[-1][:-1] + " " + raw.strip()
        else:
            joined.append(raw.strip())
    found = []
    for k, line in enumerate(joined):
        line = line[2:] if line.startswith("$ ") else line
        if not (line == "alliancelab" or line.startswith("alliancelab ")):
            continue
        argv = shlex.split(_drop_optional(line), comments=True)[1:]
        following = joined[k + 1] if k + 1 < len(joined) else ""
        expected = following[len("error:") :].strip() if following.startswith("error:") else ""
        found.append((argv, expected))
    return found


def _examples(page):
    chosen = [b for b in blocks(page) if b.info == "python" or (b.info in SHELL and commands(b))]
    return chosen


CASES = [page for page in PAGES if _examples(page)]


@pytest.fixture
def page_folder(tmp_path, monkeypatch, warehouse_path):
    (tmp_path / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run_python(block, namespace):
    code = compile("\n" * (block.line) + block.text, str(block.page), "exec")
    try:
        exec(code, namespace)
    except Exception:
        pytest.fail(f"{block.page.name}:{block.line}: the Python example failed:\n{traceback.format_exc(limit=-4)}")


def _run_commands(block, runner):
    from alliancelab.cli import app

    for argv, expected in commands(block):
        where = f"{block.page.name}:{block.line}: alliancelab {shlex.join(argv)}"
        result = runner.invoke(app, argv)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            pytest.fail(f"{where} raised:\n" + "".join(traceback.format_exception(result.exception, limit=-4)))
        if expected:
            assert result.exit_code == 2, f"{where}: expected exit status 2, got {result.exit_code}\n{result.output}"
            assert " ".join(expected.split()) in " ".join(result.output.split()), (
                f"{where}: expected '{expected}' in\n{result.output}"
            )
        else:
            assert result.exit_code == 0, f"{where}: exit status {result.exit_code}\n{result.output}"


@pytest.mark.parametrize("page", CASES, ids=[p.relative_to(ROOT).as_posix() for p in CASES])
def test_page_examples_run(page, page_folder):
    runner = CliRunner()
    namespace = {"__name__": "__docs__"}
    skipped = []
    for block in _examples(page):
        if block.skip:
            skipped.append(f"{block.page.name}:{block.line} ({block.skip})")
            continue
        if block.info == "python":
            _run_python(block, namespace)
        else:
            _run_commands(block, runner)
    if skipped:
        print("not run, as marked in the page: " + "; ".join(skipped))


def test_rules_find_the_examples():
    # The parser must see the README's examples: a Python block and the commands in the Use section.
    readme = _examples(ROOT / "README.md")
    assert any(b.info == "python" for b in readme)
    argvs = [argv for b in readme if b.info in SHELL for argv, _ in commands(b)]
    assert ["report", "1914"] in argvs
    synopsis = Block(
        ROOT,
        1,
        "",
        "alliancelab morrow [--threshold 0.10] [--out DIR]  # note\n"
        "$ alliancelab data build --data /x\nerror: data directory /x lacks",
        "",
    )
    assert commands(synopsis) == [(["morrow"], ""), (["data", "build", "--data", "/x"], "data directory /x lacks")]


def test_no_run_markers_give_a_reason():
    for page in PAGES:
        for line in page.read_text().splitlines():
            if "no-run" in line and line.strip().startswith("<!--"):
                assert NO_RUN.match(line.strip()), f"{page.name}: a no-run marker needs a reason: {line.strip()}"
