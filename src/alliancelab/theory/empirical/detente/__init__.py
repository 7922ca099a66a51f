"""Detente in strategic rivalries: a yearly tension index and detente periods.

For each strategic rival dyad (Thompson & Dreyer 2012) and rivalry year within GML coverage
(1816-2010), three signals, each a trailing ``smooth``-year mean (default 3):

* ``disputes``: GML militarised disputes starting between the two that year;
* ``hostility``: the highest hostility level (1-5; 0 when no dispute is under way) either side
  reached in a dispute between them under way that year;
* ``similarity``: Signorino & Ritter's S (unweighted, valued 0-3 ATOP coding) of their alliance
  portfolios (``alliancelab.measures.similarity``).

tension = (z(disputes) + z(hostility) - z(similarity)) / 3, each z standardised within the rivalry
spell over its years (a rivalry is compared with its own history; a constant signal contributes 0;
a dyad with two rivalry spells, e.g. Russia-United States 1 (1945-89) and 2 (from 2007), gives two
series).

Detente: year t is *falling* when tension_t <= max(tension_{t-window}, ..., tension_{t-1}) - drop,
i.e. at least ``drop`` (in the z units above) below the recent peak; a detente period is a run of at
least ``min_years`` consecutive falling years (a sustained fall). Defaults window=5, drop=0.5,
min_years=3 (``DetenteParams``), fixed before looking at any case.

``alliance_changes``: for each period and each side, the side's alliances in force at the start
that ended or lost members during the period, and the new alliances the side formed, beside the
same counts for the equally long window just before.

Sources: Thompson & Dreyer 2012 (rivalries); Gibler, Miller & Little 2016 (GML MIDs); Leeds et al.
2002 (ATOP); Signorino & Ritter 1999 (S).

A package with private submodules, every public name re-exported here: ``_params`` (``DetenteParams``),
``_signals`` (the raw signals of rival dyad-years), ``_periods`` (tension, periods, alliance changes,
the pipeline).
"""

from alliancelab.theory.empirical.detente._params import DEFAULTS, DetenteParams
from alliancelab.theory.empirical.detente._periods import (
    Detente,
    DetentePeriods,
    alliance_changes,
    detente,
    detente_periods,
    plot_tension,
    tension_index,
)
from alliancelab.theory.empirical.detente._signals import GML_END, GML_FIRST, rival_dyad_years, similarity_by_year

__all__ = [
    "DEFAULTS",
    "GML_END",
    "GML_FIRST",
    "Detente",
    "DetenteParams",
    "DetentePeriods",
    "alliance_changes",
    "detente",
    "detente_periods",
    "plot_tension",
    "rival_dyad_years",
    "similarity_by_year",
    "tension_index",
]
