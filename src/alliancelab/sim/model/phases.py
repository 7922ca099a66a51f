"""Phases 1, 2, 3 and 5 of a turn, compiled (the numbering of ``alliancelab.sim.model``).

Alliances are a list pool (``lists``): in state i's list the entry for ally m holds c_mi, m's
commitment to defend i. Hostility ``shost`` and truces ``snap`` live on the pairs within reach.
Every loop over partners runs in ascending partner order, as the dense reference's loops over
all states do, so sums are bit-identical.

Kept in one module because its functions are the phases of one compiled turn, read in order against the dense
reference, and they share the list-pool layout described above.
"""

import math

import numpy as np
from numba import njit

from alliancelab.sim.model.lists import find, g_of, insert, remove_at, reserve
from alliancelab.sim.model.params import (
    BANDWAGON_PROTECTION,
    BUCK_PASS_EROSION,
    COMMITMENT_DECAY,
    COMMITMENT_FLOOR,
    COMMITMENT_INITIAL,
    DETENTE_ALLY_COST,
    DETENTE_EFFECT,
    DETENTE_TURNS,
    DIPLOMACY_RATE,
    GROWTH_MEAN,
    GROWTH_SD,
    INTENT_DECAY,
    OFFENSE_SUPPORT,
    THREAT_FLOOR,
    TRIBUTE,
    W_INTENT,
    W_OFFENSE,
    W_POWER,
    WEAK_RATIO,
)
from alliancelab.sim.strategies import BALANCE, BANDWAGON, BUCK_PASS, DETENTE


@njit(cache=True, nogil=True)
def shuffle(gen, order, n):
    """Fisher-Yates shuffle of ``order[:n]`` in place, one uniform draw per position.

    Parameters
    ----------
    gen : numpy.random.Generator
        The run's generator.
    order : numpy.ndarray
        The states to shuffle.
    n : int
        How many of them.
    """
    for k in range(n - 1, 0, -1):
        j = np.int64(gen.random() * (k + 1))
        tmp = order[k]
        order[k] = order[j]
        order[j] = tmp


@njit(cache=True, nogil=True)
def threat(k, i, j, power, share, off, sprox, shost, wa, wo, wh, wsum):
    """The threat T_ij that state j poses to state i, for the pair at position k.

    T_ij = prox_ij (w_power s_j + w_offense o_ij + w_intent h_ij) / (w_power + w_offense + w_intent),
    with s_j = p_j / sum_k p_k, o_ij = m_j p_j / (m_j p_j + p_i) and h_ij the perceived hostility.

    Parameters
    ----------
    k : int
        Position of the pair (i, j) among the pairs within reach.
    i, j : int
        The threatened and the threatening state.
    power, share, off : numpy.ndarray
        Power, share of system power and offensive power m_j p_j of each state (share and off are
        fixed during the alignment phase).
    sprox, shost : numpy.ndarray
        Proximity factor and perceived hostility of each pair within reach.
    wa, wo, wh, wsum : float
        The weights of power, offense and intentions, and their sum.

    Returns
    -------
    float
        T_ij.

    References
    ----------
    Walt, S. M. (1987). *The Origins of Alliances*. Cornell University Press.
    """
    return sprox[k] * (wa * share[j] + wo * (off[j] / (off[j] + power[i])) + wh * shost[k]) / wsum


@njit(cache=True, nogil=True)
def top_threat(i, alive, power, share, off, ptr, sidx, sprox, shost, ahead, aidx, wa, wo, wh, wsum):
    """Phase 2: state i's top threat among the living non-allied states within its reach.

    Walks i's row of pairs and its sorted alliance list together, O(pairs of i + allies of i).

    Parameters
    ----------
    i : int
        The state.
    alive, power, share, off : numpy.ndarray
        Per state: alive, power, share of system power, offensive power.
    ptr, sidx, sprox, shost : numpy.ndarray
        The pairs within reach: CSR row pointers, partners, proximity factor, perceived hostility.
    ahead, aidx : numpy.ndarray
        The alliance list pool.
    wa, wo, wh, wsum : float
        The threat weights and their sum.

    Returns
    -------
    tuple
        ``(state, position of the pair, T)``; state -1 when none.
    """
    tt = -1
    kt = -1
    best = -1.0
    p = ahead[i, 0]
    pend = p + ahead[i, 1]
    for k in range(ptr[i], ptr[i + 1]):
        j = sidx[k]
        if not alive[j]:
            continue
        while p < pend and aidx[p] < j:
            p += 1
        if p < pend and aidx[p] == j:
            continue
        th = threat(k, i, j, power, share, off, sprox, shost, wa, wo, wh, wsum)
        if th > best:
            best = th
            tt = j
            kt = k
    return tt, kt, best


