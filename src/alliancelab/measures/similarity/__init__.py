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

Layout of this package (the public names are re-exported here; import ``alliancelab.measures.similarity``):
``_formulas`` (constants and the per-dyad reference formulas), ``_crosstab`` (the cross-tab fast path)
``_years`` (one year's dyads and matrix), ``_dyads`` (every dyad-year, joined onto a panel) and
``_pairs`` (one pair, chosen pairs); ``_api`` re-exports the last three. The figure is
``alliancelab.figures.pair_similarity`` (``plot_pair_similarity`` here computes and draws it).
"""

from alliancelab.measures.portfolios import DIRECTIONS, FIRST_YEAR, LAST_YEAR, LEVELS
from alliancelab.measures.similarity._api import (
    add_similarity,
    dyad_similarity,
    pair_similarities,
    pair_similarity,
    plot_pair_similarity,
    similar_pairs,
    similarity_matrix,
    year_similarity,
)
from alliancelab.measures.similarity._crosstab import crosstabs, measure_from_crosstab
from alliancelab.measures.similarity._formulas import (
    BASE_MEASURES,
    BINARY_RANGE,
    CONVENTION_RULES,
    CONVENTIONS,
    DEFAULT_MEASURES,
    DISAGREEMENTS,
    DISTANCES,
    MEASURES,
    REGIONAL_SUFFIX,
    VALUED_RANGE,
    cohen_kappa,
    disagreement_weights,
    kendall_tau_b,
    reference_measure,
    scott_pi,
    signorino_ritter_s,
    single_threaded_blas,
)

__all__ = [
    "BASE_MEASURES",
    "BINARY_RANGE",
    "CONVENTIONS",
    "CONVENTION_RULES",
    "DEFAULT_MEASURES",
    "DIRECTIONS",
    "DISAGREEMENTS",
    "DISTANCES",
    "FIRST_YEAR",
    "LAST_YEAR",
    "LEVELS",
    "MEASURES",
    "REGIONAL_SUFFIX",
    "VALUED_RANGE",
    "add_similarity",
    "cohen_kappa",
    "crosstabs",
    "disagreement_weights",
    "dyad_similarity",
    "kendall_tau_b",
    "measure_from_crosstab",
    "pair_similarities",
    "pair_similarity",
    "plot_pair_similarity",
    "reference_measure",
    "scott_pi",
    "signorino_ritter_s",
    "similar_pairs",
    "similarity_matrix",
    "single_threaded_blas",
    "year_similarity",
]
