"""Panels: state-years and dyad-years with chainable add_* steps (see frame.py and adders.py)."""

from alliancelab.panels.adders import (
                                       add_alliance_counts,
                                       add_atop,
                                       add_capital_distance,
                                       add_contiguity,
                                       add_gml,
                                       add_majors,
                                       add_min_distance,
                                       add_nmc,
                                       add_peace_years,
                                       add_polity,
                                       add_rivalry,
                                       add_territorial_threat,
                                       add_trade,
                                       add_wars,
)
from alliancelab.panels.frame import Panel, dyad_years, state_years

__all__ = [
                                       "Panel",
                                       "add_alliance_counts",
                                       "add_atop",
                                       "add_capital_distance",
                                       "add_contiguity",
                                       "add_gml",
                                       "add_majors",
                                       "add_min_distance",
                                       "add_nmc",
                                       "add_peace_years",
                                       "add_polity",
                                       "add_rivalry",
                                       "add_territorial_threat",
                                       "add_trade",
                                       "add_wars",
                                       "dyad_years",
                                       "state_years",
]
