"""Fast path: every similarity measure from per-dyad cross-tabulations of levels (one BLAS product a year)."""

import numpy as np

from alliancelab.errors import ParameterError, check_choice
from alliancelab.measures.portfolios import DIRECTIONS, LEVELS
from alliancelab.measures.similarity._formulas import (
    BASE_MEASURES,
    BINARY_RANGE,
    CONVENTION_RULES,
    CONVENTIONS,
    DEFAULT_MEASURES,
    DISAGREEMENTS,
    MEASURES,
    REGIONAL_SUFFIX,
    VALUED_RANGE,
    _spec,
    disagreement_weights,
)

N_LEVELS = len(LEVELS)


def crosstabs(levels, weights=None, dims=None, rows=None, n_levels=N_LEVELS):
    """Weighted cross-tabs of levels for every pair of rows: array C[i, a, j, c].

    C[i, a, j, c] = sum over dimensions k of w_k [levels[i, k] = a][levels[j, k] = c].
    All cross-tabs come from one symmetric matrix product (BLAS syrk) of the level one-hot matrix
    scaled by sqrt(w): rows (i, a), columns k.

    Parameters
    ----------
    levels : array of int, shape (states, dimensions)
        Level codes 0..n_levels-1.
    weights : array of float, optional
        Weight of each dimension; 1 when None.
    dims : array of bool or int, optional
        Selection of dimensions (default all).
    rows : array of bool or int, optional
        Selection of the states i, j (default all).
    n_levels : int, default 4

    Returns
    -------
    numpy.ndarray
        Shape (r, n_levels, r, n_levels).

    Examples
    --------
    >>> crosstabs([[3, 0], [3, 1]]).shape
    (2, 4, 2, 4)
    """
    table = np.asarray(levels)
    w = np.ones(table.shape[1]) if weights is None else np.asarray(weights, dtype=float)
    if rows is not None:
        table = table[rows]
    if dims is not None:
        table = table[:, dims]
        w = w[dims]
    r, k = table.shape
    onehot = table[:, None, :] == np.arange(n_levels, dtype=table.dtype)[None, :, None]
    scaled = onehot.reshape(r * n_levels, k) * np.sqrt(w)[None, :]
    return (scaled @ scaled.T).reshape(r, n_levels, r, n_levels)


def _collapse_matrix(n_levels):
    """(L*L, 4) matrix taking a flattened valued cross-tab to the binary one (level >= 1)."""
    binary = (np.arange(n_levels) >= 1).astype(int)
    out = np.zeros((n_levels * n_levels, 4))
    for a in range(n_levels):
        for c in range(n_levels):
            out[a * n_levels + c, binary[a] * 2 + binary[c]] = 1.0
    return out


class _Tables:
    """Flattened cross-tabs (m, L*L) of a set of dyads and the sums every measure reuses."""

    def __init__(self, table):
        table = np.asarray(table, dtype=float)
        self.shape = table.shape[:-2]
        self.n_levels = table.shape[-1]
        self._flat = {"valued": table.reshape(-1, self.n_levels * self.n_levels)}
        self._cache = {}

    def flat(self, coding):
        if coding not in self._flat:
            self._flat[coding] = self._flat["valued"] @ _collapse_matrix(self.n_levels)
        return self._flat[coding]

    def levels(self, coding):
        return self.n_levels if coding == "valued" else 2

    def margins(self, coding):
        """(total, row masses, column masses) of the cross-tabs."""
        if ("margins", coding) not in self._cache:
            flat, n = self.flat(coding), self.levels(coding)
            table = flat.reshape(-1, n, n)
            self._cache[("margins", coding)] = (flat.sum(1), table.sum(2), table.sum(1))
        return self._cache[("margins", coding)]


def _s_from(tables, coding, exponent, observed=None):
    """S from cross-tabs; ``observed`` (a _Tables of counts) takes the range from the levels the two
    portfolios use (fpsim's rule) instead of the theoretical range."""
    n = tables.levels(coding)
    values = np.arange(n, dtype=float)
    gaps = (np.abs(values[:, None] - values[None, :]) ** exponent).ravel()
    total = tables.margins(coding)[0]
    if observed is None:
        value_range = VALUED_RANGE if coding == "valued" else BINARY_RANGE
    else:
        _total, rows, cols = observed.margins(coding)
        used = (rows + cols) > 0
        value_range = (np.where(used, values, -np.inf).max(1) - np.where(used, values, np.inf).min(1)).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 1.0 - 2.0 * (tables.flat(coding) @ gaps) / (total * value_range**exponent)


def _chance_corrected(tables, coding, family, disagreement):
    n = tables.levels(coding)
    weights = disagreement_weights(np.arange(n), disagreement)
    total, rows, cols = tables.margins(coding)
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = (tables.flat(coding) @ weights.ravel()) / total
        rows = rows / total[:, None]
        cols = cols / total[:, None]
        if family == "pi":
            rows = cols = (rows + cols) / 2.0
        expected = ((rows @ weights) * cols).sum(1)
        out = 1.0 - observed / expected
    return np.where(expected > 1e-12, out, np.nan)


