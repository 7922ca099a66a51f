"""Extended deterrence with a third-party ally under uncertainty, solved for all PBE.

The model (our formalisation of the setting of "Power and Deterrence in Alliance Relationships",
Conflict Management and Peace Science 2012; the paper's own equations were not available to us,
see docs/deterrence.md):

Players: challenger C, defender D, third party T allied to D (``side="defender"``) or to C
(``side="challenger"``). The *enemy* of T's ally (C when T backs D, D when T backs C) is strong or
weak; nature draws the type, strong with prior ``q``. C and D observe it (they face each other);
T does not.

Moves (one branch per type):
  1. C challenges or keeps the status quo (general deterrence);
  2. D resists or concedes (immediate deterrence);
  3. C escalates to war or backs down;
  4. in war, T intervenes or stays out, at one information set spanning both types.

War: C wins with probability p = m_C / (m_C + m_D) where intervention adds T's power m_T to its
ally's side. Payoffs (status quo = 0 for everyone):
  concession: C +v_C, D -v_D;  back-down: C -a (audience cost), D 0;
  war: C p v_C - c_C, D -p v_D - c_D;
  T: s B x (change in its ally's hold on the stake) - k if it intervened, where s = +1 when T backs
  C and -1 when T backs D; so in war T gets s B p - k I and T intervenes iff
  g_theta = B |p_I - p_N| - k, averaged with its belief over types, is >= 0.

Solution: weak perfect Bayesian equilibria (Bayes on path; any belief off path). Given T's
intervention probability sigma, each type's three-stage game has linear payoff differences in sigma
and in the downstream mixing probabilities. Every equilibrium in which some type randomises pins
sigma to one of at most three roots per type (escalation, resistance, challenge indifference);
T's indifference q g_s w_s + (1 - q) g_w w_w = 0 (w = probability of war per type) then pins the one
remaining free probability. Equilibria in which war is off the path form intervals of sigma.
All cases are enumerated exactly (closed-form roots, no search). Ties between thresholds are
non-generic; a solution flags ``degenerate`` when it meets one.

Layout of this package (the public names are re-exported here; import ``alliancelab.theory.formal.deterrence``):
``_model`` (``DeterrenceParams``, payoffs, the game tree), ``_solver`` (``solve``: every equilibrium by
exact enumeration) and ``_statics`` (comparative statics and the paper's findings). The figure is
``alliancelab.figures.deterrence_statics`` (``plot_statics`` here is the same function).
"""

from alliancelab.figures import deterrence_statics as plot_statics
from alliancelab.theory.formal.deterrence._model import (
    ACTIONS,
    AGENTS,
    PLAYERS,
    TOL,
    TYPES,
    DeterrenceParams,
    build_game,
    infoset,
    terminal_payoffs,
)
from alliancelab.theory.formal.deterrence._solver import Equilibrium, Solution, solve, type_families
from alliancelab.theory.formal.deterrence._statics import (
    benefit_statics,
    comparative_statics,
    monotonicity,
    parameter_grid,
    params_dict,
)

__all__ = [
    "ACTIONS",
    "AGENTS",
    "PLAYERS",
    "TOL",
    "TYPES",
    "DeterrenceParams",
    "Equilibrium",
    "Solution",
    "benefit_statics",
    "build_game",
    "comparative_statics",
    "infoset",
    "monotonicity",
    "parameter_grid",
    "params_dict",
    "plot_statics",
    "solve",
    "terminal_payoffs",
    "type_families",
]
