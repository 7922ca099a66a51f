"""The warehouse: every source file, validated and typed, in one embedded DuckDB file.

``build_warehouse`` reads each file listed in ``sources.SOURCES``, checks it (columns, types,
duplicate keys, state codes, year coverage, truncated or empty files), turns sentinel codes into
missing values, and writes one table per source plus:

- ``sources``: file, version, rows, sha256 and citation of every source (cite these in outputs);
- ``columns``: the declared columns of every table with their type and meaning;
- ``meta``: the build fingerprint (input checksums and code version).

The new warehouse is written to a temporary file beside the old one and renamed into place only
when complete, so an interrupted build leaves the previous warehouse as it was. A build whose
inputs and code are unchanged does nothing.

The checks of one file live in ``_validate.py`` (re-exported here: ``check_source``, ``Problem``,
``needed_columns``); the source declarations in ``sources.py``.
"""

import hashlib
import os
from pathlib import Path

import duckdb

from alliancelab.data import build_guard, locate
from alliancelab.data._validate import (  # noqa: F401  (re-exported: the checks behind the build)
    INT_LIMIT,
    SQL_TYPES,
    TYPE_WORDS,
    Problem,
    _accepted_rows,
    _load_source,
    _not_checked,
    check_source,
    needed_columns,
)
from alliancelab.data.source import connection_first, warehouse_connection
from alliancelab.data.sources import POLITY_CROSSWALK, POLITY_WITHOUT_COW, SOURCES, SOURCES_BY_NAME
from alliancelab.errors import DataValidationError, WarehouseError


def sha256_of(path):
    """SHA-256 checksum of a file, read in 1 MiB blocks.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.

    Returns
    -------
    str
        The hexadecimal digest.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# the modules whose code decides what the warehouse holds
BUILD_MODULES = (
    "sources.py",
    "_source_spec.py",
    "_sources_core.py",
    "_sources_peacesciencer.py",
    "warehouse.py",
    "_validate.py",
)


def code_fingerprint():
    """Hash of the modules that decide what the warehouse holds (a change forces a rebuild).

    Returns
    -------
    str
        The first 16 hexadecimal digits of the SHA-256 of ``BUILD_MODULES``.
    """
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in BUILD_MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def _reshape(con):
    """Derived tables that make the published layouts easy to join."""
    # Polity codes to COW codes through the audited, year-bounded crosswalk (sources.POLITY_CROSSWALK):
    # polity_cow has one row per COW state-year and Polity row it is read from (a year of change,
    # e.g. Austria 1918, can feed two COW states); polity.cow_ccode keeps the first match.
    con.execute(
        "CREATE TABLE polity_crosswalk (polity_ccode BIGINT, scode VARCHAR, first_year BIGINT, "
        "last_year BIGINT, cow_ccode BIGINT, why VARCHAR)"
    )
    for entry in POLITY_CROSSWALK:
        con.execute("INSERT INTO polity_crosswalk VALUES (?, ?, ?, ?, ?, ?)", list(entry))
    mapped = """SELECT p.ccode AS polity_ccode, p.year, coalesce(x.cow_ccode, p.ccode) AS cow_ccode
                FROM polity p LEFT JOIN polity_crosswalk x ON x.polity_ccode = p.ccode
                  AND p.year BETWEEN coalesce(x.first_year, p.year) AND coalesce(x.last_year, p.year)
                WHERE p.ccode NOT IN (SELECT unnest(?::BIGINT[]))
                  AND (x.polity_ccode IS NOT NULL
                       OR p.ccode NOT IN (SELECT polity_ccode FROM polity_crosswalk))"""
    without = list(POLITY_WITHOUT_COW)
    con.execute(
        f"CREATE TABLE polity_cow AS SELECT m.cow_ccode, p.* EXCLUDE (ccode), m.polity_ccode "
        f"FROM ({mapped}) m JOIN polity p ON p.ccode = m.polity_ccode AND p.year = m.year "
        f"ORDER BY m.cow_ccode, p.year",
        [without],
    )
    con.execute("ALTER TABLE polity ADD COLUMN cow_ccode BIGINT")
    con.execute("""UPDATE polity SET cow_ccode = f.cow_ccode FROM (
                     SELECT polity_ccode, year, min(cow_ccode) AS cow_ccode FROM polity_cow GROUP BY ALL) f
                   WHERE f.polity_ccode = polity.ccode AND f.year = polity.year""")
    for column in ("ccode1", "ccode2"):
        con.execute(f"UPDATE rivalries SET {column} = 325 WHERE {column} = 324")
    years = [r[0] for r in con.execute("DESCRIBE sipri_milex").fetchall() if r[0].isdigit()]
    unions = " UNION ALL ".join(
        f'SELECT Country AS country, {y} AS year, CAST("{y}" AS DOUBLE) AS milex_usd_m '
        f'FROM sipri_milex WHERE "{y}" IS NOT NULL'
        for y in years
    )
    con.execute(f"CREATE TABLE sipri_milex_long AS {unions} ORDER BY country, year")


def _observed_years(con, source):
    """First and last year the rows of a source touch: its year column and both ends of its spells
    (an open end such as ATOP's yrexit = 0 is ignored). States: 1816-2016, not the last entry 2011."""
    kinds = {r[0]: r[1] for r in con.execute(f"DESCRIBE {source.name}").fetchall()}
    firsts = [source.year_column] if source.year_column else []
    lasts = list(firsts)
    opens = {}
    for first, last, open_value in source.spans:
        firsts.append(first)
        lasts.append(last)
        opens[last] = open_value

    def year_of(column):
        expression = f'year("{column}")' if kinds.get(column) == "DATE" else f'"{column}"'
        if opens.get(column) is not None:
            expression = f"NULLIF({expression}, {opens[column]})"
        return expression

    if not firsts:
        return None, None
    low = "least(" + ", ".join(f"min({year_of(c)})" for c in firsts) + ")"
    high = "greatest(" + ", ".join(f"max({year_of(c)})" for c in lasts) + ")"
    return con.execute(f"SELECT {low}, {high} FROM {source.name}").fetchone()


def _write_catalogue(con, root, checksums, fingerprint):
    con.execute(
        "CREATE TABLE sources (name VARCHAR, file VARCHAR, version VARCHAR, rows BIGINT, "
        "sha256 VARCHAR, citation VARCHAR, first_year BIGINT, last_year BIGINT)"
    )
    con.execute("CREATE TABLE columns (source VARCHAR, column_name VARCHAR, type VARCHAR, meaning VARCHAR)")
    for source in SOURCES:
        rows = con.execute(f"SELECT count(*) FROM {source.name}").fetchone()[0]
        first, last = _observed_years(con, source)
        con.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [source.name, source.path, source.version, rows, checksums[source.name], source.citation, first, last],
        )
        for column, (kind, meaning) in source.columns.items():
            con.execute("INSERT INTO columns VALUES (?, ?, ?, ?)", [source.name, column, kind, meaning])
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('fingerprint', ?), ('data_dir', ?)", [fingerprint, str(root)])


