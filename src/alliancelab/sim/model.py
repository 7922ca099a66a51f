"""The agent-based international system: parameters, initial state and the compiled turn loop.

State is held in arrays (power, militarisation, strategy, alive; n x n matrices for alliances,
commitment, perceived hostility, non-aggression timers and borders), and a whole run executes
inside one Numba-compiled function, so there is no Python object per state and no Python call per
step. Randomness comes from one ``numpy.random.Generator`` (PCG64) per run, passed into the compiled
code; the draws happen in a fixed order, so a run is a pure function of (parameters, seed).

One turn (step t = 1, 2, ...):

1. **Growth and memory.** Each living state's power is multiplied by exp(growth_mean + growth_sd z),
   z ~ N(0, 1). A state that bandwagoned pays its patron ``tribute`` of its power each turn
   while the alliance lasts (Walt 1987: bandwagoning adds to the threatening state's
   resources). Perceived hostility decays: h *= 1 - intent_decay. Non-aggression timers count
   down. Alliance commitments decay: c *= 1 - commitment_decay; an alliance whose commitment in
   either direction falls below ``commitment_floor`` lapses.
2. **Threat perception** (Walt 1985, 1987). The threat that j poses to i combines Walt's four
   sources:

       T_ij = prox_ij * (w_power * s_j + w_offense * o_ij + w_intent * h_ij) / (w_power + w_offense + w_intent)

   with aggregate power s_j = p_j / sum_k p_k; offensive power o_ij = m_j p_j / (m_j p_j + p_i)
   (m_j: militarisation); aggressive intentions h_ij in [0, 1] (set by j's attacks on i or i's
   allies, spilled to all states at ``reputation_spill`` per attack, decaying); and proximity
   prox_ij = 1 - w_proximity + w_proximity * g_ij, where g_ij = exp(-d_ij / reach) is Boulding's
   (1962) loss-of-strength gradient over capital distance d_ij. A state's *top threat* is the
   non-allied state with the largest T_ij.
3. **Alignment.** Each living state, in a random order, reviews its alignments with probability
   ``diplomacy_rate``. If its top threat is below ``threat_floor`` it does nothing; otherwise it
   draws an action from its strategy's row (weak row when p_i < weak_ratio * p_top): hold,
   balance, bandwagon, buck_pass, detente (see ``strategies``). Balancing happens only while
   i's side (own power plus allies' committed, distance-decayed power) is weaker than its
   threat's side, and picks the partner m maximising p_m * T_m,top among states allied neither to
   i nor to the threat. New alliances start with commitment ``commitment_initial`` in both
   directions, except that the threat commits only ``bandwagon_protection`` of that to a state
   bandwagoning with it. Buck-passing sheds ``buck_pass_erosion`` of the state's own
   commitments; detente removes ``detente_effect`` of the mutual hostility, starts a truce of
   ``detente_turns`` turns, and costs ``detente_ally_cost`` of the allies' commitment to i.
4. **War.** Each living state, in a random order, considers war with probability ``war_rate``.
   Among bordering states that are neither allies nor under a detente truce it picks the one with
   the highest expected coalition ratio

       R_ij = (p_i g_ij + sum_a c_ai * offense_support * p_a g_aj) / (p_j + sum_b c_bj p_b g_bj)

   (a: i's allies not allied to j; b: j's allies not allied to i), perceives it with error
   R * exp(perception_sd z), and attacks when the perceived ratio exceeds ``war_threshold``
   (Cederman's 1997 GeoSim attacks when a local superiority ratio passes a threshold).
   Allies then decide: each of i's allies joins with probability c_ai * offense_support, each of
   j's allies honours its commitment with probability c_bj (alliance reliability; Leeds, Long
   & Mitchell 2000 find about three in four commitments honoured). An ally who honours gains commitment
   (c += commitment_gain * (1 - c)); one who defects ends the alliance. The attacking coalition
   wins with probability A^k / (A^k + D^k) (Hirshleifer's 1989 ratio contest success function,
   k = ``decisiveness``) with A, D the participants' powers projected to the target (p g).
   All participants lose ``war_cost`` of their power. A victorious attacker absorbs the target
   (its territory, and ``spoils`` of its remaining power; Bremer & Mihalka 1977, Cederman 1997);
   a repelled attacker loses a further ``defeat_loss`` of its power. The target and its helpers
   now see the attacker as fully hostile (h = 1).
5. **Record.** Number of living states, polarity (states with at least ``pole_share`` of system
   power), Ray & Singer (1973) concentration over the living states, largest share, alliances,
   mean commitment, wars and conquests. A hegemon emerges when one state holds at least
   ``hegemon_share`` of system power. The run stops early when one state is left.
"""

