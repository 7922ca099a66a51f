"""Similarity of alliance portfolios: Signorino-Ritter S, Kendall's tau-b, Cohen's kappa, Scott's pi.

For two states i and j with portfolios x and y over the dimensions k (the system members of the
year, i and j included; see ``alliancelab.measures.portfolios``):

Signorino & Ritter's S (Signorino, C. S. and Ritter, J. M. 1999, "Tau-b or not tau-b: measuring
the similarity of foreign policy positions", ISQ 43(1): 115-144)::

    S = 1 - 2 * sum_k w_k * delta(x_k, y_k) / sum_k w_k,   in [-1, 1]
    delta = |x_k - y_k| / m            (distance="absolute", the default)
    delta = (x_k - y_k)^2 / m^2        (distance="squared", the named option; columns *_squared)

with m the theoretical range (3 for the valued 0-3 coding, 1 for the binary coding); unweighted
w_k = 1, weighted w_k = CINC of state k (states without CINC are excluded as dimensions).

Kendall's tau-b (Bueno de Mesquita 1975, "Measuring systemic polarity", JCR 19(2): 187-216)::

    tau_b = (C - D) / sqrt((n0 - T_x) (n0 - T_y)),   n0 = K (K - 1) / 2

over pairs of dimensions: C concordant, D discordant, T_x (T_y) pairs tied in x (y).

Cohen's kappa and Scott's pi (Haege, F. M. 2011, "Choice or circumstance? Adjusting measures of
foreign policy similarity for chance agreement", Political Analysis 19(3): 287-305)::

    1 - D_obs / D_exp,   D_obs = sum_ab p_ab w_ab,   w_ab = (|a - b| / range)^e

with p the (weighted) cross-tabulation of levels over the dimensions, e = 2 (quadratic, default),
1 (linear) or nominal w_ab = [a != b]. Kappa takes the expected disagreement from each state's own
marginal distribution, D_exp = sum_ab p_a. p_.b w_ab; pi from the pooled marginal
m = (p_a. + p_.a) / 2, D_exp = sum_ab m_a m_b w_ab. The full level set (0..3, or 0..1 binary) is
used, so unused levels count with zero mass.

Fast path. Every measure is a function of the per-dyad cross-tabulation of levels
N_ac(i, j) = sum_k w_k [x_ik = a][x_jk = c]. With the level one-hot matrix Y (rows (i, a), columns
k) all cross-tabs of a year come from one matrix product ``(Y * w) @ Y.T`` (BLAS); the regional
variant sums the products restricted to each region's columns. S, kappa and pi are then linear or
quadratic forms of N; tau-b uses C - D = 1/2 sum_ac N_ac (G N G^T)_ac with G_ab = sign(a - b).

Conventions. ``convention="alliancelab"`` (default) uses the definitions above: portfolios with the
highest obligation in either direction, S with the theoretical range m, pi and kappa with quadratic
disagreement weights. ``convention="fpsim"`` reproduces the R package fpsim (Miller 2025) on its
ATOP data: directed portfolios (what each state pledged, ``direction="pledged"``), S with the range
observed in the two portfolios (max - min of their values), squared-distance S unweighted (fpsim
ignores weights there), Scott's pi nominal (agreement = same level) and Cohen's kappa quadratic.
docs/similarity.md tabulates both.

Dyads: a pair that never coexisted on one day of the year (``data.facts.non_coexisting``) gets no row.

Regional system: the dimensions k are restricted to the states of the regions of i and j (one
region if they share it); regions from COW code ranges (``measures.regions``).
"""

import contextlib
from pathlib import Path

import numpy as np
import pandas as pd

from alliancelab.errors import ParameterError, check_choice
from alliancelab.measures.portfolios import (DIRECTIONS, FIRST_YEAR, LAST_YEAR, LEVELS,
                                             check_years, load_portfolios)

VALUED_RANGE = 3.0
BINARY_RANGE = 1.0
DISTANCES = ("absolute", "squared")
DISAGREEMENTS = ("quadratic", "linear", "nominal")
CONVENTIONS = ("alliancelab", "fpsim")
# convention -> (portfolio direction, pi disagreement, kappa disagreement, S range, weights in squared S)
CONVENTION_RULES = {
    "alliancelab": {"direction": "either", "pi": "quadratic", "kappa": "quadratic", "range": "theoretical",
                    "squared_weighted": True},
    "fpsim": {"direction": "pledged", "pi": "nominal", "kappa": "quadratic", "range": "observed",
              "squared_weighted": False},
}

