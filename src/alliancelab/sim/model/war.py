"""Phase 4 of a turn, compiled: war initiation, alliance reliability, outcomes and conquest.

A state looks for targets among its borders (a list pool that conquest merges), sums the
coalitions over its own and the target's alliance lists, and spreads its reputation for
aggression over the states within its reach. Cost per war: O(borders x alliances + reach).
"""

import math

from numba import njit

from alliancelab.sim.model.lists import find, g_of, insert, pair, remove, remove_at, reserve
from alliancelab.sim.model.params import (
    COMMITMENT_GAIN,
    DECISIVENESS,
    DEFEAT_LOSS,
    OFFENSE_SUPPORT,
    PERCEPTION_SD,
    REPUTATION_SPILL,
    SPOILS,
    WAR_COST,
    WAR_RATE,
    WAR_THRESHOLD,
)
from alliancelab.sim.model.phases import shuffle


@njit(cache=True, nogil=True)
def absorb(
    i,
    j,
    t,
    power,
    alive,
    parent,
    death_step,
    killer,
    spoils,
    ptr,
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
):
    """State i conquers state j.

    j's power (``spoils`` of it), provinces and borders pass to i; j's alliances, hostility and
    truces end.

    Parameters
    ----------
    i, j : int
        The conqueror and the conquered.
    t : int
        The turn.
    power, alive, parent, death_step, killer : numpy.ndarray
        Per state (and province) arrays, updated in place.
    spoils : float
        Share of the loser's power the conqueror gains.
    ptr, srev, shost, snap : numpy.ndarray
        The pairs within reach: CSR row pointers, reverse positions, hostility and truce turns.
    ahead, aidx, aval : numpy.ndarray
        The alliance list pool (updated).
    bhead, bidx, bval, bused : numpy.ndarray
        The border list pool (updated).

    Returns
    -------
    bidx, bval : numpy.ndarray
        The (possibly grown) border pool arrays.
    """
    power[i] = power[i] + spoils * power[j]
    power[j] = 0.0
    alive[j] = False
    death_step[j] = t
    killer[j] = i
    parent[j] = i
    s = bhead[j, 0]
    for k in range(bhead[j, 1]):
        q = bidx[s + k]
        if q == i:
            continue
        remove(bhead, bidx, bval, q, j)
        if find(bhead, bidx, q, i) < 0:
            bidx, bval = reserve(bhead, bidx, bval, bused, q, 1)
            insert(bhead, bidx, bval, q, i, 0.0)
            bidx, bval = reserve(bhead, bidx, bval, bused, i, 1)
            insert(bhead, bidx, bval, i, q, 0.0)
    remove(bhead, bidx, bval, i, j)
    bhead[j, 1] = 0
    s = ahead[j, 0]
    for k in range(ahead[j, 1]):
        remove(ahead, aidx, aval, aidx[s + k], j)
    ahead[j, 1] = 0
    for k in range(ptr[j], ptr[j + 1]):
        shost[k] = 0.0
        snap[k] = 0
        shost[srev[k]] = 0.0
        snap[srev[k]] = 0
    return bidx, bval


@njit(cache=True, nogil=True)
def _best_target(i, prm, power, ptr, sidx, sg, snap, ahead, aidx, aval, bhead, bidx):
    """The bordering non-allied, non-truce state with the highest expected coalition ratio."""
    target = -1
    best = 0.0
    for bp in range(bhead[i, 0], bhead[i, 0] + bhead[i, 1]):
        j = bidx[bp]
        if find(ahead, aidx, i, j) >= 0:
            continue
        kij = pair(ptr, sidx, i, j)
        if kij >= 0 and snap[kij] > 0:
            continue
        att = power[i] * (sg[kij] if kij >= 0 else 0.0)
        dfn = power[j]
        for p in range(ahead[i, 0], ahead[i, 0] + ahead[i, 1]):
            m = aidx[p]
            if find(ahead, aidx, j, m) < 0:
                att += aval[p] * prm[OFFENSE_SUPPORT] * power[m] * g_of(ptr, sidx, sg, j, m)
        for p in range(ahead[j, 0], ahead[j, 0] + ahead[j, 1]):
            m = aidx[p]
            if m != i and find(ahead, aidx, i, m) < 0:
                dfn += aval[p] * power[m] * g_of(ptr, sidx, sg, j, m)
        ratio = att / dfn
        if ratio > best:
            best = ratio
            target = j
    return target, best


