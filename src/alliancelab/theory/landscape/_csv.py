"""A user's own actors for landscape theory: sizes and propensities read from CSV files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError


def read_user_csv(path, required=(), lower=True):
    """A user's CSV file (column names stripped and, with ``lower``, lower-cased); ParameterError
    naming the file when it is missing, unreadable or lacks a ``required`` column.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    required : sequence of str
        Columns that must be present.
    lower : bool, default True
        Lower-case the column names.

    Returns
    -------
    pandas.DataFrame
        The table.
    """
    from pathlib import Path

    if not Path(path).exists():
        raise ParameterError(f"file {path}: does not exist")
    try:
        frame = pd.read_csv(path)
    except Exception as err:  # noqa: BLE001 - any parse failure is reported with the file name
        raise ParameterError(f"file {path}: cannot be read as CSV ({err})") from None
    if lower:
        frame.columns = [str(c).strip().lower() for c in frame.columns]
    if not set(required) <= set(frame.columns):
        raise ParameterError(f"file {path}: expected columns '{','.join(required)}', found {list(frame.columns)}")
    return frame


def read_actor_csv(sizes_path, propensities_path):
    """Read a user's actors: a sizes CSV (columns ``actor,size``) and a propensities CSV, either long
    (``actor1,actor2,propensity``; missing pairs are 0; a pair given twice must agree) or a square
    matrix with actor names as the first column and the header.

    Parameters
    ----------
    sizes_path : str or Path
        CSV with columns actor, size.
    propensities_path : str or Path
        Long (actor1, actor2, propensity) or square CSV.

    Returns
    -------
    tuple
        (names, sizes array, propensity matrix).
    """
    from pathlib import Path

    sp, pp = Path(sizes_path), Path(propensities_path)
    s = read_user_csv(sp, ("actor", "size"))
    names = [str(a) for a in s.actor]
    if len(set(names)) != len(names):
        dup = s.actor[s.actor.duplicated()].iloc[0]
        raise ParameterError(f"file {sp}: actor {dup!r} appears more than once")
    size = pd.to_numeric(s["size"], errors="coerce")
    bad = np.flatnonzero(~(size > 0))
    if bad.size:
        r = int(bad[0])
        raise ParameterError(f"file {sp}, row {r + 2}, column size: {s['size'].iloc[r]!r} is not a number > 0")
    pos = {a: i for i, a in enumerate(names)}
    n = len(names)
    p = read_user_csv(pp, lower=False)
    lower = [c.strip().lower() for c in p.columns]
    m = np.zeros((n, n))
    if {"actor1", "actor2", "propensity"} <= set(lower):
        p.columns = lower
        seen = {}
        for r, (a, b, v) in enumerate(zip(p.actor1.astype(str), p.actor2.astype(str), p.propensity)):
            row = r + 2
            for who, col in ((a, "actor1"), (b, "actor2")):
                if who not in pos:
                    raise ParameterError(f"file {pp}, row {row}, column {col}: actor {who!r} is not in {sp}")
            try:
                v = float(v)
            except (TypeError, ValueError):
                raise ParameterError(f"file {pp}, row {row}, column propensity: {v!r} is not a number") from None
            if not np.isfinite(v):
                raise ParameterError(f"file {pp}, row {row}, column propensity: {v!r} is not a finite number")
            if a == b:
                raise ParameterError(f"file {pp}, row {row}: an actor has no propensity to itself ({a!r})")
            key = (min(a, b), max(a, b))
            if key in seen and seen[key] != v:
                raise ParameterError(
                    f"file {pp}, row {row}: pair {key} given twice with different values "
                    f"({seen[key]} and {v}); propensities are symmetric"
                )
            seen[key] = v
            m[pos[a], pos[b]] = m[pos[b], pos[a]] = v
    else:
        p = p.set_index(p.columns[0])
        p.index = p.index.astype(str)
        p.columns = [str(c).strip() for c in p.columns]
        if set(p.index) != set(names) or set(p.columns) != set(names):
            raise ParameterError(
                f"file {pp}: expected either columns 'actor1,actor2,propensity' or a "
                f"square matrix whose row and column names are the actors of {sp}"
            )
        p = p.loc[names, names].apply(pd.to_numeric, errors="coerce")
        if p.isna().to_numpy().any():
            i, j = np.argwhere(p.isna().to_numpy())[0]
            raise ParameterError(f"file {pp}: row {names[i]!r}, column {names[j]!r} is not a number")
        m = p.to_numpy(dtype=float)
        np.fill_diagonal(m, 0.0)
        if not np.allclose(m, m.T):
            i, j = np.argwhere(~np.isclose(m, m.T))[0]
            raise ParameterError(
                f"file {pp}: not symmetric: ({names[i]}, {names[j]}) = {m[i, j]} but "
                f"({names[j]}, {names[i]}) = {m[j, i]}"
            )
    return names, size.to_numpy(dtype=float), m
