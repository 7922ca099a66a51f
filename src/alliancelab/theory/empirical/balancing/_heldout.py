"""Held-out agreement of the rule switches: were they chosen on the cases they are scored on?

The rule and alignment switches (``SWITCHES``) were set after reading the disagreements with the
curated cases, so the agreement of the defaults is an in-sample figure. This module estimates what
a choice made without seeing a case scores on it:

* alliance halves: the curated cases are split by ATOP alliance (all members of one alliance fall in
  the same half) into two halves at random (``seeds``); on each half the switch combination with
  the most label + threat agreements is chosen (ties: more label agreements, then the earlier
  combination in ``combinations()``, whose first is the simplest: every switch at its first
  value), and scored on the other half. Pooled over both halves each case is scored once, by a
  choice that never saw it.
* eras: chosen on the cases before 1914 and of the Cold War (1945-1990), scored on 1914-1944 and
  after 1990.

Every combination is classified once (the decisions of the curated members only: the coerced-bond
inheritance reads the same member's earlier pacts, every other test is per decision, so the case rows
are exactly those of the full record).
"""

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

SWITCHES = (
    ("named_first", (False, True)),
    ("bandwagon_needs_hostility", (False, True)),
    ("coercer_leads", (False, True)),
    ("coercion_needs_force", (False, True)),
    ("profit_evidence", ("attack", "side", "either")),
    ("profit_side_allies", (True, False)),
    ("regional_not_security", (False, True)),
    ("buck_needs_common_threat", (False, True)),
    ("common_threat", (False, True)),
    ("named_overrides_allies", (False, True)),
)


def combinations(switches=SWITCHES):
    """Every switch combination as a parameter dict, the simplest (all first values) first.

    Parameters
    ----------
    switches : sequence of (name, values)

    Returns
    -------
    list of dict

    Examples
    --------
    >>> len(combinations())
    1536
    """
    names = [name for name, _ in switches]
    return [dict(zip(names, values)) for values in itertools.product(*(values for _, values in switches))]


@dataclass
class HeldOutResult:
    """Held-out agreement of the switch choice.

    Parameters
    ----------
    n : int
        Curated cases.
    grid : pandas.DataFrame
        One row per combination: the switches, label and label + threat agreements (counts) on all cases.
    default : dict
        label and threat counts of the defaults (in-sample).
    halves : pandas.DataFrame
        One row per seed: held-out label and threat counts pooled over both halves, and the
        combination chosen on each half.
    era : dict
        The combination chosen on the selection eras, and on the test eras its label and threat counts,
        the defaults' and the simplest combination's counts, and the number of test cases.
    """

    n: int
    grid: pd.DataFrame
    default: dict
    halves: pd.DataFrame
    era: dict


def _choose(label, threat, rows):
    """Index of the combination with the most threat, then label agreements on ``rows`` (first on ties)."""
    score = threat[:, rows].sum(axis=1) * 10_000 + label[:, rows].sum(axis=1)
    return int(np.argmax(score))


def _describe(combo, switches=SWITCHES):
    return ", ".join(f"{name}={combo[name]}" for name, _ in switches)


def held_out_agreement(seeds=20, warehouse=None, switches=SWITCHES, progress=None, **parameters):
    """Agreement of switch choices made on one part of the curated cases, scored on the other.

    Parameters
    ----------
    seeds : int, default 20
        Random halvings by alliance (seeds 0 .. seeds - 1).
    warehouse : str or Path, optional
    switches : sequence of (name, values), default ``SWITCHES``
    progress : callable, optional
        Called after each combination.
    **parameters
        Other ``classify`` parameters, held fixed.

    Returns
    -------
    HeldOutResult

    Examples
    --------
    >>> result = held_out_agreement(seeds=2)  # doctest: +SKIP
    >>> result.halves[["label", "threat"]].mean()  # doctest: +SKIP

    References
    ----------
    Hastie, T., Tibshirani, R. & Friedman, J. (2009), The Elements of Statistical Learning, 2nd ed.,
    ch. 7.10 (cross-validation: the choice must not see the cases it is scored on).
    """
    from alliancelab.theory.empirical.balancing._inputs import decisions
    from alliancelab.theory.empirical.balancing._params import RuleParams, split_parameters
    from alliancelab.theory.empirical.balancing._rule import _check, _rule_stage, _with_alignment, classify
    from alliancelab.theory.empirical.balancing._validation import load_cases, validate

    cases = load_cases()
    table = decisions(warehouse)
    table = table[table["member"].isin(set(cases["ccode"]))].reset_index(drop=True)
    combos = combinations(switches)
    label = np.zeros((len(combos), len(cases)), dtype=bool)
    threat = np.zeros_like(label)
    rule_names = set(RuleParams.names())
    stages = {}  # the rule stage depends on the rule switches only: computed once per combination of them
    for k, combo in enumerate(combos):
        rule, alignment = split_parameters(overrides=parameters | combo)
        key = tuple(sorted((name, value) for name, value in combo.items() if name in rule_names))
        if key not in stages:
            stages[key] = _rule_stage(table, warehouse, _check(rule.to_dict()))
        result = validate(_with_alignment(stages[key], warehouse, alignment.to_dict()), warehouse)
        label[k] = result.cases["agree_label"].to_numpy()
        threat[k] = result.cases["agree_threat"].to_numpy()
        if progress is not None:
            progress()
    grid = pd.DataFrame(combos)
    grid["label"] = label.sum(axis=1)
    grid["label + threat"] = threat.sum(axis=1)
    default = validate(classify(table, warehouse, **parameters), warehouse).cases
    in_sample = {"label": int(default["agree_label"].sum()), "threat": int(default["agree_threat"].sum())}

    alliances = np.array(sorted(set(cases["atopid"])))
    rows = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        first = set(rng.permutation(alliances)[: len(alliances) // 2])
        a = cases["atopid"].isin(first).to_numpy()
        pooled_label = pooled_threat = 0
        chosen = []
        for select, score in ((a, ~a), (~a, a)):
            k = _choose(label, threat, select)
            pooled_label += int(label[k, score].sum())
            pooled_threat += int(threat[k, score].sum())
            chosen.append(_describe(combos[k], switches))
        rows.append(
            {"seed": seed, "label": pooled_label, "threat": pooled_threat, "chosen_a": chosen[0], "chosen_b": chosen[1]}
        )
    halves = pd.DataFrame(rows)

    year = cases["year"].to_numpy()
    select = (year < 1914) | ((year >= 1945) & (year <= 1990))
    k = _choose(label, threat, select)
    test = ~select
    era = {
        "chosen": _describe(combos[k], switches),
        "n_test": int(test.sum()),
        "label": int(label[k, test].sum()),
        "threat": int(threat[k, test].sum()),
        "default_label": int(default["agree_label"].to_numpy()[test].sum()),
        "default_threat": int(default["agree_threat"].to_numpy()[test].sum()),
        "simplest_label": int(label[0, test].sum()),
        "simplest_threat": int(threat[0, test].sum()),
    }
    return HeldOutResult(n=len(cases), grid=grid, default=in_sample, halves=halves, era=era)
