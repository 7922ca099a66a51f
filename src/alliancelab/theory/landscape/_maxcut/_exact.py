"""The exact two-camp minimum: the MILP tightened by separated triangle inequalities (HiGHS through
``scipy.optimize.milp``) and the branch and bound over LP relaxations.
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
    canonical,
)
from alliancelab.theory.landscape._kernels import _mixing_sweeps, _tabu_one, _triangle_violations
from alliancelab.theory.landscape._maxcut._bounds import _lambda_max
from alliancelab.theory.landscape._maxcut._result import EXACT_TOLERANCE, _energy_spins

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
