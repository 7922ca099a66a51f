"""The richer alignment classification, built on the threat rule (``_rule.classify``).

Each decision (member i entering alliance A in year t, threat year y) gets one ``alignment``, the
state it is about (``alignment_threat``) and the reason (``alignment_reason``). The tests run in
this order; the first that applies decides:

1. ``coerced`` (a satellite or occupied state joining its patron's pact): i pledges defense or
   offense (joins a pact, not a non-aggression treaty), a partner P, the pact's leader (its most
   capable member in y; ``coercer_leads``, default True), is among i's
   ``own_top_k`` largest threats *before* the ally filter (the raw threat measure), P is dominant
   (CINC_P >= ``dominance_ratio`` x CINC_i in y), and there is evidence of force in
   [t - ``coercion_window``, t]: with ``coercion_needs_force`` (default True) a COW war between them
   or a GML dispute in which *P's* hostility level reached 3 (display of force) or more (Kaufman
   1992: alignment under the threat or use of force); without it any war or dispute, either side.
   Or i is already bound to P by an alliance it entered under coercion (the satellite's later pacts).
2. ``bandwagoning_for_profit`` (Schweller 1994: joining the stronger, revisionist side for gains):
   the treaty provides for acquiring territory or dividing the gains of a war (ATOP ``acqterr`` or
   ``divgains`` = 1; ATOP's code 2 for ``acqterr`` marks treaties that renounce gains, such as the
   Anglo-French convention of 1854), and the evidence of ``profit_evidence``: ``"side"`` (default) i is not the
   alliance's most capable member, the pact is offensive (i pledges offense, or it is a wartime
   treaty) and the alliance's summed CINC exceeds that of the prize's holder plus its defense allies
   outside the alliance (with ``profit_side_allies``, plus the holder's defense allies outside it)
   (the jackal joins the stronger side; a balancer joins the weaker);
   ``"attack"`` a stronger partner initiated a GML dispute against the prize's holder in [t - 2, t];
   ``"either"``. The prize's holder is a named threat outside the alliance, else the threat rule's
   outside target, else i's largest threat outside the alliance.
3. No defense or offense pledge by i (neutrality, non-aggression, consultation only): with
   ``regional_not_security`` (default True) a pact of three or more members, none a COW major
   power, with no military provision (ATOP ``milcon``, ``milaid``, ``intcom``, ``base`` all 0) and
   no named or specific threat is ``not_security``: a regional organisation's code of conduct, not an
   alignment against a state (Snyder 1997: an alliance is an association for the use or non-use of
   force against states outside the membership), even among members with disputes. Then:
   the rule's balancing stays ``balancing`` (a consultation pact against a shared threat); an
   alliance *with* i's threat j is ``hedging`` when j is hostile to i (strategic rivals, or the
   dispute component of j's intentions toward i >= ``hostility_threshold``), ``buck_passing`` when
   in addition i and j are major powers and j's own top threat is a third major power k that, with
   ``buck_needs_common_threat`` (default True), is also among i's top ``own_top_k`` threats (the
   pact turns j toward a threat they share and i passes j the buck, Mearsheimer 2001; Christensen &
   Snyder 1990), and ``not_security`` when j is not hostile (non-aggression among friends); the
   patron rule below; else ``not_security``.
4. Defense or offense pledge: the rule's balancing / bandwagoning stand; the patron rule; else
   ``neither`` (a security pact whose threat the measure does not identify).

Patron rule (patron-client alliances): when the partner test fails because a great-power patron
does not share i's regional threat, i is still balancing: a partner P is a COW major power with
CINC_P >= ``dominance_ratio`` x CINC_i, i's largest threat j1 (after the ally filter) is outside
the alliance, and P does not itself threaten i among its top threats (Pakistan 1955, Egypt 1971).

Decisions the rule cannot read (no threat data) stay ``neither`` with the rule's reason.

References: Walt, S. M. (1987) The Origins of Alliances; Schweller, R. L. (1994) Bandwagoning for
Profit, International Security 19(1); Christensen, T. J. & Snyder, J. (1990) Chain Gangs and
Passed Bucks, International Organization 44(2); Kaufman, R. G. (1992) To Balance or to Bandwagon?
Alignment Decisions in 1930s Europe, Security Studies 1(3); Snyder, G. H. (1997) Alliance Politics;
Mearsheimer, J. J. (2001) The Tragedy of Great
Power Politics; Leeds et al. (2002) ATOP; COW wars, majors and NMC; GML disputes.
"""

