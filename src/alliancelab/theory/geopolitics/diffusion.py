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

References
----------
Siverson, R. M. and Starr, H. (1990), "Opportunity, willingness, and the diffusion of war", American
Political Science Review 84(1): 47-67.
Siverson, R. M. and Starr, H. (1991), The Diffusion of War: A Study of Opportunity and Willingness,
Ann Arbor: University of Michigan Press.
Most, B. A. and Starr, H. (1989), Inquiry, Logic and International Politics, University of South
Carolina Press.

One module (~550 lines): the at-risk set, its covariates and the models over it (pooled, by era,
by side) are one analysis sharing the at-risk frame; the logit is in ``stats.py``, the reach of
alliances in ``reach.py`` and the figures in ``alliancelab.figures.geopolitics``.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.eras import ERAS, era_of
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels import Panel
from alliancelab.panels.adders import OBLIGATIONS, membership
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.geopolitics import stats

FIRST_WAR_YEAR, LAST_WAR_YEAR = facts.coverage("wars")
CONTIGUITY_CLASSES = {1: "land", 2: "sea12", 3: "sea24", 4: "sea150", 5: "sea400"}
WAR_NAMES = {
    1: "Franco-Spanish War",
    22: "Crimean War",
    58: "Franco-Prussian War",
    106: "World War I",
    139: "World War II",
    151: "Korean War",
    163: "Vietnam War",
    211: "Gulf War",
}
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


def war_name(warnum):
    """Name of a COW inter-state war ("war N" when unnamed here).

    Parameters
    ----------
    warnum : int
        COW war number.

    Returns
    -------
    str

    Examples
    --------
    >>> war_name(106)
    'World War I'
    """
    return WAR_NAMES.get(int(warnum), f"war {int(warnum)}")


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


def war_sides(warehouse=None):
    """The side of every war participant in every year.

    In a year in which a state appears on both sides (it switched, e.g. Italy in 1943) the side it
    held the year before is used.

    Parameters
    ----------
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
        One row per (warnum, ccode, year) with ``side`` (COW side 1 or 2).
    """
    lookup = Lookup.get(warehouse)
    rows = lookup.table("wars")[["warnum", "ccode1", "year", "sidea1"]].rename(columns={"ccode1": "ccode"})
    yearly = rows.groupby(["warnum", "ccode", "year"], as_index=False)["sidea1"].agg(["min", "max"])
    yearly = yearly.sort_values(["warnum", "ccode", "year"]).reset_index(drop=True)
    keys = [yearly["warnum"], yearly["ccode"]]
    low = yearly["min"].to_numpy(np.float64)
    single = low == yearly["max"].to_numpy(np.float64)
    held = pd.Series(np.where(single, low, np.nan)).groupby(keys).ffill().groupby(keys).shift().to_numpy()
    side = np.where(single, low, held)
    yearly["side"] = np.where(np.isnan(side), low, side).astype(np.int64)
    return yearly[["warnum", "ccode", "year", "side"]]


def war_participants(warehouse=None):
    """Participants of every COW inter-state war, derived from the directed war dyad-years.

    Parameters
    ----------
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
        One row per (warnum, ccode): ``side`` (the COW side, 1 or 2, it entered on), ``switched``
        (1 when it later appears on the other side), ``first`` / ``last`` year in the war, ``years``
        in the war, ``war_first`` / ``war_last`` (the war's span), ``original`` (1 when the state
        was in the war in its first year) and ``initiator``.

    Examples
    --------
    >>> len(war_participants().query("warnum == 106"))
    15
    """
    lookup = Lookup.get(warehouse)
    wars = lookup.table("wars")
    rows = wars[["warnum", "ccode1", "year", "sidea1", "initiator1"]].rename(columns={"ccode1": "ccode"})
    out = rows.groupby(["warnum", "ccode"], as_index=False).agg(
        first=("year", "min"),
        last=("year", "max"),
        years=("year", "nunique"),
        initiator=("initiator1", "max"),
        sides=("sidea1", "nunique"),
    )
    sides = war_sides(warehouse)
    entry = sides.merge(
        out[["warnum", "ccode", "first"]], left_on=["warnum", "ccode", "year"], right_on=["warnum", "ccode", "first"]
    )
    out = out.merge(entry[["warnum", "ccode", "side"]], on=["warnum", "ccode"])
    out["switched"] = (out.pop("sides") > 1).astype(np.int8)
    span = rows.groupby("warnum")["year"].agg(war_first="min", war_last="max").reset_index()
    out = out.merge(span, on="warnum")
    out["original"] = (out["first"] == out["war_first"]).astype(np.int8)
    out["initiator"] = out["initiator"].fillna(0).astype(np.int8)
    out = out[
        [
            "warnum",
            "ccode",
            "side",
            "switched",
            "first",
            "last",
            "years",
            "war_first",
            "war_last",
            "original",
            "initiator",
        ]
    ]
    out.attrs["sources"] = lookup.citations(["wars"])
    return out


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