def current_fingerprint(path):
    """Fingerprint stored in an existing warehouse.

    Parameters
    ----------
    path : str or pathlib.Path
        The warehouse file.

    Returns
    -------
    str or None
        The fingerprint; None when the file is missing, unreadable or has none.
    """
    if not Path(path).exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            return row[0] if row else None
    except duckdb.Error:
        return None


def build_warehouse(data=None, warehouse=None, force=False, progress=None):
    """Build the warehouse from the data folder.

    Raises ``DataValidationError`` listing every problem found; the old warehouse is then untouched.
    One build at a time per warehouse (a file lock; a second build waits, then finds it current);
    temporary files of killed builds are removed first; SIGTERM and Ctrl-C stop the build cleanly
    (``build_guard.BuildInterrupted``). Nothing is rebuilt when the fingerprint of the code and the
    data files' checksums is unchanged.

    Parameters
    ----------
    data : str or pathlib.Path, optional
        The data folder (default: the configured one).
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: ``$ALLIANCELAB_WAREHOUSE`` or the configured one).
    force : bool, default False
        Rebuild even when the warehouse is current.
    progress : callable, optional
        Called with each source's name before its file is read.

    Returns
    -------
    path : pathlib.Path
        The warehouse file.
    built : bool
        Whether it was (re)built.
    """
    target = locate.warehouse_path(warehouse)
    with build_guard.build_lock(target), build_guard.stop_on_signals():
        build_guard.remove_stale_builds(target)
        return _build_unguarded(data, target, force, progress)


