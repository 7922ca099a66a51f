"""The examples of the 'States by name' and 'Measures as panel steps' sections of docs/data_and_panels.md run."""

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

PAGE = Path(__file__).resolve().parents[2] / "docs" / "data_and_panels.md"


def _blocks(language):
    text = PAGE.read_text()
    body = text[text.index("## States by name") : text.index("## Benchmark")]
    return re.findall(rf"```{language}\n(.*?)```", body, flags=re.S)


def test_the_python_examples_run(warehouse_path, monkeypatch, capsys):
    monkeypatch.setenv("ALLIANCELAB_WAREHOUSE", str(warehouse_path))
    blocks = _blocks("python")
    assert len(blocks) == 2
    for code in blocks:
        exec(compile(code, str(PAGE), "exec"), {})
    printed = capsys.readouterr().out
    assert "260" in printed and "did you mean Germany (GMY, 255)" in printed and "add_threat(self" in printed


@pytest.mark.parametrize("line", [line for block in _blocks("bash") for line in block.splitlines() if line.strip()])
def test_the_commands_run(warehouse_path, monkeypatch, tmp_path, line):
    from alliancelab.cli import app

    monkeypatch.setenv("ALLIANCELAB_WAREHOUSE", str(warehouse_path))
    monkeypatch.chdir(tmp_path)
    words = shlex.split(line)
    assert words[0] == "alliancelab"
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == 0, result.output
