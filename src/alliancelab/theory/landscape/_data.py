"""Sizes and propensities for landscape theory, built from the warehouse; actual camps from COW wars.

Axelrod & Bennett (1993) built propensities for their European case from a handful of pairwise
ingredients (ethnic conflict, religion, territorial disputes, ideology, economics, past wars) and
used capabilities as sizes. Here each ingredient is a *component*: a symmetric matrix over the
chosen states with a zero diagonal and values in [-1, 1] (positive = reason to be in the same camp,
negative = reason to be apart), documented below and switchable by its weight:

    propensity p_ij = sum_c weight_c * component_c[i, j]

Components (year t is the year the data describe; "window" parameters are in ``LandscapeDataParams``):

==================  =====================================================================  ======
name                definition                                                             source
==================  =====================================================================  ======
alliance            ties in force in t, the stronger direction: 1 defense or offense,       ATOP 5.1
                    0.5 neutrality or consultation, 0.25 non-aggression only
alliance_history    share of the ``history_years`` years up to t with any ATOP tie          ATOP 5.1
shared_allies       Jaccard overlap of the two states' defense/offense allies in t          ATOP 5.1
                    (third states only)
opposed_alliances   -1 if a treaty in force in t with one of them as member names the       ATOP 4.01
                    other as its threat (``statthr1``/``statthr2``) and the other is not
                    itself a member of that treaty in t (Locarno, 1925, guarantees each
                    member against another member: no antipathy among its members)
allied_with_rival   -(number of allies of one that are strategic rivals of the other,       ATOP 5.1,
                    both ways), divided by the largest count among the pairs                T&D
rivalry             -1 if a Thompson-Dreyer strategic rivalry is active in t                T&D 2012
disputes            -(sum over MIDs begun in the ``dispute_years`` up to t of               GML 2.2.1
                    hostility/5 x 0.5^(age/``dispute_half_life``)), divided by the max
wars_opposed        -(sum over COW wars fought against each other in the ``war_years``       COW wars
                    up to t of 0.5^(age/``war_half_life``)), divided by the max
wars_allied         the same for wars fought on the same side, positive                     COW wars
territorial         -1 if contiguous (land or <= 24 miles of water) in t and a MID in the   COW cont.,
                    dispute window had a territorial revision type (``revtype`` = 1);        GML
                    -0.5 if contiguous with only non-territorial MIDs
regime              1 - |polity2_i - polity2_j| / 10 in t (0 when either is missing)        Polity IV
trade_gravity       gravity *proxy* of dyadic trade: (X_i M_j + X_j M_i) / distance between  COW trade,
                    capitals (the capitals in force at the end of t, WGS84 geodesic km as  capitals
                    in the panels' ``add_capital_distance``; at least 100 km), divided by
                    the max (the warehouse has state totals only, not dyadic flows; 0 when
                    missing)
baseline            1 for every pair (a constant; its weight acts as an intercept)           -
==================  =====================================================================  ======

Sizes: ``cinc`` (COW CINC in t, or its mean over ``size_years`` years up to t).

Default weights (``DEFAULT_WEIGHTS``) were fixed before any comparison with an outcome: 1 for
current treaty ties, named threats and strategic rivalry, 0.5 for the history-based and indirect
ingredients, 0.25 for regime similarity, co-belligerence and the trade proxy, 0 for the baseline.
``fit_weights`` estimates weights instead from an alignment that is known (a logistic regression of
"same camp" on the components over the dyads of one or more training systems), to be applied to
another period.

Actual camps: ``war_sides(warnum)`` reads the COW inter-state war dyad-years; a state's side is
the side it fought on in its first year in the war (COW lists states that changed sides, e.g. Italy
and Romania in the Second World War, on both).

A package-private module that keeps the names importable from one place; the code is in ``_params``
(``LandscapeDataParams``), ``_components`` (the builders, weights and sources), ``_states`` (states and
sizes), ``_system`` (``System`` and ``build_system``), ``_camps`` (actual camps, scoring, fitting) and ``_csv``
(a user's actors from CSV files).
"""

from alliancelab.theory.landscape._camps import _war_sides, actual_camps, fit_weights, placed_right, war_sides
from alliancelab.theory.landscape._components import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    RIVALRY_CODE_MAP,
    SOURCES_USED,
    check_weights,
    parse_weights,
)
from alliancelab.theory.landscape._csv import read_actor_csv, read_user_csv
from alliancelab.theory.landscape._params import DEFAULT_PARAMS, LandscapeDataParams
from alliancelab.theory.landscape._states import resolve_states, sizes
from alliancelab.theory.landscape._system import System, _build_system, build_system

__all__ = [
    "COMPONENTS",
    "DEFAULT_PARAMS",
    "DEFAULT_WEIGHTS",
    "LandscapeDataParams",
    "RIVALRY_CODE_MAP",
    "SOURCES_USED",
    "System",
    "_build_system",
    "_war_sides",
    "actual_camps",
    "build_system",
    "check_weights",
    "fit_weights",
    "parse_weights",
    "placed_right",
    "read_actor_csv",
    "read_user_csv",
    "resolve_states",
    "sizes",
    "war_sides",
]
