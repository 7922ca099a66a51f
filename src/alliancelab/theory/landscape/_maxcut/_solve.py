"""``two_camp_minimum``: tabu search, bounds and the exact methods put together into a certified minimum."""

from __future__ import annotations

import time

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
    check_inputs,
    weight_matrix,
)
from alliancelab.theory.landscape._maxcut._bounds import _sdp_bound_w
from alliancelab.theory.landscape._maxcut._exact import _branch_and_bound, _milp
from alliancelab.theory.landscape._maxcut._result import (
    AUTO_PROOF_N,
    EXACT_TOLERANCE,
    MINIMUM_METHODS,
    GlobalMinimum,
    _status,
)

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
