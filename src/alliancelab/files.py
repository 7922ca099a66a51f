"""Writing output files atomically (temporary file, then rename), with the sources they used.

Every layer writes through ``atomic_path``: a killed write leaves no half-written file, and the
finished file is readable by everyone (0644). A table goes to CSV or Parquet by its suffix; its
citations go beside it in ``<name>.sources.txt`` (Parquet files also carry them in their metadata).
"""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from alliancelab.errors import ParameterError

TABLE_SUFFIXES = (".csv", ".parquet")


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it into place only if the block succeeds.

    The temporary file is made mode 0644 before the rename (mkstemp makes 0600 files; outputs are
    for everyone to read).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_text(path, text):
    """Write ``text`` to ``path`` atomically; returns the path."""
    with atomic_path(path) as temporary:
        temporary.write_text(text)
    return Path(path)


def write_table(frame, path, sources=()):
    """Write ``frame`` to .csv or .parquet atomically, with its sources beside it."""
    path = Path(path)
    if path.suffix not in TABLE_SUFFIXES:
        raise ParameterError(f"argument out={path}: expected a file ending in {' or '.join(TABLE_SUFFIXES)}")
    frame = pd.DataFrame(frame)
    with atomic_path(path) as temporary:
        if path.suffix == ".csv":
            frame.to_csv(temporary, index=False)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            metadata = dict(table.schema.metadata or {})
            metadata[b"alliancelab.sources"] = "\n".join(sources).encode()
            pq.write_table(table.replace_schema_metadata(metadata), temporary)
    if sources:
        write_text(path.with_name(path.name + ".sources.txt"), "\n".join(sources) + "\n")
    return path
