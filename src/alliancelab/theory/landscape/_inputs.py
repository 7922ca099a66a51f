"""Inputs, energy and frustration of a landscape system (shared by every search)."""

from __future__ import annotations

import os

import numpy as np

from alliancelab.errors import ParameterError

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
    """Validate the sizes and the propensity matrix of a system of actors.

    The diagonal of ``propensity`` is ignored (set to 0): an actor has no propensity to itself.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0 (n >= 2).
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij: positive = affinity, negative = antipathy.
    names : sequence of str, optional
        Unique actor names (default "0", "1", ...).

    Returns
    -------
    sizes : numpy.ndarray
        The sizes as floats.
    propensity : numpy.ndarray
        The symmetrised propensity matrix with a zero diagonal.
    names : list of str
        The actor names.

    Examples
    --------
    >>> s, p, names = check_inputs([1, 2], [[5, 1], [1, 0]], ["a", "b"])
    >>> p.tolist(), names
    ([[0.0, 1.0], [1.0, 0.0]], ['a', 'b'])
    """
    s = np.asarray(sizes, dtype=np.float64).ravel()
    p = np.array(propensity, dtype=np.float64, copy=True)
    n = s.size
    if n < 2:
        raise ParameterError(f"argument sizes: expected at least 2 actors, got {n}")
    if p.shape != (n, n):
        raise ParameterError(
            f"argument propensity: expected a {n}x{n} matrix (one row and column per actor), got shape {p.shape}"
        )
    if not np.all(np.isfinite(s)) or np.any(s <= 0):
        bad = int(np.flatnonzero(~np.isfinite(s) | (s <= 0))[0])
        raise ParameterError(f"argument sizes: every size must be a finite number > 0; actor {bad} has {s[bad]!r}")
    if not np.all(np.isfinite(p)):
        i, j = np.argwhere(~np.isfinite(p))[0]
        raise ParameterError(f"argument propensity: entry ({i}, {j}) is {p[i, j]!r}, expected a finite number")
    np.fill_diagonal(p, 0.0)
    scale = max(1.0, float(np.abs(p).max()))
    if not np.allclose(p, p.T, rtol=0, atol=1e-9 * scale):
        i, j = np.argwhere(~np.isclose(p, p.T, rtol=0, atol=1e-9 * scale))[0]
        raise ParameterError(
            f"argument propensity: must be symmetric; p[{i},{j}]={p[i, j]!r} but p[{j},{i}]={p[j, i]!r}"
        )
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
    """The pair weights w_ij = s_i s_j p_ij with a zero diagonal (the energy is sum_{i != j} w_ij d_ij).

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i.
    propensity : array_like, shape (n, n)
        Propensities p_ij.

    Returns
    -------
    numpy.ndarray
        Shape (n, n): the weights.

    Examples
    --------
    >>> weight_matrix([1, 2], [[0, 1], [1, 0]]).tolist()
    [[0.0, 2.0], [2.0, 0.0]]
    """
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
    """Each actor's frustration F_i(X) = sum_{j != i} s_j p_ij d_ij(X) in configuration X.

    d_ij(X) is 0 when i and j are in the same camp and 1 otherwise.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    config : array_like of int, shape (n,)
        Each actor's camp 0, 1, ..., k-1.

    Returns
    -------
    numpy.ndarray
        Shape (n,): F_i for every actor.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> frustration([1, 1, 1, 1], p, [0, 0, 1, 1]).tolist()
    [-2.0, -2.0, -2.0, -2.0]

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science*, 23(2), 211-233.
    """
    s, p, _ = check_inputs(sizes, propensity)
    c = _as_camps(config, s.size)
    d = (c[:, None] != c[None, :]).astype(np.float64)
    return (p * d) @ s


def energy(sizes, propensity, config):
    """The energy E(X) = sum_i s_i F_i(X) = sum_{i != j} s_i s_j p_ij d_ij(X) of configuration X.

    The sum runs over ordered pairs, as in Axelrod & Bennett (1993): twice the unordered-pair sum.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    config : array_like of int, shape (n,)
        Each actor's camp.

    Returns
    -------
    float
        E(X); lower is more stable.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> energy([1, 1, 1, 1], p, [0, 0, 1, 1]), energy([1, 1, 1, 1], p, [0, 1, 0, 1])
    (-8.0, 0.0)

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science*, 23(2), 211-233.
    """
    s, p, _ = check_inputs(sizes, propensity)
    return float(s @ frustration(s, p, config))


def canonical(config):
    """Relabel camps in order of first appearance (actor 0 is always in camp 0).

    Parameters
    ----------
    config : array_like of int, shape (n,)
        Each actor's camp.

    Returns
    -------
    numpy.ndarray
        The same partition with canonical camp labels.

    Examples
    --------
    >>> canonical([1, 1, 0, 2]).tolist()
    [0, 0, 1, 2]
    """
    c = np.asarray(config, dtype=np.int64)
    out = np.empty_like(c)
    seen = {}
    for i, v in enumerate(c):
        out[i] = seen.setdefault(int(v), len(seen))
    return out


# --------------------------------------------------------------------------------------------
# Compiled kernels: two camps, Gray-code exact search
# --------------------------------------------------------------------------------------------


def _tol(w, tolerance):
    return float(tolerance * max(np.abs(w).sum(), 1e-300))


def _threads():
    try:
        import numba

        return max(1, int(numba.get_num_threads()))
    except Exception:  # pragma: no cover
        return os.cpu_count() or 1
