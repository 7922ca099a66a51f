"""Parameter sweeps: grid or random designs of many runs, on local cores or a Dask cluster.

A sweep is described by a config (TOML, YAML or JSON file, or a dict)::

    name = "balance-vs-bandwagon"
    seed = 2024                 # root entropy of every run's SeedSequence
    design = "grid"             # or "random"
    replications = 20           # runs per design point
    chunk_size = 8              # runs per stored chunk (the unit of work and of resumption)
    common_random_numbers = false
    [base]                      # SimParams shared by every run
    n_states = 50
    n_steps = 400
    [grid]                      # design = "grid": every combination of these lists
    strategy_mix = [{balance = 1.0}, {bandwagon = 1.0}]
    war_threshold = [1.5, 3.0]
    [random]                    # design = "random": n_points draws; [low, high] = uniform,
    n_points = 100              # a list of other values = choice among them
    war_threshold = [1.2, 3.0]
    strategy_mix = [{balance = 1.0}, {mixed = 1.0}]

Run k (points in design order, replications inside) gets the seed ``SeedSequence(seed,
spawn_key=(k,))`` -- or ``(replication,)`` with ``common_random_numbers = true``, so that every
design point sees the same maps and draws (a paired comparison). Results therefore do not depend
on which engine or worker computed a run.

Engines: ``workers=1`` runs in this process; ``workers=N`` (default: all cores) uses a local
process pool (``engine="processes"``) or a local Dask cluster of N worker processes
(``engine="dask"``); ``scheduler="tcp://host:8786"`` (or a ``distributed.Client``) sends chunks
to an existing Dask cluster. Every engine gives identical tables. What a task needs travels with
it: its parameters and seeds, and for historical maps the map itself (read here, from this
process's warehouse), so workers need neither the data files nor a shared disk; they return
tables, and this process writes them. The compiled kernel releases the interpreter lock, so a
Dask worker with several threads runs as many simulations at once. Local pool workers die with
this process (``PR_SET_PDEATHSIG`` on Linux, and a thread that watches the parent everywhere). Each finished chunk is
written atomically to ``OUT/chunks/``; re-running the same config into the same directory skips
finished chunks (resumable), and a different config in the same directory is refused. At the end
the chunks are combined into ``OUT/runs.parquet`` (one row per run: design values, seed, summary),
``OUT/series.parquet`` and ``OUT/states.parquet``.
"""

import ctypes
import hashlib
import itertools
import json
import os
import signal
import sys
import threading
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.errors import AllianceLabError, ParameterError, check_choice
from alliancelab.files import atomic_path, write_text
from alliancelab.limits import check_memory
from alliancelab.sim import model, runs
from alliancelab.sim.model import SimParams

CONFIG_KEYS = {
    "name",
    "seed",
    "design",
    "replications",
    "chunk_size",
    "common_random_numbers",
    "base",
    "grid",
    "random",
    "keep_series",
}


def load_config(path):
    """Read and validate a sweep config from a file.

    Parameters
    ----------
    path : str or path
        A ``.toml``, ``.yaml``/``.yml`` or ``.json`` file.

    Returns
    -------
    dict
        The validated config (``validate_config``).

    Raises
    ------
    ParameterError
        Naming the file when it is missing, of an unknown format, unparsable or invalid.
    """
    path = Path(path)
    if not path.exists():
        raise ParameterError(f"sweep config {path}: no such file")
    suffix = path.suffix.lower()
    text = path.read_bytes()
    try:
        if suffix == ".toml":
            config = tomllib.loads(text.decode("utf-8"))
        elif suffix in (".yaml", ".yml"):
            import yaml

            config = yaml.safe_load(text)
        elif suffix == ".json":
            config = json.loads(text)
        else:
            raise ParameterError(
                f"sweep config {path}: unknown format {suffix!r}; expected .toml, .yaml, .yml or .json"
            )
    except ParameterError:
        raise
    except Exception as err:  # parser errors of three libraries
        raise ParameterError(f"sweep config {path}: cannot parse ({err})") from None
    return validate_config(config, source=str(path))


