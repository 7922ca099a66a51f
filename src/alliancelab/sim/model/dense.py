"""The dense reference kernel: the original n x n implementation of the turn rules.

Kept as the reference the sparse kernel (``kernel.py``) is tested against, bit for bit: same
rules, same random stream, n x n matrices for alliances, commitment, hostility, truces, borders
and the loss-of-strength factor. Memory and time per turn grow as n^2, so it serves small n only
(tests, and ``bench/simulation.py`` as the project's previous engine).

Kept in one module because it mirrors the whole turn of the sparse kernel as one compiled reference,
so that the two can be compared phase by phase.
"""

import math

import numpy as np
from numba import njit

from alliancelab.sim.model.params import (
    BANDWAGON_PROTECTION,
    BUCK_PASS_EROSION,
    COMMITMENT_DECAY,
    COMMITMENT_FLOOR,
    COMMITMENT_GAIN,
    COMMITMENT_INITIAL,
    DECISIVENESS,
    DEFEAT_LOSS,
    DETENTE_ALLY_COST,
    DETENTE_EFFECT,
    DETENTE_TURNS,
    DIPLOMACY_RATE,
    GROWTH_MEAN,
    GROWTH_SD,
    HEGEMON_SHARE,
    INTENT_DECAY,
    OFFENSE_SUPPORT,
    PERCEPTION_SD,
    POLE_SHARE,
    REPUTATION_SPILL,
    SPOILS,
    THREAT_FLOOR,
    TRIBUTE,
    W_INTENT,
    W_OFFENSE,
    W_POWER,
    WAR_COST,
    WAR_RATE,
    WAR_THRESHOLD,
    WEAK_RATIO,
)
from alliancelab.sim.strategies import BALANCE, BANDWAGON, BUCK_PASS, DETENTE


@njit(cache=True, nogil=True)
def _shuffle(gen, order, n):
    for k in range(n - 1, 0, -1):
        j = np.int64(gen.random() * (k + 1))
        tmp = order[k]
        order[k] = order[j]
        order[j] = tmp


@njit(cache=True, nogil=True)
def _threat(i, j, power, share, off, prox, hostile, wa, wo, wh, wsum):
    # share[j] = power[j] / total and off[j] = mil[j] * power[j], fixed during the alignment phase
    return prox[i, j] * (wa * share[j] + wo * (off[j] / (off[j] + power[i])) + wh * hostile[i, j]) / wsum


@njit(cache=True, nogil=True)
def _stats(t, live, nlive, power, ally, commit, pole_share, out):
    total = 0.0
    for a in range(nlive):
        total += power[live[a]]
    sumsq = 0.0
    maxshare = 0.0
    argmax = -1
    poles = 0
    for a in range(nlive):
        s = power[live[a]] / total
        sumsq += s * s
        if s > maxshare:
            maxshare = s
            argmax = live[a]
        if s >= pole_share:
            poles += 1
    if nlive > 1:
        inv = 1.0 / nlive
        v = (sumsq - inv) / (1.0 - inv)
        con = math.sqrt(v) if v > 0.0 else 0.0
    else:
        con = 1.0
    n_all = 0
    csum = 0.0
    for a in range(nlive):
        i = live[a]
        for b in range(a + 1, nlive):
            j = live[b]
            if ally[i, j]:
                n_all += 1
                csum += commit[i, j] + commit[j, i]
    out[0] = t
    out[1] = nlive
    out[2] = poles
    out[3] = con
    out[4] = maxshare
    out[5] = n_all
    out[6] = csum / (2 * n_all) if n_all > 0 else 0.0
    out[9] = total
    return argmax


@njit(cache=True, nogil=True)
def _absorb(i, j, t, power, alive, owner, adj, ally, commit, hostile, nap, spoils, death_step, killer):
    n = power.shape[0]
    power[i] = power[i] + spoils * power[j]
    power[j] = 0.0
    alive[j] = False
    death_step[j] = t
    killer[j] = i
    for q in range(n):
        if owner[q] == j:
            owner[q] = i
        if adj[j, q]:
            adj[i, q] = True
            adj[q, i] = True
            adj[j, q] = False
            adj[q, j] = False
        if ally[j, q]:
            ally[j, q] = False
            ally[q, j] = False
        commit[j, q] = 0.0
        commit[q, j] = 0.0
        hostile[j, q] = 0.0
        hostile[q, j] = 0.0
        nap[j, q] = 0
        nap[q, j] = 0
    adj[i, i] = False


