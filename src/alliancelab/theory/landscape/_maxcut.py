"""The two-camp global minimum with a certificate: tabu search, SDP-type bounds and an exact MILP.

With two camps the energy is a weighted max-cut objective. Write sigma_i = +1 / -1 for the camp
of actor i and w_ij = s_i s_j p_ij (zero diagonal); then d_ij = (1 - sigma_i sigma_j) / 2 and

    E(sigma) = sum_{i != j} w_ij d_ij = (W - sigma' w sigma) / 2,   W = sum_ij w_ij,

so the minimum energy is a maximum cut of the graph with edge weights -w_ij.

Bounds (every bound here is a number B with E(sigma) >= B for every configuration):

* SDP-type bound: for any vector y, sigma' w sigma = sigma' (w - Diag(y)) sigma + sum(y)
  <= n lambda_max(w - Diag(y)) + sum(y), so E >= (W - sum(y) - n lambda_max(w - Diag(y))) / 2.
  y = 0 gives the plain eigenvalue bound; the best y gives the semidefinite (Goemans-Williamson)
  relaxation's value (Poljak & Rendl 1995). The y used here comes from a rank-r solution of the
  relaxation found by the mixing method (Wang, Chang & Kolter 2017; Burer & Monteiro 2003): y_i =
  |sum_j w_ij v_j|. Whatever y is, the bound is checked by one eigenvalue computation, so it
  never depends on the relaxation having converged.
* Exact: a mixed-integer program solved by HiGHS (through scipy.optimize.milp). Variables: x_i in
  {0, 1} (the camp; the last actor is fixed in camp 0) and y_ij in [0, 1] for every pair; objective
  sum_{i<j} 2 w_ij y_ij; y_ij >= |x_i - x_j| where w_ij > 0 and y_ij <= x_i + x_j,
  y_ij <= 2 - x_i - x_j where w_ij < 0 (so y_ij is the cut indicator at an optimum). The linear
  relaxation is tightened by triangle inequalities of the cut polytope (y_ij + y_ik + y_jk <= 2,
  y_ij - y_ik - y_jk <= 0 and its rotations; Barahona & Mahjoub 1986), separated by a cutting-plane
  loop over the linear relaxation and handed to the MILP. When the time limit stops HiGHS, its dual
  bound is the certificate and the gap is reported.

Heuristic: tabu search (Glover 1989) on single-actor moves, started from random configurations
and from hyperplane roundings of the relaxation's vectors (Goemans & Williamson 1995).

Status of a result: ``"exact"`` when the energy equals the bound (within 1e-9 of sum |w_ij|),
``"proven within X%"`` when a bound was computed and the gap (E - B) / |B| is X%, ``"heuristic"``
when no bound was computed.

One module (~530 lines): the bounds, the branch and bound and the MILP are one certification
pipeline (``two_camp_minimum``) whose parts pass each other cuts and incumbents; they are read and
changed together.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.theory.landscape._heuristics import (  # noqa: F401
    TabuResult,
    _camps_to_spins,
    _spins_to_camps,
    _tabu_w,
    anneal_two_camps,
    tabu_search,
)
from alliancelab.theory.landscape._inputs import (
    AUTO_EXACT_N,
    MAX_EXACT_TWO_CAMPS,
    canonical,
    check_inputs,
    weight_matrix,
)
from alliancelab.theory.landscape._kernels import _mixing_sweeps, _tabu_one, _triangle_violations

MINIMUM_METHODS = ("auto", "enumeration", "branch-and-bound", "milp", "heuristic")
AUTO_PROOF_N = 300  # method="auto": branch and bound (with its time limit) up to this many actors, tabu + bound above
EXACT_TOLERANCE = 1e-9  # energy - bound <= this x sum |w_ij| counts as proven optimal


@dataclass
class Bound:
    """A certified lower bound on the two-camp energy: E(X) >= value for every configuration X.

    Attributes
    ----------
    value : float
        The bound B.
    method : str
        How it was computed.
    relaxation_value : float or None, default None
        The relaxation's own (primal) value, when one was solved.
    vectors : numpy.ndarray or None, default None
        Rank-r vectors of the relaxation (rows = actors), for rounding.
    seconds : float, default 0.0
        Wall time.
    """

    value: float
    method: str
    relaxation_value: float | None = None  # the relaxation's own (primal) value, when one was solved
    vectors: np.ndarray | None = None  # rank-r vectors of the relaxation (rows = actors), for rounding
    seconds: float = 0.0


@dataclass
class GlobalMinimum:
    """The lowest-energy two-camp configuration found, with its certificate.

    Attributes
    ----------
    names : list of str
        Actor names.
    configuration : numpy.ndarray
        One camp (0/1) per actor, actor 0 in camp 0.
    energy : float
        Its energy E.
    lower_bound : float or None
        A proven bound on every configuration's energy (None: none computed).
    status : str
        "exact", "proven within X%" (X = (E - B) / |B|) or "heuristic".
    method : str
        The search that found the configuration.
    bound_method : str or None
        The method of the bound.
    seconds : float
        Wall time.
    notes : list of str
        What the search did.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> best = two_camp_minimum([1, 1, 1, 1], p, names=["a", "b", "c", "d"])
    >>> best.status, best.camps()
    ('exact', (['a', 'b'], ['c', 'd']))
    """

    names: list
    configuration: np.ndarray
    energy: float
    lower_bound: float | None
    status: str
    method: str
    bound_method: str | None
    seconds: float
    notes: list = field(default_factory=list)

    @property
    def gap(self):
        """(energy - lower_bound) / |lower_bound| (0 when proven optimal; None without a bound)."""
        if self.lower_bound is None:
            return None
        diff = max(0.0, self.energy - self.lower_bound)
        return diff / abs(self.lower_bound) if self.lower_bound != 0 else (0.0 if diff == 0 else np.inf)

    @property
    def is_exact(self):
        """Whether the configuration is proven to be the global minimum."""
        return self.status == "exact"

    def camps(self):
        """Members of camp 0 and camp 1 as two lists of names."""
        return (
            [self.names[i] for i in np.flatnonzero(self.configuration == 0)],
            [self.names[i] for i in np.flatnonzero(self.configuration == 1)],
        )


def _status(energy, bound, scale):
    if bound is None:
        return "heuristic"
    if energy - bound <= EXACT_TOLERANCE * scale:
        return "exact"
    gap = (energy - bound) / abs(bound) if bound != 0 else np.inf
    return f"proven within {100 * gap:.3g}%"


def _energy_spins(w, sigma):
    return float(0.5 * (w.sum() - sigma @ w @ sigma))


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


# --------------------------------------------------------------------------------------------
# Exact: MILP with triangle inequalities (HiGHS through scipy)
# --------------------------------------------------------------------------------------------


def _pair_index(n):
    idx = -np.ones((n, n), dtype=np.int64)
    iu, ju = np.triu_indices(n, 1)
    idx[iu, ju] = np.arange(iu.size)
    idx[ju, iu] = idx[iu, ju]
    return idx, iu, ju


def _triangle_rows(tri, idx):
    """Sparse rows (coefficients on the pair variables) and upper bounds of triangle inequalities."""
    i, j, k, kind = (
        tri[:, 0].astype(np.int64),
        tri[:, 1].astype(np.int64),
        tri[:, 2].astype(np.int64),
        tri[:, 3].astype(np.int64),
    )
    a, b, c = idx[i, j], idx[i, k], idx[j, k]
    signs = np.array([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]], dtype=np.float64)[kind]
    upper = np.where(kind == 0, 2.0, 0.0)
    cols = np.stack([a, b, c], axis=1)
    return cols, signs, upper


def _lp_triangle_bound(c, n, idx, deadline, max_rounds=60, per_round=None):
    """Cutting-plane loop on the linear relaxation over the pair variables: min c'y, 0 <= y <= 1,
    triangle inequalities added while violated. Returns (bound, active triangle rows, rounds)."""
    from scipy.optimize import linprog
    from scipy.sparse import csr_array

    m = c.size
    per_round = per_round or 4 * n
    pool = np.empty((0, 4))
    bound = float(np.minimum(c, 0).sum())
    rounds = 0
    y = None
    for rounds in range(1, max_rounds + 1):  # noqa: B007 (the count is returned)
        if time.perf_counter() > deadline:
            break
        if pool.shape[0]:
            cols, signs, upper = _triangle_rows(pool, idx)
            rows = np.repeat(np.arange(pool.shape[0]), 3)
            a = csr_array((signs.ravel(), (rows, cols.ravel())), shape=(pool.shape[0], m))
            res = linprog(c, A_ub=a, b_ub=upper, bounds=(0, 1), method="highs")
        else:
            res = linprog(c, bounds=(0, 1), method="highs")
        if res.status != 0:
            break
        bound = float(res.fun)
        y = res.x
        ymat = np.zeros((n, n))
        ymat[np.triu_indices(n, 1)] = y
        ymat = ymat + ymat.T
        viol = _triangle_violations(ymat, 1e-6)
        if viol.shape[0] == 0:
            break
        # keep the cuts that bind now; add the most violated new ones
        if pool.shape[0]:
            cols, signs, upper = _triangle_rows(pool, idx)
            slack = upper - (signs * y[cols]).sum(axis=1)
            pool = pool[slack < 1e-6]
        pick = viol[np.argsort(-viol[:, 4])[:per_round], :4]
        pool = np.concatenate([pool, pick]) if pool.size else pick
    return bound, pool, rounds


def _milp(w, time_limit, incumbent_energy, seed_cuts=True):
    """Solve the two-camp minimum exactly as a MILP (HiGHS). Returns a dict with the configuration
    (or None), its energy, the proven bound, HiGHS's status message and the LP bound."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    t0 = time.perf_counter()
    n = w.shape[0]
    idx, iu, ju = _pair_index(n)
    c_pair = 2.0 * w[iu, ju]
    m = c_pair.size
    deadline = t0 + (time_limit if time_limit is not None else np.inf)
    lp_bound, pool, rounds = (float(np.minimum(c_pair, 0).sum()), np.empty((0, 4)), 0)
    if seed_cuts:
        lp_bound, pool, rounds = _lp_triangle_bound(c_pair, n, idx, t0 + 0.4 * (deadline - t0))
    nx = n - 1  # x_{n-1} = 0
    nvar = nx + m
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    for e in range(m):
        i, j = int(iu[e]), int(ju[e])
        ce = c_pair[e]
        if ce > 0:  # y >= x_i - x_j and y >= x_j - x_i
            for sgn in (1.0, -1.0):
                rows += [r, r]
                cols += [nx + e, i]
                vals += [1.0, -sgn]
                if j < nx:
                    rows.append(r)
                    cols.append(j)
                    vals.append(sgn)
                lo.append(0.0)
                hi.append(np.inf)
                r += 1
        elif ce < 0:  # y <= x_i + x_j and y <= 2 - x_i - x_j
            for sgn, top in ((-1.0, 0.0), (1.0, 2.0)):
                rows += [r, r]
                cols += [nx + e, i]
                vals += [1.0, sgn]
                if j < nx:
                    rows.append(r)
                    cols.append(j)
                    vals.append(sgn)
                lo.append(-np.inf)
                hi.append(top)
                r += 1
    if pool.shape[0]:
        tcols, tsigns, tupper = _triangle_rows(pool, idx)
        for q in range(pool.shape[0]):
            rows += [r, r, r]
            cols += [nx + int(x) for x in tcols[q]]
            vals += list(tsigns[q])
            lo.append(-np.inf)
            hi.append(float(tupper[q]))
            r += 1
    a = coo_array((vals, (rows, cols)), shape=(r, nvar)).tocsr()
    cost = np.concatenate([np.zeros(nx), c_pair])
    integrality = np.concatenate([np.ones(nx), np.zeros(m)])
    left = None if time_limit is None else max(1.0, deadline - time.perf_counter())
    options = {"mip_rel_gap": 1e-12, "disp": False}
    if left is not None:
        options["time_limit"] = left
    res = milp(
        cost, constraints=LinearConstraint(a, lo, hi), integrality=integrality, bounds=Bounds(0, 1), options=options
    )
    out = {
        "lp_bound": lp_bound,
        "lp_rounds": rounds,
        "cuts": int(pool.shape[0]),
        "message": res.message,
        "optimal": res.status == 0,
        "configuration": None,
        "energy": None,
        "bound": getattr(res, "mip_dual_bound", None),
        "seconds": time.perf_counter() - t0,
    }
    if res.x is not None:
        x = np.concatenate([np.round(res.x[:nx]), [0.0]]).astype(np.int64)
        out["configuration"] = canonical(x)
        out["energy"] = _energy_spins(w, _camps_to_spins(x))
    if res.status == 0 and out["bound"] is None:
        out["bound"] = float(res.fun)
    if out["bound"] is None or not np.isfinite(out["bound"]):
        out["bound"] = lp_bound
    out["bound"] = max(float(out["bound"]), lp_bound)
    return out


