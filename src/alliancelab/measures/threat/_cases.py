"""The evaluation cases: founding members of ATOP alliances that name a threat, and who is dropped why."""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.panels.adders import membership
from alliancelab.panels.lookup import YEAR0, Lookup

from ._membership import PARTITIONS, represented

# the first signing year with a year before it in the state system (COW membership starts in 1816)
FIRST_CASE_YEAR = facts.SYSTEM_FIRST + 1
DROP_REASONS = {
    "before_1817": f"signed before {FIRST_CASE_YEAR}: no year before signing in the data",
    "member_named": "the member is itself a named threat of the treaty",
    "member_absent": "the member is not in the state system in the year before signing (nor represented)",
    "named_absent": "no named state is a state-system member in the year before signing (a represented, "
    "occupied state threatens no one)",
}


def _founders(warehouse):
    return (
        Lookup.get(warehouse)
        .con.execute("""
        SELECT a.atopid, m.member, a.begyr, a.specthrt,
               list_distinct(list_filter([a.statthr1, a.statthr2], lambda x: x IS NOT NULL)) AS named
        FROM atop_alliances a JOIN atop_members m ON m.atopid = a.atopid AND m.yrent = a.begyr
        WHERE a.statthr1 IS NOT NULL
        GROUP BY ALL ORDER BY a.atopid, m.member""")
        .df()
    )


def named_threat_cases(warehouse=None):
    """Founding members of ATOP alliances that name a threat (statthr1/statthr2), one row per member.

    Members that are themselves named and alliances signed before 1817 (no year before signing in
    the data) are left out.

    Parameters
    ----------
    warehouse : str or Path, optional
        Default the configured one.

    Returns
    -------
    pandas.DataFrame
        atopid, member, begyr, named (list of COW codes).

    Examples
    --------
    >>> list(named_threat_cases().columns)
    ['atopid', 'member', 'begyr', 'named']
    """
    rows = _founders(warehouse)
    keep = [
        (m not in named) and year >= FIRST_CASE_YEAR
        for m, named, year in zip(rows["member"], rows["named"], rows["begyr"])
    ]
    return rows.loc[keep, ["atopid", "member", "begyr", "named"]].reset_index(drop=True)


def _with_successors(named):
    """Named codes plus the partition successors of each (Germany 255 -> 260, 265): a treaty naming
    Germany in 1947 names the occupied country the two successor states represent."""
    return named + [s for s, p in PARTITIONS.items() if p in named and s not in named]


def threat_cases(warehouse=None):
    """Every founding member of an ATOP 4.01 alliance naming a threat: evaluation cases and dropped rows.

    The evaluation ``cases`` have member i and at least one named state present in the year before
    signing (t = begyr - 1; present = COW member or represented, see ``represented``; a named state
    that left the system counts through its partition successors, ``PARTITIONS``); the ``dropped``
    rows carry their ``reason`` (``DROP_REASONS``).

    Parameters
    ----------
    warehouse : str or Path, optional
        Default the configured one.

    Returns
    -------
    tuple of pandas.DataFrame
        (cases, dropped). Both have atopid, member, begyr, named; cases add ``year``, ``t``, ``i``
        (dense index) and ``targets`` (dense indices of the present named states).
    """
    lookup = Lookup.get(warehouse)
    present = represented(lookup)["member"]
    armed = membership(lookup)
    rows = _founders(warehouse)
    kept, dropped = [], []
    for r in rows.itertuples(index=False):
        named = [int(c) for c in r.named]
        base = {"atopid": int(r.atopid), "member": int(r.member), "begyr": int(r.begyr), "named": named}
        t = r.begyr - 1 - YEAR0
        i = lookup.positions([r.member])[0]
        targets = [int(j) for j in lookup.positions(_with_successors(named)) if j >= 0 and t >= 0 and armed[t, j]]
        if r.begyr < FIRST_CASE_YEAR:
            reason = "before_1817"
        elif r.member in named:
            reason = "member_named"
        elif i < 0 or not present[t, i]:
            reason = "member_absent"
        elif not targets:
            reason = "named_absent"
        else:
            kept.append(base | {"year": int(r.begyr - 1), "t": int(t), "i": int(i), "targets": targets})
            continue
        dropped.append(base | {"reason": reason, "explanation": DROP_REASONS[reason]})
    cases = pd.DataFrame(kept)
    dropped = pd.DataFrame(dropped, columns=["atopid", "member", "begyr", "named", "reason", "explanation"])
    return cases, dropped


def expected_hits(scores, targets, k):
    """Expected top-``k`` hit over uniformly random tie-breaks.

    The chance that at least one of the ``targets`` (NaN scores are not candidates) is among the k
    highest. With g candidates scoring strictly above a tie group of size e that straddles rank k and
    holds m targets, the chance is 1 - C(e - m, r) / C(e, r), r = k - g; 1 if a target's whole tie
    group lies within the top k; 0 if every target group starts below rank k.

    Parameters
    ----------
    scores : numpy.ndarray
        One score per candidate.
    targets : iterable of int
        Indices into ``scores``.
    k : int

    Returns
    -------
    float

    Examples
    --------
    >>> expected_hits(np.array([1.0, 1.0, 1.0, 1.0]), [0], 1)
    0.25
    """
    s = np.asarray(scores, dtype=np.float64)
    valid = ~np.isnan(s)
    best = 0.0
    straddle = {}
    for j in targets:
        if not valid[j]:
            continue
        g = int(np.sum(s[valid] > s[j]))
        e = int(np.sum(s[valid] == s[j]))
        if g + e <= k:
            return 1.0
        if g < k:
            straddle.setdefault(s[j], [g, e, 0])[2] += 1
    for g, e, m in straddle.values():
        r = k - g
        miss = 1.0
        for n in range(r):  # C(e - m, r) / C(e, r) as a product
            miss *= max(e - m - n, 0) / (e - n)
        best = max(best, 1.0 - miss)
    return best


def random_tie_hits(scores, targets, k, rng):
    """Top-``k`` hit (0/1) with ties broken by one random draw.

    The randomised counterpart of ``expected_hits``: its mean over draws converges to the expected
    value.

    Parameters
    ----------
    scores : numpy.ndarray
    targets : iterable of int
    k : int
    rng : numpy.random.Generator

    Returns
    -------
    float
        1.0 or 0.0.

    Examples
    --------
    >>> random_tie_hits(np.array([3.0, 1.0]), [0], 1, np.random.default_rng(0))
    1.0
    """
    s = np.asarray(scores, dtype=np.float64)
    valid = np.flatnonzero(~np.isnan(s))
    jitter = rng.permutation(len(valid))
    order = valid[np.lexsort((jitter, -s[valid]))]
    return float(np.isin(order[:k], list(targets)).any())
