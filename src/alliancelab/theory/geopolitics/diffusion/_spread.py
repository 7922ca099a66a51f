"""One war's spread year by year, and the sensitivity of the joining estimates to the at-risk set's definition."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import Lookup
from alliancelab.theory.geopolitics import stats
from alliancelab.theory.geopolitics.diffusion._analyses import ERA_COVARIATES, _with_sources, cross_tab
from alliancelab.theory.geopolitics.diffusion._at_risk import Diffusion, at_risk_set
from alliancelab.theory.geopolitics.diffusion._wars import FIRST_WAR_YEAR, LAST_WAR_YEAR, war_name


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
