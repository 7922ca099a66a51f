"""ATOP alliance steps: obligations between the two states and counts of each state's alliances."""

import numpy as np

from alliancelab.data import facts
from alliancelab.errors import check_choice
from alliancelab.panels.adders._common import (
    _outside,
    _require_dyadic,
    nullable_int,
    panel_lookup,
    panel_sides,
    with_columns,
)

OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


# --- ATOP -----------------------------------------------------------------------------------------
def atop_cube(lookup):
    """ATOP 5.1 obligations as a dense (year, pledger, receiver) cube.

    Bit k is set when obligation k (defense, offense, neutral, nonagg, consul) is pledged.

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
        t = lookup.table("atop_dyads")
        bits = sum(t[f"atop_{name}"].fillna(0).to_numpy().astype(np.int8) << k for k, name in enumerate(OBLIGATIONS))
        return lookup.dyad_cube(t["ccode1"], t["ccode2"], t["year"], bits, reducer="max")

    return lookup.cached("atop_cube", build)


def atop_onset_cube(lookup):
    """Alliance onsets as a dense (year, a, b) cube.

    1 when a and b start sharing an ATOP 4.01 alliance that year (a != b).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).

    Returns
    -------
    numpy.ndarray
        (year, state, state) array of 0/1.
    """

    def build():
        m = lookup.table("atop_members")
        entry = m.groupby(["atopid", "member"], as_index=False)["yrent"].min()
        pairs = entry.merge(entry, on="atopid", suffixes=("1", "2"))
        pairs = pairs[pairs["member1"] != pairs["member2"]]
        start = np.maximum(pairs["yrent1"].to_numpy(), pairs["yrent2"].to_numpy())
        return lookup.dyad_cube(pairs["member1"], pairs["member2"], start, np.ones(len(pairs)))

    return lookup.cached("atop_onset_cube", build)


def add_atop(panel, collapse=None, onset=False):
    """ATOP 5.1 obligations of the dyad: atop_defense, _offense, _neutral, _nonagg, _consul, atop_any.

    Directed panel, ``collapse=None`` (default): the pledge of ccode1 to ccode2 only, so asymmetric
    pledges stay directed. ``collapse="either"``: an obligation in either direction; ``"both"``: in
    both directions. A non-directed panel needs a collapse and uses "either" by default.
    ``onset=True`` adds atop_onset: 1 in the year the pair starts sharing an alliance (ATOP 4.01
    member-level entry years, coverage 1815-2016). Presence coverage: 1815-2018.

    Parameters
    ----------
    panel : Panel
        A dyad-year panel (``dyad_years``).
    collapse : {None, "either", "both"}, optional
        How the two directions combine.
    onset : bool, default False
        Also add atop_onset.

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Leeds, B. A., Ritter, J. M., Mitchell, S. M. and Long, A. G. (2002), "Alliance Treaty Obligations and
    Provisions, 1815-1944", International Interactions 28: 237-260.
    """
    _require_dyadic(panel, "add_atop")
    check_choice("collapse", collapse, (None, "either", "both"))
    if collapse is None and not panel.attrs.get("directed", True):
        collapse = "either"
    lookup = panel_lookup(panel)
    cube = atop_cube(lookup)
    c1, c2, year = panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), panel["year"].to_numpy()
    bits = lookup.read_dyad(cube, c1, c2, year)
    if collapse == "either":
        bits = bits | lookup.read_dyad(cube, c2, c1, year)
    elif collapse == "both":
        bits = bits & lookup.read_dyad(cube, c2, c1, year)
    missing = _outside(year, "atop_dyads")
    columns = {f"atop_{name}": nullable_int((bits >> k) & 1, missing) for k, name in enumerate(OBLIGATIONS)}
    columns["atop_any"] = nullable_int(bits > 0, missing)
    sources = ["atop_dyads"]
    if onset:
        start = lookup.read_dyad(atop_onset_cube(lookup), c1, c2, year)
        columns["atop_onset"] = nullable_int(start, _outside(year, "atop_members"))
        sources.append("atop_members")
    return with_columns(panel, columns, sources)


def alliance_count_arrays(lookup, count="any_day", entry_dates=None):
    """Per state and year, the number of ATOP 4.01 alliances (any, and with a defense pledge).

    Parameters
    ----------
    lookup : Lookup
        The warehouse lookup (``alliancelab.panels.lookup.Lookup.get``).
    count : {"any_day", "full_year"}, default "any_day"
        Which years a membership counts in (``data.facts.alliance_spells``).
    entry_dates : pandas.DataFrame, optional
        Entry dates replacing ATOP's (atopid, member, yrent[, moent, dayent]).

    Returns
    -------
    total, defense : numpy.ndarray
        (state, year) arrays of the number of alliances, and of those with a defense pledge.
    """

    def build():
        spells = facts.alliance_spells(lookup.table("atop_members"), count, entry_dates)
        years = facts.alliance_member_years(spells)
        counts = years.groupby(["member", "year"]).agg(n=("atopid", "size"), d=("defense", "sum")).reset_index()
        total = lookup.state_array(counts["member"], counts["year"], counts["n"], fill=0, dtype=np.int32)
        defense = lookup.state_array(counts["member"], counts["year"], counts["d"], fill=0, dtype=np.int32)
        return total, defense

    if entry_dates is not None:
        return build()
    return lookup.cached(("alliance_counts", count), build)


def add_alliance_counts(panel, count="any_day", entry_dates=None):
    """atop_alliances / atop_defense_alliances: the ATOP 4.01 alliances each state belongs to that year.

    Any alliance / one with a defense pledge (coverage 1815-2016). A membership counts in every year
    from ATOP's entry date (signature of the treaty or of the accession protocol) to its exit
    (``count="any_day"``); ``count="full_year"`` counts only years it covers from 1 January to
    31 December.

    Parameters
    ----------
    panel : Panel
        A state-year panel (``state_years``), or a dyad-year panel (columns for both states, ending in 1 and 2).
    count : {"any_day", "full_year"}, default "any_day"
        Which years a membership counts in.
    entry_dates : pandas.DataFrame, optional
        Columns atopid, member, yrent (and optionally moent, dayent) replacing ATOP's entry dates, e.g.
        with ratification or accession dates (``data.facts.alliance_spells``).

    Returns
    -------
    Panel
        A new panel with the columns added and the source's citation recorded in ``attrs["sources"]``.

    References
    ----------
    Leeds, Ritter, Mitchell & Long (2002), International Interactions 28: 237-260.
    """
    lookup = panel_lookup(panel)
    total, defense = alliance_count_arrays(lookup, count, entry_dates)
    year = panel["year"].to_numpy()
    missing = _outside(year, "atop_members")
    columns = {}
    for suffix, ccode in panel_sides(panel):
        columns[f"atop_alliances{suffix}"] = nullable_int(lookup.read_state(total, ccode, year), missing, "Int16")
        columns[f"atop_defense_alliances{suffix}"] = nullable_int(
            lookup.read_state(defense, ccode, year), missing, "Int16"
        )
    return with_columns(panel, columns, ["atop_members"])