# name -> (family, coding, weighted, exponent): exponent 1 = absolute, 2 = squared distance
BASE_MEASURES = {
    "s_unweighted": ("s", "valued", False, 1),
    "s_weighted": ("s", "valued", True, 1),
    "s_unweighted_binary": ("s", "binary", False, 1),
    "s_weighted_binary": ("s", "binary", True, 1),
    "s_unweighted_squared": ("s", "valued", False, 2),
    "s_weighted_squared": ("s", "valued", True, 2),
    "tau_b": ("tau_b", "valued", False, None),
    "kappa": ("kappa", "valued", False, None),
    "pi": ("pi", "valued", False, None),
    "kappa_binary": ("kappa", "binary", False, None),
    "pi_binary": ("pi", "binary", False, None),
}
REGIONAL_SUFFIX = "_regional"
MEASURES = tuple(BASE_MEASURES) + tuple(name + REGIONAL_SUFFIX for name in BASE_MEASURES)
DEFAULT_MEASURES = MEASURES


def single_threaded_blas():
    """Context limiting BLAS to one thread: the per-year products are small, and OpenBLAS threads
    on a shared machine cost several times more than they save (measured: 3.8 s vs 14-20 s for
    the full panel). Uses threadpoolctl (installed with scikit-learn) when available."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


# ----------------------------------------------------------------------------------------------
# Per-dyad formulas (direct implementations; also the reference path of the tests and benchmark)
# ----------------------------------------------------------------------------------------------

def _pair(x, y, weights=None):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ParameterError(f"arguments x, y: expected two 1-d portfolios of equal length, "
                             f"got shapes {x.shape} and {y.shape}")
    if len(x) == 0:
        raise ParameterError("arguments x, y: empty portfolios")
    if weights is None:
        return x, y, np.ones_like(x)
    w = np.asarray(weights, dtype=float)
    if w.shape != x.shape:
        raise ParameterError(f"argument weights: expected length {len(x)}, got shape {w.shape}")
    if np.isnan(w).any() or (w < 0).any():
        raise ParameterError("argument weights: expected non-negative numbers without NaN "
                             "(drop dimensions with missing weights first)")
    return x, y, w


def _check_levels(x, y, levels):
    levels = np.asarray(levels, dtype=float)
    bad = ~np.isin(x, levels) | ~np.isin(y, levels)
    if bad.any():
        value = np.concatenate([x, y])[np.concatenate([~np.isin(x, levels), ~np.isin(y, levels)])][0]
        raise ParameterError(f"portfolio value {value:g} is not one of levels {levels.tolist()}")
    return levels


def disagreement_weights(levels=LEVELS, disagreement="quadratic"):
    """Matrix w_ab of Haege's disagreement weights over the level set (diagonal 0)."""
    check_choice("disagreement", disagreement, DISAGREEMENTS)
    values = np.asarray(levels, dtype=float)
    if disagreement == "nominal":
        return 1.0 - np.eye(len(values))
    spread = values.max() - values.min()
    exponent = 2.0 if disagreement == "quadratic" else 1.0
    return (np.abs(values[:, None] - values[None, :]) / spread) ** exponent


def signorino_ritter_s(x, y, weights=None, value_range=VALUED_RANGE, distance="absolute"):
    """Signorino & Ritter's S between two alliance portfolios.

    S = 1 - 2 * sum(w_k * |x_k - y_k| / m) / sum(w_k), in [-1, 1]; with distance="squared" the
    distance is (x_k - y_k)^2 / m^2. m = ``value_range`` (3 valued, 1 binary).
    Signorino, C. S. and Ritter, J. M. (1999), "Tau-b or not tau-b", ISQ 43(1): 115-144.
    """
    check_choice("distance", distance, DISTANCES)
    x, y, w = _pair(x, y, weights)
    if value_range <= 0:
        raise ParameterError(f"argument value_range={value_range}: expected a positive range")
    gap = np.abs(x - y) / value_range
    if distance == "squared":
        gap = gap ** 2
    total = w.sum()
    if total == 0:
        return float("nan")
    return float(1.0 - 2.0 * (w * gap).sum() / total)


