"""Every code example of docs/peacesciencer.md and of the new panel modules' docstrings runs."""

import contextlib
import doctest
import io
import re
from pathlib import Path

import pytest

from alliancelab.panels import generic, gw, leaders

PAGE = Path(__file__).resolve().parents[2] / "docs" / "peacesciencer.md"


def test_page_examples_run(warehouse_path):
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(), flags=re.S)
    assert len(blocks) >= 3
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, str(PAGE), "exec"), {})
    text = printed.getvalue()
    assert "[260, 255, 679]" in text and "[260, <NA>]" in text  # the values the page states
    assert "@article{leeds2002atop" not in text and "@misc{cow2017states" in text


@pytest.mark.parametrize("module", [gw, generic, leaders], ids=lambda m: m.__name__)
def test_docstring_examples_run(warehouse_path, module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
