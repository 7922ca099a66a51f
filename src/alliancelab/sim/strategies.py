"""Alliance strategies: what a state does about its most threatening neighbour each turn.

A strategy is a probability over five primitive actions, one row for a state that is *strong*
relative to its top threat and one for a state that is *weak* (power below ``weak_ratio`` times the
top threat's power; Walt 1987 argues weak states bandwagon more). Each turn a state that reviews
its alignments draws one action from its row:

- ``hold``: do nothing (the pure power maximiser of Cusack & Stoll's "laissez-faire" world);
- ``balance``: ally with the strongest state that also fears the top threat and is not allied to
  it (join the side opposing the threat; Waltz 1979, Walt 1987);
- ``bandwagon``: ally with the top threat itself (Walt 1987; Schweller 1994);
- ``buck_pass``: form no alliance and loosen the commitments it already has, letting others carry
  the cost of balancing (Christensen & Snyder 1990; Mearsheimer 2001);
- ``detente``: lower tension with the top threat (hostility falls, a short non-aggression period
  starts) at the price of its allies' trust (Snyder 1984: detente with the adversary raises the
  allies' fear of abandonment, so their commitment falls).

Writing a new strategy takes one call::

    from alliancelab.sim.strategies import Strategy, register_strategy
    register_strategy(Strategy("cautious", strong={"balance": 0.6, "hold": 0.4},
                               weak={"bandwagon": 0.7, "detente": 0.3}))

after which ``SimParams(strategy_mix={"cautious": 0.5, "balance": 0.5})`` uses it. The strategy's
probability table is stored with every run's parameters, so a saved run replays even where the
strategy was never registered.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from alliancelab.errors import ParameterError

ACTIONS = ("hold", "balance", "bandwagon", "buck_pass", "detente")
HOLD, BALANCE, BANDWAGON, BUCK_PASS, DETENTE = range(5)


def _row(name, situation, probabilities):
    if probabilities is None:
        return None
    unknown = sorted(set(probabilities) - set(ACTIONS))
    if unknown:
        raise ParameterError(
            f"strategy {name!r}, {situation}: unknown action(s) {unknown}; expected some of {list(ACTIONS)}"
        )
    row = np.array([float(probabilities.get(a, 0.0)) for a in ACTIONS])
    if (row < 0).any() or not np.isfinite(row).all():
        raise ParameterError(f"strategy {name!r}, {situation}: probabilities must be finite and >= 0")
    total = row.sum()
    if total <= 0:
        raise ParameterError(f"strategy {name!r}, {situation}: probabilities sum to 0")
    if abs(total - 1.0) > 1e-9:
        raise ParameterError(f"strategy {name!r}, {situation}: probabilities sum to {total:g}, expected 1")
    return row


@dataclass(frozen=True)
class Strategy:
    """A named probability table over the five primitive actions of ``ACTIONS``.

    Parameters
    ----------
    name : str
        The name ``SimParams.strategy_mix`` refers to.
    strong : dict
        Action -> probability for a state that is strong relative to its top threat; sums to 1.
    weak : dict or None, default None
        Action -> probability for a weak state; None uses ``strong``.
    description : str, default ""
        One line shown in listings.

    Examples
    --------
    >>> Strategy("walt", {"balance": 1.0}, {"balance": 0.5, "bandwagon": 0.5}).table()[1].tolist()
    [0.0, 0.5, 0.5, 0.0, 0.0]

    References
    ----------
    Walt, S. M. (1987). *The Origins of Alliances*. Cornell University Press.
    """

    name: str
    strong: dict
    weak: dict | None = None
    description: str = field(default="", compare=False)

    def table(self):
        """The probability table as an array.

        Returns
        -------
        numpy.ndarray
            Shape (2, 5): row 0 strong, row 1 weak; columns in ``ACTIONS`` order.
        """
        strong = _row(self.name, "strong", self.strong)
        weak = _row(self.name, "weak", self.weak)
        return np.vstack([strong, strong if weak is None else weak])

    def to_dict(self):
        """The table in the ``{"strong": {...}, "weak": {...}}`` form saved with runs.

        Returns
        -------
        dict
            ``{"strong": dict, "weak": dict}``; ``weak`` repeats ``strong`` when it was not given.
        """
        return {"strong": dict(self.strong), "weak": dict(self.weak or self.strong)}


BUILT_IN = (
    Strategy("balance", {"balance": 1.0}, description="always join the side opposing the top threat"),
    Strategy("bandwagon", {"bandwagon": 1.0}, description="always align with the top threat"),
    Strategy(
        "buck_pass", {"buck_pass": 1.0}, description="never ally; loosen existing commitments and let others balance"
    ),
    Strategy("detente", {"detente": 1.0}, description="always seek detente with the top threat"),
    Strategy("hold", {"hold": 1.0}, description="no diplomacy at all: the pure power maximiser (laissez-faire)"),
    Strategy(
        "mixed",
        {"balance": 0.25, "bandwagon": 0.25, "buck_pass": 0.25, "detente": 0.25},
        description="each primitive action with probability 1/4",
    ),
    Strategy(
        "walt",
        {"balance": 1.0},
        {"balance": 0.5, "bandwagon": 0.5},
        description="balance when strong; weak states bandwagon half the time (Walt 1987)",
    ),
    Strategy(
        "balance_detente",
        {"balance": 0.8, "detente": 0.2},
        description="balance, with detente toward the top threat one turn in five",
    ),
)

_REGISTRY = {s.name: s for s in BUILT_IN}


def register_strategy(strategy, replace=False):
    """Make ``strategy`` available by name to ``SimParams.strategy_mix``.

    Parameters
    ----------
    strategy : Strategy
        The strategy; its table is validated first.
    replace : bool, default False
        Redefine a different strategy already registered under the same name.

    Returns
    -------
    Strategy
        ``strategy``, unchanged.

    Examples
    --------
    >>> cautious = Strategy("cautious", strong={"balance": 0.6, "hold": 0.4},
    ...                     weak={"bandwagon": 0.7, "detente": 0.3})
    >>> register_strategy(cautious).name
    'cautious'
    """
    if not isinstance(strategy, Strategy):
        raise ParameterError(f"register_strategy: expected a Strategy, got {type(strategy).__name__}")
    strategy.table()  # validates
    if strategy.name in _REGISTRY and not replace and _REGISTRY[strategy.name] != strategy:
        raise ParameterError(f"strategy {strategy.name!r} is already registered (pass replace=True to redefine it)")
    _REGISTRY[strategy.name] = strategy
    return strategy


def get_strategy(name):
    """The registered strategy called ``name``.

    Parameters
    ----------
    name : str
        A built-in name (see ``strategy_names()``) or one registered with ``register_strategy``.

    Returns
    -------
    Strategy
        The strategy; an unknown name raises ``ParameterError``.

    Examples
    --------
    >>> get_strategy("balance").strong
    {'balance': 1.0}
    """
    if name not in _REGISTRY:
        raise ParameterError(
            f"unknown strategy {name!r}; expected one of {sorted(_REGISTRY)} "
            "or a Strategy registered with register_strategy()"
        )
    return _REGISTRY[name]


def strategy_names():
    """The names of all registered strategies.

    Returns
    -------
    list of str
        Sorted names, built-in ones included.

    Examples
    --------
    >>> "walt" in strategy_names()
    True
    """
    return sorted(_REGISTRY)


def strategy_from_dict(name, spec):
    """Rebuild a strategy from the ``{"strong": {...}, "weak": {...}}`` form saved with runs.

    Parameters
    ----------
    name : str
        The strategy's name.
    spec : dict
        ``{"strong": {action: probability}}`` and optionally ``"weak"``.

    Returns
    -------
    Strategy
        The strategy (not registered).

    Examples
    --------
    >>> strategy_from_dict("b", {"strong": {"balance": 1.0}}).table()[0].tolist()
    [0.0, 1.0, 0.0, 0.0, 0.0]
    """
    if not isinstance(spec, dict) or "strong" not in spec:
        raise ParameterError(
            f"strategy {name!r}: expected a table with 'strong' (and optionally "
            f"'weak') action probabilities, got {spec!r}"
        )
    extra = sorted(set(spec) - {"strong", "weak"})
    if extra:
        raise ParameterError(f"strategy {name!r}: unknown key(s) {extra}; expected 'strong', 'weak'")
    return Strategy(name, dict(spec["strong"]), dict(spec["weak"]) if spec.get("weak") else None)


def parse_mix(text):
    """Parse the CLI's ``--strategy`` syntax into a strategy mix.

    Parameters
    ----------
    text : str
        ``NAME`` or ``NAME=SHARE,NAME=SHARE``; a bare name gets share 1.

    Returns
    -------
    dict
        Strategy name -> share (finite, >= 0).

    Examples
    --------
    >>> parse_mix("balance=0.5,bandwagon=0.5")
    {'balance': 0.5, 'bandwagon': 0.5}
    """
    from alliancelab.assignments import parse_assignments

    mix = parse_assignments(str(text), "strategy", float, bare="1", expected="NAME or NAME=SHARE")
    for name, value in mix.items():
        if not math.isfinite(value) or value < 0:
            raise ParameterError(f"argument strategy: share {value!r} of {name!r} must be a finite number >= 0")
    if not mix:
        raise ParameterError("argument strategy: expected NAME or NAME=SHARE,NAME=SHARE")
    return mix
