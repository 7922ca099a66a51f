"""Democracy scores for state-years and dyad-years: V-Dem polyarchy, Polity IV polity2 and the extended
Unified Democracy Scores, as peacesciencer's ``add_democracy`` offers them, plus the usual dyadic forms.

Source: ``regime/ccode_democracy.csv.gz`` (COW state-years; Polity already mapped onto COW codes by
peacesciencer, unlike the Polity IV 2015 file read by ``add_polity``).
"""

import numpy as np

from alliancelab.data import facts
from alliancelab.errors import check_choice
from alliancelab.panels.steps_common import (
    add_columns,
    column_name,
    gw_aware,
    nullable_int,
    outside,
    panel_lookup,
    panel_sides,
)

MEASURES = ("v2x_polyarchy", "polity2", "xm_qudsest")
COVERAGE = {measure: facts.coverage("democracy", measure) for measure in MEASURES}  # V-Dem to 2019, others 2017
# A dyad is "both democracies" when both scores reach the threshold: polity2 >= 6 (Jaggers & Gurr
# 1995's conventional cut-off) and v2x_polyarchy >= 0.5 (the midpoint of the 0-1 index). The extended
# UDS has no conventional cut-off, so it gets no such column unless a threshold is given.
THRESHOLDS = {"polity2": 6.0, "v2x_polyarchy": 0.5}


def democracy_arrays(lookup):
    """Dense (state, year) arrays of the democracy scores, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    dict of numpy.ndarray
        Measure name -> (state, year) float array, NaN where the source has no score.
    """

    def build():
        table = lookup.table("democracy")
        return {m: lookup.state_array(table["ccode"], table["year"], table[m].to_numpy(np.float64)) for m in MEASURES}

    return lookup.cached("democracy", build)


@gw_aware
def add_democracy(panel, measures=MEASURES, thresholds=None):
    """Democracy scores of each state.

    ``v2x_polyarchy`` (0-1, to 2019), ``polity2`` (-10..10, to 2017), ``xm_qudsest`` (latent, to 2017).
    Missing where the source has no score and after its coverage.

    On a dyad panel each score gets the suffixes 1/2 (``polity2_1``, ``polity2_2``,
    ``v2x_polyarchy1``...) and three dyadic forms:

    - ``{m}_low``: the lower of the two scores (the weak-link form, Dixon 1994; Oneal & Russett 1997);
    - ``{m}_diff``: the absolute difference |m1 - m2|;
    - ``{m}_both_dem``: 1 when both scores reach the threshold, 0 otherwise, missing when either score
      is missing.

    Parameters
    ----------
    panel : Panel
        A state-year panel, or a dyad-year panel (columns for both states, suffixes 1 and 2).
    measures : sequence of str, default ("v2x_polyarchy", "polity2", "xm_qudsest")
        The scores to add.
    thresholds : dict, optional
        Measure -> democracy threshold (defaults polity2 >= 6, v2x_polyarchy >= 0.5; e.g.
        ``{"xm_qudsest": 0.5}`` for the UDS).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Coppedge et al. 2020, V-Dem v10; Marshall, Gurr & Jaggers 2017, Polity IV; Marquez 2016,
    "A Quick Method for Extending the Unified Democracy Scores"; Pemstein, Meserve & Melton 2010.
    """
    for measure in measures:
        check_choice("measures", measure, MEASURES)
    limits = dict(THRESHOLDS, **(thresholds or {}))
    lookup = panel_lookup(panel)
    arrays = democracy_arrays(lookup)
    year = panel["year"].to_numpy()
    positions = [(suffix, lookup.state_positions(ccode, year)) for suffix, ccode in panel_sides(panel)]
    out = {}
    for measure in measures:
        missing = outside(year, COVERAGE[measure])
        sides = []
        for suffix, where in positions:
            values = lookup.read_state(arrays[measure], None, None, where)
            if missing.any():
                values = np.where(missing, np.nan, values)
            out[column_name(measure, suffix)] = values
            sides.append(values)
        if len(sides) == 2:
            low = np.fmin(*sides)
            unknown = np.isnan(sides[0]) | np.isnan(sides[1])
            low[unknown] = np.nan
            out[f"{measure}_low"] = low
            out[f"{measure}_diff"] = np.abs(sides[0] - sides[1])
            if measure in limits:
                both = np.greater_equal(low, limits[measure], where=~unknown, out=np.zeros(len(low), dtype=bool))
                out[f"{measure}_both_dem"] = nullable_int(both, unknown)
    return add_columns(panel, out, ["democracy"], "add_democracy")