def kendall_tau_b(x, y):
    """Kendall's tau-b between two portfolios: (C - D) / sqrt((n0 - T_x)(n0 - T_y)).

    Counts over all pairs of dimensions k < l; NaN when either portfolio is constant.
    Kendall, M. G. (1945), "The treatment of ties in ranking problems", Biometrika 33(3): 239-251;
    used for alliances by Bueno de Mesquita (1975), JCR 19(2): 187-216.
    """
    x, y, _w = _pair(x, y)
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    k = len(x)
    n0 = k * (k - 1) / 2
    score = (sx * sy).sum() / 2
    tied_x = ((sx == 0).sum() - k) / 2
    tied_y = ((sy == 0).sum() - k) / 2
    denominator = np.sqrt((n0 - tied_x) * (n0 - tied_y))
    return float(score / denominator) if denominator > 0 else float("nan")


def _level_table(x, y, levels):
    """Proportions p_ab of dimensions with x_k = levels[a] and y_k = levels[b]."""
    values = _check_levels(x, y, levels)
    ix, iy = np.searchsorted(values, x), np.searchsorted(values, y)
    table = np.zeros((len(values), len(values)))
    np.add.at(table, (ix, iy), 1.0)
    return values, table / len(x)


def cohen_kappa(x, y, levels=LEVELS, disagreement="quadratic"):
    """Cohen's weighted kappa between two portfolios: 1 - D_obs / D_exp.

    D_obs = sum_ab p_ab w_ab; D_exp = sum_ab p_a. p_.b w_ab (each state's own marginals, i.e. the
    mean of w(x_k, y_l) over all pairs of dimensions); w_ab = (|a - b| / range)^2 by default.
    NaN when D_exp = 0. Cohen (1968), Psychological Bulletin 70(4): 213-220; Haege (2011),
    Political Analysis 19(3): 287-305.
    """
    x, y, _w = _pair(x, y)
    values, table = _level_table(x, y, levels)
    weights = disagreement_weights(values, disagreement)
    observed = (table * weights).sum()
    expected = table.sum(1) @ weights @ table.sum(0)
    return float(1.0 - observed / expected) if expected > 0 else float("nan")


def scott_pi(x, y, levels=LEVELS, disagreement="quadratic"):
    """Scott's pi between two portfolios: 1 - D_obs / D_exp with the pooled marginal.

    m_a = (p_a. + p_.a) / 2 and D_exp = sum_ab m_a m_b w_ab (the mean of w over all pairs of the
    pooled 2K values). Scott (1955), Public Opinion Quarterly 19(3): 321-325; Haege (2011).
    """
    x, y, _w = _pair(x, y)
    values, table = _level_table(x, y, levels)
    weights = disagreement_weights(values, disagreement)
    observed = (table * weights).sum()
    pooled = (table.sum(1) + table.sum(0)) / 2.0
    expected = pooled @ weights @ pooled
    return float(1.0 - observed / expected) if expected > 0 else float("nan")


def reference_measure(name, x, y, weights=None):
    """One registered measure for one dyad, by the direct per-dyad formulas above.

    ``x``, ``y`` are valued (0-3) portfolios over the same dimensions, ``weights`` the CINC of
    those dimensions (needed for weighted measures). The regional suffix is not handled here:
    pass the dimensions restricted to the regions instead.
    """
    family, coding, weighted, exponent = _spec(name.removesuffix(REGIONAL_SUFFIX))
    if weighted and weights is None:
        raise ParameterError(f"measure {name}: needs the weights of the dimensions")
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if coding == "binary":
        x, y = (x >= 1).astype(float), (y >= 1).astype(float)
    levels = LEVELS if coding == "valued" else (0, 1)
    value_range = VALUED_RANGE if coding == "valued" else BINARY_RANGE
    if family == "s":
        return signorino_ritter_s(x, y, weights if weighted else None, value_range,
                                  "absolute" if exponent == 1 else "squared")
    if family == "tau_b":
        return kendall_tau_b(x, y)
    if family == "kappa":
        return cohen_kappa(x, y, levels)
    return scott_pi(x, y, levels)


