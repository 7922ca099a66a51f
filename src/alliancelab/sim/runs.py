"""One simulation run: seed handling, outputs as tables, saving to Parquet, bit-for-bit replay.

A run is a pure function of its parameters (``SimParams``) and its seed. Seeds are NumPy
``SeedSequence`` objects given by ``(entropy, spawn_key)``; the run draws every random number from
``Generator(PCG64(SeedSequence(entropy, spawn_key=spawn_key)))``. Sweeps give run number k the
spawn key ``(k,)`` of the sweep's root entropy (the k-th child of ``SeedSequence(root).spawn``), so
a run's result does not depend on which worker ran it, nor on how many runs came before.

Outputs (``RunResult``):

- ``series``: one row per turn (0 = the initial system): ``n_alive`` surviving states,
  ``polarity`` (states holding at least ``pole_share`` of power), ``concentration`` (Ray & Singer
  1973 CON over living states), ``max_share``, ``n_alliances``, ``mean_commitment``, ``n_wars``,
  ``n_conquests``, ``total_power``;
- ``states``: one row per initial state: strategy, great-power flag, initial and final power,
  ``death_step`` (missing if it survived), ``survival_time`` (turns alive), ``absorbed_by``;
- ``wars``: one row per war (step, attacker, target, coalition sizes, whether the attacker won);
- ``snapshots``: who owns each original province at turns 0, snapshot_every, 2 snapshot_every, ...
  and the last turn (for maps);
- ``summary``: whether a hegemon emerged (and when, and who), survivors, wars, conquests.

``save_run`` writes a directory of Parquet files whose metadata carries the exact parameters,
seed and model version; ``replay`` re-runs it and checks every table is identical bit for bit.
DuckDB reads the files directly (``SELECT * FROM 'run/series.parquet'``).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.data.source import deprecated_con
from alliancelab.errors import AllianceLabError, ParameterError, check_choice
from alliancelab.limits import check_memory
from alliancelab.sim import model
from alliancelab.sim._run_files import (  # noqa: F401  (re-exported)
    _same_frame,
    _tables,
    check_run_folder,
    load_metadata,
    load_tables,
    run_metadata,
    save_run,
)
from alliancelab.sim.model import SERIES_COLUMNS, WAR_COLUMNS, SimParams
from alliancelab.sim.model.state import _initial_state


def make_seed(seed, spawn_key=()):
    """Normalise a random seed to ``(entropy, spawn_key)``.

    Parameters
    ----------
    seed : int, (int, sequence of int) or numpy.random.SeedSequence
        A non-negative integer, an ``(entropy, spawn_key)`` pair or a ``SeedSequence``.
    spawn_key : sequence of int, default ()
        The spawn key used with an integer ``seed``.

    Returns
    -------
    tuple
        ``(entropy, spawn_key)``: an int and a tuple of ints.

    Examples
    --------
    >>> make_seed(7)
    (7, ())
    >>> make_seed((7, [1]))
    (7, (1,))
    """
    if isinstance(seed, np.random.SeedSequence):
        return int(seed.entropy), tuple(int(k) for k in seed.spawn_key)
    if isinstance(seed, (tuple, list)) and len(seed) == 2:
        return int(seed[0]), tuple(int(k) for k in seed[1])
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0:
        return int(seed), tuple(int(k) for k in spawn_key)
    raise ParameterError(f"argument seed={seed!r}: expected a non-negative integer")


def generator(entropy, spawn_key=()):
    """The NumPy random generator of one run: ``Generator(PCG64(SeedSequence(entropy, spawn_key)))``.

    Parameters
    ----------
    entropy : int
        The root entropy.
    spawn_key : tuple of int, default ()
        The run's spawn key (run number k of a sweep has ``(k,)``).

    Returns
    -------
    numpy.random.Generator
        A fresh generator; the same arguments always give the same stream.

    Examples
    --------
    >>> bool(generator(7, (1,)).integers(10) == generator(7, (1,)).integers(10))
    True
    """
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy, spawn_key=spawn_key)))


@dataclass
class RunResult:
    """The outputs of one simulation run.

    Attributes
    ----------
    params : SimParams
        The parameters the run used.
    seed : tuple
        ``(entropy, spawn_key)`` of its random stream.
    steps_run : int
        Turns simulated (fewer than ``n_steps`` when one state was left).
    series : pandas.DataFrame
        One row per turn (0 = the initial system): ``n_alive``, ``polarity``, ``concentration``
        (Ray & Singer 1973 CON), ``max_share``, ``n_alliances``, ``mean_commitment``, ``n_wars``,
        ``n_conquests``, ``total_power``.
    states : pandas.DataFrame
        One row per initial state: strategy, great-power flag, initial and final power,
        ``death_step``, ``survival_time``, ``absorbed_by``.
    wars : pandas.DataFrame
        One row per war: step, attacker, target, coalition sizes, ``attacker_won``.
    snapshot_steps : numpy.ndarray
        The turns of the map snapshots.
    snapshots : numpy.ndarray
        Shape (n_snapshots, n_states): the owner of each original province at each snapshot.
    summary : dict
        Hegemon (whether, when, who), survivors, wars, conquests, final polarity and concentration.
    coords : pandas.DataFrame
        ``x``, ``y`` (and ``lon``, ``lat`` on historical maps) of each province.
    citations : tuple of str
        The sources of the map.

    References
    ----------
    Ray, J. L., & Singer, J. D. (1973). Measuring the concentration of power in the international
    system. *Sociological Methods & Research*, 1(4), 403-437.
    """

    params: SimParams
    seed: tuple  # (entropy, spawn_key)
    steps_run: int
    series: pd.DataFrame
    states: pd.DataFrame
    wars: pd.DataFrame
    snapshot_steps: np.ndarray
    snapshots: np.ndarray  # (n_snapshots, n_states) owner of each original province
    summary: dict
    coords: pd.DataFrame = field(default=None)  # x, y (and lon, lat) of each province
    citations: tuple = ()


def _as_params(params):
    if params is None:
        return SimParams()
    if isinstance(params, SimParams):
        return params
    return SimParams.from_dict(dict(params))


@deprecated_con
def run(params=None, seed=0, spawn_key=(), con=None, geography=None, engine="sparse", warehouse=None):
    """Simulate one system of states.

    A run is a pure function of its parameters and its random seed: every random number comes from
    ``generator(*make_seed(seed, spawn_key))``.

    Parameters
    ----------
    params : SimParams, dict or None, default None
        The model's parameters (None: the defaults).
    seed : int, (int, key) or numpy.random.SeedSequence, default 0
        The random seed; see ``make_seed``.
    spawn_key : sequence of int, default ()
        Spawn key used with an integer ``seed``.
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): a warehouse connection for historical maps.
    geography : Geography, optional
        A historical map already read (sweeps send it with the task, so a worker needs no data files).
    engine : {"sparse", "dense"}, default "sparse"
        "sparse" (the kernel) or "dense" (the n x n reference kernel, identical results when
        ``projection_floor`` = 0; for tests and benchmarks).
    warehouse : str or pathlib.Path, optional
        The warehouse historical maps are read from (default: the configured one).

    Returns
    -------
    RunResult
        Series, states, wars, map snapshots and summary of the run.

    Examples
    --------
    >>> result = run({"n_states": 10, "n_steps": 20}, seed=1)
    >>> result.series.shape[0], result.summary["n_states"]
    (21, 10)
    """
    params = _as_params(params)
    check_choice("engine", engine, ("sparse", "dense"))
    n_guess = geography.n if geography is not None else (300 if params.geography == "historical" else None)
    check_memory(
        "n_steps",
        params.memory_estimate(n_guess),
        f"a run of {n_guess or params.n_states:,} states over {params.n_steps:,} turns",
    )
    entropy, key = make_seed(seed, spawn_key)
    rng = generator(entropy, key)
    init = _initial_state(params, rng, con=con, geography=geography, warehouse=warehouse)
    n = init.geography.n
    if engine == "dense":
        from alliancelab.sim.model.dense import simulate_dense

        out = simulate_dense(params, init, rng)
    else:
        out = model.simulate(params, init, rng)
    steps, n_wars, taken, heg_step, heg_state = (
        out.steps,
        out.n_wars,
        out.n_snapshots,
        out.hegemon_step,
        out.hegemon_state,
    )
    power, death, killer, owner, series = out.power, out.death_step, out.killer, out.owner, out.series
    snapshots, war_log = out.snapshots, out.war_log
    snap_steps = [0] + [k * params.snapshot_every for k in range(1, taken)]
    snapshots = snapshots[:taken]
    if snap_steps[-1] != steps:
        snapshots = np.vstack([snapshots, owner[None, :]])
        snap_steps.append(steps)
    series = pd.DataFrame(series[: steps + 1], columns=SERIES_COLUMNS)
    for col in ("step", "n_alive", "polarity", "n_alliances", "n_wars", "n_conquests"):
        series[col] = series[col].astype(np.int64)
    geog = init.geography
    states = pd.DataFrame(
        {
            "state": np.arange(n, dtype=np.int64),
            "label": geog.labels,
            "ccode": geog.ccode if geog.ccode is not None else np.full(n, -1, dtype=np.int64),
            "strategy": [init.strategy_names[s] for s in init.strategy],
            "great_power": init.great_power,
            "militarisation": init.militarisation,
            "initial_power": init.power,
            "final_power": power,
            "death_step": pd.array(np.where(death >= 0, death, 0), dtype="Int64"),
            "survival_time": np.where(death >= 0, death, steps).astype(np.int64),
            "survived": death < 0,
            "absorbed_by": pd.array(np.where(killer >= 0, killer, 0), dtype="Int64"),
        }
    )
    states.loc[death < 0, "death_step"] = pd.NA
    states.loc[killer < 0, "absorbed_by"] = pd.NA
    kept = min(n_wars, war_log.shape[0])
    wars = pd.DataFrame(war_log[:kept], columns=WAR_COLUMNS)
    wars["attacker_won"] = wars["attacker_won"].astype(bool)
    coords = pd.DataFrame({"x": geog.x, "y": geog.y})
    if geog.lon is not None:
        coords["lon"] = geog.lon
        coords["lat"] = geog.lat
    final = series.iloc[-1]
    summary = {
        "n_states": n,
        "steps_run": int(steps),
        "survivors": int(final["n_alive"]),
        "survivor_share": float(final["n_alive"]) / n,
        "unified": bool(final["n_alive"] == 1),
        "hegemon": bool(heg_step >= 0),
        "hegemon_step": int(heg_step) if heg_step >= 0 else None,
        "hegemon_state": int(heg_state) if heg_step >= 0 else None,
        "wars": int(n_wars),
        "wars_logged": int(kept),
        "conquests": int((death >= 0).sum()),
        "mean_alliances": float(series["n_alliances"].iloc[1:].mean()) if steps else 0.0,
        "mean_polarity": float(series["polarity"].iloc[1:].mean()) if steps else 0.0,
        "final_polarity": int(final["polarity"]),
        "final_concentration": float(final["concentration"]),
        "final_max_share": float(final["max_share"]),
        "great_powers": int(init.great_power.sum()),
        "great_powers_surviving": int((init.great_power & (death < 0)).sum()),
    }
    return RunResult(
        params,
        (entropy, key),
        int(steps),
        series,
        states,
        wars,
        np.array(snap_steps, dtype=np.int64),
        snapshots,
        summary,
        coords,
        tuple(geog.citations),
    )


@deprecated_con
def replay(path, con=None, warehouse=None):
    """Re-run a saved run from its stored parameters and random seed.

    Parameters
    ----------
    path : str or pathlib.Path
        The run's folder (written by ``save_run``).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): a warehouse connection for historical maps.
    warehouse : str or pathlib.Path, optional
        The warehouse historical maps are read from (default: the configured one).

    Returns
    -------
    tuple
        ``(result, identical)``: the new ``RunResult`` and whether every saved table matches it
        bit for bit.

    Examples
    --------
    >>> import tempfile
    >>> folder = save_run(run({"n_states": 8, "n_steps": 10}, seed=3), tempfile.mkdtemp())  # doctest: +SKIP
    >>> replay(folder)[1]  # doctest: +SKIP
    True

    References
    ----------
    Wilensky, U. and Rand, W. (2015), An Introduction to Agent-Based Modeling, MIT Press (replication of runs).
    """
    meta, params, seed = load_metadata(path)
    if meta.get("model_version") != model.MODEL_VERSION:
        raise AllianceLabError(
            f"{path}: saved with model version {meta.get('model_version')}, "
            f"this alliancelab runs version {model.MODEL_VERSION}"
        )
    result = _run(params, seed, con=con, warehouse=warehouse)
    saved = load_tables(path)
    fresh = _tables(result)
    identical = all(_same_frame(saved[k], fresh[k]) for k in saved)
    return result, identical


# the unchecked run, for code that already holds a connection (no DeprecationWarning)
def _run(*args, **kwargs):
    return run.__wrapped__(*args, **kwargs)


__all__ = [
    "make_seed",
    "generator",
    "RunResult",
    "run",
    "replay",
    "run_metadata",
    "check_run_folder",
    "save_run",
    "load_metadata",
    "load_tables",
]
