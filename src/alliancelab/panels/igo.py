"""COW intergovernmental organisations: joint full memberships of a dyad and membership counts of a
state (COW IGO 3.0, 1816-2014), like peacesciencer's ``add_igos``.

Both files list zero counts explicitly, so a panel row the file does not list is missing (the source
says nothing about it), not zero; rows after 2014 are missing.
"""

import numpy as np

from alliancelab.data import facts
from alliancelab.panels.steps_common import (
    add_columns,
    gw_aware,
    is_dyadic,
    nullable_int,
    outside,
    panel_lookup,
    panel_sides,
)

COVERAGE = facts.coverage("igo_dyads")  # (1816, 2014)
STATE_COVERAGE = facts.coverage("igo_states")  # (1816, 2014)
STATE_COUNTS = ("sum_igo_full", "sum_igo_associate", "sum_igo_observer", "sum_igo_anytype")


def igo_dyad_cube(lookup):
    """Joint full IGO memberships as a dense (year, a, b) cube (symmetric).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) counts, -1 where the file has no row.
    """

    def build():
        t = lookup.table("igo_dyads")
        cube = lookup.dyad_cube(t["ccode1"], t["ccode2"], t["year"], t["dyadigos"], fill=-1, dtype=np.int16)
        return np.maximum(cube, cube.transpose(0, 2, 1))

    return lookup.cached("igo_dyads", build)


def igo_state_arrays(lookup):
    """Dense (state, year) arrays of each state's IGO membership counts, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    dict of numpy.ndarray
        Column -> (state, year) int16 array, -1 where the file has no row.
    """

    def build():
        t = lookup.table("igo_states")
        return {
            c: lookup.state_array(t["ccode"], t["year"], t[c].to_numpy(), fill=-1, dtype=np.int16) for c in STATE_COUNTS
        }

    return lookup.cached("igo_states", build)


@gw_aware
def add_igos(panel, counts=None):
    """IGO memberships.

    Dyad panel: ``dyadigos``, the number of IGOs in which both states are full members that year. State
    panel (or ``counts=True`` on a dyad panel, with suffixes 1/2): ``sum_igo_full``,
    ``sum_igo_associate``, ``sum_igo_observer``, ``sum_igo_anytype``. Entries the source codes as missing
    are not counted, so 0 means no *recorded* membership. Coverage 1816-2014.

    Parameters
    ----------
    panel : Panel
        A state-year panel, or a dyad-year panel (columns for both states, suffixes 1 and 2).
    counts : bool, optional
        Also add each state's membership counts (default: on a state panel only).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Pevehouse, J. C. W., Nordstrom, T., McManus, R. W. and Jamison, A. S. (2020), "Tracking
    organizations in the world: The Correlates of War IGO Version 3.0 datasets", Journal of Peace
    Research 57(3): 492-503.
    """
    lookup = panel_lookup(panel)
    year = panel["year"].to_numpy()
    out, sources = {}, []
    if is_dyadic(panel):
        values = lookup.read_dyad(igo_dyad_cube(lookup), panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), year)
        out["dyadigos"] = nullable_int(np.maximum(values, 0), outside(year, COVERAGE) | (values < 0), "Int16")
        sources.append("igo_dyads")
    if counts or (counts is None and not is_dyadic(panel)):
        arrays = igo_state_arrays(lookup)
        late = outside(year, STATE_COVERAGE)
        positions = [(suffix, lookup.state_positions(ccode, year)) for suffix, ccode in panel_sides(panel)]
        for name in STATE_COUNTS:
            for suffix, where in positions:
                values = lookup.read_state(arrays[name], None, None, where)
                out[f"{name}{suffix}"] = nullable_int(np.maximum(values, 0), late | (values < 0), "Int16")
        sources.append("igo_states")
    return add_columns(panel, out, sources, "add_igos")
