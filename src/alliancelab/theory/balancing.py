"""Balancing or bandwagoning: classify every ATOP alignment decision (Walt 1987; THEORY.md section 5).

Unit: one *decision* per member and alliance, from the ATOP 4.01 member-level file: the year t a
state enters an alliance (founding members and later joiners alike; a state that leaves and comes
back makes a new decision; a new phase of a treaty it is already in does not).

Rule. For member i entering alliance A in year t, with threat year y = t - ``lag``, rank the states
by their threat to i in y (the chosen threat measure, after the ``exclude_allies`` filter):
j* is the first. THEORY.md's rule looks at j* only; measurement is noisy (the threat a treaty names
is i's top threat in about a third of cases, among the top three in two thirds), so the rule walks
down i's ``own_top_k`` (default 2) largest threats in order and labels by the first one the
alliance *engages*:

* bandwagoning: that state is a member of A in year t (i allies with it, or joins its existing
  alliance);
* balancing: it is outside A and either (a) the treaty names it (ATOP ``statthr1``/``statthr2``,
  when ``use_named``) or (b) it also threatens the partners: it is among the ``partner_top_k``
  (default 3) largest threats of at least one partner (``partner_rule="any"``), of at least half
  of them (``"majority"``), of every one (``"all"``); ``"ignore"`` counts any outside state;
* neither: no threat data for i in y (``reason`` says why); the top threat's score is below
  ``min_threat`` ("no credible threat"); or none of the top ``own_top_k`` threats is inside,
  named or shared with a partner ("alliance aimed elsewhere").

The walk is symmetric: a second-ranked threat inside the alliance makes bandwagoning exactly as a
second-ranked shared outside threat makes balancing, and ``own_top_k=1`` gives THEORY.md's literal
rule. The output keeps both j* (``jstar``) and the state the label refers to (``target``, with
``target_rank``).

Parameters, one place (``DEFAULTS``):

* ``form``: the threat measure. ``"additive"`` is the project's balance-of-threat score
  (``alliancelab.measures.threat``: weighted mean of power, proximity, offensive power and
  intentions). ``"projected"`` applies Boulding's loss-of-strength gradient to power itself:
  threat = (w_p power * prox + w_o offensive * prox + w_i intentions) / (w_p + w_o + w_i), so a
  distant great power's capability counts only as far as it can be projected (proximity enters
  through the product, its own weight is not used). ``weights`` are the component weights.
* ``lag`` (years, default 1): threats are read in t - lag; a state that is not a system member in
  t - lag (a new state) is read in t when ``fallback=True``.
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
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.measures.regions import region_of
from alliancelab.measures.threat import FORMS, component_cubes, threat_cube
from alliancelab.panels.adders import spell_years
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup


ALLY_FILTERS = ("none", "defense", "any")
PARTNER_RULES = ("any", "majority", "all", "ignore")
RULE_WORDS = {"any": "at least one partner", "majority": "half the partners or more", "all": "every partner"}
LABELS = ("balancing", "bandwagoning", "neither")
LAST_MEMBER_YEAR = 2016  # ATOP 4.01 coverage

DEFAULTS = {
    "form": "projected",
    "weights": None,  # None = alliancelab.measures.threat.DEFAULT_WEIGHTS
    "lag": 1,
    "fallback": True,
    "exclude_allies": "defense",
    "keep_hostile_allies": True,
    "own_top_k": 2,
    "partner_rule": "any",
    "partner_top_k": 3,
    "use_named": True,
    "min_threat": 0.0,
}

ERAS = ((1815, 1913, "pre-1914"), (1914, 1945, "1914-1945"), (1946, 1991, "Cold War"), (1992, 2016, "post-1991"))


def era_of(year):
    """Era label of each year (pre-1914, 1914-1945 world wars and interwar, Cold War, post-1991)."""
    year = np.asarray(year)
    out = np.full(year.shape, "", dtype=object)
    for low, high, label in ERAS:
        out[(year >= low) & (year <= high)] = label
    return out


# --- inputs -------------------------------------------------------------------------------------------
def decisions(warehouse=None):
    """One row per alignment decision from the ATOP 4.01 member-level file.

    Columns: atopid, member, year (entry year), exit (last year, 0 = in force at the end of
    coverage), phase, founding (entered in the treaty's first year), reentry, the member's
    obligations (defense offense neutral nonagg consul; max over the rows of the entry year),
    conditio, and from the alliance-level file begyr, endyr, bilat, asymm, wartime, specthrt,
    statthr1, statthr2.
    """
    lookup = Lookup.get(warehouse)
    m = lookup.table("atop_members").copy()
    a = lookup.table("atop_alliances")[
        ["atopid", "begyr", "endyr", "bilat", "asymm", "wartime", "specthrt", "statthr1", "statthr2"]
    ]
    m["exit_"] = np.where(m["yrexit"].to_numpy() == 0, 9999, m["yrexit"].to_numpy())
    m = m.sort_values(["atopid", "member", "yrent", "phase"]).reset_index(drop=True)
    previous = m.groupby(["atopid", "member"])["exit_"].transform(lambda s: s.cummax().shift(1))
    m["spell"] = (previous.isna() | (m["yrent"] > previous)).astype(int)
    m["spell"] = m.groupby(["atopid", "member"])["spell"].cumsum()
    obligations = ["defense", "offense", "neutral", "nonagg", "consul", "conditio"]
    first = m.groupby(["atopid", "member", "spell"], as_index=False).agg(
        year=("yrent", "min"), exit_=("exit_", "max"), phase=("phase", "min")
    )
    entry = m.merge(first[["atopid", "member", "spell", "year"]], on=["atopid", "member", "spell"])
    entry = entry[entry["yrent"] == entry["year"]]
    entry = entry.groupby(["atopid", "member", "spell"], as_index=False)[obligations].max()
    out = first.merge(entry, on=["atopid", "member", "spell"]).merge(a, on="atopid", how="left")
    out["exit"] = np.where(out["exit_"] == 9999, 0, out["exit_"])
    out["founding"] = (out["year"] == out["begyr"]).astype(int)
    out["reentry"] = (out["spell"] > 1).astype(int)
    columns = [
        "atopid",
        "member",
        "year",
        "exit",
        "phase",
        "founding",
        "reentry",
        *obligations,
        "begyr",
        "endyr",
        "bilat",
        "asymm",
        "wartime",
        "specthrt",
        "statthr1",
        "statthr2",
    ]
    return out[columns].sort_values(["year", "atopid", "member"]).reset_index(drop=True)


def member_spells(warehouse=None):
    """ATOP 4.01 member rows with the exit year made explicit (0 -> 2016): atopid, member, first, last,
    and whether the row carries a defense/offense or any obligation."""
    lookup = Lookup.get(warehouse)
    m = lookup.table("atop_members")
    last = np.where(m["yrexit"].to_numpy() == 0, LAST_MEMBER_YEAR, m["yrexit"].to_numpy())
    ob = m[["defense", "offense", "neutral", "nonagg", "consul"]].fillna(0).to_numpy()
    return pd.DataFrame(
        {
            "atopid": m["atopid"].to_numpy(),
            "member": m["member"].to_numpy(),
            "first": m["yrent"].to_numpy(),
            "last": last,
            "defense": (ob[:, 0] + ob[:, 1] > 0).astype(np.int8),
            "any": (ob.sum(axis=1) > 0).astype(np.int8),
        }
    )


def alliance_member_years(warehouse=None):
    """(atopid, member, year) for every year a member is in an ATOP 4.01 alliance, with flags
    defense (defense/offense obligation in that alliance) and any."""
    lookup = Lookup.get(warehouse)

    def build():
        s = member_spells(warehouse)
        rows, years = spell_years(s["first"], s["last"])
        out = pd.DataFrame(
            {
                "atopid": s["atopid"].to_numpy()[rows],
                "member": s["member"].to_numpy()[rows],
                "year": years,
                "defense": s["defense"].to_numpy()[rows],
                "any": s["any"].to_numpy()[rows],
            }
        )
        return out.groupby(["atopid", "member", "year"], as_index=False)[["defense", "any"]].max()

    return lookup.cached("alliance_member_years", build)


def allied_cube(kind="defense", warehouse=None):
    """(year, i, j) boolean: i and j share an ATOP 4.01 alliance in force that year, in which either of
    them pledges defense or offense (``kind="defense"``), or any ATOP alliance (``kind="any"``)."""
    check_choice("kind", kind, ("defense", "any"))
    lookup = Lookup.get(warehouse)

    def build():
        amy = alliance_member_years(warehouse)
        pairs = amy.merge(amy, on=["atopid", "year"], suffixes=("1", "2"))
        pairs = pairs[pairs["member1"] != pairs["member2"]]
        if kind == "defense":  # either member's defense/offense pledge makes the pair allied
            pairs = pairs[(pairs["defense1"] > 0) | (pairs["defense2"] > 0)]
        cube = lookup.dyad_cube(
            pairs["member1"], pairs["member2"], pairs["year"], np.ones(len(pairs)), reducer="max"
        ).astype(bool)
        return cube | cube.transpose(0, 2, 1)

    return lookup.cached(("allied_cube", kind), build)


def threat_measure(form="projected", weights=None, warehouse=None):
    """(year, i, j) threat of j to i for one form of the measure (``measures.threat.threat_cube``)."""
    return threat_cube(weights, warehouse, form=form)


def hostile_allies(kind="defense", window=10, warehouse=None):
    """(year, i, j) boolean: j is allied with i (``allied_cube(kind)``) but behaves as an adversary:
    the two are strategic rivals that year (Thompson & Dreyer), or j initiated a GML dispute against
    i during their current alliance spell and within the last ``window`` years. Disputes from
    before the alliance began do not count: forming the alliance signals they were settled."""
    from alliancelab.panels.adders import gml_cubes, rivalry_cube

    lookup = Lookup.get(warehouse)

    def build():
        allied = allied_cube(kind, warehouse)
        run = np.zeros(allied.shape, dtype=np.int16)  # consecutive allied years up to t
        run[0] = allied[0]
        for t in range(1, NYEARS):
            run[t] = np.where(allied[t], run[t - 1] + 1, 0)
        init = gml_cubes(lookup)["mid_init"].astype(np.int32).transpose(0, 2, 1)  # [t, i, j]: j on i
        total = np.cumsum(init, axis=0, dtype=np.int32)
        padded = np.concatenate([np.zeros((1,) + total.shape[1:], dtype=np.int32), total])
        span = np.minimum(run, window).astype(np.int64)
        before = np.arange(NYEARS)[:, None, None] + 1 - span  # index into padded of year t - span
        recent = total - np.take_along_axis(padded, before, axis=0)
        return allied & ((recent > 0) | (rivalry_cube(lookup) > 0))

    return lookup.cached(("hostile_allies", kind, window), build)


def candidate_threats(
    form="projected", weights=None, exclude_allies="defense", keep_hostile_allies=True, warehouse=None
):
    """Threat cube with the excluded candidates set to NaN: states allied with i in that year
    (``exclude_allies``), except, when ``keep_hostile_allies``, allies that behave as adversaries
    (``hostile_allies``: strategic rivals, or a dispute initiated against i during the alliance):
    an alliance on paper does not remove the threat (the Anglo- and Franco-Soviet treaties of
    1942/1944 were still in force in 1948, the Berlin blockade dispute too)."""
    check_choice("exclude_allies", exclude_allies, ALLY_FILTERS)
    lookup = Lookup.get(warehouse)
    key = (
        "candidate_threats",
        form,
        None if weights is None else tuple(sorted(weights.items())),
        exclude_allies,
        bool(keep_hostile_allies),
    )

    def build():
        cube = threat_measure(form, weights, warehouse)
        if exclude_allies == "none":
            return cube
        drop = allied_cube(exclude_allies, warehouse)
        if keep_hostile_allies:
            drop = drop & ~hostile_allies(exclude_allies, 10, warehouse)
        return np.where(drop, np.nan, cube).astype(np.float32)

    return lookup.cached(key, build)


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


def _check(parameters):
    p = dict(DEFAULTS)
    unknown = set(parameters) - set(DEFAULTS)
    if unknown:
        raise ParameterError(f"unknown rule parameter(s) {sorted(unknown)}; expected {sorted(DEFAULTS)}")
    p.update(parameters)
    check_choice("form", p["form"], FORMS)
    check_choice("exclude_allies", p["exclude_allies"], ALLY_FILTERS)
    check_choice("partner_rule", p["partner_rule"], PARTNER_RULES)
    check_range("lag", p["lag"], 0, 10)
    check_range("partner_top_k", p["partner_top_k"], 1, 50)
    check_range("own_top_k", p["own_top_k"], 1, 10)
    check_range("min_threat", p["min_threat"], 0.0, 1.0)
    return p


def classify(table=None, warehouse=None, **parameters):
    """Classify every decision (default: all of ``decisions()``) as balancing / bandwagoning / neither.

    Returns one row per decision with every input behind the label: threat_year; jstar (i's top
    threat, COW code), its abbreviation, score and components (power, proximity, offensive,
    intentions); j2 and its score; target (the threat the label refers to: the highest of i's
    ``own_top_k`` threats that the alliance engages), target_rank, target_threat; target_inside,
    target_named, n_partners, partners_threatened (partners with the target among their
    ``partner_top_k`` threats) and their codes (threatened_partners); label and reason.
    ``attrs["parameters"]`` holds the rule parameters used. Vectorised over all decisions.
    """
    p = _check(parameters)
    lookup = Lookup.get(warehouse)
    table = decisions(warehouse) if table is None else _checked_table(table)
    n = len(table)
    cube = candidate_threats(p["form"], p["weights"], p["exclude_allies"], p["keep_hostile_allies"], warehouse)
    comps = component_cubes(warehouse)
    member = comps["pair"].any(axis=2)  # (year, state): system member with someone to face

    i = lookup.positions(table["member"].to_numpy())
    t = table["year"].to_numpy().astype(np.int64)
    y = t - p["lag"]
    yi = np.clip(y - YEAR0, 0, NYEARS - 1)
    ti = np.clip(t - YEAR0, 0, NYEARS - 1)
    ok_i = i >= 0
    ii = np.where(ok_i, i, 0)
    has_lag = ok_i & (y >= YEAR0) & member[yi, ii]
    use_t = ~has_lag & ok_i & p["fallback"] & member[ti, ii]
    threat_year = np.where(has_lag, y, np.where(use_t, t, -1))
    ty = np.clip(threat_year - YEAR0, 0, NYEARS - 1)
    rows = np.where((threat_year >= 0)[:, None], cube[ty, ii], np.nan)  # (n, states)
    filled = np.where(np.isnan(rows), -np.inf, rows)
    order = np.argsort(-filled, axis=1, kind="stable")
    rank_scores = np.take_along_axis(filled, order, axis=1)
    has_threat = np.isfinite(rank_scores[:, 0])

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
    t_list = np.full(n, "", dtype=object)
    for k in range(p["own_top_k"]):
        jk = order[:, k]
        sk = rank_scores[:, k]
        valid_k = np.isfinite(sk) & (sk >= p["min_threat"]) & ~decided
        code = lookup.codes[jk]
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
        named_ok = named & p["use_named"]
        wagon = valid_k & inside
        balance = valid_k & ~inside & (named_ok | partner_ok)
        engaged = wagon | balance
        label[wagon] = "bandwagoning"
        founding = table["founding"].to_numpy() == 1
        reason[wagon & founding] = "allies with the threat"
        reason[wagon & ~founding] = "joins the threat's existing alliance"
        label[balance] = "balancing"
        reason[balance & named_ok] = "threat outside and named in the treaty"
        reason[balance & ~named_ok] = (
            "threat outside (partner test ignored)"
            if rule == "ignore"
            else f"threat outside and among the top {p['partner_top_k']} threats of {RULE_WORDS[rule]}"
        )
        target[engaged] = code[engaged]
        target_rank[engaged] = k + 1
        t_inside[engaged] = inside[engaged]
        t_named[engaged] = named[engaged]
        t_threatened[engaged] = threatened[engaged]
        lists = (
            pd.Series(pairs.partner[threatened_pair])
            .groupby(d[threatened_pair])
            .agg(lambda v: " ".join(map(str, v)))
            .reindex(range(n))
            .fillna("")
            .to_numpy()
        )
        t_list[engaged] = lists[engaged]
        decided |= engaged
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
    out["target_inside"] = t_inside
    out["target_named"] = t_named
    out["n_partners"] = n_partners
    out["partners_threatened"] = t_threatened
    out["threatened_partners"] = t_list
    out["label"] = label
    out["reason"] = reason
    out.attrs["parameters"] = p
    out.attrs["sources"] = lookup.citations(
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
        ]
    )
    return out


REQUIRED = ("atopid", "member", "year", "founding", "statthr1", "statthr2")


def _checked_table(table):
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ParameterError(f"argument table: missing column(s) {missing}; expected the columns of decisions()")
    return table.reset_index(drop=True).copy()


def _nullable_int(values, present):
    return pd.arrays.IntegerArray(np.where(present, values, 0).astype(np.int64), ~np.asarray(present, dtype=bool))


def case(classified, atopid, member):
    """The row(s) of one decision, for audit: every input behind the label as a Series."""
    rows = classified[(classified["atopid"] == atopid) & (classified["member"] == member)]
    if rows.empty:
        raise ParameterError(f"no decision for atopid={atopid}, member={member} in the table")
    return rows


FAMOUS = (
    # atopid, members (None = all), label, what historians usually say
    (
        3180,
        (200, 210, 211, 212, 220, 235, 325, 385, 390, 395),
        "NATO 1949",
        "the Western European members balance the USSR (Walt 1987)",
    ),
    (
        1385,
        (220, 365),
        "Franco-Russian military convention 1893-94",
        "France and Russia balance Germany and the Triple Alliance",
    ),
    (1380, (220, 365), "Franco-Russian entente 1891", "the start of the Dual Alliance against Germany"),
    (3285, None, "Warsaw Pact 1955", "Soviet-imposed (coerced) alignment; nominally aimed at West Germany"),
    (1415, (200, 740), "Anglo-Japanese alliance 1902", "both balance Russia in East Asia"),
    (
        1350,
        (325,),
        "Italy's entry into the Triple Alliance 1882",
        "Italy seeks cover against France after Tunis (balancing France by joining its rival's bloc)",
    ),
    (
        2030,
        (355,),
        "Bulgaria with the Central Powers 1915",
        "bandwagoning for profit: Macedonia from Serbia after Central Power victories (Schweller 1994)",
    ),
    (
        2515,
        (355,),
        "Bulgaria joins the Tripartite Pact 1941",
        "bandwagoning with a dominant, nearby Germany (coerced, with territorial reward)",
    ),
)


def famous_cases(classified):
    """The famous cases of the literature, one row per member decision, with the historians' reading."""
    frames = []
    for atopid, members, title, reading in FAMOUS:
        rows = classified[classified["atopid"] == atopid]
        if members is not None:
            rows = rows[rows["member"].isin(members)]
        rows = rows[rows["reentry"] == 0].copy()
        rows["case"] = title
        rows["historians"] = reading
        frames.append(rows)
    out = pd.concat(frames, ignore_index=True)
    keep = [
        "case",
        "atopid",
        "member",
        "stateabb",
        "year",
        "threat_year",
        "jstar_abb",
        "jstar_threat",
        "j2",
        "target_abb",
        "target_rank",
        "target_inside",
        "target_named",
        "n_partners",
        "partners_threatened",
        "label",
        "reason",
        "historians",
    ]
    return out[keep]


# --- summaries and sensitivity -------------------------------------------------------------------------
def shares(classified, by=None):
    """Counts and shares of each label (overall or by column(s) ``by``), and the balancing share among
    decisions labelled balancing or bandwagoning, with a 95% Wilson interval."""
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    frame = classified
    if keys:
        groups = frame.groupby(keys, sort=True)
    else:
        groups = [((), frame)]
    rows = []
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(keys, key))
        counts = part["label"].value_counts()
        total = len(part)
        row["decisions"] = total
        for label in LABELS:
            row[label] = int(counts.get(label, 0))
            row[f"{label}_share"] = counts.get(label, 0) / total if total else np.nan
        decided = row["balancing"] + row["bandwagoning"]
        row["balancing_vs_bandwagoning"] = row["balancing"] / decided if decided else np.nan
        low, high = wilson_interval(row["balancing"], decided)
        row["ci_low"], row["ci_high"] = low, high
        rows.append(row)
    return pd.DataFrame(rows)


