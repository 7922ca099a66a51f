"""Conflict steps: GML disputes, wars, strategic rivalries and peace years of a dyad."""

import numpy as np

from alliancelab.data.facts import spell_years
from alliancelab.panels.adders._common import (
    _dyad_values,
    _outside,
    _require_dyadic,
    nullable_int,
    panel_lookup,
    with_columns,
)
from alliancelab.panels.adders._states import membership
from alliancelab.panels.lookup import NYEARS, YEAR0

# --- conflict ----------------------------------------------------------------------------------------
GML_FIELDS = ("mid_onset", "mid_ongoing", "mid_init1", "mid_init2", "mid_hostlev1", "mid_hostlev2", "mid_count")


def gml_cubes(lookup):
    """GML dispute indicators as dense (year, a, b) cubes, built once per lookup.

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        dict of (year, state, state) arrays: mid_onset, mid_ongoing, mid_count, mid_init,
        mid_hostlev, mid_init_hostility.
    """

    def build():
        g = lookup.table("gml_dyads")
        c1, c2, y = g["ccode1"], g["ccode2"], g["year"]
        onset = g["midonset"].fillna(0).to_numpy()
        init = onset * (g["sidea1"].fillna(0).to_numpy() == 1) * (g["orig1"].fillna(0).to_numpy() == 1)
        cubes = {
            "mid_onset": lookup.dyad_cube(c1, c2, y, onset, reducer="max"),
            "mid_ongoing": lookup.dyad_cube(c1, c2, y, g["midongoing"].fillna(0).to_numpy(), reducer="max"),
            "mid_init": lookup.dyad_cube(c1, c2, y, init, reducer="max"),
            "mid_hostlev": lookup.dyad_cube(c1, c2, y, g["hostlev1"].fillna(0).to_numpy(), reducer="max"),
        }
        cell = (y.to_numpy() - YEAR0, lookup.positions(c1), lookup.positions(c2))
        count = np.zeros_like(cubes["mid_onset"], dtype=np.int16)
        np.add.at(count, cell, onset.astype(np.int16))
        cubes["mid_count"] = count
        # sum over the disputes ccode1 initiated against ccode2 that year of ccode1's hostility level
        hostility = np.zeros_like(cubes["mid_onset"], dtype=np.int16)
        np.add.at(hostility, cell, (init * g["hostlev1"].fillna(0).to_numpy()).astype(np.int16))
        cubes["mid_init_hostility"] = hostility
        return cubes

    return lookup.cached("gml", build)


def add_gml(panel):
    """GML militarized disputes (2.2.1, 1816-2010), per dyad-year.

    mid_onset / mid_ongoing (a dispute between the two starts / is under way), mid_count (disputes
    starting), mid_init1 / mid_init2 (the first / second state initiated one: side A and an
    originator), mid_hostlev1 / mid_hostlev2 (each side's highest hostility level, 1-5, 0 if none;
    -9 in the source is missing and counts as no level).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Gibler, D. M., Miller, S. V. and Little, E. K. (2016), "An Analysis of the Militarized Interstate
    Dispute (MID) Dataset, 1816-2001", ISQ 60(4): 719-730.
    """
    _require_dyadic(panel, "add_gml")
    lookup = panel_lookup(panel)
    cubes = gml_cubes(lookup)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    forward, backward = lookup.dyad_positions(c1, c2, year), lookup.dyad_positions(c2, c1, year)
    missing = _outside(year, "gml_dyads")

    def read(name, positions, dtype="Int8"):
        return nullable_int(lookup.read_dyad(cubes[name], None, None, None, positions), missing, dtype)

    out = {
        "mid_onset": read("mid_onset", forward),
        "mid_ongoing": read("mid_ongoing", forward),
        "mid_count": read("mid_count", forward, "Int16"),
        "mid_init1": read("mid_init", forward),
        "mid_init2": read("mid_init", backward),
        "mid_hostlev1": read("mid_hostlev", forward),
        "mid_hostlev2": read("mid_hostlev", backward),
    }
    return with_columns(panel, out, ["gml_dyads"])