# --- analyses of the at-risk set ------------------------------------------------------------------------
def _frame(data):
    return data.at_risk if isinstance(data, Diffusion) else data


def _with_sources(frame, sources):
    frame.attrs["sources"] = list(sources)
    return frame


def cross_tab(data, by=None):
    """Siverson-Starr cross-tabulation: joining by warring border nation (``wbn``) x warring alliance
    partner (``wap``).

    One row per cell (and per value of ``by``, e.g. "era"): at_risk, joined, rate (joined / at_risk)
    with a 95% Wilson interval, and the odds ratio of joining against the baseline cell (no border, no
    partner) with a 95% Woolf interval.

    Parameters
    ----------
    data : Diffusion or its at_risk frame
    by : str or None, a column to tabulate within (e.g. "era")

    Returns
    -------
    DataFrame

    References
    ----------
    Siverson, R. M. and Starr, H. (1990), APSR 84(1): 47-67 (the treatment/baseline comparison).
    """
    frame = _frame(data)
    groups = [(None, frame)] if by is None else list(frame.groupby(by, sort=False))
    labels = {
        (0, 0): "neither (baseline)",
        (1, 0): "border only",
        (0, 1): "alliance only",
        (1, 1): "border and alliance",
    }
    rows = []
    for key, part in groups:
        counts = part.groupby(["wbn", "wap"])["joined"].agg(["size", "sum"])
        base_n, base_j = counts.loc[(0, 0)] if (0, 0) in counts.index else (0, 0)
        for cell, label in labels.items():
            n, j = counts.loc[cell] if cell in counts.index else (0, 0)
            row = {"wbn": cell[0], "wap": cell[1], "exposure": label, "at_risk": int(n), "joined": int(j)}
            if by is not None:
                row = {by: key, **row}
            low, high = stats.wilson_interval(j, n)
            row.update(
                {
                    "rate": j / n if n else np.nan,
                    "rate_low": float(np.clip(low, 0, 1)),
                    "rate_high": float(np.clip(high, 0, 1)),
                }
            )
            if cell != (0, 0) and n and base_n:
                ratio, lo, hi = stats.odds_ratio(j, n - j, base_j, base_n - base_j)
            else:
                ratio, lo, hi = (1.0, np.nan, np.nan) if cell == (0, 0) else (np.nan, np.nan, np.nan)
            row.update({"odds_ratio": ratio, "or_low": lo, "or_high": hi})
            rows.append(row)
    return _with_sources(pd.DataFrame(rows), frame.attrs.get("sources", []))


EXPOSURES = (
    "wbn",
    "wap",
    "border_land",
    "border_water",
    "ally_defense",
    "ally_offense",
    "ally_neutral",
    "ally_nonagg",
    "ally_consul",
    "rival",
    "major",
)


def exposure_odds_ratios(data, exposures=EXPOSURES, by=None):
    """Odds ratio of joining for each 0/1 exposure (exposed vs not), with 95% Woolf intervals.

    Parameters
    ----------
    data : Diffusion or its at_risk frame
    exposures : sequence of str, default ``EXPOSURES``
    by : str, optional
        A column to tabulate within (e.g. "era").

    Returns
    -------
    pandas.DataFrame
        One row per exposure (and per value of ``by``): the odds ratio, its interval and the joining
        rate of each group.

    References
    ----------
    Woolf, B. (1955), Annals of Human Genetics 19: 251-253.
    """
    frame = _frame(data)
    groups = [(None, frame)] if by is None else list(frame.groupby(by, sort=False))
    rows = []
    for key, part in groups:
        for name in exposures:
            x = part[name].to_numpy() == 1
            y = part["joined"].to_numpy() == 1
            a, b, c, d = (x & y).sum(), (x & ~y).sum(), (~x & y).sum(), (~x & ~y).sum()
            ratio, low, high = stats.odds_ratio(a, b, c, d) if (a + b) and (c + d) else (np.nan,) * 3
            row = {
                "exposure": name,
                "exposed": int(a + b),
                "exposed_joined": int(a),
                "rate_exposed": a / (a + b) if a + b else np.nan,
                "unexposed": int(c + d),
                "unexposed_joined": int(c),
                "rate_unexposed": c / (c + d) if c + d else np.nan,
                "odds_ratio": ratio,
                "or_low": low,
                "or_high": high,
            }
            rows.append(row if by is None else {by: key, **row})
    return _with_sources(pd.DataFrame(rows), frame.attrs.get("sources", []))


