"""Hierarchical log-linear models of multi-way contingency tables (Poisson GLM, statsmodels).

A table of alliances cross-classified by categorical characteristics (factors) A, B, C, ... has
counts n_cell. A hierarchical log-linear model says

    log m_cell = lambda + lambda^A_a + lambda^B_b + ... + lambda^{AB}_{ab} + ...

and is named by its generating class, the highest-order terms it contains: ``a*b + c`` (written
(AB, C) in the textbooks) has the terms 1, A, B, C and AB; hierarchy means every lower-order
relative of a term is in the model. Independence is ``a + b + c``; the saturated model ``a*b*c``
fits every count exactly. Characteristics are *embedded* (interactively related) when the
independence model fails and interaction terms are needed.

Each model is fitted as a Poisson GLM (log link) on a treatment-coded design built directly from
the generating class (statsmodels ``GLM``), and scored by

    G2 = 2 sum n log(n / m)          (deviance; likelihood-ratio statistic)
    X2 = sum (n - m)^2 / m           (Pearson)
    df = fitted cells - rank(design)
    AIC = -2 logL + 2 k,  BIC = -2 logL + k log(N),  N = total count,
    k = rank of the model's design on all non-structural cells (its nominal parameter count).

Zeros. Structural zeros (cells that cannot occur) are declared by the user and left out of the
fit and of df. Sampling zeros are kept, except where a margin of the generating class is zero: the
maximum-likelihood fit is then 0 in every cell of that margin, so those cells are left out and the
parameters they would identify are not counted (df = cells fitted - rank), the adjustment of
Bishop, Fienberg & Holland (1975, sec. 5.4) and Clogg & Eliason (1987).

Small tables. Each fit reports the share of cells with expected count below 5 and the smallest
expected count and warns (Cochran's rule: more than 20% below 5, or any below 1) that the
chi-square reference distribution is then unreliable; ``monte_carlo_test`` gives a parametric
bootstrap p-value for G2 and X2 instead.

Selection. ``select_model`` moves through the hierarchical family by likelihood-ratio tests:
backward from the saturated model, deleting at each step the highest-order term whose removal
raises G2 least significantly (largest p of the conditional test, while p > alpha); forward from
independence, adding the admissible term with the smallest p while p < alpha. With
``criterion="aic"`` or ``"bic"`` the step that lowers the criterion most is taken instead.

References
----------
Bishop, Y. M. M., Fienberg, S. E. and Holland, P. W. (1975), Discrete Multivariate Analysis, MIT Press.
Agresti, A. (2013), Categorical Data Analysis, 3rd ed., Wiley, ch. 9-10.
Haberman, S. J. (1973), "The analysis of residuals in cross-classified tables", Biometrics 29: 205-220.
Clogg, C. C. and Eliason, S. R. (1987), "Some common problems in log-linear analysis", Sociological
Methods & Research 16(1): 8-44.

Layout of this package (the public names are re-exported here; import
``alliancelab.theory.embedded.loglinear``): ``_table`` (the contingency table), ``_models``
(generating classes), ``_fit`` (fitting), ``_selection`` (model selection) and ``_describe`` (small
tables, description, partial associations, collapsing).
"""

from alliancelab.theory.embedded.loglinear._describe import (
    Description,
    MonteCarloTest,
    collapse,
    describe,
    monte_carlo_compare,
    monte_carlo_test,
    partial_associations,
)
from alliancelab.theory.embedded.loglinear._fit import ModelFit, design_matrix, fit_model, fit_models
from alliancelab.theory.embedded.loglinear._models import (
    all_k_way,
    all_terms,
    generating_class,
    independence,
    model_name,
    saturated,
    standard_models,
)
from alliancelab.theory.embedded.loglinear._selection import Selection, select_model
from alliancelab.theory.embedded.loglinear._table import MAX_LEVELS, SMALL_EXPECTED, ContingencyTable, contingency_table

__all__ = [
    "ContingencyTable",
    "Description",
    "MAX_LEVELS",
    "ModelFit",
    "MonteCarloTest",
    "SMALL_EXPECTED",
    "Selection",
    "all_k_way",
    "all_terms",
    "collapse",
    "contingency_table",
    "describe",
    "design_matrix",
    "fit_model",
    "fit_models",
    "generating_class",
    "independence",
    "model_name",
    "monte_carlo_compare",
    "monte_carlo_test",
    "partial_associations",
    "saturated",
    "select_model",
    "standard_models",
]
