"""Landscape theory of aggregation: camps, frustration, energy, local minima and their basins.

Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
Political Science 23(2): 211-233.

Definitions (the paper's, with its sign convention)
--------------------------------------------------
Actors i = 1..n have sizes s_i > 0 and a symmetric propensity matrix p (p_ii = 0). A positive p_ij is
an affinity (i and j would rather be in the same camp), a negative p_ij an antipathy. A
configuration X puts every actor in one of k camps (k = 2 by default); d_ij(X) = 0 when i and j are
in the same camp and 1 otherwise.

* frustration of actor i:   F_i(X) = sum_{j != i} s_j p_ij d_ij(X)
* energy of the system:     E(X)   = sum_i sum_{j != i} s_i s_j p_ij d_ij(X) = sum_i s_i F_i(X)

The energy sums over *ordered* pairs, as in the paper (its footnote 2 writes E(X) as the sum over
A'xB plus BxA'), so it is twice the unordered-pair sum sum_{i<j} s_i s_j p_ij d_ij(X) that
THEORY.md section 9 writes; the two differ by the factor 2 only and have the same minima. With this
sign an affinity across camps *adds* energy and an antipathy across camps *removes* energy, so
minimising E keeps friends together and enemies apart. When actor k alone switches camp, its
frustration changes by dF_k and the energy by exactly dE = 2 s_k dF_k (both ordered pairs (k, j)
and (j, k) change): an actor that lowers its own frustration lowers the energy, so myopic
adjustment can only go downhill and always ends in a local minimum.

Local minimum: a configuration in which no single actor can strictly lower its frustration by
moving to another camp (an indifferent actor stays). Energies are compared with a small tolerance
(``tolerance`` x sum |s_i s_j p_ij|) so that rounding never creates a spurious move.

Basin of attraction: the configurations from which myopic one-actor-at-a-time adjustment ends in
the minimum. Which actor moves when several could gain is a modelling choice (the paper leaves it
open); it is the parameter ``rule``:

* ``"steepest"`` (default): the actor whose move lowers the energy most moves (to the camp that
  lowers its frustration most); ties go to the lowest actor index, then the lowest camp.
* ``"ordered"``: the lowest-indexed actor that can lower its frustration moves (to the camp that
  lowers its frustration most).

Either rule makes the descent deterministic, so the basins partition the configuration space and
their sizes add up to the number of configurations. With two camps a configuration and its mirror
image (the camps' names swapped) are the same alignment: the exact search counts 2^(n-1)
alignments, fixing the last actor in camp 0, and searches them in Gray-code order so that each step
moves one actor and updates every actor's field in O(n).

Performance (see bench/landscape.py and docs/landscape.md): the exact two-camp search is compiled
with Numba (``cache=True``, so the compile cost is paid once per machine) and runs in parallel over
blocks of the Gray code. Beyond exact reach, ``method="heuristic"`` runs steepest descent from many
random starts (or simulated annealing, ``anneal=True``) and estimates each minimum's basin share by
the fraction of uniformly random starts that end in it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numba import njit, prange

from alliancelab.errors import ParameterError, check_choice, check_range

RULES = ("steepest", "ordered")
METHODS = ("auto", "exact", "heuristic")
MAX_EXACT_TWO_CAMPS = 34  # 2^33 alignments: 8.6 GB of move codes; beyond that use the heuristic
MAX_EXACT_MANY_CAMPS = 2**25  # labelings searched exactly with k >= 3 camps
AUTO_EXACT_N = 26  # method="auto" searches exactly up to this many actors (two camps)
TOLERANCE = 1e-10
_NONE = 255  # move code of a local minimum in the two-camp search


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


def check_inputs(sizes, propensity, names=None):
    """Validate sizes (n,) > 0 and a symmetric (n, n) propensity matrix; return float arrays + names.

    The diagonal of ``propensity`` is ignored (set to 0): an actor has no propensity to itself.
    """
    s = np.asarray(sizes, dtype=np.float64).ravel()
    p = np.array(propensity, dtype=np.float64, copy=True)
    n = s.size
    if n < 2:
        raise ParameterError(f"argument sizes: expected at least 2 actors, got {n}")
    if p.shape != (n, n):
        raise ParameterError(f"argument propensity: expected a {n}x{n} matrix (one row and column per "
                             f"actor), got shape {p.shape}")
    if not np.all(np.isfinite(s)) or np.any(s <= 0):
        bad = int(np.flatnonzero(~np.isfinite(s) | (s <= 0))[0])
        raise ParameterError(f"argument sizes: every size must be a finite number > 0; actor {bad} "
                             f"has {s[bad]!r}")
    if not np.all(np.isfinite(p)):
        i, j = np.argwhere(~np.isfinite(p))[0]
        raise ParameterError(f"argument propensity: entry ({i}, {j}) is {p[i, j]!r}, expected a finite number")
    np.fill_diagonal(p, 0.0)
    scale = max(1.0, float(np.abs(p).max()))
    if not np.allclose(p, p.T, rtol=0, atol=1e-9 * scale):
        i, j = np.argwhere(~np.isclose(p, p.T, rtol=0, atol=1e-9 * scale))[0]
        raise ParameterError(f"argument propensity: must be symmetric; p[{i},{j}]={p[i, j]!r} but "
                             f"p[{j},{i}]={p[j, i]!r}")
    p = (p + p.T) / 2.0
    if names is None:
        names = [str(i) for i in range(n)]
    names = [str(x) for x in names]
    if len(names) != n:
        raise ParameterError(f"argument names: expected {n} names, got {len(names)}")
    if len(set(names)) != n:
        raise ParameterError("argument names: actor names must be unique")
    return s, p, names


def weight_matrix(sizes, propensity):
    """w_ij = s_i s_j p_ij with a zero diagonal (the energy is sum_{i != j} w_ij d_ij)."""
    s = np.asarray(sizes, dtype=np.float64)
    w = np.outer(s, s) * np.asarray(propensity, dtype=np.float64)
    np.fill_diagonal(w, 0.0)
    return w


def _as_camps(config, n, camps=None):
    c = np.asarray(config)
    if c.shape != (n,):
        raise ParameterError(f"argument config: expected one camp per actor ({n} values), got shape {c.shape}")
    if not np.all(np.equal(np.mod(c, 1), 0)) or np.any(c < 0):
        raise ParameterError("argument config: camps must be integers 0, 1, ..., k-1")
    c = c.astype(np.int64)
    if camps is not None and np.any(c >= camps):
        raise ParameterError(f"argument config: camps must be < {camps}, got {int(c.max())}")
    return c


def frustration(sizes, propensity, config):
    """F_i(X) = sum_{j != i} s_j p_ij d_ij(X) for every actor i (array of n)."""
    s, p, _ = check_inputs(sizes, propensity)
    c = _as_camps(config, s.size)
    d = (c[:, None] != c[None, :]).astype(np.float64)
    return (p * d) @ s


def energy(sizes, propensity, config):
    """E(X) = sum_i s_i F_i(X) = sum_{i != j} s_i s_j p_ij d_ij(X) (ordered pairs, Axelrod & Bennett)."""
    s, p, _ = check_inputs(sizes, propensity)
    return float(s @ frustration(s, p, config))


def canonical(config):
    """Relabel camps in order of first appearance (actor 0 is always in camp 0)."""
    c = np.asarray(config, dtype=np.int64)
    out = np.empty_like(c)
    seen = {}
    for i, v in enumerate(c):
        out[i] = seen.setdefault(int(v), len(seen))
    return out


# --------------------------------------------------------------------------------------------
# Compiled kernels: two camps, Gray-code exact search
# --------------------------------------------------------------------------------------------


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


@dataclass
class Landscape:
    """The local minima of one system, lowest energy first.

    ``configurations[r]`` gives each actor's camp in minimum r (canonical labels: actor 0 in camp
    0); ``frustrations[r]`` each actor's frustration there; ``energies[r]`` and ``basin_sizes[r]``
    (configurations whose descent ends there; for the heuristic, starts that ended there) and
    ``basin_shares[r]`` (fraction of the searched space, or of the starts).
    """

    names: list
    sizes: np.ndarray
    propensity: np.ndarray
    camps: int
    rule: str
    method: str
    n_configurations: int  # searched space (exact) or number of starts (heuristic)
    configurations: np.ndarray  # (minima, n) int
    energies: np.ndarray
    basin_sizes: np.ndarray
    frustrations: np.ndarray
    all_energies: np.ndarray | None = None  # every alignment's energy by index (exact, small n)
    notes: list = field(default_factory=list)

    @property
    def basin_shares(self):
        return self.basin_sizes / float(self.n_configurations)

    @property
    def n_minima(self):
        return len(self.energies)

    @property
    def global_minimum(self):
        return self.configurations[0]

    def minimum(self, rank=0):
        """Camp of every actor in the minimum of the given energy rank (0 = global) as a Series."""
        return pd.Series(self.configurations[rank], index=self.names, name=f"minimum {rank}")

    def table(self, max_rows=None):
        """One row per minimum: rank, energy, basin size and share, and each camp's members."""
        rows = []
        for r in range(self.n_minima if max_rows is None else min(max_rows, self.n_minima)):
            row = {"rank": r, "energy": self.energies[r], "basin_size": int(self.basin_sizes[r]),
                   "basin_share": self.basin_shares[r]}
            for c in range(self.camps):
                members = [self.names[i] for i in np.flatnonzero(self.configurations[r] == c)]
                row[f"camp_{c}"] = " ".join(members)
            rows.append(row)
        return pd.DataFrame(rows)

    def frustration_table(self, rank=0):
        """Each actor's camp, frustration and switch cost (rise in its frustration if it alone
        moved to its best other camp) in the minimum of the given rank."""
        return pd.DataFrame({"actor": self.names, "size": self.sizes,
                             "camp": self.configurations[rank],
                             "frustration": self.frustrations[rank],
                             "switch_cost": switch_costs(self.sizes, self.propensity,
                                                         self.configurations[rank], self.camps)})


