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

One module (~550 lines): the build is one transaction (load, validate, derive, swap into place)
whose steps share the connection and the fingerprint of the inputs; the source declarations live
apart in ``sources.py``.
"""

import difflib
import gzip
import hashlib
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from alliancelab.data import build_guard, locate
from alliancelab.data.source import connection_first, warehouse_connection
from alliancelab.data.sources import POLITY_CROSSWALK, POLITY_WITHOUT_COW, SOURCES, SOURCES_BY_NAME
from alliancelab.errors import DataValidationError, ParameterError, WarehouseError

SQL_TYPES = {"int": "BIGINT", "float": "DOUBLE", "str": "VARCHAR", "date": "DATE"}
TYPE_WORDS = {"int": "an integer", "float": "a number", "str": "text", "date": "a date YYYY-MM-DD"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, located as precisely as the check allows.

    Parameters
    ----------
    path : str
        The file.
    what : str
        What is wrong and what was expected.
    line : int or None, default None
        The file's line (1 = the header).
    column : str or None, default None
        The column.

    Examples
    --------
    >>> str(Problem("cow/states2016.csv", "expected an integer", 3, "ccode"))
    "cow/states2016.csv, line 3, column 'ccode': expected an integer"
    """

    path: str
    what: str
    line: int | None = None
    column: str | None = None

    def __str__(self):
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.what}"


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


