"""Every weak perfect Bayesian equilibrium of the deterrence game, by exact enumeration.

Kept in one module because it is one exact enumeration whose steps (type families, roots, assembly, outcomes) share
private helpers and are checked together.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from alliancelab.theory.formal.deterrence._model import ACTIONS, AGENTS, TOL, TYPES, DeterrenceParams, infoset


# ---------------------------------------------------------------------------- equilibria
@dataclass
class Equilibrium:
    """One equilibrium, or a connected family of them differing in one free probability.

    Parameters
    ----------
    probs : dict
        Agent keys ('challenge|strong', ..., 'intervene') to the probability of the first action
        (challenge, resist, escalate, intervene) in a representative member.
    low, high : dict
        The range of each probability over the family (equal for a single equilibrium).
    belief_strong : tuple of float
        (low, high) of T's belief that the enemy is strong at war.
    kind : {"pure", "mixed", "family"}
    outcomes : dict
        Outcome probabilities (p_challenge, p_war, p_intervene, ...).
    """

    probs: dict
    low: dict
    high: dict
    belief_strong: tuple  # (low, high) of T's belief that the enemy is strong at war
    kind: str  # "pure", "mixed" or "family"
    outcomes: dict = field(default_factory=dict)

    def behaviour(self, probs=None):
        """The behaviour profile in ``ExtensiveGame`` form."""
        probs = probs or self.probs
        out = {}
        for key, value in probs.items():
            agent, _, theta = key.partition("|")
            first, second = ACTIONS[agent]
            out[infoset(agent, theta or None)] = {first: value, second: 1.0 - value}
        return out

    def members(self):
        """Representative, and the two ends of the free range (for checking)."""
        free = [k for k in self.probs if self.high[k] - self.low[k] > 1e-12]
        profiles = [dict(self.probs)]
        for k in free:
            for end in (self.low, self.high):
                profiles.append({**self.probs, k: end[k]})
        return profiles

    def contains(self, behaviour, tol=1e-7):
        """True when a behaviour profile (``ExtensiveGame`` form) lies in this family."""
        for key in self.probs:
            agent, _, theta = key.partition("|")
            value = behaviour[infoset(agent, theta or None)][ACTIONS[agent][0]]
            if not (self.low[key] - tol <= value <= self.high[key] + tol):
                return False
        return True


@dataclass
class Solution:
    """All equilibria of the deterrence game at one parameter point (from ``solve``).

    Parameters
    ----------
    params : DeterrenceParams
    equilibria : list of Equilibrium
    degenerate : bool, default False
        True when the point meets a non-generic tie between thresholds.

    Examples
    --------
    >>> solve().table()["kind"].tolist()
    ['pure', 'mixed', 'pure']
    """

    params: DeterrenceParams
    equilibria: list
    degenerate: bool = False

    def table(self):
        """One row per equilibrium: behaviour and outcome probabilities."""
        rows = []
        for i, eq in enumerate(self.equilibria):
            rows.append(
                {
                    "equilibrium": i,
                    "kind": eq.kind,
                    **eq.probs,
                    "belief_strong_low": eq.belief_strong[0],
                    "belief_strong_high": eq.belief_strong[1],
                    **eq.outcomes,
                }
            )
        return pd.DataFrame(rows)


def _diffs(params, theta, sigma):
    """The per-type payoff differences as functions of the downstream probabilities."""
    p = params
    win = sigma * p.win_probability(theta, True) + (1 - sigma) * p.win_probability(theta, False)
    war_c = p.stake_challenger * win - p.cost_challenger  # C's value of war
    d_e = war_c + p.audience_cost  # escalate - back down

    def d_r(e):
        return p.stake_defender - e * (win * p.stake_defender + p.cost_defender)

    def d_c(r, e):
        return r * (e * war_c - (1 - e) * p.audience_cost) + (1 - r) * p.stake_challenger

    return win, war_c, d_e, d_r, d_c


def _pure_ok(value, diff, tol):
    return diff >= -tol if value == 1 else diff <= tol


def type_families(params, theta, sigma, tol=TOL):
    """All subgame-perfect behaviours of type ``theta``'s three-stage game given ``sigma``.

    Parameters
    ----------
    params : DeterrenceParams
    theta : {"strong", "weak"}
    sigma : float
        T's intervention probability.
    tol : float, default 1e-10

    Returns
    -------
    list of dict
        Families: ``values`` (agent -> probability, None for the free one), ``free`` (agent or
        None), its range ``lo``, ``hi``, and the war probability w = w0 + w1 * f.

    Examples
    --------
    >>> type_families(DeterrenceParams(), "strong", 0.5)[0]["values"]
    {'challenge': 1, 'resist': 1, 'escalate': 1}
    """
    p = params
    win, war_c, d_e, d_r, d_c = _diffs(p, theta, sigma)
    out = []
    for pattern in itertools.product((0, 1, "M"), repeat=3):
        px, pr, pe = pattern
        mixing = [a for a, v in zip(AGENTS, pattern) if v == "M"]
        # Bottom-up: e's own condition, then pinned values from the agent above.
        if pe == "M":
            if abs(d_e) > tol:
                continue
        elif not _pure_ok(pe, d_e, tol):
            continue
        vals = {
            "challenge": px if px != "M" else None,
            "resist": pr if pr != "M" else None,
            "escalate": pe if pe != "M" else None,
        }
        if pr == "M" and pe == "M":
            denom = win * p.stake_defender + p.cost_defender
            if denom <= 0:
                continue
            vals["escalate"] = p.stake_defender / denom
            if not -tol <= vals["escalate"] <= 1 + tol:
                continue
        elif pr == "M" and abs(d_r(pe)) > tol:
            continue
        if px == "M" and pr == "M":
            e = vals["escalate"]
            if e is None:
                continue
            value = e * war_c - (1 - e) * p.audience_cost
            if value >= p.stake_challenger:
                continue
            vals["resist"] = p.stake_challenger / (p.stake_challenger - value)
            if not -tol <= vals["resist"] <= 1 + tol:
                continue
        elif px == "M" and (vals["escalate"] is None or abs(d_c(pr, vals["escalate"])) > tol):
            continue
        free = mixing[0] if mixing else None
        unpinned = [a for a in mixing if vals[a] is None]
        if unpinned != ([free] if free else []):
            continue  # two free probabilities: impossible in this game (see module docstring)
        # Range of the free probability from the pure agents above it.
        lo, hi = 0.0, 1.0
        constraints = []
        if free == "escalate":
            if pr != "M":
                constraints.append((pr, lambda f: d_r(f)))
            if px != "M":
                r = vals["resist"]
                constraints.append((px, lambda f, r=r: d_c(r, f)))
        elif free == "resist":
            if px != "M":
                constraints.append((px, lambda f, e=vals["escalate"]: d_c(f, e)))
        elif free is None and (not _pure_ok(pr, d_r(pe), tol) or not _pure_ok(px, d_c(pr, pe), tol)):
            continue
        if free == "challenge" and pr != "M" and not _pure_ok(pr, d_r(vals["escalate"]), tol):
            continue
        feasible = True
        for value, h in constraints:
            h0, h1 = h(0.0), h(1.0) - h(0.0)
            # need h0 + h1 f >= -tol (value 1) or <= tol (value 0)
            sgn = 1.0 if value == 1 else -1.0
            a0, a1 = sgn * h0, sgn * h1
            if abs(a1) <= 1e-15:
                if a0 < -tol:
                    feasible = False
            elif a1 > 0:
                lo = max(lo, (-tol - a0) / a1)
            else:
                hi = min(hi, (-tol - a0) / a1)
        if not feasible or lo > hi + 1e-12:
            continue
        lo, hi = max(lo, 0.0), min(hi, 1.0)
        if free is not None and hi < lo:
            continue

        # war probability w = x r e, linear in the free one
        def w_at(f, vals=vals):
            v = {a: (f if vals[a] is None else vals[a]) for a in AGENTS}
            return v["challenge"] * v["resist"] * v["escalate"]

        w0 = w_at(0.0)
        w1 = w_at(1.0) - w0
        out.append({"values": vals, "free": free, "lo": lo, "hi": hi, "w0": w0, "w1": w1})
    return out


def _roots(params, theta):
    """Values of sigma in (0, 1) at which some agent of type theta is indifferent."""
    p = params
    p_in, p_out = p.win_probability(theta, True), p.win_probability(theta, False)
    if abs(p_in - p_out) < 1e-15:
        return []
    targets = [
        (p.cost_challenger - p.audience_cost) / p.stake_challenger,  # escalation
        (p.stake_defender - p.cost_defender) / p.stake_defender,  # resistance
        p.cost_challenger / p.stake_challenger,
    ]  # challenge
    return [s for s in ((t - p_out) / (p_in - p_out) for t in targets) if 1e-12 < s < 1 - 1e-12]


def _assemble(params, sigma_lo, sigma_hi, fam, free_value=None, free_range=None):
    """Turn chosen families (one per type) and T's sigma into an Equilibrium."""
    probs, low, high = {}, {}, {}
    for theta in TYPES:
        f = fam[theta]
        for agent in AGENTS:
            key = f"{agent}|{theta}"
            if f["values"][agent] is not None:
                v = float(np.clip(f["values"][agent], 0, 1))
                probs[key] = low[key] = high[key] = v
            else:
                lo, hi = free_range[theta] if free_range and theta in free_range else (free_value[theta],) * 2
                probs[key] = free_value[theta]
                low[key], high[key] = lo, hi
    probs["intervene"] = 0.5 * (sigma_lo + sigma_hi)
    low["intervene"], high["intervene"] = sigma_lo, sigma_hi
    return probs, low, high