def _int(config, key, source, default, low):
    value = config.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ParameterError(f"{source}: '{key}' = {value!r}, expected an integer >= {low}")
    return value


def validate_config(config, source="sweep config"):
    """Check a sweep config and return it normalised, with defaults filled in.

    Parameters
    ----------
    config : dict
        The settings of the module description: name, root entropy, design ("grid" or "random"),
        replications, chunk_size, common_random_numbers, keep_series, base, grid, random.
    source : str, default "sweep config"
        What the config came from, named in error messages.

    Returns
    -------
    dict
        The config with every key present; every design point is checked as simulation parameters and
        the sweep's memory estimate against the limit (``check_sweep_memory``).

    Raises
    ------
    ParameterError
        Naming the key (and design point) that is wrong.

    Examples
    --------
    >>> cfg = validate_config({"grid": {"war_threshold": [1.5, 3.0]}, "replications": 2})
    >>> cfg["design"], cfg["chunk_size"]
    ('grid', 8)
    """
    if not isinstance(config, dict):
        raise ParameterError(f"{source}: expected a table of settings, got {type(config).__name__}")
    unknown = sorted(set(config) - CONFIG_KEYS)
    if unknown:
        raise ParameterError(f"{source}: unknown key(s) {unknown}; expected some of {sorted(CONFIG_KEYS)}")
    out = {
        "name": str(config.get("name", "sweep")),
        "seed": _int(config, "seed", source, 0, 0),
        "design": config.get("design", "grid"),
        "replications": _int(config, "replications", source, 1, 1),
        "chunk_size": _int(config, "chunk_size", source, 8, 1),
        "common_random_numbers": bool(config.get("common_random_numbers", False)),
        "keep_series": bool(config.get("keep_series", True)),
        "base": config.get("base", {}) or {},
    }
    if out["design"] not in ("grid", "random"):
        raise ParameterError(f"{source}: 'design' = {out['design']!r}, expected 'grid' or 'random'")
    if not isinstance(out["base"], dict):
        raise ParameterError(f"{source}: [base] must be a table of simulation parameters")
    known = {f for f in SimParams.__dataclass_fields__}
    section = out["design"]
    spec = config.get(section, {}) or {}
    if not isinstance(spec, dict):
        raise ParameterError(f"{source}: [{section}] must be a table")
    other = "random" if section == "grid" else "grid"
    if config.get(other):
        raise ParameterError(f"{source}: design is {section!r} but a [{other}] table is given")
    spec = dict(spec)
    n_points = None
    if section == "random":
        n_points = _int(spec, "n_points", f"{source} [random]", 1, 1)
        spec.pop("n_points", None)
    for key in list(out["base"]) + list(spec):
        if key not in known:
            raise ParameterError(f"{source}: unknown simulation parameter {key!r}; expected some of {sorted(known)}")
    for key, values in spec.items():
        if not isinstance(values, list) or not values:
            raise ParameterError(
                f"{source} [{section}]: {key} = {values!r}, expected a non-empty "
                "list" + (" ([low, high] or choices)" if section == "random" else "")
            )
    if section == "random":
        spec["n_points"] = n_points
    out[section] = spec
    check_sweep_memory(out, source)
    points = design_points(out)
    for k, point in enumerate(points):
        try:
            SimParams.from_dict({**out["base"], **point})
        except ParameterError as err:
            raise ParameterError(f"{source}: design point {k} ({json.dumps(point, sort_keys=True)}): {err}") from None
    return out


# bytes a planned run costs besides its tables: its design point, parameters, seeds and summary row
RUN_OVERHEAD_BYTES = 8 * 2**10