def joining_model(data, covariates=DEFAULT_COVARIATES, cluster="warnum"):
    """Logit of joining on opportunity and willingness, errors clustered by war, with average marginal effects.

    Rows with a missing covariate (e.g. no Polity score) are left out.

    Parameters
    ----------
    data : Diffusion or its at_risk frame
    covariates : sequence of str, default ``DEFAULT_COVARIATES``
    cluster : str, default "warnum"

    Returns
    -------
    LogitFit
        ``table.attrs["sources"]`` names the sources.
    """
    frame = _frame(data)
    fit = stats.fit_logit(frame, "joined", list(covariates), cluster=cluster)
    fit.table.attrs["sources"] = list(frame.attrs.get("sources", []))
    return fit


def side_joined(data):
    """Does a warring alliance partner's side predict the side a joiner takes?

    Among the states that joined, by where their warring alliance partners fought: ``partner side``
    is "side 1 only", "side 2 only", "both sides" or "none".

    Parameters
    ----------
    data : Diffusion or its at_risk frame

    Returns
    -------
    pandas.DataFrame
        How many joined side 1 and side 2, and, for partners on one side only, the share that joined
        the partner's side with a 95% Wilson interval and a two-sided binomial test against 1/2.
    """
    from scipy.stats import binomtest

    frame = _frame(data)
    joiners = frame[frame["joined"] == 1]
    category = np.select(
        [
            (joiners["partner_side1"] == 1) & (joiners["partner_side2"] == 1),
            joiners["partner_side1"] == 1,
            joiners["partner_side2"] == 1,
        ],
        ["both sides", "side 1 only", "side 2 only"],
        "none",
    )
    rows = []
    for label in ("side 1 only", "side 2 only", "both sides", "none"):
        part = joiners[category == label]
        row = {
            "partner_side": label,
            "joiners": len(part),
            "joined_side1": int((part["side_joined"] == 1).sum()),
            "joined_side2": int((part["side_joined"] == 2).sum()),
        }
        rows.append(row)
    table = pd.DataFrame(rows)
    one_side = joiners[category != "both sides"]
    one_side = one_side[(one_side["partner_side1"] + one_side["partner_side2"]) == 1]
    same = int(
        ((one_side["partner_side1"] == 1) & (one_side["side_joined"] == 1)).sum()
        + ((one_side["partner_side2"] == 1) & (one_side["side_joined"] == 2)).sum()
    )
    n = len(one_side)
    low, high = stats.wilson_interval(same, n)
    summary = {
        "partner_side": "partner on one side: joined the partner's side",
        "joiners": n,
        "joined_side1": np.nan,
        "joined_side2": np.nan,
        "same_side": same,
        "share_same_side": same / n if n else np.nan,
        "share_low": float(low),
        "share_high": float(high),
        "binomial_p": binomtest(same, n, 0.5).pvalue if n else np.nan,
    }
    table = pd.concat([table, pd.DataFrame([summary])], ignore_index=True)
    return _with_sources(table, frame.attrs.get("sources", []))


ERA_COVARIATES = ("wbn", "wap", "major", "capdist_min_1000km")


