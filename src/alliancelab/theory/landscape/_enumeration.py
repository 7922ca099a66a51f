"""Exact enumeration of every configuration (Gray code for two camps, odometer for k camps), the
myopic adjustment path and the plain NumPy references used by tests and benchmarks.

Kept in one module because the exact searches and the plain NumPy references that tests and benchmarks check them
against belong side by side.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.theory.landscape._inputs import (
    MAX_EXACT_MANY_CAMPS,
    MAX_EXACT_TWO_CAMPS,
    RULES,
    TOLERANCE,
    _as_camps,
    _threads,
    _tol,
    canonical,
    check_inputs,
    weight_matrix,
)
from alliancelab.theory.landscape._kernels import (
    _apply_move,
    _best_move,
    _count_minima,
    _energy_from_fields,
    _fields,
    _label_basins,
    _label_many,
    _scan_many_camps,
    _scan_parallel,
)
from alliancelab.theory.landscape._result import _finish


def exact_two_camps(
    sizes, propensity, names=None, rule="steepest", keep_energies=False, tolerance=TOLERANCE, progress=None
):
    """Exact search of all 2^(n-1) two-camp alignments (Gray code, Numba, parallel blocks).

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    names : sequence of str, optional
        Actor names.
    rule : {"steepest", "ordered"}, default "steepest"
        The adjustment rule that defines the basins.
    keep_energies : bool, default False
        Also keep every alignment's energy (index x: bit i = camp of actor i, last actor in camp 0);
        memory 8 * 2^(n-1) bytes.
    tolerance : float, default TOLERANCE
        Energies closer than ``tolerance`` x sum |w_ij| count as equal.
    progress : callable, optional
        Called as ``progress(done, total)`` between blocks.

    Returns
    -------
    Landscape
        Every local minimum, its energy, basin size under ``rule`` and each actor's frustration.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> exact_two_camps([1, 1, 1, 1], p).basin_sizes.tolist()
    [8]
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
    return _finish(names, s, p, w, 2, rule, "exact", total, configs, basin, all_energies=energies if store else None)


def exact_many_camps(sizes, propensity, camps, names=None, rule="steepest", tolerance=TOLERANCE):
    """Exact search of the k^(n-1) labelings into ``camps`` camps (last actor in camp 0).

    Minima that are the same partition with camps renamed are merged (their basins added), so basin
    sizes count labelings and their shares add to 1. Camps may be left empty.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    camps : int
        Number of camps k.
    names : sequence of str, optional
        Actor names.
    rule : {"steepest", "ordered"}, default "steepest"
        The adjustment rule that defines the basins.
    tolerance : float, default TOLERANCE
        Energies closer than ``tolerance`` x sum |w_ij| count as equal.

    Returns
    -------
    Landscape
        Every local minimum with its basin.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> exact_many_camps([1, 1, 1, 1], p, 3).global_minimum.tolist()
    [0, 0, 1, 1]
    """
    s, p, names = check_inputs(sizes, propensity, names)
    check_choice("rule", rule, RULES)
    k = int(camps)
    check_range("camps", k, 2, len(s))
    n = s.size
    total = k ** (n - 1)
    if total > MAX_EXACT_MANY_CAMPS:
        raise ParameterError(
            f"argument camps={k}: {k}^{n - 1} = {total:,} labelings exceed the exact "
            f"limit {MAX_EXACT_MANY_CAMPS:,}; use method='heuristic'"
        )
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


