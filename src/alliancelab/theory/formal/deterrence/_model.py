"""The third-party deterrence game: parameters, payoffs and the game tree."""

from __future__ import annotations

from dataclasses import dataclass

from alliancelab.errors import ParameterError
from alliancelab.parameters import Parameters, param
from alliancelab.theory.formal.games import Chance, Decision, ExtensiveGame, Terminal

TYPES = ("strong", "weak")
PLAYERS = ("challenger", "defender", "third party")
AGENTS = ("challenge", "resist", "escalate")  # per type; T's agent is "intervene"
TOL = 1e-10
POSITIVE = ("power_strong", "power_weak", "power_ally", "stake_challenger", "stake_defender")


@dataclass(frozen=True)
class DeterrenceParams(Parameters):
    """Parameters of the third-party deterrence game.

    Defaults: a generic point with three equilibria (one mixed) on the defender side. War: C wins
    with probability p = m_C / (m_C + m_D), where intervention adds m_T to the ally's side. Values are
    checked when the object is made (powers and stakes > 0, costs and benefits >= 0, q in [0, 1],
    power_strong >= power_weak); a bad value raises ``ParameterError`` naming it.

    Parameters
    ----------
    side : {"defender", "challenger"}, default "defender"
        The state T is allied to.
    prior_strong : float, default 0.6
        q, the common prior that the ally's enemy is strong.
    power_strong, power_weak : float, default 2.3, 0.7
        Power of the enemy if strong / weak.
    power_ally : float, default 0.75
        Power of T's ally (D if side="defender", C otherwise).
    power_third : float, default 2.0
        m_T, added to the ally's side when T intervenes.
    stake_challenger, stake_defender : float, default 1.35
        v_C, v_D, value of the stake to C and to D.
    cost_challenger, cost_defender : float, default 0.09, 0.45
        c_C, c_D, costs of war.
    audience_cost : float, default 0.065
        a, C's cost of backing down after a challenge.
    benefit_third : float, default 0.31
        B, T's value of its ally holding the stake.
    cost_third : float, default 0.09
        k, T's cost of intervening.

    Examples
    --------
    >>> round(DeterrenceParams().win_probability("strong", False), 4)
    0.7541
    """

    _what = "deterrence parameter"

    side: str = param("defender", "the state T is allied to", choices=("defender", "challenger"))
    prior_strong: float = param(0.6, "q: common prior that the ally's enemy is strong", 0.0, 1.0)
    power_strong: float = param(2.3, "power of the enemy if strong (> 0, >= power_weak)", 0.0, None)
    power_weak: float = param(0.7, "power of the enemy if weak (> 0)", 0.0, None)
    power_ally: float = param(0.75, "power of T's ally (D if side='defender', C otherwise; > 0)", 0.0, None)
    power_third: float = param(2.0, "m_T, added to the ally's side when T intervenes", 0.0, None)
    stake_challenger: float = param(1.35, "v_C, value of the stake to C (> 0)", 0.0, None)
    stake_defender: float = param(1.35, "v_D, value of the stake to D (> 0)", 0.0, None)
    cost_challenger: float = param(0.09, "c_C, C's cost of war", 0.0, None)
    cost_defender: float = param(0.45, "c_D, D's cost of war", 0.0, None)
    audience_cost: float = param(0.065, "a, C's cost of backing down after a challenge", 0.0, None)
    benefit_third: float = param(0.31, "B, T's value of its ally holding the stake", 0.0, None)
    cost_third: float = param(0.09, "k, T's cost of intervening", 0.0, None)

    def _check(self):
        for name in POSITIVE:
            if not getattr(self, name) > 0:
                raise ParameterError(f"parameter {name}={getattr(self, name)!r}: expected > 0")
        if self.power_strong < self.power_weak:
            raise ParameterError(
                f"parameter power_strong={self.power_strong}: expected >= power_weak={self.power_weak}"
            )

    def win_probability(self, theta, intervene):
        """Probability that the challenger wins the war against type ``theta``."""
        enemy = self.power_strong if theta == "strong" else self.power_weak
        third = self.power_third if intervene else 0.0
        if self.side == "defender":
            return enemy / (enemy + self.power_ally + third)
        return (self.power_ally + third) / (self.power_ally + third + enemy)

    def third_gain(self, theta):
        """g_theta: T's payoff from intervening minus staying out, at the war node of type theta."""
        sign = 1.0 if self.side == "challenger" else -1.0
        return (
            sign * self.benefit_third * (self.win_probability(theta, True) - self.win_probability(theta, False))
            - self.cost_third
        )


