"""Shared fixtures: one warehouse built from the real data mirror for the whole session.

The warehouse goes to a temporary folder named in $ALLIANCELAB_WAREHOUSE before any test runs, so
code that opens the default warehouse (``connect()``, ``Lookup.get()``) uses the same file.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from alliancelab.data import warehouse as wh

_FOLDER = Path(tempfile.mkdtemp(prefix="alliancelab-tests-"))
os.environ["ALLIANCELAB_WAREHOUSE"] = str(_FOLDER / "alliancelab.duckdb")


def pytest_unconfigure(config):
    shutil.rmtree(_FOLDER, ignore_errors=True)


@pytest.fixture(scope="session")
def warehouse_path():
    path = Path(os.environ["ALLIANCELAB_WAREHOUSE"])
    wh.build_warehouse(warehouse=path)
    return path


@pytest.fixture(scope="session")
def con(warehouse_path):
    connection = wh.connect(warehouse_path)
    yield connection
    connection.close()