def wilson_interval(successes, trials, z=1.959964):
    """95% Wilson score interval of a proportion (NaNs when trials == 0)."""
    if trials == 0:
        return np.nan, np.nan
    phat = successes / trials
    centre = (phat + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * np.sqrt(phat * (1 - phat) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return centre - half, centre + half


VARIANTS = (
    ("default", {}),
    ("form=additive", {"form": "additive"}),
    ("lag=0", {"lag": 0}),
    ("lag=2", {"lag": 2}),
    ("exclude_allies=none", {"exclude_allies": "none"}),
    ("exclude_allies=any", {"exclude_allies": "any"}),
    ("own_top_k=1 (literal j* rule)", {"own_top_k": 1}),
    ("own_top_k=3", {"own_top_k": 3}),
    ("keep_hostile_allies=False", {"keep_hostile_allies": False}),
    ("partner_rule=majority", {"partner_rule": "majority"}),
    ("partner_rule=ignore", {"partner_rule": "ignore"}),
    ("partner_top_k=1", {"partner_top_k": 1}),
    ("partner_top_k=5", {"partner_top_k": 5}),
    ("use_named=False", {"use_named": False}),
    ("weights: no intentions", {"weights": {"power": 1.0, "proximity": 1.0, "offensive": 0.5, "intentions": 0.0}}),
    ("weights: equal", {"weights": {"power": 1.0, "proximity": 1.0, "offensive": 1.0, "intentions": 1.0}}),
    ("additive, no ally exclusion", {"form": "additive", "exclude_allies": "none"}),
)


def sensitivity(variants=VARIANTS, warehouse=None, progress=None):
    """Rerun the rule over parameter variants: per variant the label shares, the balancing share among
    decided cases, agreement with the default labels, and the NATO / Franco-Russian outcomes."""
    base = None
    rows = []
    table = decisions(warehouse)
    for name, parameters in variants:
        out = classify(table, warehouse, **parameters)
        if base is None:
            base = out["label"].to_numpy()
        summary = shares(out).iloc[0].to_dict()
        nato = out[
            (out["atopid"] == 3180)
            & out["member"].isin((200, 210, 211, 212, 220, 235, 325, 385, 390, 395))
            & (out["year"] == 1949)
        ]
        fr = out[(out["atopid"] == 1385)]
        rows.append(
            {
                "variant": name,
                **{
                    k: summary[k]
                    for k in ("decisions", "balancing", "bandwagoning", "neither", "balancing_vs_bandwagoning")
                },
                "agreement_with_default": float(np.mean(out["label"].to_numpy() == base)),
                "nato_we_balancing_ussr": int(((nato["label"] == "balancing") & (nato["target"] == 365)).sum()),
                "nato_we_members": len(nato),
                "franco_russian_balancing_germany": int(((fr["label"] == "balancing") & (fr["target"] == 255)).sum()),
            }
        )
        if progress is not None:
            progress(name)
    return pd.DataFrame(rows)


def threat_validation(warehouse=None, forms=FORMS, exclusions=ALLY_FILTERS):
    """Top-1 / top-3 rate at which the state an ATOP treaty names is j* (after the ally filter) for the
    founding members in the year before signing, per threat form and ally filter: the criterion
    that fixes the rule's defaults."""
    from alliancelab.measures.threat import named_threat_cases

    lookup = Lookup.get(warehouse)
    cases = named_threat_cases(warehouse)
    pair = component_cubes(warehouse)["pair"]
    rows = []
    for form in forms:
        for exclusion in exclusions:
            cube = candidate_threats(form, None, exclusion, True, warehouse)
            ranks = []
            for c in cases.itertuples():
                t = c.begyr - 1 - YEAR0
                i = lookup.positions([c.member])[0]
                named = [j for j in lookup.positions(list(c.named)) if j >= 0 and pair[t, i, j]]
                if i < 0 or not named:
                    continue
                row = cube[t, i]
                best = min(
                    int(np.sum(np.nan_to_num(row, nan=-np.inf) > row[j])) + 1 if not np.isnan(row[j]) else 10**6
                    for j in named
                )
                ranks.append(best)
            ranks = np.array(ranks)
            rows.append(
                {
                    "form": form,
                    "exclude_allies": exclusion,
                    "cases": len(ranks),
                    "top1": float(np.mean(ranks <= 1)),
                    "top3": float(np.mean(ranks <= 3)),
                }
            )
    return pd.DataFrame(rows)


def reference_classify(table, warehouse=None, **parameters):
    """Straightforward per-decision loop implementing the same rule (the benchmark's and tests'
    reference path). Returns a DataFrame with label and target per decision (target -1 if none)."""
    p = _check(parameters)
    lookup = Lookup.get(warehouse)
    cube = candidate_threats(p["form"], p["weights"], p["exclude_allies"], p["keep_hostile_allies"], warehouse)
    member = component_cubes(warehouse)["pair"].any(axis=2)
    spells = member_spells(warehouse)
    by_alliance = {a: g for a, g in spells.groupby("atopid")}
    labels, targets = [], []
    for row in table.itertuples():
        i = lookup.positions([row.member])[0]
        y = row.year - p["lag"]
        if i >= 0 and y >= YEAR0 and member[y - YEAR0, i]:
            year = y
        elif i >= 0 and p["fallback"] and member[row.year - YEAR0, i]:
            year = row.year
        else:
            labels.append("neither")
            targets.append(-1)
            continue
        scores = cube[year - YEAR0, i]
        s = by_alliance[row.atopid]
        s = s[(s["first"] <= row.year) & (s["last"] >= row.year)]
        partners = sorted(set(s["member"]) - {row.member})
        named = [int(v) for v in (row.statthr1, row.statthr2) if not pd.isna(v)]
        ranked = [j for j in np.argsort(-np.nan_to_num(scores, nan=-np.inf), kind="stable") if not np.isnan(scores[j])]
        label, target = "neither", -1
        for j in ranked[: p["own_top_k"]]:
            if scores[j] < p["min_threat"]:
                break
            star = int(lookup.codes[j])
            if star in partners:
                label, target = "bandwagoning", star
                break
            if p["use_named"] and star in named:
                label, target = "balancing", star
                break
            count = 0
            for q in partners:
                k = lookup.positions([q])[0]
                if k < 0 or np.isnan(cube[year - YEAR0, k, j]):
                    continue
                prow = cube[year - YEAR0, k]
                if np.sum(np.nan_to_num(prow, nan=-np.inf) > prow[j]) + 1 <= p["partner_top_k"]:
                    count += 1
            if {
                "any": count >= 1,
                "majority": len(partners) > 0 and 2 * count >= len(partners),
                "all": len(partners) > 0 and count == len(partners),
                "ignore": True,
            }[p["partner_rule"]]:
                label, target = "balancing", star
                break
        labels.append(label)
        targets.append(target)
    return pd.DataFrame({"label": labels, "target": targets})
