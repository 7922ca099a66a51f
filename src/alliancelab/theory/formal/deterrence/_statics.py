"""Comparative statics of the deterrence game: parameter grids, monotonicity, benefit statics."""

from __future__ import annotations

from dataclasses import asdict, replace

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.theory.formal.deterrence._model import TYPES, DeterrenceParams
from alliancelab.theory.formal.deterrence._solver import solve


def comparative_statics(parameter, values, base=None, **fixed):
    """Solve at each value of ``parameter`` (others at ``base``); one row per equilibrium.

    Parameters
    ----------
    parameter : str
        A numeric field of ``DeterrenceParams``.
    values : iterable of float
    base : DeterrenceParams, optional
        Default ``DeterrenceParams()``.
    **fixed
        Fields replacing those of ``base``.

    Returns
    -------
    pandas.DataFrame
        The parameter value, equilibrium index and kind, behaviour and outcome probabilities
        (see ``Solution.table``) and ``degenerate``.

    Examples
    --------
    >>> comparative_statics("power_third", [1.0, 2.0]).shape[0]
    4
    """
    base = replace(base or DeterrenceParams(), **fixed)
    if parameter not in DeterrenceParams.__dataclass_fields__ or parameter == "side":
        raise ParameterError(f"argument parameter={parameter!r}: expected a numeric field of DeterrenceParams")
    frames = []
    for value in values:
        sol = solve(replace(base, **{parameter: float(value)}))
        table = sol.table()
        table.insert(0, parameter, float(value))
        table["degenerate"] = sol.degenerate
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def parameter_grid(n=240, seed=20120101, side=None, contested=0.5):
    """A reproducible grid of generic parameter points (both alliance sides unless ``side``).

    Random draws; in a share ``contested`` of the points T's cost of intervening is drawn between
    its gains against the two enemy types, so that T's choice depends on its belief (the region
    where mixed equilibria live).

    Parameters
    ----------
    n : int, default 240
        Number of points.
    seed : int, default 20120101
        State of the random generator.
    side : {"defender", "challenger"}, optional
        Default: alternating.
    contested : float, default 0.5

    Returns
    -------
    list of DeterrenceParams

    Examples
    --------
    >>> [p.side for p in parameter_grid(2)]
    ['defender', 'challenger']
    """
    rng = np.random.default_rng(seed)
    points = []
    for i in range(n):
        weak = rng.uniform(0.3, 1.5)
        point = DeterrenceParams(
            side=side or ("defender" if i % 2 == 0 else "challenger"),
            prior_strong=rng.uniform(0.05, 0.95),
            power_weak=weak,
            power_strong=weak + rng.uniform(0.3, 3.0),
            power_ally=rng.uniform(0.4, 2.0),
            power_third=rng.uniform(0.0, 3.0),
            stake_challenger=rng.uniform(0.5, 1.5),
            stake_defender=rng.uniform(0.5, 1.5),
            cost_challenger=rng.uniform(0.02, 0.6),
            cost_defender=rng.uniform(0.02, 0.6),
            audience_cost=rng.uniform(0.0, 0.4),
            benefit_third=rng.uniform(0.1, 2.0),
            cost_third=rng.uniform(0.0, 0.4),
        )
        if rng.uniform() < contested:
            gross = [point.third_gain(t) + point.cost_third for t in TYPES]
            point = replace(point, cost_third=float(rng.uniform(min(gross), max(gross))))
        points.append(point)
    return points


def params_dict(params):
    """The fields of a parameter point as a dict.

    Parameters
    ----------
    params : DeterrenceParams

    Returns
    -------
    dict

    Examples
    --------
    >>> params_dict(DeterrenceParams())["side"]
    'defender'
    """
    return asdict(params)


# ---------------------------------------------------------------------------- seed findings
def _extremes(sol, outcome):
    values = [e.outcomes[outcome] for e in sol.equilibria]
    values = [v for v in values if not np.isnan(v)]
    return (min(values), max(values)) if values else (np.nan, np.nan)