def code_fingerprint():
    """Hash of the modules that decide what the warehouse holds (a change forces a rebuild).

    Returns
    -------
    str
        The first 16 hexadecimal digits of the SHA-256 of ``sources.py`` and ``warehouse.py``.
    """
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in ("sources.py", "warehouse.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def _check_file_readable(path, shown):
    """Empty files and truncated or corrupt gzip files, found before any parsing."""
    if not path.is_file():
        return [Problem(shown, "is not a file (expected a CSV file)")]
    if path.stat().st_size == 0:
        return [Problem(shown, "the file is empty (expected a CSV header and rows)")]
    opener = gzip.open if path.suffix == ".gz" else open
    lines, last = 0, b""
    try:
        with opener(path, "rb") as handle:
            first = handle.readline()
            lines, last = first.count(b"\n"), first[-1:]
            while block := handle.read(1 << 20):
                lines, last = lines + block.count(b"\n"), block[-1:]
    except PermissionError as err:
        return [Problem(shown, f"cannot be read ({err.strerror}); expected a readable file")]
    except (EOFError, OSError, zlib.error) as err:
        return [
            Problem(
                shown,
                f"the gzip stream is truncated or corrupt ({err}); expected a complete gzip file: download it again",
            )
        ]
    if not first.strip():
        return [Problem(shown, "the file is empty or has no header row (expected comma-separated column names)")]
    if last != b"\n":
        # every published file ends with a line break; without one the last row was cut off mid-way
        return [
            Problem(
                shown,
                "the file does not end with a line break: its last row is cut off (truncated "
                "copy?); expected the complete file as published",
                line=lines + 1,
            )
        ]
    return []


def _load_raw(con, table, path, shown):
    """Read the file as text into ``table`` with a ``_line`` column (1 = header)."""
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {table} AS
                SELECT *, (row_number() OVER ()) + 1 AS _line
                FROM read_csv(?, header=true, all_varchar=true, auto_detect=true,
                              delim=',', quote='"', strict_mode=true, null_padding=false)""",
            [str(path)],
        )
    except duckdb.Error as err:
        message = str(err).split("\n")[0:3]
        return [Problem(shown, "could not be parsed as CSV: " + " ".join(m.strip() for m in message))]
    count = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if count == 0:
        return [Problem(shown, "the file has a header but no rows")]
    return []


def needed_columns(source):
    """Every column a rule reads: the declared ones, then key / required / span / year / code columns
    (a key column that is not declared, e.g. the GML participants' 'stmon', is needed all the same),
    and in a wide file one column per year of its coverage (SIPRI's '1949' to '2018').

    Parameters
    ----------
    source : Source
        A source specification (``alliancelab.data.sources``).

    Returns
    -------
    list of str
        The column names, declared ones first.
    """
    needed = list(source.columns)
    if source.year_columns:
        needed += [str(year) for year in range(source.coverage[0], source.coverage[1] + 1)]
    for column in (
        *source.key,
        *(source.required or ()),
        *(c for span in source.spans for c in span[:2]),
        source.year_column,
        *source.ccode_columns,
    ):
        if column and column not in needed:
            needed.append(column)
    return needed


def _check_columns(con, table, source, shown):
    present = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "_line"]
    problems = []
    undeclared = [c for c in present if c not in source.columns]
    for column in needed_columns(source):
        if column not in present:
            close = [c for c in undeclared if column in c or c in column]
            close = close or difflib.get_close_matches(column, undeclared, n=1, cutoff=0.5)
            hint = f" (found '{close[0]}': renamed?)" if close else ""
            problems.append(Problem(shown, f"missing column '{column}'{hint}", column=column))
    return problems, present


def _clean(column):
    """SQL for a text cell with blanks made NULL."""
    return f"NULLIF(trim(\"{column}\"), '')"


INT_LIMIT = 2**53  # integers beyond this cannot be stored exactly (and are never a code or a count)


def _typed_expression(column, kind):
    """SQL turning a text cell into its type; NULL when the cell is blank or not of that type.

    Integers written as 12.0 are accepted; 12.5, nan, inf and values beyond 2**53 are not. In a
    number column the text nan (any case) is read as missing, like a blank cell.
    """
    cleaned = _clean(column)
    number = f"TRY_CAST({cleaned} AS DOUBLE)"
    if kind == "int":
        return (
            f"CASE WHEN isfinite({number}) AND abs({number}) < {INT_LIMIT} AND {number} = floor({number}) "
            f"THEN CAST({number} AS BIGINT) END"
        )
    if kind == "float":
        return f"CASE WHEN NOT isnan({number}) THEN {number} END"
    if kind == "date":  # 'inf' casts to an infinite date: not a day anyone can mean
        date = f"TRY_CAST({cleaned} AS DATE)"
        return f"CASE WHEN isfinite({date}) THEN {date} END"
    return f"TRY_CAST({cleaned} AS {SQL_TYPES[kind]})"


def _is_nan_text(column):
    return f"lower({_clean(column)}) IN ('nan', '+nan', '-nan')"


def _check_types(con, table, source, shown):
    problems = []
    for column, (kind, _meaning) in source.columns.items():
        if kind == "str":
            continue
        allowed_missing = f" AND NOT {_is_nan_text(column)}" if kind == "float" else ""
        bad = con.execute(
            f"""SELECT _line, "{column}", count(*) OVER () FROM {table}
                WHERE {_clean(column)} IS NOT NULL AND ({_typed_expression(column, kind)}) IS NULL{allowed_missing}
                ORDER BY _line LIMIT 1"""
        ).fetchone()
        if bad:
            more = f" ({bad[2]} such rows)" if bad[2] > 1 else ""
            problems.append(
                Problem(shown, f"expected {TYPE_WORDS[kind]}, found '{bad[1]}'{more}", line=bad[0], column=column)
            )
    return problems


def _auto_type(con, table, column):
    """Type of an undeclared column: integer if every value is one (finite, below 2**53), else
    double if every value is a number (nan read as missing), else text."""
    cleaned = _clean(column)
    number = f"TRY_CAST({cleaned} AS DOUBLE)"
    kinds = con.execute(
        f"""SELECT bool_and(coalesce(isfinite({number}) AND abs({number}) < {INT_LIMIT}
                                        AND {number} = floor({number}), false)),
                   bool_and({number} IS NOT NULL)
            FROM {table} WHERE {cleaned} IS NOT NULL AND NOT {_is_nan_text(column)}"""
    ).fetchone()
    if kinds[0]:
        return "int"
    if kinds[1]:
        return "float"
    return "str"


def _typed_select(con, table, source, present):
    """SELECT list that casts every column and turns sentinels into NULL."""
    parts = []
    for column in present:
        kind = source.columns[column][0] if column in source.columns else _auto_type(con, table, column)
        expression = _typed_expression(column, kind)
        sentinels = source.sentinels.get(column, source.sentinels.get("*", ()) if kind != "str" else ())
        if sentinels:
            values = ", ".join(str(v) for v in sentinels)
            expression = f"CASE WHEN ({expression}) IN ({values}) THEN NULL ELSE ({expression}) END"
        parts.append(f'{expression} AS "{column}"')
    return ", ".join(parts + ["_line"])


def _first_bad(con, table, where, column, shown, what):
    """One Problem for the first row matching ``where`` (with the count of such rows), or None."""
    bad = con.execute(f"""SELECT _line, "{column}", count(*) OVER () FROM {table} WHERE {where}
                          ORDER BY _line LIMIT 1""").fetchone()
    if not bad:
        return None
    more = f" ({bad[2]} such rows)" if bad[2] > 1 else ""
    return Problem(shown, what(bad[1]) + more, line=bad[0], column=column)


def _bounds_text(low, high):
    return f"[{'' if low is None else low}, {'' if high is None else high}]"


def _check_values(con, table, source, shown):
    """Values no published copy can hold: infinities, blank key cells, values outside the possible
    range of the column, and spells that end before they start."""
    problems = []
    kinds = {r[0]: r[1] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    for column, kind in kinds.items():
        if kind == "DOUBLE":
            problems.append(
                _first_bad(
                    con,
                    table,
                    f'isinf("{column}")',
                    column,
                    shown,
                    lambda v: f"infinite value '{v}': expected a finite number or a blank cell",
                )
            )
    required = source.key if source.required is None else source.required
    for column in required:
        problems.append(
            _first_bad(
                con,
                table,
                f'"{column}" IS NULL',
                column,
                shown,
                lambda v, c=column: f"blank value: '{c}' may not be blank",
            )
        )
    for column, (low, high) in source.bounds.items():
        if column not in kinds:
            continue
        tests = ([f'"{column}" < {low}'] if low is not None else []) + (
            [f'"{column}" > {high}'] if high is not None else []
        )
        problems.append(
            _first_bad(
                con,
                table,
                " OR ".join(tests),
                column,
                shown,
                lambda v, lo=low, hi=high: f"impossible value {v}: expected a value in {_bounds_text(lo, hi)}",
            )
        )
    for first, last, open_value in source.spans:
        exempt = f' AND "{last}" <> {open_value}' if open_value is not None else ""
        problems.append(
            _first_bad(
                con,
                table,
                f'"{last}" < "{first}"{exempt}',
                last,
                shown,
                lambda v, f=first: f"ends ({v}) before it starts ('{f}'): expected {f} <= end",
            )
        )
    return [p for p in problems if p is not None]


def _check_content(con, table, source, shown, state_codes):
    problems = _check_values(con, table, source, shown)
    if source.key and not source.allow_duplicate_keys:
        keys = ", ".join(f'"{k}"' for k in source.key)
        dup = con.execute(
            f"""SELECT {keys}, list(_line ORDER BY _line), count(*) OVER () FROM {table}
                GROUP BY {keys} HAVING count(*) > 1 ORDER BY min(_line) LIMIT 1"""
        ).fetchone()
        if dup:
            lines = dup[len(source.key)]
            value = ", ".join(f"{k}={v}" for k, v in zip(source.key, dup))
            more = f"; {dup[-1]} duplicated keys in all" if dup[-1] > 1 else ""
            problems.append(
                Problem(
                    shown,
                    f"duplicate key ({value}) on lines {lines[:5]}: expected one row per {'/'.join(source.key)}{more}",
                    line=lines[1],
                )
            )
    for column in source.ccode_columns:
        allowed = sorted(state_codes | set(source.known_odd_codes))
        bad = con.execute(
            f"""SELECT _line, "{column}", count(*) OVER () FROM {table}
                WHERE "{column}" IS NOT NULL AND "{column}" NOT IN (SELECT unnest(?::BIGINT[]))
                ORDER BY _line LIMIT 1""",
            [allowed],
        ).fetchone()
        if bad:
            more = f" ({bad[2]} such rows)" if bad[2] > 1 else ""
            problems.append(
                Problem(
                    shown,
                    f"unknown state code {bad[1]}: expected a COW code from cow/states2016.csv{more}",
                    line=bad[0],
                    column=column,
                )
            )
    if source.year_column:
        low, high = source.coverage
        bad = con.execute(
            f"""SELECT _line, "{source.year_column}", count(*) OVER () FROM {table}
                WHERE "{source.year_column}" < ? OR "{source.year_column}" > ?
                ORDER BY _line LIMIT 1""",
            [low, high],
        ).fetchone()
        if bad:
            more = f" ({bad[2]} such rows)" if bad[2] > 1 else ""
            problems.append(
                Problem(
                    shown,
                    f"year {bad[1]} outside the source's coverage {low}-{high}{more}",
                    line=bad[0],
                    column=source.year_column,
                )
            )
    return problems


def _load_source(con, source, root, state_codes):
    """Validate one file and, if it is sound, create its typed table. Returns problems."""
    path = root / source.path
    shown = str(path)
    problems = _check_file_readable(path, shown)
    if problems:
        return problems
    raw = f"raw_{source.name}"
    problems = _load_raw(con, raw, path, shown)
    if problems:
        return problems
    problems, present = _check_columns(con, raw, source, shown)
    if problems:
        return problems
    problems = _check_types(con, raw, source, shown)
    if problems:
        return problems
    typed = f"typed_{source.name}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {typed} AS SELECT {_typed_select(con, raw, source, present)} FROM {raw}")
    problems = _check_content(con, typed, source, shown, state_codes)
    if not problems:
        con.execute(f"CREATE TABLE {source.name} AS SELECT * EXCLUDE (_line) FROM {typed} ORDER BY _line")
    con.execute(f"DROP TABLE {raw}")
    con.execute(f"DROP TABLE {typed}")
    return problems


def _not_checked(root, states):
    return Problem(
        str(root / states.path),
        f"the other {len(SOURCES) - 1} source files were not checked: "
        "their state codes are checked against this file; fix it first",
    )


def check_source(name, data=None, notes=None):
    """Validate one source file without building anything.

    Codes are checked against the state list of the same data folder; when that file itself is
    damaged, its problems are returned (the root cause) instead of follow-on errors.

    Parameters
    ----------
    name : str
        The source's name (a ``Source.name``).
    data : str or pathlib.Path, optional
        The data folder (default: the configured one).
    notes : list, optional
        Receives the rows accepted under a documented rule (``_accepted_rows``).

    Returns
    -------
    list of Problem
        Empty when the file is valid.

    Examples
    --------
    >>> check_source("states")
    []
    """
    if name not in SOURCES_BY_NAME:
        raise ParameterError(f"argument source={name!r}: expected one of {sorted(SOURCES_BY_NAME)}")
    root = locate.data_dir(data, require=False)
    states = SOURCES_BY_NAME["states"]
    with duckdb.connect() as con:
        problems = _load_source(con, states, root, set())
        if name == "states" or problems:
            return (
                problems
                if name == "states"
                else problems
                + [
                    Problem(
                        str(root / SOURCES_BY_NAME[name].path),
                        "not checked: its state codes are checked against cow/states2016.csv, which is damaged",
                    )
                ]
            )
        state_codes = {r[0] for r in con.execute("SELECT DISTINCT ccode FROM states").fetchall()}
        problems = _load_source(con, SOURCES_BY_NAME[name], root, state_codes)
        if not problems and notes is not None:
            notes += _accepted_rows(con, name)
        return problems


def _accepted_rows(con, name):
    """Rows a published source really contains that break a general rule, kept under a documented rule.

    - atop_members: a member-year whose member is not a COW system member that year (e.g. states
      before independence or governments in exile). Kept as published; panels, portfolios and
      networks cover system members only, so these rows never enter them.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A connection holding the loaded source.
    name : str
        The source's name.

    Returns
    -------
    list of str
        One line per rule with the count and examples (shown by ``alliancelab data check``).
    """
    if name != "atop_members":
        return []
    from alliancelab.data import facts

    spells = facts.system_spells(con)
    years = facts.alliance_member_years(facts.alliance_spells(con))
    outside = facts.members_outside_system(years, spells)
    if outside.empty:
        return []
    pairs = outside.groupby("member")["year"].agg(["min", "max", "size"]).reset_index()
    examples = "; ".join(f"{r.member} {r.min}-{r.max}" for r in pairs.head(6).itertuples())
    return [
        f"atop_members: accepted {len(outside)} member-years of {outside['atopid'].nunique()} alliances "
        f"whose member is not a COW system member that year (kept as published, never joined to "
        f"system panels), e.g. {examples}"
    ]


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
