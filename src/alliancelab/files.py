"""Writing output files atomically (temporary file, fsync, then rename), with the sources they used.

Every layer writes through ``atomic_path``:

- a killed write leaves no half-written file: the data go to a temporary file of our own naming
  (``.<name>.<random>.alliancelab-part``) beside the target, which is fsynced and renamed into place;
  the folder is fsynced after the rename;
- an existing target keeps its permission bits (a 0600 file stays 0600); a new file gets the
  usual ``0666 & ~umask``;
- a bad output path (a folder, an empty name, a folder that cannot be written) is one
  ``ParameterError`` naming the path, never a traceback.

A table goes to CSV, Parquet, Feather (Arrow IPC; R reads it with ``arrow::read_feather``) or Stata
``.dta`` by its suffix. Its citations go beside it in ``<name>.sources.txt``, written *before* the
table, so a table never exists without its sources; Parquet and Feather files also carry them in
their metadata.
"""

import os
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from alliancelab.errors import ParameterError

TABLE_SUFFIXES = (".csv", ".parquet", ".feather", ".dta")
PART_SUFFIX = ".alliancelab-part"


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_target(path, argument):
    text = str(path)
    if not text.strip():
        raise ParameterError(f"argument {argument}={text!r}: expected a file name, got an empty path")
    path = Path(path)
    if path.is_dir():
        raise ParameterError(f"argument {argument}={text}: is a folder; expected a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ParameterError(
            f"argument {argument}={text}: cannot create folder {path.parent}: {err.strerror}"
        ) from None
    if not os.access(path.parent, os.W_OK):
        raise ParameterError(f"argument {argument}={text}: folder {path.parent} is not writable")
    return path


FILE_SUFFIXES = TABLE_SUFFIXES + (".md", ".html", ".png", ".svg", ".pdf", ".json", ".txt", ".tex")


def check_output(path, argument="out"):
    """Check, before any work, that ``path`` can receive output; returns it as a Path.

    Refused with a ``ParameterError`` naming ``argument``: an empty path; a path with a file suffix
    (``.csv``, ``.md``, ...) that is an existing folder; a path under a regular file; a path whose
    nearest existing folder cannot be written in (tried by creating and removing a temporary file,
    so read-only file systems and folders refused even to root are caught). Nothing is left behind.

    Parameters
    ----------
    path : str or Path
        A file or folder the command will write.
    argument : str
        The option it came from, for the message (e.g. ``"--out"``).

    Returns
    -------
    Path

    Examples
    --------
    >>> check_output("results/table.csv", "--out")
    PosixPath('results/table.csv')
    """
    text = str(path)
    if not text.strip():
        raise ParameterError(f"argument {argument}={text!r}: expected a file or folder name, got an empty path")
    path = Path(path)
    if path.suffix.lower() in FILE_SUFFIXES and path.is_dir():
        raise ParameterError(f"argument {argument}={text}: is a folder; expected a file name")
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise ParameterError(f"argument {argument}={text}: {folder} is a file, not a folder")
    try:
        handle, probe = tempfile.mkstemp(prefix=".probe.", suffix=PART_SUFFIX, dir=folder)
    except OSError as err:
        raise ParameterError(f"argument {argument}={text}: cannot write in {folder}: {err.strerror}") from None
    os.close(handle)
    os.unlink(probe)
    return path


