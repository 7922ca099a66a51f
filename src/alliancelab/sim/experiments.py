"""Built-in experiments: the classic questions of the simulation literature, as sweeps.

- ``strategies``: worlds where every state balances, bandwagons, passes the buck, holds (the pure
  power maximiser without diplomacy, Cusack & Stoll's "laissez-faire"), follows Walt's rule (balance
  when strong, bandwagon half the time when weak), randomises over all actions, or a half-balancing
  half-bandwagoning mix. Question (Cusack & Stoll 1990, 1994; Cederman 1997): do balancing and
  collective defence keep more states alive, and the system free of a hegemon, than pure power
  maximising?
- ``detente``: balancing states that seek detente with their top threat with probability
  0, 0.1, 0.25 or 0.5 per review (Snyder 1984: detente relaxes the adversary but loosens alliances).
- ``great_powers``: 2 to 6 great powers holding half of the system's power, in balancing and in
  no-diplomacy worlds: does the number of great powers change survival and hegemony?

Every experiment uses common random numbers (replication r of every condition has the same map,
capabilities and seed), so conditions are compared pairwise. ``run_experiment`` returns a result
table per condition and Kaplan-Meier survival curves of states.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.files import write_table, write_text
from alliancelab.sim import sweep

_DETENTE_TABLES = {
    f"detente_{int(q * 100):02d}": {"strong": {"balance": 1 - q, "detente": q}} for q in (0.0, 0.1, 0.25, 0.5)
}
for _name, _table in _DETENTE_TABLES.items():
    _table["strong"] = {k: v for k, v in _table["strong"].items() if v > 0}

EXPERIMENTS = {
    "strategies": {
        "description": "all-balancing vs all-bandwagoning vs buck-passing vs no diplomacy vs mixed worlds",
        "base": {"n_states": 50, "n_steps": 1000},
        "grid": {
            "strategy_mix": [
                {"balance": 1.0},
                {"bandwagon": 1.0},
                {"buck_pass": 1.0},
                {"hold": 1.0},
                {"walt": 1.0},
                {"mixed": 1.0},
                {"balance": 0.5, "bandwagon": 0.5},
            ]
        },
    },
    "detente": {
        "description": "balancing states seeking detente with their top threat with probability "
        "0, 0.1, 0.25, 0.5 per review",
        "base": {"n_states": 50, "n_steps": 1000},
        "grid": {"strategy_mix": [{name: 1.0} for name in _DETENTE_TABLES]},
        "tables": _DETENTE_TABLES,
    },
    "great_powers": {
        "description": "2-6 great powers holding half of all power, balancing vs no diplomacy",
        "base": {"n_states": 50, "n_steps": 1000, "great_power_share": 0.5},
        "grid": {"n_great_powers": [2, 3, 4, 5, 6], "strategy_mix": [{"balance": 1.0}, {"hold": 1.0}]},
    },
}


def experiment_config(name, replications=20, seed=1990, n_states=None, n_steps=None, chunk_size=4):
    """The sweep config of a built-in experiment (see ``EXPERIMENTS``).

    Parameters
    ----------
    name : str
        A key of ``EXPERIMENTS`` (e.g. "strategies", "detente", "great_powers").
    replications : int
        Runs per condition.
    seed : int
        Seed of the whole design (common random numbers across conditions).
    n_states, n_steps : int, optional
        Override the experiment's number of states and turns.
    chunk_size : int
        Runs per task of the sweep.

    Returns
    -------
    dict
        A grid sweep config, as ``sweep.run_sweep`` takes it.
    """
    if name not in EXPERIMENTS:
        raise ParameterError(f"unknown experiment {name!r}; expected one of {sorted(EXPERIMENTS)}")
    spec = EXPERIMENTS[name]
    base = dict(spec["base"])
    if n_states is not None:
        base["n_states"] = n_states
    if n_steps is not None:
        base["n_steps"] = n_steps
    grid = {k: list(v) for k, v in spec["grid"].items()}
    if "tables" in spec:
        # the conditions use strategies defined here; every run stores its own table
        base["strategy_tables"] = {k: dict(v) for k, v in spec["tables"].items()}
    return {
        "name": name,
        "seed": seed,
        "design": "grid",
        "replications": replications,
        "chunk_size": chunk_size,
        "common_random_numbers": True,
        "base": base,
        "grid": grid,
    }


def condition_label(point):
    """A short readable label of a design point.

    Parameters
    ----------
    point : dict
        Parameter name -> value of one design point.

    Returns
    -------
    str
        E.g. "balance 50% + bandwagon 50%, tribute=0.01"; "base" for an empty point.

    Examples
    --------
    >>> condition_label({"strategy_mix": {"balance": 1.0}, "tribute": 0.01})
    'balance, tribute=0.01'
    """
    parts = []
    for key in sorted(point):
        value = point[key]
        if key in ("strategy_mix", "strategy_tables"):
            names = sorted(value)
            if key == "strategy_tables" or len(names) == 1:
                parts.append("+".join(names))
            else:
                total = sum(value.values())
                parts.append(" + ".join(f"{k} {value[k] / total:.0%}" for k in names))
        else:
            parts.append(f"{key}={value}")
    return ", ".join(parts) or "base"


@dataclass
class ExperimentResult:
    """The results of a built-in experiment (``run_experiment``).

    Attributes
    ----------
    name : str
        The experiment.
    config : dict
        Its validated sweep config.
    table : pandas.DataFrame
        One row per condition: runs, mean survivors (and standard error), survivor share, hegemony and
        unification rates, wars per run, mean alliances, ...
    survival : pandas.DataFrame
        Kaplan-Meier survival of states: condition, time, survival.
    alive : pandas.DataFrame
        Mean number of living states by condition and turn.
    logrank_p : float
        p-value of the multivariate log-rank test across conditions.
    runs, states : pandas.DataFrame
        The per-run and per-state tables of the sweep.
    """

    name: str
    config: dict
    table: pd.DataFrame  # one row per condition
    survival: pd.DataFrame  # Kaplan-Meier: condition, time, survival
    alive: pd.DataFrame  # mean living states by condition and step
    logrank_p: float  # multivariate log-rank test across conditions
    runs: pd.DataFrame
    states: pd.DataFrame


def summarise(config, runs, series, states):
    """Per-condition results, survival curves and mean number of living states over time.

    Parameters
    ----------
    config : dict
        The validated sweep config.
    runs, series, states : pandas.DataFrame
        The tables of ``sweep.load_sweep``.

    Returns
    -------
    tuple
        (table, survival, alive, logrank p-value, runs with a condition column, states), as in
        ``ExperimentResult``.

    References
    ----------
    Kaplan & Meier 1958; the log-rank test as in lifelines (Davidson-Pilon 2019).
    """
    from lifelines import KaplanMeierFitter
    from lifelines.statistics import multivariate_logrank_test

    points = sweep.design_points(config)
    labels = {p: condition_label(point) for p, point in enumerate(points)}
    runs = runs.copy()
    runs["condition"] = runs["point"].map(labels)
    order = [labels[p] for p in range(len(points))]
    rows = []
    for label in order:
        sub = runs[runs["condition"] == label]
        n = len(sub)
        se = sub["survivors"].std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
        rows.append(
            {
                "condition": label,
                "runs": n,
                "survivors_mean": sub["survivors"].mean(),
                "survivors_se": se,
                "survivor_share": sub["survivor_share"].mean(),
                "hegemon_rate": sub["hegemon"].mean(),
                "unified_rate": sub["unified"].mean(),
                "wars_per_run": sub["wars"].mean(),
                "mean_alliances": sub["mean_alliances"].mean(),
                "mean_polarity": sub["mean_polarity"].mean(),
                "final_concentration": sub["final_concentration"].mean(),
                "great_powers_surviving": sub["great_powers_surviving"].mean(),
            }
        )
    table = pd.DataFrame(rows)
    st = states.merge(runs[["run", "condition"]], on="run")
    curves = []
    for label in order:
        sub = st[st["condition"] == label]
        km = KaplanMeierFitter().fit(sub["survival_time"], event_observed=~sub["survived"])
        sf = km.survival_function_
        curves.append(
            pd.DataFrame({"condition": label, "time": sf.index.to_numpy(float), "survival": sf.iloc[:, 0].to_numpy()})
        )
    survival = pd.concat(curves, ignore_index=True)
    test = multivariate_logrank_test(st["survival_time"], st["condition"], ~st["survived"])
    alive = pd.DataFrame()
    if len(series):
        s = series.merge(runs[["run", "condition"]], on="run")
        alive = s.groupby(["condition", "step"], sort=False)["n_alive"].mean().reset_index()
    return table, survival, alive, float(test.p_value), runs, st


def run_experiment(
    name, out, replications=20, seed=1990, n_states=None, n_steps=None, workers=None, scheduler=None, progress=True
):
    """Run (or resume) a built-in experiment into ``out``.

    Parameters
    ----------
    name : str
        A key of ``EXPERIMENTS``.
    out : str or Path
        The sweep's folder (resumable); ``table.csv`` and ``table.json`` are written there.
    replications : int
        Runs per condition.
    seed : int
        Seed of the whole design (common random numbers across conditions).
    n_states, n_steps : int, optional
        Override the experiment's number of states and turns.
    workers : int, optional
        Local processes (default all cores).
    scheduler : str or distributed.Client, optional
        A Dask scheduler to run the sweep on.
    progress : bool
        Show a progress bar.

    Returns
    -------
    ExperimentResult
    """
    config = experiment_config(name, replications, seed, n_states, n_steps)
    config = sweep.validate_config(config)
    runs_ = sweep.run_sweep(config, out, workers=workers, scheduler=scheduler, progress=progress)
    _, series, states = sweep.load_sweep(out)
    table, survival, alive, p, runs_, st = summarise(config, runs_, series, states)
    write_table(table, Path(out) / "table.csv")
    write_text(
        Path(out) / "table.json",
        json.dumps({"experiment": name, "logrank_p": p, "rows": table.to_dict("records")}, indent=2, default=float),
    )
    return ExperimentResult(name, config, table, survival, alive, p, runs_, st)