@njit(cache=True, nogil=True)
def growth_and_memory(gen, prm, live, nlive, power, mil, patron, ahead, aidx, aval, ptr, shost, snap, share, off):
    """Phase 1: growth, tribute, hostility decay, truce countdown, commitment decay and lapse.

    Power is multiplied by exp(growth_mean + growth_sd z), z ~ N(0, 1); a bandwagoner pays its patron
    ``tribute`` of its power; h *= 1 - intent_decay; c *= 1 - commitment_decay, and an alliance lapses
    when a commitment falls below ``commitment_floor``. Then the shares and offensive powers the
    threat phase reads are computed. Cost O(n + pairs + alliances).

    Parameters
    ----------
    gen : numpy.random.Generator
        The run's generator.
    prm : numpy.ndarray
        The float parameters in ``KERNEL_PARAMS`` order.
    live : numpy.ndarray
        The living states (first ``nlive`` entries).
    nlive : int
        How many live.
    power, mil, patron : numpy.ndarray
        Per state: power (updated), militarisation, bandwagon patron.
    ahead, aidx, aval : numpy.ndarray
        The alliance list pool (updated).
    ptr, shost, snap : numpy.ndarray
        The pairs within reach: CSR row pointers, perceived hostility and truce turns (updated).
    share, off : numpy.ndarray
        Filled in place: share of system power and offensive power of each state.
    """
    for a in range(nlive):
        i = live[a]
        z = gen.standard_normal()
        power[i] = power[i] * math.exp(prm[GROWTH_MEAN] + prm[GROWTH_SD] * z)
    for a in range(nlive):
        i = live[a]
        k = patron[i]
        if k >= 0 and find(ahead, aidx, i, k) >= 0:
            x = prm[TRIBUTE] * power[i]
            power[i] -= x
            power[k] += x
    hkeep = 1.0 - prm[INTENT_DECAY]
    ckeep = 1.0 - prm[COMMITMENT_DECAY]
    floor = prm[COMMITMENT_FLOOR]
    for a in range(nlive):
        i = live[a]
        for k in range(ptr[i], ptr[i + 1]):
            shost[k] *= hkeep
            if snap[k] > 0:
                snap[k] -= 1
        p = ahead[i, 0]
        while p < ahead[i, 0] + ahead[i, 1]:
            j = aidx[p]
            if j > i:
                q = find(ahead, aidx, j, i)
                aval[q] *= ckeep  # c_ij, held in j's list
                aval[p] *= ckeep  # c_ji, held in i's list
                if aval[q] < floor or aval[p] < floor:
                    remove_at(ahead, aidx, aval, j, q)
                    remove_at(ahead, aidx, aval, i, p)
                    continue
            p += 1
    total = 0.0
    for a in range(nlive):
        total += power[live[a]]
    for a in range(nlive):
        i = live[a]
        share[i] = power[i] / total
        off[i] = mil[i] * power[i]


@njit(cache=True, nogil=True)
def _ally(ahead, aidx, aval, aused, i, j, c_ji, c_ij):
    """New alliance: c_ji (j's commitment to i) goes into i's list, c_ij into j's."""
    aidx, aval = reserve(ahead, aidx, aval, aused, i, 1)
    aidx, aval = reserve(ahead, aidx, aval, aused, j, 1)
    insert(ahead, aidx, aval, i, j, c_ji)
    insert(ahead, aidx, aval, j, i, c_ij)
    return aidx, aval


@njit(cache=True, nogil=True)
def _balance(
    i, tt, kt, prm, alive, power, share, off, ptr, sidx, sg, sprox, srev, shost, ahead, aidx, aval, wa, wo, wh, wsum
):
    """The partner i balances with against tt (-1: none, or i's side is not weaker)."""
    own = power[i]
    other = power[tt] * sg[srev[kt]]
    for p in range(ahead[i, 0], ahead[i, 0] + ahead[i, 1]):
        m = aidx[p]
        if find(ahead, aidx, m, tt) < 0:
            own += aval[p] * power[m] * g_of(ptr, sidx, sg, m, i)
    for p in range(ahead[tt, 0], ahead[tt, 0] + ahead[tt, 1]):
        m = aidx[p]
        if m != i and find(ahead, aidx, m, i) < 0:
            other += aval[p] * prm[OFFENSE_SUPPORT] * power[m] * g_of(ptr, sidx, sg, m, i)
    if own >= other:
        return -1
    partner = -1
    bestk = 0.0
    for k in range(ptr[tt], ptr[tt + 1]):
        m = sidx[k]
        if not alive[m] or m == i or find(ahead, aidx, i, m) >= 0 or find(ahead, aidx, m, tt) >= 0:
            continue
        score = power[m] * threat(srev[k], m, tt, power, share, off, sprox, shost, wa, wo, wh, wsum)
        if score > bestk:
            bestk = score
            partner = m
    return partner