import functools
import json
import math
from dataclasses import asdict, dataclass, field, fields

import numpy as np
from numba import njit

from alliancelab.errors import ParameterError, check_choice, check_range
from alliancelab.sim import geography as geo
from alliancelab.sim.strategies import (BALANCE, BANDWAGON, BUCK_PASS, DETENTE, get_strategy,
                                        strategy_from_dict)

MODEL_VERSION = "1"  # bump when a rule changes: stored with every run; replays check it


def _p(default, doc, low=None, high=None, source=""):
    return field(default=default, metadata={"doc": doc, "low": low, "high": high, "source": source})


@dataclass(frozen=True)
class SimParams:
    """Every parameter of a run, with its default and, where one exists, its literature source."""

    # system and map
    n_states: int = _p(50, "number of states at the start (ignored by historical maps)", 2, 5000,
                       "Bremer & Mihalka 1977 and Cederman 1997 start with tens to hundreds")
    n_steps: int = _p(400, "turns to simulate (the run stops earlier when one state is left)", 1,
                      1_000_000)
    geography: str = _p("planar", "map: 'grid', 'planar' or 'historical'")
    start_year: int = _p(1816, "historical maps: the year of the real system", 1816, 2016)
    region: str = _p("europe", "historical maps: region (see geography.REGIONS)")
    max_conttype: int = _p(4, "historical maps: COW contiguity types counted as borders (1-5)", 1,
                           5, "Stinnett et al. 2002 (4 = up to 150 miles of water)")
    power_sd: float = _p(0.5, "initial power is lognormal with this log-sd (synthetic maps)", 0,
                         5)
    n_great_powers: int = _p(0, "great powers placed at random (0: none)", 0, 1000)
    great_power_share: float = _p(0.5, "share of total initial power held by the great powers, "
                                  "split equally", 0, 1)
    militarisation_sd: float = _p(0.3, "log-sd of militarisation m_i (offensive share of "
                                  "power; synthetic maps)", 0, 5)
    strategy_mix: dict = _p(None, "strategy name -> share of states (default all 'balance'); "
                            "shares are allocated exactly (largest remainder) then shuffled")
    strategy_tables: dict = _p(None, "definitions of the strategies used (filled in "
                               "automatically; stored so a run replays without the registry)")
    # capabilities
    growth_mean: float = _p(0.0, "mean log growth of power per turn", -1, 1)
    growth_sd: float = _p(0.02, "sd of log growth of power per turn", 0, 2,
                          "Cusack & Stoll 1990 let capabilities grow stochastically")
    # threat (Walt)
    w_power: float = _p(1.0, "weight of aggregate power in threat", 0, None, "Walt 1985")
    w_proximity: float = _p(1.0, "weight of proximity (0: distance ignored, 1: full "
                            "loss-of-strength)", 0, 1, "Walt 1985; Boulding 1962")
    w_offense: float = _p(1.0, "weight of offensive power in threat", 0, None, "Walt 1985")
    w_intent: float = _p(1.0, "weight of aggressive intentions in threat", 0, None, "Walt 1985")
    reach: float = _p(2.0, "loss-of-strength distance: projected power falls by 1/e every "
                      "`reach` typical neighbour distances", 1e-6, None, "Boulding 1962")
    intent_decay: float = _p(0.1, "share of perceived hostility forgotten per turn", 0, 1)
    reputation_spill: float = _p(0.2, "hostility every state adds toward an attacker, per attack",
                                 0, 1)
    # alliances
    diplomacy_rate: float = _p(0.2, "probability a state reviews its alignments in a turn", 0, 1)
    threat_floor: float = _p(0.05, "no alignment move when the top threat is below this", 0, 1)
    weak_ratio: float = _p(0.5, "a state is weak when its power is below this times its top "
                           "threat's", 0, None, "Walt 1987 (weak states bandwagon)")
    commitment_initial: float = _p(0.75, "commitment of a new alliance (probability to honour "
                                   "it)", 0, 1,
                                   "Leeds, Long & Mitchell 2000: about 75% of commitments honoured")
    bandwagon_protection: float = _p(0.5, "the threat's commitment to a state bandwagoning "
                                     "with it, as a share of commitment_initial", 0, 1,
                                     "Walt 1987: bandwagoning trusts the threat's forbearance")
    tribute: float = _p(0.01, "share of its power a state pays each turn to the state it "
                        "bandwagoned with, while allied", 0, 1,
                        "Walt 1987: bandwagoning adds to the threatening power's resources")
    commitment_gain: float = _p(0.2, "commitment gained when honouring: c += gain (1 - c)", 0, 1)
    commitment_decay: float = _p(0.02, "share of commitment lost per turn", 0, 1)
    commitment_floor: float = _p(0.2, "an alliance lapses below this commitment", 0, 1)
    offense_support: float = _p(0.5, "allies join offensive wars with probability c * this", 0, 1,
                                "ATOP: offensive pledges are far rarer than defensive ones")
    buck_pass_erosion: float = _p(0.3, "share of its own commitments a buck-passer sheds", 0, 1,
                                  "Christensen & Snyder 1990")
    detente_effect: float = _p(0.5, "share of mutual hostility removed by detente", 0, 1)
    detente_turns: int = _p(10, "turns of non-aggression after detente", 0, 10_000)
    detente_ally_cost: float = _p(0.2, "share of allies' commitment to a state lost when it "
                                  "seeks detente", 0, 1, "Snyder 1984 (fear of abandonment)")
    # war
    war_rate: float = _p(0.1, "probability a state considers war in a turn", 0, 1)
    war_threshold: float = _p(1.5, "expected coalition ratio needed to attack", 0, None,
                              "threshold rule of Cederman 1997 and Bremer & Mihalka 1977; the "
                              "value is ours")
    perception_sd: float = _p(0.3, "log-sd of misperception of the ratio", 0, 5,
                              "Cusack & Stoll 1990 (perception accuracy)")
    decisiveness: float = _p(1.0, "exponent k of the contest success function", 0, 50,
                             "Hirshleifer 1989; k = 1 is Tullock's ratio form")
    war_cost: float = _p(0.05, "share of power every participant loses in a war", 0, 1)
    spoils: float = _p(0.5, "share of the loser's remaining power the conqueror gains", 0, 1)
    defeat_loss: float = _p(0.1, "further share of power a repelled attacker loses", 0, 1)
    # measurement
    hegemon_share: float = _p(0.5, "a hegemon holds at least this share of system power", 0, 1)
    pole_share: float = _p(0.1, "a pole holds at least this share of system power", 0, 1)
    snapshot_every: int = _p(25, "turns between saved map snapshots", 1, None)

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("strategy_mix", "strategy_tables", "geography", "region"):
                continue
            if f.type in ("int", int) and (isinstance(value, bool) or
                                           not isinstance(value, (int, np.integer))):
                if isinstance(value, float) and value.is_integer():
                    object.__setattr__(self, f.name, int(value))
                else:
                    raise ParameterError(f"parameter {f.name}={value!r}: expected an integer")
            elif f.type in ("float", float):
                if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                    raise ParameterError(f"parameter {f.name}={value!r}: expected a number")
                if not math.isfinite(float(value)):
                    raise ParameterError(f"parameter {f.name}={value!r}: expected a finite number")
                object.__setattr__(self, f.name, float(value))
            check_range(f.name, getattr(self, f.name), f.metadata["low"], f.metadata["high"])
        check_choice("geography", self.geography, ("grid", "planar", "historical"))
        check_choice("region", self.region, tuple(geo.REGIONS))
        mix = self.strategy_mix if self.strategy_mix is not None else {"balance": 1.0}
        if not isinstance(mix, dict) or not mix:
            raise ParameterError(f"parameter strategy_mix={mix!r}: expected a mapping "
                                 "strategy name -> share")
        for name, share in mix.items():
            if isinstance(share, bool) or not isinstance(share, (int, float)) or share < 0:
                raise ParameterError(f"parameter strategy_mix[{name!r}]={share!r}: expected a "
                                     "share >= 0")
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
        if self.n_great_powers > self.n_states and self.geography != "historical":
            raise ParameterError(f"parameter n_great_powers={self.n_great_powers}: more than "
                                 f"n_states={self.n_states}")

    def to_dict(self):
        return asdict(self)

    def to_json(self):
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, values):
        if not isinstance(values, dict):
            raise ParameterError(f"simulation parameters: expected a mapping, got {values!r}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ParameterError(f"unknown simulation parameter(s) {unknown}; expected some of "
                                 f"{sorted(known)}")
        return cls(**values)

    def replace(self, **changes):
        values = self.to_dict()
        if "strategy_mix" in changes and "strategy_tables" not in changes:
            values["strategy_tables"] = None
        values.update(changes)
        return SimParams.from_dict(values)