def _outcomes(params, probs):
    q = params.prior_strong
    prior = {"strong": q, "weak": 1 - q}
    out = {}
    challenge = resist = war = 0.0
    for theta in TYPES:
        x, r, e = (probs[f"{a}|{theta}"] for a in AGENTS)
        out[f"p_challenge|{theta}"] = x
        out[f"p_war|{theta}"] = x * r * e
        challenge += prior[theta] * x
        resist += prior[theta] * x * r
        war += prior[theta] * x * r * e
    sigma = probs["intervene"]
    out.update(
        {
            "p_challenge": challenge,
            "p_resist": resist,
            "p_escalate": war,
            "p_war": war,
            "p_intervene": war * sigma,
            "p_resist_given_challenge": resist / challenge if challenge > 0 else np.nan,
            "p_escalate_given_resist": war / resist if resist > 0 else np.nan,
            "p_intervene_given_war": sigma if war > 0 else np.nan,
            "p_status_quo": 1 - challenge,
            "p_concede": challenge - resist,
            "p_back_down": resist - war,
        }
    )
    return out


def solve(params=None, tol=TOL, **kwargs):
    """All weak perfect Bayesian equilibria of the game at one parameter point.

    Every equilibrium in which some type randomises pins T's intervention probability sigma to
    one of at most three roots per type; T's indifference q g_s w_s + (1 - q) g_w w_w = 0 then pins
    the remaining free probability. All cases are enumerated exactly (closed-form roots).

    Parameters
    ----------
    params : DeterrenceParams, optional
        Default ``DeterrenceParams()``.
    tol : float, default 1e-10
    **kwargs
        Fields of ``DeterrenceParams`` replacing those of ``params``.

    Returns
    -------
    Solution
        Its ``equilibria`` each carry the behaviour (probabilities of challenge, resistance,
        escalation per type and T's intervention), T's belief at war and the outcome probabilities.

    Examples
    --------
    >>> len(solve().equilibria)
    3
    >>> solve(side="challenger").params.side
    'challenger'

    References
    ----------
    "Power and Deterrence in Alliance Relationships", Conflict Management and Peace Science (2012).
    """
    params = replace(params or DeterrenceParams(), **kwargs).validate()
    q = params.prior_strong
    g = {t: params.third_gain(t) for t in TYPES}
    weight = {"strong": q * g["strong"], "weak": (1 - q) * g["weak"]}
    degenerate = min(abs(g["strong"]), abs(g["weak"])) < 1e-12
    off_path_mix_ok = min(g.values()) <= tol and max(g.values()) >= -tol
    found = []

    def t_condition(sigma_kind, ws, ww):
        war = q * ws + (1 - q) * ww
        if war > tol:
            mu = q * ws / war
            gain = mu * g["strong"] + (1 - mu) * g["weak"]
            ok = {"1": gain >= -tol, "0": gain <= tol, "M": abs(gain) <= tol}[sigma_kind]
            return ok, (mu, mu)
        ok = {"1": max(g.values()) >= -tol, "0": min(g.values()) <= tol, "M": off_path_mix_ok}[sigma_kind]
        return ok, _belief_range(g, sigma_kind)

    # 1. T pure.
    for sigma in (0.0, 1.0):
        fams = {t: type_families(params, t, sigma, tol) for t in TYPES}
        for fs, fw in itertools.product(fams["strong"], fams["weak"]):
            fam = {"strong": fs, "weak": fw}
            if any(f["free"] for f in fam.values()):
                degenerate = True
                free_vals = {t: 0.5 * (f["lo"] + f["hi"]) for t, f in fam.items() if f["free"]}
                ends = [{t: f[end] for t, f in fam.items() if f["free"]} for end in ("lo", "hi")]
                if not all(t_condition(str(int(sigma)), *_ws(fam, v))[0] for v in ends + [free_vals]):
                    continue
                ranges = {t: (f["lo"], f["hi"]) for t, f in fam.items() if f["free"]}
                ok, belief = t_condition(str(int(sigma)), *_ws(fam, free_vals))
                found.append(("family", sigma, sigma, fam, free_vals, ranges, belief))
                continue
            ok, belief = t_condition(str(int(sigma)), fs["w0"], fw["w0"])
            if ok:
                found.append(("pure", sigma, sigma, fam, {}, None, belief))

    # 2. T mixes at a sigma pinned by a type's indifference.
    roots = sorted({round(s, 14) for t in TYPES for s in _roots(params, t)})
    all_roots = [s for t in TYPES for s in _roots(params, t)]
    if len(all_roots) != len(set(np.round(all_roots, 9))):
        degenerate = True
    for sigma in roots:
        fams = {t: type_families(params, t, sigma, tol) for t in TYPES}
        for fs, fw in itertools.product(fams["strong"], fams["weak"]):
            fam = {"strong": fs, "weak": fw}
            free = [t for t in TYPES if fam[t]["free"]]
            if not free:
                continue  # pure behaviour at a root: boundary of an interval family (step 3)
            if len(free) == 2:
                degenerate = True
                continue
            t = free[0]
            f = fam[t]
            other = "weak" if t == "strong" else "strong"
            # q g_s w_s + (1-q) g_w w_w = 0, linear in the free probability of type t.
            c0 = weight[t] * f["w0"] + weight[other] * fam[other]["w0"]
            c1 = weight[t] * f["w1"]
            if abs(c1) > 1e-14:
                value = -c0 / c1
                if not f["lo"] - 1e-12 <= value <= f["hi"] + 1e-12:
                    continue
                value = min(max(value, f["lo"]), f["hi"])
                ws, ww = _ws(fam, {t: value})
                ok, belief = t_condition("M", ws, ww)
                if ok:
                    kind = "mixed"
                    found.append((kind, sigma, sigma, fam, {t: value}, None, belief))
            else:
                # war probability does not depend on the free probability
                mid = 0.5 * (f["lo"] + f["hi"])
                ws, ww = _ws(fam, {t: mid})
                if q * ws + (1 - q) * ww > tol:
                    if abs(c0) <= tol:
                        degenerate = True
                        ok, belief = t_condition("M", ws, ww)
                        found.append(("family", sigma, sigma, fam, {t: mid}, {t: (f["lo"], f["hi"])}, belief))
                    continue
                if off_path_mix_ok:
                    found.append(
                        ("family", sigma, sigma, fam, {t: mid}, {t: (f["lo"], f["hi"])}, _belief_range(g, "M"))
                    )

    # 3. T mixes with war off the path: intervals of sigma between roots.
    cuts = [0.0] + roots + [1.0]
    intervals = []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        if hi - lo < 1e-12:
            continue
        mid = 0.5 * (lo + hi)
        fams = {t: [f for f in type_families(params, t, mid, tol) if not f["free"]] for t in TYPES}
        for fs, fw in itertools.product(fams["strong"], fams["weak"]):
            war = q * fs["w0"] + (1 - q) * fw["w0"]
            if war > tol:
                if abs(weight["strong"] * fs["w0"] + weight["weak"] * fw["w0"]) <= tol:
                    degenerate = True
                else:
                    continue
            elif not off_path_mix_ok:
                continue
            key = tuple(tuple(sorted(f["values"].items())) for f in (fs, fw))
            if intervals and intervals[-1][0] == key and abs(intervals[-1][2] - lo) < 1e-12:
                intervals[-1][2] = hi
            else:
                intervals.append([key, lo, hi, {"strong": fs, "weak": fw}, war])
    for _key, lo, hi, fam, war in intervals:
        ws, ww = fam["strong"]["w0"], fam["weak"]["w0"]
        belief = (q * ws / war,) * 2 if war > tol else _belief_range(g, "M")
        found.append(("family", lo, hi, fam, {}, None, belief))

    equilibria = []
    for kind, s_lo, s_hi, fam, free_vals, ranges, belief in found:
        probs, low, high = _assemble(params, s_lo, s_hi, fam, free_vals, ranges)
        if kind == "pure" and any(0 < v < 1 for v in probs.values()):
            kind = "mixed"
        if kind == "family" and all(high[k] - low[k] <= 1e-12 for k in probs):
            kind = "mixed" if any(0 < v < 1 for v in probs.values()) else "pure"
        eq = Equilibrium(probs, low, high, tuple(float(b) for b in belief), kind, _outcomes(params, probs))
        equilibria.append(eq)
    # Drop members already inside a wider family.
    kept = []
    for i, eq in enumerate(equilibria):
        inside = any(
            j != i and other.kind == "family" and other.contains(eq.behaviour()) and (eq.kind != "family" or j < i)
            for j, other in enumerate(equilibria)
        )
        duplicate = any(_same(eq, k) for k in kept)
        if not inside and not duplicate:
            kept.append(eq)
    kept.sort(key=lambda e: (e.outcomes["p_war"], e.outcomes["p_challenge"], e.probs["intervene"]))
    return Solution(params, kept, degenerate)


def _ws(fam, free_vals):
    out = []
    for t in TYPES:
        f = fam[t]
        out.append(f["w0"] + f["w1"] * free_vals.get(t, 0.0) if f["free"] else f["w0"])
    return tuple(out)


def _belief_range(g, sigma_kind):
    """Off-path beliefs mu (that the enemy is strong) under which T's action is optimal."""
    gs, gw = g["strong"], g["weak"]
    grid = []
    if abs(gs - gw) > 1e-15:
        star = gw / (gw - gs)
        grid = [min(max(star, 0.0), 1.0)]
    candidates = sorted(set([0.0, 1.0] + grid))
    ok = []
    for mu in candidates:
        gain = mu * gs + (1 - mu) * gw
        if {"1": gain >= -1e-12, "0": gain <= 1e-12, "M": abs(gain) <= 1e-12}[sigma_kind]:
            ok.append(mu)
    if not ok:
        return (np.nan, np.nan)
    return (min(ok), max(ok))


def _same(a, b, tol=1e-9):
    return all(abs(a.low[k] - b.low[k]) <= tol and abs(a.high[k] - b.high[k]) <= tol for k in a.probs)


# ---------------------------------------------------------------------------- statics
