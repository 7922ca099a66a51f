"""Finite extensive-form games in plain Python: the nodes, and ``ExtensiveGame`` with its values, its
equilibrium checks and its conversion to a Gambit game.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from alliancelab.errors import ParameterError

TOL = 1e-9


@dataclass
class Terminal:
    """An end of the game with a payoff for every player (missing players get 0).

    Attributes
    ----------
    payoffs : dict
        player -> payoff.
    label : str
        An optional name, for display.
    """

    payoffs: dict
    label: str = ""


@dataclass
class Decision:
    """A move by ``player`` at information set ``infoset``.

    Attributes
    ----------
    player : str
        Who moves.
    infoset : str
        The information set; nodes sharing it cannot be told apart by the player.
    actions : dict
        action label -> child node (``Decision``, ``Chance`` or ``Terminal``).
    label : str
        An optional name, for display.
    """

    player: str
    infoset: str
    actions: dict
    label: str = ""


@dataclass
class Chance:
    """A move by nature.

    Attributes
    ----------
    infoset : str
        The chance node's name.
    actions : dict
        label -> (probability, child node).
    label : str
        An optional name, for display.
    """

    infoset: str
    actions: dict
    label: str = ""


@dataclass
class ExtensiveGame:
    """A finite extensive-form game with perfect recall assumed (not checked).

    Attributes
    ----------
    players : list of str
        The players, in order.
    root : Decision or Chance
        The first move.
    title : str
        A name, for display and for the Gambit file.
    solver : callable, optional
        A model-specific exact solver, () -> behaviour profiles (``solve`` uses it when present).

    Examples
    --------
    >>> from alliancelab.theory.formal.games import solve
    >>> respond = Decision("ally", "A", {"support": Terminal({"client": 1, "ally": -0.5}),
    ...                                  "abandon": Terminal({"client": -1, "ally": 0})})
    >>> tree = ExtensiveGame(["client", "ally"], Decision("client", "C", {
    ...     "provoke": respond, "restrain": Terminal({"client": 0, "ally": 0})}))
    >>> solve(tree)[0]["A"]
    {'support': 0.0, 'abandon': 1.0}
    """

    players: list
    root: object
    title: str = "alliance game"
    solver: object = field(default=None, repr=False)  # model-specific: () -> behaviour profiles
    _infosets: dict = field(default=None, repr=False)

    # ------------------------------------------------------------------ structure
    def nodes(self):
        """Every node, depth first, with the path of action labels from the root."""
        stack = [(self.root, ())]
        while stack:
            node, path = stack.pop()
            yield node, path
            if isinstance(node, Decision):
                children = list(node.actions.items())
            elif isinstance(node, Chance):
                children = [(a, child) for a, (_, child) in node.actions.items()]
            else:
                children = []
            for action, child in reversed(children):
                stack.append((child, path + (action,)))

    def infosets(self):
        """``{label: (player, [action labels], [nodes])}``; validates the tree on first call."""
        if self._infosets is None:
            found = {}
            for node, path in self.nodes():
                if isinstance(node, Terminal):
                    unknown = set(node.payoffs) - set(self.players)
                    if unknown:
                        raise ParameterError(
                            f"terminal at {'/'.join(path) or 'root'}: payoffs for unknown players {sorted(unknown)}"
                        )
                    continue
                player = node.player if isinstance(node, Decision) else "chance"
                if player != "chance" and player not in self.players:
                    raise ParameterError(f"node at {'/'.join(path) or 'root'}: player {player!r} not in {self.players}")
                if isinstance(node, Chance):
                    probs = [p for p, _ in node.actions.values()]
                    if min(probs) < 0 or abs(sum(probs) - 1) > 1e-12:
                        raise ParameterError(
                            f"chance node {node.infoset!r}: probabilities {probs} must be >= 0 and sum to 1"
                        )
                actions = list(node.actions)
                if node.infoset in found:
                    other_player, other_actions, members = found[node.infoset]
                    if other_player != player or other_actions != actions:
                        raise ParameterError(
                            f"information set {node.infoset!r}: nodes differ in "
                            f"player or actions ({other_player} {other_actions} "
                            f"vs {player} {actions})"
                        )
                    members.append(node)
                else:
                    found[node.infoset] = (player, actions, [node])
            self._infosets = found
        return self._infosets

    # ------------------------------------------------------------------ evaluation
    def _prob(self, behaviour, node, action):
        if isinstance(node, Chance):
            return node.actions[action][0]
        try:
            return float(behaviour[node.infoset].get(action, 0.0))
        except KeyError:
            raise ParameterError(f"behaviour profile lacks information set {node.infoset!r}") from None

    def node_values(self, behaviour):
        """Expected payoff vector (dict player -> value) at every node (keyed by id)."""
        values = {}

        def visit(node):
            if isinstance(node, Terminal):
                v = np.array([float(node.payoffs.get(p, 0.0)) for p in self.players])
            else:
                v = np.zeros(len(self.players))
                for action in node.actions:
                    child = node.actions[action][1] if isinstance(node, Chance) else node.actions[action]
                    child_v = visit(child)
                    prob = self._prob(behaviour, node, action)
                    if prob:
                        v = v + prob * child_v
            values[id(node)] = v
            return v

        visit(self.root)
        return values

    def reach_probabilities(self, behaviour):
        """Probability that play reaches each node (keyed by id)."""
        reach = {}
        stack = [(self.root, 1.0)]
        while stack:
            node, prob = stack.pop()
            reach[id(node)] = prob
            if isinstance(node, Terminal):
                continue
            for action in node.actions:
                child = node.actions[action][1] if isinstance(node, Chance) else node.actions[action]
                stack.append((child, prob * self._prob(behaviour, node, action)))
        return reach

    def terminal_distribution(self, behaviour):
        """``{path: probability}`` over the terminal nodes."""
        reach = self.reach_probabilities(behaviour)
        return {path: reach[id(node)] for node, path in self.nodes() if isinstance(node, Terminal)}

    def expected_payoffs(self, behaviour):
        """Expected payoff of each player under the behaviour profile."""
        return dict(zip(self.players, self.node_values(behaviour)[id(self.root)]))

    def pbe_violation(self, behaviour, tol=TOL):
        """Largest loss from the prescribed actions under the most favourable admissible beliefs.

        0 (up to ``tol``) exactly when ``behaviour`` is sequentially rational under some weak-PBE
        belief system. Returns ``(violation, beliefs)`` with the beliefs used at each information set.
        """
        values = self.node_values(behaviour)
        reach = self.reach_probabilities(behaviour)
        worst, beliefs = 0.0, {}
        for label, (player, actions, members) in self.infosets().items():
            if player == "chance":
                continue
            k = self.players.index(player)
            # gains[m, a]: payoff of action a at member node m minus the profile's value there.
            gains = np.array([[values[id(node.actions[a])][k] for a in actions] for node in members])
            probs = np.array([float(behaviour[label].get(a, 0.0)) for a in actions])
            total = sum(reach[id(n)] for n in members)
            if total > 0:
                belief = np.array([reach[id(n)] for n in members]) / total
                expected = belief @ gains
                loss = float(expected.max() - expected @ probs)
            else:
                loss, belief = _best_belief(gains, probs)
            beliefs[label] = belief
            worst = max(worst, loss)
        return worst, beliefs

    # ------------------------------------------------------------------ transformations
    def restrict(self, fixed, drop_players=()):
        """The game in which the information sets in ``fixed`` (label -> action) are played as given.

        Players in ``drop_players`` (who must have no remaining moves) are removed, so that fixing
        one player's strategy in a three-player game gives a two-player game.
        """

        def copy(node):
            if isinstance(node, Terminal):
                return Terminal({p: v for p, v in node.payoffs.items() if p not in drop_players}, node.label)
            if isinstance(node, Chance):
                return Chance(node.infoset, {a: (p, copy(c)) for a, (p, c) in node.actions.items()}, node.label)
            if node.infoset in fixed:
                return copy(node.actions[fixed[node.infoset]])
            if node.player in drop_players:
                raise ParameterError(
                    f"cannot drop player {node.player!r}: information set {node.infoset!r} is not fixed"
                )
            return Decision(node.player, node.infoset, {a: copy(c) for a, c in node.actions.items()}, node.label)

        players = [p for p in self.players if p not in drop_players]
        return ExtensiveGame(players, copy(self.root), self.title)

    def pure_behaviours(self, player=None):
        """Every pure behaviour profile (or every pure strategy of ``player``)."""
        sets = [
            (label, actions)
            for label, (owner, actions, _) in self.infosets().items()
            if owner != "chance" and (player is None or owner == player)
        ]
        for choice in itertools.product(*[actions for _, actions in sets]):
            yield {label: {a: 1.0 if a == c else 0.0 for a in actions} for (label, actions), c in zip(sets, choice)}

    # ------------------------------------------------------------------ Gambit
    def to_pygambit(self):
        """The same game as a ``pygambit.Game`` (information sets keep their labels)."""
        import pygambit as gbt

        self.infosets()
        game = gbt.Game.new_tree(players=list(self.players), title=self.title)
        made = {}
        queue = [(self.root, game.root)]
        count = 0
        while queue:
            node, gnode = queue.pop(0)
            if isinstance(node, Terminal):
                count += 1
                outcome = game.add_outcome(
                    node.label or f"outcome {count}", [float(node.payoffs.get(p, 0.0)) for p in self.players]
                )
                game.set_outcome(gnode, outcome)
                continue
            labels = list(node.actions)
            if node.infoset in made:
                game.append_infoset(gnode, made[node.infoset])
            else:
                player = game.players.chance if isinstance(node, Chance) else node.player
                game.append_move(gnode, player, labels)
                made[node.infoset] = gnode.infoset
                gnode.infoset.label = node.infoset
                if isinstance(node, Chance):
                    # exact fractions so that the probabilities sum to one in Gambit's arithmetic
                    probs = [Fraction(node.actions[a][0]) for a in labels[:-1]]
                    probs.append(1 - sum(probs))
                    game.set_chance_probs(gnode.infoset, [gbt.Rational(p.numerator, p.denominator) for p in probs])
            for label, gchild in zip(labels, gnode.children):
                child = node.actions[label][1] if isinstance(node, Chance) else node.actions[label]
                queue.append((child, gchild))
        return game

    def gambit_profile(self, behaviour, game=None):
        """A ``MixedBehaviorProfileDouble`` on the Gambit game holding ``behaviour``."""
        game = game or self.to_pygambit()
        profile = game.mixed_behavior_profile()
        for player in game.players:
            for infoset in player.infosets:
                for action in infoset.actions:
                    profile[action] = float(behaviour[infoset.label].get(action.label, 0.0))
        return profile

    def max_regret(self, behaviour, game=None):
        """Gambit's Nash max regret and agent max regret of ``behaviour`` (both 0 at equilibrium)."""
        profile = self.gambit_profile(behaviour, game)
        return float(profile.max_regret()), float(profile.agent_max_regret())


def _best_belief(gains, probs):
    """Smallest achievable loss of mixed action ``probs`` over beliefs on the rows of ``gains``.

    The loss max_a b.g_a - b.g.probs is convex in b; the minimum over the simplex is an LP.
    """
    from scipy.optimize import linprog

    members, n_actions = gains.shape
    if members == 1:
        row = gains[0]
        return float(row.max() - row @ probs), np.ones(1)
    # variables: belief b (members), t; minimise t s.t. b.(g_a - g.probs) <= t for all a.
    played = gains @ probs
    a_ub = np.hstack([(gains[:, a] - played)[None, :] for a in range(n_actions)]).reshape(n_actions, members)
    a_ub = np.hstack([a_ub, -np.ones((n_actions, 1))])
    res = linprog(
        c=np.r_[np.zeros(members), 1.0],
        A_ub=a_ub,
        b_ub=np.zeros(n_actions),
        A_eq=np.r_[np.ones(members), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, 1)] * members + [(None, None)],
        method="highs",
    )
    return max(float(res.fun), 0.0), res.x[:members]
