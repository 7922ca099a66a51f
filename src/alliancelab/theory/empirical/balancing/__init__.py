"""Balancing, bandwagoning and the other kinds of alignment: classify every ATOP alignment decision.

A package with private submodules; every public name is re-exported here, so
``from alliancelab.theory.empirical import balancing`` and ``balancing.classify(...)`` work as before.

* ``_inputs``: ATOP decisions, member spells, the allied cube and ``threat_measure`` (the one
  place the threat model is read; other theory modules use these too).
* ``_params``: ``RuleParams`` and ``AlignmentParams``, the frozen parameter dataclasses.
* ``_rule``: the threat rule (balancing / bandwagoning / neither); ``_threat_year``: the year each
  decision's threats are read in (t - lag, and the fallbacks for states not present then).
* ``_reference``: the per-decision reference loops of the rule and the alignment step.
* ``_alignment``: the richer classification built on the rule (balancing, bandwagoning,
  bandwagoning for profit, buck-passing, coerced alignment, hedging, not a security alignment);
  ``_evidence``: the state and dyad arrays its tests read.
* ``_uncertainty``: how each label changes when the threat model's weights vary.
* ``_validation``: agreement with the curated cases of the historical literature.
* ``_heldout``: the agreement of rule-switch choices scored on cases they did not see.
* ``_summaries``: famous cases, label shares, sensitivity, named-threat criterion.
"""

from alliancelab.theory.empirical.balancing._alignment import (  # noqa: F401
    ALIGNMENT_DEFAULTS,
    ALIGNMENTS,
    DEEPER,
    refine,
)
from alliancelab.theory.empirical.balancing._heldout import (  # noqa: F401
    SWITCHES,
    HeldOutResult,
    combinations,
    held_out_agreement,
)
from alliancelab.theory.empirical.balancing._inputs import (  # noqa: F401
    ALLY_FILTERS,
    ERAS,
    LAST_MEMBER_YEAR,
    alliance_member_years,
    allied_cube,
    candidate_threats,
    decisions,
    era_of,
    hostile_allies,
    member_spells,
    threat_measure,
    threat_weights,
)
from alliancelab.theory.empirical.balancing._params import (  # noqa: F401
    AlignmentParams,
    RuleParams,
    balancing_keywords,
    split_parameters,
)
from alliancelab.theory.empirical.balancing._reference import reference_alignment, reference_classify  # noqa: F401
from alliancelab.theory.empirical.balancing._rule import (  # noqa: F401
    DEFAULTS,
    LABELS,
    PARTNER_RULES,
    REQUIRED,
    RULE_WORDS,
    classify,
)
from alliancelab.theory.empirical.balancing._succession import UNIFICATIONS, successor_codes  # noqa: F401
from alliancelab.theory.empirical.balancing._summaries import (  # noqa: F401
    FAMOUS,
    VARIANTS,
    alignment_shares,
    case,
    famous_cases,
    sensitivity,
    shares,
    threat_validation,
    wilson_interval,
)
from alliancelab.theory.empirical.balancing._threat_year import threat_years  # noqa: F401
from alliancelab.theory.empirical.balancing._uncertainty import draw_centre, label_uncertainty, weight_draws  # noqa: F401
from alliancelab.theory.empirical.balancing._validation import (  # noqa: F401
    ValidationResult,
    load_cases,
    validate,
)