# --------------------------------------------------------------------------------------------
# Exact: branch and bound with the SDP-type bound
# --------------------------------------------------------------------------------------------


def _node_problem(w, spins):
    """The sub-problem left when the actors with spins != 0 are fixed: free actors U and one extra
    row 0 standing for the fixed block (spin +1), A = [[0, b'], [b, w_UU]] with b = w_UF sigma_F, so
    that sigma' w sigma = tau' A tau + c_F for tau = (1, sigma_U). Returns (A, free indices, c_F)."""
    fixed = np.flatnonzero(spins != 0)
    free = np.flatnonzero(spins == 0)
    sf = spins[fixed].astype(np.float64)
    b = w[np.ix_(free, fixed)] @ sf
    c_f = float(sf @ w[np.ix_(fixed, fixed)] @ sf)
    m = free.size + 1
    a = np.zeros((m, m))
    a[0, 1:] = b
    a[1:, 0] = b
    a[1:, 1:] = w[np.ix_(free, free)]
    return a, free, c_f


def _node_bound(a, v, sweeps=400, tol=1e-7):
    """Upper bound on tau' A tau over tau in {+-1}^m (mixing method from ``v`` + eigenvalue check)."""
    v = np.ascontiguousarray(v)
    _mixing_sweeps(a, v, sweeps, tol)
    g = a @ v
    y = np.linalg.norm(g, axis=1)
    lam = _lambda_max(a - np.diag(y)) if a.shape[0] > 1 else 0.0
    return float(y.sum() + a.shape[0] * lam), v


