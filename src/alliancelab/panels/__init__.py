"""Panels: state-years and dyad-years with chainable add_* steps (see frame.py and the adders package)."""

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

# Steps for peacesciencer parity (one module per source family) and the generic steps.
from alliancelab.panels.democracy import add_democracy  # noqa: E402
from alliancelab.panels.economy import add_sdp_gdp  # noqa: E402
from alliancelab.panels.generic import add_lags, add_spells, cite, filter_prd, print_citations  # noqa: E402
from alliancelab.panels.gw import add_gwcode, cow_to_gw, gw_to_cow  # noqa: E402
from alliancelab.panels.igo import add_igos  # noqa: E402
from alliancelab.panels.leaders import add_archigos, add_lead, leader_dyad_years, leader_years  # noqa: E402
from alliancelab.panels.powers import add_maoz_powers  # noqa: E402
from alliancelab.panels.rivalry_types import add_td_rivalry_types, add_tss_rivalries  # noqa: E402

__all__ += [
    "add_archigos",
    "add_democracy",
    "add_gwcode",
    "add_igos",
    "add_lags",
    "add_lead",
    "add_maoz_powers",
    "add_sdp_gdp",
    "add_spells",
    "add_td_rivalry_types",
    "add_tss_rivalries",
    "cite",
    "cow_to_gw",
    "filter_prd",
    "gw_to_cow",
    "leader_dyad_years",
    "leader_years",
    "print_citations",
]
