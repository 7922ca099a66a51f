"""How far allies are from each other: allied pairs with their capital and border distances, by era and by year."""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.eras import ERAS, era_of
from alliancelab.panels import dyad_years
from alliancelab.panels.adders import OBLIGATIONS

ALL_YEARS = f"{facts.SYSTEM_FIRST}-{facts.SYSTEM_LAST}"  # the label of the whole period
GML_FIRST, GML_LAST = facts.coverage("gml_dyads")  # disputes: the gradient's years

GROUPS = ("all pairs", "any alliance") + OBLIGATIONS
DISTANCE_BANDS_KM = (0, 500, 1000, 2000, 4000, 8000, 25000)


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
