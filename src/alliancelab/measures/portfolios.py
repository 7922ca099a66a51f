"""Alliance portfolios: each system member's row of alliance ties to every member, per year.

A state's portfolio in year t is its row of ordinal alliance ties to every COW system member of t
(Signorino & Ritter 1999; Bueno de Mesquita 1975), built from ATOP 5.1 directed dyad-years (table ``atop_dyads``):

    3 = defense or offense pledge
    2 = neutrality or consultation pledge (and no defense/offense)
    1 = non-aggression pledge only
    0 = no obligation (also: a listed dyad-year with every obligation 0)
    a state is coded 3 with itself.

Binary coding is ``level >= 1``.

ATOP is directed: ``ccode1`` pledges to ``ccode2``. The non-directed portfolio (the default,
``direction="either"``) takes the *highest obligation in either direction*:
``level(i, k) = max(pledge i->k, pledge k->i)``, i.e. "any obligation in either direction" for the
binary coding. ``direction="pledged"`` keeps the directed row (what i promised k) and
``direction="received"`` the column (what k promised i).

System membership (``alliancelab.data.facts``): a state is a member in year t when some spell of the
COW ``states`` table touches t. ATOP rows naming a non-member (e.g. Monaco 221 or San Marino 331 in the
1970s-80s, governments in exile during 1942-44) are dropped and listed in ``PortfolioSet.dropped``.

Capability weights are the NMC ``cinc`` of each member. A member without a CINC value in a year is
*not* given weight 0 silently: it is listed in ``PortfolioSet.missing_cinc`` and the weighted
measures of that year exclude it as a dimension (its portfolio row is still used). With NMC 7.0 and
the 2016 state list no member-year lacks CINC in 1816-2016, so the list is empty for the real data.

Regions (for the regional-system variants) come from COW code ranges, see ``measures.regions``.

Sources: Leeds, Ritter, Mitchell & Long 2002 (ATOP); COW State System Membership 2016;
Singer, Bremer & Stuckey 1972 (NMC).
"""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.data.source import warehouse_connection
from alliancelab.errors import ParameterError, check_choice
from alliancelab.measures._portfolio_types import Portfolio, PortfolioSet

LEVELS = (0, 1, 2, 3)
SELF_LEVEL = 3
FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST
DIRECTIONS = ("either", "pledged", "received")
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


def ordinal_level(defense, offense, neutral, nonagg, consul):
    """Ordinal ATOP level of a pledge: 3 defense/offense, 2 neutrality/consultation, 1 non-aggression, 0.

    Parameters
    ----------
    defense, offense, neutral, nonagg, consul : array_like of 0/1
        The five ATOP obligations of each directed dyad-year.

    Returns
    -------
    numpy.ndarray of int8
        The highest level pledged.

    Examples
    --------
    >>> ordinal_level([1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 1, 1], [0, 0, 0]).tolist()
    [3, 2, 1]
    """
    defense, offense, neutral, nonagg, consul = (
        np.asarray(v, dtype=bool) for v in (defense, offense, neutral, nonagg, consul)
    )
    level = np.zeros(defense.shape, dtype=np.int8)
    level[nonagg] = 1
    level[neutral | consul] = 2
    level[defense | offense] = 3
    return level


def check_years(start, end):
    """Validate a year range against the state-system coverage (``facts.check_years``).

    Parameters
    ----------
    start, end : int
        First and last year; a ParameterError names the argument outside the coverage.
    """
    facts.check_years(start, end)


def system_members(start=FIRST_YEAR, end=LAST_YEAR, con=None, warehouse=None):
    """COW system members per year, sorted, one row per member-year.

    Parameters
    ----------
    start, end : int
        First and last year (within the state system's coverage).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open connection; pass ``warehouse`` instead.
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        year, ccode.
    """
    check_years(start, end)
    return _system_members(warehouse_connection(warehouse, con, "system_members"), start, end)


