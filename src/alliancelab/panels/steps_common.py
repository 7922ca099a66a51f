"""Small pieces shared by the panel steps added for peacesciencer parity (democracy, IGOs, rivalry
types, economy, powers, leaders, generic steps).

They reuse the positional-lookup machinery of ``adders`` (dense arrays over state and year) and add
two rules every step here follows: a step never overwrites a column the panel already has (it raises
ParameterError naming the column), and a value outside the source's coverage is missing, never 0.
"""

import functools

import numpy as np

from alliancelab.errors import ParameterError
from alliancelab.panels.adders import (
    column_name,
    is_dyadic,
    nullable_int,
    panel_lookup,
    panel_sides,
    spell_years,
    with_columns,
)

__all__ = [
    "is_dyadic",
    "panel_lookup",
    "nullable_int",
    "panel_sides",
    "column_name",
    "spell_years",
    "add_columns",
    "gw_aware",
    "outside",
    "require_dyadic",
    "unit_columns",
]


def gw_aware(step):
    """Let a COW-coded step take a Gleditsch-Ward (or leader) panel.

    The step then runs on the rows that have COW codes and the other rows get missing values
    (``alliancelab.panels.gw.through_cow``).

    Parameters
    ----------
    step : callable
        A step ``step(panel, *args, **options)`` on COW-coded panels.

    Returns
    -------
    callable
        The step, accepting any panel.
    """

    @functools.wraps(step)
    def wrapper(panel, *args, **options):
        if panel.attrs.get("system") == "gw":
            from alliancelab.panels.gw import through_cow

            return through_cow(panel, functools.partial(step, *args) if args else step, **options)
        return step(panel, *args, **options)

    return wrapper


def outside(year, coverage):
    """Which years lie outside a coverage.

    Parameters
    ----------
    year : numpy.ndarray or pandas.Series of int
        Years.
    coverage : tuple of int
        (first, last) year.

    Returns
    -------
    array of bool
        True for years before ``coverage[0]`` or after ``coverage[1]``.

    Examples
    --------
    >>> import numpy as np
    >>> outside(np.array([1800, 1900]), (1816, 2016)).tolist()
    [True, False]
    """
    low, high = coverage
    return (year < low) | (year > high)


def add_columns(panel, columns, sources, step):
    """``with_columns`` that refuses to overwrite a column the panel already carries.

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).
    columns : dict
        Column name -> values.
    sources : list of str
        Source names whose citations are recorded.
    step : str
        The step's name, for the error message.

    Returns
    -------
    Panel
        A new panel with the columns added and the sources' citations recorded in ``attrs["sources"]``.

    Raises
    ------
    ParameterError
        When a column is already in the panel.
    """
    clash = [name for name in columns if name in panel.columns]
    if clash:
        raise ParameterError(
            f"{step} would overwrite column(s) {clash} already in the panel; drop or rename "
            "them first (e.g. add_polity and add_democracy both give polity2)"
        )
    return with_columns(panel, columns, sources)


def require_dyadic(panel, step):
    """Refuse a panel that is not dyadic.

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).
    step : str
        The step's name, for the error message.

    Raises
    ------
    ParameterError
        When the panel lacks ccode1 and ccode2.
    """
    if not is_dyadic(panel):
        raise ParameterError(
            f"{step} needs a dyad-year panel (columns ccode1, ccode2); got a state-year panel: start from dyad_years()"
        )


def unit_columns(panel):
    """The columns that identify a unit of the panel (its rows are unit x year).

    Parameters
    ----------
    panel : Panel
        A panel (state-years, dyad-years, or a panel of another unit).

    Returns
    -------
    list of str
        E.g. ``["ccode"]`` or ``["ccode1", "ccode2"]``.

    Raises
    ------
    ParameterError
        When the panel has no unit columns (ccode, ccode1/ccode2, gwcode or obsid).
    """
    for candidates in (
        ["obsid1", "obsid2"],
        ["obsid"],
        ["gwcode1", "gwcode2"],
        ["gwcode"],
        ["ccode1", "ccode2"],
        ["ccode"],
    ):
        if all(c in panel.columns for c in candidates):
            return candidates
    raise ParameterError("the panel has no unit columns (expected ccode, ccode1/ccode2, gwcode or obsid)")


def state_array_from(lookup, table, column, ccode="ccode", year="year"):
    """Dense (state, year) float array of ``table[column]``; NaN where the table has no value."""
    return lookup.state_array(table[ccode].to_numpy(), table[year].to_numpy(), table[column].to_numpy(np.float64))
