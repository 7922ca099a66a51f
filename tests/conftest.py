"""Shared fixtures: one warehouse built from the real data mirror for the whole session."""

import os

import pytest

from alliancelab.data import warehouse as wh


@pytest.fixture(scope="session")
def warehouse_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("warehouse") / "alliancelab.duckdb"
    wh.build_warehouse(warehouse=path)
    os.environ["ALLIANCELAB_WAREHOUSE"] = str(path)
    return path


@pytest.fixture(scope="session")
def con(warehouse_path):
    connection = wh.connect(warehouse_path)
    yield connection
    connection.close()
