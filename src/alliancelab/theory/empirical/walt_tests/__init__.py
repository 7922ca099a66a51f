"""Tests of Walt's propositions on every ATOP alignment decision.

1. Balancing is more common than bandwagoning: label shares overall, by era, by region and in Walt's
   own universe (the Middle East, 1955-1979), with 95% Wilson intervals.
2. Bandwagoning rises with weakness, proximity to a threatening great power, the absence of
   available allies and war. Logit of bandwagoning (1) against balancing (0) over the decisions the
   rule labels either way, with standard errors clustered by alliance (decisions in one treaty are
   not independent), average marginal effects (statsmodels ``get_margeff``) and plots.
   Covariates (threat year y = t - 1 unless the rule fell back to t):
   - ``log_cinc``: log of i's CINC; ``relative_power``: cinc_i / (cinc_i + cinc_target);
   - ``near_great_power``: the target is a COW major power and contiguous / within the proximity
     gradient: major_target * proximity(i, target) (0 when the target is not a major power);
   - ``no_allies``: i had no defense/offense ally in y; ``available_allies``: log(1 + number of
     other states that have the target among their three top threats and are not allied with it);
   - ``at_war``: i fought a COW inter-state war in t (or y).
3. Ideology vs threat (dyad-years): does regime similarity (Polity) predict alliance onset once
   threat is controlled? Logit of ATOP onset in t on t-1 covariates for politically relevant
   non-directed dyads (contiguous, or one a major power; Lemke & Reed 2001): ``polity_similarity``
   = 1 - |polity2_a - polity2_b| / 20, ``joint_democracy`` (both >= 6), ``shared_threat`` (a third
   state is among both states' three top threats), ``mutual_threat`` (max of the two directed
   threat scores), contiguity, both-major. Reported with likelihood-ratio tests of adding ideology
   to a threat model and threat to an ideology model.

Walt, S. M. (1987) The Origins of Alliances; Schweller, R. (1994) "Bandwagoning for profit",
International Security 19(1); Lemke, D. and Reed, W. (2001) JOP 63(1).

Layout of this package (the public names are re-exported here; import
``alliancelab.theory.empirical.walt_tests``): ``_shares`` (proposition 1: label shares with their intervals),
``_decisions`` (proposition 2: decision covariates, the clustered logit and its effects) and ``_ideology``
(proposition 3: the dyad-year sample and ideology against threat).
"""

from alliancelab.theory.empirical.walt_tests._decisions import (
    COVARIATES,
    bandwagoning_model,
    condition_rates,
    decision_covariates,
    fit_logit,
    plot_effects,
    state_arrays,
)
from alliancelab.theory.empirical.walt_tests._ideology import DYAD_FIRST, DYAD_LAST, dyad_sample, ideology_vs_threat
from alliancelab.theory.empirical.walt_tests._shares import (
    BROAD_BANDWAGONING,
    WaltShares,
    plot_alignments,
    plot_shares,
    walt_shares,
    with_alignment,
)

__all__ = [
    "BROAD_BANDWAGONING",
    "COVARIATES",
    "DYAD_FIRST",
    "DYAD_LAST",
    "WaltShares",
    "bandwagoning_model",
    "condition_rates",
    "decision_covariates",
    "dyad_sample",
    "fit_logit",
    "ideology_vs_threat",
    "plot_alignments",
    "plot_effects",
    "plot_shares",
    "state_arrays",
    "walt_shares",
    "with_alignment",
]
