"""Balancing or bandwagoning: classify every ATOP alignment decision (Walt 1987).

Unit: one *decision* per member and alliance, from the ATOP 4.01 member-level file: the year t a
state enters an alliance (founding members and later joiners alike; a state that leaves and comes
back makes a new decision; a new phase of a treaty it is already in does not).

Rule. For member i entering alliance A in year t, with threat year y = t - ``lag``, rank the states
by their threat to i in y (the chosen threat measure, after the ``exclude_allies`` filter):
j* is the first. The literal rule looks at j* only; measurement is noisy (the threat a treaty names
is i's top threat in about a third of cases, among the top three in two thirds), so the rule walks
down i's ``own_top_k`` (default 2) largest threats in order and labels by the first one the
alliance *engages*:

* bandwagoning: that state is a member of A in year t (i allies with it, or joins its existing
  alliance) and, when i pledges defense or offense, it is a source of danger to i: strategic rivals,
  or a war or dispute between them in the last 10 years (``hostile_pairs``; Walt's aggressive
  intentions). A pact partner that is large and near but has no such record is passed over and
  the walk goes on (Canada and the USA, 1949). Non-aggression, neutrality and consultation pacts
  with a threat are left to the alignment step (hedging, buck-passing, not a security alignment);
* balancing: it is outside A and either (a) the treaty names it (ATOP ``statthr1``/``statthr2``,
  when ``use_named``) or (b) it also threatens the partners: it is among the ``partner_top_k``
  (default 3) largest threats of at least one partner (``partner_rule="any"``), of at least half
  of them (``"majority"``), of every one (``"all"``); ``"ignore"`` counts any outside state;
* neither: no threat data for i in y (``reason`` says why); the top threat's score is below
  ``min_threat`` ("no credible threat"); or none of the top ``own_top_k`` threats is inside,
  named or shared with a partner ("alliance aimed elsewhere").

The treaty's word comes first: if a state the treaty names (``use_named``) is among i's top
``own_top_k`` threats and outside A, the decision is balancing against it before the walk looks
inside the alliance (Britain 1854: France ranks above Russia, but the treaty is against Russia).

The alliance's common threat (``common_threat``, default True; Walt 1987: states ally against a
threat they share). A balancing target is the threat to the alliance *as a whole*: among i's
``common_top_k`` (default 5) largest threats, the candidates outside the alliance that the treaty
names or that pass the partner test, the one with the largest T_j = s_ij + sum over partners p of
s_pj (a partner's missing or ally-filtered score counts as no threat to it). A balancing decision of
the walk is re-targeted to it (unless the treaty's named threat decided it), and a decision the walk
left undecided becomes balancing against it (Italy and Portugal 1949: Yugoslavia and Spain rank
above the Soviet Union for them, but the Soviet Union is the threat NATO shares). A target found
only below i's top ``own_top_k`` yields to the alignment step's patron rule (a client balances its
own top threat with a great-power patron; ``target_choice`` says how the target was chosen).

The walk is symmetric: a second-ranked threat inside the alliance makes bandwagoning exactly as a
second-ranked shared outside threat makes balancing, and ``own_top_k=1`` gives the literal
rule. The output keeps both j* (``jstar``) and the state the label refers to (``target``, with
``target_rank``).

Parameters, one place (``RuleParams``; its defaults also as the mapping ``DEFAULTS``):

* ``form``: the threat measure. ``"additive"`` is the project's balance-of-threat score
  (``alliancelab.measures.threat``: weighted mean of power, proximity, offensive power and
  intentions). ``"projected"`` applies Boulding's loss-of-strength gradient to power itself:
  threat = (w_p power * prox + w_o offensive * prox + w_i intentions) / (w_p + w_o + w_i), so a
  distant great power's capability counts only as far as it can be projected (proximity enters
  through the product, its own weight is not used). ``weights`` are the component weights.
* ``lag`` (years, default 1): threats are read in t - lag, in which i must be present (a system
  member, or represented: ``measures.threat.represented``); with ``fallback=True`` a state that is not
  is read in t, else in t + 1 if it enters the system then (``_threat_year.threat_years``).
* ``exclude_allies``: states already allied with i in the threat year are not candidates
  (``"defense"``: a shared ATOP 4.01 alliance with a defense or offense obligation; ``"any"``: any
  ATOP obligation; ``"none"``). Reason: Walt's threat needs aggressive intentions, and a state
  that has pledged to fight for i has, for now, declared the opposite. ``keep_hostile_allies``
  (default True) keeps allies that behave as adversaries (strategic rivals, or a GML dispute
  initiated against i during the alliance, in the last 10 years): a treaty on paper does not
  remove a threat (the Anglo- and Franco-Soviet treaties were in force in 1948, during the Berlin
  blockade). The same filter applies to the partners' threat lists.
* ``partner_rule`` / ``partner_top_k``: how the partners' threats count (above).
* ``use_named``: whether a threat named in the treaty makes balancing without the partner test.
* ``named_first`` (default True): a named threat among the top ``own_top_k`` decides before the walk.
* ``bandwagon_needs_hostility`` (default True): with a defense/offense pledge, a threat inside the
  alliance makes bandwagoning only with a record of hostility (``hostile_pairs``).
* ``min_threat``: threat score below which the top threat is no credible threat (default 0: any).

Default choice (docs/balancing.md): ``form="projected"`` with ``exclude_allies="defense"`` because
that pair ranks the threat a treaty names first more often than the alternatives (ATOP
named-threat validation, ``threat_validation``: top-1 0.336 against 0.283 for the additive score
without the filter), a criterion fixed before and independent of the famous cases.
``sensitivity`` reruns the whole record over the alternatives.

Sources: Leeds, Ritter, Mitchell & Long 2002 (ATOP 4.01); the threat components' sources
(NMC, COW contiguity, CShapes distances, GML disputes, Thompson & Dreyer rivalries, Miller's
territorial threat). Walt, S. M. (1987) The Origins of Alliances; Boulding, K. (1962) Conflict
and Defense.

Kept in one module because the rule is one vectorised pass (``_rule_stage``) whose steps share its
arrays through two small closures (``engagement``, ``engage``); the target-choice helpers that need
no shared state are in ``_targets``.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.measures.regions import region_of
from alliancelab.measures.threat import FORMS, component_cubes
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup
from alliancelab.theory.empirical.balancing._alignment import (
    ALIGNMENT_DEFAULTS,
    check_alignment_parameters,
    refine,
)
from alliancelab.theory.empirical.balancing._inputs import (
    ALLY_FILTERS,
    candidate_threats,
    decisions,
    era_of,
    hostile_pairs,
    member_spells,
)
from alliancelab.theory.empirical.balancing._params import PARTNER_RULES, RuleParams, split_parameters
from alliancelab.theory.empirical.balancing._succession import successor_codes
from alliancelab.theory.empirical.balancing._targets import _common_target, _named_candidates, _threatened_lists
from alliancelab.theory.empirical.balancing._threat_year import threat_years

RULE_WORDS = {"any": "at least one partner", "majority": "half the partners or more", "all": "every partner"}
LABELS = ("balancing", "bandwagoning", "neither")

DEFAULTS = RuleParams.defaults()  # read-only mapping of RuleParams' defaults (the older dict-style name)


# --- the rule -----------------------------------------------------------------------------------------
@dataclass
class _Partners:
    decision: np.ndarray  # index of the decision of each (decision, partner) pair
    partner: np.ndarray  # COW code of the partner


def _partners(table, warehouse):
    """(decision, partner) pairs: the other members of the alliance in force in the entry year."""
    spells = member_spells(warehouse)[["atopid", "member", "first", "last"]]
    left = pd.DataFrame(
        {
            "d": np.arange(len(table)),
            "atopid": table["atopid"].to_numpy(),
            "self": table["member"].to_numpy(),
            "year": table["year"].to_numpy(),
        }
    )
    pairs = left.merge(spells, on="atopid")
    keep = (pairs["member"] != pairs["self"]) & (pairs["first"] <= pairs["year"]) & (pairs["last"] >= pairs["year"])
    pairs = pairs[keep].drop_duplicates(["d", "member"]).sort_values(["d", "member"])
    return _Partners(pairs["d"].to_numpy(), pairs["member"].to_numpy())


def _split(parameters, params=None, alignment_params=None):
    """(rule parameters, alignment parameters) of one call, as dicts: the dataclasses with the keywords on top."""
    rule, alignment = split_parameters(params, alignment_params, parameters)
    return rule.to_dict(), alignment.to_dict()


def _check(parameters):
    p = dict(DEFAULTS)
    unknown = set(parameters) - set(DEFAULTS)
    if unknown:
        raise ParameterError(
            f"unknown rule parameter(s) {sorted(unknown)}; expected {sorted(DEFAULTS)} or {sorted(ALIGNMENT_DEFAULTS)}"
        )
    p.update(parameters)
    check_choice("form", p["form"], FORMS)
    check_choice("exclude_allies", p["exclude_allies"], ALLY_FILTERS)
    check_choice("partner_rule", p["partner_rule"], PARTNER_RULES)
    check_range("lag", p["lag"], 0, 10)
    check_range("partner_top_k", p["partner_top_k"], 1, 50)
    check_range("own_top_k", p["own_top_k"], 1, 10)
    check_range("min_threat", p["min_threat"], 0.0, 1.0)
    return p


def classify(table=None, warehouse=None, params=None, alignment_params=None, **parameters):
    """Classify every decision as balancing / bandwagoning / neither, and by the richer alignment.

    Vectorised over all decisions. ``params`` sets the rule, ``alignment_params`` the alignment step.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        Decisions (default: all of ``decisions()``).
    warehouse : str or Path, optional
    params : RuleParams, optional
        Rule parameters (form, weights, lag, exclude_allies, partner_rule, ...; default ``RuleParams()``).
    alignment_params : AlignmentParams, optional
        Alignment parameters (default ``AlignmentParams()``).
    **parameters
        The older keyword style: names of either class, applied on top (unknown names raise).

    Returns
    -------
    pandas.DataFrame
        One row per decision with every input behind the label: threat_year and threat_year_rule (which
        year the threats were read in and why: ``t-1``, the fallbacks, a represented state's source year);
        jstar (i's top threat, COW code), its abbreviation, score and components (power, proximity, offensive,
        intentions); j2 and its score; target (the highest of i's ``own_top_k`` threats that the
        alliance engages), target_rank, target_threat; target_inside, target_named, n_partners,
        partners_threatened and threatened_partners; label and reason; and the alignment columns
        of ``refine`` (alignment, alignment_threat, alignment_threat_abb, alignment_reason, patron,
        coercion, gains_clause, pledge, hostile_target). ``attrs["parameters"]`` holds the
        parameters used.

    Examples
    --------
    >>> nato = classify(decisions().query("atopid == 3180 and year == 1949"))
    >>> nato.set_index("member").loc[2, "label"]
    'balancing'

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances, Cornell University Press; Boulding, K. E. (1962),
    Conflict and Defense.
    """
    parameters, alignment_parameters = _split(parameters, params, alignment_params)
    return _with_alignment(_rule_stage(table, warehouse, _check(parameters)), warehouse, alignment_parameters)


@dataclass
class _RuleStage:
    """The threat rule's output before the alignment step, with what the alignment step reads."""

    out: pd.DataFrame
    partners: tuple  # (decision index, partner code) arrays
    cube: np.ndarray  # threat with the ally filter
    raw: np.ndarray  # threat without it
    parameters: dict


def _with_alignment(stage, warehouse, alignment_parameters):
    """``classify``'s output: the alignment step on top of the rule stage, with parameters and sources."""
    p = stage.parameters
    out = refine(stage.out, stage.partners, stage.cube, stage.raw, p["own_top_k"], warehouse, **alignment_parameters)
    out.attrs["parameters"] = p | check_alignment_parameters(alignment_parameters)
    out.attrs["sources"] = Lookup.get(warehouse).citations(
        [
            "atop_members",
            "atop_alliances",
            "nmc",
            "contiguity",
            "min_distance",
            "capitals",
            "gml_dyads",
            "rivalries",
            "territorial_threat",
            "majors",
            "wars",
        ]
    )
    return out


def _rule_stage(table, warehouse, p):
    """The threat rule (labels balancing / bandwagoning / neither and their targets) for ``table``."""
    lookup = Lookup.get(warehouse)
    table = decisions(warehouse) if table is None else _checked_table(table)
    n = len(table)
    rule_args = p["exclude_allies"], p["keep_hostile_allies"], warehouse, p["threat_params"]
    cube = candidate_threats(p["form"], p["weights"], *rule_args)
    comps = component_cubes(warehouse)
    raw = candidate_threats(p["form"], p["weights"], "none", False, warehouse, p["threat_params"])
    member = _present(raw, p, lookup)  # (year, state): present (member or represented) with someone to face

    i = lookup.positions(table["member"].to_numpy())
    t = table["year"].to_numpy().astype(np.int64)
    ok_i = i >= 0
    ii = np.where(ok_i, i, 0)
    threat_year, threat_year_rule = threat_years(member, np.where(ok_i, i, -1), t, p["lag"], p["fallback"], lookup)
    ty = np.clip(threat_year - YEAR0, 0, NYEARS - 1)
    rows = np.where((threat_year >= 0)[:, None], cube[ty, ii], np.nan)  # (n, states)
    if p["named_overrides_allies"]:  # a state the treaty names is a candidate even if still allied on paper
        rows = _named_candidates(rows, raw, table, ty, ii, threat_year, lookup)
    filled = np.where(np.isnan(rows), -np.inf, rows)
    order = np.argsort(-filled, axis=1, kind="stable")
    rank_scores = np.take_along_axis(filled, order, axis=1)
    has_threat = np.isfinite(rank_scores[:, 0])

    # a pact partner is a source of danger only with a record of hostility (non-aggression, neutrality and
    # consultation pacts with a threat are judged by the alignment step: hedging, buck-passing)
    hostile = hostile_pairs(10, warehouse)
    pledged = _pledged(table)
    pairs = _partners(table, warehouse)
    d = pairs.decision
    pp = lookup.positions(pairs.partner)
    n_partners = np.bincount(d, minlength=n)
    named_codes = [table[c].to_numpy(dtype="float64", na_value=np.nan) for c in ("statthr1", "statthr2")]
    rule = p["partner_rule"]

    label = np.full(n, "neither", dtype=object)
    reason = np.full(n, "", dtype=object)
    decided = np.zeros(n, dtype=bool)
    target = np.full(n, -1)
    target_rank = np.zeros(n, dtype=np.int64)
    t_inside = np.zeros(n, dtype=bool)
    t_named = np.zeros(n, dtype=bool)
    t_threatened = np.zeros(n, dtype=np.int64)
    founding = table["founding"].to_numpy() == 1

    def engagement(k):
        """How the alliance engages i's k-th largest threat: inside, named, shared with partners, hostile, and the
        threat it poses to the whole alliance (its score to i plus its scores to the partners)."""
        jk = order[:, k]
        sk = rank_scores[:, k]
        valid_k = np.isfinite(sk) & (sk >= p["min_threat"])
        code = successor_codes(lookup, lookup.codes[jk], threat_year, t)  # a state merged by t: its union
        hit = code[d] == pairs.partner
        inside = np.zeros(n, dtype=bool)
        np.logical_or.at(inside, d[hit], True)
        named = (named_codes[0] == code) | (named_codes[1] == code)
        ok_pair = (pp >= 0) & valid_k[d] & ~hit
        prow = cube[ty[d][ok_pair], pp[ok_pair]]
        score = prow[np.arange(len(prow)), jk[d][ok_pair]]
        above = np.sum(np.where(np.isnan(prow), False, prow > score[:, None]), axis=1)
        threatened_pair = np.zeros(len(d), dtype=bool)
        threatened_pair[np.flatnonzero(ok_pair)] = ~np.isnan(score) & (above + 1 <= p["partner_top_k"])
        threatened = np.bincount(d[threatened_pair], minlength=n)
        if rule == "any":
            partner_ok = threatened >= 1
        elif rule == "majority":
            partner_ok = (n_partners > 0) & (2 * threatened >= n_partners)
        elif rule == "all":
            partner_ok = (n_partners > 0) & (threatened == n_partners)
        else:
            partner_ok = np.ones(n, dtype=bool)
        alliance_threat = np.where(valid_k, sk, 0.0) + np.bincount(
            d[ok_pair], weights=np.nan_to_num(score, nan=0.0), minlength=n
        )
        return {
            "code": code,
            "valid": valid_k,
            "inside": inside,
            "named": named,
            "named_ok": named & p["use_named"],
            "partner_ok": partner_ok,
            "threatened_pair": threatened_pair,
            "threatened": threatened,
            "danger": hostile[ty, ii, jk] | ~pledged | (not p["bandwagon_needs_hostility"]),
            "alliance_threat": alliance_threat,
        }

    depth = max(p["own_top_k"], p["common_top_k"] if p["common_threat"] else 0)
    steps = [engagement(k) for k in range(min(depth, order.shape[1]))]

    def engage(mask, k):
        e = steps[k]
        target[mask] = e["code"][mask]
        target_rank[mask] = k + 1
        t_inside[mask] = e["inside"][mask]
        t_named[mask] = e["named"][mask]
        t_threatened[mask] = e["threatened"][mask]

    choice = np.full(n, "", dtype=object)  # how the target was chosen
    # first pass: a named threat outside the alliance among the top own_top_k decides (the treaty says whom
    # it is against); second pass: the walk down the list (inside -> bandwagoning, shared -> balancing)
    for phase, k in [("named", k) for k in range(p["own_top_k"]) if p["use_named"] and p["named_first"]] + [
        ("walk", k) for k in range(p["own_top_k"])
    ]:
        e = steps[k]
        valid_k = e["valid"] & ~decided
        wagon = valid_k & e["inside"] & (phase == "walk") & e["danger"]
        balance = valid_k & ~e["inside"] & (e["named_ok"] | (e["partner_ok"] & (phase == "walk")))
        label[wagon] = "bandwagoning"
        reason[wagon & founding] = "allies with the threat"
        reason[wagon & ~founding] = "joins the threat's existing alliance"
        label[balance] = "balancing"
        reason[balance & e["named_ok"]] = "threat outside and named in the treaty"
        reason[balance & ~e["named_ok"]] = (
            "threat outside (partner test ignored)"
            if rule == "ignore"
            else f"threat outside and among the top {p['partner_top_k']} threats of {RULE_WORDS[rule]}"
        )
        engage(wagon | balance, k)
        choice[wagon | balance] = "named in the treaty" if phase == "named" else "own ranking"
        decided |= wagon | balance
    if p["common_threat"]:
        _common_target(steps, p, label, reason, decided, target_rank, engage, rank_scores, rule, choice)
    credible = has_threat & (rank_scores[:, 0] >= p["min_threat"])
    rest = ~decided
    reason[rest & credible] = np.where(
        n_partners[rest & credible] == 0,
        "no partner in force in the entry year",
        f"alliance aimed elsewhere: none of the top {p['own_top_k']} threat(s) is "
        "inside, named or shared with a partner",
    )
    reason[rest & has_threat & ~credible] = f"no credible threat (top threat < {p['min_threat']})"
    reason[~has_threat & ~ok_i] = "not a COW state"
    reason[~has_threat & ok_i] = "no threat data (not a system member in the threat year)"

    out = table.copy()
    codes_i = out["member"].to_numpy()
    out["stateabb"] = np.where(ok_i, lookup.abbreviation(np.where(ok_i, codes_i, 0)), codes_i.astype(str))
    out["region"] = np.where(ok_i, region_of(np.clip(codes_i, 2, 999)), "")
    out["era"] = era_of(t)
    out["threat_year"] = _nullable_int(threat_year, threat_year >= 0)
    out["threat_year_rule"] = threat_year_rule
    j1 = order[:, 0]
    out["jstar"] = _nullable_int(lookup.codes[j1], has_threat)
    out["jstar_abb"] = np.where(has_threat, lookup.abbreviation(lookup.codes[j1]), "")
    out["jstar_threat"] = np.where(has_threat, rank_scores[:, 0], np.nan)
    for name in ("power", "proximity", "offensive", "intentions"):
        out[f"jstar_{name}"] = np.where(has_threat, comps[name][ty, ii, j1], np.nan)
    second = np.isfinite(rank_scores[:, 1])
    out["j2"] = _nullable_int(lookup.codes[order[:, 1]], second)
    out["j2_threat"] = np.where(second, rank_scores[:, 1], np.nan)
    out["target"] = _nullable_int(target, target >= 0)
    out["target_abb"] = np.where(target >= 0, lookup.abbreviation(np.maximum(target, 0)), "")
    out["target_rank"] = _nullable_int(target_rank, target >= 0)
    tpos = lookup.positions(np.maximum(target, 0))
    out["target_threat"] = np.where(target >= 0, rows[np.arange(n), np.maximum(tpos, 0)], np.nan)
    out["target_choice"] = choice
    out["target_inside"] = t_inside
    out["target_named"] = t_named
    out["n_partners"] = n_partners
    out["partners_threatened"] = t_threatened
    out["threatened_partners"] = _threatened_lists(steps, target_rank, target >= 0, pairs, n)
    out["label"] = label
    out["reason"] = reason
    return _RuleStage(out, (d, pairs.partner), cube, raw, p)


def _pledged(table):
    """Boolean per decision: the member pledges defense or offense (False when the columns are absent)."""
    out = np.zeros(len(table), dtype=bool)
    for name in ("defense", "offense"):
        if name in table.columns:
            out |= table[name].fillna(0).to_numpy() > 0
    return out


def _present(raw, p, lookup):
    """(year, state) boolean: the state has a threat score against someone in the year (a system member, or a
    state the threat model represents, ``measures.threat.represented``: every form scores its row). Cached per
    form and weights."""
    weights = (
        p["weights"] if p["weights"] is None or isinstance(p["weights"], str) else tuple(sorted(p["weights"].items()))
    )
    return lookup.cached(("threat_present", p["form"], weights), lambda: ~np.isnan(raw).all(axis=2))


REQUIRED = ("atopid", "member", "year", "founding", "statthr1", "statthr2")


def _checked_table(table):
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ParameterError(f"argument table: missing column(s) {missing}; expected the columns of decisions()")
    return table.reset_index(drop=True).copy()


def _nullable_int(values, present):
    return pd.arrays.IntegerArray(np.where(present, values, 0).astype(np.int64), ~np.asarray(present, dtype=bool))
