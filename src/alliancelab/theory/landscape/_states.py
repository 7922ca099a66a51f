"""The states of a landscape system (codes, abbreviations, names) and their sizes (COW CINC)."""

from __future__ import annotations

import pandas as pd

from alliancelab.errors import ParameterError, check_range
from alliancelab.panels.lookup import connection_first, warehouse_connection


@connection_first
def resolve_states(states, year, *, warehouse=None, con=None):
    """COW codes, abbreviations and names of ``states``, checked to be system members in ``year``.

    Parameters
    ----------
    states : str or sequence
        COW codes, abbreviations or names (resolved by ``alliancelab.data.names.resolve_states``), or
        one string separated by spaces or commas. At least two states, each once.
    year : int
        The year the states must be system members in (decides e.g. Germany 255 vs West Germany 260).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``resolve_states(con, states, year)``
        and ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    DataFrame
        Columns ccode, stateabb, statenme, in the given order.

    Examples
    --------
    >>> resolve_states("United Kingdom FRN 255", 1913).ccode.tolist()
    [200, 220, 255]

    References
    ----------
    Correlates of War Project (2017), State System Membership List, v2016.
    """
    return _resolve_states(warehouse_connection(warehouse, con, "resolve_states"), states, year)


def _resolve_states(con, states, year):
    from alliancelab.data import facts
    from alliancelab.data.names import StateNames

    if not isinstance(states, str):
        states = list(states)
    names = StateNames.from_spells(facts.system_spells(con))
    codes = names.resolve_many(states, year, argument="states")
    if len(codes) < 2:
        raise ParameterError(f"argument states: expected at least 2 states, got {states!r}")
    out = pd.DataFrame(
        {"ccode": codes, "stateabb": [names.abbreviation[c] for c in codes], "statenme": [names.name[c] for c in codes]}
    )
    if out.ccode.duplicated().any():
        dup = out.stateabb[out.ccode.duplicated()].tolist()
        raise ParameterError(f"argument states: {dup} given more than once")
    return out


@connection_first
def sizes(codes, year, size_years=1, *, warehouse=None, con=None):
    """Size of each state: COW CINC in ``year``, or its mean over the ``size_years`` years up to it.

    size_i = (1 / Y) sum_{t = year - Y + 1}^{year} CINC_i,t, with Y = ``size_years`` (years without a
    CINC value are left out of the mean, never counted as 0).

    Parameters
    ----------
    codes : sequence of int
        COW state codes.
    year : int
        Last year of the window.
    size_years : int
        Y, the window length (1-200).
    warehouse : path, optional
        The warehouse (default: the configured one). The old call ``sizes(con, codes, year)`` and
        ``con=`` still work but are deprecated (``DeprecationWarning``).

    Returns
    -------
    Series
        CINC per code (index: the codes in the given order), named ``cinc``.

    Raises
    ------
    ParameterError
        Naming the state(s) whose CINC is missing or zero (sizes must be > 0).

    Examples
    --------
    >>> sizes([2, 365], 1950).round(3).tolist()  # doctest: +SKIP

    References
    ----------
    Singer, J. D., Bremer, S. and Stuckey, J. (1972), "Capability Distribution, Uncertainty, and Major
    Power War, 1820-1965", in B. Russett (ed.), Peace, War, and Numbers: 19-48 (CINC; NMC v6.0).
    Axelrod, R. and Bennett, D. S. (1993), British Journal of Political Science 23(2): 211-233.
    """
    return _sizes(warehouse_connection(warehouse, con, "sizes"), codes, year, size_years)


def _sizes(con, codes, year, size_years=1):
    check_range("size_years", size_years, 1, 200)
    codes = [int(c) for c in codes]
    df = (
        con.execute(
            "SELECT ccode, avg(cinc) AS cinc FROM nmc WHERE year BETWEEN ? AND ? AND cinc IS NOT NULL "
            "AND ccode IN (SELECT unnest(?::BIGINT[])) GROUP BY ccode",
            [year - size_years + 1, year, codes],
        )
        .df()
        .set_index("ccode")["cinc"]
    )
    missing = [c for c in codes if c not in df.index or not df[c] > 0]
    if missing:
        raise ParameterError(
            f"nmc: no positive CINC for state(s) {missing} in {year - size_years + 1}-{year}; sizes must be > 0"
        )
    return pd.Series([float(df[c]) for c in codes], index=codes, name="cinc")


# --------------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------------
