"""The two-camp global minimum with a certificate: tabu search, SDP-type bounds and an exact MILP.

With two camps the energy is a weighted max-cut objective. Write sigma_i = +1 / -1 for the camp
of actor i and w_ij = s_i s_j p_ij (zero diagonal); then d_ij = (1 - sigma_i sigma_j) / 2 and

    E(sigma) = sum_{i != j} w_ij d_ij = (W - sigma' w sigma) / 2,   W = sum_ij w_ij,

so the minimum energy is a maximum cut of the graph with edge weights -w_ij.

Bounds (every bound here is a number B with E(sigma) >= B for every configuration):

* SDP-type bound: for any vector y, sigma' w sigma = sigma' (w - Diag(y)) sigma + sum(y)
  <= n lambda_max(w - Diag(y)) + sum(y), so E >= (W - sum(y) - n lambda_max(w - Diag(y))) / 2.
  y = 0 gives the plain eigenvalue bound; the best y gives the semidefinite (Goemans-Williamson)
  relaxation's value (Poljak & Rendl 1995). The y used here comes from a rank-r solution of the
  relaxation found by the mixing method (Wang, Chang & Kolter 2017; Burer & Monteiro 2003): y_i =
  |sum_j w_ij v_j|. Whatever y is, the bound is checked by one eigenvalue computation, so it
  never depends on the relaxation having converged.
* Exact: a mixed-integer program solved by HiGHS (through scipy.optimize.milp). Variables: x_i in
  {0, 1} (the camp; the last actor is fixed in camp 0) and y_ij in [0, 1] for every pair; objective
  sum_{i<j} 2 w_ij y_ij; y_ij >= |x_i - x_j| where w_ij > 0 and y_ij <= x_i + x_j,
  y_ij <= 2 - x_i - x_j where w_ij < 0 (so y_ij is the cut indicator at an optimum). The linear
  relaxation is tightened by triangle inequalities of the cut polytope (y_ij + y_ik + y_jk <= 2,
  y_ij - y_ik - y_jk <= 0 and its rotations; Barahona & Mahjoub 1986), separated by a cutting-plane
  loop over the linear relaxation and handed to the MILP. When the time limit stops HiGHS, its dual
  bound is the certificate and the gap is reported.

Heuristic: tabu search (Glover 1989) on single-actor moves, started from random configurations
and from hyperplane roundings of the relaxation's vectors (Goemans & Williamson 1995).

Status of a result: ``"exact"`` when the energy equals the bound (within 1e-9 of sum |w_ij|),
``"proven within X%"`` when a bound was computed and the gap (E - B) / |B| is X%, ``"heuristic"``
when no bound was computed.

Layout of this package (its names are re-exported here): ``_result`` (the bound and result dataclasses),
``_bounds`` (the eigenvalue and SDP-type bounds), ``_exact`` (the triangle-tightened MILP and the branch and
bound) and ``_solve`` (``two_camp_minimum``: heuristic, bound and exact search put together).
"""

from alliancelab.theory.landscape._maxcut._bounds import eigenvalue_bound, sdp_bound
from alliancelab.theory.landscape._maxcut._result import (
    AUTO_PROOF_N,
    EXACT_TOLERANCE,
    MINIMUM_METHODS,
    Bound,
    GlobalMinimum,
)
from alliancelab.theory.landscape._maxcut._solve import two_camp_minimum

__all__ = [
    "AUTO_PROOF_N",
    "Bound",
    "EXACT_TOLERANCE",
    "GlobalMinimum",
    "MINIMUM_METHODS",
    "eigenvalue_bound",
    "sdp_bound",
    "two_camp_minimum",
]