def adjustment_path(
    sizes, propensity, start, camps=None, names=None, rule="steepest", tolerance=TOLERANCE, max_steps=None
):
    """Where the system goes from ``start``: myopic one-actor-at-a-time adjustment under ``rule``.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    start : array_like of int, shape (n,)
        Each actor's camp at the start.
    camps : int, optional
        Number of camps (default: max(2, camps used in ``start``)).
    names : sequence of str, optional
        Actor names.
    rule : {"steepest", "ordered"}, default "steepest"
        Which actor moves when several could gain.
    tolerance : float, default TOLERANCE
        Energies closer than ``tolerance`` x sum |w_ij| count as equal.
    max_steps : int, optional
        Stop after this many moves (default 50 n^2 + 1000).

    Returns
    -------
    pandas.DataFrame
        One row per step (step 0 = the start): ``actor`` that moved, ``from_camp``, ``to_camp``,
        ``frustration_before``, ``frustration_after``, system ``energy`` after the step and the
        ``configuration``. The last row is a local minimum.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> path = adjustment_path([1, 1, 1, 1], p, [0, 1, 0, 1])
    >>> path["energy"].tolist(), path["configuration"].iloc[-1]
    ([0.0, -2.0, -8.0], '1 1 0 0')
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
    rows = [
        {
            "step": 0,
            "actor": None,
            "from_camp": None,
            "to_camp": None,
            "frustration_before": np.nan,
            "frustration_after": np.nan,
            "energy": float(_energy_from_fields(w, g, camp)),
            "configuration": " ".join(map(str, camp)),
        }
    ]
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
        rows.append(
            {
                "step": step,
                "actor": names[i],
                "from_camp": old,
                "to_camp": int(c),
                "frustration_before": before,
                "frustration_after": after,
                "energy": float(_energy_from_fields(w, g, camp)),
                "configuration": " ".join(map(str, camp)),
            }
        )
    return pd.DataFrame(rows)


def is_local_minimum(sizes, propensity, config, camps=None, tolerance=TOLERANCE):
    """Whether no actor can strictly lower its frustration by moving to another camp.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    config : array_like of int, shape (n,)
        Each actor's camp.
    camps : int, optional
        Number of camps (default: max(2, camps used in ``config``)).
    tolerance : float, default TOLERANCE
        Energies closer than ``tolerance`` x sum |w_ij| count as equal.

    Returns
    -------
    bool
        True at a local minimum.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> is_local_minimum([1, 1, 1, 1], p, [0, 0, 1, 1]), is_local_minimum([1, 1, 1, 1], p, [0, 1, 0, 1])
    (True, False)
    """
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
    trying every single-actor move, and follows descents over the k^(n-1) labelings with the last
    actor in camp 0.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    camps : int, default 2
        Number of camps k.
    rule : {"steepest", "ordered"}, default "steepest"
        The adjustment rule that defines the basins.
    tolerance : float, default TOLERANCE
        Energies closer than ``tolerance`` x sum |w_ij| count as equal.

    Returns
    -------
    dict
        Canonical configuration (tuple) -> ``(energy, basin_size)`` of every local minimum.
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


def reference_energies(sizes, propensity, chunk=1 << 15):
    """Every two-camp alignment's energy evaluated from scratch with NumPy (benchmark reference).

    Index x: bit i = camp of actor i (i < n-1), last actor in camp 0. With spins sigma = 1 - 2 bit,
    E = (W - sigma' w sigma) / 2: one BLAS matrix product per chunk of alignments
    (``(S @ w * S).sum(1)``), the strongest straightforward vectorised evaluation.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    chunk : int, default 32768
        Alignments per matrix product.

    Returns
    -------
    numpy.ndarray
        Shape (2^(n-1),): the energy of each alignment by index.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> reference_energies([1, 1, 1, 1], p).tolist()
    [0.0, -2.0, -2.0, -8.0, -2.0, 0.0, 0.0, -2.0]
    """
    s, p, _ = check_inputs(sizes, propensity)
    w = weight_matrix(s, p)
    n = s.size
    total = 1 << (n - 1)
    out = np.empty(total)
    shifts = np.arange(n - 1)
    big_w = w.sum()
    spins = np.ones((min(chunk, total), n))
    for lo in range(0, total, chunk):
        x = np.arange(lo, min(total, lo + chunk))
        sig = spins[: x.size]
        sig[:, :-1] = 1.0 - 2.0 * ((x[:, None] >> shifts) & 1)
        out[lo : lo + x.size] = 0.5 * (big_w - np.einsum("ci,ci->c", sig @ w, sig))
    return out


def local_minima_from_energies(sizes, propensity, energies):
    """Reference: the two-camp local minima, found by comparing each alignment with its n neighbours.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    energies : numpy.ndarray
        Every alignment's energy (``reference_energies``).

    Returns
    -------
    numpy.ndarray
        The sorted indices of the local minima.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> local_minima_from_energies([1, 1, 1, 1], p, reference_energies([1, 1, 1, 1], p)).tolist()
    [3]
    """
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