def parameter_table():
    """Rows (name, default, range, meaning, source) for the documentation."""
    rows = []
    for f in fields(SimParams):
        low, high = f.metadata["low"], f.metadata["high"]
        rng = "" if low is None and high is None else f"[{low}, {'inf' if high is None else high}]"
        rows.append((f.name, f.default, rng, f.metadata["doc"], f.metadata["source"]))
    return rows


# Order of the float parameters handed to the compiled kernel.
KERNEL_PARAMS = (
    "growth_mean", "growth_sd", "w_power", "w_offense", "w_intent", "intent_decay",
    "reputation_spill", "diplomacy_rate", "threat_floor", "weak_ratio", "commitment_initial",
    "commitment_gain", "commitment_decay", "commitment_floor", "offense_support",
    "buck_pass_erosion", "detente_effect", "detente_turns", "detente_ally_cost", "war_rate",
    "war_threshold", "perception_sd", "decisiveness", "war_cost", "spoils", "defeat_loss",
    "hegemon_share", "pole_share", "bandwagon_protection", "tribute",
)
(GROWTH_MEAN, GROWTH_SD, W_POWER, W_OFFENSE, W_INTENT, INTENT_DECAY, REPUTATION_SPILL,
 DIPLOMACY_RATE, THREAT_FLOOR, WEAK_RATIO, COMMITMENT_INITIAL, COMMITMENT_GAIN, COMMITMENT_DECAY,
 COMMITMENT_FLOOR, OFFENSE_SUPPORT, BUCK_PASS_EROSION, DETENTE_EFFECT, DETENTE_TURNS,
 DETENTE_ALLY_COST, WAR_RATE, WAR_THRESHOLD, PERCEPTION_SD, DECISIVENESS, WAR_COST, SPOILS,
 DEFEAT_LOSS, HEGEMON_SHARE, POLE_SHARE, BANDWAGON_PROTECTION, TRIBUTE) = range(len(KERNEL_PARAMS))

