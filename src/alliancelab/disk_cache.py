"""Arrays kept on disk beside the warehouse, so that a fresh process reads what an earlier one computed.

A lookup such as ``alliancelab measures top-threats 1950 USA`` needs one year's threat features, whose
computation reads a dozen warehouse tables and dyad cubes (about 0.4 s); read back from a ``.npz``
file it takes milliseconds. An entry is valid for one warehouse build and one version of the code that
computes it: its file name is a hash of the warehouse's fingerprint (the ``meta`` table that
``data build`` writes: the code of the build and the checksums of the data files), of the source
files of the packages named, and of the caller's key. A rebuilt warehouse with other data, or edited
code, therefore never reads a stale entry; old entries are simply never read again.

The folder is ``<warehouse file>.cache/`` (``ALLIANCELAB_DISK_CACHE=0`` turns the cache off). The
cache is an optimisation only: a folder that cannot be written, or an unreadable entry, means the
arrays are computed as if there were no cache.
"""

import hashlib
import os
from functools import cache
from pathlib import Path

import numpy as np

PACKAGE_ROOT = Path(__file__).resolve().parent
ENV_SWITCH = "ALLIANCELAB_DISK_CACHE"


def enabled():
    """Whether the disk cache is on (``ALLIANCELAB_DISK_CACHE`` unset, or not 0/off/false/no).

    Returns
    -------
    bool
    """
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "off", "false", "no")


def cache_folder(warehouse):
    """The folder of the cached arrays of ``warehouse``: ``<warehouse file>.cache``.

    Parameters
    ----------
    warehouse : str or Path
        The warehouse file.

    Returns
    -------
    Path

    Examples
    --------
    >>> cache_folder("/tmp/alliancelab.duckdb").name
    'alliancelab.duckdb.cache'
    """
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".cache")


@cache
def code_version(packages):
    """SHA-256 of the source files of ``packages`` (folders or files under ``alliancelab/``, e.g. "panels").

    Parameters
    ----------
    packages : tuple of str

    Returns
    -------
    str
        Hexadecimal digest; it changes whenever one of those files does.
    """
    digest = hashlib.sha256()
    for package in packages:
        folder = PACKAGE_ROOT / package
        for path in [folder] if folder.is_file() else sorted(folder.rglob("*.py")):
            digest.update(str(path.relative_to(PACKAGE_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_path(lookup, namespace, key, packages):
    """The file of one entry: ``<cache folder>/<namespace>/<hash>.npz``.

    Parameters
    ----------
    lookup : alliancelab.panels.lookup.Lookup
        The open warehouse (its path and its fingerprint enter the hash).
    namespace : str
        A folder name for the kind of entry, e.g. "threat_features".
    key : tuple
        What identifies the entry within the namespace (its ``repr`` is hashed), e.g. (half_life, year).
    packages : tuple of str
        The packages whose code computes the entry.

    Returns
    -------
    Path
    """
    fingerprint = lookup.cached(("warehouse_fingerprint",), lambda: _fingerprint(lookup))
    digest = hashlib.sha256(repr((fingerprint, code_version(tuple(packages)), key)).encode()).hexdigest()
    return cache_folder(lookup.path) / namespace / f"{digest[:32]}.npz"


def _fingerprint(lookup):
    row = lookup.con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    return row[0] if row else None


def load_or_build(lookup, namespace, key, packages, build):
    """The arrays ``build()`` returns, read from the disk cache when an earlier call wrote them.

    Parameters
    ----------
    lookup : alliancelab.panels.lookup.Lookup
    namespace : str
    key : tuple
    packages : tuple of str
        As for ``entry_path``.
    build : callable
        Returns a dict of name -> numpy array (the entry is written after it returns).

    Returns
    -------
    dict
        Name -> numpy array, the same values ``build()`` gives (bit for bit: ``.npz`` keeps dtypes).

    Examples
    --------
    >>> from alliancelab.panels.lookup import Lookup
    >>> arrays = load_or_build(Lookup.get(), "doctest", ("ones",), ("disk_cache.py",), lambda: {"x": np.ones(3)})
    >>> arrays["x"].tolist()
    [1.0, 1.0, 1.0]
    """
    if not enabled():
        return build()
    path = entry_path(lookup, namespace, key, packages)
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as stored:
                return {name: stored[name] for name in stored.files}
        except (OSError, ValueError, EOFError):
            pass  # a damaged entry: computed again and rewritten below
    arrays = build()
    _write(path, arrays)
    return arrays


def _write(path, arrays):
    """Write atomically (a temporary file renamed), so a reader never sees half an entry."""
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            np.savez_compressed(handle, **arrays)  # mostly NaN outside the present pairs: ~30x smaller, as fast to read
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
