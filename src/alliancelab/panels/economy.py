"""Surplus domestic product, GDP and population: the simulated estimates of Anders, Fariss &
Markowitz (2020), like peacesciencer's ``add_sdp_gdp``.

Every value is a **natural log of (x + 1)** of a simulated estimate (mean over the authors' draws),
rounded to 3 decimals: take ``np.expm1`` to get levels. GDP and SDP are in 2011 US$ (PPP). The file
extends before 1816 and before independence and lists 14 codes outside the COW list; the panel
reads it only at its own (COW member) rows. Values end in 2015; 2016 is missing.
"""

import numpy as np

from alliancelab.data import facts
from alliancelab.panels.steps_common import add_columns, gw_aware, outside, panel_lookup, panel_sides, state_array_from

COLUMNS = ("wbgdp2011est", "wbpopest", "sdpest", "wbgdppc2011est")
# the panel reads COW member rows only (from 1816); the values end in 2015 (the 2016 rows are empty)
COVERAGE = (facts.SYSTEM_FIRST, facts.coverage("sdp_gdp", "sdpest")[1])


@gw_aware
def add_sdp_gdp(panel, columns=COLUMNS):
    """Simulated GDP, population and surplus domestic product of each state (logs).

    ``wbgdp2011est`` log GDP, ``wbpopest`` log population, ``sdpest`` log surplus domestic product,
    ``wbgdppc2011est`` log GDP per capita (each log(x + 1), simulated estimates; suffixes 1/2 on a dyad
    panel). SDP = GDP minus the subsistence need of the population.

    Parameters
    ----------
    panel : Panel
        A state-year panel, or a dyad-year panel (columns for both states, suffixes 1 and 2).
    columns : sequence of str, default all four
        The columns to add.

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Anders, T., Fariss, C. J. and Markowitz, J. N. (2020), "Bread Before Guns or Butter", ISQ 64(2):
    392-405.
    """
    lookup = panel_lookup(panel)
    table = lookup.table("sdp_gdp")
    arrays = lookup.cached("sdp_gdp", lambda: {c: state_array_from(lookup, table, c) for c in COLUMNS})
    year = panel["year"].to_numpy()
    missing = outside(year, COVERAGE)
    positions = [(suffix, lookup.state_positions(ccode, year)) for suffix, ccode in panel_sides(panel)]
    out = {}
    for column in columns:
        for suffix, where in positions:
            values = lookup.read_state(arrays[column], None, None, where)
            out[f"{column}{suffix}"] = np.where(missing, np.nan, values) if missing.any() else values
    return add_columns(panel, out, ["sdp_gdp"], "add_sdp_gdp")
