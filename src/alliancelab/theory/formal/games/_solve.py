"""Solving a game with Gambit's methods where no model-specific solver exists: pure perfect Bayesian
equilibria, two-player reductions, and the comparison of behaviour profiles.
"""

from __future__ import annotations

import itertools

from alliancelab.errors import ParameterError
from alliancelab.theory.formal.games._tree import TOL


def behaviour_from_gambit(profile):
    """Convert a Gambit behaviour profile to our dict form (undefined info sets get uniform play).

    Parameters
    ----------
    profile : pygambit.MixedBehaviorProfile
        A profile of a game built by ``ExtensiveGame.to_pygambit``.

    Returns
    -------
    dict
        information set -> {action: probability}.
    """
    out = {}
    for player in profile.game.players:
        for infoset in player.infosets:
            actions = list(infoset.actions)
            if profile.is_defined_at(infoset):
                out[infoset.label] = {a.label: float(profile[a]) for a in actions}
            else:
                out[infoset.label] = {a.label: 1.0 / len(actions) for a in actions}
    return out


def pure_pbe_gambit(tree, game=None, tol=TOL):
    """All pure weak PBE: Gambit's agent-form pure enumeration, filtered by sequential rationality.

    Exhaustive: every pure PBE is a pure agent Nash equilibrium, and ``enumpure_agent_solve``
    lists them all.

    Parameters
    ----------
    tree : ExtensiveGame
        The game.
    game : pygambit.Game, optional
        ``tree.to_pygambit()``, when already built.
    tol : float
        Tolerance of the weak-PBE check (largest gain from deviating).

    Returns
    -------
    list of dict
        Behaviour profiles: information set -> {action: probability}.

    References
    ----------
    McKelvey, McLennan & Turocy, Gambit: Software Tools for Game Theory.
    """
    import pygambit as gbt

    game = game or tree.to_pygambit()
    found = []
    for eq in gbt.nash.enumpure_agent_solve(game).equilibria:
        behaviour = behaviour_from_gambit(eq)
        if tree.pbe_violation(behaviour, tol)[0] <= tol:
            found.append(behaviour)
    return found


def two_player_reductions(tree, player, tol=TOL):
    """Equilibria in which ``player`` plays a pure strategy, found by Gambit exhaustively.

    For each pure strategy of ``player`` the remaining two-player game is solved with
    ``enummixed_solve`` (all extreme Nash equilibria of its strategic form); a solution is kept
    when ``player``'s strategy is a best reply in the full game and the joined profile passes the
    weak-PBE check.

    Parameters
    ----------
    tree : ExtensiveGame
        A three-player game.
    player : str
        The player held to pure strategies.
    tol : float
        Tolerance of the weak-PBE check (largest gain from deviating).

    Returns
    -------
    list of dict
        Behaviour profiles: information set -> {action: probability}.
        Profiles of the full game.
    """
    import pygambit as gbt

    others = [p for p in tree.players if p != player]
    if len(others) != 2:
        raise ParameterError(f"two_player_reductions: game has {len(tree.players)} players, expected 3")
    full = tree.to_pygambit()
    kept = []
    for strategy in tree.pure_behaviours(player):
        fixed = {label: max(probs, key=probs.get) for label, probs in strategy.items()}
        reduced = tree.restrict(fixed, drop_players=(player,))
        rgame = reduced.to_pygambit()
        for eq in gbt.nash.enummixed_solve(rgame, rational=False).equilibria:
            behaviour = behaviour_from_gambit(eq.as_behavior())
            behaviour.update(strategy)
            # Information sets cut off by the fixed strategy: try every pure completion.
            missing = [
                (label, actions)
                for label, (owner, actions, _) in tree.infosets().items()
                if owner != "chance" and label not in behaviour
            ]
            for choice in itertools.product(*[actions for _, actions in missing]):
                full_behaviour = dict(behaviour)
                for (label, actions), c in zip(missing, choice):
                    full_behaviour[label] = {a: 1.0 if a == c else 0.0 for a in actions}
                regret, _ = tree.max_regret(full_behaviour, full)
                if regret > tol:
                    continue
                if tree.pbe_violation(full_behaviour, tol)[0] <= tol:
                    kept.append(full_behaviour)
    return kept


def solve_gambit(tree, tol=TOL):
    """Solve a game for which no model-specific solver exists, with Gambit.

    Two players: every extreme Nash equilibrium of the strategic form (``enummixed_solve``),
    kept when it is a weak PBE. Otherwise: every pure PBE (agent-form enumeration), plus, for
    three players, the equilibria in which some player is pure (two-player reductions). Mixed
    equilibria in which three or more players all randomise are not searched for.

    Parameters
    ----------
    tree : ExtensiveGame
        The game.
    tol : float
        Tolerance of the weak-PBE check (largest gain from deviating).

    Returns
    -------
    list of dict
        Behaviour profiles: information set -> {action: probability}.
        Without duplicates.
    """
    import pygambit as gbt

    if len(tree.players) == 2:
        game = tree.to_pygambit()
        found = []
        for eq in gbt.nash.enummixed_solve(game, rational=False).equilibria:
            behaviour = behaviour_from_gambit(eq.as_behavior())
            if tree.pbe_violation(behaviour, tol)[0] <= tol:
                found.append(behaviour)
    else:
        found = pure_pbe_gambit(tree, tol=tol)
        if len(tree.players) == 3:
            for player in tree.players:
                found += two_player_reductions(tree, player, tol)
    unique = []
    for b in found:
        if not any(same_behaviour(b, u) for u in unique):
            unique.append(b)
    return unique


def solve(tree, tol=TOL):
    """All equilibria of a game: the model's own exact solver when the tree carries one, else Gambit.

    A tree from ``deterrence.build_game`` carries its closed-form solver; any other tree is solved
    by ``solve_gambit``.

    Parameters
    ----------
    tree : ExtensiveGame
        The game.
    tol : float
        Tolerance of the weak-PBE check (largest gain from deviating).

    Returns
    -------
    list of dict
        Behaviour profiles: information set -> {action: probability}.
    """
    if tree.solver is not None:
        return tree.solver()
    return solve_gambit(tree, tol)


def same_behaviour(a, b, tol=1e-7):
    """True when two behaviour profiles agree at every information set within ``tol``.

    Parameters
    ----------
    a, b : dict
        Behaviour profiles: information set -> {action: probability}.
    tol : float
        Largest difference of a probability.

    Returns
    -------
    bool

    Examples
    --------
    >>> same_behaviour({"A": {"x": 1.0}}, {"A": {"x": 1.0, "y": 0.0}})
    True
    """
    if set(a) != set(b):
        return False
    return all(abs(a[i].get(x, 0.0) - b[i].get(x, 0.0)) <= tol for i in a for x in set(a[i]) | set(b[i]))
