"""The feature groups, their columns and sources, and the raw inputs of the builder, gathered once."""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR, dyad_years
from alliancelab.panels.lookup import YEAR0, Lookup
from alliancelab.predict import detente, landscape

GROUPS = {
    "power": ["cinc_min_log", "cinc_max_log", "capability_ratio_log", "cinc_joint"],
    "threat": [
        "mutual_threat_max",
        "mutual_threat_min",
        "threat_faced_min",
        "threat_faced_max",
        "common_threat",
        "common_top_threats",
    ],
    "geography": ["mindist_log", "capdist_log", "contiguous_land", "contiguous_water24"],
    "ideology": ["polity_min", "polity_distance", "joint_democracy"],
    "network": [
        "shared_allies",
        "alliance_degree_min",
        "alliance_degree_max",
        "portfolio_s",
        "ever_allied",
        "years_since_allied",
        "allied_now",
    ],
    "hostility": ["dispute_ongoing", "disputes_10y", "rivalry", "common_rivals"],
    "trade": ["trade_min_log", "trade_max_log"],
    "status": ["major_count", "state_age_min_log"],
    "landscape": list(landscape.FEATURES),
    "detente": list(detente.FEATURES),
}
GROUP_NAMES = tuple(GROUPS)
# The standard covariates of the alliance-formation logit (e.g. Gibler & Wolford 2006; Lai & Reiter
# 2000): capability ratio, distance, regime similarity, disputes, major powers.
BASELINE = ["capability_ratio_log", "capdist_log", "polity_distance", "joint_democracy", "disputes_10y", "major_count"]
TARGETS = ("onset_any", "onset_defense", "presence_any")
SOURCES = [
    "atop_dyads",
    "nmc",
    "majors",
    "contiguity",
    "min_distance",
    "capitals",
    "gml_dyads",
    "rivalries",
    "polity",
    "trade",
    "threat",
    "similarity",
    "atop_members",
    "atop_alliances",
    "wars",
    "capitals",
]
INPUT_COLUMNS = [
    "atop_any",
    "atop_defense",
    "cinc1",
    "cinc2",
    "major1",
    "major2",
    "conttype",
    "mindist",
    "capdist",
    "mid_onset",
    "mid_ongoing",
    "td_rivalry",
    "polity2_1",
    "polity2_2",
    "imports1",
    "imports2",
    "exports1",
    "exports2",
    "portfolio_s",
]
DISPUTE_WINDOW = 10
TOP_THREATS = 5


@dataclass
class FeatureInputs:
    """Raw inputs of the feature builder.

    Parameters
    ----------
    dyads : pandas.DataFrame
        Non-directed dyad-years (ccode1, ccode2, year) with the raw source columns INPUT_COLUMNS.
    threat : numpy.ndarray
        (year - year0, i, j) threat of state j to state i (NaN = not available).
    codes : numpy.ndarray
        ccode of each position i, j of ``threat``.
    year0 : int
        The year of threat[0].
    sources : list of str
        Citations of the sources used.
    landscape : dict
        Event tables of the landscape components (``predict.landscape.load_tables``), each with a
        ``year`` column.
    rivals : pandas.DataFrame
        Rival dyad-years with the raw detente signals (``predict.detente.load_signals``).
    """

    dyads: pd.DataFrame
    threat: np.ndarray
    codes: np.ndarray
    year0: int
    sources: list = field(default_factory=list)
    landscape: dict = field(default_factory=dict)
    rivals: pd.DataFrame = None


def load_inputs(start=FIRST_YEAR, end=LAST_YEAR, warehouse=None):
    """Read every raw source once: the dyad panel steps, portfolio similarity and the threat cube.

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    warehouse : str or Path, optional

    Returns
    -------
    FeatureInputs
    """
    check_range("start", start, FIRST_YEAR, LAST_YEAR)
    check_range("end", end, FIRST_YEAR, LAST_YEAR)
    if start > end:
        raise ParameterError(f"arguments start={start}, end={end}: expected start <= end")
    from alliancelab.measures.similarity._api import _dyad_similarity
    from alliancelab.measures.threat import threat_cube

    panel = (
        dyad_years(start, end, directed=False, warehouse=warehouse)
        .add_atop()
        .add_nmc(columns=("cinc",))
        .add_majors()
        .add_contiguity()
        .add_min_distance()
        .add_capital_distance()
        .add_gml()
        .add_rivalry()
        .add_polity()
        .add_trade()
    )
    sources = list(panel.attrs.get("sources", []))
    lookup = Lookup.get(warehouse)
    similarity = _dyad_similarity(start, end, measures=["s_unweighted"], con=lookup.con)
    panel = pd.DataFrame(panel).merge(
        similarity.rename(columns={"s_unweighted": "portfolio_s"}), on=["ccode1", "ccode2", "year"], how="left"
    )
    dyads = pd.DataFrame(
        {"ccode1": panel["ccode1"].to_numpy(), "ccode2": panel["ccode2"].to_numpy(), "year": panel["year"].to_numpy()}
    )
    for column in INPUT_COLUMNS:
        dyads[column] = panel[column].astype("float64").to_numpy()
    # The hand-weighted form: the "estimated" form's weights are fitted on named threats of every
    # year, so its year-t values would carry information from after t.
    cube = threat_cube(warehouse=warehouse, form="additive")
    threat = np.asarray(cube[start - YEAR0 : end - YEAR0 + 1], dtype=np.float32)
    sources += [
        "Walt 1987 balance of threat (alliancelab threat model)",
        "Signorino & Ritter 1999 S (alliancelab similarity)",
    ]
    tables = landscape.load_tables(end, warehouse=lookup.path)
    rivals = detente.load_signals(warehouse)
    rivals = rivals[rivals["year"] <= end].reset_index(drop=True)
    sources += [c for c in lookup.citations(["atop_members", "atop_alliances", "wars", "capitals"]) if c not in sources]
    sources += [
        "Axelrod & Bennett 1993 landscape propensity (alliancelab landscape)",
        "Thompson & Dreyer 2012 rivalries; detente rule (alliancelab detente, causal form)",
    ]
    return FeatureInputs(
        dyads=dyads,
        threat=threat,
        codes=np.asarray(lookup.codes),
        year0=start,
        sources=sources,
        landscape=tables,
        rivals=rivals,
    )


def check_groups(groups):
    """The feature groups asked for, checked against ``GROUP_NAMES``.

    Parameters
    ----------
    groups : list of str or None
        None for all.

    Returns
    -------
    list of str

    Examples
    --------
    >>> check_groups(["power"])
    ['power']
    """
    groups = list(GROUP_NAMES if groups is None else groups)
    for group in groups:
        if group not in GROUPS:
            raise ParameterError(f"argument groups: unknown group '{group}'; expected some of {list(GROUP_NAMES)}")
    return groups


def feature_columns(groups=None):
    """The feature names of the chosen groups, in GROUPS order.

    Parameters
    ----------
    groups : list of str, optional
        Default all of ``GROUP_NAMES``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> feature_columns(["power"])
    ['cinc_min_log', 'cinc_max_log', 'capability_ratio_log', 'cinc_joint']
    """
    groups = check_groups(groups)
    return [name for group in GROUP_NAMES if group in groups for name in GROUPS[group]]