def effects_by_era(data, covariates=ERA_COVARIATES, cluster="warnum"):
    """How the effects change across eras (``alliancelab.eras``: pre-1914, 1914-1945, Cold War, post-1991).

    An era where a covariate is dropped (no variation, or it separates the outcome) or with fewer
    than two joining wars shows NaN and a note.

    Parameters
    ----------
    data : Diffusion or its at_risk frame
    covariates : sequence of str, default ``ERA_COVARIATES``
    cluster : str, default "warnum"

    Returns
    -------
    pandas.DataFrame
        One row per era and covariate: at-risk rows, joiners, wars, the logit coefficient with its
        war-clustered standard error and the average marginal effect.
    """
    frame = _frame(data)
    rows = []
    for _low, _high, name in ERAS:
        part = frame[frame["era"] == name]
        base = {
            "era": name,
            "at_risk": len(part),
            "joined": int(part["joined"].sum()),
            "wars": int(part["warnum"].nunique()),
        }
        note = ""
        fit = None
        if part["joined"].sum() >= 2 and part.loc[part["joined"] == 1, "warnum"].nunique() >= 2:
            fit = stats.fit_logit(part, "joined", list(covariates), cluster=cluster)
        else:
            note = "fewer than two wars with a joiner: not estimated"
        for term in covariates:
            row = dict(base, term=term)
            if fit is not None and term in fit.table.index:
                row.update(fit.table.loc[term, ["coef", "se", "p", "ame", "ame_se"]].to_dict())
                row["note"] = ""
            else:
                row.update({"coef": np.nan, "se": np.nan, "p": np.nan, "ame": np.nan, "ame_se": np.nan})
                row["note"] = note or "dropped (no variation or separation)"
            rows.append(row)
    return _with_sources(pd.DataFrame(rows), frame.attrs.get("sources", []))


def joining_rates(data):
    """Joining rates by opportunity x willingness, for the rates plot.

    opportunity: the nearest border to a belligerent, "land border", "water border" (<= 400 miles)
    or "no border"; willingness: the strongest ATOP obligation to a belligerent, "defense/offense",
    "other pact" (neutrality, consultation or non-aggression only) or "no partner".

    Parameters
    ----------
    data : Diffusion or its at_risk frame

    Returns
    -------
    pandas.DataFrame
        One row per cell: opportunity, willingness, at_risk, joined, rate, rate_low, rate_high
        (95% Wilson interval).

    Examples
    --------
    >>> list(joining_rates(at_risk_set(1915, 1915)).columns)[:3]
    ['opportunity', 'willingness', 'at_risk']
    """
    frame = _frame(data)
    border = np.select(
        [frame["nearest_border"] == 1, frame["nearest_border"] > 1], ["land border", "water border"], "no border"
    )
    strong = (frame["ally_defense"] == 1) | (frame["ally_offense"] == 1)
    other = (frame[["ally_neutral", "ally_consul", "ally_nonagg"]] == 1).any(axis=1)
    partner = np.select([strong, other], ["defense/offense", "other pact"], "no partner")
    table = (
        pd.DataFrame({"opportunity": border, "willingness": partner, "joined": frame["joined"].to_numpy()})
        .groupby(["opportunity", "willingness"])["joined"]
        .agg(at_risk="size", joined="sum")
        .reset_index()
    )
    table["rate"] = table["joined"] / table["at_risk"]
    low, high = stats.wilson_interval(table["joined"], table["at_risk"])
    table["rate_low"], table["rate_high"] = np.clip(low, 0, 1), np.clip(high, 0, 1)
    return _with_sources(table, frame.attrs.get("sources", []))


