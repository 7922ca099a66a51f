"""Validation of one source file: readable, columns, types, values, content (used by the warehouse build).

Every check names the file, line, column and the rule broken (a ``Problem``); ``check_source`` runs them on
one file without building anything. Re-exported by ``alliancelab.data.warehouse``.

Kept in one module because the checks run in sequence on one raw table of one file and share its
helpers (line numbers, typed expressions, the first offending row).
"""

import difflib
import gzip
import zlib
from dataclasses import dataclass

import duckdb

from alliancelab.data import locate
from alliancelab.data.sources import SOURCES, SOURCES_BY_NAME
from alliancelab.errors import ParameterError

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