def monotonicity(parameter, outcome, side, n=200, step=0.1, seed=7, tol=1e-9):
    """How the lowest and highest equilibrium value of ``outcome`` move when ``parameter`` rises.

    For ``n`` random parameter points (``parameter_grid``) of one alliance side, solve at the point
    and with ``parameter`` raised by the factor (1 + step) (0 -> step); extremal equilibria, in the
    spirit of monotone comparative statics.

    Parameters
    ----------
    parameter : str
        A numeric field of ``DeterrenceParams``.
    outcome : str
        An outcome probability, e.g. "p_war".
    side : {"defender", "challenger"}
    n : int, default 200
    step : float, default 0.1
    seed : int, default 7
        State of the random generator of the grid.
    tol : float, default 1e-9

    Returns
    -------
    pandas.Series
        Counts indexed by ("low" | "high", "down" | "flat" | "up").

    Examples
    --------
    >>> int(monotonicity("power_third", "p_war", "defender", n=5).sum())
    10
    """
    counts = {("low", k): 0 for k in ("down", "flat", "up")}
    counts.update({("high", k): 0 for k in ("down", "flat", "up")})
    for point in parameter_grid(n, seed=seed, side=side):
        before = _extremes(solve(point), outcome)
        value = getattr(point, parameter)
        if parameter == "prior_strong":  # a probability: additive step, kept below 1
            new_value = min(value + step / 2, 0.99)
        else:
            new_value = value * (1 + step) if value else step
        after_point = replace(point, **{parameter: new_value})
        if parameter == "power_weak" and after_point.power_weak > after_point.power_strong:
            continue
        after = _extremes(solve(after_point), outcome)
        for which, b, a in (("low", before[0], after[0]), ("high", before[1], after[1])):
            if np.isnan(a) or np.isnan(b):
                continue
            key = "down" if a < b - tol else "up" if a > b + tol else "flat"
            counts[(which, key)] += 1
    return pd.Series(counts)


def benefit_statics(n=400, step=0.01, seed=11, side="defender"):
    """Mixed equilibria as T's benefit B rises: direction of sigma, P(intervene), P(strong | war).

    For grid points with a mixed equilibrium (T randomises, war on the path) the same equilibrium
    (same pattern of pure and mixed agents) is followed to B x (1 + step).

    Parameters
    ----------
    n : int, default 400
    step : float, default 0.01
    seed : int, default 11
        State of the random generator of the grid.
    side : {"defender", "challenger"}, default "defender"

    Returns
    -------
    pandas.DataFrame
        One row per followed equilibrium: sigma, d_sigma, d_p_intervene, d_belief_strong,
        intervention_matters_more_vs_strong, mixing_agent.

    Examples
    --------
    >>> list(benefit_statics(n=20).columns)[:2]
    ['sigma', 'd_sigma']
    """
    rows = []
    for point in parameter_grid(n, seed=seed, side=side, contested=1.0):
        sol = solve(point)
        mixed = [e for e in sol.equilibria if e.kind == "mixed" and 0 < e.probs["intervene"] < 1]
        if not mixed:
            continue
        after = solve(replace(point, benefit_third=point.benefit_third * (1 + step)))
        for eq in mixed:
            pattern = {k: (v if v in (0.0, 1.0) else "M") for k, v in eq.probs.items()}
            match = [
                e
                for e in after.equilibria
                if e.kind == "mixed" and {k: (v if v in (0.0, 1.0) else "M") for k, v in e.probs.items()} == pattern
            ]
            if len(match) != 1:
                continue
            new = match[0]
            gain_s, gain_w = point.third_gain("strong"), point.third_gain("weak")
            rows.append(
                {
                    "sigma": eq.probs["intervene"],
                    "d_sigma": new.probs["intervene"] - eq.probs["intervene"],
                    "d_p_intervene": new.outcomes["p_intervene"] - eq.outcomes["p_intervene"],
                    "d_belief_strong": new.belief_strong[0] - eq.belief_strong[0],
                    "intervention_matters_more_vs_strong": gain_s > gain_w,
                    "mixing_agent": ",".join(k for k, v in pattern.items() if v == "M" and k != "intervene"),
                }
            )
    return pd.DataFrame(rows)