# ----------------------------------------------------------------------------------------------
# Fast path: cross-tabulations by matrix products, measures as forms of the cross-tabs
# ----------------------------------------------------------------------------------------------

def _spec(name):
    if name not in BASE_MEASURES:
        raise ParameterError(f"measure '{name}': expected one of {list(MEASURES)}")
    return BASE_MEASURES[name]


def crosstabs(levels, weights=None, dims=None, rows=None, n_levels=len(LEVELS)):
    """Weighted cross-tabs of levels for every pair of rows: array C[i, a, j, c].

    C[i, a, j, c] = sum over dimensions k (all, or the boolean/int selection ``dims``) of
    w_k [levels[i, k] = a][levels[j, k] = c]; ``rows`` selects the states i, j (default all).
    All cross-tabs come from one symmetric matrix product (BLAS syrk) of the level one-hot matrix
    scaled by sqrt(w): rows (i, a), columns k.
    """
    table = np.asarray(levels)
    w = np.ones(table.shape[1]) if weights is None else np.asarray(weights, dtype=float)
    if rows is not None:
        table = table[rows]
    if dims is not None:
        table = table[:, dims]
        w = w[dims]
    r, k = table.shape
    onehot = (table[:, None, :] == np.arange(n_levels, dtype=table.dtype)[None, :, None])
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
        return 1.0 - 2.0 * (tables.flat(coding) @ gaps) / (total * value_range ** exponent)


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
        raise ParameterError(f"measure {name}: needs the {'capability-weighted' if is_weighted else 'unweighted'} "
                             "cross-tabs")
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

    ``unweighted`` holds counts, ``weighted`` the CINC-weighted cross-tabs (for s_weighted*).
    """
    check_choice("convention", convention, CONVENTIONS)
    return _measure(name, None if unweighted is None else _Tables(unweighted),
                    None if weighted is None else _Tables(weighted), disagreement, convention)


def _split(measures):
    measures = list(DEFAULT_MEASURES if measures is None else
                    ([measures] if isinstance(measures, str) else measures))
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
    unweighted = any(not BASE_MEASURES[n][2] for n in names) or weighted and rules["range"] == "observed" \
        or any(BASE_MEASURES[n][2] and BASE_MEASURES[n][3] == 2 and not rules["squared_weighted"] for n in names)
    return unweighted, weighted


def _resolve(direction, disagreement, convention):
    """(direction, disagreement) after applying the convention's defaults."""
    check_choice("convention", convention, CONVENTIONS)
    if direction is None:
        direction = CONVENTION_RULES[convention]["direction"]
    check_choice("direction", direction, DIRECTIONS)
    check_choice("disagreement", disagreement, DISAGREEMENTS)
    return direction, disagreement


def year_similarity(portfolio, measures=None, disagreement="quadratic", convention="alliancelab"):
    """All requested measures for every non-directed dyad (ccode1 < ccode2) of one Portfolio.

    Returns a DataFrame: ccode1, ccode2, year, then one column per measure (see ``MEASURES``).
    """
    check_choice("convention", convention, CONVENTIONS)
    measures, plain, regional = _split(measures)
    n = portfolio.n
    first, second = np.triu_indices(n, k=1)
    out = {"ccode1": portfolio.ccodes[first], "ccode2": portfolio.ccodes[second],
           "year": np.full(len(first), portfolio.year, dtype=np.int64)}
    levels = portfolio.levels
    if plain:
        need_u, need_w = _needs(plain, convention)
        unweighted = _Tables(crosstabs(levels)[first, :, second, :]) if need_u else None
        weighted = (_Tables(crosstabs(levels, portfolio.weights)[first, :, second, :])
                    if need_w else None)
        for name in plain:
            out[name] = _measure(name, unweighted, weighted, disagreement, convention)
    if regional:
        need_u, need_w = _needs(regional, convention)
        region = portfolio.regions
        present = np.unique(region)
        r1, r2 = region[first], region[second]
        tables = {}
        for kind, needed, weights in (("u", need_u, None), ("w", need_w, portfolio.weights)):
            if not needed:
                tables[kind] = None
                continue
            table = np.zeros((len(first), len(LEVELS), len(LEVELS)))
            for r in present:
                inside = (r1 == r) | (r2 == r)
                if inside.any():
                    part = crosstabs(levels, weights, dims=region == r)
                    table[inside] += part[first[inside], :, second[inside], :]
            tables[kind] = _Tables(table)
        for name in regional:
            out[name + REGIONAL_SUFFIX] = _measure(name, tables["u"], tables["w"], disagreement, convention)
    return pd.DataFrame({key: out[key] for key in ["ccode1", "ccode2", "year"] + measures})


