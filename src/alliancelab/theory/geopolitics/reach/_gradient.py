"""How far the great powers' alliance networks reach, and Boulding's loss-of-strength gradient in disputes."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.eras import ERAS, era_of
from alliancelab.errors import ParameterError, check_range
from alliancelab.panels import Panel, state_years
from alliancelab.panels.adders import OBLIGATIONS, gml_cubes
from alliancelab.panels.lookup import Lookup
from alliancelab.theory.geopolitics import stats
from alliancelab.theory.geopolitics.reach._distances import DISTANCE_BANDS_KM, GML_FIRST, GML_LAST, _with_sources


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
