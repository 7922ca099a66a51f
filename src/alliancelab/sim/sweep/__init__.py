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

Layout of this package (the public names are re-exported here; import ``alliancelab.sim.sweep``):
``_config`` (reading and validating a config), ``_design`` (design points, memory check, the run plan and its
chunks), ``_engine`` (running chunks in this process, a process pool or on Dask, resumably) and ``_results``
(the stored chunks, combined, and a finished sweep read back).
"""

from alliancelab.sim.sweep._config import CONFIG_KEYS, load_config, validate_config
from alliancelab.sim.sweep._design import (
    RUN_OVERHEAD_BYTES,
    check_sweep_memory,
    chunk_maps,
    config_hash,
    design_points,
    n_design_points,
    plan_runs,
)
from alliancelab.sim.sweep._engine import process_pool, run_chunk, run_sweep
from alliancelab.sim.sweep._results import combine, load_sweep

__all__ = [
    "CONFIG_KEYS",
    "RUN_OVERHEAD_BYTES",
    "check_sweep_memory",
    "chunk_maps",
    "combine",
    "config_hash",
    "design_points",
    "load_config",
    "load_sweep",
    "n_design_points",
    "plan_runs",
    "process_pool",
    "run_chunk",
    "run_sweep",
    "validate_config",
]
