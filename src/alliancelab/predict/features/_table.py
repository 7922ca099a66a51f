"""Targets one year ahead (built apart from the features, so they cannot leak) and the prediction table."""

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.panels.frame import FIRST_YEAR, LAST_YEAR
from alliancelab.panels.lookup import Lookup
from alliancelab.predict.features._build import build_features
from alliancelab.predict.features._inputs import TARGETS, check_groups, feature_columns, load_inputs


def add_targets(features, inputs):
    """Add the one-year-ahead targets (these read year t+1 on purpose; never use them as features).

    onset_any: 1 if the pair has any ATOP obligation in t+1 and none in t; NaN where it already has
    one in t or is not a pair of system members in t+1 (or ATOP does not cover t+1).
    onset_defense: the same for a defense pledge. presence_any: any ATOP obligation in t+1 (NaN
    where the pair is not observed in t+1).

    Parameters
    ----------
    features : pandas.DataFrame
        ``build_features`` output.
    inputs : FeatureInputs

    Returns
    -------
    pandas.DataFrame
        ``features`` with onset_any, onset_defense, presence_any.
    """
    dyads = inputs.dyads
    key = ["ccode1", "ccode2", "year"]
    now = dyads[key + ["atop_any", "atop_defense"]]
    ahead = now.assign(year=now["year"] - 1).rename(columns={"atop_any": "next_any", "atop_defense": "next_defense"})
    merged = features[key].merge(now, on=key, how="left").merge(ahead, on=key, how="left")
    out = features.copy()
    out["onset_any"] = np.where(merged["atop_any"].to_numpy() == 0, merged["next_any"].to_numpy(), np.nan)
    out["onset_defense"] = np.where(merged["atop_defense"].to_numpy() == 0, merged["next_defense"].to_numpy(), np.nan)
    out["presence_any"] = merged["next_any"].to_numpy()
    out.attrs = dict(features.attrs)
    return out


_CACHE = {}


def prediction_table(start=FIRST_YEAR, end=LAST_YEAR, groups=None, warehouse=None):
    """Features of start..end with the targets (cached per warehouse and years).

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    groups : list of str, optional
        Default all of ``GROUP_NAMES``.
    warehouse : str or Path, optional

    Returns
    -------
    pandas.DataFrame
    """
    key = (Lookup.get(warehouse).path, start, end, tuple(check_groups(groups)))
    if key not in _CACHE:
        inputs = load_inputs(FIRST_YEAR, end, warehouse)
        _CACHE[key] = add_targets(build_features(inputs, groups, start, end), inputs)
    return _CACHE[key]


def add_prediction_features(panel, groups=None, targets=False):
    """Panel step: join the prediction features (and optionally the targets) onto a non-directed dyad panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        Non-directed dyad-years (ccode1, ccode2, year).
    groups : list of str, optional
        Default all of ``GROUP_NAMES``.
    targets : bool, default False
        Also add the one-year-ahead targets.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> from alliancelab import dyad_years
    >>> panel = add_prediction_features(dyad_years(2000, 2001, directed=False), groups=["power", "network"])
    >>> "shared_allies" in panel.columns
    True
    """
    if "ccode1" not in panel.columns or panel.attrs.get("directed", False):
        raise ParameterError(
            "add_prediction_features needs a non-directed dyad-year panel (dyad_years(..., directed=False))"
        )
    warehouse = panel.attrs.get("warehouse")
    start, end = int(panel["year"].min()), int(panel["year"].max())
    table = prediction_table(start, end, groups, warehouse)
    names = feature_columns(groups) + (list(TARGETS) if targets else [])
    merged = pd.DataFrame(panel).merge(
        table[["ccode1", "ccode2", "year"] + names], on=["ccode1", "ccode2", "year"], how="left"
    )
    from alliancelab.panels.frame import Panel

    out = Panel(merged)
    out.attrs = dict(panel.attrs)
    out.attrs["sources"] = list(dict.fromkeys(list(panel.attrs.get("sources", [])) + list(table.attrs["sources"])))
    return out