def _system_members(con, start, end):
    return facts.system_members(facts.system_spells(con), start, end)


def atop_obligations(start=FIRST_YEAR, end=LAST_YEAR, con=None, warehouse=None):
    """ATOP 5.1 directed dyad-years between system members, with the ordinal ``level``.

    Parameters
    ----------
    start, end : int
        First and last year (within the state system's coverage).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open connection; pass ``warehouse`` instead.
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    rows : pandas.DataFrame
        ccode1, ccode2, year, the five obligations (0/1) and ``level``.
    dropped : pandas.DataFrame
        The ATOP rows of the range naming a non-member, with ``reason``.
    """
    check_years(start, end)
    return _atop_obligations(warehouse_connection(warehouse, con, "atop_obligations"), start, end)


def _atop_obligations(con, start, end):
    members = _system_members(con, start, end)
    frame = con.execute(
        """SELECT ccode1, ccode2, year, atop_defense AS defense, atop_offense AS offense,
                  atop_neutral AS neutral, atop_nonagg AS nonagg, atop_consul AS consul
           FROM atop_dyads WHERE year BETWEEN ? AND ? ORDER BY year, ccode1, ccode2""",
        [start, end],
    ).df()
    for name in OBLIGATIONS:
        frame[name] = frame[name].fillna(0).astype(np.int8)
    keys = members["year"].to_numpy() * 1000 + members["ccode"].to_numpy()
    member1 = np.isin(frame["year"].to_numpy() * 1000 + frame["ccode1"].to_numpy(), keys)
    member2 = np.isin(frame["year"].to_numpy() * 1000 + frame["ccode2"].to_numpy(), keys)
    keep = member1 & member2
    dropped = frame.loc[~keep, ["ccode1", "ccode2", "year"]].copy()
    dropped["reason"] = np.where(~member1[~keep], "ccode1 not a system member", "ccode2 not a system member")
    rows = frame.loc[keep].reset_index(drop=True)
    rows["level"] = ordinal_level(*(rows[name].to_numpy() for name in OBLIGATIONS))
    return rows, dropped.reset_index(drop=True)


def member_cinc(start=FIRST_YEAR, end=LAST_YEAR, con=None, warehouse=None):
    """CINC of every system member-year (NaN where NMC has none).

    Parameters
    ----------
    start, end : int
        First and last year (within the state system's coverage).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open connection; pass ``warehouse`` instead.
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        year, ccode, cinc.
    """
    check_years(start, end)
    return _member_cinc(warehouse_connection(warehouse, con, "member_cinc"), start, end)


def _member_cinc(con, start, end):
    members = _system_members(con, start, end)
    nmc = con.execute("SELECT year, ccode, cinc FROM nmc WHERE year BETWEEN ? AND ?", [start, end]).df()
    return members.merge(nmc, on=["year", "ccode"], how="left")