def add_wars(panel):
    """COW inter-state war (4.0, 1816-2007) of the dyad.

    war_ongoing, war_onset (the two fight each other, on opposite sides), war_init1 (the first state
    initiated that war), warnum (lowest war number).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Sarkees, M. R. and Wayman, F. (2010), Resort to War: 1816-2007, CQ Press.
    """
    _require_dyadic(panel, "add_wars")
    lookup = panel_lookup(panel)

    def build():
        w = lookup.table("wars")
        c1, c2, y = w["ccode1"], w["ccode2"], w["year"]
        return {
            "ongoing": lookup.dyad_cube(c1, c2, y, w["cowinterongoing"].fillna(0).to_numpy(), reducer="max"),
            "onset": lookup.dyad_cube(c1, c2, y, w["cowinteronset"].fillna(0).to_numpy(), reducer="max"),
            "init": lookup.dyad_cube(c1, c2, y, w["initiator1"].fillna(0).to_numpy(), reducer="max"),
            "warnum": lookup.dyad_cube(c1, c2, y, w["warnum"].to_numpy(), fill=32000, dtype=np.int16, reducer="min"),
        }

    cubes = lookup.cached("wars", build)
    year = panel["year"].to_numpy()
    c1, c2 = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy()
    missing = _outside(year, "wars")
    warnum = lookup.read_dyad(cubes["warnum"], c1, c2, year)
    out = {
        "war_ongoing": nullable_int(lookup.read_dyad(cubes["ongoing"], c1, c2, year), missing),
        "war_onset": nullable_int(lookup.read_dyad(cubes["onset"], c1, c2, year), missing),
        "war_init1": nullable_int(lookup.read_dyad(cubes["init"], c1, c2, year), missing),
        "warnum": nullable_int(np.where(warnum == 32000, 0, warnum), missing | (warnum == 32000), "Int16"),
    }
    return with_columns(panel, out, ["wars"])


def rivalry_cube(lookup):
    """Strategic rivalry as a dense (year, a, b) cube (symmetric).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array, 1 when a and b are strategic rivals.
    """

    def build():
        r = lookup.table("rivalries")
        rows, years = spell_years(r["styear"], r["endyear"])
        c1, c2 = r["ccode1"].to_numpy()[rows], r["ccode2"].to_numpy()[rows]
        cube = lookup.dyad_cube(c1, c2, years, np.ones(len(rows)), reducer="max")
        return np.maximum(cube, cube.transpose(0, 2, 1))

    return lookup.cached("rivalry", build)


def add_rivalry(panel):
    """td_rivalry (1/0): the two are strategic rivals that year (to 2010).

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Thompson, W. R. and Dreyer, D. R. (2012), Handbook of International Rivalries, CQ Press.
    """
    _require_dyadic(panel, "add_rivalry")
    lookup = panel_lookup(panel)
    cube = rivalry_cube(lookup)
    values, year = _dyad_values(panel, lookup, cube)
    return with_columns(panel, {"td_rivalry": nullable_int(values, _outside(year, "rivalries"))}, ["rivalries"])


def peace_years_cube(lookup):
    """Years since the pair's last GML dispute onset, as a dense (year, a, b) cube.

    Counted from 0 in the year of a dispute or in the first year both are system members (again after a
    state re-enters).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of years.
    """

    def build():
        onset = gml_cubes(lookup)["mid_onset"]
        onset = np.maximum(onset, onset.transpose(0, 2, 1))
        member = membership(lookup)
        peace = np.zeros(onset.shape, dtype=np.int16)
        for t in range(1, NYEARS):
            existed = member[t - 1][:, None] & member[t - 1][None, :]
            peace[t] = np.where(onset[t] == 1, 0, np.where(existed, peace[t - 1] + 1, 0))
        return peace

    return lookup.cached("peace_years", build)


def add_peace_years(panel):
    """gml_peace_years: years since the dyad's last GML dispute onset (see ``peace_years_cube``).

    1816-2010; missing after the GML coverage ends.

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.
    """
    _require_dyadic(panel, "add_peace_years")
    lookup = panel_lookup(panel)
    values, year = _dyad_values(panel, lookup, peace_years_cube(lookup))
    return with_columns(
        panel, {"gml_peace_years": nullable_int(values, _outside(year, "gml_dyads"), "Int16")}, ["gml_dyads", "states"]
    )
