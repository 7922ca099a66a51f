"""States that merged into another between the threat year and the decision year.

Threats are read in the year before the decision (y = t - 1). A state that leaves the system in
(y, t] by uniting with another (Syria into the United Arab Republic in February 1958; the German
states into the German Empire in 1866-1871) is, by the decision, part of that union: a threat it
posed is posed by the union, and a union that is a member of the alliance is inside it. The rule
therefore reads such a candidate under the code of the state it merged into (``successor_codes``).

``UNIFICATIONS`` lists the COW system members that ended by merging into another member (the
successor's COW code), from the COW State System Membership List v2016 (its spell end dates are read
from the warehouse; a spell that ends by conquest, annexation against resistance or dissolution is not a
unification and is not listed: South Vietnam 1975, the Baltic states 1940, Austria-Hungary 1918).
Years are calendar years (a merger in the decision year counts even if the treaty came earlier in that
year: the Arab Federation was signed on 14 February 1958, two weeks after the UAR's founding).

References: Correlates of War Project (2017), State System Membership List, v2016.
"""

import numpy as np

from alliancelab.panels.lookup import NYEARS, YEAR0

UNIFICATIONS = {
    # German unification (North German Confederation 1866-1867, German Empire 1871): into Prussia / Germany 255
    240: 255,  # Hanover, 1866
    245: 255,  # Bavaria, 1871
    267: 255,  # Baden, 1871
    269: 255,  # Saxony, 1867
    271: 255,  # Wuerttemberg, 1871
    273: 255,  # Hesse Electoral, 1866
    275: 255,  # Hesse Grand Ducal, 1867
    280: 255,  # Mecklenburg-Schwerin, 1867
    265: 255,  # German Democratic Republic, 1990
    # Italian unification: into Sardinia / Italy 325
    327: 325,  # Papal States, 1860
    329: 325,  # Two Sicilies, 1861
    332: 325,  # Modena, 1860
    335: 325,  # Parma, 1860
    337: 325,  # Tuscany, 1860
    # twentieth century
    511: 510,  # Zanzibar into Tanzania, 1964
    652: 651,  # Syria into the United Arab Republic (COW: Egypt), 1958
    678: 679,  # Yemen Arab Republic into Yemen, 1990
    680: 679,  # Yemen People's Republic into Yemen, 1990
}


def successor_codes(lookup, codes, threat_year, year):
    """COW codes of candidate threats as of the decision year: a state that merged into another in
    (threat_year, year] is read under the successor's code.

    Parameters
    ----------
    lookup : Lookup
    codes : array of int, shape (n,)
        Candidate codes (one per decision).
    threat_year, year : array of int, shape (n,)
        Threat year and decision year of each decision (threat_year < 0: no threat year).

    Returns
    -------
    numpy.ndarray
        The codes, with merged states replaced by their successor.

    Examples
    --------
    >>> successor_codes(Lookup.get(), np.array([652]), np.array([1957]), np.array([1958]))  # doctest: +SKIP
    array([651])
    """
    ends = _spell_ends(lookup)
    pos = lookup.positions(codes)
    ok = (pos >= 0) & (threat_year >= YEAR0)
    end = np.where(ok, ends[np.clip(threat_year - YEAR0, 0, NYEARS - 1), np.maximum(pos, 0)], -1)
    successor = np.array([UNIFICATIONS.get(int(c), -1) for c in codes])
    merged = ok & (successor > 0) & (end > threat_year) & (end <= year)
    return np.where(merged, successor, codes)


def _spell_ends(lookup):
    """(year, state): the last year of the COW membership spell that contains the year (-1 outside)."""

    def build():
        states = lookup.table("states")
        ends = np.full((NYEARS, lookup.size), -1, dtype=np.int64)
        for row in states.itertuples():
            s = lookup.positions([row.ccode])[0]
            if s < 0:
                continue
            first, last = max(row.styear, YEAR0), min(row.endyear, YEAR0 + NYEARS - 1)
            ends[first - YEAR0 : last - YEAR0 + 1, s] = row.endyear
        return ends

    return lookup.cached("balancing_spell_ends", build)
