"""What the yearly networks read from the warehouse, loaded once (re-exported by ``measures.network``)."""

from dataclasses import dataclass, field

import pandas as pd

from alliancelab.data.source import warehouse_connection
from alliancelab.measures.portfolios import (
    FIRST_YEAR,
    LAST_YEAR,
    _atop_obligations,
    _member_cinc,
    _system_members,
    check_years,
)


@dataclass
class NetworkData:
    """Members, obligations (members only), CINC and abbreviations for a range of years.

    Parameters
    ----------
    members : pandas.DataFrame
        ccode, year of the COW system members.
    obligations : pandas.DataFrame
        ATOP directed dyad-years between members: ccode1, ccode2, year, the five obligations, level.
    cinc : pandas.DataFrame
        ccode, year, cinc.
    names : dict
        {ccode: COW abbreviation}.
    start, end : int
        The loaded years (inclusive).
    sources : list of str
        Citations of the sources read.
    """

    members: pd.DataFrame
    obligations: pd.DataFrame
    cinc: pd.DataFrame
    names: dict
    start: int
    end: int
    sources: list = field(default_factory=list)


def load_network_data(start=FIRST_YEAR, end=LAST_YEAR, con=None, warehouse=None):
    """Read once what the yearly networks need (use it for many years).

    Parameters
    ----------
    start, end : int
        Years (inclusive).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open connection; pass ``warehouse`` instead.
    warehouse : str or Path, optional
        The warehouse (default the configured one).

    Returns
    -------
    NetworkData

    Examples
    --------
    >>> data = load_network_data(1950, 1950)
    >>> (data.start, data.end)
    (1950, 1950)
    """
    check_years(start, end)
    return _load_network_data(warehouse_connection(warehouse, con, "load_network_data"), start, end)


def _load_network_data(con, start=FIRST_YEAR, end=LAST_YEAR):
    """``load_network_data`` on an open connection (for code that already holds one; no warning)."""
    from alliancelab.data.warehouse import _citations as citations

    check_years(start, end)
    members = _system_members(con, start, end)
    obligations, _dropped = _atop_obligations(con, start, end)
    cinc = _member_cinc(con, start, end)
    names = dict(con.execute("SELECT DISTINCT ccode, stateabb FROM states").fetchall())
    sources = citations(con, ["atop_dyads", "states", "nmc"])
    return NetworkData(members, obligations, cinc, names, start, end, sources)