@njit(cache=True, nogil=True)
def dense_kernel(
    gen,
    prm,
    n_steps,
    power,
    mil,
    strat,
    table,
    g,
    prox,
    adj,
    alive,
    owner,
    ally,
    commit,
    hostile,
    nap,
    patron,
    series,
    death_step,
    killer,
    snapshots,
    snapshot_every,
    war_log,
):
    """The n x n reference kernel: run up to ``n_steps`` turns in place.

    The same rules as ``kernel.sparse_kernel`` on dense matrices; identical results when
    ``projection_floor`` = 0 (for tests and benchmarks).

    Parameters
    ----------
    gen : numpy.random.Generator
        The run's generator.
    prm : numpy.ndarray
        The float parameters in ``KERNEL_PARAMS`` order.
    n_steps : int
        Most turns.
    power, mil, strat : numpy.ndarray
        Power (updated), militarisation and strategy index of each state.
    table : numpy.ndarray
        Strategy tables (strategies, 2, 5).
    g, prox, adj : numpy.ndarray
        (n, n) loss-of-strength factor, proximity factor and borders.
    alive, owner : numpy.ndarray
        Whether each state lives, owner of each province (updated).
    ally, commit, hostile, nap : numpy.ndarray
        (n, n) alliances, commitments, perceived hostility and truce turns (updated).
    patron : numpy.ndarray
        Each state's bandwagon patron (-1: none).
    series, death_step, killer, snapshots : numpy.ndarray
        Outputs filled in place (``kernel.output_arrays``).
    snapshot_every : int
        Turns between map snapshots.
    war_log : numpy.ndarray
        One row per war, filled in place.

    Returns
    -------
    tuple of int
        ``(steps_run, wars, snapshots_taken, hegemon_step, hegemon_state)``.
    """
    n = power.shape[0]
    live = np.empty(n, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    mark = np.full(n, -1, dtype=np.int64)
    share = np.zeros(n)
    off = np.zeros(n)
    nlive = 0
    for i in range(n):
        if alive[i]:
            live[nlive] = i
            nlive += 1
    wa = prm[W_POWER]
    wo = prm[W_OFFENSE]
    wh = prm[W_INTENT]
    wsum = wa + wo + wh
    if wsum <= 0.0:
        wsum = 1.0
    hkeep = 1.0 - prm[INTENT_DECAY]
    ckeep = 1.0 - prm[COMMITMENT_DECAY]
    floor = prm[COMMITMENT_FLOOR]
    cinit = prm[COMMITMENT_INITIAL]
    k_dec = prm[DECISIVENESS]
    n_detente = np.int64(prm[DETENTE_TURNS])
    n_wars_total = 0
    n_snap = 0
    hegemon_step = -1
    hegemon_state = -1
    war_cap = war_log.shape[0]

    top = _stats(0, live, nlive, power, ally, commit, prm[POLE_SHARE], series[0])
    if series[0, 4] >= prm[HEGEMON_SHARE]:
        hegemon_step = 0
        hegemon_state = top
    snapshots[0, :] = owner
    n_snap = 1
    steps_run = 0
    for t in range(1, n_steps + 1):
        # 1. growth, memory, commitment decay and lapse
        for a in range(nlive):
            i = live[a]
            z = gen.standard_normal()
            power[i] = power[i] * math.exp(prm[GROWTH_MEAN] + prm[GROWTH_SD] * z)
        for a in range(nlive):
            i = live[a]
            k = patron[i]
            if k >= 0 and ally[i, k]:
                x = prm[TRIBUTE] * power[i]
                power[i] -= x
                power[k] += x
        for a in range(nlive):
            i = live[a]
            # whole rows (entries of dead states and the diagonal are 0): vectorises
            for j in range(n):
                hostile[i, j] *= hkeep
                nap[i, j] = max(nap[i, j] - 1, 0)
            for b in range(a + 1, nlive):
                j = live[b]
                if ally[i, j]:
                    commit[i, j] *= ckeep
                    commit[j, i] *= ckeep
                    if commit[i, j] < floor or commit[j, i] < floor:
                        ally[i, j] = False
                        ally[j, i] = False
                        commit[i, j] = 0.0
                        commit[j, i] = 0.0
        total = 0.0
        for a in range(nlive):
            total += power[live[a]]
        for a in range(nlive):
            i = live[a]
            share[i] = power[i] / total
            off[i] = mil[i] * power[i]

        # 2. threat perception and alignment
        for a in range(nlive):
            order[a] = live[a]
        _shuffle(gen, order, nlive)
        for a in range(nlive):
            i = order[a]
            if gen.random() >= prm[DIPLOMACY_RATE]:
                continue
            tt = -1
            best = -1.0
            for b in range(nlive):
                j = live[b]
                if j == i or ally[i, j]:
                    continue
                th = _threat(i, j, power, share, off, prox, hostile, wa, wo, wh, wsum)
                if th > best:
                    best = th
                    tt = j
            if tt < 0 or best < prm[THREAT_FLOOR]:
                continue
            weak = 1 if power[i] < prm[WEAK_RATIO] * power[tt] else 0
            u = gen.random()
            row = table[strat[i], weak]
            action = 0
            cum = 0.0
            for k in range(5):
                cum += row[k]
                if u < cum:
                    action = k
                    break
                action = k
            if action == BALANCE:
                # balance only while i's side is weaker than its threat's, as seen from i
                own = power[i]
                other = power[tt] * g[tt, i]
                for b in range(nlive):
                    m = live[b]
                    if m == i or m == tt:
                        continue
                    if ally[m, i] and not ally[m, tt]:
                        own += commit[m, i] * power[m] * g[m, i]
                    elif ally[m, tt] and not ally[m, i]:
                        other += commit[m, tt] * prm[OFFENSE_SUPPORT] * power[m] * g[m, i]
                if own >= other:
                    continue
                partner = -1
                bestk = 0.0
                for b in range(nlive):
                    m = live[b]
                    if m == i or m == tt or ally[i, m] or ally[m, tt]:
                        continue
                    score = power[m] * _threat(m, tt, power, share, off, prox, hostile, wa, wo, wh, wsum)
                    if score > bestk:
                        bestk = score
                        partner = m
                if partner >= 0:
                    ally[i, partner] = True
                    ally[partner, i] = True
                    commit[i, partner] = cinit
                    commit[partner, i] = cinit
            elif action == BANDWAGON:
                ally[i, tt] = True
                ally[tt, i] = True
                commit[i, tt] = cinit
                commit[tt, i] = cinit * prm[BANDWAGON_PROTECTION]
                patron[i] = tt
            elif action == BUCK_PASS:
                for b in range(nlive):
                    m = live[b]
                    if ally[i, m]:
                        commit[i, m] *= 1.0 - prm[BUCK_PASS_EROSION]
            elif action == DETENTE:
                hostile[i, tt] *= 1.0 - prm[DETENTE_EFFECT]
                hostile[tt, i] *= 1.0 - prm[DETENTE_EFFECT]
                nap[i, tt] = n_detente
                nap[tt, i] = n_detente
                for b in range(nlive):
                    m = live[b]
                    if ally[m, i]:
                        commit[m, i] *= 1.0 - prm[DETENTE_ALLY_COST]

        # 3. war initiation, alliance reliability, outcomes, conquest
        wars = 0
        conquests = 0
        for a in range(nlive):
            order[a] = live[a]
        _shuffle(gen, order, nlive)
        for a in range(nlive):
            i = order[a]
            if not alive[i]:
                continue
            if gen.random() >= prm[WAR_RATE]:
                continue
            target = -1
            best = 0.0
            for b in range(nlive):
                j = live[b]
                if not alive[j] or not adj[i, j] or ally[i, j] or nap[i, j] > 0:
                    continue
                att = power[i] * g[i, j]
                dfn = power[j]
                for c in range(nlive):
                    m = live[c]
                    if not alive[m] or m == i or m == j:
                        continue
                    if ally[i, m] and not ally[j, m]:
                        att += commit[m, i] * prm[OFFENSE_SUPPORT] * power[m] * g[j, m]
                    elif ally[j, m] and not ally[i, m]:
                        dfn += commit[m, j] * power[m] * g[j, m]
                ratio = att / dfn
                if ratio > best:
                    best = ratio
                    target = j
            if target < 0:
                continue
            z = gen.standard_normal()
            if best * math.exp(prm[PERCEPTION_SD] * z) <= prm[WAR_THRESHOLD]:
                continue
            j = target
            war_id = t * n + i
            mark[i] = 2 * war_id
            n_att = 1
            n_def = 1
            for c in range(nlive):
                m = live[c]
                if not alive[m] or m == i or m == j:
                    continue
                if ally[m, i] and not ally[m, j]:
                    if gen.random() < commit[m, i] * prm[OFFENSE_SUPPORT]:
                        mark[m] = 2 * war_id
                        n_att += 1
            for c in range(nlive):
                m = live[c]
                if not alive[m] or m == i or m == j or mark[m] == 2 * war_id:
                    continue
                if ally[m, j] and not ally[m, i]:
                    if gen.random() < commit[m, j]:
                        mark[m] = 2 * war_id + 1
                        n_def += 1
                        commit[m, j] += prm[COMMITMENT_GAIN] * (1.0 - commit[m, j])
                    else:
                        ally[m, j] = False
                        ally[j, m] = False
                        commit[m, j] = 0.0
                        commit[j, m] = 0.0
            mark[j] = 2 * war_id + 1
            att = 0.0
            dfn = power[j]
            for c in range(nlive):
                m = live[c]
                if mark[m] == 2 * war_id:
                    att += power[m] * g[m, j]
                elif mark[m] == 2 * war_id + 1 and m != j:
                    dfn += power[m] * g[m, j]
            ak = att**k_dec
            pwin = ak / (ak + dfn**k_dec)
            won = gen.random() < pwin
            for c in range(nlive):
                m = live[c]
                if mark[m] == 2 * war_id or mark[m] == 2 * war_id + 1:
                    power[m] *= 1.0 - prm[WAR_COST]
                if alive[m] and m != i:
                    h = hostile[m, i] + prm[REPUTATION_SPILL]
                    hostile[m, i] = h if h < 1.0 else 1.0
            for c in range(nlive):
                m = live[c]
                if mark[m] == 2 * war_id + 1:
                    hostile[m, i] = 1.0
            if n_wars_total < war_cap:
                war_log[n_wars_total, 0] = t
                war_log[n_wars_total, 1] = i
                war_log[n_wars_total, 2] = j
                war_log[n_wars_total, 3] = n_att
                war_log[n_wars_total, 4] = n_def
                war_log[n_wars_total, 5] = 1 if won else 0
            n_wars_total += 1
            wars += 1
            if won:
                _absorb(i, j, t, power, alive, owner, adj, ally, commit, hostile, nap, prm[SPOILS], death_step, killer)
                patron[j] = -1
                conquests += 1
            else:
                power[i] *= 1.0 - prm[DEFEAT_LOSS]

        # 4. record
        nlive = 0
        for i in range(n):
            if alive[i]:
                live[nlive] = i
                nlive += 1
        top = _stats(t, live, nlive, power, ally, commit, prm[POLE_SHARE], series[t])
        series[t, 7] = wars
        series[t, 8] = conquests
        if hegemon_step < 0 and series[t, 4] >= prm[HEGEMON_SHARE]:
            hegemon_step = t
            hegemon_state = top
        steps_run = t
        if t % snapshot_every == 0 and n_snap < snapshots.shape[0]:
            snapshots[n_snap, :] = owner
            n_snap += 1
        if nlive <= 1:
            break
    return steps_run, n_wars_total, n_snap, hegemon_step, hegemon_state


def simulate_dense(params, init, rng):
    """Run the dense reference kernel from ``init`` (same outputs as ``kernel.simulate``).

    Parameters
    ----------
    params : SimParams
        The run's parameters.
    init : InitialState
        The map, capabilities and strategies.
    rng : numpy.random.Generator
        The run's generator.

    Returns
    -------
    KernelOutput
        Everything the loop leaves.
    """
    from alliancelab.sim.model.kernel import KernelOutput, output_arrays
    from alliancelab.sim.model.params import kernel_params
    from alliancelab.sim.model.state import dense_matrices

    n = init.geography.n
    g, prox = dense_matrices(init, params)
    power = init.power.copy()
    alive = np.ones(n, dtype=np.bool_)
    owner = np.arange(n, dtype=np.int64)
    adj = init.geography.neighbours
    ally = np.zeros((n, n), dtype=np.bool_)
    commit = np.zeros((n, n))
    hostile = np.zeros((n, n))
    nap = np.zeros((n, n), dtype=np.int64)
    patron = np.full(n, -1, dtype=np.int64)
    series, death, killer, snapshots, war_log = output_arrays(params, n)
    steps, n_wars, taken, heg_step, heg_state = dense_kernel(
        rng,
        kernel_params(params),
        params.n_steps,
        power,
        init.militarisation,
        init.strategy,
        init.strategy_table,
        g,
        prox,
        adj,
        alive,
        owner,
        ally,
        commit,
        hostile,
        nap,
        patron,
        series,
        death,
        killer,
        snapshots,
        params.snapshot_every,
        war_log,
    )
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
