"""Alliances across distance (ATOP 4.01 alliances and their founding members): the non-contiguous ones and
whether distant alliances carry more institutions.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.eras import era_of
from alliancelab.panels import Panel
from alliancelab.panels.adders import OBLIGATIONS
from alliancelab.panels.lookup import Lookup
from alliancelab.theory.geopolitics import stats
from alliancelab.theory.geopolitics.reach._distances import _with_sources

INSTITUTIONS = {
    "milaid": "military aid",
    "base": "bases",
    "intcom": "integrated command",
    "organ1": "formal organisation",
    "contrib": "contributions",
    "milinst_high": "high military institutionalisation (Leeds & Anac)",
}


def alliance_table(warehouse=None):
    """One row per ATOP 4.01 alliance with the geography of its founding members and its institutions.

    Founding members: the members whose entry year is the alliance's first entry year (non-COW codes
    such as ATOP's 8152 are left out). Geography at the signing year (1816 for the treaties of 1815,
    before the capital and contiguity records start): number of founding members, largest and mean
    capital distance between two of them (km), ``noncontiguous`` (1 when some pair is not directly
    contiguous), ``no_land_border`` (1 when some pair shares no land border). Institutions (ATOP
    alliance-level): milaid, base, intcom, organ1, contrib as 0/1 (any provision), milinst_high
    (Leeds & Anac's military institutionalisation = 2); missing stays missing.

    Parameters
    ----------
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame

    References
    ----------
    Leeds, B. A. and Anac, S. (2005), "Alliance institutionalization and alliance performance",
    International Interactions 31(3): 183-202.
    """
    lookup = Lookup.get(warehouse)
    members = lookup.table("atop_members")[["atopid", "member", "yrent"]]
    members = members[lookup.positions(members["member"].to_numpy()) >= 0]
    entry = members.groupby(["atopid", "member"], as_index=False)["yrent"].min()
    entry["first"] = entry.groupby("atopid")["yrent"].transform("min")
    founders = entry[entry["yrent"] == entry["first"]]
    pairs = founders.merge(founders[["atopid", "member"]], on="atopid", suffixes=("1", "2"))
    pairs = pairs[pairs["member1"] < pairs["member2"]]
    panel = Panel(
        {
            "ccode1": pairs["member1"].to_numpy(np.int64),
            "ccode2": pairs["member2"].to_numpy(np.int64),
            "year": np.maximum(pairs["first"].to_numpy(np.int64), facts.SYSTEM_FIRST),
        }
    )
    panel.attrs = {
        "unit": "dyad",
        "directed": False,
        "warehouse": None if warehouse is None else str(warehouse),
        "sources": lookup.citations(["atop_members", "atop_alliances"]),
    }
    panel = panel.add_capital_distance().add_contiguity()
    geo = pd.DataFrame(
        {
            "atopid": pairs["atopid"].to_numpy(),
            "capdist": panel["capdist"].to_numpy(),
            "conttype": panel["conttype"].fillna(0).to_numpy(),
        }
    )
    geo = geo.groupby("atopid").agg(
        max_capdist_km=("capdist", "max"),
        mean_capdist_km=("capdist", "mean"),
        noncontiguous=("conttype", lambda s: int((s == 0).any())),
        no_land_border=("conttype", lambda s: int((s != 1).any())),
    )
    size = founders.groupby("atopid").agg(founders=("member", "size"), year=("first", "first"))
    alliances = lookup.table("atop_alliances")
    table = alliances[["atopid", "begyr", "bilat", *OBLIGATIONS]].merge(size, on="atopid").merge(geo, on="atopid")
    for name in ("milaid", "base", "intcom", "organ1", "contrib"):
        values = alliances.set_index("atopid")[name].reindex(table["atopid"]).astype("Float64")
        table[name] = (values > 0).astype("Float64").to_numpy()
    milinst = alliances.set_index("atopid")["milinst"].reindex(table["atopid"]).astype("Float64")
    table["milinst_high"] = (milinst == 2).astype("Float64").to_numpy()
    table["era"] = era_of(table["year"].to_numpy())
    table = table.astype({name: float for name in INSTITUTIONS})
    return _with_sources(table, panel.sources)


def noncontiguous_alliances(table, width=10):
    """Share of alliances signed in each period whose founding members include a non-contiguous pair.

    Also the share with a pair without a land border, with 95% Wilson intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        ``alliance_table`` output.
    width : int, default 10
        Years per period.

    Returns
    -------
    pandas.DataFrame
    """
    frame = table.assign(period=table["year"] // width * width)
    out = (
        frame.groupby("period")
        .agg(
            alliances=("atopid", "size"),
            noncontiguous=("noncontiguous", "sum"),
            no_land_border=("no_land_border", "sum"),
        )
        .reset_index()
    )
    out["share_noncontiguous"] = out["noncontiguous"] / out["alliances"]
    low, high = stats.wilson_interval(out["noncontiguous"], out["alliances"])
    out["share_low"], out["share_high"] = np.clip(low, 0, 1), np.clip(high, 0, 1)
    out["share_no_land_border"] = out["no_land_border"] / out["alliances"]
    return _with_sources(out, table.attrs.get("sources", []))


DISTANCE_CLASSES = (
    (0, 1000, "< 1,000 km"),
    (1000, 3000, "1,000-3,000 km"),
    (3000, 6000, "3,000-6,000 km"),
    (6000, 25000, ">= 6,000 km"),
)


def institutions_by_distance(table):
    """Are alliances with distant partners more institutionalised?

    Parameters
    ----------
    table : pandas.DataFrame
        ``alliance_table`` output.

    Returns
    -------
    InstitutionsResult
        ``shares``: for each distance class of the founding members' largest capital distance, and
        for contiguous vs non-contiguous alliances, the number of alliances and the share carrying
        each institution. ``models``: per institution, a logit of the 0/1 provision on log(largest
        capital distance / 1000 km) and log(founding members), errors clustered by alliance
        (robust), with the coefficient and average marginal effect of distance.
    """
    frame = table.dropna(subset=["max_capdist_km"]).copy()
    frame["distance_class"] = ""
    for low, high, label in DISTANCE_CLASSES:
        frame.loc[(frame["max_capdist_km"] >= low) & (frame["max_capdist_km"] < high), "distance_class"] = label
    rows = []
    for column, groups in (("distance_class", [c[2] for c in DISTANCE_CLASSES]), ("noncontiguous", [0, 1])):
        for value in groups:
            part = frame[frame[column] == value]
            label = value if column == "distance_class" else ("non-contiguous" if value else "all contiguous")
            row = {"group": label, "alliances": len(part)}
            for name in INSTITUTIONS:
                row[name] = part[name].mean()
            rows.append(row)
    shares = pd.DataFrame(rows)
    frame["log_distance"] = np.log(np.maximum(frame["max_capdist_km"], 1.0) / 1000.0)
    frame["log_founders"] = np.log(frame["founders"])
    models = []
    for name, label in INSTITUTIONS.items():
        fit = stats.fit_logit(frame, name, ["log_distance", "log_founders"], cluster="atopid")
        row = fit.table.loc["log_distance"]
        models.append(
            {
                "institution": name,
                "meaning": label,
                "alliances": fit.n,
                "with": fit.events,
                "coef_log_distance": row["coef"],
                "se": row["se"],
                "p": row["p"],
                "ame": row["ame"],
                "ame_se": row["ame_se"],
            }
        )
    sources = table.attrs.get("sources", [])
    return InstitutionsResult(
        shares=_with_sources(shares, sources), models=_with_sources(pd.DataFrame(models), sources)
    )


@dataclass
class InstitutionsResult:
    """Institutions of alliances by distance (``institutions_by_distance``).

    Parameters
    ----------
    shares : pandas.DataFrame
        By distance class and contiguity.
    models : pandas.DataFrame
        The logit slope of each institution on log distance.
    """

    shares: pd.DataFrame
    models: pd.DataFrame