def _build_unguarded(data, warehouse, force, progress):
    root = locate.data_dir(data)
    target = locate.warehouse_path(warehouse)
    checksums, unreadable = {}, []
    for source in SOURCES:
        try:
            checksums[source.name] = sha256_of(root / source.path)
        except OSError as err:
            unreadable.append(
                Problem(str(root / source.path), f"cannot be read ({err.strerror or err}); expected a readable file")
            )
    if unreadable:
        raise DataValidationError(unreadable)
    fingerprint = hashlib.sha256(
        (code_fingerprint() + "".join(checksums[s.name] for s in SOURCES)).encode()
    ).hexdigest()
    if not force and current_fingerprint(target) == fingerprint:
        return target, False
    temporary = target.with_name(f".{target.name}.{os.getpid()}.building")
    temporary.unlink(missing_ok=True)
    problems = []
    try:
        with duckdb.connect(str(temporary)) as con:
            states = SOURCES_BY_NAME["states"]
            if progress:
                progress(states.name)
            problems += _load_source(con, states, root, set())
            if problems:  # the root cause: every other file's state codes are checked against it
                raise DataValidationError(problems + [_not_checked(root, states)])
            state_codes = {r[0] for r in con.execute("SELECT DISTINCT ccode FROM states").fetchall()}
            for source in SOURCES:
                if source.name == "states":
                    continue
                if progress:
                    progress(source.name)
                problems += _load_source(con, source, root, state_codes)
            if problems:
                raise DataValidationError(problems)
            _reshape(con)
            _write_catalogue(con, root, checksums, fingerprint)
            con.execute("CHECKPOINT")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
        Path(str(temporary) + ".wal").unlink(missing_ok=True)
    return target, True


def connect(warehouse=None, data=None, build=True):
    """Open the warehouse read-only, building it first when it does not exist yet.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: ``$ALLIANCELAB_WAREHOUSE`` or the configured one).
    data : str or pathlib.Path, optional
        The data folder used to build it.
    build : bool, default True
        Build a missing warehouse; False raises ``WarehouseError`` instead.

    Returns
    -------
    duckdb.DuckDBPyConnection
        A read-only connection.

    Examples
    --------
    >>> con = connect()
    >>> con.execute("SELECT count(*) > 0 FROM states").fetchone()
    (True,)
    """
    path = locate.warehouse_path(warehouse)
    if not path.exists():
        if not build:
            raise WarehouseError(f"no warehouse at {path}: run 'alliancelab data build' first")
        build_warehouse(data=data, warehouse=path)
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as err:
        raise WarehouseError(
            f"warehouse {path} cannot be opened ({err}); rebuild it with 'alliancelab data build --force'"
        ) from None


def status(warehouse=None):
    """What the warehouse holds: the rows of its ``sources`` table.

    Parameters
    ----------
    warehouse : str or pathlib.Path, optional
        The warehouse file (default: the configured one).

    Returns
    -------
    pandas.DataFrame
        One row per source: ``name``, ``file``, ``version``, ``rows``, ``sha256``, ``citation``,
        ``first_year``, ``last_year``.

    Examples
    --------
    >>> list(status().columns[:3])
    ['name', 'file', 'version']
    """
    path = locate.warehouse_path(warehouse)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run 'alliancelab data build' first")
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute("SELECT * FROM sources ORDER BY name").df()
    except duckdb.Error as err:
        raise WarehouseError(
            f"warehouse {path} cannot be read ({err}); rebuild it with 'alliancelab data build --force'"
        ) from None


@connection_first
def citations(names, warehouse=None, con=None):
    """The citations of the named sources, for outputs to carry.

    Parameters
    ----------
    names : sequence of str
        Source names.
    warehouse : str or pathlib.Path, optional
        The warehouse (default: the configured one).
    con : duckdb.DuckDBPyConnection, optional
        Deprecated (use ``warehouse=``): an open warehouse connection; the old call ``citations(con, names)``
        still works and warns.

    Returns
    -------
    list of str
        ``"version: citation"`` per source found, in the order of ``names``.

    Examples
    --------
    >>> citations(["states"])
    ['COW State System Membership 2016: Correlates of War Project 2017, State System Membership List v2016']

    References
    ----------
    The ``sources`` table of the warehouse (one row per source file: version, sha256, citation).
    """
    return _citations(warehouse_connection(warehouse, con, "citations"), names)


def _citations(con, names):
    """``citations`` on an open connection (for code that already holds one)."""
    rows = con.execute(
        "SELECT name, version, citation FROM sources WHERE name IN (SELECT unnest(?::VARCHAR[]))",
        [list(names)],
    ).fetchall()
    order = {n: i for i, n in enumerate(names)}
    return [f"{v}: {c}" for _n, v, c in sorted(rows, key=lambda r: order[r[0]])]


__all__ = [
    "Problem",
    "check_source",
    "needed_columns",
    "INT_LIMIT",
    "SQL_TYPES",
    "TYPE_WORDS",
    "BUILD_MODULES",
    "sha256_of",
    "code_fingerprint",
    "current_fingerprint",
    "build_warehouse",
    "connect",
    "status",
    "citations",
]
