"""Running a sweep: one chunk of runs, written atomically; local process pools whose workers die with this
process; a Dask cluster; resumption from finished chunks.
"""

import ctypes
import json
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.errors import AllianceLabError, ParameterError, check_choice
from alliancelab.files import write_text
from alliancelab.sim import model, runs
from alliancelab.sim.sweep._config import load_config, validate_config
from alliancelab.sim.sweep._design import chunk_maps, config_hash, plan_runs
from alliancelab.sim.sweep._results import _chunk_paths, _write_atomic, combine


def run_chunk(chunk, keep_series=True, maps=None):
    """Run a list of planned runs.

    A pure function of its input: every engine calls it and gets identical tables.

    Parameters
    ----------
    chunk : list of tuple
        Planned runs (a slice of ``plan_runs``).
    keep_series : bool, default True
        Keep each run's yearly series (else the series table is empty).
    maps : dict, optional
        Historical maps from ``chunk_maps``, so the worker reads no data files.

    Returns
    -------
    runs, series, states : pandas.DataFrame
        One row per run (design values, entropy, summary); the runs' series; their states, each with a
        ``run`` column.
    """
    rows, series, states = [], [], []
    maps = maps or {}
    for k, p, r, params, entropy, key in chunk:
        geography = (
            maps.get((params["start_year"], params["region"], params["max_conttype"]))
            if params["geography"] == "historical"
            else None
        )
        result = runs.run(params, entropy, spawn_key=key, geography=geography)
        row = {
            "run": k,
            "point": p,
            "replication": r,
            "seed_entropy": entropy,
            "seed_spawn_key": json.dumps(list(key)),
            "model_version": model.MODEL_VERSION,
            "params": json.dumps(params, sort_keys=True),
        }
        row.update({key_: v for key_, v in result.summary.items()})
        rows.append(row)
        if keep_series:
            s = result.series.copy()
            s.insert(0, "run", k)
            series.append(s)
        st = result.states.copy()
        st.insert(0, "run", k)
        states.append(st)
    frame = pd.DataFrame(rows)
    for col in ("hegemon_step", "hegemon_state"):
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64")
    empty = pd.DataFrame({"run": pd.Series([], dtype=np.int64)})
    return (frame, pd.concat(series, ignore_index=True) if series else empty, pd.concat(states, ignore_index=True))


def _prepare(config, out, restart=False):
    out = Path(out)
    (out / "chunks").mkdir(parents=True, exist_ok=True)
    manifest = out / "sweep.json"
    digest = config_hash(config)
    if manifest.exists():
        try:
            old = json.loads(manifest.read_text())
        except ValueError:
            old = {}
        if old.get("hash") != digest:
            if not restart:
                raise ParameterError(
                    f"{out}: holds results of a different sweep (config hash "
                    f"{old.get('hash')} != {digest}); use a new output directory or restart"
                )
            for f in (out / "chunks").glob("chunk-*"):
                f.unlink()
    write_text(
        manifest,
        json.dumps({"hash": digest, "model_version": model.MODEL_VERSION, "config": config}, indent=2, sort_keys=True),
    )
    return out


def _die_with_parent(parent):
    """Pool worker initializer: end this worker when the process that started it dies."""
    if sys.platform.startswith("linux"):
        try:  # noqa: SIM105 (the except line carries the coverage pragma)
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watch thread does it
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="alliancelab-parent-watch", daemon=True).start()


def process_pool(workers):
    """A local process pool whose workers die with this process.

    Parameters
    ----------
    workers : int
        Number of worker processes.

    Returns
    -------
    concurrent.futures.ProcessPoolExecutor
    """
    import multiprocessing

    # fork: workers inherit the loaded kernel; "spawn" where fork does not exist
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


