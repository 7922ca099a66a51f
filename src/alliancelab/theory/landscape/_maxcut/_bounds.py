"""Lower bounds on the two-camp energy: the eigenvalue bound and the SDP-type bound from a mixing-method
solution of the relaxation, each checked by one eigenvalue computation.
"""

from __future__ import annotations

import time

import numpy as np

from alliancelab.theory.landscape._heuristics import (  # noqa: F401
    TabuResult,
    _camps_to_spins,
    _spins_to_camps,
    _tabu_w,
    anneal_two_camps,
    tabu_search,
)
from alliancelab.theory.landscape._inputs import (
    check_inputs,
    weight_matrix,
)
from alliancelab.theory.landscape._kernels import _mixing_sweeps
from alliancelab.theory.landscape._maxcut._result import Bound

# --------------------------------------------------------------------------------------------
# Bounds
# --------------------------------------------------------------------------------------------


def _lambda_max(a):
    from scipy.linalg import eigh

    n = a.shape[0]
    return float(eigh(a, eigvals_only=True, subset_by_index=[n - 1, n - 1], check_finite=False)[0])


def _bound_from_y(w, y):
    """E >= (W - sum(y) - n lambda_max(w - Diag(y))) / 2 for any y (see the module docstring)."""
    n = w.shape[0]
    lam = _lambda_max(w - np.diag(y))
    return 0.5 * (w.sum() - y.sum() - n * lam)


def eigenvalue_bound(sizes, propensity):
    """Plain eigenvalue bound on the two-camp energy: E >= (W - n lambda_max(w)) / 2.

    W = sum_ij w_ij and w_ij = s_i s_j p_ij (zero diagonal).

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.

    Returns
    -------
    Bound
        The bound, method "eigenvalue".

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> float(eigenvalue_bound([1, 1, 1, 1], p).value)
    -8.0
    """
    s, p, _ = check_inputs(sizes, propensity)
    t = time.perf_counter()
    w = weight_matrix(s, p)
    return Bound(value=_bound_from_y(w, np.zeros(s.size)), method="eigenvalue", seconds=time.perf_counter() - t)


def sdp_bound(sizes, propensity, rank=None, sweeps=2000, tol=1e-7, seed=0):
    """Lower bound on the two-camp energy from the semidefinite relaxation.

    The relaxation max sum_ij w_ij <v_i, v_j> over unit vectors v_i in R^rank is solved by the
    mixing method (``sweeps`` at most, stopping at relative change ``tol``); rank defaults to
    ceil(sqrt(2n)) + 1, enough for the rank-restricted problem to share the SDP optimum (Barvinok
    1995, Pataki 1998). The certificate is y_i = |sum_j w_ij v_j| and one eigenvalue:
    E >= (W - sum(y) - n lambda_max(w - Diag(y))) / 2, valid for any y; the plain eigenvalue bound
    (y = 0) is used if it happens to be better.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    rank : int, optional
        Dimension of the vectors (default ceil(sqrt(2n)) + 1).
    sweeps : int, default 2000
        Most sweeps of the mixing method.
    tol : float, default 1e-7
        Stop at this relative change of the objective.
    seed : int, default 0
        Random seed of the starting vectors.

    Returns
    -------
    Bound
        The bound, with the relaxation's value and vectors.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> round(sdp_bound([1, 1, 1, 1], p).value, 6)
    -8.0

    References
    ----------
    Poljak, S., & Rendl, F. (1995). Nonpolyhedral relaxations of graph-bisection problems. *SIAM
    Journal on Optimization*, 5(3), 467-487.

    Wang, P.-W., Chang, W.-C., & Kolter, J. Z. (2017). The mixing method: low-rank coordinate descent
    for semidefinite programming with diagonal constraints. arXiv:1706.00476.
    """
    s, p, _ = check_inputs(sizes, propensity)
    t = time.perf_counter()
    w = weight_matrix(s, p)
    return _sdp_bound_w(w, rank, sweeps, tol, seed, t)


def _sdp_bound_w(w, rank=None, sweeps=2000, tol=1e-7, seed=0, t=None):
    t = time.perf_counter() if t is None else t
    n = w.shape[0]
    r = int(rank) if rank is not None else int(np.ceil(np.sqrt(2 * n))) + 1
    r = max(2, min(r, n))
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, r))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    v = np.ascontiguousarray(v)
    _mixing_sweeps(np.ascontiguousarray(w), v, int(sweeps), float(tol))
    g = w @ v
    y = np.linalg.norm(g, axis=1)
    relaxation = float(np.sum(v * g))
    value = _bound_from_y(w, y)
    plain = _bound_from_y(w, np.zeros(n))
    method = "SDP relaxation (mixing method) + eigenvalue certificate"
    if plain > value:
        value, method = plain, "eigenvalue"
    return Bound(
        value=float(value),
        method=method,
        relaxation_value=0.5 * (w.sum() - relaxation),
        vectors=v,
        seconds=time.perf_counter() - t,
    )
