"""Analyses of the at-risk set: cross-tabulations, exposure odds ratios and the joining models (pooled, by side,
by era) and the joining rates.
"""

import numpy as np
import pandas as pd

from alliancelab.eras import ERAS
from alliancelab.theory.geopolitics import stats
from alliancelab.theory.geopolitics.diffusion._at_risk import DEFAULT_COVARIATES, Diffusion


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
    >>> from alliancelab.theory.geopolitics.diffusion import at_risk_set
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