def similarity_matrix(portfolio, measure="s_unweighted", disagreement="quadratic"):
    """n x n DataFrame of one global measure between every pair of members of a Portfolio."""
    if measure.endswith(REGIONAL_SUFFIX):
        raise ParameterError(f"measure '{measure}': similarity_matrix gives global measures only")
    _family, _coding, weighted, _e = _spec(measure)
    table = crosstabs(portfolio.levels, portfolio.weights if weighted else None)
    table = table.transpose(0, 2, 1, 3)
    values = measure_from_crosstab(measure, None if weighted else table, table if weighted else None,
                                   disagreement)
    return pd.DataFrame(values, index=pd.Index(portfolio.ccodes, name="ccode1"),
                        columns=pd.Index(portfolio.ccodes, name="ccode2"))


def similar_pairs(portfolio, ccodes, measures=("s_weighted", "s_unweighted", "kappa")):
    """Every pair among ``ccodes`` (e.g. the major powers) in one year, most similar first.

    Sorted by the first measure, descending; states of ``ccodes`` that are not members that year
    are skipped. Columns: ccode1 < ccode2, year, the measures.
    """
    measures = _split(measures)[0]
    keep = np.isin(portfolio.ccodes, list(ccodes))
    if keep.sum() < 2:
        return pd.DataFrame(columns=["ccode1", "ccode2", "year"] + measures)
    table = year_similarity(portfolio, measures)
    chosen = set(portfolio.ccodes[keep].tolist())
    table = table.loc[table["ccode1"].isin(chosen) & table["ccode2"].isin(chosen)]
    return table.sort_values(measures[0], ascending=False, kind="stable").reset_index(drop=True)


def _drop_non_coexisting(table, con, start, end):
    from alliancelab.data import facts

    apart = facts.non_coexisting(facts.system_spells(con), start, end)
    if apart.empty or table.empty:
        return table
    keys = facts.dyad_key(apart["year"], apart["ccode1"], apart["ccode2"])
    keep = ~np.isin(facts.dyad_key(table["year"], table["ccode1"], table["ccode2"]), keys)
    return table.loc[keep].reset_index(drop=True)


def dyad_similarity(start=FIRST_YEAR, end=LAST_YEAR, measures=None, direction=None,
                    disagreement="quadratic", con=None, portfolios=None, progress=None,
                    convention="alliancelab", warehouse=None):
    """Similarity measures for every non-directed dyad-year (ccode1 < ccode2) of start..end.

    One DataFrame: ccode1, ccode2, year and one column per measure (default: all of ``MEASURES``:
    S unweighted/weighted, valued/binary, absolute/squared, tau-b, kappa, pi, kappa/pi binary,
    each also for the regional system). ``convention`` ("alliancelab" or "fpsim", see the module
    docstring) sets the defaults; ``direction`` None takes the convention's. ``portfolios`` may be a
    PortfolioSet already loaded; ``progress(year)`` is called after each year. Data come from
    ``warehouse`` (a path, default the configured one) or an open connection ``con``.
    ``attrs["sources"]`` lists the citations of ATOP 5.1, the COW state list and NMC.
    """
    check_years(start, end)
    direction, disagreement = _resolve(direction, disagreement, convention)
    measures, _plain, _regional = _split(measures)
    own = con is None
    if own:
        from alliancelab.data.warehouse import connect
        con = connect(warehouse)
    try:
        if portfolios is None:
            portfolios = load_portfolios(start, end, direction, con)
        frames = []
        with single_threaded_blas():
            for portfolio in portfolios:
                if start <= portfolio.year <= end:
                    frames.append(year_similarity(portfolio, measures, disagreement, convention))
                    if progress is not None:
                        progress(portfolio.year)
        if not frames:
            raise ParameterError(f"no portfolios loaded for {start}-{end}")
        table = _drop_non_coexisting(pd.concat(frames, ignore_index=True), con, start, end)
        table.attrs["sources"] = _citations(con)
    finally:
        if own:
            con.close()
    return table


