"""A small general layer for finite extensive-form alliance games.

Define a game tree in plain Python (``Decision``, ``Chance``, ``Terminal`` nodes, information sets
named by labels), convert it to a Gambit game (PyPI ``pygambit`` 16.x), check a behaviour profile
(Nash max regret, agent max regret, sequential rationality under some beliefs) and solve the game
with Gambit's methods where no model-specific solver exists.

A *behaviour profile* is a dict ``{infoset_label: {action_label: probability}}``.

Solution concept. ``pbe_violation`` checks weak perfect Bayesian equilibrium (Mas-Colell, Whinston &
Green 1995, Def. 9.C.3): at every information set reached with positive probability beliefs follow
Bayes' rule from the profile and the chance moves; at an unreached information set some belief must
exist (any distribution over its nodes) under which the prescribed actions are optimal. Optimality
is judged with the continuation values of the profile itself (sequential rationality).

Gambit: McKelvey, R. D., McLennan, A. M. and Turocy, T. L., "Gambit: Software Tools for Game
Theory", https://www.gambit-project.org (pygambit 16.7).

Layout of this package (the public names are re-exported here; import ``alliancelab.theory.formal.games``):
``_tree`` (the nodes, ``ExtensiveGame`` with its values, checks and conversion to Gambit) and ``_solve`` (solving
a game with Gambit's methods and comparing behaviour profiles).
"""

from alliancelab.theory.formal.games._solve import (
    behaviour_from_gambit,
    pure_pbe_gambit,
    same_behaviour,
    solve,
    solve_gambit,
    two_player_reductions,
)
from alliancelab.theory.formal.games._tree import TOL, Chance, Decision, ExtensiveGame, Terminal

__all__ = [
    "Chance",
    "Decision",
    "ExtensiveGame",
    "TOL",
    "Terminal",
    "behaviour_from_gambit",
    "pure_pbe_gambit",
    "same_behaviour",
    "solve",
    "solve_gambit",
    "two_player_reductions",
]