SERIES_COLUMNS = ("step", "n_alive", "polarity", "concentration", "max_share", "n_alliances",
                  "mean_commitment", "n_wars", "n_conquests", "total_power")
WAR_COLUMNS = ("step", "attacker", "target", "n_attackers", "n_defenders", "attacker_won")


def kernel_params(params):
    return np.array([float(getattr(params, name)) for name in KERNEL_PARAMS])


@dataclass
class InitialState:
    """Everything a run starts from; the kernel and the reference model both take it."""

    geography: geo.Geography
    power: np.ndarray
    militarisation: np.ndarray
    strategy: np.ndarray          # index into strategy_names
    strategy_names: list
    strategy_table: np.ndarray    # (n_strategies, 2, 5)
    great_power: np.ndarray       # bool
    g: np.ndarray                 # loss-of-strength exp(-d / reach)
    prox: np.ndarray              # proximity factor of threat


def _allocate(mix, n):
    """Exact counts per strategy by largest remainder (ties by name order)."""
    names = list(mix)
    shares = np.array([mix[k] for k in names]) / sum(mix.values())
    raw = shares * n
    counts = np.floor(raw).astype(int)
    remainder = raw - counts
    for k in np.argsort(-remainder, kind="stable")[: n - counts.sum()]:
        counts[k] += 1
    return names, counts


