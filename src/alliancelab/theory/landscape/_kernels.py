"""Compiled (Numba) kernels: the Gray-code two-camp scan, the k-camp odometer scan, local
descent and annealing.

Kept in one module because the kernels call each other inside nopython code and share
one ``cache=True`` compilation unit; splitting them would multiply the cached compilations and
the cross-module Numba dispatch for no gain in readability.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from alliancelab.theory.landscape._inputs import _NONE


@njit(cache=True, fastmath=False, nogil=True)
def _scan_block(w, tol, rule, t0, t1, move, energies, store):
    """Search Gray-code ranks t0..t1-1 (t0 a multiple of the block length): move codes (+ energies).

    Alignment index x = gray(t) = t ^ (t >> 1); bit i of x is the camp of actor i (i < n-1); the
    last actor is always in camp 0. move[x] = the actor that moves under ``rule`` (n-1 means the
    last actor moves, i.e. every other actor changes camp in index space), or 255 at a local minimum.
    """
    n = w.shape[0]
    m = n - 1
    sigma = np.empty(n)
    x = t0 ^ (t0 >> 1)
    for i in range(m):
        sigma[i] = 1.0 - 2.0 * ((x >> i) & 1)
    sigma[m] = 1.0
    h = np.zeros(n)
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += w[i, j] * sigma[j]
        h[i] = acc
    e = 0.0
    if store:
        total = 0.0
        for i in range(n):
            for j in range(n):
                total += w[i, j]
        acc = 0.0
        for i in range(n):
            acc += sigma[i] * h[i]
        e = 0.5 * (total - acc)
    for t in range(t0, t1):
        if t > t0:
            k = 0
            while ((t >> k) & 1) == 0:
                k += 1
            sk = sigma[k]
            e += 2.0 * sk * h[k]
            f = -2.0 * sk
            for i in range(n):
                h[i] += f * w[k, i]
            sigma[k] = -sk
            x ^= 1 << k
        best = _NONE
        if rule == 0:
            bestval = -tol
            for i in range(n):
                v = sigma[i] * h[i]
                if v < bestval:
                    bestval = v
                    best = i
        else:
            for i in range(n):
                if sigma[i] * h[i] < -tol:
                    best = i
                    break
        move[x] = best
        if store:
            energies[x] = e
    return 0


@njit(parallel=True, cache=True)
def _scan_parallel(w, tol, rule, first_block, n_blocks, block, move, energies, store):
    for b in prange(n_blocks):
        t0 = (first_block + b) * block
        _scan_block(w, tol, rule, t0, t0 + block, move, energies, store)
    return 0


@njit(parallel=True, cache=True)
def _count_minima(move, n_blocks):
    total = move.size
    block = total // n_blocks
    counts = np.zeros(n_blocks, dtype=np.int64)
    for b in prange(n_blocks):
        c = 0
        for x in range(b * block, (b + 1) * block):
            if move[x] == _NONE:
                c += 1
        counts[b] = c
    out = np.empty(counts.sum(), dtype=np.int64)
    start = np.zeros(n_blocks, dtype=np.int64)
    for b in range(1, n_blocks):
        start[b] = start[b - 1] + counts[b - 1]
    for b in prange(n_blocks):
        q = start[b]
        for x in range(b * block, (b + 1) * block):
            if move[x] == _NONE:
                out[q] = x
                q += 1
    return out


@njit(parallel=True, cache=True)
def _label_basins(move, label, unknown, m, n_blocks, n_minima):
    """Follow every alignment's descent to its minimum; label[x] = that minimum's id.

    Paths are compressed (every alignment on a path gets the label), so each alignment is resolved
    once. Threads may label the same alignment twice, always with the same value. Returns the basin
    sizes (alignments per minimum).
    """
    total = move.size
    block = total // n_blocks
    mask = (1 << m) - 1
    counts = np.zeros((n_blocks, n_minima), dtype=np.int64)
    for b in prange(n_blocks):
        stack = np.empty(256, dtype=np.int64)
        for x in range(b * block, (b + 1) * block):
            lab = label[x]
            if lab == unknown:
                top = 0
                y = x
                while label[y] == unknown:
                    if top < 256:
                        stack[top] = y
                        top += 1
                    k = move[y]
                    if k < m:
                        y = y ^ (1 << k)
                    else:
                        y = y ^ mask
                lab = label[y]
                for q in range(top):
                    label[stack[q]] = lab
            counts[b, lab] += 1
    return counts.sum(axis=0)


# --------------------------------------------------------------------------------------------
# Compiled kernels: k camps (exact by odometer, and the heuristic local search)
# --------------------------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def _best_move(g, camp, tol, rule, n, k):
    """Return (actor, camp, dE/2) of the move under ``rule``, or (-1, -1, 0) at a local minimum.

    g[i, c] = sum_{j in camp c} w_ij; s_i F_i = R_i - g[i, camp_i]; moving i to c changes s_i F_i by
    g[i, camp_i] - g[i, c] and the energy by twice that.
    """
    best_i = -1
    best_c = -1
    best_v = -tol
    for i in range(n):
        cur = g[i, camp[i]]
        ci = -1
        vi = -tol
        for c in range(k):
            if c != camp[i]:
                v = cur - g[i, c]
                if v < vi:
                    vi = v
                    ci = c
        if ci >= 0 and vi < best_v:
            best_v = vi
            best_i = i
            best_c = ci
            if rule == 1:
                break
    return best_i, best_c, best_v


@njit(cache=True, nogil=True)
def _apply_move(w, g, camp, i, c):
    old = camp[i]
    n = w.shape[0]
    for j in range(n):
        g[j, old] -= w[i, j]
        g[j, c] += w[i, j]
    camp[i] = c


@njit(cache=True, nogil=True)
def _fields(w, camp, k):
    n = w.shape[0]
    g = np.zeros((n, k))
    for i in range(n):
        for j in range(n):
            g[i, camp[j]] += w[i, j]
    return g


@njit(cache=True, nogil=True)
def _energy_from_fields(w, g, camp):
    n = w.shape[0]
    e = 0.0
    for i in range(n):
        r = 0.0
        for j in range(n):
            r += w[i, j]
        e += r - g[i, camp[i]]
    return e


@njit(cache=True, nogil=True)
def _descend(w, g, camp, k, tol, rule, max_steps):
    n = w.shape[0]
    steps = 0
    while steps < max_steps:
        i, c, v = _best_move(g, camp, tol, rule, n, k)
        if i < 0:
            break
        _apply_move(w, g, camp, i, c)
        steps += 1
    return steps


@njit(cache=True, nogil=True)
def _xorshift(state):
    x = state[0]
    x ^= (x << np.uint64(13)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    x ^= x >> np.uint64(7)
    x ^= (x << np.uint64(17)) & np.uint64(0xFFFFFFFFFFFFFFFF)
    state[0] = x
    return (x >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(parallel=True, cache=True)
def _multistart(w, k, starts, tol, rule, anneal_sweeps, t_start, t_end, seeds):
    """Descend from every start (optionally after a simulated-annealing run); return the endpoints."""
    n_starts, n = starts.shape
    ends = starts.copy()
    energies = np.empty(n_starts)
    max_steps = 50 * n * n + 1000
    for s in prange(n_starts):
        camp = ends[s]
        g = _fields(w, camp, k)
        if anneal_sweeps > 0:
            state = np.empty(1, dtype=np.uint64)
            state[0] = seeds[s]
            n_moves = anneal_sweeps * n
            ratio = (t_end / t_start) ** (1.0 / max(n_moves - 1, 1))
            temp = t_start
            for _ in range(n_moves):
                i = int(_xorshift(state) * n)
                if i >= n:
                    i = n - 1
                c = int(_xorshift(state) * (k - 1))
                if c >= k - 1:
                    c = k - 2
                if c >= camp[i]:
                    c += 1
                de = 2.0 * (g[i, camp[i]] - g[i, c])
                if de <= 0.0 or _xorshift(state) < math.exp(-de / temp):
                    _apply_move(w, g, camp, i, c)
                temp *= ratio
        _descend(w, g, camp, k, tol, rule, max_steps)
        energies[s] = _energy_from_fields(w, g, camp)
    return ends, energies


@njit(parallel=True, cache=True)
def _scan_many_camps(w, k, tol, rule, n_blocks, succ, energies, store):
    """Exact search of the k^(n-1) labelings with the last actor in camp 0 (base-k index, actor 0
    the lowest digit). succ[x] = index after the move under ``rule``, or -1 at a local minimum."""
    n = w.shape[0]
    m = n - 1
    total = succ.size
    block = (total + n_blocks - 1) // n_blocks
    for b in prange(n_blocks):
        lo = b * block
        hi = min(total, lo + block)
        if lo >= hi:
            continue
        camp = np.zeros(n, dtype=np.int64)
        x = lo
        for i in range(m):
            camp[i] = x % k
            x //= k
        g = _fields(w, camp, k)
        powers = np.empty(n, dtype=np.int64)
        powers[0] = 1
        for i in range(1, n):
            powers[i] = powers[i - 1] * k
        for x in range(lo, hi):
            if x > lo:  # odometer increment, fields updated digit by digit
                i = 0
                while True:
                    if camp[i] == k - 1:
                        _apply_move(w, g, camp, i, 0)
                        i += 1
                    else:
                        _apply_move(w, g, camp, i, camp[i] + 1)
                        break
            bi, bc, bv = _best_move(g, camp, tol, rule, n, k)
            if bi < 0:
                succ[x] = -1
            elif bi < m:
                succ[x] = x + (bc - camp[bi]) * powers[bi]
            else:  # the last actor moves to camp bc: swap camp names 0 and bc for everyone else
                y = 0
                for i in range(m):
                    ci = camp[i]
                    if ci == 0:
                        ci = bc
                    elif ci == bc:
                        ci = 0
                    y += ci * powers[i]
                succ[x] = y
            if store:
                energies[x] = _energy_from_fields(w, g, camp)
    return 0


@njit(parallel=True, cache=True)
def _label_many(succ, label, n_blocks, n_minima):
    total = succ.size
    block = (total + n_blocks - 1) // n_blocks
    counts = np.zeros((n_blocks, n_minima), dtype=np.int64)
    for b in prange(n_blocks):
        stack = np.empty(256, dtype=np.int64)
        lo = b * block
        hi = min(total, lo + block)
        for x in range(lo, hi):
            lab = label[x]
            if lab < 0:
                top = 0
                y = x
                while label[y] < 0:
                    if top < 256:
                        stack[top] = y
                        top += 1
                    y = succ[y]
                lab = label[y]
                for q in range(top):
                    label[stack[q]] = lab
            counts[b, lab] += 1
    return counts.sum(axis=0)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Two camps in spin form (sigma_i = +-1): tabu search, the SDP relaxation, triangle separation
# --------------------------------------------------------------------------------------------
# E(sigma) = (W - sigma' w sigma) / 2 with W = sum_ij w_ij; flipping actor i changes E by
# 2 sigma_i h_i where h = w sigma is each actor's field.


@njit(cache=True, nogil=True)
def _tabu_one(w, sigma, max_stall, tenure, tenure_range, state):
    """One tabu search run from ``sigma`` (modified in place to the best configuration found).

    Each iteration flips the non-tabu actor whose flip lowers E most (or raises it least); a flipped
    actor is tabu for ``tenure`` + U{0..tenure_range} iterations unless flipping it would beat the
    best energy found (aspiration). Stops after ``max_stall`` iterations without a new best.
    Returns (best energy, iterations).
    """
    n = w.shape[0]
    h = np.zeros(n)
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += w[i, j] * sigma[j]
        h[i] = acc
    total = 0.0
    q = 0.0
    for i in range(n):
        q += sigma[i] * h[i]
        for j in range(n):
            total += w[i, j]
    e = 0.5 * (total - q)
    best_e = e
    best = sigma.copy()
    until = np.zeros(n, dtype=np.int64)
    it = 0
    last_improve = 0
    scale = 0.0
    for i in range(n):
        scale += abs(h[i])
    eps = 1e-12 * (scale + 1.0)
    while it - last_improve < max_stall:
        it += 1
        pick = -1
        pick_d = np.inf
        for i in range(n):
            d = 2.0 * sigma[i] * h[i]
            if until[i] <= it or e + d < best_e - eps:
                if d < pick_d:
                    pick_d = d
                    pick = i
        if pick < 0:
            continue
        s_new = -sigma[pick]
        sigma[pick] = s_new
        f = 2.0 * s_new
        for j in range(n):
            h[j] += f * w[pick, j]
        e += pick_d
        until[pick] = it + tenure + int(_xorshift(state) * (tenure_range + 1))
        if e < best_e - eps:
            best_e = e
            for j in range(n):
                best[j] = sigma[j]
            last_improve = it
    for j in range(n):
        sigma[j] = best[j]
    return best_e, it


@njit(parallel=True, cache=True)
def _tabu_many(w, starts, max_stall, tenure, tenure_range, seeds):
    """Tabu search from every row of ``starts`` (+-1) in parallel; rows become the best found."""
    n_starts = starts.shape[0]
    energies = np.empty(n_starts)
    iters = np.empty(n_starts, dtype=np.int64)
    for s in prange(n_starts):
        state = np.empty(1, dtype=np.uint64)
        state[0] = seeds[s]
        sigma = starts[s]
        e, it = _tabu_one(w, sigma, max_stall, tenure, tenure_range, state)
        energies[s] = e
        iters[s] = it
    return energies, iters


@njit(cache=True, nogil=True)
def _mixing_sweeps(w, v, sweeps, tol):
    """Block-coordinate ascent on max sum_ij w_ij <v_i, v_j> over unit vectors v_i (rows of v): each
    v_i in turn becomes the unit vector along g_i = sum_j w_ij v_j (the mixing method). Returns the
    number of sweeps run (stops when the objective rises by less than ``tol`` relative)."""
    n, r = v.shape
    g = w @ v
    prev = 0.0
    for i in range(n):
        for c in range(r):
            prev += v[i, c] * g[i, c]
    done = 0
    dv = np.empty(r)
    for sweep in range(sweeps):
        for i in range(n):
            norm = 0.0
            for c in range(r):
                norm += g[i, c] * g[i, c]
            norm = np.sqrt(norm)
            if norm == 0.0:
                continue
            for c in range(r):
                nv = g[i, c] / norm
                dv[c] = nv - v[i, c]
                v[i, c] = nv
            for j in range(n):  # w is symmetric: column i of w is row i
                wij = w[i, j]
                if wij != 0.0:
                    for c in range(r):
                        g[j, c] += wij * dv[c]
        cur = 0.0
        for i in range(n):
            for c in range(r):
                cur += v[i, c] * g[i, c]
        done = sweep + 1
        if abs(cur - prev) <= tol * (abs(cur) + 1e-300):
            break
        prev = cur
    return done


@njit(cache=True)
def _triangle_violations(y, min_violation):
    """Triangle inequalities of the cut polytope violated by the edge values y (n x n, symmetric):
    for i < j < k with a = y_ij, b = y_ik, c = y_jk the four inequalities a + b + c <= 2,
    a - b - c <= 0, b - a - c <= 0 and c - a - b <= 0. Returns rows (i, j, k, kind, violation)
    with violation > ``min_violation`` (kind 0 is the first inequality, 1-3 the others)."""
    n = y.shape[0]
    count = 0
    cap = 1024
    out = np.empty((cap, 5))
    for i in range(n):
        for j in range(i + 1, n):
            a = y[i, j]
            for k in range(j + 1, n):
                b = y[i, k]
                c = y[j, k]
                vals = (a + b + c - 2.0, a - b - c, b - a - c, c - a - b)
                for kind in range(4):
                    v = vals[kind]
                    if v > min_violation:
                        if count == cap:
                            bigger = np.empty((cap * 2, 5))
                            bigger[:cap] = out
                            out = bigger
                            cap *= 2
                        out[count, 0] = i
                        out[count, 1] = j
                        out[count, 2] = k
                        out[count, 3] = kind
                        out[count, 4] = v
                        count += 1
    return out[:count]
