"""A sweep's stored tables: where each chunk is written (atomically), the chunks combined into runs, series and
states, and a finished sweep read back.
"""

from pathlib import Path

import pandas as pd

from alliancelab.errors import AllianceLabError
from alliancelab.files import atomic_path


def _write_atomic(frame, path):
    with atomic_path(path) as temporary:
        frame.to_parquet(temporary, index=False)


def _chunk_paths(out, c):
    base = Path(out) / "chunks"
    return {name: base / f"chunk-{c:06d}.{name}.parquet" for name in ("series", "states", "runs")}


def combine(out, n_chunks=None):
    """Concatenate finished chunks into ``runs``/``series``/``states.parquet``.

    Parameters
    ----------
    out : str or path
        The sweep directory.
    n_chunks : int, optional
        How many chunks the sweep has (default: as many as are finished).

    Returns
    -------
    pandas.DataFrame
        The runs table, sorted by run.
    """
    out = Path(out)
    if n_chunks is None:
        n_chunks = len(list((out / "chunks").glob("chunk-*.runs.parquet")))
    frames = {}
    for name in ("runs", "series", "states"):
        parts = [
            pd.read_parquet(_chunk_paths(out, c)[name])
            for c in range(n_chunks)
            if _chunk_paths(out, c)["runs"].exists()
        ]
        if not parts:
            raise AllianceLabError(f"{out}: no finished runs")
        frame = pd.concat(parts, ignore_index=True).sort_values("run", kind="stable")
        frame = frame.reset_index(drop=True)
        _write_atomic(frame, out / f"{name}.parquet")
        frames[name] = frame
    return frames["runs"]


def load_sweep(out):
    """The tables of a finished sweep directory.

    Parameters
    ----------
    out : str or path
        The sweep directory.

    Returns
    -------
    runs, series, states : pandas.DataFrame
        The tables written by ``run_sweep``.
    """
    out = Path(out)
    if not (out / "runs.parquet").exists():
        raise AllianceLabError(f"{out}: no runs.parquet (run 'alliancelab sweep CONFIG --out {out}' first)")
    return tuple(pd.read_parquet(out / f"{n}.parquet") for n in ("runs", "series", "states"))
