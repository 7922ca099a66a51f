"""The sparse turn loop: a whole run in one compiled call that releases the interpreter lock.

``sparse_kernel`` runs the phases of ``alliancelab.sim.model`` in order (``phases``: 1 growth and
memory, 2-3 threat and alignment, 5 record; ``war``: 4 war). Memory is O(n + pairs within reach
+ alliances + borders); a turn costs O(n + pairs within reach + the wars' coalitions). With
``projection_floor`` = 0 every pair is within reach and the kernel reproduces the dense
reference (``dense.dense_kernel``) bit for bit; tests check it.

``simulate`` prepares the arrays from an ``InitialState`` and returns a ``KernelOutput``.
"""

from dataclasses import dataclass

import numpy as np
from numba import njit

from alliancelab.sim.model.lists import new_pool, pool_from_edges, root
from alliancelab.sim.model.params import HEGEMON_SHARE, POLE_SHARE, SERIES_COLUMNS, WAR_COLUMNS, kernel_params
from alliancelab.sim.model.phases import alignment, growth_and_memory, record
from alliancelab.sim.model.war import war


@njit(cache=True, nogil=True)
def owners(parent, out):
    """Write the living state that owns each province into ``out``.

    Parameters
    ----------
    parent : numpy.ndarray
        Parent of each province (conquests link the loser to the winner).
    out : numpy.ndarray
        Filled in place: out[q] = the owner of province q.
    """
    for q in range(parent.shape[0]):
        out[q] = root(parent, q)


