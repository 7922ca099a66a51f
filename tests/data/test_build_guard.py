"""Warehouse builds: one at a time, killed builds cleaned up on the next one, SIGTERM and Ctrl-C stop a
build cleanly with the previous warehouse intact."""

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from alliancelab.data import build_guard
from alliancelab.data import warehouse as wh
from alliancelab.errors import WarehouseError


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_second_build_waits_for_the_lock_and_says_so(tmp_path, monkeypatch):
    target = tmp_path / "w.duckdb"
    monkeypatch.setattr(build_guard, "LOCK_TIMEOUT_S", 0.3)
    with open(build_guard.lock_path(target), "a+") as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        with (
            pytest.raises(WarehouseError, match=r"another build of .* holds .*w\.duckdb\.lock"),
            build_guard.build_lock(target, timeout_s=0.3),
        ):
            pass


def test_temporary_files_of_killed_builds_are_removed_by_the_next_build(warehouse_path):
    stale = [
        warehouse_path.with_name(f".{warehouse_path.name}.999999.building"),
        warehouse_path.with_name(f".{warehouse_path.name}.999999.building.wal"),
    ]
    for path in stale:
        path.write_bytes(b"left by kill -9")
    other = warehouse_path.with_name("unrelated.building")
    other.write_text("not ours")
    path, built = wh.build_warehouse(warehouse=warehouse_path)
    assert path == warehouse_path and built is False
    assert not any(p.exists() for p in stale)
    assert other.exists()
    other.unlink()


@pytest.mark.parametrize("how, words", [(signal.SIGTERM, "signal SIGTERM"), (signal.SIGINT, "Ctrl-C (SIGINT)")])
def test_a_signal_stops_the_build_cleanly(tmp_path, warehouse_path, how, words):
    target = tmp_path / "w.duckdb"
    shutil.copy(warehouse_path, target)
    before = digest(target)
    env = dict(os.environ, ALLIANCELAB_WAREHOUSE=str(target))
    build = subprocess.Popen(
        [sys.executable, "-m", "alliancelab.cli", "data", "build", "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".w.duckdb.*.building")):
        time.sleep(0.05)
    assert list(tmp_path.glob(".w.duckdb.*.building")), "the build never started writing"
    time.sleep(0.3)
    build.send_signal(how)
    _out, err = build.communicate(timeout=60)
    err = err.decode(errors="replace")
    assert build.returncode == 2, err
    assert words in err and "previous warehouse is unchanged" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob(".w.duckdb.*.building*"))
    assert digest(target) == before
