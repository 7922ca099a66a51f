"""Sweeps: configs, engines (in process, local processes, Dask), resumption."""

import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.sim import experiments, runs, sweep

CONFIG = {
    "name": "test",
    "seed": 5,
    "design": "grid",
    "replications": 3,
    "chunk_size": 2,
    "base": {"n_states": 20, "n_steps": 60},
    "grid": {"strategy_mix": [{"balance": 1.0}, {"hold": 1.0}]},
}


def test_grid_sweep_seeds_and_tables(tmp_path):
    frame = sweep.run_sweep(CONFIG, tmp_path / "a", workers=1, progress=False)
    assert list(frame["run"]) == list(range(6))
    assert list(frame["point"]) == [0, 0, 0, 1, 1, 1]
    # run k is reproducible on its own from its stored seed and parameters
    row = frame.iloc[4]
    alone = runs.run(
        json.loads(row["params"]), int(row["seed_entropy"]), spawn_key=tuple(json.loads(row["seed_spawn_key"]))
    )
    assert alone.summary["survivors"] == row["survivors"]
    assert json.loads(row["seed_spawn_key"]) == [4]
    _, series, states = sweep.load_sweep(tmp_path / "a")
    assert set(series["run"]) == set(range(6)) and len(states) == 6 * 20


def test_dask_local_cluster_gives_identical_results(tmp_path):
    distributed = pytest.importorskip("distributed")
    serial = sweep.run_sweep(CONFIG, tmp_path / "serial", workers=1, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = sweep.run_sweep(CONFIG, tmp_path / "dask", scheduler=cluster.scheduler_address, progress=False)
    pd.testing.assert_frame_equal(serial, dask, check_exact=True)
    local = sweep.run_sweep(CONFIG, tmp_path / "local", workers=2, progress=False)
    pd.testing.assert_frame_equal(serial, local, check_exact=True)


def test_resume_after_interruption_recomputes_only_missing_chunks(tmp_path):
    out = tmp_path / "r"
    calls = []

    def interrupt(done, total):
        calls.append(done)
        if done >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sweep.run_sweep(CONFIG, out, workers=1, progress=interrupt)
    finished = sorted((out / "chunks").glob("*.runs.parquet"))
    assert len(finished) == 2  # two chunks of two runs were written before the stop
    resumed = sweep.run_sweep(CONFIG, out, workers=1, progress=False)
    assert resumed.attrs["computed_runs"] == 2
    full = sweep.run_sweep(CONFIG, tmp_path / "full", workers=1, progress=False)
    pd.testing.assert_frame_equal(resumed, full, check_exact=True)
    again = sweep.run_sweep(CONFIG, out, workers=1, progress=False)
    assert again.attrs["computed_runs"] == 0


def test_a_different_config_is_refused_in_the_same_directory(tmp_path):
    sweep.run_sweep(CONFIG, tmp_path / "x", workers=1, progress=False)
    other = {**CONFIG, "seed": 6}
    with pytest.raises(ParameterError, match="different sweep"):
        sweep.run_sweep(other, tmp_path / "x", workers=1, progress=False)


def test_random_design_is_reproducible():
    config = sweep.validate_config(
        {
            "design": "random",
            "seed": 3,
            "random": {
                "n_points": 5,
                "war_threshold": [1.2, 3.0],
                "n_great_powers": [0, 4],
                "strategy_mix": [{"balance": 1.0}, {"mixed": 1.0}],
            },
        }
    )
    points = sweep.design_points(config)
    assert points == sweep.design_points(config)
    assert all(1.2 <= p["war_threshold"] <= 3.0 and p["n_great_powers"] in range(5) for p in points)


def test_random_design_from_a_file_runs_and_resumes(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(
            {
                "seed": 4,
                "design": "random",
                "chunk_size": 2,
                "base": {"n_states": 12, "n_steps": 20},
                "random": {"n_points": 3, "war_threshold": [1.0, 3.0]},
            }
        )
    )
    frame = sweep.run_sweep(path, tmp_path / "out", workers=1, progress=False)
    assert len(frame) == 3 and frame.attrs["computed_runs"] == 3
    again = sweep.run_sweep(sweep.load_config(path), tmp_path / "out", workers=1, progress=False)
    assert again.attrs["computed_runs"] == 0


def test_config_files_in_three_formats(tmp_path):
    toml = tmp_path / "s.toml"
    toml.write_text(
        "seed = 1\nreplications = 2\n[base]\nn_states = 10\nn_steps = 5\n[grid]\nwar_threshold = [1.5, 2.5]\n"
    )
    yaml_file = tmp_path / "s.yaml"
    yaml_file.write_text(
        "seed: 1\nreplications: 2\nbase: {n_states: 10, n_steps: 5}\ngrid: {war_threshold: [1.5, 2.5]}\n"
    )
    json_file = tmp_path / "s.json"
    json_file.write_text(
        json.dumps(
            {
                "seed": 1,
                "replications": 2,
                "base": {"n_states": 10, "n_steps": 5},
                "grid": {"war_threshold": [1.5, 2.5]},
            }
        )
    )
    configs = [sweep.load_config(p) for p in (toml, yaml_file, json_file)]
    assert configs[0] == configs[1] == configs[2]


@pytest.mark.parametrize(
    "text, message",
    [
        ("seed = 1\n[grid]\nwar_treshold = [1.5]\n", "unknown simulation parameter 'war_treshold'"),
        ("seed = 1\n[grid]\nwar_rate = [0.5, 2.0]\n", "design point 1"),
        ("seed = -1\n", "'seed'"),
        ("replications = 0\n", "'replications'"),
        ("design = 'latin'\n", "'design'"),
        ("colour = 'red'\n", "unknown key"),
        ("[grid]\nwar_rate = 0.5\n", "non-empty list"),
        ("seed = [unclosed\n", "cannot parse"),
    ],
)
def test_bad_configs_name_the_problem(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ParameterError, match=message) as err:
        sweep.load_config(path)
    assert "bad.toml" in str(err.value)


def test_unknown_config_format(tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("x")
    with pytest.raises(ParameterError, match="unknown format"):
        sweep.load_config(path)


def test_experiment_tables_and_curves(tmp_path):
    result = experiments.run_experiment(
        "strategies", tmp_path / "e", replications=2, n_states=20, n_steps=60, workers=1, progress=False
    )
    assert len(result.table) == 7 and (result.table["runs"] == 2).all()
    curves = result.survival
    assert curves["survival"].between(0, 1).all()
    # Kaplan-Meier curves never rise
    for _, sub in curves.groupby("condition"):
        assert (sub["survival"].diff().dropna() <= 1e-12).all()
    # pure power maximising and buck-passing worlds have no alliances
    table = result.table.set_index("condition")
    assert table.loc["hold", "mean_alliances"] == 0
    assert table.loc["balance", "mean_alliances"] > 0


def test_local_dask_engine_and_process_pool_give_identical_results(tmp_path):
    pytest.importorskip("distributed")
    pool = sweep.run_sweep(CONFIG, tmp_path / "pool", workers=2, engine="processes", progress=False)
    dask = sweep.run_sweep(CONFIG, tmp_path / "dask", workers=2, engine="dask", progress=False)
    pd.testing.assert_frame_equal(pool, dask, check_exact=True)
    with pytest.raises(ParameterError, match="engine"):
        sweep.run_sweep(CONFIG, tmp_path / "x", workers=2, engine="threads", progress=False)


def test_historical_sweep_runs_on_workers_without_the_data(tmp_path, warehouse_path):
    # Workers of this cluster point at a data folder and a warehouse that do not exist: a task
    # that read the data itself would fail there. The maps travel with the tasks instead.
    distributed = pytest.importorskip("distributed")
    config = {
        "seed": 3,
        "replications": 2,
        "chunk_size": 1,
        "base": {"geography": "historical", "n_steps": 30},
        "grid": {"start_year": [1816, 1914]},
    }
    local = sweep.run_sweep(config, tmp_path / "local", workers=1, progress=False)
    missing = str(tmp_path / "nowhere")
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=True,
            dashboard_address=None,
            env={"ALLIANCELAB_DATA": missing, "ALLIANCELAB_WAREHOUSE": missing + "/w.duckdb"},
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        # the worker really has no data: reading a map there fails
        from alliancelab.sim import runs

        failing = client.submit(runs.run, {"geography": "historical", "n_steps": 2}, 1, pure=False)
        with pytest.raises(Exception, match="nowhere|data"):
            failing.result(timeout=120)
        remote = sweep.run_sweep(config, tmp_path / "remote", scheduler=client, progress=False)
    pd.testing.assert_frame_equal(local, remote, check_exact=True)
    assert set(local["n_states"]) == {22, 20}


_PARENT = """
import os, sys, time
from alliancelab.sim import sweep
pool = sweep.process_pool(2)
futures = [pool.submit(time.sleep, 0.5) for _ in range(2)]
[f.result() for f in futures]
print(" ".join(str(pid) for pid in pool._processes), flush=True)
time.sleep(120)
"""


def _running(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


# the local Dask cluster of engine="dask"
_DASK_PARENT = """
import os, time
from distributed import Client, LocalCluster
if __name__ == "__main__":
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    print(" ".join(str(pid) for pid in client.run(os.getpid).values()), flush=True)
    time.sleep(120)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "plain-kill"])
@pytest.mark.parametrize("script", [_PARENT, _DASK_PARENT], ids=["process-pool", "dask"])
def test_workers_die_with_their_parent(script, kill, tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    (tmp_path / "parent.py").write_text(script)
    parent = subprocess.Popen(
        [sys.executable, str(tmp_path / "parent.py")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_running(pid) for pid in workers)
        parent.send_signal(kill)  # SIGKILL: no chance to clean up; SIGTERM: Python's default, no handler
        parent.wait(timeout=30)
        deadline = time.time() + 20
        while any(_running(pid) for pid in workers) and time.time() < deadline:
            time.sleep(0.2)
        assert not any(_running(pid) for pid in workers)
    finally:
        parent.kill()


def test_the_documented_cluster_example_runs(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "simulation.md").read_text()
    block = doc.split("<!-- example: cluster -->\n```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "docs/simulation.md", "exec"), {})
    assert (tmp_path / "out" / "cluster-demo" / "runs.parquet").exists()
