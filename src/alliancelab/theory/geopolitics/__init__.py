"""Alliances and geopolitics (docs/geopolitics.md).

War diffusion by opportunity and willingness (Siverson & Starr 1990, 1991): ``diffusion_analysis``
builds the at-risk set of war joining and runs every test on it. Alliances overcoming distance:
``reach_analysis`` compares the distances between allies with those between all pairs, measures the
major powers' alliance reach, the loss-of-strength gradient, and the institutions of distant alliances.
Both return dataclasses of DataFrames, each carrying its sources in ``attrs["sources"]``.
"""

from dataclasses import dataclass

import pandas as pd

from alliancelab.data import facts
from alliancelab.panels.adders import OBLIGATIONS
from alliancelab.theory.geopolitics import diffusion, reach, stats
from alliancelab.theory.geopolitics.diffusion import (
    Diffusion,
    at_risk_set,
    cross_tab,
    effects_by_era,
    exposure_odds_ratios,
    joining_model,
    joining_rates,
    sensitivity,
    side_joined,
    war_participants,
    war_spread,
)
from alliancelab.theory.geopolitics.reach import (
    alliance_reach,
    alliance_table,
    allied_pairs,
    distance_distribution,
    institutions_by_distance,
    loss_of_strength,
    noncontiguous_alliances,
    yearly_distances,
)
from alliancelab.theory.geopolitics.stats import LogitFit, fit_logit, odds_ratio


@dataclass
class DiffusionResults:
    """Every diffusion result: the at-risk ``data`` and the tables computed from it.

    Parameters
    ----------
    data : Diffusion
        ``at_risk_set`` output.
    cross_tab, cross_tab_by_era : pandas.DataFrame
        Siverson-Starr cross-tabulation, overall and by era (``cross_tab``).
    odds_ratios : pandas.DataFrame
        ``exposure_odds_ratios``.
    model : LogitFit
        ``joining_model``.
    sides : pandas.DataFrame
        ``side_joined``.
    eras : pandas.DataFrame
        ``effects_by_era``.
    rates : pandas.DataFrame
        ``joining_rates``.
    """

    data: Diffusion
    cross_tab: pd.DataFrame
    cross_tab_by_era: pd.DataFrame
    odds_ratios: pd.DataFrame
    model: LogitFit
    sides: pd.DataFrame
    eras: pd.DataFrame
    rates: pd.DataFrame

    @property
    def sources(self):
        return self.data.sources


def diffusion_analysis(
    start=diffusion.FIRST_WAR_YEAR,
    end=diffusion.LAST_WAR_YEAR,
    border_types=(1, 2, 3, 4, 5),
    partner_obligations=OBLIGATIONS,
    alliance_lag=1,
    warehouse=None,
):
    """The at-risk set (``at_risk_set``) and every test of war diffusion on it.

    The Siverson-Starr cross-tabulation overall and by era, odds ratios of each exposure, the logit
    of joining with war-clustered errors and marginal effects, the partner's-side table, effects by
    era and the joining rates by opportunity x willingness.

    Parameters
    ----------
    start, end : int, default 1816, 2007
        War years included.
    border_types, partner_obligations, alliance_lag, warehouse
        As for ``at_risk_set``.

    Returns
    -------
    DiffusionResults

    References
    ----------
    Siverson, R. M. and Starr, H. (1990), "Opportunity, willingness, and the diffusion of war",
    APSR 84(1): 47-67; Siverson, R. M. and Starr, H. (1991), The Diffusion of War, University of
    Michigan Press.
    """
    data = at_risk_set(
        start,
        end,
        border_types=border_types,
        partner_obligations=partner_obligations,
        alliance_lag=alliance_lag,
        warehouse=warehouse,
    )
    return DiffusionResults(
        data=data,
        cross_tab=cross_tab(data),
        cross_tab_by_era=cross_tab(data, by="era"),
        odds_ratios=exposure_odds_ratios(data),
        model=joining_model(data),
        sides=side_joined(data),
        eras=effects_by_era(data),
        rates=joining_rates(data),
    )


@dataclass
class ReachResults:
    """Every distance result of ``reach_analysis``.

    Parameters
    ----------
    distances : pandas.DataFrame
        Allies vs all pairs by era and obligation (``distance_distribution``).
    yearly : pandas.DataFrame
        The yearly series (``yearly_distances``).
    alliances : pandas.DataFrame
        The alliance-level table (``alliance_table``).
    noncontiguous : pandas.DataFrame
        ``noncontiguous_alliances``.
    institutions : InstitutionsResult
        Institutions by distance.
    reach : pandas.DataFrame
        The major powers' reach (``alliance_reach``).
    gradient : GradientResult
        The loss-of-strength gradient (``loss_of_strength``).
    """

    distances: pd.DataFrame
    yearly: pd.DataFrame
    alliances: pd.DataFrame
    noncontiguous: pd.DataFrame
    institutions: reach.InstitutionsResult
    reach: pd.DataFrame
    gradient: reach.GradientResult


def reach_analysis(start=facts.SYSTEM_FIRST, end=facts.SYSTEM_LAST, warehouse=None):
    """Alliances overcoming distance, ``start``..``end`` (the gradient stops at GML's last year).

    Parameters
    ----------
    start, end : int, default the first and last years of the state system
    warehouse : str or Path, optional

    Returns
    -------
    ReachResults

    References
    ----------
    Boulding, K. E. (1962), Conflict and Defense: A General Theory, Harper.
    """
    pairs = allied_pairs(start, end, warehouse=warehouse)
    alliances = alliance_table(warehouse=warehouse)
    return ReachResults(
        distances=distance_distribution(pairs),
        yearly=yearly_distances(pairs),
        alliances=alliances,
        noncontiguous=noncontiguous_alliances(alliances),
        institutions=institutions_by_distance(alliances),
        reach=alliance_reach(start, end, warehouse=warehouse),
        gradient=loss_of_strength(start, min(end, reach.GML_LAST), warehouse=warehouse)
        if start <= reach.GML_LAST
        else reach.GradientResult(pd.DataFrame(), pd.DataFrame()),
    )


__all__ = [
    "Diffusion",
    "DiffusionResults",
    "LogitFit",
    "ReachResults",
    "alliance_reach",
    "alliance_table",
    "allied_pairs",
    "at_risk_set",
    "cross_tab",
    "diffusion",
    "diffusion_analysis",
    "distance_distribution",
    "effects_by_era",
    "exposure_odds_ratios",
    "fit_logit",
    "institutions_by_distance",
    "joining_model",
    "joining_rates",
    "loss_of_strength",
    "noncontiguous_alliances",
    "odds_ratio",
    "reach",
    "reach_analysis",
    "sensitivity",
    "side_joined",
    "stats",
    "war_participants",
    "war_spread",
    "yearly_distances",
]
