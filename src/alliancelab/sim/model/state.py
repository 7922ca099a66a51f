"""What a run starts from: the map, capabilities, strategies and the pairs of states within reach.

Pairs within reach are found with a k-d tree (``scipy.spatial.cKDTree``) and stored as a
compressed sparse row structure (``Interactions``), so memory is O(n + pairs within reach) and
nothing is n x n unless ``projection_floor`` = 0 (every pair interacts: the dense model).
"""

import functools
import math
from dataclasses import dataclass

import numpy as np

from alliancelab.data import locate
from alliancelab.data.source import deprecated_con
from alliancelab.sim import geography as geo
from alliancelab.sim.strategies import strategy_from_dict


@dataclass
class Interactions:
    """The symmetric pairs (i, j), i != j, of states within reach, in compressed sparse rows.

    Attributes
    ----------
    ptr : numpy.ndarray
        Row pointers: the pairs of state i are at positions ``ptr[i]:ptr[i + 1]``.
    idx : numpy.ndarray
        The partner j of each pair (sorted within a row).
    g : numpy.ndarray
        Loss-of-strength factor g_ij = exp(-d_ij / reach) (Boulding 1962).
    prox : numpy.ndarray
        The threat's proximity factor 1 - w_proximity + w_proximity g_ij.
    rev : numpy.ndarray
        The position of (j, i) for the entry (i, j).

    References
    ----------
    Boulding, K. E. (1962). *Conflict and Defense: A General Theory*. Harper.
    """

    ptr: np.ndarray
    idx: np.ndarray
    g: np.ndarray
    prox: np.ndarray
    rev: np.ndarray

    @property
    def n_pairs(self):
        """The number of ordered pairs within reach."""
        return len(self.idx)


def interactions(geography, reach, w_proximity, floor):
    """The pairs of states with g = exp(-d / reach) >= ``floor`` (every pair when ``floor`` = 0).

    A k-d tree finds the pairs; d is computed exactly as an n x n distance matrix would give it, so g
    and prox are the dense model's values bit for bit.

    Parameters
    ----------
    geography : Geography
        The map (capital coordinates ``x``, ``y``).
    reach : float
        Loss-of-strength distance: projected power falls by 1/e every ``reach``.
    w_proximity : float
        Weight of proximity in the threat.
    floor : float
        Projected power below this counts as none (0: every pair is within reach).

    Returns
    -------
    Interactions
        The pairs within reach.

    Examples
    --------
    >>> from alliancelab.sim import geography
    >>> interactions(geography.grid_map(9), 2.0, 1.0, 0.0).n_pairs
    72
    """
    from scipy.spatial import cKDTree

    n = geography.n
    x, y = geography.x, geography.y
    if floor > 0:
        radius = reach * math.log(1.0 / floor)
        xy = np.column_stack([x, y])
        pairs = cKDTree(xy).query_pairs(radius * (1 + 1e-9) + 1e-12, output_type="ndarray")
        i = np.concatenate([pairs[:, 0], pairs[:, 1]]).astype(np.int64)
        j = np.concatenate([pairs[:, 1], pairs[:, 0]]).astype(np.int64)
    else:
        i = np.repeat(np.arange(n, dtype=np.int64), n)
        j = np.tile(np.arange(n, dtype=np.int64), n)
        keep = i != j
        i, j = i[keep], j[keep]
    dx = x[i] - x[j]
    dy = y[i] - y[j]
    g = np.exp(-np.sqrt(dx * dx + dy * dy) / reach)
    if floor > 0:
        keep = g >= floor
        i, j, g = i[keep], j[keep], g[keep]
    order = np.lexsort((j, i))
    i, j, g = i[order], j[order], g[order]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(i, minlength=n), out=ptr[1:])
    rev = np.lexsort((i, j)).astype(np.int64)
    prox = (1.0 - w_proximity) + w_proximity * g
    return Interactions(ptr, j, g, prox, rev)


def dense_matrices(init, params):
    """The loss-of-strength and proximity factors as n x n matrices: what the dense reference kernel reads.

    Parameters
    ----------
    init : InitialState
        The run's initial state.
    params : SimParams
        The run's parameters (``reach``, ``w_proximity``, ``projection_floor``).

    Returns
    -------
    g, prox : numpy.ndarray
        (n, n) matrices, zero outside reach.
    """
    d = init.geography.distances()
    g = np.exp(-d / params.reach)
    prox = (1.0 - params.w_proximity) + params.w_proximity * g
    if params.projection_floor > 0:
        out = g < params.projection_floor
        g[out] = 0.0
        prox[out] = 0.0
    return g, prox


def historical_geography(params, warehouse=None):
    """The historical map a run of ``params`` starts from.

    Parameters
    ----------
    params : SimParams
        The run's parameters.
    warehouse : str or pathlib.Path, optional
        The warehouse the map is read from (default: the configured one).

    Returns
    -------
    Geography or None
        The map read from the warehouse (once per process); None for synthetic maps.

    Examples
    --------
    >>> from alliancelab.sim.model import SimParams
    >>> historical_geography(SimParams()) is None
    True
    >>> historical_geography(SimParams(geography="historical", start_year=1816)).n
    22
    """
    if params.geography != "historical":
        return None
    return _historical(str(locate.warehouse_path(warehouse)), params.start_year, params.region, params.max_conttype)


