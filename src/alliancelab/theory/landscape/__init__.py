"""Landscape theory of aggregation: camps, frustration, energy, local minima and their basins.

Axelrod, R. and Bennett, D. S. (1993), "A Landscape Theory of Aggregation", British Journal of
Political Science 23(2): 211-233.

Definitions (the paper's, with its sign convention)
--------------------------------------------------
Actors i = 1..n have sizes s_i > 0 and a symmetric propensity matrix p (p_ii = 0). A positive p_ij is
an affinity (i and j would rather be in the same camp), a negative p_ij an antipathy. A
configuration X puts every actor in one of k camps (k = 2 by default); d_ij(X) = 0 when i and j are
in the same camp and 1 otherwise.

* frustration of actor i:   F_i(X) = sum_{j != i} s_j p_ij d_ij(X)
* energy of the system:     E(X)   = sum_i sum_{j != i} s_i s_j p_ij d_ij(X) = sum_i s_i F_i(X)

The energy sums over *ordered* pairs, as in the paper (its footnote 2 writes E(X) as the sum over
A'xB plus BxA'), so it is twice the unordered-pair sum sum_{i<j} s_i s_j p_ij d_ij(X) that
other statements of the theory write; the two differ by the factor 2 only and have the same minima. With this
sign an affinity across camps *adds* energy and an antipathy across camps *removes* energy, so
minimising E keeps friends together and enemies apart. When actor k alone switches camp, its
frustration changes by dF_k and the energy by exactly dE = 2 s_k dF_k (both ordered pairs (k, j)
and (j, k) change): an actor that lowers its own frustration lowers the energy, so myopic
adjustment can only go downhill and always ends in a local minimum.

Local minimum: a configuration in which no single actor can strictly lower its frustration by
moving to another camp (an indifferent actor stays). Energies are compared with a small tolerance
(``tolerance`` x sum |s_i s_j p_ij|) so that rounding never creates a spurious move.

Basin of attraction: the configurations from which myopic one-actor-at-a-time adjustment ends in
the minimum. Which actor moves when several could gain is a modelling choice (the paper leaves it
open); it is the parameter ``rule``:

* ``"steepest"`` (default): the actor whose move lowers the energy most moves (to the camp that
  lowers its frustration most); ties go to the lowest actor index, then the lowest camp.
* ``"ordered"``: the lowest-indexed actor that can lower its frustration moves (to the camp that
  lowers its frustration most).

Either rule makes the descent deterministic, so the basins partition the configuration space and
their sizes add up to the number of configurations. With two camps a configuration and its mirror
image (the camps' names swapped) are the same alignment: the exact search counts 2^(n-1)
alignments, fixing the last actor in camp 0, and searches them in Gray-code order so that each step
moves one actor and updates every actor's field in O(n).

Performance (see bench/landscape.py and docs/landscape.md): the exact two-camp search is compiled
with Numba (``cache=True``, so the compile cost is paid once per machine) and runs in parallel over
blocks of the Gray code. Beyond exact reach, ``method="heuristic"`` runs steepest descent from many
random starts (or simulated annealing, ``anneal=True``) and estimates each minimum's basin share by
the fraction of uniformly random starts that end in it; with two camps the lowest minimum is then
proven (or bounded) by ``two_camp_minimum``: branch and bound with SDP-type bounds, a MILP solved
by HiGHS, or tabu search with a computed bound. Every result says what is proven about its lowest
minimum: ``status`` is "exact", "proven within X%" or "heuristic".

Layout of this package (the public names are re-exported here; import ``alliancelab.theory.landscape``):
``_inputs`` (validation, energy, frustration), ``_kernels`` (Numba), ``_result`` (the ``Landscape``
dataclass), ``_enumeration`` (exact search by enumeration and the NumPy references), ``_maxcut``
(the certified two-camp global minimum: SDP-type bounds, branch and bound, MILP with HiGHS), ``_heuristics``
(multi-start descent, annealing, tabu search), ``_search`` (``landscape``, the entry point),
``_data`` (sizes and propensities built from the warehouse: it re-exports ``_params``, ``_components``,
``_states``, ``_system``, ``_camps`` and ``_csv``) and ``_wars`` (evaluation against the sides
of real wars). The figures are in ``alliancelab.figures.landscape`` (re-exported here).
"""

from alliancelab.figures.landscape import energy_profile, plot_files
from alliancelab.theory.landscape._enumeration import (
    adjustment_path,
    brute_force,
    exact_many_camps,
    exact_two_camps,
    is_local_minimum,
    local_minima_from_energies,
    reference_energies,
)
from alliancelab.theory.landscape._heuristics import TabuResult, anneal_two_camps, heuristic, tabu_search
from alliancelab.theory.landscape._inputs import (
    AUTO_EXACT_N,
    MAX_EXACT_MANY_CAMPS,
    MAX_EXACT_TWO_CAMPS,
    METHODS,
    RULES,
    TOLERANCE,
    canonical,
    check_inputs,
    energy,
    frustration,
    weight_matrix,
)
from alliancelab.theory.landscape._maxcut import (
    AUTO_PROOF_N,
    MINIMUM_METHODS,
    Bound,
    GlobalMinimum,
    eigenvalue_bound,
    sdp_bound,
    two_camp_minimum,
)
from alliancelab.theory.landscape._result import Landscape, switch_costs
from alliancelab.theory.landscape._search import landscape
from alliancelab.theory.landscape._wars import plot_war_evaluation

__all__ = [
    "AUTO_EXACT_N",
    "AUTO_PROOF_N",
    "Bound",
    "GlobalMinimum",
    "MINIMUM_METHODS",
    "TabuResult",
    "anneal_two_camps",
    "eigenvalue_bound",
    "sdp_bound",
    "tabu_search",
    "two_camp_minimum",
    "MAX_EXACT_MANY_CAMPS",
    "MAX_EXACT_TWO_CAMPS",
    "METHODS",
    "RULES",
    "TOLERANCE",
    "Landscape",
    "adjustment_path",
    "brute_force",
    "canonical",
    "check_inputs",
    "energy",
    "energy_profile",
    "exact_many_camps",
    "exact_two_camps",
    "frustration",
    "heuristic",
    "is_local_minimum",
    "landscape",
    "local_minima_from_energies",
    "plot_files",
    "plot_war_evaluation",
    "reference_energies",
    "switch_costs",
    "weight_matrix",
]