def _tau_b_from(tables, coding):
    n = tables.levels(coding)
    values = np.arange(n)
    signs = np.sign(values[:, None] - values[None, :]).astype(float)
    flat = tables.flat(coding)
    # C - D = 1/2 sum_{a,c,b,d} N_ac G_ab G_cd N_bd  (a quadratic form with kron(G, G))
    score = 0.5 * ((flat @ np.kron(signs, signs)) * flat).sum(1)
    total, rows, cols = tables.margins(coding)
    pairs = total * (total - 1) / 2
    tied_x = (rows * (rows - 1) / 2).sum(1)
    tied_y = (cols * (cols - 1) / 2).sum(1)
    denominator = np.sqrt(np.clip(pairs - tied_x, 0, None) * np.clip(pairs - tied_y, 0, None))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, score / denominator, np.nan)


def _measure(name, unweighted, weighted, disagreement, convention="alliancelab"):
    family, coding, is_weighted, exponent = _spec(name)
    rules = CONVENTION_RULES[convention]
    if is_weighted and exponent == 2 and not rules["squared_weighted"]:
        is_weighted = False
    tables = weighted if is_weighted else unweighted
    if tables is None:
        raise ParameterError(
            f"measure {name}: needs the {'capability-weighted' if is_weighted else 'unweighted'} cross-tabs"
        )
    if family == "s":
        observed = unweighted if rules["range"] == "observed" else None
        if rules["range"] == "observed" and observed is None:
            raise ParameterError(f"measure {name}: the observed range needs the unweighted cross-tabs")
        out = _s_from(tables, coding, exponent, observed)
    elif family == "tau_b":
        out = _tau_b_from(tables, coding)
    else:
        rule = disagreement if convention == "alliancelab" else rules[family]
        out = _chance_corrected(tables, coding, family, rule)
    return out.reshape(tables.shape)


def measure_from_crosstab(name, unweighted, weighted=None, disagreement="quadratic", convention="alliancelab"):
    """Value of one base measure from cross-tabs of shape (..., 4, 4) (valued levels 0..3).

    Parameters
    ----------
    name : str
        A base measure name (no regional suffix).
    unweighted : array of float, shape (..., 4, 4)
        Cross-tabs of counts.
    weighted : array of float, optional
        The CINC-weighted cross-tabs (needed for s_weighted*).
    disagreement : {"quadratic", "linear", "nominal"}, default "quadratic"
    convention : {"alliancelab", "fpsim"}, default "alliancelab"

    Returns
    -------
    numpy.ndarray
        The measure, shape ``unweighted.shape[:-2]``.

    Examples
    --------
    >>> import numpy as np
    >>> table = np.zeros((4, 4)); table[3, 3] = table[0, 0] = 1.0
    >>> float(measure_from_crosstab("s_unweighted", table))
    1.0
    """
    check_choice("convention", convention, CONVENTIONS)
    return _measure(
        name,
        None if unweighted is None else _Tables(unweighted),
        None if weighted is None else _Tables(weighted),
        disagreement,
        convention,
    )


def _split(measures):
    measures = list(DEFAULT_MEASURES if measures is None else ([measures] if isinstance(measures, str) else measures))
    for name in measures:
        if name not in MEASURES:
            raise ParameterError(f"measure '{name}': expected one of {list(MEASURES)}")
    plain = [m for m in measures if not m.endswith(REGIONAL_SUFFIX)]
    regional = [m.removesuffix(REGIONAL_SUFFIX) for m in measures if m.endswith(REGIONAL_SUFFIX)]
    return measures, plain, regional


def _needs(names, convention="alliancelab"):
    """(unweighted cross-tabs needed, weighted needed) for the measures under the convention."""
    rules = CONVENTION_RULES[convention]
    weighted = any(BASE_MEASURES[n][2] and (BASE_MEASURES[n][3] != 2 or rules["squared_weighted"]) for n in names)
    unweighted = (
        any(not BASE_MEASURES[n][2] for n in names)
        or weighted
        and rules["range"] == "observed"
        or any(BASE_MEASURES[n][2] and BASE_MEASURES[n][3] == 2 and not rules["squared_weighted"] for n in names)
    )
    return unweighted, weighted


def _resolve(direction, disagreement, convention):
    """(direction, disagreement) after applying the convention's defaults."""
    check_choice("convention", convention, CONVENTIONS)
    if direction is None:
        direction = CONVENTION_RULES[convention]["direction"]
    check_choice("direction", direction, DIRECTIONS)
    check_choice("disagreement", disagreement, DISAGREEMENTS)
    return direction, disagreement