def _largest(config, key):
    """The largest value ``key`` takes in the design (for a memory bound)."""
    spec = SimParams.__dataclass_fields__[key]
    low, high = spec.metadata["low"], spec.metadata["high"]
    values = [config["base"].get(key, spec.default)] + list(config[config["design"]].get(key, []))
    # values outside the parameter's range are refused later, with the range in the message
    usable = [
        int(v)
        for v in values
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and low <= v <= high
    ]
    return max(usable) if usable else spec.default


def n_design_points(config):
    """How many design points a validated config has, without making them.

    Parameters
    ----------
    config : dict
        A validated config (``validate_config``).

    Returns
    -------
    int
        ``n_points`` for a random design; the product of the list lengths for a grid.

    Examples
    --------
    >>> n_design_points(validate_config({"grid": {"war_threshold": [1.5, 3.0], "n_states": [20, 30, 40]}}))
    6
    """
    if config["design"] == "random":
        return config["random"]["n_points"]
    return int(np.prod([len(v) for v in config["grid"].values()], dtype=object)) if config["grid"] else 1


def check_sweep_memory(config, source="sweep config"):
    """Refuse a sweep whose plan and combined tables would not fit in memory, before making either.

    The estimate is points x replications x (a planned run's overhead + the runs', series' and states'
    rows of one run of the largest n_states and n_steps in the design); the limit is
    ``limits.memory_limit()`` (``$ALLIANCELAB_MAX_MEMORY``).

    Parameters
    ----------
    config : dict
        A validated config (``validate_config``).
    source : str, default "sweep config"
        What the config came from, named in the error message.

    Returns
    -------
    int
        The estimate in bytes.

    Raises
    ------
    ParameterError
        When the estimate exceeds the limit.

    Examples
    --------
    >>> cfg = validate_config({"design": "random", "random": {"n_points": 10, "war_threshold": [1, 3]}})
    >>> check_sweep_memory(cfg) < 2**30
    True
    """
    n_runs = n_design_points(config) * config["replications"]
    n_states, n_steps = _largest(config, "n_states"), _largest(config, "n_steps")
    per_run = RUN_OVERHEAD_BYTES + 16 * 8 * n_states
    if config["keep_series"]:
        per_run += (n_steps + 1) * (len(model.SERIES_COLUMNS) + 1) * 8
    return check_memory(
        "n_points" if config["design"] == "random" else "[grid]",
        n_runs * per_run,
        f"{source}: {n_runs:,} runs ({n_design_points(config):,} design points x "
        f"{config['replications']:,} replications)",
    )


def design_points(config):
    """The design points of a config, in a fixed order.

    A grid gives every combination of its lists (keys sorted); a random design draws ``n_points`` points
    from a generator fixed by the config's root entropy: ``[low, high]`` of numbers is a uniform draw
    (integers when both are integers), any other list a choice among its values.

    Parameters
    ----------
    config : dict
        A validated config (``validate_config``).

    Returns
    -------
    list of dict
        One dict of parameter values per design point.

    Examples
    --------
    >>> design_points(validate_config({"grid": {"war_threshold": [1.5, 3.0]}}))
    [{'war_threshold': 1.5}, {'war_threshold': 3.0}]
    """
    if config["design"] == "grid":
        keys = sorted(config["grid"])
        return [dict(zip(keys, combo)) for combo in itertools.product(*(config["grid"][k] for k in keys))] or [{}]
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(config["seed"], spawn_key=(2**32 - 1,))))
    keys = sorted(k for k in config["random"] if k != "n_points")
    points = []
    for _ in range(config["random"]["n_points"]):
        point = {}
        for key in keys:
            values = config["random"][key]
            numeric = len(values) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
            if numeric:
                low, high = values
                if isinstance(low, int) and isinstance(high, int):
                    point[key] = int(rng.integers(low, high + 1))
                else:
                    point[key] = float(low + (high - low) * rng.random())
            else:
                point[key] = values[int(rng.integers(len(values)))]
        points.append(point)
    return points