@njit(cache=True, nogil=True)
def war(
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
):
    """Phase 4 for every living state in random order: war initiation, alliance reliability, outcome.

    A state considers war with probability ``war_rate`` against a bordering state, attacks when its
    misperceived coalition ratio exceeds ``war_threshold``, and wins with probability
    A^k / (A^k + D^k) (k = ``decisiveness``), A and D the coalitions' powers projected to the target.

    Parameters
    ----------
    gen : numpy.random.Generator
        The run's generator.
    prm : numpy.ndarray
        The float parameters in ``KERNEL_PARAMS`` order.
    t : int
        The turn.
    live, order : numpy.ndarray
        The living states and a work array for their random order.
    nlive : int
        How many live.
    alive, power, mark, patron, parent, death_step, killer : numpy.ndarray
        Per state (and province) arrays, updated in place; ``mark`` is a work array.
    ptr, sidx, sg, srev, shost, snap : numpy.ndarray
        The pairs within reach: CSR row pointers, partners, g, reverse positions, hostility and truce
        turns.
    ahead, aidx, aval : numpy.ndarray
        The alliance list pool (updated).
    bhead, bidx, bval, bused : numpy.ndarray
        The border list pool (updated).
    war_log : numpy.ndarray
        One row per war, filled in place.
    n_wars_total : int
        Wars so far.
    buf_a, buf_d, buf_t : numpy.ndarray
        Work arrays for the coalitions.

    Returns
    -------
    tuple
        ``(bidx, bval, wars, conquests, n_wars_total)``: the border pool arrays and the counts.

    References
    ----------
    Hirshleifer, J. (1989). Conflict and rent-seeking success functions: ratio vs. difference models
    of relative success. *Public Choice*, 63(2), 101-112.
    """
    n = power.shape[0]
    for a in range(nlive):
        order[a] = live[a]
    shuffle(gen, order, nlive)
    wars = 0
    conquests = 0
    for a in range(nlive):
        i = order[a]
        if not alive[i]:
            continue
        if gen.random() >= prm[WAR_RATE]:
            continue
        j, best = _best_target(i, prm, power, ptr, sidx, sg, snap, ahead, aidx, aval, bhead, bidx)
        if j < 0:
            continue
        z = gen.standard_normal()
        if best * math.exp(prm[PERCEPTION_SD] * z) <= prm[WAR_THRESHOLD]:
            continue
        side_a = 2 * (t * n + i)
        side_d = side_a + 1
        mark[i] = side_a
        na = 0
        for p in range(ahead[i, 0], ahead[i, 0] + ahead[i, 1]):
            m = aidx[p]
            if alive[m] and m != j and find(ahead, aidx, m, j) < 0:
                if gen.random() < aval[p] * prm[OFFENSE_SUPPORT]:
                    mark[m] = side_a
                    buf_a[na] = m
                    na += 1
        nt = ahead[j, 1]
        for k in range(nt):
            buf_t[k] = aidx[ahead[j, 0] + k]
        nd = 0
        for k in range(nt):
            m = buf_t[k]
            if not alive[m] or m == i or mark[m] == side_a or find(ahead, aidx, m, i) >= 0:
                continue
            q = find(ahead, aidx, j, m)
            if gen.random() < aval[q]:
                mark[m] = side_d
                buf_d[nd] = m
                nd += 1
                aval[q] += prm[COMMITMENT_GAIN] * (1.0 - aval[q])
            else:
                remove_at(ahead, aidx, aval, j, q)
                remove(ahead, aidx, aval, m, j)
        mark[j] = side_d
        # coalition powers projected to the target, summed in ascending state order
        att = 0.0
        own_added = False
        for k in range(na):
            m = buf_a[k]
            if not own_added and i < m:
                att += power[i] * g_of(ptr, sidx, sg, i, j)
                own_added = True
            att += power[m] * g_of(ptr, sidx, sg, m, j)
        if not own_added:
            att += power[i] * g_of(ptr, sidx, sg, i, j)
        dfn = power[j]
        for k in range(nd):
            m = buf_d[k]
            dfn += power[m] * g_of(ptr, sidx, sg, m, j)
        ak = att ** prm[DECISIVENESS]
        pwin = ak / (ak + dfn ** prm[DECISIVENESS])
        won = gen.random() < pwin
        keep = 1.0 - prm[WAR_COST]
        power[i] *= keep
        power[j] *= keep
        for k in range(na):
            power[buf_a[k]] *= keep
        for k in range(nd):
            power[buf_d[k]] *= keep
        for k in range(ptr[i], ptr[i + 1]):
            if alive[sidx[k]]:
                h = shost[srev[k]] + prm[REPUTATION_SPILL]
                shost[srev[k]] = h if h < 1.0 else 1.0
        k = pair(ptr, sidx, j, i)
        if k >= 0:
            shost[k] = 1.0
        for c in range(nd):
            k = pair(ptr, sidx, buf_d[c], i)
            if k >= 0:
                shost[k] = 1.0
        if n_wars_total < war_log.shape[0]:
            war_log[n_wars_total, 0] = t
            war_log[n_wars_total, 1] = i
            war_log[n_wars_total, 2] = j
            war_log[n_wars_total, 3] = na + 1
            war_log[n_wars_total, 4] = nd + 1
            war_log[n_wars_total, 5] = 1 if won else 0
        n_wars_total += 1
        wars += 1
        if won:
            bidx, bval = absorb(
                i,
                j,
                t,
                power,
                alive,
                parent,
                death_step,
                killer,
                prm[SPOILS],
                ptr,
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
            )
            patron[j] = -1
            conquests += 1
        else:
            power[i] *= 1.0 - prm[DEFEAT_LOSS]
    return bidx, bval, wars, conquests, n_wars_total
