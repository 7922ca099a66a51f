"""How the threat rule chooses a balancing target beyond i's own ranking (``_rule``'s helpers).

* ``_common_target``: the alliance's common threat (Walt 1987): among i's ``common_top_k`` largest threats, those
  outside the alliance that the treaty names or that pass the partner test, the one with the largest
  T_j = s_ij + sum over partners p of s_pj.
* ``_named_candidates``: a state the treaty names (ATOP statthr1/2) stays a candidate although the ally filter
  removed it.
* ``_threatened_lists``: the partners each target threatens, for the output.

References: Walt, S. M. (1987), The Origins of Alliances, Cornell University Press; Leeds et al. (2002), ATOP.
"""

import numpy as np

from alliancelab.theory.empirical.balancing._alignment import DEEPER


def _common_target(steps, p, label, reason, decided, target_rank, engage, rank_scores, rule, choice):
    """Balance against the alliance's common threat (Walt 1987: states ally against a threat they share).

    Among i's ``common_top_k`` largest threats, the candidates are those outside the alliance that the
    treaty names or that pass the partner test; the target is the one with the largest threat to the
    alliance as a whole, T_j = s_ij + sum over partners p of s_pj (a partner's missing or filtered score
    counts as no threat to it). A balancing decision of the walk is re-targeted to it (not one the treaty's
    named threat decided); a decision the walk left undecided becomes balancing against it.
    """
    n = len(label)
    best = np.full(n, -np.inf)
    best_k = np.full(n, -1)
    for k, e in enumerate(steps[: p["common_top_k"]]):
        eligible = e["valid"] & ~e["inside"] & (e["named_ok"] | e["partner_ok"])
        better = eligible & (e["alliance_threat"] > best)
        best[better] = e["alliance_threat"][better]
        best_k[better] = k
    credible = np.isfinite(rank_scores[:, 0]) & (rank_scores[:, 0] >= p["min_threat"])
    # the walk's own-ranking targets (not those the treaty's named threat decided: the treaty's word stands)
    walked = (label == "balancing") & (choice == "own ranking")
    retarget = walked & (best_k >= 0) & (best_k != target_rank - 1)
    new = ~decided & credible & (best_k >= 0)
    for k in range(p["common_top_k"]):
        engage((retarget | new) & (best_k == k), k)
    label[new] = "balancing"
    choice[retarget] = "common threat"
    choice[new] = DEEPER
    words = "threat outside (partner test ignored)" if rule == "ignore" else "threat outside, shared with a partner"
    top = p["common_top_k"]
    whole = f"the largest threat to the alliance as a whole among the member's {top} largest threats"
    reason[retarget | new] = f"{words}, and {whole}"
    decided |= new


def _threatened_lists(steps, target_rank, engaged, pairs, n):
    """Per decision, the partners (COW codes, space-separated) that its target threatens (among their top
    ``partner_top_k``); empty when nothing was engaged."""
    if not steps:
        return np.full(n, "", dtype=object)
    k = np.where(engaged, target_rank - 1, 0)
    threatened = np.stack([e["threatened_pair"] for e in steps])  # (steps, pairs)
    keep = engaged[pairs.decision] & threatened[k[pairs.decision], np.arange(len(pairs.decision))]
    lists = np.full(n, "", dtype=object)
    codes, owners = pairs.partner[keep], pairs.decision[keep]  # pairs are sorted by decision
    bounds = np.flatnonzero(np.diff(owners)) + 1
    for owner, group in zip(owners[np.r_[0, bounds]] if len(owners) else [], np.split(codes, bounds)):
        lists[owner] = " ".join(map(str, group))
    return lists


def _named_candidates(rows, raw, table, ty, ii, threat_year, lookup):
    """``rows`` (decision, state) with the threat scores of the states the treaty names put back where the ally
    filter removed them: a treaty that names a state as its threat declares an older alliance with it void in the
    signatories' eyes (the Dual Alliance of 1879 against Russia, a partner of the 1873 military convention)."""
    rows = rows.copy()
    n = len(rows)
    for column in ("statthr1", "statthr2"):
        named = table[column].to_numpy(dtype="float64", na_value=np.nan)
        ok = ~np.isnan(named) & (threat_year >= 0)
        pos = lookup.positions(np.where(ok, named, 0).astype(np.int64))
        ok &= pos >= 0
        r, j = np.arange(n)[ok], pos[ok]
        filtered = np.isnan(rows[r, j])
        rows[r[filtered], j[filtered]] = raw[ty[r[filtered]], ii[r[filtered]], j[filtered]]
    return rows
