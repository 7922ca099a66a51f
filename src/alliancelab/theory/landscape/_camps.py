"""Actual camps from COW wars, scoring a predicted alignment against them, and fitting component weights."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import connection_first, warehouse_connection
from alliancelab.theory.landscape._components import COMPONENTS


@connection_first
def war_sides(warnum, *, warehouse=None, con=None):
    """Side (1 or 2, as COW codes it) of every state in COW inter-state war ``warnum``.

    A state listed on both sides (it changed sides, e.g. Italy and Romania in the Second World War)
    gets the side of its first year in the war.

    Parameters
    ----------
    warnum : int
        COW inter-state war number (e.g. 106: the First World War, 139: the Second).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``war_sides(con, warnum)`` and
        ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    DataFrame
        ccode, stateabb, side, first_year; sorted by side and code.

    Examples
    --------
    >>> war_sides(106).query("side == 1").stateabb.tolist()  # doctest: +SKIP

    References
    ----------
    Sarkees, M. R. and Wayman, F. (2010), Resort to War: 1816-2007, CQ Press (COW war data v4.0).
    """
    return _war_sides(warehouse_connection(warehouse, con, "war_sides"), warnum)


def _war_sides(con, warnum):
    part = con.execute(
        """WITH rows AS (SELECT ccode1 AS ccode, sidea1 AS side, year FROM wars WHERE warnum = ?
                         UNION ALL SELECT ccode2, sidea2, year FROM wars WHERE warnum = ?)
           SELECT ccode, side, min(year) AS first_year FROM rows GROUP BY 1, 2""",
        [int(warnum), int(warnum)],
    ).df()
    if part.empty:
        raise ParameterError(f"argument war={warnum}: no such war number in the COW inter-state war data")
    part = part.sort_values(["ccode", "first_year", "side"]).drop_duplicates("ccode")
    abb = con.execute("SELECT DISTINCT ccode, stateabb FROM states").df().drop_duplicates("ccode")
    return (
        part.merge(abb, on="ccode", how="left")[["ccode", "stateabb", "side", "first_year"]]
        .sort_values(["side", "ccode"])
        .reset_index(drop=True)
    )


def actual_camps(codes, sides):
    """Camp (0/1/...) per state in ``codes`` from ``sides`` ({ccode: side} or a war_sides frame);
    states without a side get -1 (not scored).

    Parameters
    ----------
    codes : sequence of int
        COW codes, in the order of the system's states.
    sides : dict or pandas.DataFrame
        {ccode: side}, or a ``war_sides`` frame (columns ccode, side).

    Returns
    -------
    numpy.ndarray
        One camp index per state (sides numbered in sorted order), -1 where unknown.

    Examples
    --------
    >>> actual_camps([2, 200, 255], {2: "A", 255: "B"}).tolist()
    [0, -1, 1]
    """
    if isinstance(sides, pd.DataFrame):
        sides = dict(zip(sides.ccode, sides.side))
    labels = sorted({v for v in sides.values()})
    index = {v: i for i, v in enumerate(labels)}
    return np.array([index[sides[c]] if c in sides else -1 for c in codes], dtype=np.int64)


def placed_right(predicted, actual):
    """How many actors with a known camp (actual >= 0) are placed right, maximised over renamings
    of the predicted camps (two camps: the better of the identity and the swap). The renaming is
    one-to-one: with more predicted camps than actual sides, the members of a camp matched to no
    side count as wrong.

    Parameters
    ----------
    predicted : array of int
        Predicted camp per actor.
    actual : array of int
        Known camp per actor (-1 = unknown, not scored).

    Returns
    -------
    tuple
        (number right, number scored, the camp mapping used).

    Examples
    --------
    >>> placed_right([0, 0, 1], [1, 1, 0])[:2]
    (3, 3)
    """
    from itertools import permutations

    predicted = np.asarray(predicted)
    actual = np.asarray(actual)
    keep = actual >= 0
    k = int(max(predicted.max(), actual[keep].max() if keep.any() else 0)) + 1
    best, best_map = -1, None
    for perm in permutations(range(k)):
        right = int(np.sum(np.array(perm)[predicted[keep]] == actual[keep]))
        if right > best:
            best, best_map = right, perm
    return best, int(keep.sum()), best_map


def fit_weights(examples, components=None, l2=1.0):
    """Fit component weights on systems whose alignment is known; apply them to other periods.

    ``examples``: list of (System, camps) with camps an array (one per state; -1 = unknown, not
    used). Model: logistic regression over the unordered pairs of states with known camps,
    P(same camp) = logistic(b0 + sum_c b_c component_c[i, j]), ridge penalty ``l2`` (scikit-learn,
    C = 1/l2). The coefficients b_c are the weights (b0 becomes the ``baseline`` weight), so the
    fitted propensity is the log-odds of being in the same camp. Components not listed are 0.

    Parameters
    ----------
    examples : list of (System, array)
        Systems with the known camp of each state (-1 = unknown).
    components : sequence of str, optional
        The components to fit (default: all).
    l2 : float, default 1.0
        Ridge penalty.

    Returns
    -------
    dict
        A weight for every component (0 for those not fitted) and ``baseline``.

    References
    ----------
    Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
    Political Science 23(2): 211-233.
    """
    from sklearn.linear_model import LogisticRegression

    names = [c for c in (components or COMPONENTS) if c != "baseline"]
    bad = sorted(set(names) - set(COMPONENTS))
    if bad:
        raise ParameterError(f"argument components: unknown component(s) {bad}")
    x, y = [], []
    for system, camps in examples:
        camps = np.asarray(camps)
        n = len(system.sizes)
        if camps.shape != (n,):
            raise ParameterError(f"fit_weights: camps for the {system.year} system must have {n} entries")
        for i in range(n):
            for j in range(i + 1, n):
                if camps[i] >= 0 and camps[j] >= 0:
                    x.append([system.components[c][i, j] for c in names])
                    y.append(int(camps[i] == camps[j]))
    y = np.array(y)
    if len(y) < 3 or y.min() == y.max():
        raise ParameterError("fit_weights: need pairs both in the same camp and in different camps")
    model = LogisticRegression(C=1.0 / l2, max_iter=10_000).fit(np.array(x), y)
    weights = {c: 0.0 for c in COMPONENTS}
    weights.update({c: float(b) for c, b in zip(names, model.coef_[0])})
    weights["baseline"] = float(model.intercept_[0])
    return weights
