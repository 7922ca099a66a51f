"""Alliances overcoming distance: how far allies are from each other, how far great powers' alliance
networks reach, the loss-of-strength gradient, and whether distant alliances carry more institutions.

Distances are great-circle km between capitals (``add_capital_distance``) and CShapes minimum border
distance (``add_min_distance``, 1886-2019); contiguity is COW direct contiguity (land, or water up to
400 miles). Alliances are ATOP obligations in force, either direction (ATOP 5.1 dyad-years), except
the alliance-level analysis (ATOP 4.01 alliances and their founding members).

References
----------
Boulding, K. E. (1962), Conflict and Defense: A General Theory, New York: Harper & Row (the
loss-of-strength gradient).
Sprout, H. and Sprout, M. (1965), The Ecological Perspective on Human Affairs, Princeton UP.
Starr, H. (1978), "'Opportunity' and 'willingness' as ordering concepts in the study of war",
International Interactions 4(4): 363-387.
Leeds, B. A. and Anac, S. (2005), "Alliance institutionalization and alliance performance",
International Interactions 31(3): 183-202 (``milinst``).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.eras import ERAS, era_of
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels import Panel, dyad_years, state_years
from alliancelab.panels.adders import OBLIGATIONS, gml_cubes
from alliancelab.panels.lookup import Lookup
from alliancelab.theory.geopolitics import stats

ALL_YEARS = f"{facts.SYSTEM_FIRST}-{facts.SYSTEM_LAST}"  # the label of the whole period
GML_FIRST, GML_LAST = facts.coverage("gml_dyads")  # disputes: the gradient's years

GROUPS = ("all pairs", "any alliance") + OBLIGATIONS
DISTANCE_BANDS_KM = (0, 500, 1000, 2000, 4000, 8000, 25000)
INSTITUTIONS = {
    "milaid": "military aid",
    "base": "bases",
    "intcom": "integrated command",
    "organ1": "formal organisation",
    "contrib": "contributions",
    "milinst_high": "high military institutionalisation (Leeds & Anac)",
}


def _sources(*frames):
    cited = []
    for frame in frames:
        for citation in frame.attrs.get("sources", []):
            if citation not in cited:
                cited.append(citation)
    return cited


def _with_sources(frame, sources):
    frame.attrs["sources"] = list(sources)
    return frame


def allied_pairs(start=facts.SYSTEM_FIRST, end=facts.SYSTEM_LAST, warehouse=None):
    """Non-directed dyad-years of system members with ATOP obligations, distances and contiguity.

    The input of the distance analyses: obligations in either direction, capital and minimum
    distance, contiguity.

    Parameters
    ----------
    start, end : int, default the first and last years of the state system
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> sorted(allied_pairs(1950, 1951)["year"].unique().tolist())
    [1950, 1951]
    """
    facts.check_years(start, end)
    panel = (
        dyad_years(start, end, directed=False, warehouse=warehouse)
        .add_atop(collapse="either")
        .add_capital_distance()
        .add_min_distance()
        .add_contiguity()
    )
    frame = pd.DataFrame(panel)
    frame.attrs["sources"] = panel.sources
    return frame


def distance_distribution(pairs, by="era"):
    """Distances between allies against all pairs of system members.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``allied_pairs`` output.
    by : str or None, default "era"

    Returns
    -------
    pandas.DataFrame
        One row per ``by`` value and group (all pairs, any alliance, and each ATOP obligation):
        dyad-years, capital distance quartiles and mean (km), median minimum border distance (km,
        1886 on), and the shares that are directly contiguous (land or water <= 400 miles) and
        land-contiguous.
    """
    frame = pairs
    keys = era_of(frame["year"].to_numpy()) if by == "era" else np.full(len(frame), ALL_YEARS, dtype=object)
    capdist = frame["capdist"].to_numpy()
    mindist = frame["mindist"].to_numpy()
    conttype = frame["conttype"].fillna(0).to_numpy()
    rows = []
    labels = [name for _, _, name in ERAS] if by == "era" else [ALL_YEARS]
    for label in labels:
        in_era = keys == label
        for group in GROUPS:
            if group == "all pairs":
                mask = in_era
            elif group == "any alliance":
                mask = in_era & (frame["atop_any"].fillna(0).to_numpy() == 1)
            else:
                mask = in_era & (frame[f"atop_{group}"].fillna(0).to_numpy() == 1)
            d = capdist[mask]
            d = d[~np.isnan(d)]
            m = mindist[mask]
            m = m[~np.isnan(m)]
            rows.append(
                {
                    "era": label,
                    "group": group,
                    "dyad_years": int(mask.sum()),
                    "capdist_p25_km": np.percentile(d, 25) if len(d) else np.nan,
                    "capdist_median_km": np.median(d) if len(d) else np.nan,
                    "capdist_p75_km": np.percentile(d, 75) if len(d) else np.nan,
                    "capdist_mean_km": d.mean() if len(d) else np.nan,
                    "mindist_median_km": np.median(m) if len(m) else np.nan,
                    "share_contiguous": float(np.mean(conttype[mask] > 0)) if mask.any() else np.nan,
                    "share_land_border": float(np.mean(conttype[mask] == 1)) if mask.any() else np.nan,
                }
            )
    return _with_sources(pd.DataFrame(rows), pairs.attrs.get("sources", []))


def yearly_distances(pairs):
    """Per year: median capital distances of all, allied and defense-allied pairs, and non-contiguity shares.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``allied_pairs`` output.

    Returns
    -------
    pandas.DataFrame
        year, the median capital distance of all pairs, of allied pairs (any obligation) and of
        defense allies, and the shares of allied dyads that are not directly contiguous (conttype 0)
        and that have no land border.

    Examples
    --------
    >>> yearly_distances(allied_pairs(1950, 1951))["year"].tolist()
    [1950, 1951]
    """
    allied = pairs["atop_any"].fillna(0).to_numpy() == 1
    defense = pairs["atop_defense"].fillna(0).to_numpy() == 1
    frame = pd.DataFrame(
        {
            "year": pairs["year"].to_numpy(),
            "capdist": pairs["capdist"].to_numpy(),
            "allied": allied,
            "defense": defense,
            "conttype": pairs["conttype"].fillna(0).to_numpy(),
        }
    )
    out = frame.groupby("year")["capdist"].median().rename("median_all_km").to_frame()
    out["median_allied_km"] = frame[frame["allied"]].groupby("year")["capdist"].median()
    out["median_defense_km"] = frame[frame["defense"]].groupby("year")["capdist"].median()
    allied_frame = frame[frame["allied"]]
    out["allied_dyads"] = allied_frame.groupby("year").size()
    by_year = allied_frame.groupby("year")["conttype"]
    out["share_allied_noncontiguous"] = by_year.agg(lambda s: float((s == 0).mean()))
    out["share_allied_no_land_border"] = by_year.agg(lambda s: float((s != 1).mean()))
    out = out.reset_index()
    out["allied_dyads"] = out["allied_dyads"].fillna(0).astype(int)
    return _with_sources(out, pairs.attrs.get("sources", []))


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


def _major_dyads(start, end, warehouse):
    """Directed dyad-years (major power, other system member) with ATOP (either direction) and capital
    distance: the rows of dyad_years() whose first state is a major power, built without the rest."""
    states = state_years(start, end, warehouse=warehouse).add_majors()
    majors = states.loc[states["major"] == 1, ["ccode", "year"]]
    pairs = majors.merge(states[["ccode", "year"]], on="year", suffixes=("1", "2"))
    pairs = pairs[pairs["ccode1"] != pairs["ccode2"]].sort_values(["year", "ccode1", "ccode2"])
    panel = Panel(
        {
            "ccode1": pairs["ccode1"].to_numpy(np.int64),
            "ccode2": pairs["ccode2"].to_numpy(np.int64),
            "year": pairs["year"].to_numpy(np.int64),
        }
    )
    panel.attrs = {
        "unit": "dyad",
        "directed": True,
        "warehouse": None if warehouse is None else str(warehouse),
        "sources": states.sources,
    }
    return panel.add_atop(collapse="either").add_capital_distance()


def alliance_reach(start=facts.SYSTEM_FIRST, end=facts.SYSTEM_LAST, obligation="any", warehouse=None):
    """How far each major power's alliance network reaches, by year.

    Parameters
    ----------
    start, end : int, default 1816, 2016
    obligation : str, default "any"
        ATOP obligation in either direction ("any" for any).
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
        One row per major power-year (COW major status): number of allies, the median, 90th
        percentile and largest capital distance to an ally (km; the largest is the reach), the
        largest capital distance to any system member, and reach_share = reach / that.
    """
    facts.check_years(start, end)
    if obligation != "any" and obligation not in OBLIGATIONS:
        raise ParameterError(f"argument obligation={obligation!r}: expected 'any' or one of {list(OBLIGATIONS)}")
    panel = _major_dyads(start, end, warehouse)
    column = "atop_any" if obligation == "any" else f"atop_{obligation}"
    frame = pd.DataFrame(
        {
            "ccode": panel["ccode1"].to_numpy(),
            "year": panel["year"].to_numpy(),
            "capdist": panel["capdist"].to_numpy(),
            "ally": panel[column].fillna(0).to_numpy() == 1,
        }
    )
    allies = frame[frame["ally"]].groupby(["ccode", "year"])["capdist"]
    out = frame.groupby(["ccode", "year"])["capdist"].max().rename("farthest_member_km").to_frame()
    out["allies"] = allies.size()
    out["median_ally_km"] = allies.median()
    out["p90_ally_km"] = allies.quantile(0.9)
    out["reach_km"] = allies.max()
    out = out.reset_index()
    out["allies"] = out["allies"].fillna(0).astype(int)
    out["reach_share"] = out["reach_km"] / out["farthest_member_km"]
    out["stateabb"] = Lookup.get(warehouse).abbreviation(out["ccode"].to_numpy())
    out["obligation"] = obligation
    out = out[
        [
            "ccode",
            "stateabb",
            "year",
            "obligation",
            "allies",
            "median_ally_km",
            "p90_ally_km",
            "reach_km",
            "farthest_member_km",
            "reach_share",
        ]
    ]
    return _with_sources(out, panel.sources)


def loss_of_strength(start=GML_FIRST, end=GML_LAST, warehouse=None):
    """The loss-of-strength gradient, estimated from where major powers' allies and dispute opponents lie.

    Rows: every (major power i, other system member j, year) of COW major status. For two ties, an
    ATOP alliance in force (either direction) and a GML dispute onset between i and j (either side),
    a logit of the tie on the capital distance in 1000 km per era, errors clustered by dyad. Each
    1000 km multiplies the odds of a tie by exp(coef); ``half_distance_km`` = 1000 ln 2 / -coef is
    the distance over which the odds halve (Boulding's loss of strength read as an exponential decay
    of the odds).

    Parameters
    ----------
    start, end : int, default 1816, 2010
        GML disputes end in 2010.
    warehouse : str or Path, optional

    Returns
    -------
    GradientResult
        ``gradients`` (one row per tie and era) and ``bands`` (tie rates by distance band, the
        non-parametric picture).

    References
    ----------
    Boulding, K. E. (1962), Conflict and Defense: A General Theory, Harper.
    """
    check_range("start", start, GML_FIRST, GML_LAST)
    check_range("end", end, GML_FIRST, GML_LAST)
    panel = _major_dyads(start, end, warehouse)
    lookup = Lookup.get(warehouse)
    onset = gml_cubes(lookup)["mid_onset"]
    c1, c2, year = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), panel["year"].to_numpy()
    dispute = np.maximum(lookup.read_dyad(onset, c1, c2, year), lookup.read_dyad(onset, c2, c1, year))
    frame = pd.DataFrame(
        {
            "ccode1": c1,
            "ccode2": c2,
            "year": year,
            "era": era_of(year),
            "distance_1000km": panel["capdist"].to_numpy() / 1000.0,
            "ally": panel["atop_any"].fillna(0).to_numpy().astype(float),
            "dispute": dispute.astype(float),
        }
    )
    frame["dyad"] = np.minimum(c1, c2) * 1000 + np.maximum(c1, c2)
    rows, bands = [], []
    edges = np.asarray(DISTANCE_BANDS_KM) / 1000.0
    labels = [f"{a}-{b} km" for a, b in zip(DISTANCE_BANDS_KM[:-1], DISTANCE_BANDS_KM[1:])]
    frame["band"] = pd.cut(frame["distance_1000km"], edges, right=False, labels=labels)
    for tie in ("ally", "dispute"):
        for era in [name for _, _, name in ERAS] + ["all"]:
            part = frame if era == "all" else frame[frame["era"] == era]
            if part.empty or part[tie].sum() < 2:
                continue
            fit = stats.fit_logit(part, tie, ["distance_1000km"], cluster="dyad")
            coef, se = fit.table.loc["distance_1000km", ["coef", "se"]]
            rows.append(
                {
                    "tie": tie,
                    "era": era,
                    "dyad_years": fit.n,
                    "ties": fit.events,
                    "coef_per_1000km": coef,
                    "se": se,
                    "odds_ratio_per_1000km": np.exp(coef),
                    "half_distance_km": 1000 * np.log(2) / -coef if coef < 0 else np.nan,
                }
            )
        rates = frame.groupby("band", observed=False)[tie].agg(["size", "mean"]).reset_index()
        for r in rates.itertuples():
            bands.append({"tie": tie, "band": r.band, "dyad_years": r.size, "rate": r.mean})
    sources = list(panel.sources)
    for citation in lookup.citations(["gml_dyads"]):
        if citation not in sources:
            sources.append(citation)
    return GradientResult(
        gradients=_with_sources(pd.DataFrame(rows), sources), bands=_with_sources(pd.DataFrame(bands), sources)
    )


@dataclass
class GradientResult:
    """The loss-of-strength gradient (``loss_of_strength``).

    Parameters
    ----------
    gradients : pandas.DataFrame
        Logit slope of ties on distance per tie and era.
    bands : pandas.DataFrame
        Tie rates by distance band.
    """

    gradients: pd.DataFrame
    bands: pd.DataFrame
