"""Maoz's (2010) regional and global powers, an alternative to the COW major powers
(peacesciencer: ``add_cow_majors`` and its Maoz counterpart).

A state counts as a power in every calendar year its spell touches (the rule ``add_majors`` uses for
COW majors). Spells run to 2019-12-31; coverage 1816-2019.
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.panels.steps_common import (
    add_columns,
    gw_aware,
    nullable_int,
    outside,
    panel_lookup,
    panel_sides,
    spell_years,
)

COVERAGE = facts.coverage("maoz_powers")  # (1816, 2019)


def maoz_arrays(lookup):
    """Dense (state, year) arrays of Maoz's regional and global powers, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    dict of numpy.ndarray
        "regional" and "global": (state, year) int8 arrays, 1 in the years a state holds that status.
    """

    def build():
        t = lookup.table("maoz_powers")
        arrays = {}
        for kind, (first, last) in {
            "regional": ("regstdate", "regenddate"),
            "global": ("globstdate", "globenddate"),
        }.items():
            rows = t[t[first].notna()]
            rows_idx, years = spell_years(
                pd.to_datetime(rows[first]).dt.year.to_numpy(), pd.to_datetime(rows[last]).dt.year.to_numpy()
            )
            arrays[kind] = lookup.state_array(
                rows["ccode"].to_numpy()[rows_idx], years, np.ones(len(rows_idx)), fill=0, dtype=np.int8
            )
        return arrays

    return lookup.cached("maoz_powers", build)


@gw_aware
def add_maoz_powers(panel):
    """Maoz's regional and global powers.

    ``maoz_regional``, ``maoz_global`` (1/0: a regional / global power in any part of the year) and
    ``maoz_power`` (either), suffixes 1/2 on a dyad panel; missing after 2019.

    Parameters
    ----------
    panel : Panel
        A state-year panel, or a dyad-year panel (columns for both states, suffixes 1 and 2).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Maoz, Z. (2010), Networks of Nations, Cambridge University Press.
    """
    lookup = panel_lookup(panel)
    arrays = maoz_arrays(lookup)
    year = panel["year"].to_numpy()
    missing = outside(year, COVERAGE)
    out = {}
    for suffix, ccode in panel_sides(panel):
        where = lookup.state_positions(ccode, year)
        regional = lookup.read_state(arrays["regional"], None, None, where)
        world = lookup.read_state(arrays["global"], None, None, where)
        out[f"maoz_regional{suffix}"] = nullable_int(regional, missing)
        out[f"maoz_global{suffix}"] = nullable_int(world, missing)
        out[f"maoz_power{suffix}"] = nullable_int(regional | world, missing)
    return add_columns(panel, out, ["maoz_powers"], "add_maoz_powers")
