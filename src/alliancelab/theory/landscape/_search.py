"""``landscape``: the one entry point that picks the search."""

from __future__ import annotations

import numpy as np

from alliancelab.errors import check_choice
from alliancelab.theory.landscape._enumeration import exact_many_camps, exact_two_camps, is_local_minimum
from alliancelab.theory.landscape._heuristics import heuristic
from alliancelab.theory.landscape._inputs import AUTO_EXACT_N, MAX_EXACT_MANY_CAMPS, METHODS, frustration, weight_matrix
from alliancelab.theory.landscape._maxcut import AUTO_PROOF_N, two_camp_minimum


def landscape(
    sizes, propensity, camps=2, names=None, method="auto", rule="steepest", certify=True, time_limit=30.0, **options
):
    """Every local minimum of the energy landscape (exact when feasible, else the heuristic).

    The energy of a configuration X is E(X) = sum_{i != j} s_i s_j p_ij d_ij(X), where d_ij(X) is 0
    when i and j share a camp and 1 otherwise; a local minimum is a configuration in which no single
    actor can strictly lower its frustration F_i(X) = sum_{j != i} s_j p_ij d_ij(X) by moving.

    ``method="auto"`` searches exactly for two camps up to ``AUTO_EXACT_N`` actors and for k camps
    when k^(n-1) <= ``MAX_EXACT_MANY_CAMPS``, and uses the multi-start heuristic above that.

    With two camps and the heuristic, ``certify`` also runs ``two_camp_minimum`` (branch and bound
    with SDP-type bounds up to ``AUTO_PROOF_N`` actors, stopped after ``time_limit`` seconds; tabu
    search and the bound above): its configuration joins the minima when it is lower, and the result's
    ``status`` says what is proven about the lowest minimum.

    Parameters
    ----------
    sizes : array_like, shape (n,)
        Actor sizes s_i > 0.
    propensity : array_like, shape (n, n)
        Symmetric propensities p_ij: positive = affinity, negative = antipathy.
    camps : int, default 2
        Number of camps k.
    names : sequence of str, optional
        Actor names.
    method : {"auto", "exact", "heuristic"}, default "auto"
        The search.
    rule : {"steepest", "ordered"}, default "steepest"
        Which actor moves during a descent: the one whose move lowers the energy most, or the
        lowest-indexed one that can lower its frustration.
    certify : bool or "exact", default True
        Prove or bound the heuristic's lowest two-camp minimum; "exact" removes the time limit.
    time_limit : float, default 30.0
        Seconds for the certifying search.
    **options
        Passed on to ``exact_two_camps`` (``keep_energies``, ``tolerance``, ``progress``),
        ``exact_many_camps`` (``tolerance``) or ``heuristic`` (``n_starts``, ``seed``, ``anneal``,
        ``anneal_sweeps``, ``tolerance``).

    Returns
    -------
    Landscape
        The minima, lowest energy first, with basins, frustrations and ``status`` ("exact",
        "proven within X%" or "heuristic").

    Examples
    --------
    >>> p = [[0, 1, -1, -1], [1, 0, -1, -1], [-1, -1, 0, 1], [-1, -1, 1, 0]]
    >>> result = landscape([1, 1, 1, 1], p)
    >>> result.global_minimum.tolist(), float(result.energies[0])
    ([0, 0, 1, 1], -8.0)

    References
    ----------
    Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
    Political Science*, 23(2), 211-233.
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
        result = heuristic(
            sizes, propensity, camps=k, names=names, rule=rule, **{a: v for a, v in options.items() if a in allowed}
        )
        if k == 2 and certify:
            _certify(result, time_limit, certify == "exact", options.get("seed", 0))
        return result
    if k == 2:
        allowed = {"keep_energies", "tolerance", "progress"}
        return exact_two_camps(
            sizes, propensity, names=names, rule=rule, **{a: v for a, v in options.items() if a in allowed}
        )
    allowed = {"tolerance"}
    return exact_many_camps(
        sizes, propensity, k, names=names, rule=rule, **{a: v for a, v in options.items() if a in allowed}
    )


def _certify(result, time_limit, exact, seed):
    """Prove (or bound) the heuristic's lowest minimum; add the certified configuration when lower."""
    n = len(result.names)
    gm = two_camp_minimum(
        result.sizes,
        result.propensity,
        names=result.names,
        method="branch-and-bound" if (n <= AUTO_PROOF_N or exact) else "heuristic",
        time_limit=time_limit,
        exact=exact,
        seed=seed,
    )
    scale = float(np.abs(weight_matrix(result.sizes, result.propensity)).sum()) or 1.0
    if gm.energy < result.energies[0] - 1e-12 * scale and is_local_minimum(
        result.sizes, result.propensity, gm.configuration
    ):
        result.configurations = np.concatenate([gm.configuration[None, :], result.configurations])
        result.energies = np.concatenate([[gm.energy], result.energies])
        result.basin_sizes = np.concatenate([[0], result.basin_sizes])
        result.frustrations = np.concatenate(
            [frustration(result.sizes, result.propensity, gm.configuration)[None, :], result.frustrations]
        )
        result.notes.append(
            "the lowest minimum was found by the certifying search, not by the random starts "
            "(basin share 0 among the starts)"
        )
    elif gm.energy < result.energies[0] - 1e-12 * scale:
        result.notes.append(
            f"certifying search found E = {gm.energy:.6g}, below the lowest minimum listed, but "
            "not a local minimum under the tolerance; not listed"
        )
    result.lower_bound = gm.lower_bound
    result.certified = gm
    result.notes.append(
        f"global minimum: {gm.status} ({gm.bound_method}: E >= {gm.lower_bound:.6g})"
        if gm.lower_bound is not None
        else "global minimum: heuristic (no bound)"
    )
    result.notes.extend(gm.notes)
