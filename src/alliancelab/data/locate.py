"""Where the data mirror and the warehouse live.

Data directory: ``--data DIR``, else ``$ALLIANCELAB_DATA``, else ``../shared/data`` beside the
repository root. Warehouse: ``--warehouse PATH``, else ``$ALLIANCELAB_WAREHOUSE``, else
``alliancelab.duckdb`` in the user cache directory.
"""

import os
from pathlib import Path

from platformdirs import user_cache_dir

from alliancelab.data.sources import SOURCES
from alliancelab.errors import DataMissingError, WarehouseError

REPO_ROOT = Path(__file__).resolve().parents[3]


def data_dir(explicit=None, require=True):
    """Return the data directory to read, checking that every source file is there.

    Parameters
    ----------
    explicit : str or Path, optional
        The folder given with ``--data``; else ``$ALLIANCELAB_DATA``, else the default folder.
    require : bool
        Check that every source file of ``sources.SOURCES`` is in the folder.

    Returns
    -------
    Path
        The data directory.

    Raises
    ------
    DataMissingError
        With ``require``, when files are missing: one message listing each with its version and
        where it is published.
    """
    if explicit:
        candidates = [("--data", Path(explicit))]
    elif os.environ.get("ALLIANCELAB_DATA"):
        candidates = [("$ALLIANCELAB_DATA", Path(os.environ["ALLIANCELAB_DATA"]))]
    else:
        candidates = [("default", REPO_ROOT.parent / "shared" / "data")]
    how, path = candidates[0]
    if require:
        missing = [s for s in SOURCES if not (path / s.path).is_file()]
        if missing:
            lines = [f"data directory {path} (from {how}) lacks {len(missing)} source file(s):"]
            lines += [f"  {s.path}: {s.version}; published by {s.published_at}" for s in missing]
            lines.append("Point --data or $ALLIANCELAB_DATA at a folder holding these files.")
            raise DataMissingError("\n".join(lines))
    return path


def warehouse_path(explicit=None):
    """Return the warehouse file path (its folder is created if needed).

    Parameters
    ----------
    explicit : str or Path, optional
        The file given with ``--warehouse``; else ``$ALLIANCELAB_WAREHOUSE``, else
        ``alliancelab.duckdb`` in the user cache folder.

    Returns
    -------
    Path
        The warehouse file (it may not exist yet).
    """
    if explicit:
        path = Path(explicit)
    elif os.environ.get("ALLIANCELAB_WAREHOUSE"):
        path = Path(os.environ["ALLIANCELAB_WAREHOUSE"])
    else:
        path = Path(user_cache_dir("alliancelab")) / "alliancelab.duckdb"
    if path.is_dir():
        raise WarehouseError(
            f"warehouse {str(path)!r} is a folder; expected a warehouse file such as {path / 'alliancelab.duckdb'}"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WarehouseError(f"warehouse {path}: cannot create folder {path.parent}: {err.strerror}") from None
    return path
