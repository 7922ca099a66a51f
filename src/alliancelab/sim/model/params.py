"""Every parameter of a run (``SimParams``), its range and source, and the kernel's parameter vector.

Kept in one module because ``SimParams`` is one dataclass whose fields, with their ranges and sources, are its
documentation, and the kernel's parameter vector lists those fields in order next to them.
"""

import json
import math
from dataclasses import asdict, dataclass, fields

import numpy as np

from alliancelab.errors import ParameterError
from alliancelab.parameters import Parameters, param
from alliancelab.sim import geography as geo
from alliancelab.sim.strategies import get_strategy, strategy_from_dict

MODEL_VERSION = "1"  # bump when a rule changes: stored with every run; replays check it

# All pairs interact when projection_floor = 0: memory grows as n^2, so n is capped there.
MAX_DENSE_STATES = 5000
# |log drift| of power over a run that keeps every power, and its decisiveness-th power, finite.
MAX_LOG_DRIFT = 500.0
GEOGRAPHIES = ("grid", "planar", "historical")


@dataclass(frozen=True)
class SimParams(Parameters):
    """Every parameter of a run, with its default, its range and, where one exists, its literature source.

    Values are checked when the object is made (type, range, known strategies, the floating-point
    scale of growth over the run); a bad value raises ``ParameterError`` naming it.

    Parameters
    ----------
    n_states : int, default 50
        Number of states at the start (ignored by historical maps); above 5,000 only with projection_floor > 0; range
        [2, 1000000]. Source: Bremer & Mihalka 1977 and Cederman 1997 start with tens to hundreds.
    n_steps : int, default 400
        Turns to simulate (the run stops earlier when one state is left); range [1, 1000000].
    geography : str, default 'planar'
        Map: 'grid', 'planar' or 'historical'.
    start_year : int, default 1816
        Historical maps: the year of the real system; range [1816, 2016].
    region : str, default 'europe'
        Historical maps: region (see geography.REGIONS).
    max_conttype : int, default 4
        Historical maps: COW contiguity types counted as borders (1-5); range [1, 5]. Source: Stinnett et al. 2002 (4
        = up to 150 miles of water).
    power_sd : float, default 0.5
        Initial power is lognormal with this log-sd (synthetic maps); range [0, 5].
    n_great_powers : int, default 0
        Great powers placed at random (0: none); range [0, 1000].
    great_power_share : float, default 0.5
        Share of total initial power held by the great powers, split equally; range [0, 1].
    militarisation_sd : float, default 0.3
        Log-sd of militarisation m_i (offensive share of power; synthetic maps); range [0, 5].
    strategy_mix : dict, default None
        Strategy name -> share of states (default all 'balance'); shares are allocated exactly (largest remainder)
        then shuffled.
    strategy_tables : dict, default None
        Definitions of the strategies used (filled in automatically; stored so a run replays without the registry).
    growth_mean : float, default 0.0
        Mean log growth of power per turn (with growth_sd and n_steps, the drift must keep power finite); range [-0.1,
        0.1].
    growth_sd : float, default 0.02
        Sd of log growth of power per turn; range [0, 0.5]. Source: Cusack & Stoll 1990 let capabilities grow
        stochastically.
    w_power : float, default 1.0
        Weight of aggregate power in threat; range [0, inf]. Source: Walt 1985.
    w_proximity : float, default 1.0
        Weight of proximity (0: distance ignored, 1: full loss-of-strength); range [0, 1]. Source: Walt 1985; Boulding
        1962.
    w_offense : float, default 1.0
        Weight of offensive power in threat; range [0, inf]. Source: Walt 1985.
    w_intent : float, default 1.0
        Weight of aggressive intentions in threat; range [0, inf]. Source: Walt 1985.
    reach : float, default 2.0
        Loss-of-strength distance: projected power falls by 1/e every `reach` typical neighbour distances; range
        [1e-06, inf]. Source: Boulding 1962.
    projection_floor : float, default 0.0
        Projected power g = exp(-d / reach) below this counts as none: states farther apart than reach * ln(1 /
        projection_floor) do not interact (0: every pair interacts; > 0 makes cost near-linear in n); range [0, 0.5].
        Source: Boulding 1962 (the loss-of-strength gradient reaches zero).
    intent_decay : float, default 0.1
        Share of perceived hostility forgotten per turn; range [0, 1].
    reputation_spill : float, default 0.2
        Hostility every state adds toward an attacker, per attack; range [0, 1].
    diplomacy_rate : float, default 0.2
        Probability a state reviews its alignments in a turn; range [0, 1].
    threat_floor : float, default 0.05
        No alignment move when the top threat is below this; range [0, 1].
    weak_ratio : float, default 0.5
        A state is weak when its power is below this times its top threat's; range [0, inf]. Source: Walt 1987 (weak
        states bandwagon).
    commitment_initial : float, default 0.75
        Commitment of a new alliance (probability to honour it); range [0, 1]. Source: Leeds, Long & Mitchell 2000:
        about 75% of commitments honoured.
    bandwagon_protection : float, default 0.5
        The threat's commitment to a state bandwagoning with it, as a share of commitment_initial; range [0, 1].
        Source: Walt 1987: bandwagoning trusts the threat's forbearance.
    tribute : float, default 0.01
        Share of its power a state pays each turn to the state it bandwagoned with, while allied; range [0, 0.99].
        Source: Walt 1987: bandwagoning adds to the threatening power's resources.
    commitment_gain : float, default 0.2
        Commitment gained when honouring: c += gain (1 - c); range [0, 1].
    commitment_decay : float, default 0.02
        Share of commitment lost per turn; range [0, 1].
    commitment_floor : float, default 0.2
        An alliance lapses below this commitment; range [0, 1].
    offense_support : float, default 0.5
        Allies join offensive wars with probability c * this; range [0, 1]. Source: ATOP: offensive pledges are far
        rarer than defensive ones.
    buck_pass_erosion : float, default 0.3
        Share of its own commitments a buck-passer sheds; range [0, 1]. Source: Christensen & Snyder 1990.
    detente_effect : float, default 0.5
        Share of mutual hostility removed by detente; range [0, 1].
    detente_turns : int, default 10
        Turns of non-aggression after detente; range [0, 10000].
    detente_ally_cost : float, default 0.2
        Share of allies' commitment to a state lost when it seeks detente; range [0, 1]. Source: Snyder 1984 (fear of
        abandonment).
    war_rate : float, default 0.1
        Probability a state considers war in a turn; range [0, 1].
    war_threshold : float, default 1.5
        Expected coalition ratio needed to attack; range [0, inf]. Source: threshold rule of Cederman 1997 and Bremer
        & Mihalka 1977; the value is ours.
    perception_sd : float, default 0.3
        Log-sd of misperception of the ratio; range [0, 5]. Source: Cusack & Stoll 1990 (perception accuracy).
    decisiveness : float, default 1.0
        Exponent k of the contest success function; range [0, 50]. Source: Hirshleifer 1989; k = 1 is Tullock's ratio
        form.
    war_cost : float, default 0.05
        Share of power every participant loses in a war; range [0, 0.99].
    spoils : float, default 0.5
        Share of the loser's remaining power the conqueror gains; range [0, 1].
    defeat_loss : float, default 0.1
        Further share of power a repelled attacker loses; range [0, 0.99].
    hegemon_share : float, default 0.5
        A hegemon holds at least this share of system power; range [0, 1].
    pole_share : float, default 0.1
        A pole holds at least this share of system power; range [0, 1].
    snapshot_every : int, default 25
        Turns between saved map snapshots; range [1, inf].

    Examples
    --------
    >>> params = SimParams(n_states=20, strategy_mix={"balance": 0.5, "bandwagon": 0.5})
    >>> params.replace(n_steps=50).n_steps, params.strategy_mix["balance"]
    (50, 0.5)

    References
    ----------
    Walt, S. M. (1985). Alliance formation and the balance of world power. *International Security*,
    9(4), 3-43.

    Cederman, L.-E. (1997). *Emergent Actors in World Politics*. Princeton University Press.
    """

    _what = "simulation parameter"

    # system and map
    n_states: int = param(
        50,
        "number of states at the start (ignored by historical maps); above "
        f"{MAX_DENSE_STATES:,} only with projection_floor > 0",
        2,
        1_000_000,
        source="Bremer & Mihalka 1977 and Cederman 1997 start with tens to hundreds",
    )
    n_steps: int = param(400, "turns to simulate (the run stops earlier when one state is left)", 1, 1_000_000)
    geography: str = param("planar", "map: 'grid', 'planar' or 'historical'", choices=GEOGRAPHIES)
    start_year: int = param(
        geo.SYSTEM_FIRST, "historical maps: the year of the real system", geo.SYSTEM_FIRST, geo.SYSTEM_LAST
    )
    region: str = param("europe", "historical maps: region (see geography.REGIONS)", choices=tuple(geo.REGIONS))
    max_conttype: int = param(
        4,
        "historical maps: COW contiguity types counted as borders (1-5)",
        1,
        5,
        source="Stinnett et al. 2002 (4 = up to 150 miles of water)",
    )
    power_sd: float = param(0.5, "initial power is lognormal with this log-sd (synthetic maps)", 0, 5)
    n_great_powers: int = param(0, "great powers placed at random (0: none)", 0, 1000)
    great_power_share: float = param(0.5, "share of total initial power held by the great powers, split equally", 0, 1)
    militarisation_sd: float = param(
        0.3, "log-sd of militarisation m_i (offensive share of power; synthetic maps)", 0, 5
    )
    strategy_mix: dict = param(
        None,
        "strategy name -> share of states (default all 'balance'); "
        "shares are allocated exactly (largest remainder) then shuffled",
    )
    strategy_tables: dict = param(
        None,
        "definitions of the strategies used (filled in automatically; stored so a run replays without the registry)",
    )
    # capabilities
    growth_mean: float = param(
        0.0,
        "mean log growth of power per turn (with growth_sd and n_steps, the drift must keep power finite)",
        -0.1,
        0.1,
    )
    growth_sd: float = param(
        0.02,
        "sd of log growth of power per turn",
        0,
        0.5,
        source="Cusack & Stoll 1990 let capabilities grow stochastically",
    )
    # threat (Walt)
    w_power: float = param(1.0, "weight of aggregate power in threat", 0, None, source="Walt 1985")
    w_proximity: float = param(
        1.0,
        "weight of proximity (0: distance ignored, 1: full loss-of-strength)",
        0,
        1,
        source="Walt 1985; Boulding 1962",
    )
    w_offense: float = param(1.0, "weight of offensive power in threat", 0, None, source="Walt 1985")
    w_intent: float = param(1.0, "weight of aggressive intentions in threat", 0, None, source="Walt 1985")
    reach: float = param(
        2.0,
        "loss-of-strength distance: projected power falls by 1/e every `reach` typical neighbour distances",
        1e-6,
        None,
        source="Boulding 1962",
    )
    projection_floor: float = param(
        0.0,
        "projected power g = exp(-d / reach) below this counts as none: "
        "states farther apart than reach * ln(1 / projection_floor) do not "
        "interact (0: every pair interacts; > 0 makes cost near-linear in n)",
        0,
        0.5,
        source="Boulding 1962 (the loss-of-strength gradient reaches zero)",
    )
    intent_decay: float = param(0.1, "share of perceived hostility forgotten per turn", 0, 1)
    reputation_spill: float = param(0.2, "hostility every state adds toward an attacker, per attack", 0, 1)
    # alliances
    diplomacy_rate: float = param(0.2, "probability a state reviews its alignments in a turn", 0, 1)
    threat_floor: float = param(0.05, "no alignment move when the top threat is below this", 0, 1)
    weak_ratio: float = param(
        0.5,
        "a state is weak when its power is below this times its top threat's",
        0,
        None,
        source="Walt 1987 (weak states bandwagon)",
    )
    commitment_initial: float = param(
        0.75,
        "commitment of a new alliance (probability to honour it)",
        0,
        1,
        source="Leeds, Long & Mitchell 2000: about 75% of commitments honoured",
    )
    bandwagon_protection: float = param(
        0.5,
        "the threat's commitment to a state bandwagoning with it, as a share of commitment_initial",
        0,
        1,
        source="Walt 1987: bandwagoning trusts the threat's forbearance",
    )
    tribute: float = param(
        0.01,
        "share of its power a state pays each turn to the state it bandwagoned with, while allied",
        0,
        0.99,
        source="Walt 1987: bandwagoning adds to the threatening power's resources",
    )
    commitment_gain: float = param(0.2, "commitment gained when honouring: c += gain (1 - c)", 0, 1)
    commitment_decay: float = param(0.02, "share of commitment lost per turn", 0, 1)
    commitment_floor: float = param(0.2, "an alliance lapses below this commitment", 0, 1)
    offense_support: float = param(
        0.5,
        "allies join offensive wars with probability c * this",
        0,
        1,
        source="ATOP: offensive pledges are far rarer than defensive ones",
    )
    buck_pass_erosion: float = param(
        0.3, "share of its own commitments a buck-passer sheds", 0, 1, source="Christensen & Snyder 1990"
    )
    detente_effect: float = param(0.5, "share of mutual hostility removed by detente", 0, 1)
    detente_turns: int = param(10, "turns of non-aggression after detente", 0, 10_000)
    detente_ally_cost: float = param(
        0.2,
        "share of allies' commitment to a state lost when it seeks detente",
        0,
        1,
        source="Snyder 1984 (fear of abandonment)",
    )
    # war
    war_rate: float = param(0.1, "probability a state considers war in a turn", 0, 1)
    war_threshold: float = param(
        1.5,
        "expected coalition ratio needed to attack",
        0,
        None,
        source="threshold rule of Cederman 1997 and Bremer & Mihalka 1977; the value is ours",
    )
    perception_sd: float = param(
        0.3, "log-sd of misperception of the ratio", 0, 5, source="Cusack & Stoll 1990 (perception accuracy)"
    )
    decisiveness: float = param(
        1.0,
        "exponent k of the contest success function",
        0,
        50,
        source="Hirshleifer 1989; k = 1 is Tullock's ratio form",
    )
    war_cost: float = param(0.05, "share of power every participant loses in a war", 0, 0.99)
    spoils: float = param(0.5, "share of the loser's remaining power the conqueror gains", 0, 1)
    defeat_loss: float = param(0.1, "further share of power a repelled attacker loses", 0, 0.99)
    # measurement
    hegemon_share: float = param(0.5, "a hegemon holds at least this share of system power", 0, 1)
    pole_share: float = param(0.1, "a pole holds at least this share of system power", 0, 1)
    snapshot_every: int = param(25, "turns between saved map snapshots", 1, None)

    def _check(self):
        # Checks across fields and of the strategy tables (types, ranges and choices are checked by Parameters).
        mix = self.strategy_mix if self.strategy_mix is not None else {"balance": 1.0}
        if not isinstance(mix, dict) or not mix:
            raise ParameterError(f"parameter strategy_mix={mix!r}: expected a mapping strategy name -> share")
        for name, share in mix.items():
            if isinstance(share, bool) or not isinstance(share, (int, float)) or share < 0:
                raise ParameterError(f"parameter strategy_mix[{name!r}]={share!r}: expected a share >= 0")
        if sum(mix.values()) <= 0:
            raise ParameterError("parameter strategy_mix: shares sum to 0")
        mix = {str(k): float(v) for k, v in sorted(mix.items())}
        tables = dict(self.strategy_tables or {})
        for name in mix:
            if name in tables:
                strategy_from_dict(name, tables[name]).table()
            else:
                tables[name] = get_strategy(name).to_dict()
        unused = sorted(set(tables) - set(mix))
        for name in unused:
            del tables[name]
        object.__setattr__(self, "strategy_mix", mix)
        object.__setattr__(self, "strategy_tables", tables)
        self._check_scale()
        if self.n_great_powers > self.n_states and self.geography != "historical":
            raise ParameterError(f"parameter n_great_powers={self.n_great_powers}: more than n_states={self.n_states}")

    def _check_scale(self):
        drift = abs(self.growth_mean) * self.n_steps + 5.0 * self.growth_sd * math.sqrt(self.n_steps)
        if drift * max(1.0, self.decisiveness) > MAX_LOG_DRIFT:
            raise ParameterError(
                f"parameters growth_mean={self.growth_mean}, growth_sd={self.growth_sd}, "
                f"n_steps={self.n_steps}, decisiveness={self.decisiveness}: power would leave the "
                f"floating-point range (log drift |growth_mean| n_steps + 5 growth_sd sqrt(n_steps) "
                f"= {drift:.4g}; expected at most {MAX_LOG_DRIFT:g} / max(1, decisiveness))"
            )
        if self.projection_floor == 0 and self.geography != "historical" and self.n_states > MAX_DENSE_STATES:
            raise ParameterError(
                f"parameter n_states={self.n_states} with projection_floor=0: every pair of states "
                f"would interact (memory grows as n^2); expected n_states <= {MAX_DENSE_STATES:,} "
                "or projection_floor > 0 (e.g. 0.05)"
            )

    def memory_estimate(self, n=None, keep_series=True):
        """Bytes one run needs at its peak (arrays and the tables made from them), before allocating.

        Parameters
        ----------
        n : int, optional
            States on the map (default ``n_states``; historical maps have at most a few hundred).
        keep_series : bool
            Whether the per-turn series is kept.

        Returns
        -------
        int
            Series ((n_steps + 1) x columns), map snapshots ((n_steps / snapshot_every + 2) x n),
            the war log ((4 n_steps + n) x columns), per-state vectors, the n x n matrices of every
            interacting pair when ``projection_floor`` = 0, each counted twice (array and table).

        Examples
        --------
        >>> SimParams(n_states=50, n_steps=400).memory_estimate() < 2**20
        True
        """
        n = self.n_states if n is None else n
        steps = self.n_steps
        series = (steps + 1) * len(SERIES_COLUMNS) * 8 if keep_series else 0
        snapshots = (steps // self.snapshot_every + 2) * n * 8
        war_log = max(64, 4 * steps + n) * len(WAR_COLUMNS) * 8
        vectors = 40 * n * 8
        pairs = 6 * n * n * 8 if self.projection_floor == 0 else 64 * n * 8
        return 2 * (series + snapshots + war_log) + vectors + pairs

    def to_dict(self):
        """The parameters as a plain dict (stored with every run).

        Returns
        -------
        dict
            Field name -> value.
        """
        return asdict(self)

    def to_json(self):
        """The parameters as sorted JSON.

        Returns
        -------
        str
            The JSON text.
        """
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, values):
        """Make parameters from a dict, refusing unknown names.

        Parameters
        ----------
        values : dict
            Field name -> value; missing fields take their defaults.

        Returns
        -------
        SimParams
            The checked parameters.
        """
        if not isinstance(values, dict):
            raise ParameterError(f"simulation parameters: expected a mapping, got {values!r}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ParameterError(f"unknown simulation parameter(s) {unknown}; expected some of {sorted(known)}")
        return cls(**values)

    def replace(self, **changes):
        """A copy with some parameters changed (and checked).

        Changing ``strategy_mix`` alone resets ``strategy_tables`` to the registered strategies.

        Parameters
        ----------
        **changes
            Field name -> new value.

        Returns
        -------
        SimParams
            The new parameters.
        """
        values = self.to_dict()
        if "strategy_mix" in changes and "strategy_tables" not in changes:
            values["strategy_tables"] = None
        values.update(changes)
        return SimParams.from_dict(values)


def parameter_table():
    """Every parameter of ``SimParams`` as rows for the documentation.

    Returns
    -------
    list of tuple
        ``(name, default, range, meaning, source)`` per parameter.

    Examples
    --------
    >>> parameter_table()[0][:2]
    ('n_states', 50)
    """
    rows = []
    for f in fields(SimParams):
        low, high = f.metadata["low"], f.metadata["high"]
        rng = "" if low is None and high is None else f"[{low}, {'inf' if high is None else high}]"
        rows.append((f.name, f.default, rng, f.metadata["doc"], f.metadata["source"]))
    return rows


# Order of the float parameters handed to the compiled kernel.
KERNEL_PARAMS = (
    "growth_mean",
    "growth_sd",
    "w_power",
    "w_offense",
    "w_intent",
    "intent_decay",
    "reputation_spill",
    "diplomacy_rate",
    "threat_floor",
    "weak_ratio",
    "commitment_initial",
    "commitment_gain",
    "commitment_decay",
    "commitment_floor",
    "offense_support",
    "buck_pass_erosion",
    "detente_effect",
    "detente_turns",
    "detente_ally_cost",
    "war_rate",
    "war_threshold",
    "perception_sd",
    "decisiveness",
    "war_cost",
    "spoils",
    "defeat_loss",
    "hegemon_share",
    "pole_share",
    "bandwagon_protection",
    "tribute",
)
(
    GROWTH_MEAN,
    GROWTH_SD,
    W_POWER,
    W_OFFENSE,
    W_INTENT,
    INTENT_DECAY,
    REPUTATION_SPILL,
    DIPLOMACY_RATE,
    THREAT_FLOOR,
    WEAK_RATIO,
    COMMITMENT_INITIAL,
    COMMITMENT_GAIN,
    COMMITMENT_DECAY,
    COMMITMENT_FLOOR,
    OFFENSE_SUPPORT,
    BUCK_PASS_EROSION,
    DETENTE_EFFECT,
    DETENTE_TURNS,
    DETENTE_ALLY_COST,
    WAR_RATE,
    WAR_THRESHOLD,
    PERCEPTION_SD,
    DECISIVENESS,
    WAR_COST,
    SPOILS,
    DEFEAT_LOSS,
    HEGEMON_SHARE,
    POLE_SHARE,
    BANDWAGON_PROTECTION,
    TRIBUTE,
) = range(len(KERNEL_PARAMS))

SERIES_COLUMNS = (
    "step",
    "n_alive",
    "polarity",
    "concentration",
    "max_share",
    "n_alliances",
    "mean_commitment",
    "n_wars",
    "n_conquests",
    "total_power",
)
WAR_COLUMNS = ("step", "attacker", "target", "n_attackers", "n_defenders", "attacker_won")


def kernel_params(params):
    """The float parameters handed to the compiled kernel, in ``KERNEL_PARAMS`` order.

    Parameters
    ----------
    params : SimParams
        The run's parameters.

    Returns
    -------
    numpy.ndarray
        One float per name of ``KERNEL_PARAMS``.

    Examples
    --------
    >>> kernel_params(SimParams()).shape == (len(KERNEL_PARAMS),)
    True
    """
    return np.array([float(getattr(params, name)) for name in KERNEL_PARAMS])
