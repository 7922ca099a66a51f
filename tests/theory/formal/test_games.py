"""The general extensive-form layer: trees, Gambit conversion, regret and the weak-PBE check."""

import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.formal import deterrence
from alliancelab.theory.formal.games import (
    Chance,
    Decision,
    ExtensiveGame,
    Terminal,
    pure_pbe_gambit,
    same_behaviour,
    solve,
    solve_gambit,
)


def entry_game():
    """Entry deterrence: the entrant enters or stays out; the incumbent fights or accommodates.

    Nash equilibria: (enter, accommodate) and (out, fight); only the first is subgame perfect.
    """
    fight = Terminal({"entrant": -1.0, "incumbent": -1.0}, "fight")
    accommodate = Terminal({"entrant": 1.0, "incumbent": 1.0}, "accommodate")
    respond = Decision("incumbent", "I", {"fight": fight, "accommodate": accommodate})
    root = Decision("entrant", "E", {"enter": respond, "out": Terminal({"entrant": 0.0, "incumbent": 2.0}, "out")})
    return ExtensiveGame(["entrant", "incumbent"], root)


def pure(e, i):
    return {
        "E": {"enter": float(e == "enter"), "out": float(e == "out")},
        "I": {"fight": float(i == "fight"), "accommodate": float(i == "accommodate")},
    }


def test_nash_but_not_pbe_is_caught():
    game = entry_game()
    threat = pure("out", "fight")
    assert max(game.max_regret(threat)) == pytest.approx(0.0, abs=1e-12)  # a Nash equilibrium
    violation, _ = game.pbe_violation(threat)
    assert violation == pytest.approx(2.0)  # fighting loses 2 at the unreached node
    assert game.pbe_violation(pure("enter", "accommodate"))[0] == pytest.approx(0.0, abs=1e-12)


def test_regret_of_a_non_equilibrium():
    regret, agent = entry_game().max_regret(pure("enter", "fight"))
    assert regret == pytest.approx(2.0) and agent == pytest.approx(2.0)


def test_solve_gambit_finds_only_the_perfect_equilibrium():
    found = solve_gambit(entry_game())
    assert len(found) == 1 and same_behaviour(found[0], pure("enter", "accommodate"))
    assert len(pure_pbe_gambit(entry_game())) == 1


def test_information_set_beliefs_with_chance():
    """Matching with a hidden coin: the guesser's best action depends on Bayes beliefs."""

    def branch(side):
        return Decision(
            "guesser",
            "G",
            {
                "heads": Terminal({"guesser": 1.0 if side == "h" else 0.0}),
                "tails": Terminal({"guesser": 1.0 if side == "t" else 0.0}),
            },
        )

    game = ExtensiveGame(["guesser"], Chance("coin", {"h": (0.7, branch("h")), "t": (0.3, branch("t"))}))
    good = {"G": {"heads": 1.0, "tails": 0.0}}
    bad = {"G": {"heads": 0.0, "tails": 1.0}}
    assert game.pbe_violation(good)[0] == pytest.approx(0.0, abs=1e-12)
    assert game.pbe_violation(bad)[0] == pytest.approx(0.4)
    assert game.expected_payoffs(good)["guesser"] == pytest.approx(0.7)
    gbt_game = game.to_pygambit()
    assert len(list(gbt_game.players["guesser"].infosets)) == 1


def test_restrict_and_bad_trees():
    game = entry_game()
    reduced = game.restrict({"I": "accommodate"}, drop_players=("incumbent",))
    assert reduced.players == ["entrant"]
    assert reduced.expected_payoffs({"E": {"enter": 1.0, "out": 0.0}})["entrant"] == 1.0
    with pytest.raises(ParameterError, match="cannot drop player"):
        game.restrict({}, drop_players=("incumbent",))
    broken = ExtensiveGame(
        ["a"],
        Decision(
            "a",
            "X",
            {"l": Decision("a", "X", {"l": Terminal({"a": 0}), "r": Terminal({"a": 1})}), "r": Terminal({"a": 0})},
        ),
    )
    broken.infosets()  # same actions and player: allowed (absent-minded; not checked)
    mismatch = ExtensiveGame(
        ["a"], Decision("a", "X", {"l": Decision("a", "X", {"up": Terminal({"a": 0})}), "r": Terminal({"a": 0})})
    )
    with pytest.raises(ParameterError, match="information set 'X'"):
        mismatch.infosets()
    with pytest.raises(ParameterError, match="unknown players"):
        ExtensiveGame(["a"], Terminal({"b": 1.0})).infosets()
    with pytest.raises(ParameterError, match="sum to 1"):
        ExtensiveGame(["a"], Chance("c", {"x": (0.5, Terminal({})), "y": (0.6, Terminal({}))})).infosets()


def test_solve_dispatches_to_the_model_solver():
    tree = deterrence.build_game(deterrence.DeterrenceParams())
    ours = solve(tree)
    assert len(ours) == 3  # the default point's three equilibria, from the exact solver
    game = tree.to_pygambit()
    assert all(max(tree.max_regret(b, game)) < 1e-9 for b in ours)
    assert len(solve(entry_game())) == 1  # no model solver: Gambit