def build_portfolios(members, obligations, cinc, direction="either"):
    """Assemble yearly ``Portfolio`` objects from the three tables (pure; no warehouse access).

    Parameters
    ----------
    members : pandas.DataFrame
        year, ccode of every system member-year.
    obligations : pandas.DataFrame
        ccode1, ccode2, year, level (members only).
    cinc : pandas.DataFrame
        year, ccode, cinc.
    direction : {"either", "pledged", "received"}
        Which direction of a pledge makes a tie.

    Returns
    -------
    list of Portfolio
        One per year in ``members``.
    """
    check_choice("direction", direction, DIRECTIONS)
    member_years = members["year"].to_numpy()
    member_codes = members["ccode"].to_numpy()
    cinc_lookup = cinc.set_index(["year", "ccode"])["cinc"]
    ob_years = obligations["year"].to_numpy()
    ob_from = obligations["ccode1"].to_numpy()
    ob_to = obligations["ccode2"].to_numpy()
    ob_level = obligations["level"].to_numpy().astype(np.int8)
    years = np.unique(member_years)
    m_bounds = np.searchsorted(member_years, np.append(years, years[-1] + 1)) if len(years) else []
    order = np.argsort(ob_years, kind="stable")
    ob_years, ob_from, ob_to, ob_level = ob_years[order], ob_from[order], ob_to[order], ob_level[order]
    o_bounds = np.searchsorted(ob_years, np.append(years, years[-1] + 1)) if len(years) else []
    out = []
    for index, year in enumerate(years):
        codes = np.sort(member_codes[m_bounds[index] : m_bounds[index + 1]])
        n = len(codes)
        levels = np.zeros((n, n), dtype=np.int8)
        lo, hi = o_bounds[index], o_bounds[index + 1]
        if hi > lo:
            rows = np.searchsorted(codes, ob_from[lo:hi])
            cols = np.searchsorted(codes, ob_to[lo:hi])
            if (
                (rows >= n).any()
                or (cols >= n).any()
                or (codes[np.minimum(rows, n - 1)] != ob_from[lo:hi]).any()
                or (codes[np.minimum(cols, n - 1)] != ob_to[lo:hi]).any()
            ):
                raise ParameterError(f"obligations of {year} name a state that is not a member that year")
            np.maximum.at(levels, (rows, cols), ob_level[lo:hi])
        if direction == "either":
            levels = np.maximum(levels, levels.T)
        elif direction == "received":
            levels = np.ascontiguousarray(levels.T)
        np.fill_diagonal(levels, SELF_LEVEL)
        weights = cinc_lookup.reindex(pd.MultiIndex.from_arrays([np.full(n, year), codes])).to_numpy(float)
        out.append(Portfolio(int(year), codes, levels, weights, direction))
    return out


def load_portfolios(start=FIRST_YEAR, end=LAST_YEAR, direction="either", con=None, warehouse=None):
    """Portfolios of every system member for each year of ``start..end`` from the warehouse.

    Parameters
    ----------
    start, end : int
        First and last year.
    direction : {"either", "pledged", "received"}
        Which direction of a pledge makes a tie.
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (``DeprecationWarning``): an open connection; pass ``warehouse`` instead.
    warehouse : str or Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    PortfolioSet
        ``.dropped`` lists ATOP rows naming non-members, ``.missing_cinc`` the member-years without
        CINC (excluded from weighted measures, see the module docstring).

    Examples
    --------
    >>> ps = load_portfolios(1960, 1960)
    >>> ps.year(1960).levels.shape
    (107, 107)

    References
    ----------
    Leeds, Ritter, Mitchell & Long 2002 (ATOP); Signorino & Ritter 1999 (portfolios as vectors of ties).
    """
    check_years(start, end)
    check_choice("direction", direction, DIRECTIONS)
    return _load_portfolios(warehouse_connection(warehouse, con, "load_portfolios"), start, end, direction)


def _load_portfolios(con, start=FIRST_YEAR, end=LAST_YEAR, direction="either"):
    """``load_portfolios`` on an open connection (for code that already holds one; no warning)."""
    check_years(start, end)
    check_choice("direction", direction, DIRECTIONS)
    members = _system_members(con, start, end)
    obligations, dropped = _atop_obligations(con, start, end)
    cinc = _member_cinc(con, start, end)
    portfolios = build_portfolios(members, obligations, cinc, direction)
    missing = cinc.loc[cinc["cinc"].isna(), ["year", "ccode"]].reset_index(drop=True)
    return PortfolioSet(portfolios, direction, dropped, missing)


__all__ = [
    "LEVELS",
    "SELF_LEVEL",
    "FIRST_YEAR",
    "LAST_YEAR",
    "DIRECTIONS",
    "OBLIGATIONS",
    "ordinal_level",
    "check_years",
    "system_members",
    "atop_obligations",
    "member_cinc",
    "Portfolio",
    "PortfolioSet",
    "build_portfolios",
    "load_portfolios",
]
