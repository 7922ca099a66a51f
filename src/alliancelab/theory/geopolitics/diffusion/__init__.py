"""War diffusion by opportunity and willingness (Siverson & Starr 1990, 1991).

Unit of analysis (the *at-risk set*): for every COW inter-state war w and every year t of w after its
first, every COW system member i that had not entered w before t. ``joined`` = 1 when t is i's first
year in w; ``side_joined`` is the COW side (1 or 2) it took. The *belligerents* of (w, t) are the
states already fighting: in w in year t, having entered before t.

The war file is a directed dyad-year table without participant entry dates, so a war's first-year
participants are its original belligerents: states that entered within the war's first calendar
year (e.g. Britain, Japan and the Ottoman Empire in 1914) cannot be told apart from the states that
started it, and one-year wars have no at-risk rows. A state that leaves and re-enters a war is not at
risk again.

Exposure of an at-risk state to the belligerents (each read from the warehouse through the panel
steps of ``alliancelab.panels``):

opportunity
    ``border_land`` .. ``border_sea400``: the closest COW direct-contiguity class to any belligerent in
    year t (1 land; 2/3/4/5 separated by at most 12/24/150/400 miles of water), one dummy per class,
    mutually exclusive, and ``border_water`` (the nearest is a water class); ``wbn`` (warring border
    nation): a belligerent within ``border_types``;
    ``capdist_min_km`` (capital to the nearest belligerent capital), ``mindist_min_km`` (CShapes minimum
    border distance, 1886 on); ``major`` (COW major power: global reach).
willingness
    ``ally_defense`` .. ``ally_consul``: an ATOP obligation (either direction) with a belligerent in
    year t - ``alliance_lag`` (the alliance in force before joining, not one signed as the price of
    entry), one dummy per obligation type; ``wap`` (warring alliance partner): any of
    ``partner_obligations``; ``partner_side1`` / ``partner_side2``: such a partner fights on side 1 / 2;
    ``rival``: a Thompson-Dreyer strategic rivalry with a belligerent; ``regime_similarity``: the
    largest 1 - |polity2_i - polity2_b| / 20 over the belligerents b.

Layout of this package (the public names are re-exported here; import
``alliancelab.theory.geopolitics.diffusion``): ``_wars`` (the wars, their names, sides and participants),
``_at_risk`` (the at-risk set and its opportunity and willingness covariates), ``_analyses`` (cross-tabulations,
odds ratios and the joining models: pooled, by side, by era) and ``_spread`` (one war's spread year by year and
the sensitivity of the estimates to the set's definition). The logit is in ``stats.py``, the reach of alliances
in ``reach`` and the figures in ``alliancelab.figures.geopolitics``.

References
----------
Siverson, R. M. and Starr, H. (1990), "Opportunity, willingness, and the diffusion of war", American
Political Science Review 84(1): 47-67.
Siverson, R. M. and Starr, H. (1991), The Diffusion of War: A Study of Opportunity and Willingness,
Ann Arbor: University of Michigan Press.
Most, B. A. and Starr, H. (1989), Inquiry, Logic and International Politics, University of South
Carolina Press.
"""

from alliancelab.eras import ERAS as ERAS
from alliancelab.theory.geopolitics.diffusion._analyses import (
    ERA_COVARIATES,
    EXPOSURES,
    cross_tab,
    effects_by_era,
    exposure_odds_ratios,
    joining_model,
    joining_rates,
    side_joined,
)
from alliancelab.theory.geopolitics.diffusion._at_risk import (
    CONTROLS,
    DEFAULT_COVARIATES,
    OPPORTUNITY,
    WILLINGNESS,
    Diffusion,
    at_risk_set,
)
from alliancelab.theory.geopolitics.diffusion._spread import SENSITIVITY_VARIANTS, WarSpread, sensitivity, war_spread
from alliancelab.theory.geopolitics.diffusion._wars import (
    CONTIGUITY_CLASSES,
    FIRST_WAR_YEAR,
    LAST_WAR_YEAR,
    WAR_NAMES,
    war_name,
    war_participants,
    war_sides,
)

__all__ = [
    "CONTIGUITY_CLASSES",
    "CONTROLS",
    "DEFAULT_COVARIATES",
    "Diffusion",
    "ERA_COVARIATES",
    "EXPOSURES",
    "FIRST_WAR_YEAR",
    "LAST_WAR_YEAR",
    "OPPORTUNITY",
    "SENSITIVITY_VARIANTS",
    "WAR_NAMES",
    "WILLINGNESS",
    "WarSpread",
    "at_risk_set",
    "cross_tab",
    "effects_by_era",
    "exposure_odds_ratios",
    "joining_model",
    "joining_rates",
    "sensitivity",
    "side_joined",
    "war_name",
    "war_participants",
    "war_sides",
    "war_spread",
]