@njit(cache=True, nogil=True)
def sparse_kernel(
    gen,
    prm,
    n_steps,
    power,
    mil,
    strat,
    table,
    ptr,
    sidx,
    sg,
    sprox,
    srev,
    shost,
    snap,
    bhead,
    bidx,
    bval,
    bused,
    ahead,
    aidx,
    aval,
    aused,
    alive,
    parent,
    patron,
    series,
    death_step,
    killer,
    snapshots,
    snapshot_every,
    war_log,
):
    """Run up to ``n_steps`` turns in place: phases 1-5 of every turn in one compiled call.

    Parameters
    ----------
    gen : numpy.random.Generator
        The run's generator.
    prm : numpy.ndarray
        The float parameters in ``KERNEL_PARAMS`` order (``params.kernel_params``).
    n_steps : int
        Most turns.
    power, mil, strat : numpy.ndarray
        Power (updated), militarisation and strategy index of each state.
    table : numpy.ndarray
        Shape (strategies, 2, 5): each strategy's action probabilities when strong and when weak.
    ptr, sidx, sg, sprox, srev : numpy.ndarray
        The pairs within reach (``state.Interactions``): CSR row pointers, partners, g, proximity
        factor and position of the reverse pair.
    shost, snap : numpy.ndarray
        Perceived hostility and truce turns left, per pair within reach (updated).
    bhead, bidx, bval, bused : numpy.ndarray
        The border list pool (``lists``).
    ahead, aidx, aval, aused : numpy.ndarray
        The alliance list pool: in state i's list the entry for ally m holds m's commitment to i.
    alive, parent, patron : numpy.ndarray
        Whether each state lives, each province's parent link, each state's bandwagon patron (-1: none).
    series, death_step, killer, snapshots : numpy.ndarray
        Outputs filled in place (``output_arrays``).
    snapshot_every : int
        Turns between map snapshots.
    war_log : numpy.ndarray
        One row per war, filled in place.

    Returns
    -------
    tuple of int
        ``(steps_run, wars, snapshots_taken, hegemon_step, hegemon_state)``; -1 for no hegemon.
    """
    n = power.shape[0]
    live = np.empty(n, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    mark = np.full(n, -1, dtype=np.int64)
    buf_a = np.empty(n, dtype=np.int64)
    buf_d = np.empty(n, dtype=np.int64)
    buf_t = np.empty(n, dtype=np.int64)
    share = np.zeros(n)
    off = np.zeros(n)
    nlive = 0
    for i in range(n):
        if alive[i]:
            live[nlive] = i
            nlive += 1
    n_wars_total = 0
    hegemon_step = -1
    hegemon_state = -1
    top = record(0, live, nlive, power, ahead, aidx, aval, prm[POLE_SHARE], series[0])
    if series[0, 4] >= prm[HEGEMON_SHARE]:
        hegemon_step = 0
        hegemon_state = top
    owners(parent, snapshots[0])
    n_snap = 1
    steps_run = 0
    for t in range(1, n_steps + 1):
        growth_and_memory(gen, prm, live, nlive, power, mil, patron, ahead, aidx, aval, ptr, shost, snap, share, off)
        aidx, aval = alignment(
            gen,
            prm,
            table,
            strat,
            live,
            nlive,
            order,
            alive,
            power,
            share,
            off,
            patron,
            ptr,
            sidx,
            sg,
            sprox,
            srev,
            shost,
            snap,
            ahead,
            aidx,
            aval,
            aused,
        )
        bidx, bval, wars, conquests, n_wars_total = war(
            gen,
            prm,
            t,
            live,
            nlive,
            order,
            alive,
            power,
            mark,
            patron,
            parent,
            death_step,
            killer,
            ptr,
            sidx,
            sg,
            srev,
            shost,
            snap,
            ahead,
            aidx,
            aval,
            bhead,
            bidx,
            bval,
            bused,
            war_log,
            n_wars_total,
            buf_a,
            buf_d,
            buf_t,
        )
        nlive = 0
        for i in range(n):
            if alive[i]:
                live[nlive] = i
                nlive += 1
        top = record(t, live, nlive, power, ahead, aidx, aval, prm[POLE_SHARE], series[t])
        series[t, 7] = wars
        series[t, 8] = conquests
        if hegemon_step < 0 and series[t, 4] >= prm[HEGEMON_SHARE]:
            hegemon_step = t
            hegemon_state = top
        steps_run = t
        if t % snapshot_every == 0 and n_snap < snapshots.shape[0]:
            owners(parent, snapshots[n_snap])
            n_snap += 1
        if nlive <= 1:
            break
    return steps_run, n_wars_total, n_snap, hegemon_step, hegemon_state


@dataclass
class KernelOutput:
    """What a run's compiled loop leaves: final power, deaths, owners, series, snapshots, wars.

    Attributes
    ----------
    steps : int
        Turns run.
    n_wars : int
        Wars fought.
    power : numpy.ndarray
        Final power of each state.
    death_step : numpy.ndarray
        Turn each state was conquered (-1: survived).
    killer : numpy.ndarray
        The state that conquered it (-1: none).
    owner : numpy.ndarray
        Final owner of each province.
    series : numpy.ndarray
        One row per turn, columns ``SERIES_COLUMNS``.
    snapshots : numpy.ndarray
        Owner of each province at each snapshot.
    n_snapshots : int
        Snapshots taken.
    war_log : numpy.ndarray
        One row per war, columns ``WAR_COLUMNS``.
    hegemon_step : int
        First turn a state held ``hegemon_share`` of power (-1: never).
    hegemon_state : int
        That state (-1: none).
    """

    steps: int
    n_wars: int
    power: np.ndarray
    death_step: np.ndarray
    killer: np.ndarray
    owner: np.ndarray
    series: np.ndarray
    snapshots: np.ndarray
    n_snapshots: int
    war_log: np.ndarray
    hegemon_step: int
    hegemon_state: int


def output_arrays(params, n):
    """The output arrays both kernels fill in place.

    Parameters
    ----------
    params : SimParams
        The run's parameters.
    n : int
        Number of states.

    Returns
    -------
    series, death_step, killer, snapshots, war_log : numpy.ndarray
        Zeroed series (n_steps + 1 rows), deaths and killers (-1), snapshots and war log.
    """
    series = np.zeros((params.n_steps + 1, len(SERIES_COLUMNS)))
    death = np.full(n, -1, dtype=np.int64)
    killer = np.full(n, -1, dtype=np.int64)
    snapshots = np.zeros((params.n_steps // params.snapshot_every + 2, n), dtype=np.int64)
    war_log = np.zeros((max(64, 4 * params.n_steps + n), len(WAR_COLUMNS)), dtype=np.int64)
    return series, death, killer, snapshots, war_log


def simulate(params, init, rng):
    """Run the sparse kernel from ``init`` with generator ``rng`` (drawn after the initial state).

    Parameters
    ----------
    params : SimParams
        The run's parameters.
    init : InitialState
        The map, capabilities and strategies (``state.initial_state``).
    rng : numpy.random.Generator
        The run's generator.

    Returns
    -------
    KernelOutput
        Everything the loop leaves.
    """
    n = init.geography.n
    reach = init.reach
    power = init.power.copy()
    alive = np.ones(n, dtype=np.bool_)
    parent = np.arange(n, dtype=np.int64)
    patron = np.full(n, -1, dtype=np.int64)
    shost = np.zeros(reach.n_pairs)
    snap = np.zeros(reach.n_pairs, dtype=np.int64)
    bhead, bidx, bval, bused = pool_from_edges(n, init.geography.edges)
    ahead, aidx, aval, aused = new_pool(n)
    series, death, killer, snapshots, war_log = output_arrays(params, n)
    steps, n_wars, taken, heg_step, heg_state = sparse_kernel(
        rng,
        kernel_params(params),
        params.n_steps,
        power,
        init.militarisation,
        init.strategy,
        init.strategy_table,
        reach.ptr,
        reach.idx,
        reach.g,
        reach.prox,
        reach.rev,
        shost,
        snap,
        bhead,
        bidx,
        bval,
        bused,
        ahead,
        aidx,
        aval,
        aused,
        alive,
        parent,
        patron,
        series,
        death,
        killer,
        snapshots,
        params.snapshot_every,
        war_log,
    )
    owner = np.empty(n, dtype=np.int64)
    owners(parent, owner)
    return KernelOutput(
        int(steps),
        int(n_wars),
        power,
        death,
        killer,
        owner,
        series,
        snapshots,
        int(taken),
        war_log,
        int(heg_step),
        int(heg_state),
    )
