"""The contingency table: factors, levels, weights, structural zeros; one-thread BLAS for small matrices."""

import functools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancelab.errors import DataValidationError, ParameterError, check_choice
from alliancelab.measures.similarity import single_threaded_blas

MAX_LEVELS = 30  # more distinct values than this: the column is not a categorical factor
SMALL_EXPECTED = 5.0
_INSIDE = []  # non-empty while a single-threaded BLAS context is open


def _one_blas_thread(function):
    """Run ``function`` with BLAS limited to one thread: the matrices are small, and BLAS threads on a
    shared machine cost far more than they save (measured 20x on a 72 x 48 SVD)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _INSIDE:
            return function(*args, **kwargs)
        _INSIDE.append(True)
        try:
            with single_threaded_blas():
                return function(*args, **kwargs)
        finally:
            _INSIDE.pop()

    return wrapper


# --- the table ---------------------------------------------------------------------------------------
@dataclass
class ContingencyTable:
    """A full cross-classification: one count per combination of factor levels.

    Attributes
    ----------
    factors : tuple of str
        The factors, in table order.
    levels : dict
        Factor -> its levels in table order (the first is the reference level).
    cells : pandas.DataFrame
        One row per cell in C order (last factor varies fastest): the factor columns, ``count`` and
        ``structural`` (True = declared structural zero).
    dropped : dict
        How many input rows were left out, and why.
    sources : tuple of str
        Citations carried by results.

    Examples
    --------
    >>> frame = pd.DataFrame({"a": [1, 1, 2, 2], "b": [1, 2, 1, 2], "n": [30, 10, 10, 30]})
    >>> table = contingency_table(frame, ["a", "b"], weights="n")
    >>> table.shape, table.total, table.array().tolist()
    ((2, 2), 80.0, [[30.0, 10.0], [10.0, 30.0]])
    """

    factors: tuple
    levels: dict
    cells: pd.DataFrame
    dropped: dict = field(default_factory=dict)
    sources: tuple = ()

    @property
    def counts(self):
        """The count of every cell, in ``cells`` order."""
        return self.cells["count"].to_numpy(dtype=float)

    @property
    def shape(self):
        """The number of levels of each factor."""
        return tuple(len(self.levels[f]) for f in self.factors)

    @property
    def total(self):
        """The total count N."""
        return float(self.counts.sum())

    def codes(self, factor):
        """Level index (0 = reference level) of ``factor`` in every cell."""
        axis = self.factors.index(factor)
        grid = np.indices(self.shape).reshape(len(self.factors), -1)
        return grid[axis]

    def array(self):
        """Counts as an ndarray shaped by the factors' levels."""
        return self.counts.reshape(self.shape)


def _problem_rows(mask, limit=5):
    rows = np.flatnonzero(np.asarray(mask))
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (", ..." if len(rows) > limit else "")


def _factor_levels(column, name, max_levels, where):
    values = column
    if isinstance(values.dtype, pd.CategoricalDtype):
        levels = [c for c in values.cat.categories if (values == c).any()]
    else:
        levels = sorted(pd.unique(values), key=lambda v: (str(type(v)), v))
    if len(levels) > max_levels:
        kind = "numeric" if pd.api.types.is_numeric_dtype(values) else "text"
        raise DataValidationError(
            [
                f"{where}column {name!r} has {len(levels)} distinct values ({kind}): a log-linear factor must be "
                f"categorical with at most {max_levels} levels; bin it first (e.g. pandas.cut) or raise max_levels"
            ]
        )
    if len(levels) < 2:
        shown = repr(levels[0]) if levels else "none"
        raise DataValidationError(
            [
                f"{where}column {name!r} has a single level ({shown}): a factor needs at least two levels; "
                "leave it out of --factors or check the filter that produced the table"
            ]
        )
    return levels