def _branch_and_bound(w, incumbent, incumbent_e, time_limit, leaf_size=14, seed=0):
    """Best-first branch and bound over the actors' spins with the SDP-type bound at every node.

    Fixes the last actor at spin +1; branches on the free actor whose relaxation vector is least
    aligned with the fixed block (smallest |<v_i, v_0>|); solves nodes with at most ``leaf_size``
    free actors by enumeration; every node's rounding (sign <v_i, v_0>) + tabu search may improve
    the incumbent. Returns (configuration, energy, bound, nodes, finished)."""
    import heapq

    from alliancelab.theory.landscape._enumeration import exact_two_camps

    t0 = time.perf_counter()
    n = w.shape[0]
    total = float(w.sum())
    scale = float(np.abs(w).sum()) or 1.0
    tol = EXACT_TOLERANCE * scale
    rng = np.random.default_rng(seed)
    best_sigma = _camps_to_spins(incumbent)
    best_sigma = best_sigma * best_sigma[-1]
    best_e = float(incumbent_e)
    root = np.zeros(n, dtype=np.int8)
    root[-1] = 1
    r = int(np.ceil(np.sqrt(2 * n))) + 1
    v0 = rng.normal(size=(n, r))
    v0 /= np.linalg.norm(v0, axis=1, keepdims=True)
    heap = [(-np.inf, 0, root, v0)]
    wc = np.ascontiguousarray(w)
    state = np.array([rng.integers(1, 2**62)], dtype=np.uint64)
    counter = 1
    nodes = 0
    finished = True
    while heap:
        parent_lb, _, spins, v = heapq.heappop(heap)
        if parent_lb >= best_e - tol:
            continue
        if time_limit is not None and time.perf_counter() - t0 > time_limit:
            heapq.heappush(heap, (parent_lb, counter, spins, v))
            finished = False
            break
        nodes += 1
        a, free, c_f = _node_problem(w, spins)
        if free.size <= leaf_size:
            if free.size == 0:
                sigma = spins.astype(np.float64)
            else:
                leaf = exact_two_camps(np.ones(free.size + 1), a)
                tau = _camps_to_spins(leaf.configurations[0])
                tau = tau * tau[0]
                sigma = spins.astype(np.float64)
                sigma[free] = tau[1:]
            e = _energy_spins(w, sigma)
            if e < best_e:
                best_e, best_sigma = e, sigma
            continue
        ub, v = _node_bound(a, v)
        lb = 0.5 * (total - c_f - ub)
        if lb >= best_e - tol:
            continue
        align = v[1:] @ v[0]
        sigma = spins.astype(np.float64)
        sigma[free] = np.where(align >= 0, 1.0, -1.0)
        e, _ = _tabu_one(wc, sigma, max(200, 2 * n), max(3, n // 10), max(3, n // 10), state)
        if e < best_e - tol:
            best_e, best_sigma = float(e), sigma * sigma[-1]
        pick = int(np.argmin(np.abs(align)))
        actor = free[pick]
        keep = np.ones(v.shape[0], dtype=bool)
        keep[pick + 1] = False
        child_v = v[keep]
        first = 1 if align[pick] >= 0 else -1
        for sign in (-first, first):
            child = spins.copy()
            child[actor] = sign
            heapq.heappush(heap, (lb, counter, child, child_v.copy()))
            counter += 1
    bound = best_e if not heap or finished else min(best_e, min(h[0] for h in heap))
    return _spins_to_camps(best_sigma), best_e, float(bound), nodes, finished


# --------------------------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------------------------


def two_camp_minimum(
    sizes, propensity, names=None, method="auto", time_limit=60.0, exact=False, bound=True, n_starts=None, seed=0
):
    """The global minimum of the two-camp energy, with a certificate.

    Methods: ``"enumeration"`` (every alignment, up to ``MAX_EXACT_TWO_CAMPS`` actors);
    ``"branch-and-bound"`` (tabu search for an incumbent, then best-first branch and bound over the
    actors' camps with the SDP-type bound at every node); ``"milp"`` (the MILP with triangle
    inequalities solved by HiGHS: strong on sparse propensities, weak on dense ones);
    ``"heuristic"`` (tabu search from random starts and from roundings of the relaxation, plus the
    SDP-type bound unless ``bound=False``). The proving methods stop after ``time_limit`` seconds
    and report the best bound. ``"auto"`` enumerates up to ``AUTO_EXACT_N`` actors, runs branch and
    bound up to ``AUTO_PROOF_N`` and the heuristic above.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij.
    names : sequence of str, optional
        Actor names.
    method : {"auto", "enumeration", "branch-and-bound", "milp", "heuristic"}, default "auto"
        The search.
    time_limit : float, default 60.0
        Seconds before a proving method stops and reports its best bound.
    exact : bool, default False
        Force a proof (no time limit; dense random instances of more than ~60 actors may then run for
        hours).
    bound : bool, default True
        Compute the SDP-type bound for the heuristic.
    n_starts : int, optional
        Tabu-search runs.
    seed : int, default 0
        Random seed.

    Returns
    -------
    GlobalMinimum
        The configuration, its energy, the bound and ``status``: "exact", "proven within X%" (X =
        (E - B) / |B| for the best bound B) or "heuristic" (no bound computed). A heuristic result is
        never reported as the minimum.

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> best = two_camp_minimum([1, 1, 1, 1], p)
    >>> best.configuration.tolist(), best.energy, best.status
    ([0, 0, 1, 1], -8.0, 'exact')

    References
    ----------
    Barahona, F., & Mahjoub, A. R. (1986). On the cut polytope. *Mathematical Programming*, 36(2),
    157-173.

    Goemans, M. X., & Williamson, D. P. (1995). Improved approximation algorithms for maximum cut
    and satisfiability problems using semidefinite programming. *Journal of the ACM*, 42(6),
    1115-1145.
    """
    t0 = time.perf_counter()
    s, p, names = check_inputs(sizes, propensity, names)
    check_choice("method", method, MINIMUM_METHODS)
    n = s.size
    w = weight_matrix(s, p)
    scale = float(np.abs(w).sum()) or 1.0
    if method == "auto" or (exact and method == "heuristic"):
        method = (
            "enumeration" if n <= AUTO_EXACT_N else ("branch-and-bound" if n <= AUTO_PROOF_N or exact else "heuristic")
        )
    if time_limit is not None:
        check_range("time_limit", time_limit, 0, None)
    limit = None if exact else time_limit
    notes = []
    if method == "enumeration":
        if n > MAX_EXACT_TWO_CAMPS:
            raise ParameterError(
                f"argument method='enumeration': {n} actors exceed the enumeration limit "
                f"{MAX_EXACT_TWO_CAMPS}; use method='branch-and-bound'"
            )
        from alliancelab.theory.landscape._enumeration import exact_two_camps

        res = exact_two_camps(s, p, names=names)
        e = float(res.energies[0])
        return GlobalMinimum(
            names=names,
            configuration=res.configurations[0],
            energy=e,
            lower_bound=e,
            status="exact",
            method="enumeration",
            bound_method="enumeration",
            seconds=time.perf_counter() - t0,
            notes=[f"enumerated all {res.n_configurations:,} alignments"],
        )
    proving = method in ("branch-and-bound", "milp")
    b = _sdp_bound_w(w, seed=seed) if (bound or proving) else None
    starts = n_starts if n_starts is not None else (16 if proving else max(8, min(32, 8000 // n)))
    tabu = _tabu_w(w, n_starts=starts, seed=seed, vectors=None if b is None else b.vectors)
    best_c, best_e = tabu.configurations[0], float(tabu.energies[0])
    notes.append(
        f"tabu search: {tabu.n_starts} starts, {tabu.iterations:,} moves, best E {best_e:.6g} ({tabu.seconds:.2f} s)"
    )
    lower, bound_method = (b.value, b.method) if b is not None else (None, None)
    if b is not None:
        notes.append(f"{b.method}: E >= {b.value:.6g} ({b.seconds:.2f} s)")
    if proving and best_e - lower > EXACT_TOLERANCE * scale:
        left = None if limit is None else max(1.0, limit - (time.perf_counter() - t0))
        if method == "milp":
            out = _milp(w, left, best_e)
            notes.append(
                f"MILP (HiGHS): {out['message']}; triangle-inequality LP bound {out['lp_bound']:.6g} "
                f"after {out['lp_rounds']} rounds ({out['cuts']} cuts kept); {out['seconds']:.2f} s"
            )
            found, found_e, proved = out["configuration"], out["energy"], out["bound"]
            how = "MILP (HiGHS, triangle inequalities)"
        else:
            tb = time.perf_counter()
            found, found_e, proved, nodes, finished = _branch_and_bound(w, best_c, best_e, left, seed=seed)
            notes.append(
                f"branch and bound (SDP-type bounds): {nodes:,} nodes, "
                f"{'search complete' if finished else 'stopped by the time limit'}; "
                f"{time.perf_counter() - tb:.2f} s"
            )
            how = "branch and bound (SDP-type bounds)"
        if found_e is not None and found_e < best_e:
            best_c, best_e = found, found_e
        if proved is not None and proved > lower:
            lower, bound_method = proved, how
    if lower is not None and lower > best_e:  # a bound above a found energy would be a bug, not rounding
        if lower - best_e > 1e-7 * scale:
            raise RuntimeError(f"two_camp_minimum: bound {lower!r} above the energy {best_e!r} found")
        lower = best_e
    status = _status(best_e, lower, scale)
    return GlobalMinimum(
        names=names,
        configuration=np.asarray(best_c, dtype=np.int64),
        energy=best_e,
        lower_bound=lower,
        status=status,
        method="tabu search" if method == "heuristic" else method,
        bound_method=bound_method,
        seconds=time.perf_counter() - t0,
        notes=notes,
    )
