"""Alliances tied to a strategic rivalry, and whether they end or lose members more often in detente years."""

import numpy as np
import pandas as pd

from alliancelab.data.facts import spell_years
from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import Lookup
from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.management._alliances import alliance_table, member_spells
from alliancelab.theory.empirical.walt_tests import fit_logit


# --- rivalry-tied alliances and detente -----------------------------------------------------------------
def rivalry_alliances(classified=None, warehouse=None):
    """Alliances tied to a strategic rivalry.

    For a rival dyad (a, b): one rival (``side``) is a member, the other (``adversary``) is not, and the
    treaty names the adversary or the side's alignment decision targets it, during the rivalry.

    Parameters
    ----------
    classified : pandas.DataFrame, optional
        Classified alignment decisions (``alliancelab.theory.empirical.balancing.classify``; computed when None).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        atopid, side, adversary, dyad (= min * 1000 + max), year, tie ("named" or "targeted").

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """
    lookup = Lookup.get(warehouse)
    if classified is None:
        classified = balancing.classify(warehouse=warehouse)
    riv = lookup.table("rivalries")[["ccode1", "ccode2", "styear", "endyear"]]
    both = pd.concat(
        [
            riv.rename(columns={"ccode1": "side", "ccode2": "adversary"}),
            riv.rename(columns={"ccode2": "side", "ccode1": "adversary"}),
        ],
        ignore_index=True,
    )
    d = classified[["atopid", "member", "year", "target", "statthr1", "statthr2"]].rename(columns={"member": "side"})
    m = d.merge(both, on="side")
    m = m[(m["year"] >= m["styear"]) & (m["year"] <= m["endyear"])]
    named = (m["statthr1"] == m["adversary"]) | (m["statthr2"] == m["adversary"])
    targeted = m["target"] == m["adversary"]
    m = m[(named.fillna(False) | targeted.fillna(False)).astype(bool)].copy()
    m["tie"] = np.where(named.loc[m.index].fillna(False), "named", "targeted")
    m["dyad"] = np.minimum(m["side"], m["adversary"]) * 1000 + np.maximum(m["side"], m["adversary"])
    return m[["atopid", "side", "adversary", "dyad", "year", "tie"]].drop_duplicates(["atopid", "side", "adversary"])


def detente_weakening(ties, detente_years, warehouse=None):
    """Do rivalry-tied alliances weaken in detente years?

    Alliance-years of rivalry-tied alliances (while the side is a member) with ``weakened`` = the alliance
    ended that year or a member left, and ``detente`` = the rival dyad was in a detente period; a logit of
    weakened on detente and a Cold War dummy, errors clustered by alliance.

    Parameters
    ----------
    ties : pandas.DataFrame
        Rivalry-tied alliances from ``rivalry_alliances``.
    detente_years : pandas.DataFrame
        Columns dyad, year, detente (e.g. ``alliancelab.theory.empirical.detente.Detente.flagged``).
    warehouse : path, optional
        The warehouse (default: the configured one).

    Returns
    -------
    rates : pandas.DataFrame
        Mean, sum and count of weakened and terminated, by detente.
    table : pandas.DataFrame
        Logit coefficients (a one-column ``error`` frame when there are too few events to fit).
    data : pandas.DataFrame
        The alliance-years used.
    """
    spells = member_spells(warehouse)
    alliances = alliance_table(warehouse)[["atopid", "end", "ended"]]
    exits = spells.merge(alliances, on="atopid")
    exits = exits[(exits["last"] < exits["end"])]  # left before the alliance ended
    exit_years = exits.groupby(["atopid", "last"]).size().rename("exits").reset_index().rename(columns={"last": "year"})
    side_spells = ties.merge(spells, left_on=["atopid", "side"], right_on=["atopid", "member"])
    side_spells = side_spells.groupby(["atopid", "side", "adversary", "dyad"], as_index=False).agg(
        first=("first", "min"), last=("last", "max")
    )
    r, years = spell_years(side_spells["first"], side_spells["last"])
    data = pd.DataFrame({c: side_spells[c].to_numpy()[r] for c in ("atopid", "side", "adversary", "dyad")})
    data["year"] = years
    data = data.merge(alliances, on="atopid").merge(exit_years, on=["atopid", "year"], how="left")
    data["exits"] = data["exits"].fillna(0)
    data["terminated"] = ((data["year"] == data["end"]) & (data["ended"] == 1)).astype(int)
    data["weakened"] = ((data["terminated"] == 1) | (data["exits"] > 0)).astype(float)
    data = data.merge(detente_years[["dyad", "year", "detente"]], on=["dyad", "year"], how="inner")
    data["detente"] = data["detente"].astype(float)
    data["cold_war"] = data["year"].between(1946, 1991).astype(float)
    data["cluster"] = data["atopid"]
    rates = data.groupby("detente")[["weakened", "terminated"]].agg(["mean", "sum", "size"])
    rates.columns = ["_".join(c) for c in rates.columns]
    rates = rates.reset_index()
    try:
        table = fit_logit(data, "weakened", ["detente", "cold_war"], cluster="cluster").table
    except (ParameterError, np.linalg.LinAlgError) as err:  # too few events to fit: rates only
        table = pd.DataFrame({"error": [str(err)]})
    return rates, table, data
