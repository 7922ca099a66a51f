"""The threat year of each alignment decision: t - lag, the fallbacks for states not present then, and
the rule text the output carries (``threat_year``, ``threat_year_rule``)."""

import numpy as np

from alliancelab.measures.threat import represented
from alliancelab.panels.lookup import YEAR0, Lookup


def threat_years(present, i, t, lag=1, fallback=True, lookup=None):
    """The year each decision's threats are read in, and why (``RuleParams.lag`` and ``fallback``).

    y = t - lag when i is present then (a COW member, or a state the threat model represents: occupied
    or in exile, ``measures.threat.represented``, its row scored from its nearest membership year). With
    ``fallback``: else t (a new state); else t + 1 when i enters the state system then (the treaties of
    1815, as the system begins in 1816; Egypt 1936, a member from 1937): the nearest covered year, as
    for a represented state, and never more than one year away. Nothing is read otherwise.

    Parameters
    ----------
    present : numpy.ndarray
        (year, state) boolean: i has threat scores that year.
    i : array of int
        State positions (-1: not a COW state).
    t : array of int
        Entry years.
    lag : int, default 1
    fallback : bool, default True
    lookup : Lookup, optional
        To name a represented state's source year in the rule text (default: the configured warehouse's).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The threat year (-1: none) and its rule: ``"t-1"``; ``"t: not in the state system in t-1"``;
        ``"t+1: first year in the state system (not in it in t-1 or t)"``; with ``"; represented (not a
        member), attributes of YEAR"`` appended for a represented state; ``""`` when none.

    Examples
    --------
    >>> import numpy as np
    >>> present = np.zeros((3, 1), dtype=bool)
    >>> present[2, 0] = True  # enters the system in 1817
    >>> years, rules = threat_years(present, np.array([0]), np.array([1816]))
    >>> int(years[0]), str(rules[0]).split(":")[0]
    (1817, 't+1')

    References
    ----------
    Walt, S. M. (1987), The Origins of Alliances (threats precede the alignment); Correlates of War
    Project (2017), State System Membership List v2016.
    """
    i = np.asarray(i)
    t = np.asarray(t, dtype=np.int64)
    ok = i >= 0
    ii = np.where(ok, i, 0)
    years = len(present)

    def at(year):  # i present in ``year`` (False outside the panel)
        inside = (year >= YEAR0) & (year - YEAR0 < years)
        return inside & present[np.clip(year - YEAR0, 0, years - 1), ii]

    lagged = ok & at(t - lag)
    same = ~lagged & ok & fallback & at(t)
    entry = ~lagged & ~same & ok & fallback & at(t + 1)
    threat_year = np.where(lagged, t - lag, np.where(same, t, np.where(entry, t + 1, -1)))
    rule = np.full(len(t), "", dtype=object)
    rule[lagged] = f"t-{lag}" if lag else "t"
    rule[same] = f"t: not in the state system in t-{lag}"
    rule[entry] = f"t+1: first year in the state system (not in it in t-{lag} or t)"
    if (threat_year >= 0).any():
        lookup = Lookup.get() if lookup is None else lookup
        ty = np.clip(threat_year - YEAR0, 0, years - 1)
        source = represented(lookup)["source_year"][ty, ii]  # the year itself for a member
        for k in np.flatnonzero((threat_year >= 0) & (source >= 0) & (source != ty)):
            rule[k] += f"; represented (not a member), attributes of {source[k] + YEAR0}"
    return threat_year, rule
