"""Strategic rivalries by type, from both rivalry data sets:

- Thompson, Sakuwa & Suhas 2021 (TSS, 1494-2020): ``add_tss_rivalries``, like peacesciencer's
  ``add_strategic_rivalries``;
- Thompson & Dreyer 2012 (TD, 1494-2010): ``add_td_rivalry_types``, the types of the rivalries that
  ``add_rivalry`` marks.

A pair can be rivals in several spells (e.g. Britain-France 1 and 2); a type is marked in a year when
any rivalry of the pair that touches the year carries it. Venice (code 324 in the TSS file) has no COW
code and is never joined; Thompson & Dreyer's Sardinia (324) is read as Italy (325), as in
``add_rivalry``.
"""

import numpy as np

from alliancelab.data import facts
from alliancelab.panels.lookup import NYEARS, YEAR0
from alliancelab.panels.steps_common import (
    add_columns,
    gw_aware,
    nullable_int,
    outside,
    panel_lookup,
    require_dyadic,
    spell_years,
)

TYPES = ("positional", "spatial", "ideological", "interventionary")
TSS_COVERAGE = facts.coverage("tss_rivalries")  # (1494, 2020)
TD_COVERAGE = facts.coverage("rivalries")  # (1494, 2010)


def _type_cube(lookup, c1, c2, first, last, bits):
    """(year, a, b) int8 cube: bitwise OR of ``bits`` over the spells touching the year (symmetric)."""
    rows, years = spell_years(first, last)
    i, j = lookup.positions(c1[rows]), lookup.positions(c2[rows])
    yr = years - YEAR0
    ok = (i >= 0) & (j >= 0) & (yr >= 0) & (yr < NYEARS)
    cube = np.zeros((NYEARS, lookup.size, lookup.size), dtype=np.int8)
    values = bits[rows][ok].astype(np.int8)
    np.bitwise_or.at(cube, (yr[ok], i[ok], j[ok]), values)
    np.bitwise_or.at(cube, (yr[ok], j[ok], i[ok]), values)
    return cube


def tss_cube(lookup):
    """Thompson, Sakuwa & Suhas rivalries as a dense (year, a, b) cube of bit flags, built once per lookup.

    Bit 0 rivalry, bits 1-4 the TSS types, bit 5 principal, bit 6 asymmetric principal.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of bit flags.
    """

    def build():
        t = lookup.table("tss_rivalries")
        flags = ["positional", "spatial", "ideological", "interventionary", "principal", "aprin"]
        bits = np.ones(len(t), dtype=np.int64)
        for k, name in enumerate(flags, start=1):
            bits |= (t[name].fillna(0).to_numpy() == 1).astype(np.int64) << k
        return _type_cube(
            lookup, t["ccode1"].to_numpy(), t["ccode2"].to_numpy(), t["start"].to_numpy(), t["end"].to_numpy(), bits
        )

    return lookup.cached("tss_rivalries", build)


@gw_aware
def add_tss_rivalries(panel):
    """Thompson, Sakuwa & Suhas strategic rivalries (1494-2020) on a dyad panel.

    ``tss_rivalry`` (1 if the two are strategic rivals that year), the types ``tss_positional``,
    ``tss_spatial``, ``tss_ideological``, ``tss_interventionary``, and ``tss_principal`` / ``tss_aprin``
    (principal / asymmetric principal rivalry). Types the authors leave unmarked are 0.

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Thompson, W. R., Sakuwa, K. and Suhas, P. H. (2021), Analyzing Strategic Rivalries in World
    Politics, Springer.
    """
    require_dyadic(panel, "add_tss_rivalries")
    lookup = panel_lookup(panel)
    year = panel["year"].to_numpy()
    bits = lookup.read_dyad(tss_cube(lookup), panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), year)
    missing = outside(year, TSS_COVERAGE)
    names = ["rivalry", *TYPES, "principal", "aprin"]
    out = {f"tss_{name}": nullable_int((bits >> k) & 1, missing) for k, name in enumerate(names)}
    return add_columns(panel, out, ["tss_rivalries"], "add_tss_rivalries")


def td_type_cube(lookup):
    """Thompson & Dreyer rivalry types as a dense (year, a, b) cube of bit flags, built once per lookup.

    Bits 0-3: the types (any of type1..type3) of the pair's rivalries.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of bit flags.
    """

    def build():
        t = lookup.table("rivalries")
        bits = np.zeros(len(t), dtype=np.int64)
        labels = [c for c in ("type1", "type2", "type3") if c in t.columns]
        for k, name in enumerate(TYPES):
            marked = np.zeros(len(t), dtype=bool)
            for column in labels:
                marked |= t[column].astype("string").str.strip().str.lower().eq(name).fillna(False).to_numpy()
            bits |= marked.astype(np.int64) << k
        return _type_cube(
            lookup,
            t["ccode1"].to_numpy(),
            t["ccode2"].to_numpy(),
            t["styear"].to_numpy(),
            t["endyear"].to_numpy(),
            bits,
        )

    return lookup.cached("td_types", build)


@gw_aware
def add_td_rivalry_types(panel):
    """Thompson & Dreyer rivalry types on a dyad panel.

    ``td_positional``, ``td_spatial``, ``td_ideological``, ``td_interventionary`` (1 if a rivalry of that
    type is under way that year; a rivalry has up to three types). Missing after 2010.

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """
    require_dyadic(panel, "add_td_rivalry_types")
    lookup = panel_lookup(panel)
    year = panel["year"].to_numpy()
    bits = lookup.read_dyad(td_type_cube(lookup), panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), year)
    missing = outside(year, TD_COVERAGE)
    out = {f"td_{name}": nullable_int((bits >> k) & 1, missing) for k, name in enumerate(TYPES)}
    return add_columns(panel, out, ["rivalries"], "add_td_rivalry_types")
