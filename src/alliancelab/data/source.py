"""One way to name the data source across the public API: ``warehouse=``.

Every public function that reads the warehouse takes ``warehouse=`` (a path, or None for the configured
warehouse: ``ALLIANCELAB_WAREHOUSE`` or the default) and reads it through ``warehouse_connection``,
which returns a cursor of the one cached read-only connection per warehouse file. An open DuckDB connection passed as
``con=`` (or, through ``connection_first``, as the first positional argument) is still accepted, with a
``DeprecationWarning``; passing both ``warehouse=`` and ``con=`` raises a ``ParameterError``. Internal
building blocks that already hold a connection are private (a leading underscore) and take it first.
"""

import functools
import warnings
from functools import lru_cache

from alliancelab.data import locate
from alliancelab.errors import ParameterError

__all__ = ["shared_connection", "clear_connections", "warehouse_connection", "connection_first", "deprecated_con"]


@lru_cache(maxsize=4)
def _connection_at(path):
    from alliancelab.data.warehouse import connect

    return connect(path)


def shared_connection(warehouse=None):
    """The process's cached read-only connection to a warehouse (built first when missing).

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    duckdb.DuckDBPyConnection
        A read-only connection shared by every caller in the process; do not close it.

    Examples
    --------
    >>> shared_connection().execute("SELECT count(*) > 0 FROM states").fetchone()
    (True,)

    References
    ----------
    DuckDB Python API, https://duckdb.org/docs/api/python/overview.
    """
    return _connection_at(str(locate.warehouse_path(warehouse)))


def clear_connections():
    """Forget the cached connections (after a rebuild, or in tests)."""
    _connection_at.cache_clear()


def warehouse_connection(warehouse=None, con=None, where="function"):
    """The connection a public function reads: the API-wide ``warehouse=`` or, deprecated, ``con=``.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (None: the configured one, ``ALLIANCELAB_WAREHOUSE`` or the default).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated: an open connection. Still accepted, with a ``DeprecationWarning``.
    where : str
        The calling function's name, used in the warning and error messages.

    Returns
    -------
    duckdb.DuckDBPyConnection
        ``con`` itself, or a cursor of the cached read-only connection of ``warehouse``
        (``shared_connection(warehouse).cursor()``: its own connection to the same database, so calls from
        several threads never share one; closing it is optional).

    Raises
    ------
    ParameterError
        Both ``warehouse`` and ``con`` given.

    Examples
    --------
    >>> warehouse_connection(None, where="build_system").execute("SELECT 1").fetchone()
    (1,)

    References
    ----------
    PEP 387 (backwards compatibility policy: deprecation warnings before removal).
    """
    if con is not None:
        if warehouse is not None:
            raise ParameterError(f"{where}: pass warehouse= or con=, not both")
        warnings.warn(
            f"{where}: passing a connection (con=) is deprecated; pass warehouse=PATH", DeprecationWarning, stacklevel=3
        )
        return con
    return shared_connection(warehouse).cursor()


def connection_first(function):
    """Accept the deprecated call ``function(con, ...)`` (a DuckDB connection first) as ``con=``.

    Parameters
    ----------
    function : callable
        A function whose data source is ``warehouse=`` / ``con=`` (read through ``warehouse_connection``).

    Returns
    -------
    callable
        The same function; a DuckDB connection given as the first positional argument is passed
        on as ``con=`` (which warns through ``warehouse_connection``).

    Examples
    --------
    >>> @connection_first
    ... def count_states(*, warehouse=None, con=None):
    ...     con = warehouse_connection(warehouse, con, "count_states")
    ...     return con.execute("SELECT count(DISTINCT ccode) > 200 FROM states").fetchone()[0]
    >>> count_states()
    True

    References
    ----------
    PEP 387 (backwards compatibility policy: deprecation warnings before removal).
    """
    import duckdb

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if args and isinstance(args[0], duckdb.DuckDBPyConnection):
            if kwargs.get("con") is not None:
                raise ParameterError(f"{function.__name__}: connection given twice (first argument and con=)")
            kwargs["con"], args = args[0], args[1:]
        return function(*args, **kwargs)

    return wrapper


def deprecated_con(function):
    """Route a ``con`` argument (in its old positional slot or as ``con=``) through ``warehouse_connection``.

    For functions whose old signature had ``con`` before ``warehouse`` (so old positional calls keep
    working): a connection warns (``DeprecationWarning``), ``con`` and ``warehouse`` together raise. The
    undecorated function stays available as ``function.__wrapped__`` for code that already holds a
    connection (no warning).

    Parameters
    ----------
    function : callable
        A function with ``con`` and ``warehouse`` parameters.

    Returns
    -------
    callable
        The checked function.

    Examples
    --------
    >>> @deprecated_con
    ... def count_states(con=None, warehouse=None):
    ...     con = con if con is not None else shared_connection(warehouse)
    ...     return con.execute("SELECT count(DISTINCT ccode) > 200 FROM states").fetchone()[0]
    >>> count_states()
    True

    References
    ----------
    PEP 387 (backwards compatibility policy: deprecation warnings before removal).
    """
    import inspect

    signature = inspect.signature(function)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            given = signature.bind_partial(*args, **kwargs).arguments
        except TypeError:
            given = {}
        if given.get("con") is not None:
            warehouse_connection(given.get("warehouse"), given["con"], function.__name__)
        return function(*args, **kwargs)

    return wrapper