def _citations(con):
    from alliancelab.data.warehouse import citations

    return citations(con, ["atop_dyads", "states", "nmc"])


def _state_code(token, name, warehouse=None):
    """A COW code from a code (kept as given) or an abbreviation such as 'USA' (looked up)."""
    if isinstance(token, (int, np.integer)) and not isinstance(token, bool):
        return int(token)
    if isinstance(token, str) and token.strip().isdigit():
        return int(token)
    if isinstance(token, str) and token.strip():
        from alliancelab.panels.lookup import Lookup

        code = Lookup.get(warehouse).code_of(token)
        if code is not None:
            return code
    raise ParameterError(f"argument {name}={token!r}: not a COW state code or abbreviation")


def pair_similarity(ccode_a, ccode_b, start=FIRST_YEAR, end=LAST_YEAR, measures=None,
                    direction=None, disagreement="quadratic", con=None, portfolios=None,
                    convention="alliancelab", warehouse=None):
    """Measures for one pair of states over time: one row per year in which both are members.

    Columns: ccode1, ccode2 (COW codes; an abbreviation such as 'USA' is resolved), year, one per
    measure. Years in which either state is not a COW system member are absent (e.g. Germany 255 in
    1946-1989); a state that is a member in none of the years asked is refused, never an empty table.
    """
    check_years(start, end)
    ccode_a, ccode_b = (_state_code(c, name, warehouse) for c, name in ((ccode_a, "ccode_a"), (ccode_b, "ccode_b")))
    if ccode_a == ccode_b:
        raise ParameterError(f"arguments ccode_a, ccode_b: the same state {ccode_a}; expected two")
    direction, disagreement = _resolve(direction, disagreement, convention)
    measures, plain, regional = _split(measures)
    if portfolios is None:
        portfolios = load_portfolios(start, end, direction, con, warehouse)
    for code, name in ((ccode_a, "ccode_a"), (ccode_b, "ccode_b")):
        if not any(start <= p.year <= end and code in p.ccodes for p in portfolios):
            raise ParameterError(f"argument {name}={code!r}: not a COW system member in any year of {start}-{end}")
    rows = []
    for portfolio in portfolios:
        if not start <= portfolio.year <= end:
            continue
        found = np.searchsorted(portfolio.ccodes, [ccode_a, ccode_b])
        if (found >= portfolio.n).any() or (portfolio.ccodes[np.minimum(found, portfolio.n - 1)]
                                             != [ccode_a, ccode_b]).any():
            continue
        row = {"ccode1": ccode_a, "ccode2": ccode_b, "year": portfolio.year}
        for names, dims in ((plain, None), (regional, np.isin(portfolio.regions,
                                                              portfolio.regions[found]))):
            if not names:
                continue
            need_u, need_w = _needs(names, convention)
            unweighted = crosstabs(portfolio.levels, dims=dims, rows=found)[0, :, 1, :] if need_u else None
            weighted = (crosstabs(portfolio.levels, portfolio.weights, dims=dims, rows=found)[0, :, 1, :]
                        if need_w else None)
            suffix = "" if dims is None else REGIONAL_SUFFIX
            for name in names:
                row[name + suffix] = float(measure_from_crosstab(name, unweighted, weighted, disagreement,
                                                                 convention))
        rows.append(row)
    return pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"] + measures)


