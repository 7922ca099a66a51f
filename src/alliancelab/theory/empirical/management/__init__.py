"""Alliance management on the real record: Morrow's security-autonomy trade-off and Snyder's alliance
security dilemma.

Morrow (1991), "Alliances and asymmetry", AJPS 35(4): asymmetric alliances (a major power trading
security for autonomy with a minor one) form more easily and last longer than symmetric ones, and
large changes in the members' capabilities raise the hazard of an alliance ending.

* ``alliance_table``: one row per ATOP 4.01 alliance: begyr, end (endyr, or 2016, the last ATOP year, if in force),
  duration (end - begyr, at least 0.5 year), ended (1 if it ended within coverage), founding
  members, ``kind`` by COW major-power status at founding ("major-minor" = asymmetric in Morrow's
  sense, "major-major", "minor-minor"), ``cap_asymmetry`` = largest member's share of the
  members' summed CINC at founding (1/n = equal, 1 = one member has everything), ATOP ``asymm``.
* ``formation_rates``: per year and dyad type, new dyadic ties (ATOP 4.01 onset) per 1,000
  non-directed dyad-years at risk (pairs not already sharing an alliance).
* ``survival``: Kaplan-Meier curves by kind and by ATOP ``asymm``, log-rank tests, and a Cox
  proportional-hazards model (lifelines) of alliance duration.
* ``capability_change_hazard``: alliance-years; ``cap_change`` = total-variation distance between
  the founding members' capability shares within the alliance now and at founding,
  (1/2) sum_k |s_k(t) - s_k(0)|; ``large_change`` = cap_change >= 0.10. Discrete-time logit of
  the alliance ending in year t (errors clustered by alliance) with log duration as baseline.

Snyder (1984), "The security dilemma in alliance politics", World Politics 36(4). Per member and
alliance-year (``snyder_indicators``):
* ``partner_alternatives``: mean over the partners of their defense/offense allies outside this
  alliance (a partner with other options can abandon more easily);
* ``dependence``: share of the alliance's CINC contributed by the partners, 1 - cinc_i / sum;
* ``commitment``: strength of the member's obligation: 1.0 defense or offense without conditions,
  0.75 with conditions (ATOP ``conditio``), 0.5 neutrality, 0.25 consultation or non-aggression,
  0 when the member itself pledges nothing (the receiving side of an asymmetric treaty);
* ``partner_disputes``: GML disputes under way that year between a partner and a state outside
  the alliance (the partner's quarrels that could drag the ally in).
Abandonment risk rises with partner_alternatives and dependence and falls with commitment;
entrapment risk rises with commitment and partner_disputes and falls with dependence. The two
indices are the means of the components' percentile ranks within the year (0-1, higher = more
risk); they order cases, they are not probabilities. ``snyder_outcomes`` asks whether the
components foretell an alliance's end (logit, next year), ``snyder_by_polarity`` whether that
differs between multipolar (to 1945), bipolar (1946-89) and unipolar (from 1990) systems.

``rivalry_alliances`` / ``detente_weakening``: alliances tied to a strategic rivalry (an alliance
with one rival whose treaty names the other, or whose rival member's decision targets the other),
and whether they end or lose members more often in detente years (``alliancelab.theory.empirical.detente``).

Layout of this package (the public names are re-exported here; import
``alliancelab.theory.empirical.management``): ``_alliances`` (the alliance table, member spells and formation
rates), ``_survival`` (Kaplan-Meier, Cox and the capability-change hazard), ``_snyder`` (Snyder's indicators and
what they foretell) and ``_rivalry`` (rivalry-tied alliances under detente).
"""

from alliancelab.eras import polarity_of as polarity_of
from alliancelab.theory.empirical.management._alliances import (
    GML_FIRST,
    GML_LAST,
    KINDS,
    LAST_YEAR,
    alliance_member_years,
    alliance_table,
    formation_rates,
    formation_summary,
    member_spells,
)
from alliancelab.theory.empirical.management._rivalry import detente_weakening, rivalry_alliances
from alliancelab.theory.empirical.management._snyder import snyder_by_polarity, snyder_indicators, snyder_outcomes
from alliancelab.theory.empirical.management._survival import (
    Survival,
    alliance_years,
    capability_change_hazard,
    cox_model,
    kaplan_meier,
    survival,
)

__all__ = [
    "GML_FIRST",
    "GML_LAST",
    "KINDS",
    "LAST_YEAR",
    "Survival",
    "alliance_member_years",
    "alliance_table",
    "alliance_years",
    "capability_change_hazard",
    "cox_model",
    "detente_weakening",
    "formation_rates",
    "formation_summary",
    "kaplan_meier",
    "member_spells",
    "rivalry_alliances",
    "snyder_by_polarity",
    "snyder_indicators",
    "snyder_outcomes",
    "survival",
]