def config_hash(config):
    """A short fingerprint of a config, to refuse mixing two sweeps in one directory.

    Parameters
    ----------
    config : dict
        A validated config.

    Returns
    -------
    str
        The first 16 hex digits of the SHA-256 of the config as sorted JSON.

    Examples
    --------
    >>> len(config_hash(validate_config({})))
    16
    """
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


def plan_runs(config):
    """Every run of a sweep, in run order.

    Run k (points in design order, replications inside) gets spawn key ``(k,)``, or ``(replication,)``
    with ``common_random_numbers``, under the config's root entropy.

    Parameters
    ----------
    config : dict
        A validated config (``validate_config``).

    Returns
    -------
    list of tuple
        ``(run, point, replication, params_dict, entropy, spawn_key)`` per run.

    Examples
    --------
    >>> plan = plan_runs(validate_config({"grid": {"war_threshold": [1.5, 3.0]}, "replications": 2}))
    >>> [(run, point, replication, key) for run, point, replication, _, _, key in plan]
    [(0, 0, 0, (0,)), (1, 0, 1, (1,)), (2, 1, 0, (2,)), (3, 1, 1, (3,))]
    """
    plan = []
    for p, point in enumerate(design_points(config)):
        params = SimParams.from_dict({**config["base"], **point}).to_dict()
        for r in range(config["replications"]):
            k = len(plan)
            key = (r,) if config["common_random_numbers"] else (k,)
            plan.append((k, p, r, params, config["seed"], key))
    return plan


def chunk_maps(chunk):
    """The historical maps a chunk's runs start from, read from this process's warehouse.

    Parameters
    ----------
    chunk : list of tuple
        Planned runs (a slice of ``plan_runs``).

    Returns
    -------
    dict
        ``{(start_year, region, max_conttype): map}`` for the runs with historical geography (empty when
        there are none).
    """
    maps = {}
    for _, _, _, params, _, _ in chunk:
        if params["geography"] == "historical":
            key = (params["start_year"], params["region"], params["max_conttype"])
            if key not in maps:
                maps[key] = model.historical_geography(SimParams.from_dict(params))
    return maps


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


def _write_atomic(frame, path):
    with atomic_path(path) as temporary:
        frame.to_parquet(temporary, index=False)


def _chunk_paths(out, c):
    base = Path(out) / "chunks"
    return {name: base / f"chunk-{c:06d}.{name}.parquet" for name in ("series", "states", "runs")}


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


def combine(out, n_chunks=None):
    """Concatenate finished chunks into ``runs``/``series``/``states.parquet``.

    Parameters
    ----------
    out : str or path
        The sweep directory.
    n_chunks : int, optional
        How many chunks the sweep has (default: as many as are finished).

    Returns
    -------
    pandas.DataFrame
        The runs table, sorted by run.
    """
    out = Path(out)
    if n_chunks is None:
        n_chunks = len(list((out / "chunks").glob("chunk-*.runs.parquet")))
    frames = {}
    for name in ("runs", "series", "states"):
        parts = [
            pd.read_parquet(_chunk_paths(out, c)[name])
            for c in range(n_chunks)
            if _chunk_paths(out, c)["runs"].exists()
        ]
        if not parts:
            raise AllianceLabError(f"{out}: no finished runs")
        frame = pd.concat(parts, ignore_index=True).sort_values("run", kind="stable")
        frame = frame.reset_index(drop=True)
        _write_atomic(frame, out / f"{name}.parquet")
        frames[name] = frame
    return frames["runs"]


def load_sweep(out):
    """The tables of a finished sweep directory.

    Parameters
    ----------
    out : str or path
        The sweep directory.

    Returns
    -------
    runs, series, states : pandas.DataFrame
        The tables written by ``run_sweep``.
    """
    out = Path(out)
    if not (out / "runs.parquet").exists():
        raise AllianceLabError(f"{out}: no runs.parquet (run 'alliancelab sweep CONFIG --out {out}' first)")
    return tuple(pd.read_parquet(out / f"{n}.parquet") for n in ("runs", "series", "states"))
