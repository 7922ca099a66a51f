"""Burden sharing in alliances: the Olson-Zeckhauser public-good model and its empirical test.

Model (Olson, M. and Zeckhauser, R. (1966), "An Economic Theory of Alliances", Review of
Economics and Statistics 48(3): 266-279; equilibrium characterisation of Bergstrom, T., Blume, L.
and Varian, H. (1986), "On the private provision of public goods", J. Public Econ. 29: 25-49):
member i with income Y_i splits it into private consumption c_i and defence x_i >= 0; defence is a
pure public good of the alliance, X = sum_j x_j; utility U_i(c_i, X). Each member best-responds to
the others' total X_-i. With a normal public good, i's demand for X given "full income"
w = Y_i + X_-i is f_i(w), and i contributes x_i = max(0, Y_i + X - F_i(X)) where F_i = f_i^-1.
The Nash equilibrium total solves X = sum_i max(0, Y_i + X - F_i(X)) (unique; BBV 1986).

Utility families (all give a linear F(X) = a + b X):
- "cobb-douglas": U = c^(1-alpha) X^alpha                      -> F(X) = X / alpha
- "ces": U = ((1-alpha) c^r + alpha X^r)^(1/r), r < 1, r != 0     -> F(X) = X (1 + (alpha/(1-alpha))^(1/(r-1)))
- "stone-geary": U = (1-alpha) ln(c - gamma) + alpha ln X        -> F(X) = gamma + X / alpha
Exploitation hypothesis: the defence burden x_i / Y_i rises with Y_i (large members carry a
disproportionate share; small ones free ride, at the corner x_i = 0 when poor enough).

Empirical test: for the members of an ATOP alliance in a year, the Spearman
rank correlation between defence burden (military spending / GDP) and size (GDP), with its p-value.
Positive and significant = exploitation. Spending: SIPRI (current US$, market exchange rates,
1949-) or COW NMC ``milex`` (thousands of current US$; before 1914 UK pounds). GDP: Maddison
Project 2018 (``cgdppc`` x population, 2011 PPP US$). The ratio mixes units (exchange-rate spending
over PPP GDP); ranks within a year are unaffected by the common deflator but not by the PPP versus
exchange-rate gap, which is larger for poorer members.

Layout of this package (the public names are re-exported here; import ``alliancelab.theory.empirical.burden``):
``_model`` (the utility families, the Nash equilibrium and the exploitation it implies) and ``_record`` (members,
spending and GDP of an alliance, the yearly rank correlations, the test and the published NATO figures).
"""

from alliancelab.theory.empirical.burden._model import (
    UTILITIES,
    Utility,
    best_response_gap,
    exploitation,
    nash_equilibrium,
)
from alliancelab.theory.empirical.burden._record import (
    FIRST_SPENDING_YEAR,
    LAST_MEMBER_YEAR,
    NATO_ATOPID,
    PUBLISHED_NATO,
    BurdenTest,
    alliance_members,
    burden_correlations,
    burden_panel,
    burden_test,
    compare_published,
    plot_correlations,
)

__all__ = [
    "BurdenTest",
    "FIRST_SPENDING_YEAR",
    "LAST_MEMBER_YEAR",
    "NATO_ATOPID",
    "PUBLISHED_NATO",
    "UTILITIES",
    "Utility",
    "alliance_members",
    "best_response_gap",
    "burden_correlations",
    "burden_panel",
    "burden_test",
    "compare_published",
    "exploitation",
    "nash_equilibrium",
    "plot_correlations",
]
