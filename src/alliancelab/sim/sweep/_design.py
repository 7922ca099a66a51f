"""A sweep's design: its points (grid or random), the memory check, the config hash, the run plan and its chunks."""

import hashlib
import itertools
import json

import numpy as np

from alliancelab.limits import check_memory
from alliancelab.sim import model
from alliancelab.sim.model import SimParams

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
    >>> from alliancelab.sim.sweep import validate_config
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
    >>> from alliancelab.sim.sweep import validate_config
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
    >>> from alliancelab.sim.sweep import validate_config
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
    >>> from alliancelab.sim.sweep import validate_config
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
    >>> from alliancelab.sim.sweep import validate_config
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
