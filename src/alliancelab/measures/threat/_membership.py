"""Which states can threaten or be threatened in a year: COW members plus represented states.

COW's state system leaves out states whose sovereignty was suspended by occupation, e.g. Japan
1946-1951 (Allied occupation) or the two German states before their entry (1954/1955), although
their governments signed alliances (US-Japan 1951) and other states feared or courted them.

Rule (``represented``):

1. *Interrupted membership*: a state absent from the system for at most ``max_gap`` years
   (default 10) between two membership spells is represented in the gap under its own code
   (Japan 1946-1951; the governments of occupied Europe in exile 1940-1944; Ethiopia 1937-1940).
2. *Partition of an occupied state*: a state listed in ``PARTITIONS`` (COW's successor codes of a
   state that left the system under occupation) is represented from the year after its
   predecessor left until it enters (West Germany 260 and East Germany 265 from 1946, after
   Germany 255 left in 1945).

A represented state decides and can be threatened (its row of the threat cube is scored) but
threatens no one (its column is NaN): occupied or in exile, it has no forces of its own, and a
treaty naming it (the 1947-1949 treaties naming occupied Germany) names no present threat (those
cases are dropped, ``DROP_REASONS["named_absent"]``). Every form applies the rule the same way: the
estimated features (``_features``) and the hand-weighted components (``_walt.component_cubes``).
Scoring its column from the source year would lend it forces it did not have (no Japanese or German
army 1946-1954); a threat that lies in a state's future rearmament is outside a measure of present
capability and intent.

A represented state's attributes (capabilities, regime, major-power status) and its geography
(distances, contiguity) are read from its nearest membership year (``source_year``; ties go to
the later year); its relations (alliances, disputes, wars, rivalries) are read as recorded in the
year itself. Longer absences (annexation, e.g. the Baltic states 1941-1990) are not represented.
"""

import numpy as np

from alliancelab.panels.adders import membership
from alliancelab.panels.lookup import NYEARS, YEAR0

MAX_GAP = 10
# COW successor codes of a state that left the system under occupation: successor -> predecessor.
PARTITIONS = {260: 255, 265: 255}


def represented(lookup, max_gap=MAX_GAP):
    """(year, state) COW membership extended to represented states, and the year standing in.

    Parameters
    ----------
    lookup : Lookup
        The warehouse's state arrays (``panels.lookup.Lookup.get()``).
    max_gap : int, default 10
        Longest gap (years) bridged for a state out of the system.

    Returns
    -------
    dict
        ``member`` (year, state) boolean (COW member or represented) and ``source_year`` (int: row
        index of the year whose attributes stand in; the year itself for members, -1 outside).
    """

    def build():
        member = membership(lookup)
        extended = member.copy()
        source = np.where(member, np.arange(NYEARS)[:, None], -1)
        for s in range(lookup.size):
            years = np.flatnonzero(member[:, s])
            if not len(years):
                continue
            gaps = np.flatnonzero(np.diff(years) > 1)
            for g in gaps:
                before, after = years[g], years[g + 1]
                if after - before - 1 <= max_gap:
                    _fill(extended, source, s, before + 1, after, before, after)
            code = int(lookup.codes[s])
            if code in PARTITIONS:
                p = lookup.positions([PARTITIONS[code]])[0]
                left = np.flatnonzero(member[:, p])
                left = left[left < years[0]]
                if len(left) and years[0] - left[-1] - 1 <= max_gap:
                    _fill(extended, source, s, left[-1] + 1, years[0], None, years[0])
        return {"member": extended, "source_year": source}

    return lookup.cached(("threat_represented", max_gap), build)


def _fill(extended, source, s, first, stop, before, after):
    for t in range(first, stop):
        extended[t, s] = True
        if before is None or after - t <= t - before:
            source[t, s] = after
        else:
            source[t, s] = before


def represented_rows(lookup, max_gap=MAX_GAP):
    """(year index, state index, source year index) of every represented, non-member state-year."""
    rep = represented(lookup, max_gap)
    member = membership(lookup)
    t, s = np.nonzero(rep["member"] & ~member)
    return t, s, rep["source_year"][t, s]


def carry_state(array, rows):
    """(year, state) array with represented cells read from their source year."""
    t, s, src = rows
    out = array.copy()
    out[t, s] = array[src, s]
    return out


def carry_dyads(cube, rows):
    """(year, i, j) cube with the rows and columns of represented states read from their source year."""
    t, s, src = rows
    out = cube.copy()
    for ti, si, yi in zip(t, s, src):
        out[ti, si, :] = cube[yi, si, :]
        out[ti, :, si] = cube[yi, :, si]
    return out


def describe_represented(lookup, max_gap=MAX_GAP):
    """One row per represented spell: ccode, first, last year, source year(s).

    Parameters
    ----------
    lookup : Lookup
        The warehouse's state arrays.
    max_gap : int, default 10

    Returns
    -------
    pandas.DataFrame
    """
    t, s, src = represented_rows(lookup, max_gap)
    spells = {}
    for ti, si, yi in zip(t, s, src):
        code = int(lookup.codes[si])
        spells.setdefault(code, []).append((ti + YEAR0, yi + YEAR0))
    out = []
    for code, years in sorted(spells.items()):
        years.sort()
        start = prev = years[0][0]
        for year, _ in years[1:] + [(None, None)]:
            if year is not None and year == prev + 1:
                prev = year
                continue
            out.append({"ccode": code, "first": start, "last": prev})
            if year is not None:
                start = prev = year
    return out


def represented_note(lookup, ccode, year, max_gap=MAX_GAP):
    """Why the threat model accepts ``ccode`` in ``year`` although it is not a COW member; None otherwise.

    Parameters
    ----------
    lookup : Lookup
    ccode : int
        COW code.
    year : int
    max_gap : int, default 10

    Returns
    -------
    str or None
        One sentence naming the represented spell and the year whose attributes stand in; None when
        the state is a member that year, or is not represented either.

    Examples
    --------
    >>> from alliancelab.panels.lookup import Lookup
    >>> represented_note(Lookup.get(), 740, 1950).split(":")[0]
    'Japan (JPN, 740) is not a state-system member in 1950'
    """
    position = lookup.positions([ccode])[0]
    if position < 0 or not 0 <= year - YEAR0 < NYEARS:
        return None
    t = year - YEAR0
    stand_in = represented(lookup, max_gap)["source_year"][:, position]
    member = membership(lookup)[:, position]
    if member[t] or stand_in[t] < 0:
        return None
    spell = (stand_in >= 0) & ~member
    first, last = t, t
    while first > 0 and spell[first - 1]:
        first -= 1
    while last < NYEARS - 1 and spell[last + 1]:
        last += 1
    return (
        f"{lookup.name(ccode)} ({lookup.abbreviation(ccode)}, {ccode}) is not a state-system member in {year}: "
        f"the threat model represents it in {first + YEAR0}-{last + YEAR0} (occupied or in exile, it decides and "
        f"can be threatened but threatens no one; its capabilities, regime and geography are those of "
        f"{stand_in[t] + YEAR0})"
    )