def add_similarity(dyads, measures=("s_unweighted", "s_weighted"), direction=None,
                   disagreement="quadratic", con=None, portfolios=None, convention="alliancelab",
                   warehouse=None):
    """Join similarity measures onto a dyad-year DataFrame (directed or not) by ccode1, ccode2, year.

    The measures are symmetric, so a directed row (a, b) gets the value of the pair {a, b}.
    Dyad-years outside the system (or the state-system years) get NaN; no row is added or dropped.
    The data come from the panel's own warehouse (``dyads.attrs["warehouse"]``) unless ``warehouse``
    or ``con`` is given; the panel's ``attrs`` (and its ``sources``) are kept and the citations of
    the similarity sources added.
    """
    for column in ("ccode1", "ccode2", "year"):
        if column not in dyads.columns:
            raise ParameterError(f"argument dyads: missing column '{column}'")
    if warehouse is None and con is None:
        warehouse = dyads.attrs.get("warehouse")
    years = dyads["year"]
    out = dyads.copy()
    out.attrs = dict(dyads.attrs)
    start, end = max(int(years.min()), FIRST_YEAR), min(int(years.max()), LAST_YEAR)
    if start > end:
        for name in _split(measures)[0]:
            out[name] = np.nan
        return out
    table = dyad_similarity(start, end, measures, direction, disagreement, con, portfolios,
                            convention=convention, warehouse=warehouse)
    low = np.minimum(dyads["ccode1"].to_numpy(), dyads["ccode2"].to_numpy())
    high = np.maximum(dyads["ccode1"].to_numpy(), dyads["ccode2"].to_numpy())
    keys = pd.DataFrame({"_low": low, "_high": high, "year": years.to_numpy()})
    cited = list(dyads.attrs.get("sources", []))
    cited += [c for c in table.attrs.get("sources", []) if c not in cited]
    table = table.rename(columns={"ccode1": "_low", "ccode2": "_high"})
    merged = keys.merge(table, on=["_low", "_high", "year"], how="left")
    for name in table.columns.drop(["_low", "_high", "year"]):
        out[name] = merged[name].to_numpy()
    out.attrs["sources"] = cited
    return out


# ----------------------------------------------------------------------------------------------
# Plot: S between chosen pairs over time
# ----------------------------------------------------------------------------------------------

def plot_pair_similarity(pairs, stem, measure="s_unweighted", start=FIRST_YEAR, end=LAST_YEAR,
                         direction=None, con=None, portfolios=None, labels=None, title=None):
    """Plot one measure between chosen pairs over time: writes ``stem``.html (Plotly) and .png.

    ``pairs`` is a list of (ccode_a, ccode_b); ``labels`` optional names in the same order
    (default "USA-RUS" from the COW abbreviations). Returns (html_path, png_path, data frame).
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import plotly.graph_objects as go

    from alliancelab.plotting import save_matplotlib, save_plotly

    if not pairs:
        raise ParameterError("argument pairs: expected at least one (ccode_a, ccode_b) pair")
    if portfolios is None:
        portfolios = load_portfolios(start, end, direction or "either", con)
    if labels is None:
        labels = [_pair_label(a, b, con) for a, b in pairs]
    frames = []
    for (a, b), label in zip(pairs, labels):
        frame = pair_similarity(a, b, start, end, [measure], direction, con=con, portfolios=portfolios)
        frame["pair"] = label
        frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    heading = title or f"{measure} between selected pairs, {start}-{end} (ATOP 5.1, COW states)"
    stem = Path(stem)

    figure = go.Figure()
    for label, frame in data.groupby("pair", sort=False):
        figure.add_trace(go.Scatter(x=frame["year"], y=frame[measure], mode="lines+markers",
                                    marker={"size": 3}, name=label, connectgaps=False))
    figure.update_layout(title=heading, xaxis_title="year", yaxis_title=measure,
                         yaxis_range=[-1.05, 1.05], template="plotly_white")
    html = save_plotly(figure, stem)

    fig, axis = plt.subplots(figsize=(10, 4.5))
    for label, frame in data.groupby("pair", sort=False):
        series = frame.set_index("year")[measure].reindex(range(start, end + 1))
        axis.plot(series.index, series.to_numpy(), label=label, linewidth=1.4)
    axis.set_ylim(-1.05, 1.05)
    axis.axhline(0, color="grey", linewidth=0.6)
    axis.set_xlabel("year")
    axis.set_ylabel(measure)
    axis.set_title(heading, fontsize=10)
    axis.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    png = save_matplotlib(fig, stem, dpi=120, bbox_inches=None)
    return html, png, data


def _pair_label(a, b, con):
    names = {}
    try:
        from alliancelab.data.warehouse import connect
        own = con is None
        connection = connect() if own else con
        try:
            names = dict(connection.execute(
                "SELECT DISTINCT ccode, stateabb FROM states WHERE ccode IN (?, ?)", [a, b]).fetchall())
        finally:
            if own:
                connection.close()
    except Exception:  # labels are cosmetic; fall back to the codes
        names = {}
    return f"{names.get(a, a)}-{names.get(b, b)}"