@functools.lru_cache(maxsize=32)
def _historical(year, region, max_conttype):
    """Historical map from the default warehouse, read once per process (maps are read-only)."""
    from alliancelab.data.warehouse import connect

    con = connect()
    try:
        return geo.historical_map(con, year, region, max_conttype)
    finally:
        con.close()


def initial_state(params, rng, con=None):
    """Map, capabilities, militarisation and strategies, drawn from ``rng`` in a fixed order."""
    if params.geography == "historical":
        if con is None:
            geography = _historical(params.start_year, params.region, params.max_conttype)
        else:
            geography = geo.historical_map(con, params.start_year, params.region,
                                           params.max_conttype)
    elif params.geography == "grid":
        geography = geo.grid_map(params.n_states)
    else:
        geography = geo.planar_map(params.n_states, rng)
    n = geography.n
    if geography.power is not None:
        power = geography.power * n
        militarisation = geography.militarisation.copy()
        great = np.zeros(n, dtype=bool)
        if params.n_great_powers:
            great[np.argsort(-power, kind="stable")[: params.n_great_powers]] = True
    else:
        power = np.exp(params.power_sd * rng.standard_normal(n))
        great = np.zeros(n, dtype=bool)
        k = params.n_great_powers
        if k:
            chosen = rng.choice(n, size=k, replace=False)
            great[chosen] = True
            others = power[~great]
            other_total = others.sum() if len(others) else 0.0
            share = params.great_power_share if len(others) else 1.0
            gp_each = (other_total * share / (1.0 - share) / k) if share < 1 else float(n) / k
            power[great] = gp_each
        power = power / power.sum() * n
        militarisation = np.exp(params.militarisation_sd * rng.standard_normal(n))
    names, counts = _allocate(params.strategy_mix, n)
    strategy = np.repeat(np.arange(len(names)), counts)
    strategy = strategy[rng.permutation(n)]
    table = np.stack([strategy_from_dict(k, params.strategy_tables[k]).table() for k in names])
    d = geography.distances()
    g = np.exp(-d / params.reach)
    prox = (1.0 - params.w_proximity) + params.w_proximity * g
    return InitialState(geography, power.astype(np.float64), militarisation.astype(np.float64),
                        strategy.astype(np.int64), names, table, great, g, prox)


# --------------------------------------------------------------------------------------------
# The compiled kernel
# --------------------------------------------------------------------------------------------

@njit(cache=True)
def _shuffle(gen, order, n):
    for k in range(n - 1, 0, -1):
        j = np.int64(gen.random() * (k + 1))
        tmp = order[k]
        order[k] = order[j]
        order[j] = tmp


@njit(cache=True)
def _threat(i, j, power, share, off, prox, hostile, wa, wo, wh, wsum):
    # share[j] = power[j] / total and off[j] = mil[j] * power[j], fixed during the alignment phase
    return prox[i, j] * (wa * share[j] + wo * (off[j] / (off[j] + power[i]))
                         + wh * hostile[i, j]) / wsum