@dataclass
class InitialState:
    """Everything a run starts from; the sparse kernel and the dense reference both take it.

    Attributes
    ----------
    geography : Geography
        The map.
    power : numpy.ndarray
        Initial power of each state (summing to n).
    militarisation : numpy.ndarray
        Militarisation m_i (offensive share of power) of each state.
    strategy : numpy.ndarray
        Each state's index into ``strategy_names``.
    strategy_names : list of str
        The strategies used.
    strategy_table : numpy.ndarray
        Shape (strategies, 2, 5): action probabilities when strong and when weak.
    great_power : numpy.ndarray
        Bool: the great powers.
    reach : Interactions
        The pairs of states within reach of each other.
    """

    geography: geo.Geography
    power: np.ndarray
    militarisation: np.ndarray
    strategy: np.ndarray  # index into strategy_names
    strategy_names: list
    strategy_table: np.ndarray  # (n_strategies, 2, 5)
    great_power: np.ndarray  # bool
    reach: "Interactions"  # the pairs of states within reach of each other


def _allocate(mix, n):
    """Exact counts per strategy by largest remainder (ties by name order)."""
    names = list(mix)
    shares = np.array([mix[k] for k in names]) / sum(mix.values())
    raw = shares * n
    counts = np.floor(raw).astype(int)
    remainder = raw - counts
    for k in np.argsort(-remainder, kind="stable")[: n - counts.sum()]:
        counts[k] += 1
    return names, counts


@functools.lru_cache(maxsize=32)
def _historical(path, year, region, max_conttype):
    """Historical map from a warehouse, read once per process (maps are read-only).

    Opens and closes its own connection, so a forked sweep worker never shares one with its parent."""
    from alliancelab.data.warehouse import connect

    con = connect(path)
    try:
        return geo._historical_map_from_connection(con, year, region, max_conttype)
    finally:
        con.close()


@deprecated_con
def initial_state(params, rng, con=None, geography=None, warehouse=None):
    """Map, capabilities, militarisation and strategies, drawn from ``rng`` in a fixed order.

    Synthetic maps draw lognormal power (log-sd ``power_sd``, normalised to sum n) and militarisation
    (log-sd ``militarisation_sd``); historical maps take COW capabilities. Strategies are allocated
    by ``strategy_mix`` (largest remainder) and shuffled.

    Parameters
    ----------
    params : SimParams
        The run's parameters.
    rng : numpy.random.Generator
        The run's generator.
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): a warehouse connection for historical maps.
    geography : Geography, optional
        A historical map already read (``historical_geography``), so that a run needs no data files
        where it executes (sweeps send it with the task).
    warehouse : str or pathlib.Path, optional
        The warehouse historical maps are read from (default: the configured one).

    Returns
    -------
    InitialState
        Everything the run starts from.

    Examples
    --------
    >>> from alliancelab.sim.model import SimParams
    >>> from alliancelab.sim.runs import generator
    >>> init = initial_state(SimParams(n_states=10, geography="grid"), generator(1))
    >>> init.geography.n, round(float(init.power.sum()), 6), init.strategy_names
    (10, 10.0, ['balance'])
    """
    if params.geography == "historical" and geography is not None:
        pass
    elif params.geography == "historical":
        if con is None:
            path = str(locate.warehouse_path(warehouse))
            geography = _historical(path, params.start_year, params.region, params.max_conttype)
        else:
            geography = geo._historical_map_from_connection(con, params.start_year, params.region, params.max_conttype)
    elif params.geography == "grid":
        geography = geo.grid_map(params.n_states)
    else:
        geography = geo.planar_map(params.n_states, rng)
    n = geography.n
    if geography.power is not None:
        power = geography.power * n
        militarisation = geography.militarisation.copy()
        great = np.zeros(n, dtype=bool)
        if params.n_great_powers:
            great[np.argsort(-power, kind="stable")[: params.n_great_powers]] = True
    else:
        power = np.exp(params.power_sd * rng.standard_normal(n))
        great = np.zeros(n, dtype=bool)
        k = params.n_great_powers
        if k:
            chosen = rng.choice(n, size=k, replace=False)
            great[chosen] = True
            others = power[~great]
            other_total = others.sum() if len(others) else 0.0
            share = params.great_power_share if len(others) else 1.0
            gp_each = (other_total * share / (1.0 - share) / k) if share < 1 else float(n) / k
            power[great] = gp_each
        power = power / power.sum() * n
        militarisation = np.exp(params.militarisation_sd * rng.standard_normal(n))
    names, counts = _allocate(params.strategy_mix, n)
    strategy = np.repeat(np.arange(len(names)), counts)
    strategy = strategy[rng.permutation(n)]
    table = np.stack([strategy_from_dict(k, params.strategy_tables[k]).table() for k in names])
    reach = interactions(geography, params.reach, params.w_proximity, params.projection_floor)
    return InitialState(
        geography,
        power.astype(np.float64),
        militarisation.astype(np.float64),
        strategy.astype(np.int64),
        names,
        table,
        great,
        reach,
    )


# the unchecked function, for code that already holds a connection (no DeprecationWarning)
_initial_state = initial_state.__wrapped__