def _fsync_folder(folder):
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextmanager
def atomic_path(path, argument="out"):
    """Yield a temporary path beside ``path``; fsync and rename it into place only if the block succeeds.

    Parameters
    ----------
    path : str or Path
        The file to write.
    argument : str
        The option the path came from, named in error messages.

    Yields
    ------
    Path
        A temporary file in the same folder; write the output there.
    """
    path = _check_target(path, argument)
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    except OSError as err:
        raise ParameterError(f"argument {argument}={path}: cannot write in {path.parent}: {err.strerror}") from None
    os.close(handle)
    temporary = Path(temporary)
    try:
        yield temporary
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        _fsync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def clean_stale_parts(folder, older_than_s=3600.0):
    """Remove our own temporary files (``*.alliancelab-part``) older than ``older_than_s`` seconds.

    Files of other programs are never touched.

    Parameters
    ----------
    folder : str or Path
        The folder to clean (not recursively).
    older_than_s : float
        Minimum age in seconds (by modification time) of a file to remove.

    Returns
    -------
    list of Path
        The removed files.
    """
    removed = []
    now = time.time()
    for candidate in Path(folder).glob(f".*{PART_SUFFIX}"):
        try:
            if now - candidate.stat().st_mtime >= older_than_s:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def write_text(path, text, argument="out"):
    """Write ``text`` to ``path`` atomically.

    Parameters
    ----------
    path : str or Path
        The file to write.
    text : str
        Its content.
    argument : str
        The option the path came from, named in error messages.

    Returns
    -------
    Path
        ``path``.
    """
    with atomic_path(path, argument) as temporary:
        temporary.write_text(text)
    return Path(path)


def sources_path(path):
    """The sidecar file that lists a table's sources: ``<name>.sources.txt``.

    Parameters
    ----------
    path : str or Path
        The table's file.

    Returns
    -------
    Path
        The sidecar's path, beside the table.

    Examples
    --------
    >>> sources_path("out/threat.parquet").name
    'threat.parquet.sources.txt'
    """
    path = Path(path)
    return path.with_name(path.name + ".sources.txt")


def _arrow_table(frame, sources):
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(table.schema.metadata or {})
    metadata[b"alliancelab.sources"] = "\n".join(sources).encode()
    return table.replace_schema_metadata(metadata)


def _write_stata(frame, temporary, sources, path):
    frame = frame.copy()
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype) or frame[name].dtype == object:
            frame[name] = frame[name].astype("string").astype(object).where(frame[name].notna(), "")
        elif frame[name].dtype == bool or str(frame[name].dtype) == "boolean":
            frame[name] = frame[name].astype("Int8")
    try:
        frame.to_stata(temporary, write_index=False, version=118, data_label="alliancelab output", variable_labels=None)
    except (ValueError, TypeError) as err:
        raise ParameterError(f"argument out={path}: the table cannot be written as Stata .dta: {err}") from None


def write_table(frame, path, sources=(), argument="out"):
    """Write ``frame`` to .csv, .parquet, .feather or .dta atomically, with its sources.

    The ``.sources.txt`` sidecar is written first, then the table, each atomically; Parquet and
    Feather files also carry the sources in their metadata.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table (its index is not written).
    path : str or Path
        The file; its suffix chooses the format.
    sources : sequence of str
        Citations of the sources the table used.
    argument : str
        The option the path came from, named in error messages.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    if path.suffix not in TABLE_SUFFIXES:
        raise ParameterError(f"argument {argument}={path}: expected a file ending in {', '.join(TABLE_SUFFIXES)}")
    _check_target(path, argument)
    frame = pd.DataFrame(frame)
    sources = list(sources)
    if sources:
        write_text(sources_path(path), "\n".join(sources) + "\n", argument)
    with atomic_path(path, argument) as temporary:
        if path.suffix == ".csv":
            frame.to_csv(temporary, index=False)
        elif path.suffix == ".parquet":
            import pyarrow.parquet as pq

            pq.write_table(_arrow_table(frame, sources), temporary)
        elif path.suffix == ".feather":
            import pyarrow.feather as feather

            feather.write_feather(_arrow_table(frame, sources), temporary)
        else:
            _write_stata(frame, temporary, sources, path)
    return path


def read_sources(path):
    """The sources recorded with a table written by ``write_table`` (sidecar, else file metadata).

    Parameters
    ----------
    path : str or Path
        The table's file.

    Returns
    -------
    list of str
        The citations, empty when none were recorded.
    """
    path = Path(path)
    sidecar = sources_path(path)
    if sidecar.is_file():
        return [line for line in sidecar.read_text().splitlines() if line.strip()]
    if path.suffix in (".parquet", ".feather"):
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pq.read_schema(path) if path.suffix == ".parquet" else pa.ipc.open_file(path).schema
        raw = (schema.metadata or {}).get(b"alliancelab.sources", b"")
        return [line for line in raw.decode().splitlines() if line.strip()]
    return []