@njit(cache=True)
def _stats(t, live, nlive, power, ally, commit, pole_share, out):
    total = 0.0
    for a in range(nlive):
        total += power[live[a]]
    sumsq = 0.0
    maxshare = 0.0
    argmax = -1
    poles = 0
    for a in range(nlive):
        s = power[live[a]] / total
        sumsq += s * s
        if s > maxshare:
            maxshare = s
            argmax = live[a]
        if s >= pole_share:
            poles += 1
    if nlive > 1:
        inv = 1.0 / nlive
        v = (sumsq - inv) / (1.0 - inv)
        con = math.sqrt(v) if v > 0.0 else 0.0
    else:
        con = 1.0
    n_all = 0
    csum = 0.0
    for a in range(nlive):
        i = live[a]
        for b in range(a + 1, nlive):
            j = live[b]
            if ally[i, j]:
                n_all += 1
                csum += commit[i, j] + commit[j, i]
    out[0] = t
    out[1] = nlive
    out[2] = poles
    out[3] = con
    out[4] = maxshare
    out[5] = n_all
    out[6] = csum / (2 * n_all) if n_all > 0 else 0.0
    out[9] = total
    return argmax


@njit(cache=True)
def _absorb(i, j, t, power, alive, owner, adj, ally, commit, hostile, nap, spoils, death_step,
            killer):
    n = power.shape[0]
    power[i] = power[i] + spoils * power[j]
    power[j] = 0.0
    alive[j] = False
    death_step[j] = t
    killer[j] = i
    for q in range(n):
        if owner[q] == j:
            owner[q] = i
        if adj[j, q]:
            adj[i, q] = True
            adj[q, i] = True
            adj[j, q] = False
            adj[q, j] = False
        if ally[j, q]:
            ally[j, q] = False
            ally[q, j] = False
        commit[j, q] = 0.0
        commit[q, j] = 0.0
        hostile[j, q] = 0.0
        hostile[q, j] = 0.0
        nap[j, q] = 0
        nap[q, j] = 0
    adj[i, i] = False


