"""Sizes and propensities for landscape theory built from the warehouse, and the sides of real wars.

The code lives in ``alliancelab.theory.landscape._data`` (propensity components, systems, weights)
and ``alliancelab.theory.landscape._wars`` (evaluation against the sides of COW wars); this module
keeps the public names importable as ``alliancelab.theory.landscape_data``.
"""

from alliancelab.theory.landscape._data import (
    COMPONENTS,
    DEFAULT_PARAMS,
    DEFAULT_WEIGHTS,
    RIVALRY_CODE_MAP,
    SOURCES_USED,
    System,
    actual_camps,
    build_system,
    check_weights,
    fit_weights,
    parse_weights,
    placed_right,
    read_actor_csv,
    read_user_csv,
    resolve_states,
    sizes,
    war_sides,
)
from alliancelab.theory.landscape._wars import (
    BASELINES,
    MODELS,
    WarCase,
    WarEvaluation,
    actual_rank,
    chance_share_right,
    evaluate_case,
    evaluate_wars,
    war_cases,
    war_table,
)

__all__ = [
    "COMPONENTS",
    "DEFAULT_PARAMS",
    "DEFAULT_WEIGHTS",
    "RIVALRY_CODE_MAP",
    "SOURCES_USED",
    "System",
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
    "BASELINES",
    "MODELS",
    "WarCase",
    "WarEvaluation",
    "actual_rank",
    "chance_share_right",
    "evaluate_case",
    "evaluate_wars",
    "war_cases",
    "war_table",
]
