"""Reference per-decision loops of the threat rule (``reference_classify``) and of the alignment step
(``reference_alignment``): straightforward, slow, and independent of the vectorised code; the benchmark
(bench/balancing.py) and the tests check that ``classify`` gives the same labels and threats."""

import numpy as np
import pandas as pd

from alliancelab.measures.threat import component_cubes
from alliancelab.panels.adders import gml_cubes, rivalry_cube
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical.balancing._alignment import DEEPER, check_alignment_parameters
from alliancelab.theory.empirical.balancing._evidence import MILITARY_PROVISIONS, _cinc, _forced, _fought, _major
from alliancelab.theory.empirical.balancing._inputs import allied_cube, candidate_threats, hostile_pairs, member_spells
from alliancelab.theory.empirical.balancing._rule import _check, _pledged, _present, _split
from alliancelab.theory.empirical.balancing._succession import successor_codes


def reference_classify(table, warehouse=None, params=None, **parameters):
    """Straightforward per-decision loop implementing the same rule (the benchmark's and tests' reference path).

    Parameters
    ----------
    table : pandas.DataFrame
        Decisions.
    warehouse : str or Path, optional
    params, **parameters
        As for ``classify``.

    Returns
    -------
    pandas.DataFrame
        label and target per decision (target -1 if none).
    """
    p = _check(_split(parameters, params)[0])
    lookup = Lookup.get(warehouse)
    rule_args = p["exclude_allies"], p["keep_hostile_allies"], warehouse, p["threat_params"]
    cube = candidate_threats(p["form"], p["weights"], *rule_args)
    hostile = hostile_pairs(10, warehouse)
    raw = candidate_threats(p["form"], p["weights"], "none", False, warehouse)
    member = _present(raw, p, lookup)
    spells = member_spells(warehouse)
    by_alliance = {a: g for a, g in spells.groupby("atopid")}
    labels, targets = [], []
    pledged = _pledged(table)
    for n, row in enumerate(table.itertuples()):
        i = lookup.positions([row.member])[0]
        y = row.year - p["lag"]
        if i >= 0 and y >= YEAR0 and member[y - YEAR0, i]:
            year = y
        elif i >= 0 and p["fallback"] and member[row.year - YEAR0, i]:
            year = row.year
        elif i >= 0 and p["fallback"] and row.year + 1 - YEAR0 < NYEARS and member[row.year + 1 - YEAR0, i]:
            year = row.year + 1  # the first year in the state system (it enters, or the system begins, in t + 1)
        else:
            labels.append("neither")
            targets.append(-1)
            continue
        scores = cube[year - YEAR0, i].copy()
        for v in (row.statthr1, row.statthr2):  # a named state stays a candidate even if allied on paper
            j = lookup.positions([int(v)])[0] if not pd.isna(v) else -1
            if p["named_overrides_allies"] and j >= 0 and np.isnan(scores[j]):
                scores[j] = raw[year - YEAR0, i, j]
        s = by_alliance[row.atopid]
        s = s[(s["first"] <= row.year) & (s["last"] >= row.year)]
        partners = sorted(set(s["member"]) - {row.member})
        named = [int(v) for v in (row.statthr1, row.statthr2) if not pd.isna(v)]
        ranked = [j for j in np.argsort(-np.nan_to_num(scores, nan=-np.inf), kind="stable") if not np.isnan(scores[j])]
        label, target = "neither", -1

        def code_of(j, year=year, t=row.year):  # a state merged into another by the decision year: the union
            return int(successor_codes(lookup, np.array([lookup.codes[j]]), np.array([year]), np.array([t]))[0])

        first = [j for j in ranked[: p["own_top_k"]] if scores[j] >= p["min_threat"]]
        named_out = [code_of(j) for j in first if p["use_named"] and code_of(j) in named and code_of(j) not in partners]
        if named_out and p["named_first"]:
            labels.append("balancing")
            targets.append(named_out[0])
            continue

        def shared(j, year=year, partners=partners):
            count = 0
            for q in partners:
                k = lookup.positions([q])[0]
                if k < 0 or np.isnan(cube[year - YEAR0, k, j]):
                    continue
                prow = cube[year - YEAR0, k]
                if np.sum(np.nan_to_num(prow, nan=-np.inf) > prow[j]) + 1 <= p["partner_top_k"]:
                    count += 1
            return {
                "any": count >= 1,
                "majority": len(partners) > 0 and 2 * count >= len(partners),
                "all": len(partners) > 0 and count == len(partners),
                "ignore": True,
            }[p["partner_rule"]]

        for j in ranked[: p["own_top_k"]]:
            if scores[j] < p["min_threat"]:
                break
            star = code_of(j)
            if star in partners:
                if hostile[year - YEAR0, i, j] or not pledged[n] or not p["bandwagon_needs_hostility"]:
                    label, target = "bandwagoning", star
                    break
                continue
            if p["use_named"] and star in named:
                label, target = "balancing", star
                break
            if shared(j):
                label, target = "balancing", star
                break
        credible = bool(ranked) and scores[ranked[0]] >= p["min_threat"]
        if p["common_threat"] and credible and label in ("balancing", "neither"):
            # the alliance's common threat: among i's top common_top_k, outside and named or shared, the largest
            # s_ij + sum over partners of s_qj (a missing score counts as none); ties go to i's higher-ranked threat
            best, best_total = -1, -np.inf
            for j in ranked[: p["common_top_k"]]:
                code = code_of(j)
                if scores[j] < p["min_threat"] or code in partners:
                    continue
                if not ((p["use_named"] and code in named) or shared(j)):
                    continue
                total = scores[j] + sum(
                    np.nan_to_num(cube[year - YEAR0, lookup.positions([q])[0], j], nan=0.0)
                    for q in partners
                    if lookup.positions([q])[0] >= 0
                )
                if total > best_total:
                    best, best_total = code, total
            if best > 0:
                label, target = "balancing", best
        labels.append(label)
        targets.append(target)
    return pd.DataFrame({"label": labels, "target": targets})