@njit(cache=True, nogil=True)
def alignment(
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
):
    """Phase 3: each state in random order reviews its alignments against its top threat.

    A state reviews with probability ``diplomacy_rate``, finds its top threat (phase 2,
    ``top_threat``) and draws one action (hold, balance, bandwagon, buck-pass, detente) from its
    strategy's row for a strong or a weak state.

    Parameters
    ----------
    gen : numpy.random.Generator
        The run's generator.
    prm : numpy.ndarray
        The float parameters in ``KERNEL_PARAMS`` order.
    table, strat : numpy.ndarray
        Strategy tables (strategies, 2, 5) and each state's strategy index.
    live, order : numpy.ndarray
        The living states and a work array for their random order.
    nlive : int
        How many live.
    alive, power, share, off, patron : numpy.ndarray
        Per state: alive, power, share, offensive power, bandwagon patron (updated).
    ptr, sidx, sg, sprox, srev, shost, snap : numpy.ndarray
        The pairs within reach: CSR row pointers, partners, g, proximity factor, reverse position,
        perceived hostility and truce turns (updated).
    ahead, aidx, aval, aused : numpy.ndarray
        The alliance list pool (updated).

    Returns
    -------
    aidx, aval : numpy.ndarray
        The (possibly grown) alliance pool arrays.
    """
    wa = prm[W_POWER]
    wo = prm[W_OFFENSE]
    wh = prm[W_INTENT]
    wsum = wa + wo + wh
    if wsum <= 0.0:
        wsum = 1.0
    cinit = prm[COMMITMENT_INITIAL]
    for a in range(nlive):
        order[a] = live[a]
    shuffle(gen, order, nlive)
    for a in range(nlive):
        i = order[a]
        if gen.random() >= prm[DIPLOMACY_RATE]:
            continue
        tt, kt, best = top_threat(i, alive, power, share, off, ptr, sidx, sprox, shost, ahead, aidx, wa, wo, wh, wsum)
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
            partner = _balance(
                i,
                tt,
                kt,
                prm,
                alive,
                power,
                share,
                off,
                ptr,
                sidx,
                sg,
                sprox,
                srev,
                shost,
                ahead,
                aidx,
                aval,
                wa,
                wo,
                wh,
                wsum,
            )
            if partner >= 0:
                aidx, aval = _ally(ahead, aidx, aval, aused, i, partner, cinit, cinit)
        elif action == BANDWAGON:
            aidx, aval = _ally(ahead, aidx, aval, aused, i, tt, cinit * prm[BANDWAGON_PROTECTION], cinit)
            patron[i] = tt
        elif action == BUCK_PASS:
            for p in range(ahead[i, 0], ahead[i, 0] + ahead[i, 1]):
                q = find(ahead, aidx, aidx[p], i)
                aval[q] *= 1.0 - prm[BUCK_PASS_EROSION]
        elif action == DETENTE:
            shost[kt] *= 1.0 - prm[DETENTE_EFFECT]
            shost[srev[kt]] *= 1.0 - prm[DETENTE_EFFECT]
            snap[kt] = np.int64(prm[DETENTE_TURNS])
            snap[srev[kt]] = np.int64(prm[DETENTE_TURNS])
            for p in range(ahead[i, 0], ahead[i, 0] + ahead[i, 1]):
                aval[p] *= 1.0 - prm[DETENTE_ALLY_COST]
    return aidx, aval


@njit(cache=True, nogil=True)
def record(t, live, nlive, power, ahead, aidx, aval, pole_share, out):
    """Phase 5: the turn's row of the series.

    Writes step, living states, poles (states with at least ``pole_share`` of power), Ray-Singer
    concentration CON = sqrt((sum s^2 - 1/N) / (1 - 1/N)), largest share, alliances, mean commitment
    and total power.

    Parameters
    ----------
    t : int
        The turn.
    live : numpy.ndarray
        The living states (first ``nlive`` entries).
    nlive : int
        How many live.
    power : numpy.ndarray
        Power of each state.
    ahead, aidx, aval : numpy.ndarray
        The alliance list pool.
    pole_share : float
        Share of power that makes a pole.
    out : numpy.ndarray
        The turn's row of the series, filled in place.

    Returns
    -------
    int
        The state with the largest share.

    References
    ----------
    Ray, J. L., & Singer, J. D. (1973). Measuring the concentration of power in the international
    system. *Sociological Methods & Research*, 1(4), 403-437.
    """
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
        for p in range(ahead[i, 0], ahead[i, 0] + ahead[i, 1]):
            j = aidx[p]
            if j > i:
                n_all += 1
                csum += aval[find(ahead, aidx, j, i)] + aval[p]
    out[0] = t
    out[1] = nlive
    out[2] = poles
    out[3] = con
    out[4] = maxshare
    out[5] = n_all
    out[6] = csum / (2 * n_all) if n_all > 0 else 0.0
    out[9] = total
    return argmax