# ---------------------------------------------------------------------------- the tree
def infoset(agent, theta=None):
    """Information-set label: 'C:challenge|strong', 'D:resist|weak', 'C:escalate|..', 'T:intervene'.

    Parameters
    ----------
    agent : {"challenge", "resist", "escalate", "intervene"}
    theta : {"strong", "weak"}, optional
        The enemy's type (not used for T's single information set).

    Returns
    -------
    str

    Examples
    --------
    >>> infoset("resist", "weak")
    'D:resist|weak'
    """
    if agent == "intervene":
        return "T:intervene"
    return f"{'D' if agent == 'resist' else 'C'}:{agent}|{theta}"


ACTIONS = {
    "challenge": ("challenge", "status quo"),
    "resist": ("resist", "concede"),
    "escalate": ("escalate", "back down"),
    "intervene": ("intervene", "stay out"),
}


def terminal_payoffs(params, theta, outcome):
    """Payoffs of an outcome: 'status quo', 'concede', 'back down', 'war', 'war+T'.

    Status quo 0 for everyone; concession: C +v_C, D -v_D; back-down: C -a; war: C p v_C - c_C,
    D -p v_D - c_D; T: s B p - k I (s = +1 when T backs C, -1 when it backs D).

    Parameters
    ----------
    params : DeterrenceParams
    theta : {"strong", "weak"}
        The enemy's type.
    outcome : str

    Returns
    -------
    dict
        {player: payoff}.

    Examples
    --------
    >>> terminal_payoffs(DeterrenceParams(), "strong", "back down")
    {'challenger': -0.065, 'defender': 0.0, 'third party': 0.0}
    """
    p = params
    sign = 1.0 if p.side == "challenger" else -1.0
    if outcome == "status quo":
        return dict(zip(PLAYERS, (0.0, 0.0, 0.0)))
    if outcome == "concede":
        return dict(zip(PLAYERS, (p.stake_challenger, -p.stake_defender, sign * p.benefit_third)))
    if outcome == "back down":
        return dict(zip(PLAYERS, (-p.audience_cost, 0.0, 0.0)))
    intervene = outcome == "war+T"
    win = p.win_probability(theta, intervene)
    return dict(
        zip(
            PLAYERS,
            (
                win * p.stake_challenger - p.cost_challenger,
                -win * p.stake_defender - p.cost_defender,
                sign * p.benefit_third * win - (p.cost_third if intervene else 0.0),
            ),
        )
    )


def build_game(params):
    """The finite extensive game of ``params`` as an ``ExtensiveGame`` (convertible to Gambit).

    Parameters
    ----------
    params : DeterrenceParams

    Returns
    -------
    ExtensiveGame

    Examples
    --------
    >>> build_game(DeterrenceParams()).players
    ['challenger', 'defender', 'third party']
    """
    params = params.validate()

    def branch(theta):
        def pay(outcome):
            return Terminal(terminal_payoffs(params, theta, outcome), f"{outcome}|{theta}")

        war = Decision("third party", "T:intervene", {"intervene": pay("war+T"), "stay out": pay("war")})
        escalate = Decision("challenger", infoset("escalate", theta), {"escalate": war, "back down": pay("back down")})
        resist = Decision("defender", infoset("resist", theta), {"resist": escalate, "concede": pay("concede")})
        return Decision(
            "challenger", infoset("challenge", theta), {"challenge": resist, "status quo": pay("status quo")}
        )

    q = params.prior_strong
    root = Chance("nature", {"strong": (q, branch("strong")), "weak": (1.0 - q, branch("weak"))})

    def own_solver():
        from alliancelab.theory.formal.deterrence._solver import solve

        return [eq.behaviour() for eq in solve(params).equilibria]

    return ExtensiveGame(list(PLAYERS), root, title=f"third-party deterrence ({params.side} side)", solver=own_solver)