def _finish(names, s, p, w, camps, rule, method, space, configs, basin, all_energies=None, notes=()):
    configs = np.array([canonical(c) for c in configs], dtype=np.int64).reshape(len(configs), len(s))
    # merge minima that are the same alignment under relabelled camps (k >= 3, or heuristic)
    merged = {}
    for c, b in zip(configs, basin):
        key = c.tobytes()
        if key in merged:
            merged[key][1] += int(b)
        else:
            merged[key] = [c, int(b)]
    configs = np.array([v[0] for v in merged.values()], dtype=np.int64).reshape(len(merged), len(s))
    basin = np.array([v[1] for v in merged.values()], dtype=np.int64)
    frus = _frustrations(s, p, configs, camps)
    ener = frus @ s
    order = np.lexsort((-basin, ener))
    return Landscape(names=list(names), sizes=s, propensity=p, camps=camps, rule=rule, method=method,
                     n_configurations=int(space), configurations=configs[order], energies=ener[order],
                     basin_sizes=basin[order], frustrations=frus[order], all_energies=all_energies,
                     notes=list(notes))


def _frustrations(s, p, configs, camps):
    """F[r, i] = sum_j s_j p_ij [camp_j != camp_i] for many configurations at once (one matmul)."""
    r, n = configs.shape
    onehot = np.zeros((n, r, camps))
    onehot[np.arange(n)[:, None], np.arange(r)[None, :], configs.T] = 1.0
    same = (p @ (s[:, None] * onehot.reshape(n, r * camps))).reshape(n, r, camps)
    within = np.take_along_axis(same, configs.T[:, :, None], axis=2)[:, :, 0]  # (n, r)
    return (p @ s)[None, :] - within.T


