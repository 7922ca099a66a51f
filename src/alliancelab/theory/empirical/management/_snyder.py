"""Snyder's alliance security dilemma on the record: abandonment and entrapment indicators per member and
alliance-year, whether they foretell an alliance's end, and by polarity.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.data.facts import spell_years
from alliancelab.eras import POLARITY, polarity_of
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.management._alliances import (
    GML_FIRST,
    GML_LAST,
    alliance_member_years,
    alliance_table,
    member_spells,
)
from alliancelab.theory.empirical.results import SnyderIndicators
from alliancelab.theory.empirical.walt_tests import fit_logit, state_arrays


# --- Snyder --------------------------------------------------------------------------------------------
def snyder_indicators(start=facts.SYSTEM_FIRST, end=facts.SYSTEM_LAST, warehouse=None):
    """Abandonment and entrapment indicators per member and alliance-year, and their alliance-year means.

    partner_alternatives = mean over the partners of their defense/offense allies outside this alliance;
    dependence = 1 - cinc_i / sum of the members' CINC; commitment = 1.0 defense or offense without
    conditions, 0.75 with conditions, 0.5 neutrality, 0.25 consultation or non-aggression, 0 no pledge;
    partner_disputes = GML disputes under way between a partner and a state outside the alliance.
    abandonment_risk and entrapment_risk are means of the components' percentile ranks within the year
    (0-1, higher = more risk; they order cases, they are not probabilities).

    Parameters
    ----------
    start, end : int, default the first and last year of the state system
        Years.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    SnyderIndicators
        ``member_years`` (atopid, member, year, cinc, partners and the indicators) and
        ``alliance_years`` (their means per alliance-year; dependence is the most dependent member's).

    References
    ----------
    Snyder, G. H. (1984), "The security dilemma in alliance politics", World Politics 36(4): 461-495.
    """
    from alliancelab.panels.adders import gml_cubes

    lookup = Lookup.get(warehouse)
    amy = alliance_member_years(warehouse)[["atopid", "member", "year"]]
    amy = amy[(amy["year"] >= start) & (amy["year"] <= min(end, facts.ALLIANCE_MEMBERS_LAST))].copy()
    m = lookup.table("atop_members")
    rows = member_spells(warehouse)  # row order of atop_members
    rows = rows.assign(conditio=m["conditio"].fillna(0).to_numpy())
    r_idx, r_year = spell_years(rows["first"], rows["last"])
    strength = np.where(
        rows["pledge"] > 0,
        np.where(rows["conditio"] > 0, 0.75, 1.0),
        np.where(rows["neutral"] > 0, 0.5, np.where((rows["consul"] + rows["nonagg"]) > 0, 0.25, 0.0)),
    )
    commit = pd.DataFrame(
        {
            "atopid": rows["atopid"].to_numpy()[r_idx],
            "member": rows["member"].to_numpy()[r_idx],
            "year": r_year,
            "commitment": strength[r_idx],
        }
    )
    commit = commit.groupby(["atopid", "member", "year"], as_index=False)["commitment"].max()
    amy = amy.merge(commit, on=["atopid", "member", "year"], how="left")
    pos = lookup.positions(amy["member"].to_numpy())
    amy = amy[pos >= 0].reset_index(drop=True)
    pos = lookup.positions(amy["member"].to_numpy())
    yi = amy["year"].to_numpy() - YEAR0
    arrays = state_arrays(warehouse)
    amy["cinc"] = arrays["cinc"][pos, yi]
    allied = balancing.allied_cube("defense", warehouse)
    ongoing = gml_cubes(lookup)["mid_ongoing"]
    ongoing = (ongoing > 0) | (ongoing.transpose(0, 2, 1) > 0)
    # per member-year: number of defense allies overall; disputes overall
    n_allies = allied[yi, pos].sum(axis=1)
    disputes = ongoing[yi, pos].sum(axis=1)
    gml_years = (amy["year"] >= GML_FIRST) & (amy["year"] <= GML_LAST)
    amy["all_allies"] = n_allies
    amy["all_disputes"] = np.where(gml_years, disputes, np.nan)
    # members of the same alliance-year: subtract within-alliance ties
    key = amy[["atopid", "year", "member"]]
    pairs = key.merge(key, on=["atopid", "year"], suffixes=("", "_p"))
    pairs = pairs[pairs["member"] != pairs["member_p"]]
    pi = lookup.positions(pairs["member"].to_numpy())
    pq = lookup.positions(pairs["member_p"].to_numpy())
    py = pairs["year"].to_numpy() - YEAR0
    pairs["dispute_with_member"] = ongoing[py, pi, pq]
    # partner alternatives: partner's allies minus those inside this alliance (approx. partners - 1 allied)
    inside_allied = pairs.assign(ally=allied[py, pi, pq]).groupby(["atopid", "year", "member"])["ally"].sum()
    inside_disp = pairs.groupby(["atopid", "year", "member"])["dispute_with_member"].sum()
    amy = amy.set_index(["atopid", "year", "member"])
    amy["outside_allies"] = amy["all_allies"] - inside_allied.reindex(amy.index).fillna(0)
    amy["outside_disputes"] = amy["all_disputes"] - inside_disp.reindex(amy.index).fillna(0)
    amy = amy.reset_index()
    g = amy.groupby(["atopid", "year"])
    total_alt = g["outside_allies"].transform("sum")
    total_disp = g["outside_disputes"].transform("sum")
    size = g["member"].transform("size")
    cinc_sum = g["cinc"].transform("sum")
    amy["partners"] = size - 1
    amy["partner_alternatives"] = np.where(
        size > 1, (total_alt - amy["outside_allies"]) / (size - 1).clip(lower=1), np.nan
    )
    amy["partner_disputes"] = total_disp - amy["outside_disputes"]
    amy["dependence"] = 1 - amy["cinc"] / cinc_sum
    rank = lambda column: amy.groupby("year")[column].rank(pct=True)  # noqa: E731
    amy["abandonment_risk"] = (rank("partner_alternatives") + rank("dependence") + (1 - rank("commitment"))) / 3
    amy["entrapment_risk"] = (rank("commitment") + rank("partner_disputes") + (1 - rank("dependence"))) / 3
    amy = amy[amy["partners"] > 0]
    columns = [
        "partner_alternatives",
        "dependence",
        "commitment",
        "partner_disputes",
        "abandonment_risk",
        "entrapment_risk",
    ]
    alliance = amy.groupby(["atopid", "year"], as_index=False)[columns].mean()
    # the most dependent member shows the alliance's dependence (the mean is 1/2 for every pair)
    alliance["dependence"] = amy.groupby(["atopid", "year"])["dependence"].max().to_numpy()
    alliance["members"] = amy.groupby(["atopid", "year"])["member"].size().to_numpy()
    keep = ["atopid", "member", "year", "cinc", "partners", *columns]
    return SnyderIndicators(amy[keep].reset_index(drop=True), alliance)


def snyder_outcomes(alliance_years, warehouse=None):
    """Do Snyder's indicators foretell an alliance's end?

    Logit of the alliance ending in t + 1 on the alliance-year indicators in t (log1p of
    partner_alternatives and partner_disputes, dependence, commitment), errors clustered by alliance.

    Parameters
    ----------
    alliance_years : pandas.DataFrame
        ``SnyderIndicators.alliance_years``.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    table : pandas.DataFrame
        Logit coefficients (``attrs``: n, events).
    data : pandas.DataFrame
        The alliance-years used, with ``ends_next_year``.

    References
    ----------
    Snyder, G. H. (1984), "The security dilemma in alliance politics", World Politics 36(4): 461-495.
    """
    data = alliance_years.sort_values(["atopid", "year"]).copy()
    ends = alliance_table(warehouse)[["atopid", "end", "ended"]]
    data = data.merge(ends, on="atopid")
    data["ends_next_year"] = ((data["year"] + 1 == data["end"]) & (data["ended"] == 1)).astype(float)
    data = data[data["year"] < data["end"]]
    data["log_partner_alternatives"] = np.log1p(data["partner_alternatives"])
    data["log_partner_disputes"] = np.log1p(data["partner_disputes"])
    covariates = ["log_partner_alternatives", "dependence", "commitment", "log_partner_disputes"]
    table = fit_logit(data, "ends_next_year", covariates, cluster="atopid").table
    return table, data


def snyder_by_polarity(alliance_years, warehouse=None):
    """Snyder's outcome logit fitted separately in each polarity.

    Multipolar (to 1945), bipolar (1946-89) and unipolar (from 1990) systems: Snyder expects the alliance
    security dilemma to be sharper in multipolar systems.

    Parameters
    ----------
    alliance_years : pandas.DataFrame
        ``SnyderIndicators.alliance_years``.
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per polarity and indicator: the ``snyder_outcomes`` coefficients, polarity, n, events.

    References
    ----------
    Snyder, G. H. (1984), "The security dilemma in alliance politics", World Politics 36(4): 461-495.
    """
    frames = []
    data = alliance_years.assign(polarity=polarity_of(alliance_years["year"].to_numpy()))
    for _low, _high, label in POLARITY:
        part = data[data["polarity"] == label]
        table, _ = snyder_outcomes(part, warehouse)
        table = table.drop(index="const").assign(polarity=label, n=table.attrs["n"], events=table.attrs["events"])
        frames.append(table.rename_axis("indicator").reset_index())
    return pd.concat(frames, ignore_index=True)