def contingency_table(
    data, factors, weights=None, structural_zeros=None, missing="error", max_levels=MAX_LEVELS, source="", sources=()
):
    """Cross-classify alliances by ``factors`` into a full contingency table.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per alliance (``weights=None``) or one row per cell of an aggregated table with its
        count in column ``weights`` (rows repeating a cell are summed).
    factors : list of str
        Column names (at least two), each categorical with 2 to ``max_levels`` levels.
    weights : str or None, default None
        The count column of an aggregated table (non-negative integers).
    structural_zeros : list of dict, optional
        ``{factor: level, ...}`` each; every cell matching one cannot occur (its count must be 0); it
        is left out of the fit and of the degrees of freedom.
    missing : {"error", "drop", "level"}, default "error"
        "drop": rows with a missing factor are left out and counted in ``dropped``; "level": missing
        becomes its own level "missing".
    max_levels : int, default MAX_LEVELS
        Most levels a factor may have.
    source : str, default ""
        File name to show in error messages.
    sources : tuple of str, default ()
        Citations carried by results.

    Returns
    -------
    ContingencyTable
        The table, every combination of levels present (zeros included).

    Examples
    --------
    >>> frame = pd.DataFrame({"form": ["jv", "jv", "licence"], "flow": ["two-way", "one-way", "one-way"]})
    >>> contingency_table(frame, ["form", "flow"]).counts.tolist()
    [1.0, 1.0, 1.0, 0.0]
    """
    where = f"{source}: " if source else ""
    if not isinstance(data, pd.DataFrame):
        raise ParameterError(f"argument data: expected a pandas DataFrame, got {type(data).__name__}")
    factors = tuple(factors or ())
    if len(factors) < 2:
        raise ParameterError(f"argument factors={list(factors)}: expected at least two factor columns")
    if len(set(factors)) != len(factors):
        raise ParameterError(f"argument factors={list(factors)}: a factor is named twice")
    absent = [f for f in factors + ((weights,) if weights else ()) if f not in data.columns]
    if absent:
        raise ParameterError(f"{where}column(s) {absent} not found; the table has {list(map(str, data.columns))}")
    check_choice("missing", missing, ("error", "drop", "level"))
    frame = data[list(factors) + ([weights] if weights else [])].copy()
    dropped = {}
    problems = []
    for f in factors:
        bad = frame[f].isna()
        if bad.any():
            if missing == "error":
                problems.append(
                    f"{where}column {f!r}: {int(bad.sum())} missing value(s) at row(s) "
                    f"{_problem_rows(bad)}; drop them (missing='drop') or keep them as a level "
                    "(missing='level')"
                )
            elif missing == "level":
                if isinstance(frame[f].dtype, pd.CategoricalDtype):
                    frame[f] = frame[f].cat.add_categories(["missing"])
                frame[f] = frame[f].astype(object).where(~bad, "missing")
    if problems:
        raise DataValidationError(problems)
    if missing == "drop":
        bad = frame[list(factors)].isna().any(axis=1)
        if bad.any():
            dropped["missing factor value"] = int(bad.sum())
            frame = frame[~bad]
    if weights:
        w = frame[weights]
        if not pd.api.types.is_numeric_dtype(w):
            w = pd.to_numeric(w, errors="coerce")
            bad = w.isna() & frame[weights].notna()
            if bad.any():
                problems.append(f"{where}column {weights!r}: non-numeric count(s) at row(s) {_problem_rows(bad)}")
        if w.isna().any():
            problems.append(
                f"{where}column {weights!r}: {int(w.isna().sum())} missing count(s) at row(s) "
                f"{_problem_rows(w.isna())}; a count must be given for every listed cell"
            )
        if (w < 0).any():
            problems.append(
                f"{where}column {weights!r}: negative count(s) at row(s) {_problem_rows(w < 0)}; counts must be >= 0"
            )
        frac = w.notna() & (np.abs(w - np.round(w)) > 1e-9)
        if frac.any():
            problems.append(
                f"{where}column {weights!r}: non-integer count(s) at row(s) {_problem_rows(frac)} "
                f"(e.g. {w[frac].iloc[0]}); a contingency table holds whole numbers of alliances"
            )
        if problems:
            raise DataValidationError(problems)
        frame[weights] = np.round(w).astype(np.int64)
    if frame.empty:
        raise DataValidationError([f"{where}no rows left to cross-classify"])
    levels = {f: _factor_levels(frame[f], f, max_levels, where) for f in factors}
    shape = tuple(len(levels[f]) for f in factors)
    codes = [pd.Categorical(frame[f], categories=levels[f]).codes for f in factors]
    flat = np.ravel_multi_index(codes, shape)
    count = np.bincount(
        flat, weights=frame[weights].to_numpy(float) if weights else None, minlength=int(np.prod(shape))
    )
    grid = np.indices(shape).reshape(len(factors), -1)
    cells = pd.DataFrame({f: np.asarray(levels[f], dtype=object)[grid[i]] for i, f in enumerate(factors)})
    cells["count"] = np.round(count).astype(np.int64)
    cells["structural"] = False
    for spec in structural_zeros or ():
        if not isinstance(spec, dict) or not spec:
            raise ParameterError(f"argument structural_zeros: expected dicts {{factor: level}}, got {spec!r}")
        match = np.ones(len(cells), dtype=bool)
        for f, level in spec.items():
            if f not in levels:
                raise ParameterError(f"argument structural_zeros: {f!r} is not one of the factors {list(factors)}")
            if level not in levels[f]:
                raise ParameterError(
                    f"argument structural_zeros: {level!r} is not a level of {f!r} (levels {levels[f]})"
                )
            match &= (cells[f] == level).to_numpy()
        positive = match & (cells["count"].to_numpy() > 0)
        if positive.any():
            shown = cells.loc[positive, list(factors) + ["count"]].head(3).to_dict("records")
            raise DataValidationError(
                [
                    f"{where}structural zero {spec} has observed alliances: {shown}; "
                    "a structural zero is a combination that cannot occur"
                ]
            )
        cells.loc[match, "structural"] = True
    return ContingencyTable(factors=factors, levels=levels, cells=cells, dropped=dropped, sources=tuple(sources))
