"""Every Python example of docs/prediction.md runs."""

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "prediction.md"


def _examples():
    if not PAGE.exists():
        return []
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(), flags=re.S)


@pytest.mark.parametrize("code", _examples())
def test_docs_example_runs(code, warehouse_path):
    exec(compile(code, str(PAGE), "exec"), {})