def run_sweep(config, out, workers=None, scheduler=None, progress=True, restart=False, engine="processes"):
    """Run (or resume) a sweep into a directory.

    Finished chunks in ``out`` are skipped; at the end the chunks are combined into ``runs.parquet``,
    ``series.parquet`` and ``states.parquet``.

    Parameters
    ----------
    config : dict or path
        The sweep config, or a file holding it.
    out : str or path
        Output directory.
    workers : int, optional
        Local processes (default all cores; 1 = in this process).
    scheduler : str or distributed.Client, optional
        Dask scheduler address (``tcp://...``) or client, to use an existing cluster instead.
    progress : bool or callable, default True
        True for a progress bar, False for none, or a callable(done, total).
    restart : bool, default False
        When ``out`` holds chunks of a different config, discard them instead of refusing.
    engine : {"processes", "dask"}, default "processes"
        A local process pool or a local Dask cluster of ``workers`` processes, when ``workers`` > 1.

    Returns
    -------
    pandas.DataFrame
        The runs table; ``attrs["computed_runs"]`` counts the runs computed in this call.
    """
    check_choice("engine", engine, ("processes", "dask"))
    if not isinstance(config, dict):
        config = load_config(config)
    else:
        config = validate_config(config)
    out = _prepare(config, out, restart=restart)
    plan = plan_runs(config)
    size = config["chunk_size"]
    chunks = [plan[i : i + size] for i in range(0, len(plan), size)]
    todo = [c for c in range(len(chunks)) if not _chunk_paths(out, c)["runs"].exists()]
    done_runs = len(plan) - sum(len(chunks[c]) for c in todo)
    bar, callback = _progress(progress, len(plan), done_runs)

    def store(c, tables):
        nonlocal done_runs
        paths = _chunk_paths(out, c)
        frame, series, states = tables
        _write_atomic(series, paths["series"])
        _write_atomic(states, paths["states"])
        _write_atomic(frame, paths["runs"])  # written last: marks the chunk finished
        done_runs += len(chunks[c])
        callback(done_runs)

    keep = config["keep_series"]
    maps = {c: chunk_maps(chunks[c]) for c in todo}  # read here: tasks carry them
    try:
        if not todo:
            pass
        elif scheduler:
            _run_dask(scheduler, chunks, todo, keep, maps, store)
        elif (workers or os.cpu_count() or 1) <= 1 or len(todo) == 1:
            for c in todo:
                store(c, run_chunk(chunks[c], keep, maps[c]))
        elif engine == "dask":
            from distributed import LocalCluster

            n = min(workers or os.cpu_count() or 1, len(todo))
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                _run_dask(cluster.scheduler_address, chunks, todo, keep, maps, store)
        else:
            n = min(workers or os.cpu_count() or 1, len(todo))
            with process_pool(n) as pool:
                futures = {pool.submit(run_chunk, chunks[c], keep, maps[c]): c for c in todo}
                for future in as_completed(futures):
                    store(futures[future], future.result())
    finally:
        if bar is not None:
            bar.stop()
    frame = combine(out, len(chunks))
    frame.attrs["computed_runs"] = sum(len(chunks[c]) for c in todo)
    return frame


def _run_dask(scheduler, chunks, todo, keep, maps, store):
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:  # pragma: no cover - dask[distributed] is a dependency
        raise AllianceLabError("the Dask engine needs 'distributed' installed") from None
    try:
        client = scheduler if hasattr(scheduler, "submit") else Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as err:
        raise AllianceLabError(f"cannot reach Dask scheduler {scheduler}: {err}") from None
    try:
        futures = {client.submit(run_chunk, chunks[c], keep, maps[c], pure=False): c for c in todo}
        for future in dask_completed(futures):
            store(futures[future], future.result())
    finally:
        if client is not scheduler:
            client.close()


def _progress(progress, total, done):
    if callable(progress):
        progress(done, total)
        return None, lambda d: progress(d, total)
    if not progress:
        return None, lambda d: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("sweep"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    task = bar.add_task("runs", total=total, completed=done)
    bar.start()
    return bar, lambda d: bar.update(task, completed=d)