import numpy as np
import pandas as pd

from alliancelab.measures.threat import component_cubes
from alliancelab.panels.adders import gml_cubes, rivalry_cube
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical.balancing._evidence import (
    _cinc,
    _forced,
    _fought,
    _major,
    gains_clause,
    military_provisions,
    stronger_side,
)
from alliancelab.theory.empirical.balancing._params import AlignmentParams

ALIGNMENTS = (
    "balancing",
    "bandwagoning",
    "bandwagoning_for_profit",
    "buck_passing",
    "coerced",
    "hedging",
    "not_security",
    "neither",
)
PROFIT_EVIDENCE = ("attack", "side", "either")
DEEPER = "common threat, below i's top threats"  # ``_rule``'s target_choice for a target found by the deeper search
ALIGNMENT_DEFAULTS = AlignmentParams.defaults()  # read-only mapping of AlignmentParams' defaults (older name)


def check_alignment_parameters(parameters, params=None):
    """``params`` (default ``AlignmentParams()``) updated with ``parameters``, as a dict; unknown names and
    out-of-range values raise."""
    return AlignmentParams.resolve(params, parameters).to_dict()


# --- the classification ----------------------------------------------------------------------------------------
def refine(out, partners, cube, raw, own_top_k, warehouse=None, params=None, **parameters):
    """Add the alignment columns to the threat rule's output ``out`` (one row per decision).

    Parameters
    ----------
    out : DataFrame
        ``_rule.classify`` output before the alignment columns (label, target, threat_year, obligations).
    partners : (decision index, partner code) arrays of the alliance's other members in the entry year.
    cube, raw : (year, i, j) threat with and without the ally filter.
    own_top_k : how many of i's largest threats the rule examines.
    params : AlignmentParams, optional; ``**parameters``: the older keywords of the same names.

    Returns
    -------
    ``out`` with alignment, alignment_threat (COW code), alignment_threat_abb, alignment_reason,
    patron (COW code of a great-power patron, when the patron rule or coercion names one),
    coercion (the evidence), gains_clause, pledge (defense/offense by i), hostile_target.
    """
    p = check_alignment_parameters(parameters, params)
    lookup = Lookup.get(warehouse)
    n = len(out)
    d, partner = partners
    comps = component_cubes(warehouse)
    major = _major(lookup)
    cinc = _cinc(lookup)
    fought = (
        _forced(lookup, p["coercion_window"]) if p["coercion_needs_force"] else _fought(lookup, p["coercion_window"])
    )
    rivalry = rivalry_cube(lookup)

    i = lookup.positions(out["member"].to_numpy())
    ok_i = i >= 0
    ii = np.where(ok_i, i, 0)
    t = out["year"].to_numpy().astype(np.int64)
    ti = np.clip(t - YEAR0, 0, NYEARS - 1)
    has_y = out["threat_year"].notna().to_numpy() & ok_i
    y = np.where(has_y, out["threat_year"].fillna(YEAR0).to_numpy().astype(np.int64), YEAR0)
    yi = np.clip(y - YEAR0, 0, NYEARS - 1)
    label = out["label"].to_numpy()
    target = out["target"].fillna(-1).to_numpy().astype(np.int64)

    def obligation(name):
        return out[name].fillna(0).to_numpy() > 0 if name in out.columns else np.zeros(n, dtype=bool)

    pledge = obligation("defense") | obligation("offense")
    gains = gains_clause(out)

    pp = lookup.positions(partner)
    okp = (pp >= 0) & has_y[d]
    ppp = np.where(okp, pp, 0)
    cinc_i = cinc[yi, ii]
    cinc_p = cinc[yi[d], ppp]
    with np.errstate(invalid="ignore"):
        dominant = okp & (cinc_p >= p["dominance_ratio"] * cinc_i[d])
        stronger = okp & (cinc_p > cinc_i[d])

    # rank of each partner among i's raw threats (before the ally filter)
    raw_rows = np.where(has_y[:, None], raw[yi, ii], np.nan)
    raw_score = raw_rows[d, ppp]
    raw_above = np.sum(np.nan_to_num(raw_rows[d], nan=-np.inf) > raw_score[:, None], axis=1)
    partner_threat = okp & ~np.isnan(raw_score) & (raw_above + 1 <= own_top_k)
    evidence = okp & fought[ti[d], ppp, ii[d]]  # the partner's force against i (symmetric without the switch)

    # coerced: chronological, so a satellite's later pacts inherit the coercion of its first
    coerced = np.zeros(n, dtype=bool)
    coercer = np.full(n, -1)
    why = np.full(n, "", dtype=object)
    # the patron leads the pact: the most capable member of the alliance in y
    strongest = np.full(n, -np.inf)
    np.maximum.at(strongest, d[okp], np.nan_to_num(cinc_p[okp], nan=-np.inf))
    leader = okp & ((np.nan_to_num(cinc_p, nan=-np.inf) >= strongest[d]) | (not p["coercer_leads"]))
    candidate = partner_threat & dominant & leader & pledge[d]  # joining the patron's pact: a defense/offense pledge
    bonds = {}  # (member, patron) -> list of (first, last) years of coerced alliances
    exits = out["exit"].to_numpy() if "exit" in out.columns else np.zeros(n, dtype=np.int64)
    for k in np.flatnonzero(candidate)[np.argsort(t[d[candidate]], kind="stable")]:
        row = d[k]
        if coerced[row]:
            continue
        key = (int(out["member"].iat[row]), int(partner[k]))
        bound = any(first < t[row] and y[row] <= last for first, last in bonds.get(key, ()))
        if evidence[k] or bound:
            coerced[row] = True
            coercer[row] = partner[k]
            why[row] = (
                f"fought {lookup.abbreviation(partner[k])} (war or dispute) within {p['coercion_window']} years"
                if evidence[k]
                else f"already bound to {lookup.abbreviation(partner[k])} by a coerced alliance"
            )
            last = 9999 if exits[row] == 0 else exits[row]
            bonds.setdefault(key, []).append((t[row], last))

    # i's candidate threats (after the ally filter), largest first, and which are partners
    rows = np.where(has_y[:, None], cube[yi, ii], np.nan)
    filled = np.where(np.isnan(rows), -np.inf, rows)
    order = np.argsort(-filled, axis=1, kind="stable")
    ranked = np.take_along_axis(filled, order, axis=1)
    inside = np.zeros(rows.shape, dtype=bool)
    inside[d[okp], ppp[okp]] = True
    inside_ranked = np.take_along_axis(inside, order, axis=1)
    finite = np.isfinite(ranked)
    outside_first = np.argmax(finite & ~inside_ranked, axis=1)
    has_outside = (finite & ~inside_ranked).any(axis=1)
    top_outside = np.where(has_outside, lookup.codes[order[np.arange(n), outside_first]], -1)
    j1 = np.where(finite[:, 0], lookup.codes[order[:, 0]], -1)
    j1_inside = finite[:, 0] & inside_ranked[:, 0]

    named = [out[c].to_numpy(dtype="float64", na_value=np.nan) for c in ("statthr1", "statthr2")]
    in_alliance = np.zeros(n, dtype=bool)
    named_outside = np.full(n, -1)
    for col in named[::-1]:
        code = np.where(np.isnan(col) | (col <= 0), -1, col).astype(np.int64)
        hit = np.zeros(n, dtype=bool)
        np.logical_or.at(hit, d, partner == code[d])
        in_alliance = hit
        valid = (code > 0) & ~in_alliance & (lookup.positions(np.maximum(code, 0)) >= 0)
        named_outside = np.where(valid, code, named_outside)
    profit_target = np.where(
        named_outside > 0, named_outside, np.where((label == "balancing") & (target > 0), target, top_outside)
    )
    # profit: gains clause and a stronger partner that is on the offensive against the prize's holder
    # (initiated a GML dispute against it in [t - 2, t])
    ptpos = lookup.positions(np.maximum(profit_target, 0))
    okpt = (profit_target > 0) & (ptpos >= 0)
    initiated = gml_cubes(lookup)["mid_init"]  # [t, a, b]: a initiated against b
    attack = np.zeros(len(d), dtype=bool)
    for lag in range(3):
        tl = np.clip(ti[d] - lag, 0, NYEARS - 1)
        attack |= initiated[tl, ppp, np.where(okpt[d], ptpos[d], 0)] > 0
    revisionist = stronger & okpt[d] & attack
    attack_evidence = np.bincount(d[revisionist], minlength=n) > 0
    side_evidence = stronger_side(
        lookup, warehouse, cinc, yi, ii, cinc_i, d, okp, ppp, cinc_p, ptpos, okpt, p["profit_side_allies"]
    )
    side_evidence &= obligation("offense") | obligation("wartime")  # an offensive pact or one made in a war
    evidence_of = {"attack": attack_evidence, "side": side_evidence, "either": attack_evidence | side_evidence}
    profit = gains & has_y & evidence_of[p["profit_evidence"]]

    # hostility of the rule's target toward i (for the non-pledge pacts with the threat)
    tpos = lookup.positions(np.maximum(target, 0))
    okt = has_y & (target > 0) & (tpos >= 0)
    tp = np.where(okt, tpos, 0)
    disputes = comps["disputes"][yi, ii, tp]
    hostile = okt & ((np.nan_to_num(disputes) >= p["hostility_threshold"]) | (rivalry[yi, ii, tp] > 0))
    # buck-passing: i and the target are major powers and the target's own top threat is a third major power
    target_rows = cube[yi, tp]
    target_top = np.argmax(np.where(np.isnan(target_rows), -np.inf, target_rows), axis=1)
    third = okt & np.isfinite(np.nanmax(np.where(np.isnan(target_rows), -np.inf, target_rows), axis=1))
    third &= (target_top != ii) & major[yi, target_top] & major[yi, ii] & major[yi, tp]
    if p["buck_needs_common_threat"]:  # the buck is passed on a threat to i as well (i's top own_top_k)
        filtered = np.where(has_y[:, None], cube[yi, ii], np.nan)
        k_score = filtered[np.arange(n), target_top]
        k_rank = np.sum(np.nan_to_num(filtered, nan=-np.inf) > k_score[:, None], axis=1) + 1
        third &= ~np.isnan(k_score) & (k_rank <= own_top_k)
    third_code = np.where(third, lookup.codes[target_top], -1)

    # patron rule
    is_major_p = okp & major[ti[d], ppp]
    patron_ok = is_major_p & dominant
    j1pos = lookup.positions(np.maximum(j1, 0))
    patron_threat = np.zeros(len(d), dtype=bool)
    patron_threat[okp] = partner_threat[okp]
    patron_pair = patron_ok & ~patron_threat & (partner != j1[d])
    patron_any = np.zeros(n, dtype=bool)
    np.logical_or.at(patron_any, d[patron_pair], True)
    patron_code = np.full(n, -1)
    patron_code[d[patron_pair][::-1]] = partner[patron_pair][::-1]
    patron_applies = p["patron_rule"] & patron_any & (j1 > 0) & ~j1_inside & (j1pos >= 0)

    alignment = np.full(n, "neither", dtype=object)
    threat = np.full(n, -1)
    reason = out["reason"].to_numpy().astype(object).copy()
    patron = np.full(n, -1)
    readable = has_y & (out["reason"].to_numpy() != "not a COW state")
    # a balancing target found only below i's top threats (the alliance's common threat) yields to the patron rule:
    # a client balances its own top threat with a great-power patron (Walt 1987; Morrow 1991)
    deeper = out["target_choice"].to_numpy() == DEEPER if "target_choice" in out.columns else np.zeros(n, dtype=bool)
    rule_balance = (label == "balancing") & ~(deeper & patron_applies)
    rule_wagon = label == "bandwagoning"
    rest = readable.copy()

    def assign(mask, name, code, text):
        nonlocal rest
        mask = mask & rest
        alignment[mask] = name
        threat[mask] = np.broadcast_to(code, (n,))[mask]
        reason[mask] = np.broadcast_to(np.asarray(text, dtype=object), (n,))[mask]
        rest = rest & ~mask

    assign(
        coerced,
        "coerced",
        coercer,
        np.array([f"coerced: dominant partner among its top threats; {w}" for w in why], dtype=object),
    )
    patron[coerced] = coercer[coerced]
    assign(
        profit,
        "bandwagoning_for_profit",
        profit_target,
        "bandwagoning for profit: treaty provides for territorial gains, with a stronger partner on the "
        "offensive against the state that would lose them",
    )
    no_pledge = ~pledge
    military = military_provisions(out)
    if p["regional_not_security"] and military is not None:
        # a consultation / non-aggression code among three or more states, none a great power, with no
        # military provision and no named threat: a regional organisation, not an alignment (Snyder 1997)
        members_major = np.zeros(n, dtype=bool)
        np.logical_or.at(members_major, d[okp], major[ti[d][okp], ppp[okp]])
        members_major |= ok_i & major[ti, ii]
        named_none = np.isnan(named[0]) & np.isnan(named[1])
        specific = obligation("specthrt")
        regional = no_pledge & (out["n_partners"].to_numpy() >= 2) & ~members_major & ~military
        assign(
            regional & named_none & ~specific,
            "not_security",
            -1,
            "regional consultation/non-aggression code (three or more members, no great power, no military "
            "provision, no named threat): not an alignment against a threat",
        )
    assign(
        no_pledge & rule_balance,
        "balancing",
        target,
        np.array(["no defense pledge; " + r for r in reason], dtype=object),
    )
    assign(
        no_pledge & rule_wagon & hostile & third,
        "buck_passing",
        target,
        np.array(
            [
                f"non-aggression/neutrality with a hostile great-power threat whose own top threat is "
                f"{lookup.abbreviation(max(c, 0))}"
                for c in third_code
            ],
            dtype=object,
        ),
    )
    assign(
        no_pledge & rule_wagon & hostile,
        "hedging",
        target,
        "non-aggression/neutrality/consultation with a hostile threat instead of an alliance against it",
    )
    assign(
        no_pledge & rule_wagon,
        "not_security",
        -1,
        "no defense pledge; the state inside is a top threat only by power and distance (no rivalry or dispute)",
    )
    assign(pledge & rule_balance, "balancing", target, reason)
    assign(pledge & rule_wagon, "bandwagoning", target, reason)
    client = patron_applies & rest
    assign(
        patron_applies,
        "balancing",
        j1,
        np.array(
            [
                f"client balancing its top threat with a great-power patron ({lookup.abbreviation(max(c, 0))}) that "
                "does not share it"
                for c in patron_code
            ],
            dtype=object,
        ),
    )
    patron[client] = patron_code[client]
    assign(
        no_pledge,
        "not_security",
        -1,
        "no defense pledge and no threat shared with the partners "
        "(consultation or non-aggression among states that do not threaten each other)",
    )
    assign(np.ones(n, dtype=bool), "neither", -1, reason)

    out = out.copy()
    out["pledge"] = pledge
    out["gains_clause"] = gains
    out["hostile_target"] = hostile
    out["coercion"] = why
    out["patron"] = pd.arrays.IntegerArray(np.maximum(patron, 0).astype(np.int64), patron < 0)
    out["alignment"] = alignment
    out["alignment_threat"] = pd.arrays.IntegerArray(np.maximum(threat, 0).astype(np.int64), threat < 0)
    out["alignment_threat_abb"] = np.where(threat > 0, lookup.abbreviation(np.maximum(threat, 0)), "")
    out["alignment_reason"] = reason
    return out
