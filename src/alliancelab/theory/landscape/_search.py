"""``landscape``: the one entry point that picks the search."""

from __future__ import annotations

import numpy as np

from alliancelab.errors import check_choice
from alliancelab.theory.landscape._enumeration import exact_many_camps, exact_two_camps, is_local_minimum
from alliancelab.theory.landscape._heuristics import heuristic
from alliancelab.theory.landscape._inputs import (AUTO_EXACT_N, MAX_EXACT_MANY_CAMPS, METHODS, frustration,
                                                  weight_matrix)
from alliancelab.theory.landscape._maxcut import AUTO_PROOF_N, two_camp_minimum


def landscape(sizes, propensity, camps=2, names=None, method="auto", rule="steepest", certify=True,
              time_limit=30.0, **options):
    """Every local minimum of the energy landscape (exact when feasible, else the heuristic).

    ``method="auto"`` searches exactly for two camps up to ``AUTO_EXACT_N`` actors and for k camps
    when k^(n-1) <= ``MAX_EXACT_MANY_CAMPS``, and uses the multi-start heuristic above that.
    Options go to ``exact_two_camps`` / ``exact_many_camps`` / ``heuristic``.

    With two camps and the heuristic, ``certify`` (default True) also runs ``two_camp_minimum``
    (branch and bound with SDP-type bounds up to ``AUTO_PROOF_N`` actors, stopped after
    ``time_limit`` seconds; tabu search and the bound above): its configuration joins the minima
    when it is lower, and the result's ``status`` says what is proven about the lowest minimum
    ("exact", "proven within X%" or "heuristic"); ``certify="exact"`` removes the time limit.
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
        result = heuristic(sizes, propensity, camps=k, names=names, rule=rule,
                           **{a: v for a, v in options.items() if a in allowed})
        if k == 2 and certify:
            _certify(result, time_limit, certify == "exact", options.get("seed", 0))
        return result
    if k == 2:
        allowed = {"keep_energies", "tolerance", "progress"}
        return exact_two_camps(sizes, propensity, names=names, rule=rule,
                               **{a: v for a, v in options.items() if a in allowed})
    allowed = {"tolerance"}
    return exact_many_camps(sizes, propensity, k, names=names, rule=rule,
                            **{a: v for a, v in options.items() if a in allowed})


def _certify(result, time_limit, exact, seed):
    """Prove (or bound) the heuristic's lowest minimum; add the certified configuration when lower."""
    n = len(result.names)
    gm = two_camp_minimum(result.sizes, result.propensity, names=result.names,
                          method="branch-and-bound" if (n <= AUTO_PROOF_N or exact) else "heuristic",
                          time_limit=time_limit, exact=exact, seed=seed)
    scale = float(np.abs(weight_matrix(result.sizes, result.propensity)).sum()) or 1.0
    if gm.energy < result.energies[0] - 1e-12 * scale and is_local_minimum(result.sizes, result.propensity,
                                                                            gm.configuration):
        result.configurations = np.concatenate([gm.configuration[None, :], result.configurations])
        result.energies = np.concatenate([[gm.energy], result.energies])
        result.basin_sizes = np.concatenate([[0], result.basin_sizes])
        result.frustrations = np.concatenate([frustration(result.sizes, result.propensity, gm.configuration)[None, :],
                                              result.frustrations])
        result.notes.append("the lowest minimum was found by the certifying search, not by the random starts "
                            "(basin share 0 among the starts)")
    elif gm.energy < result.energies[0] - 1e-12 * scale:
        result.notes.append(f"certifying search found E = {gm.energy:.6g}, below the lowest minimum listed, but "
                            "not a local minimum under the tolerance; not listed")
    result.lower_bound = gm.lower_bound
    result.certified = gm
    result.notes.append(f"global minimum: {gm.status} ({gm.bound_method}: E >= {gm.lower_bound:.6g})"
                        if gm.lower_bound is not None else "global minimum: heuristic (no bound)")
    result.notes.extend(gm.notes)
