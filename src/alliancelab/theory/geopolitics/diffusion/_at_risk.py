"""The at-risk set of war diffusion: every (war, year, non-belligerent member) with its opportunity and
willingness exposures to the belligerents (Siverson & Starr 1991).
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.eras import era_of
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels import Panel
from alliancelab.panels.adders import OBLIGATIONS, membership
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.geopolitics.diffusion._wars import (
    CONTIGUITY_CLASSES,
    FIRST_WAR_YEAR,
    LAST_WAR_YEAR,
    war_name,
    war_participants,
    war_sides,
)

OPPORTUNITY = (
    "border_land",
    "border_sea12",
    "border_sea24",
    "border_sea150",
    "border_sea400",
    "capdist_min_1000km",
    "major",
)
WILLINGNESS = (
    "ally_defense",
    "ally_offense",
    "ally_neutral",
    "ally_nonagg",
    "ally_consul",
    "rival",
    "regime_similarity",
)
CONTROLS = ("log_belligerents",)
DEFAULT_COVARIATES = OPPORTUNITY + WILLINGNESS + CONTROLS


@dataclass
class Diffusion:
    """The at-risk set and its exposures (``at_risk_set``).

    Parameters
    ----------
    at_risk : pandas.DataFrame
        One row per (warnum, year, ccode) at risk, with joined, side_joined and the exposure
        columns described in the module docstring.
    exposures : pandas.DataFrame
        One row per (warnum, year, ccode, belligerent) where the at-risk state borders, is allied
        with, or is a rival of the belligerent (conttype, obligations, td_rivalry, side).
    participants : pandas.DataFrame
        One row per (warnum, ccode): side, first and last year, original (entered in the war's
        first year).
    sources : list of str
        Citations of every source used.
    parameters : dict
        The options used.
    """

    at_risk: pd.DataFrame
    exposures: pd.DataFrame
    participants: pd.DataFrame
    sources: list
    parameters: dict = field(default_factory=dict)


def _dyad_panel(i, b, year, warehouse, lookup):
    panel = Panel(
        {
            "ccode1": np.asarray(i, dtype=np.int64),
            "ccode2": np.asarray(b, dtype=np.int64),
            "year": np.asarray(year, dtype=np.int64),
        }
    )
    panel.attrs = {
        "unit": "dyad",
        "directed": True,
        "warehouse": None if warehouse is None else str(warehouse),
        "sources": lookup.citations(["states", "wars"]),
    }
    return panel


def at_risk_set(
    start=FIRST_WAR_YEAR,
    end=LAST_WAR_YEAR,
    border_types=(1, 2, 3, 4, 5),
    partner_obligations=OBLIGATIONS,
    alliance_lag=1,
    warehouse=None,
):
    """The at-risk set of war joining with its opportunity and willingness exposures.

    See the module docstring for the unit and every column.

    Parameters
    ----------
    start, end : int, war years included (COW wars cover 1816-2007)
    border_types : COW contiguity classes that make a "warring border nation" (default all direct
        contiguity: land and water up to 400 miles)
    partner_obligations : ATOP obligations that make a "warring alliance partner" (default any)
    alliance_lag : int, alliances are read in year t - alliance_lag (0: the year of joining)
    warehouse : path of the warehouse (default: the configured one)

    Returns
    -------
    Diffusion

    Examples
    --------
    >>> d = at_risk_set(1915, 1915)
    >>> d.at_risk.query("warnum == 106 and joined == 1")["stateabb"].tolist()
    ['ITA', 'BUL']
    """
    check_range("start", start, FIRST_WAR_YEAR, LAST_WAR_YEAR)
    check_range("end", end, FIRST_WAR_YEAR, LAST_WAR_YEAR)
    check_range("alliance_lag", alliance_lag, 0, 5)
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")
    for kind in border_types:
        if kind not in CONTIGUITY_CLASSES:
            raise ParameterError(f"argument border_types: {kind!r} is not a COW contiguity class (1-5)")
    for name in partner_obligations:
        if name not in OBLIGATIONS:
            raise ParameterError(f"argument partner_obligations: {name!r} is not one of {list(OBLIGATIONS)}")
    lookup = Lookup.get(warehouse)
    participants = war_participants(warehouse)
    in_war = war_sides(warehouse).merge(participants[["warnum", "ccode", "first"]], on=["warnum", "ccode"])
    member = membership(lookup)
    first_of = {(w, c): f for w, c, f in participants[["warnum", "ccode", "first"]].itertuples(index=False)}
    side_of = {(w, c): s for w, c, s in participants[["warnum", "ccode", "side"]].itertuples(index=False)}
    spans = participants.groupby("warnum")[["war_first", "war_last"]].first()

    units, dyads = [], []
    for warnum, (war_first, war_last) in spans.iterrows():
        for year in range(max(war_first + 1, start), min(war_last, end) + 1):
            fighting = in_war[(in_war["warnum"] == warnum) & (in_war["year"] == year) & (in_war["first"] < year)]
            if fighting.empty:
                continue
            members = lookup.codes[member[year - YEAR0]]
            first = np.array([first_of.get((warnum, c), 9999) for c in members])
            members, first = members[first >= year], first[first >= year]
            joined = (first == year).astype(np.int8)
            side = np.array([side_of.get((warnum, c), 0) if j else 0 for c, j in zip(members, joined)])
            units.append(
                pd.DataFrame(
                    {
                        "warnum": warnum,
                        "year": year,
                        "ccode": members,
                        "joined": joined,
                        "side_joined": side,
                        "n_belligerents": len(fighting),
                    }
                )
            )
            bell = fighting["ccode"].to_numpy()
            dyads.append(
                pd.DataFrame(
                    {
                        "warnum": warnum,
                        "year": year,
                        "ccode": np.repeat(members, len(bell)),
                        "belligerent": np.tile(bell, len(members)),
                        "belligerent_side": np.tile(fighting["side"].to_numpy(), len(members)),
                    }
                )
            )
    if not units:
        raise ParameterError(
            f"arguments start={start}, end={end}: no war is under way after its first year "
            "in these years, so nobody is at risk of joining"
        )
    at_risk = pd.concat(units, ignore_index=True)
    dyad = pd.concat(dyads, ignore_index=True)
    at_risk["unit"] = np.arange(len(at_risk))
    dyad = dyad.merge(at_risk[["warnum", "year", "ccode", "unit"]], on=["warnum", "year", "ccode"])

    # --- dyad exposures through the panel steps ----------------------------------------------------
    panel = (
        _dyad_panel(dyad["ccode"], dyad["belligerent"], dyad["year"], warehouse, lookup)
        .add_contiguity()
        .add_capital_distance()
        .add_min_distance()
        .add_rivalry()
        .add_polity()
    )
    lagged = _dyad_panel(dyad["ccode"], dyad["belligerent"], dyad["year"] - alliance_lag, warehouse, lookup)
    lagged = lagged.add_atop(collapse="either")
    conttype = panel["conttype"].fillna(0).to_numpy().astype(np.int64)
    dyad["conttype"] = conttype
    dyad["capdist"] = panel["capdist"].to_numpy()
    dyad["mindist"] = panel["mindist"].to_numpy()
    dyad["td_rivalry"] = panel["td_rivalry"].fillna(0).to_numpy().astype(np.int8)
    dyad["regime_similarity"] = 1 - np.abs(panel["polity2_1"].to_numpy() - panel["polity2_2"].to_numpy()) / 20
    for name in OBLIGATIONS:
        dyad[f"atop_{name}"] = lagged[f"atop_{name}"].fillna(0).to_numpy().astype(np.int8)
    dyad["partner"] = dyad[[f"atop_{n}" for n in partner_obligations]].max(axis=1).astype(np.int8)
    dyad["border"] = np.isin(conttype, list(border_types)).astype(np.int8)

    # --- per at-risk state --------------------------------------------------------------------------
    grouped = dyad.groupby("unit")
    nearest = pd.Series(np.where(dyad["conttype"] > 0, dyad["conttype"], 9)).groupby(dyad["unit"]).min()
    nearest = nearest.where(nearest < 9, 0).reindex(at_risk["unit"]).to_numpy()
    at_risk["nearest_border"] = nearest
    for kind, label in CONTIGUITY_CLASSES.items():
        at_risk[f"border_{label}"] = (nearest == kind).astype(np.int8)
    at_risk["border_water"] = ((nearest >= 2) & (nearest <= 5)).astype(np.int8)
    at_risk["wbn"] = grouped["border"].max().reindex(at_risk["unit"]).to_numpy()
    at_risk["capdist_min_km"] = grouped["capdist"].min().reindex(at_risk["unit"]).to_numpy()
    at_risk["capdist_min_1000km"] = at_risk["capdist_min_km"] / 1000.0
    at_risk["mindist_min_km"] = grouped["mindist"].min().reindex(at_risk["unit"]).to_numpy()
    at_risk["mindist_min_1000km"] = at_risk["mindist_min_km"] / 1000.0
    for name in OBLIGATIONS:
        at_risk[f"ally_{name}"] = grouped[f"atop_{name}"].max().reindex(at_risk["unit"]).to_numpy()
    at_risk["wap"] = grouped["partner"].max().reindex(at_risk["unit"]).to_numpy()
    for side in (1, 2):
        flag = (dyad["partner"] == 1) & (dyad["belligerent_side"] == side)
        at_risk[f"partner_side{side}"] = (
            flag.groupby(dyad["unit"]).max().reindex(at_risk["unit"]).to_numpy().astype(np.int8)
        )
    at_risk["rival"] = grouped["td_rivalry"].max().reindex(at_risk["unit"]).to_numpy()
    at_risk["regime_similarity"] = grouped["regime_similarity"].max().reindex(at_risk["unit"]).to_numpy()
    states = Panel({"ccode": at_risk["ccode"].to_numpy(), "year": at_risk["year"].to_numpy()})
    states.attrs = {
        "unit": "state",
        "directed": False,
        "warehouse": None if warehouse is None else str(warehouse),
        "sources": [],
    }
    states = states.add_majors()
    at_risk["major"] = states["major"].fillna(0).to_numpy().astype(np.int8)
    at_risk["log_belligerents"] = np.log(at_risk["n_belligerents"].to_numpy())
    at_risk["stateabb"] = lookup.abbreviation(at_risk["ccode"].to_numpy())
    at_risk["era"] = era_of(at_risk["year"].to_numpy())
    at_risk["war"] = [war_name(w) for w in at_risk["warnum"]]
    at_risk = at_risk.drop(columns="unit")
    first_cols = ["warnum", "war", "year", "era", "ccode", "stateabb", "joined", "side_joined"]
    at_risk = at_risk[first_cols + [c for c in at_risk.columns if c not in first_cols]]

    allied = dyad[[f"atop_{n}" for n in OBLIGATIONS]].max(axis=1) > 0
    keep = (dyad["conttype"] > 0) | allied | (dyad["td_rivalry"] > 0)
    exposures = dyad.loc[keep].drop(columns="unit").reset_index(drop=True)
    exposures["stateabb"] = lookup.abbreviation(exposures["ccode"].to_numpy())
    exposures["belligerent_abb"] = lookup.abbreviation(exposures["belligerent"].to_numpy())
    sources = list(panel.attrs["sources"])
    for citation in lagged.attrs["sources"] + states.attrs["sources"]:
        if citation not in sources:
            sources.append(citation)
    for frame in (at_risk, exposures):
        frame.attrs["sources"] = sources
    parameters = {
        "start": start,
        "end": end,
        "border_types": tuple(border_types),
        "partner_obligations": tuple(partner_obligations),
        "alliance_lag": alliance_lag,
        "warehouse": None if warehouse is None else str(warehouse),
    }
    return Diffusion(
        at_risk=at_risk, exposures=exposures, participants=participants, sources=sources, parameters=parameters
    )