def reference_alignment(classified, warehouse=None, params=None, **parameters):
    """Straightforward per-decision loop of the alignment tests (the benchmark's and tests' reference for
    ``refine``).

    Parameters
    ----------
    classified : pandas.DataFrame
        ``classify`` output (its label, target, threat year, reason, obligations and the rule parameters in
        ``attrs``).
    warehouse : str or Path, optional
    params : AlignmentParams, optional
        Alignment parameters (default ``AlignmentParams()``); ``**parameters``: the older keywords.

    Returns
    -------
    pandas.DataFrame
        alignment and threat (COW code, -1 if none) per decision, in the order of ``classified``.

    Examples
    --------
    >>> fast = classify(decisions().iloc[::50])  # doctest: +SKIP
    >>> (reference_alignment(fast)["alignment"].to_numpy() == fast["alignment"].to_numpy()).all()  # doctest: +SKIP
    True

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances; Schweller, R. L. (1994), Bandwagoning for Profit,
    International Security 19(1).
    """
    p = check_alignment_parameters(parameters, params)
    rule = classified.attrs["parameters"]
    lookup = Lookup.get(warehouse)
    rule_args = rule["exclude_allies"], rule["keep_hostile_allies"], warehouse, rule.get("threat_params")
    cube = candidate_threats(rule["form"], rule["weights"], *rule_args)
    raw = candidate_threats(rule["form"], rule["weights"], "none", False, warehouse, rule.get("threat_params"))
    disputes = component_cubes(warehouse)["disputes"]
    major, cinc = _major(lookup), _cinc(lookup)
    window = p["coercion_window"]
    fought = _forced(lookup, window) if p["coercion_needs_force"] else _fought(lookup, window)
    rivalry = rivalry_cube(lookup)
    allied = allied_cube("defense", warehouse)
    initiated = gml_cubes(lookup)["mid_init"]
    spells = member_spells(warehouse)
    by_alliance = {a: g for a, g in spells.groupby("atopid")}
    pos = {int(c): k for k, c in enumerate(lookup.codes)}

    def rank(row, j):
        return int(np.sum(np.nan_to_num(row, nan=-np.inf) > row[j])) + 1 if not np.isnan(row[j]) else 10**6

    order = np.argsort(classified["year"].to_numpy(), kind="stable")
    results = [("neither", -1)] * len(classified)
    bonds = {}
    for k in order:
        r = classified.iloc[k]
        if pd.isna(r["threat_year"]) or r["member"] not in pos or r["reason"] == "not a COW state":
            continue
        i, y, t = pos[r["member"]], int(r["threat_year"]) - YEAR0, min(int(r["year"]) - YEAR0, NYEARS - 1)
        s = by_alliance[r["atopid"]]
        partners = sorted(set(s[(s["first"] <= r["year"]) & (s["last"] >= r["year"])]["member"]) - {r["member"]})
        partners = [q for q in partners if q in pos]

        def flag(name, r=r):
            value = r.get(name, 0)
            return not pd.isna(value) and value > 0

        pledge = flag("defense") or flag("offense")
        gains = any(not pd.isna(r.get(c, 0)) and r.get(c, 0) == 1 for c in ("acqterr", "divgains"))
        label, target = r["label"], (-1 if pd.isna(r["target"]) else int(r["target"]))
        # coerced
        chosen = None
        strongest = max((np.nan_to_num(cinc[y, pos[q]], nan=-np.inf) for q in partners), default=-np.inf)
        for q in partners:
            j = pos[q]
            dominant = cinc[y, j] >= p["dominance_ratio"] * cinc[y, i]
            leader = np.nan_to_num(cinc[y, j], nan=-np.inf) >= strongest or not p["coercer_leads"]
            if not (pledge and dominant and leader and rank(raw[y, i], j) <= rule["own_top_k"]):
                continue
            bound = any(first < r["year"] and y + YEAR0 <= last for first, last in bonds.get((r["member"], q), ()))
            if fought[t, j, i] or bound:
                chosen = q
                break
        if chosen is not None:
            last = 9999 if r.get("exit", 0) == 0 else int(r["exit"])
            bonds.setdefault((r["member"], chosen), []).append((int(r["year"]), last))
            results[k] = ("coerced", chosen)
            continue
        # profit
        scores = cube[y, i]
        ranked = [j for j in np.argsort(-np.nan_to_num(scores, nan=-np.inf), kind="stable") if not np.isnan(scores[j])]
        outside = [int(lookup.codes[j]) for j in ranked if int(lookup.codes[j]) not in partners]
        named = [int(v) for v in (r["statthr2"], r["statthr1"]) if not pd.isna(v) and v > 0]
        named_out = [v for v in named if v not in partners and v in pos]
        prize = (
            named_out[-1]
            if named_out
            else (target if label == "balancing" and target > 0 else (outside[0] if outside else -1))
        )
        if gains and prize in pos:
            attack = any(
                cinc[y, pos[q]] > cinc[y, i]
                and any(initiated[max(t - lag, 0), pos[q], pos[prize]] > 0 for lag in range(3))
                for q in partners
            )
            c = np.nan_to_num(cinc[y])
            power = c[i] + sum(c[pos[q]] for q in partners)
            holders = (set(np.flatnonzero(allied[y, pos[prize]])) if p["profit_side_allies"] else set()) | {pos[prize]}
            prize_side = sum(c[h] for h in holders - {pos[q] for q in partners} - {i})
            strongest = max((np.nan_to_num(cinc[y, pos[q]], nan=-np.inf) for q in partners), default=-np.inf)
            offensive = flag("offense") or flag("wartime")
            side = offensive and np.nan_to_num(cinc[y, i], nan=-np.inf) < strongest and power > prize_side
            if {"attack": attack, "side": side, "either": attack or side}[p["profit_evidence"]]:
                results[k] = ("bandwagoning_for_profit", prize)
                continue
        no_military = all(m in r.index for m in MILITARY_PROVISIONS) and not any(flag(m) for m in MILITARY_PROVISIONS)
        no_great_power = not major[t, i] and not any(major[t, pos[q]] for q in partners)
        if (
            p["regional_not_security"]
            and not pledge
            and r["n_partners"] >= 2
            and no_military
            and no_great_power
            and all(pd.isna(r[c]) for c in ("statthr1", "statthr2"))
            and not flag("specthrt")
        ):
            results[k] = ("not_security", -1)
            continue
        j1 = int(lookup.codes[ranked[0]]) if ranked else -1
        patrons = [
            q
            for q in partners
            if major[t, pos[q]]
            and cinc[y, pos[q]] >= p["dominance_ratio"] * cinc[y, i]
            and rank(raw[y, i], pos[q]) > rule["own_top_k"]
            and q != j1
        ]
        patron_applies = p["patron_rule"] and patrons and j1 > 0 and j1 not in partners
        if label == "balancing" and r.get("target_choice", "") == DEEPER and patron_applies:
            results[k] = ("balancing", j1)  # a target found only by the deeper search yields to the patron rule
            continue
        tj = pos.get(target, -1)
        hostile = tj >= 0 and (np.nan_to_num(disputes[y, i, tj]) >= p["hostility_threshold"] or rivalry[y, i, tj] > 0)
        if label == "balancing":
            results[k] = ("balancing", target)
            continue
        if not pledge and label == "bandwagoning":
            top = int(np.argmax(np.where(np.isnan(cube[y, tj]), -np.inf, cube[y, tj])))
            common = not p["buck_needs_common_threat"] or rank(cube[y, i], top) <= rule["own_top_k"]
            if (
                common
                and hostile
                and np.isfinite(np.nanmax(np.where(np.isnan(cube[y, tj]), -np.inf, cube[y, tj])))
                and top != i
                and major[y, top]
                and major[y, i]
                and major[y, tj]
            ):
                results[k] = ("buck_passing", target)
            elif hostile:
                results[k] = ("hedging", target)
            else:
                results[k] = ("not_security", -1)
            continue
        if pledge and label == "bandwagoning":
            results[k] = ("bandwagoning", target)
            continue
        if patron_applies:
            results[k] = ("balancing", j1)
        elif not pledge:
            results[k] = ("not_security", -1)
    return pd.DataFrame(results, columns=["alignment", "threat"])
