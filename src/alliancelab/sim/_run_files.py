"""Saving a run to a folder of Parquet files and reading it back (re-exported by ``sim.runs``)."""

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from alliancelab.errors import AllianceLabError, ParameterError
from alliancelab.sim import model
from alliancelab.sim.model import SimParams


def run_metadata(result):
    """The metadata stored with a saved run.

    Parameters
    ----------
    result : RunResult
        The run.

    Returns
    -------
    dict
        ``model_version``, ``params``, ``seed_entropy``, ``seed_spawn_key``, ``summary``,
        ``citations``.
    """
    return {
        "model_version": model.MODEL_VERSION,
        "params": result.params.to_dict(),
        "seed_entropy": result.seed[0],
        "seed_spawn_key": list(result.seed[1]),
        "summary": result.summary,
        "citations": list(result.citations),
    }


def _tables(result):
    snaps = pd.DataFrame(result.snapshots.T, columns=[str(s) for s in result.snapshot_steps])
    snaps.insert(0, "province", np.arange(result.snapshots.shape[1], dtype=np.int64))
    return {
        "series": result.series,
        "states": result.states,
        "wars": result.wars,
        "snapshots": snaps,
        "coords": result.coords,
    }


def check_run_folder(path, force=False, argument="out"):
    """Refuse to replace anything the user did not create with alliancelab.

    ``path`` may be missing or an empty folder; a folder holding a saved run (``run.json``) is
    replaced only with ``force``; a regular file or any other non-empty folder is never touched.

    Parameters
    ----------
    path : str or pathlib.Path
        The folder to write a run to.
    force : bool, default False
        Allow replacing a saved run.
    argument : str, default "out"
        The argument's name, for the error message.

    Returns
    -------
    pathlib.Path
        ``path``; anything else raises ``ParameterError``.
    """
    path = Path(path)
    if not str(path).strip():
        raise ParameterError(f"argument {argument}: expected a folder name, got an empty path")
    if path.exists() and not path.is_dir():
        raise ParameterError(
            f"argument {argument}={path}: is a file; expected a folder for the run (nothing was written)"
        )
    if path.is_dir() and any(path.iterdir()):
        if not (path / "run.json").is_file():
            raise ParameterError(
                f"argument {argument}={path}: the folder is not empty and holds no saved run; "
                "choose a new or empty folder (nothing was written or deleted)"
            )
        if not force:
            raise ParameterError(
                f"argument {argument}={path}: the folder holds a saved run; pass --force to "
                "replace it (nothing was written)"
            )
    return path


def save_run(result, path, force=False):
    """Write a run to a folder (Parquet tables and ``run.json``), atomically.

    Every Parquet file's metadata carries the exact parameters, random seed and model version;
    DuckDB reads the files directly (``SELECT * FROM 'run/series.parquet'``).

    Parameters
    ----------
    result : RunResult
        The run.
    path : str or pathlib.Path
        The folder; see ``check_run_folder``.
    force : bool, default False
        Replace a saved run already there.

    Returns
    -------
    pathlib.Path
        The folder written.
    """
    path = check_run_folder(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = run_metadata(result)
    text = json.dumps(meta, sort_keys=True, default=str)
    temporary = path.with_name(path.name + f".tmp{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    for name, frame in _tables(result).items():
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"alliancelab.run": text.encode()})
        pq.write_table(table, temporary / f"{name}.parquet")
    (temporary / "run.json").write_text(json.dumps(meta, indent=2, sort_keys=True, default=str))
    old = path.with_name(path.name + f".old{os.getpid()}")
    if path.is_dir():
        os.replace(path, old)
    os.replace(temporary, path)
    shutil.rmtree(old, ignore_errors=True)
    return path


def load_metadata(path):
    """Read the metadata of a saved run.

    Parameters
    ----------
    path : str or pathlib.Path
        The run's folder.

    Returns
    -------
    tuple
        ``(metadata, params, seed)``: the ``run.json`` dict, its ``SimParams`` and
        ``(entropy, spawn_key)``.
    """
    path = Path(path)
    meta_file = path / "run.json"
    if not meta_file.exists():
        raise AllianceLabError(
            f"{path}: not a saved run (no run.json); save one with 'alliancelab simulate run --out DIR'"
        )
    try:
        meta = json.loads(meta_file.read_text())
        params = SimParams.from_dict(meta["params"])
        seed = (int(meta["seed_entropy"]), tuple(meta["seed_spawn_key"]))
    except (KeyError, ValueError, TypeError) as err:
        raise AllianceLabError(f"{meta_file}: unreadable run metadata ({err})") from None
    return meta, params, seed


def load_tables(path):
    """Read the tables of a saved run.

    Parameters
    ----------
    path : str or pathlib.Path
        The run's folder.

    Returns
    -------
    dict
        ``series``, ``states``, ``wars``, ``snapshots``, ``coords`` -> pandas.DataFrame.
    """
    path = Path(path)
    return {
        name: pd.read_parquet(path / f"{name}.parquet") for name in ("series", "states", "wars", "snapshots", "coords")
    }


def _same_frame(a, b):
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    for col in a.columns:
        x, y = a[col], b[col]
        if x.dtype.kind == "f" or y.dtype.kind == "f":
            xa = x.to_numpy(dtype=np.float64)
            ya = y.to_numpy(dtype=np.float64)
            if xa.tobytes() != ya.tobytes():
                return False
        elif not x.reset_index(drop=True).equals(y.reset_index(drop=True).astype(x.dtype)):
            return False
    return True
