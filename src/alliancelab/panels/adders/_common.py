"""Small pieces every ``add_*`` step shares: the panel's lookup and sides, column names, nullable indicators."""

import numpy as np
import pandas as pd

from alliancelab.data import facts
from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import Lookup


# --- small shared pieces ------------------------------------------------------------------------
def panel_lookup(panel):
    """The warehouse ``Lookup`` (dense arrays over state and year) of the panel's warehouse.

    Parameters
    ----------
    panel : Panel
        A panel; its ``attrs["warehouse"]`` names the warehouse (None: the default one).

    Returns
    -------
    Lookup
        The cached lookup of that warehouse.

    Examples
    --------
    >>> panel_lookup(panel).polity  # doctest: +SKIP
    """
    return Lookup.get(panel.attrs.get("warehouse"))


def is_dyadic(panel):
    """Whether ``panel`` is a dyad panel (it has a ``ccode1`` column) rather than a state panel.

    Parameters
    ----------
    panel : pandas.DataFrame
        A state or dyad panel.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_dyadic(pd.DataFrame({"ccode1": [2], "ccode2": [200], "year": [1950]}))
    True
    """
    return "ccode1" in panel.columns


def panel_sides(panel):
    """The country-code columns of a panel with the suffix their state columns take.

    Parameters
    ----------
    panel : pandas.DataFrame
        A state panel (``ccode``) or dyad panel (``ccode1``, ``ccode2``).

    Returns
    -------
    list of (str, numpy.ndarray)
        ``[("", ccode)]`` for a state panel, ``[("1", ccode1), ("2", ccode2)]`` for a dyad panel.

    Examples
    --------
    >>> [suffix for suffix, _ in panel_sides(pd.DataFrame({"ccode": [2], "year": [1950]}))]
    ['']
    """
    if is_dyadic(panel):
        return [("1", panel["ccode1"].to_numpy()), ("2", panel["ccode2"].to_numpy())]
    return [("", panel["ccode"].to_numpy())]


def column_name(name, suffix):
    """The name of a state column in a dyad panel.

    A name ending in a digit gets an underscore before the suffix.

    Parameters
    ----------
    name : str
        The state-level column name.
    suffix : str
        ``"1"`` or ``"2"``.

    Returns
    -------
    str

    Examples
    --------
    >>> column_name("cinc", "1"), column_name("polity2", "1")
    ('cinc1', 'polity2_1')
    """
    return f"{name}_{suffix}" if suffix and name[-1].isdigit() else f"{name}{suffix}"


def _outside(year, source):
    return facts.outside(year, source)


def nullable_int(values, missing, dtype="Int8"):
    """A pandas nullable integer column from integer values and a boolean mask of missing entries.

    Parameters
    ----------
    values : array-like of int
        The values (those under ``missing`` are ignored).
    missing : array-like of bool
        True where the value is missing (outside the source's coverage; never 0).
    dtype : {"Int8", "Int16", "Int32", "Int64"}
        The nullable integer type.

    Returns
    -------
    pandas.arrays.IntegerArray

    Examples
    --------
    >>> nullable_int([1, 0], [False, True]).isna().tolist()
    [False, True]
    """
    numpy_type = {"Int8": np.int8, "Int16": np.int16, "Int32": np.int32, "Int64": np.int64}[dtype]
    return pd.arrays.IntegerArray(np.asarray(values).astype(numpy_type), np.asarray(missing, dtype=bool))


def with_columns(panel, columns, sources):
    """A new panel with columns added and the sources' citations recorded.

    Parameters
    ----------
    panel : Panel
        The panel.
    columns : dict
        Column name -> values, in the panel's row order.
    sources : list of str
        Source names whose citations are added to ``attrs["sources"]``.

    Returns
    -------
    Panel
        A shallow copy of ``panel`` with the columns.
    """
    lookup = panel_lookup(panel)
    out = panel.copy(deep=False)  # new columns go to the copy only; existing ones are shared
    for name, values in columns.items():
        out[name] = values
    out.attrs = dict(panel.attrs)
    cited = list(panel.attrs.get("sources", []))
    for citation in lookup.citations(sources):
        if citation not in cited:
            cited.append(citation)
    out.attrs["sources"] = cited
    return out


def _dyad_values(panel, lookup, cube):
    """Values of a (year, state1, state2) cube for every row of a dyad panel, and the years."""
    year = panel["year"].to_numpy()
    return lookup.read_dyad(cube, panel["ccode1"].to_numpy(), panel["ccode2"].to_numpy(), year), year


def _require_dyadic(panel, step):
    if not is_dyadic(panel):
        raise ParameterError(
            f"{step} needs a dyad-year panel (columns ccode1, ccode2); got a state-year panel: start from dyad_years()"
        )


# --- state-level values read through the lookup ----------------------------------------------------------
def _state_values(panel, source, array_builder, names, key):
    lookup = panel_lookup(panel)
    arrays = lookup.cached(key, array_builder)
    year = panel["year"].to_numpy()
    missing = _outside(year, source)
    out = {}
    for name in names:
        for suffix, ccode in panel_sides(panel):
            values = lookup.read_state(arrays[name], ccode, year)
            out[column_name(name, suffix)] = np.where(missing, np.nan, values)
    return with_columns(panel, out, [source])