def _tol(w, tolerance):
    return float(tolerance * max(np.abs(w).sum(), 1e-300))


def _threads():
    try:
        import numba

        return max(1, int(numba.get_num_threads()))
    except Exception:  # pragma: no cover
        return os.cpu_count() or 1


def exact_two_camps(sizes, propensity, names=None, rule="steepest", keep_energies=False,
                    tolerance=TOLERANCE, progress=None):
    """Exact search of all 2^(n-1) two-camp alignments (Gray code, Numba, parallel blocks).

    Returns a ``Landscape`` with every local minimum, its energy, basin size under ``rule`` and each
    actor's frustration. ``keep_energies`` also returns every alignment's energy (index x: bit i =
    camp of actor i, last actor in camp 0); memory 8 * 2^(n-1) bytes. ``progress(done, total)`` is
    called between blocks.
    """
    s, p, names = check_inputs(sizes, propensity, names)
    check_choice("rule", rule, RULES)
    n = s.size
    check_range("number of actors", n, 2, MAX_EXACT_TWO_CAMPS)
    m = n - 1
    total = 1 << m
    w = weight_matrix(s, p)
    tol = _tol(w, tolerance)
    move = np.empty(total, dtype=np.uint8)
    store = bool(keep_energies)
    energies = np.empty(total if store else 1, dtype=np.float64)
    threads = _threads()
    block = min(total, 1 << 16)
    n_blocks = total // block
    per_call = max(threads * 4, n_blocks // 64) if progress is not None else n_blocks
    per_call = min(per_call, n_blocks)
    done = 0
    while done < n_blocks:
        todo = min(per_call, n_blocks - done)
        _scan_parallel(w, tol, 0 if rule == "steepest" else 1, done, todo, block, move, energies, store)
        done += todo
        if progress is not None:
            progress(done, n_blocks + 1)
    count_blocks = n_blocks if n_blocks >= threads else 1
    minima = _count_minima(move, count_blocks)
    nmin = minima.size
    dtype = np.uint8 if nmin < 255 else (np.uint16 if nmin < 65535 else np.uint32)
    unknown = np.iinfo(dtype).max
    label = np.full(total, unknown, dtype=dtype)
    label[minima] = np.arange(nmin, dtype=dtype)
    basin = _label_basins(move, label, dtype(unknown), m, count_blocks, nmin)
    del label, move
    if progress is not None:
        progress(n_blocks + 1, n_blocks + 1)
    bits = ((minima[:, None] >> np.arange(m)[None, :]) & 1).astype(np.int64)
    configs = np.concatenate([bits, np.zeros((nmin, 1), dtype=np.int64)], axis=1)
    return _finish(names, s, p, w, 2, rule, "exact", total, configs, basin,
                   all_energies=energies if store else None)


def exact_many_camps(sizes, propensity, camps, names=None, rule="steepest", tolerance=TOLERANCE):
    """Exact search of the k^(n-1) labelings into ``camps`` camps (last actor in camp 0).

    Minima that are the same partition with camps renamed are merged (their basins added), so basin
    sizes count labelings and their shares add to 1. Camps may be left empty.
    """
    s, p, names = check_inputs(sizes, propensity, names)
    check_choice("rule", rule, RULES)
    k = int(camps)
    check_range("camps", k, 2, len(s))
    n = s.size
    total = k ** (n - 1)
    if total > MAX_EXACT_MANY_CAMPS:
        raise ParameterError(f"argument camps={k}: {k}^{n - 1} = {total:,} labelings exceed the exact "
                             f"limit {MAX_EXACT_MANY_CAMPS:,}; use method='heuristic'")
    w = weight_matrix(s, p)
    tol = _tol(w, tolerance)
    succ = np.empty(total, dtype=np.int64)
    n_blocks = max(1, min(total // 1024, _threads() * 16))
    _scan_many_camps(w, k, tol, 0 if rule == "steepest" else 1, n_blocks, succ, np.empty(1), False)
    minima = np.flatnonzero(succ < 0)
    label = np.full(total, -1, dtype=np.int64)
    label[minima] = np.arange(minima.size)
    basin = _label_many(succ, label, n_blocks, minima.size)
    digits = (minima[:, None] // (k ** np.arange(n - 1))[None, :]) % k
    configs = np.concatenate([digits, np.zeros((minima.size, 1), dtype=np.int64)], axis=1)
    return _finish(names, s, p, w, k, rule, "exact", total, configs, basin)


def heuristic(sizes, propensity, camps=2, names=None, rule="steepest", n_starts=None, seed=0,
              anneal=False, anneal_sweeps=50, tolerance=TOLERANCE):
    """Multi-start local search: steepest (or ordered) descent from ``n_starts`` uniform random
    configurations; with ``anneal=True`` each start first runs simulated annealing
    (``anneal_sweeps`` x n single-actor Metropolis moves, temperature falling geometrically from
    the typical |dE| to 1/1000 of it) and then descends.

    Without annealing the fraction of starts ending in a minimum is an unbiased estimate of its
    basin share under ``rule``; with annealing it is not a basin share (say so when reporting).
    """
    s, p, names = check_inputs(sizes, propensity, names)
    check_choice("rule", rule, RULES)
    k = int(camps)
    n = s.size
    check_range("camps", k, 2, n)
    if n_starts is None:
        n_starts = 2000 if n <= 100 else max(64, int(200_000 // n))
    check_range("n_starts", n_starts, 1, None)
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, k, size=(int(n_starts), n)).astype(np.int64)
    w = weight_matrix(s, p)
    tol = _tol(w, tolerance)
    seeds = rng.integers(1, 2**63 - 1, size=int(n_starts), dtype=np.int64).astype(np.uint64)
    typical = float(np.abs(w).sum(axis=1).mean()) or 1.0
    ends, _ = _multistart(w, k, starts, tol, 0 if rule == "steepest" else 1,
                          int(anneal_sweeps) if anneal else 0, 2.0 * typical, 2e-3 * typical, seeds)
    canon = np.array([canonical(e) for e in ends])
    uniq, counts = np.unique(canon, axis=0, return_counts=True)
    notes = [f"heuristic: {n_starts} random starts, seed {seed}"
             + (", simulated annealing before descent (shares are not basin shares)" if anneal else
                ", basin shares estimated by the fraction of starts ending in each minimum")]
    return _finish(names, s, p, w, k, rule, "heuristic", int(n_starts), uniq, counts, notes=notes)


def landscape(sizes, propensity, camps=2, names=None, method="auto", rule="steepest", **options):
    """Every local minimum of the energy landscape (exact when feasible, else the heuristic).

    ``method="auto"`` searches exactly for two camps up to ``AUTO_EXACT_N`` actors and for k camps
    when k^(n-1) <= ``MAX_EXACT_MANY_CAMPS``, and uses the multi-start heuristic above that.
    Options go to ``exact_two_camps`` / ``exact_many_camps`` / ``heuristic``.
    """
    check_choice("method", method, METHODS)
    n = np.asarray(sizes).size
    k = int(camps)
    if method == "auto":
        if k == 2:
            method = "exact" if n <= AUTO_EXACT_N else "heuristic"
        else:
            method = "exact" if k ** (n - 1) <= MAX_EXACT_MANY_CAMPS else "heuristic"
    if method == "heuristic":
        allowed = {"n_starts", "seed", "anneal", "anneal_sweeps", "tolerance"}
        return heuristic(sizes, propensity, camps=k, names=names, rule=rule,
                         **{a: v for a, v in options.items() if a in allowed})
    if k == 2:
        allowed = {"keep_energies", "tolerance", "progress"}
        return exact_two_camps(sizes, propensity, names=names, rule=rule,
                               **{a: v for a, v in options.items() if a in allowed})
    allowed = {"tolerance"}
    return exact_many_camps(sizes, propensity, k, names=names, rule=rule,
                            **{a: v for a, v in options.items() if a in allowed})


def adjustment_path(sizes, propensity, start, camps=None, names=None, rule="steepest",
                    tolerance=TOLERANCE, max_steps=None):
    """Where does the system go from ``start``? Myopic one-actor-at-a-time adjustment under ``rule``.

    Returns a DataFrame, one row per step (step 0 = the start): the actor that moved, from and to
    which camp, the actor's frustration before and after, and the system energy after the step.
    The last row is a local minimum. ``camps`` defaults to max(2, number of camps used in start).
    """
    s, p, names = check_inputs(sizes, propensity, names)
    check_choice("rule", rule, RULES)
    n = s.size
    camp = _as_camps(start, n).copy()
    k = int(camps) if camps is not None else max(2, int(camp.max()) + 1)
    if camp.max() >= k:
        raise ParameterError(f"argument start: camp {int(camp.max())} >= camps={k}")
    w = weight_matrix(s, p)
    tol = _tol(w, tolerance)
    g = _fields(w, camp, k)
    r = w.sum(axis=1)
    rows = [{"step": 0, "actor": None, "from_camp": None, "to_camp": None,
             "frustration_before": np.nan, "frustration_after": np.nan,
             "energy": float(_energy_from_fields(w, g, camp)),
             "configuration": " ".join(map(str, camp))}]
    limit = max_steps if max_steps is not None else 50 * n * n + 1000
    code = 0 if rule == "steepest" else 1
    for step in range(1, limit + 1):
        i, c, _ = _best_move(g, camp, tol, code, n, k)
        if i < 0:
            break
        before = (r[i] - g[i, camp[i]]) / s[i]
        old = int(camp[i])
        _apply_move(w, g, camp, i, c)
        after = (r[i] - g[i, camp[i]]) / s[i]
        rows.append({"step": step, "actor": names[i], "from_camp": old, "to_camp": int(c),
                     "frustration_before": before, "frustration_after": after,
                     "energy": float(_energy_from_fields(w, g, camp)),
                     "configuration": " ".join(map(str, camp))})
    return pd.DataFrame(rows)


def is_local_minimum(sizes, propensity, config, camps=None, tolerance=TOLERANCE):
    """True when no actor can strictly lower its frustration by moving to another camp."""
    s, p, _ = check_inputs(sizes, propensity)
    c = _as_camps(config, s.size)
    k = int(camps) if camps is not None else max(2, int(c.max()) + 1)
    w = weight_matrix(s, p)
    g = _fields(w, c, k)
    i, _, _ = _best_move(g, c, _tol(w, tolerance), 0, s.size, k)
    return bool(i < 0)


def brute_force(sizes, propensity, camps=2, rule="steepest", tolerance=TOLERANCE):
    """Reference implementation in plain NumPy/Python for small n (tests and benchmarks).

    Evaluates every configuration's energy from scratch, finds each one's move under ``rule`` by
    trying every single-actor move, and follows descents. Returns {canonical tuple: (energy,
    basin_size)} over the k^(n-1) labelings with the last actor in camp 0.
    """
    s, p, _ = check_inputs(sizes, propensity)
    n = s.size
    k = int(camps)
    w = weight_matrix(s, p)
    tol = _tol(w, tolerance)

    def e_of(c):
        return float((w * (c[:, None] != c[None, :])).sum())

    def index(c):
        return int(sum(int(c[i]) * k**i for i in range(n - 1)))

    def normalise(c):  # put the last actor in camp 0 by swapping camp names
        last = c[-1]
        if last == 0:
            return c
        out = c.copy()
        out[c == 0] = last
        out[c == last] = 0
        return out

    total = k ** (n - 1)
    succ = np.empty(total, dtype=np.int64)
    energies = np.empty(total)
    configs = []
    for x in range(total):
        c = np.array([(x // k**i) % k for i in range(n - 1)] + [0], dtype=np.int64)
        configs.append(c)
        e = e_of(c)
        energies[x] = e
        best, best_de = -1, -2 * tol
        for i in range(n):
            for cc in range(k):  # every rule moves the actor to the camp that lowers E most
                if cc == c[i]:
                    continue
                d = c.copy()
                d[i] = cc
                de = e_of(d) - e
                if de < best_de:
                    best, best_de = index(normalise(d)), de
            if rule == "ordered" and best >= 0:
                break  # the lowest-numbered actor that can gain moves
        succ[x] = best
    out = {}
    for x in range(total):
        y = x
        while succ[y] >= 0:
            y = succ[y]
        key = tuple(canonical(configs[y]))
        e, b = out.get(key, (energies[y], 0))
        out[key] = (e, b + 1)
    return out


def reference_energies(sizes, propensity):
    """Every two-camp alignment's energy evaluated from scratch with NumPy (benchmark reference).

    Index x: bit i = camp of actor i (i < n-1), last actor in camp 0; E = sum_{i != j} w_ij d_ij.
    Processes alignments in chunks to bound memory.
    """
    s, p, _ = check_inputs(sizes, propensity)
    w = weight_matrix(s, p)
    n = s.size
    total = 1 << (n - 1)
    out = np.empty(total)
    chunk = 1 << 14
    shifts = np.arange(n - 1)
    for lo in range(0, total, chunk):
        x = np.arange(lo, min(total, lo + chunk))
        bits = np.concatenate([(x[:, None] >> shifts) & 1, np.zeros((x.size, 1), dtype=np.int64)],
                              axis=1).astype(np.float64)
        # d_ij = b_i + b_j - 2 b_i b_j, so E = 2 * sum_i b_i R_i - 2 * b W b
        out[lo:lo + x.size] = 2.0 * bits @ w.sum(axis=1) - 2.0 * np.einsum("ci,ij,cj->c", bits, w, bits)
    return out


def local_minima_from_energies(sizes, propensity, energies):
    """Reference: local minima of two camps found by comparing each alignment with its n neighbours
    (vectorised NumPy over an ``reference_energies`` array). Returns the sorted alignment indices."""
    s, p, _ = check_inputs(sizes, propensity)
    w = weight_matrix(s, p)
    n = s.size
    m = n - 1
    total = 1 << m
    tol = _tol(w, TOLERANCE)
    x = np.arange(total)
    ok = np.ones(total, dtype=bool)
    for i in range(m):
        ok &= energies[x ^ (1 << i)] - energies >= -2 * tol
    ok &= energies[x ^ (total - 1)] - energies >= -2 * tol
    return np.flatnonzero(ok)


def switch_costs(sizes, propensity, config, camps=None):
    """For each actor, the change in its own frustration if it alone moved to its best other camp
    (>= 0 at a local minimum; the smallest values are the actors closest to defecting)."""
    s, p, _ = check_inputs(sizes, propensity)
    c = _as_camps(config, s.size)
    k = int(camps) if camps is not None else max(2, int(c.max()) + 1)
    g = np.zeros((s.size, k))
    for a in range(k):
        g[:, a] = p @ (s * (c == a))
    own = g[np.arange(s.size), c]
    g[np.arange(s.size), c] = -np.inf
    return own - g.max(axis=1)


# --------------------------------------------------------------------------------------------
# Figures (plotly and matplotlib are imported only when a figure is drawn)
# --------------------------------------------------------------------------------------------


def energy_profile(result, max_points=4000):
    """Points of the energy landscape plot: (rank, energy) of the configurations ordered by energy
    (every configuration when the exact search kept them, sampled evenly in rank to at most
    ``max_points``), and (rank, energy) of every local minimum. Without kept energies the x axis is
    the minima's own energy rank."""
    if result.all_energies is not None:
        e = np.sort(result.all_energies)
        idx = np.unique(np.linspace(0, e.size - 1, min(max_points, e.size)).astype(np.int64))
        minima_rank = np.searchsorted(e, result.energies - 1e-12 * max(1.0, np.abs(e).max()))
        return idx, e[idx], minima_rank, result.energies
    ranks = np.arange(result.n_minima)
    return None, None, ranks, result.energies


def _network_layout(result, rank=0):
    """Actor positions: each camp's members on a circle of their own (biggest first), the camps'
    circles side by side, so that edges between camps cross the gap between them."""
    camp = result.configurations[rank]
    xy = np.zeros((len(result.names), 2))
    used = [c for c in range(result.camps) if np.any(camp == c)]
    for slot, c in enumerate(used):
        members = np.flatnonzero(camp == c)
        members = members[np.argsort(-result.sizes[members])]
        angle = 2 * np.pi * np.arange(members.size) / max(members.size, 1) + np.pi / 2
        radius = 0.35 + 0.1 * np.sqrt(members.size)
        xy[members, 0] = 2.2 * slot + radius * np.cos(angle)
        xy[members, 1] = radius * np.sin(angle)
    return xy


def plot_files(result, directory, stem="landscape", rank=0, actual=None, title=None):
    """Write the energy-landscape plot and the actor network (camps of minimum ``rank``) as Plotly
    HTML and matplotlib PNG: {stem}_energy.html/.png and {stem}_network.html/.png in ``directory``.

    Network: node colour = camp, node area ~ size, edge width ~ |propensity| (green = affinity,
    red dashed = antipathy); with ``actual`` (camp per actor, -1 unknown) misplaced actors get a
    black ring. Returns the list of paths written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go
    from pathlib import Path

    from alliancelab.plotting import save_matplotlib, save_plotly

    directory = Path(directory)
    title = title or "Landscape"
    written = []
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"]

    # 1. energy landscape
    xs, ys, mr, me = energy_profile(result)
    fig = go.Figure()
    xlabel = "configurations ordered by energy (rank)" if xs is not None else "local minima ordered by energy"
    if xs is not None:
        fig.add_trace(go.Scatter(x=xs + 1, y=ys, mode="lines", name="all configurations"))
    labels = [f"minimum {r}: basin {result.basin_shares[r]:.1%}<br>" +
              "<br>".join(f"camp {c}: " + " ".join(result.names[i] for i in
                                                   np.flatnonzero(result.configurations[r] == c))
                          for c in range(result.camps)) for r in range(result.n_minima)]
    fig.add_trace(go.Scatter(x=mr + 1, y=me, mode="markers", name="local minima", text=labels,
                             hoverinfo="text+y",
                             marker=dict(size=8 + 30 * np.sqrt(result.basin_shares), color="red")))
    fig.update_layout(title=f"{title}: energy landscape ({result.n_minima} local minima, "
                            f"{result.method} search)", xaxis_title=xlabel, yaxis_title="energy E",
                      xaxis_type="log" if xs is not None else "linear")
    written.append(save_plotly(fig, directory / f"{stem}_energy.html"))
    f, ax = plt.subplots(figsize=(8, 5))
    if xs is not None:
        ax.plot(xs + 1, ys, lw=1, label="all configurations")
        ax.set_xscale("log")
    ax.scatter(mr + 1, me, s=20 + 400 * result.basin_shares, c="red", zorder=3, label="local minima")
    for r in range(min(result.n_minima, 5)):
        ax.annotate(f"{r}", (mr[r] + 1, me[r]), textcoords="offset points", xytext=(5, 5))
    ax.set_xlabel(xlabel)
    ax.set_ylabel("energy E")
    ax.set_title(f"{title}: energy landscape")
    ax.legend()
    f.tight_layout()
    written.append(save_matplotlib(f, directory / f"{stem}_energy.png", dpi=120, bbox_inches=None))

    # 2. network of actors coloured by camp
    xy = _network_layout(result, rank)
    camp = result.configurations[rank]
    n = len(result.names)
    top = max(np.abs(result.propensity).max(), 1e-300)
    wrong = np.zeros(n, dtype=bool)
    if actual is not None:
        actual = np.asarray(actual)
        best = -1
        for perm in ([0, 1], [1, 0]) if result.camps == 2 else [list(range(result.camps))]:
            mapped = np.array(perm)[camp]
            right = int(np.sum((mapped == actual) & (actual >= 0)))
            if right > best:
                best, wrong = right, (actual >= 0) & (mapped != actual)
    fig = go.Figure()
    for i in range(n):
        for j in range(i + 1, n):
            v = result.propensity[i, j]
            if v == 0:
                continue
            fig.add_trace(go.Scatter(x=[xy[i, 0], xy[j, 0]], y=[xy[i, 1], xy[j, 1]], mode="lines",
                                     line=dict(width=0.5 + 6 * abs(v) / top,
                                               color="green" if v > 0 else "red",
                                               dash="solid" if v > 0 else "dash"),
                                     opacity=0.5, hoverinfo="text", showlegend=False,
                                     text=f"{result.names[i]}-{result.names[j]}: p = {v:.3g}"))
    smax = result.sizes.max()
    for c in range(result.camps):
        members = np.flatnonzero(camp == c)
        if members.size == 0:
            continue
        fig.add_trace(go.Scatter(
            x=xy[members, 0], y=xy[members, 1], mode="markers+text", name=f"camp {c}",
            text=[result.names[i] for i in members], textposition="top center",
            marker=dict(size=10 + 40 * np.sqrt(result.sizes[members] / smax),
                        color=colours[c % len(colours)],
                        line=dict(width=[4 if wrong[i] else 0 for i in members], color="black"))))
    fig.update_layout(title=f"{title}: camps in minimum {rank} (E = {result.energies[rank]:.4g})"
                      + ("; black ring = not on its actual side" if actual is not None else ""),
                      xaxis_visible=False, yaxis_visible=False,
                      yaxis_scaleanchor="x")
    written.append(save_plotly(fig, directory / f"{stem}_network.html"))
    f, ax = plt.subplots(figsize=(8, 8))
    for i in range(n):
        for j in range(i + 1, n):
            v = result.propensity[i, j]
            if v != 0:
                ax.plot([xy[i, 0], xy[j, 0]], [xy[i, 1], xy[j, 1]], color="green" if v > 0 else "red",
                        ls="-" if v > 0 else "--", lw=0.3 + 4 * abs(v) / top, alpha=0.5, zorder=1)
    for c in range(result.camps):
        members = np.flatnonzero(camp == c)
        if members.size:
            ax.scatter(xy[members, 0], xy[members, 1], s=60 + 1500 * result.sizes[members] / smax,
                       color=colours[c % len(colours)], label=f"camp {c}", zorder=2,
                       edgecolors=["black" if wrong[i] else "none" for i in members], linewidths=2.5)
    for i in range(n):
        ax.annotate(result.names[i], xy[i], textcoords="offset points", xytext=(0, 8), ha="center")
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_title(f"{title}: camps in minimum {rank}")
    ax.legend(loc="best")
    f.tight_layout()
    written.append(save_matplotlib(f, directory / f"{stem}_network.png", dpi=120, bbox_inches=None))
    return written