def war_spread(data, warnum=106):
    """How one war spread: joiners with the channel they were exposed through, and the edges.

    The channel is "border", "alliance", "border and alliance" or "neither"; the original
    belligerents are listed with channel "original".

    Parameters
    ----------
    data : Diffusion
    warnum : int, default 106
        COW war number (106 = World War I).

    Returns
    -------
    WarSpread

    Examples
    --------
    >>> war_spread(at_risk_set(1915, 1915), 106).name
    'World War I'
    """
    if not isinstance(data, Diffusion):
        raise ParameterError("argument data: expected the Diffusion result of at_risk_set()")
    frame = data.at_risk
    joiners = frame[(frame["warnum"] == warnum) & (frame["joined"] == 1)]
    part = data.participants[data.participants["warnum"] == warnum]
    if part.empty:
        raise ParameterError(f"argument warnum={warnum}: not a COW inter-state war number in the war file")
    nodes = []
    for row in part[part["original"] == 1].itertuples():
        nodes.append({"ccode": row.ccode, "year": row.first, "side": row.side, "channel": "original"})
    for row in joiners.itertuples():
        channel = {(1, 1): "border and alliance", (1, 0): "border", (0, 1): "alliance"}.get(
            (row.wbn, row.wap), "neither"
        )
        nodes.append({"ccode": row.ccode, "year": row.year, "side": row.side_joined, "channel": channel})
    nodes = pd.DataFrame(nodes)
    nodes["stateabb"] = Lookup.get(data.parameters.get("warehouse")).abbreviation(nodes["ccode"].to_numpy())
    exp = data.exposures
    exp = exp[(exp["warnum"] == warnum)]
    exp = exp.merge(joiners[["ccode", "year"]], on=["ccode", "year"])
    obligations = list(data.parameters["partner_obligations"])
    edges = []
    for row in exp.itertuples():
        if row.border:
            edges.append(
                {"joiner": row.stateabb, "belligerent": row.belligerent_abb, "year": row.year, "kind": "border"}
            )
        if any(getattr(row, f"atop_{n}") for n in obligations):
            edges.append(
                {"joiner": row.stateabb, "belligerent": row.belligerent_abb, "year": row.year, "kind": "alliance"}
            )
    edges = pd.DataFrame(edges, columns=["joiner", "belligerent", "year", "kind"])
    nodes.attrs["sources"] = data.sources
    edges.attrs["sources"] = data.sources
    return WarSpread(warnum=int(warnum), name=war_name(warnum), nodes=nodes, edges=edges, sources=data.sources)


@dataclass
class WarSpread:
    """One war's spread (``war_spread``).

    Parameters
    ----------
    warnum : int
    name : str
    nodes : pandas.DataFrame
        ccode, stateabb, year entered, side, channel.
    edges : pandas.DataFrame
        joiner, belligerent, year, kind ("border" / "alliance").
    sources : list of str
    """

    warnum: int
    name: str
    nodes: pd.DataFrame
    edges: pd.DataFrame
    sources: list


SENSITIVITY_VARIANTS = (
    ("default: any direct contiguity, any obligation, alliances of t-1", {}),
    ("land borders only", {"border_types": (1,)}),
    ("water up to 24 miles counts, not 150/400", {"border_types": (1, 2, 3)}),
    ("defense pacts only", {"partner_obligations": ("defense",)}),
    (
        "defense, offense or neutrality (no consultation / non-aggression)",
        {"partner_obligations": ("defense", "offense", "neutral")},
    ),
    ("alliances of the joining year (lag 0)", {"alliance_lag": 0}),
)


def sensitivity(variants=SENSITIVITY_VARIANTS, start=FIRST_WAR_YEAR, end=LAST_WAR_YEAR, warehouse=None):
    """The Siverson-Starr comparison under other definitions of a warring border nation and alliance partner.

    Parameters
    ----------
    variants : sequence, default ``SENSITIVITY_VARIANTS``
    start, end : int, default 1816, 2007
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
        One row per variant with the odds ratios (95% CI) of joining for border only, alliance only,
        and both against the baseline, and the average marginal effects of ``wbn`` and ``wap`` in
        the compact logit (``ERA_COVARIATES``, errors clustered by war).

    References
    ----------
    Siverson, R. M. and Starr, H. (1990), APSR 84(1): 47-67.
    """
    rows = []
    sources = []
    for label, options in variants:
        data = at_risk_set(start, end, warehouse=warehouse, **options)
        table = cross_tab(data).set_index("exposure")
        fit = stats.fit_logit(data.at_risk, "joined", list(ERA_COVARIATES), cluster="warnum")
        row = {"variant": label}
        cells = (("border only", "border"), ("alliance only", "alliance"), ("border and alliance", "both"))
        for exposure, name in cells:
            row[f"or_{name}"] = table.loc[exposure, "odds_ratio"]
            row[f"or_{name}_low"] = table.loc[exposure, "or_low"]
            row[f"or_{name}_high"] = table.loc[exposure, "or_high"]
        for term in ("wbn", "wap"):
            row[f"ame_{term}"] = fit.table.loc[term, "ame"] if term in fit.table.index else np.nan
            row[f"ame_{term}_se"] = fit.table.loc[term, "ame_se"] if term in fit.table.index else np.nan
        rows.append(row)
        sources = data.sources
    return _with_sources(pd.DataFrame(rows), sources)