@njit(cache=True)
def simulate_kernel(gen, prm, n_steps, power, mil, strat, table, g, prox, adj, alive, owner,
                    ally, commit, hostile, nap, patron, series, death_step, killer, snapshots,
                    snapshot_every, war_log):
    """Run up to ``n_steps`` turns in place. Returns (steps_run, wars, snapshots_taken,
    hegemon_step, hegemon_state). Arrays are modified in place (see ``runs.run``)."""
    n = power.shape[0]
    live = np.empty(n, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    mark = np.full(n, -1, dtype=np.int64)
    share = np.zeros(n)
    off = np.zeros(n)
    nlive = 0
    for i in range(n):
        if alive[i]:
            live[nlive] = i
            nlive += 1
    wa = prm[W_POWER]
    wo = prm[W_OFFENSE]
    wh = prm[W_INTENT]
    wsum = wa + wo + wh
    if wsum <= 0.0:
        wsum = 1.0
    hkeep = 1.0 - prm[INTENT_DECAY]
    ckeep = 1.0 - prm[COMMITMENT_DECAY]
    floor = prm[COMMITMENT_FLOOR]
    cinit = prm[COMMITMENT_INITIAL]
    k_dec = prm[DECISIVENESS]
    n_detente = np.int64(prm[DETENTE_TURNS])
    n_wars_total = 0
    n_snap = 0
    hegemon_step = -1
    hegemon_state = -1
    war_cap = war_log.shape[0]

    top = _stats(0, live, nlive, power, ally, commit, prm[POLE_SHARE], series[0])
    if series[0, 4] >= prm[HEGEMON_SHARE]:
        hegemon_step = 0
        hegemon_state = top
    snapshots[0, :] = owner
    n_snap = 1
    steps_run = 0
    for t in range(1, n_steps + 1):
        # 1. growth, memory, commitment decay and lapse
        for a in range(nlive):
            i = live[a]
            z = gen.standard_normal()
            power[i] = power[i] * math.exp(prm[GROWTH_MEAN] + prm[GROWTH_SD] * z)
        for a in range(nlive):
            i = live[a]
            k = patron[i]
            if k >= 0 and ally[i, k]:
                x = prm[TRIBUTE] * power[i]
                power[i] -= x
                power[k] += x
        for a in range(nlive):
            i = live[a]
            # whole rows (entries of dead states and the diagonal are 0): vectorises
            for j in range(n):
                hostile[i, j] *= hkeep
                nap[i, j] = max(nap[i, j] - 1, 0)
            for b in range(a + 1, nlive):
                j = live[b]
                if ally[i, j]:
                    commit[i, j] *= ckeep
                    commit[j, i] *= ckeep
                    if commit[i, j] < floor or commit[j, i] < floor:
                        ally[i, j] = False
                        ally[j, i] = False
                        commit[i, j] = 0.0
                        commit[j, i] = 0.0
        total = 0.0
        for a in range(nlive):
            total += power[live[a]]
        for a in range(nlive):
            i = live[a]
            share[i] = power[i] / total
            off[i] = mil[i] * power[i]

        # 2. threat perception and alignment
        for a in range(nlive):
            order[a] = live[a]
        _shuffle(gen, order, nlive)
        for a in range(nlive):
            i = order[a]
            if gen.random() >= prm[DIPLOMACY_RATE]:
                continue
            tt = -1
            best = -1.0
            for b in range(nlive):
                j = live[b]
                if j == i or ally[i, j]:
                    continue
                th = _threat(i, j, power, share, off, prox, hostile, wa, wo, wh, wsum)
                if th > best:
                    best = th
                    tt = j
            if tt < 0 or best < prm[THREAT_FLOOR]:
                continue
            weak = 1 if power[i] < prm[WEAK_RATIO] * power[tt] else 0
            u = gen.random()
            row = table[strat[i], weak]
            action = 0
            cum = 0.0
            for k in range(5):
                cum += row[k]
                if u < cum:
                    action = k
                    break
                action = k
            if action == BALANCE:
                # balance only while i's side is weaker than its threat's, as seen from i
                own = power[i]
                other = power[tt] * g[tt, i]
                for b in range(nlive):
                    m = live[b]
                    if m == i or m == tt:
                        continue
                    if ally[m, i] and not ally[m, tt]:
                        own += commit[m, i] * power[m] * g[m, i]
                    elif ally[m, tt] and not ally[m, i]:
                        other += commit[m, tt] * prm[OFFENSE_SUPPORT] * power[m] * g[m, i]
                if own >= other:
                    continue
                partner = -1
                bestk = 0.0
                for b in range(nlive):
                    m = live[b]
                    if m == i or m == tt or ally[i, m] or ally[m, tt]:
                        continue
                    score = power[m] * _threat(m, tt, power, share, off, prox, hostile,
                                               wa, wo, wh, wsum)
                    if score > bestk:
                        bestk = score
                        partner = m
                if partner >= 0:
                    ally[i, partner] = True
                    ally[partner, i] = True
                    commit[i, partner] = cinit
                    commit[partner, i] = cinit
            elif action == BANDWAGON:
                ally[i, tt] = True
                ally[tt, i] = True
                commit[i, tt] = cinit
                commit[tt, i] = cinit * prm[BANDWAGON_PROTECTION]
                patron[i] = tt
            elif action == BUCK_PASS:
                for b in range(nlive):
                    m = live[b]
                    if ally[i, m]:
                        commit[i, m] *= 1.0 - prm[BUCK_PASS_EROSION]
            elif action == DETENTE:
                hostile[i, tt] *= 1.0 - prm[DETENTE_EFFECT]
                hostile[tt, i] *= 1.0 - prm[DETENTE_EFFECT]
                nap[i, tt] = n_detente
                nap[tt, i] = n_detente
                for b in range(nlive):
                    m = live[b]
                    if ally[m, i]:
                        commit[m, i] *= 1.0 - prm[DETENTE_ALLY_COST]

        # 3. war initiation, alliance reliability, outcomes, conquest
        wars = 0
        conquests = 0
        for a in range(nlive):
            order[a] = live[a]
        _shuffle(gen, order, nlive)
        for a in range(nlive):
            i = order[a]
            if not alive[i]:
                continue
            if gen.random() >= prm[WAR_RATE]:
                continue
            target = -1
            best = 0.0
            for b in range(nlive):
                j = live[b]
                if not alive[j] or not adj[i, j] or ally[i, j] or nap[i, j] > 0:
                    continue
                att = power[i] * g[i, j]
                dfn = power[j]
                for c in range(nlive):
                    m = live[c]
                    if not alive[m] or m == i or m == j:
                        continue
                    if ally[i, m] and not ally[j, m]:
                        att += commit[m, i] * prm[OFFENSE_SUPPORT] * power[m] * g[j, m]
                    elif ally[j, m] and not ally[i, m]:
                        dfn += commit[m, j] * power[m] * g[j, m]
                ratio = att / dfn
                if ratio > best:
                    best = ratio
                    target = j
            if target < 0:
                continue
            z = gen.standard_normal()
            if best * math.exp(prm[PERCEPTION_SD] * z) <= prm[WAR_THRESHOLD]:
                continue
            j = target
            war_id = t * n + i
            mark[i] = 2 * war_id
            n_att = 1
            n_def = 1
            for c in range(nlive):
                m = live[c]
                if not alive[m] or m == i or m == j:
                    continue
                if ally[m, i] and not ally[m, j]:
                    if gen.random() < commit[m, i] * prm[OFFENSE_SUPPORT]:
                        mark[m] = 2 * war_id
                        n_att += 1
            for c in range(nlive):
                m = live[c]
                if not alive[m] or m == i or m == j or mark[m] == 2 * war_id:
                    continue
                if ally[m, j] and not ally[m, i]:
                    if gen.random() < commit[m, j]:
                        mark[m] = 2 * war_id + 1
                        n_def += 1
                        commit[m, j] += prm[COMMITMENT_GAIN] * (1.0 - commit[m, j])
                    else:
                        ally[m, j] = False
                        ally[j, m] = False
                        commit[m, j] = 0.0
                        commit[j, m] = 0.0
            mark[j] = 2 * war_id + 1
            att = 0.0
            dfn = power[j]
            for c in range(nlive):
                m = live[c]
                if mark[m] == 2 * war_id:
                    att += power[m] * g[m, j]
                elif mark[m] == 2 * war_id + 1 and m != j:
                    dfn += power[m] * g[m, j]
            ak = att ** k_dec
            pwin = ak / (ak + dfn ** k_dec)
            won = gen.random() < pwin
            for c in range(nlive):
                m = live[c]
                if mark[m] == 2 * war_id or mark[m] == 2 * war_id + 1:
                    power[m] *= 1.0 - prm[WAR_COST]
                if alive[m] and m != i:
                    h = hostile[m, i] + prm[REPUTATION_SPILL]
                    hostile[m, i] = h if h < 1.0 else 1.0
            for c in range(nlive):
                m = live[c]
                if mark[m] == 2 * war_id + 1:
                    hostile[m, i] = 1.0
            if n_wars_total < war_cap:
                war_log[n_wars_total, 0] = t
                war_log[n_wars_total, 1] = i
                war_log[n_wars_total, 2] = j
                war_log[n_wars_total, 3] = n_att
                war_log[n_wars_total, 4] = n_def
                war_log[n_wars_total, 5] = 1 if won else 0
            n_wars_total += 1
            wars += 1
            if won:
                _absorb(i, j, t, power, alive, owner, adj, ally, commit, hostile, nap,
                        prm[SPOILS], death_step, killer)
                patron[j] = -1
                conquests += 1
            else:
                power[i] *= 1.0 - prm[DEFEAT_LOSS]

        # 4. record
        nlive = 0
        for i in range(n):
            if alive[i]:
                live[nlive] = i
                nlive += 1
        top = _stats(t, live, nlive, power, ally, commit, prm[POLE_SHARE], series[t])
        series[t, 7] = wars
        series[t, 8] = conquests
        if hegemon_step < 0 and series[t, 4] >= prm[HEGEMON_SHARE]:
            hegemon_step = t
            hegemon_state = top
        steps_run = t
        if t % snapshot_every == 0 and n_snap < snapshots.shape[0]:
            snapshots[n_snap, :] = owner
            n_snap += 1
        if nlive <= 1:
            break
    return steps_run, n_wars_total, n_snap, hegemon_step, hegemon_state
