"""The agent-based international system: parameters, initial state and the compiled turn loop.

Modules: ``params`` (``SimParams``), ``state`` (map, capabilities, strategies, the pairs within
reach), ``lists`` (compiled sparse structures), ``phases`` and ``war`` (the phases below, one
compiled function each), ``kernel`` (the turn loop), ``dense`` (the n x n reference kernel).

State is held in arrays: power, militarisation, strategy, alive; the pairs of states within reach
(a k-d tree finds them; compressed sparse rows hold their loss-of-strength factor, perceived
hostility and truces); and one growable sorted list per state of its alliances (with the
commitments) and of its borders. Memory is O(n + pairs within reach + alliances + borders) and a
turn costs about as much; a whole run executes inside one Numba-compiled function that releases
the interpreter lock, so there is no Python object per state, no Python call per step, and
threads run simulations in parallel. Randomness comes from one ``numpy.random.Generator`` (PCG64)
per run, passed into the compiled code; the draws happen in a fixed order, so a run is a pure
function of (parameters, seed).

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
   non-allied state with the largest T_ij. **Reach**: with ``projection_floor`` f > 0, g_ij
   below f counts as 0 (states farther apart than reach ln(1/f) project no power onto each
   other) and such pairs do not perceive each other at all (T_ij = 0, whatever w_proximity); with
   f = 0 (default) every pair is within reach.
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

from alliancelab.sim.model.kernel import KernelOutput, simulate
from alliancelab.sim.model.params import (
    KERNEL_PARAMS,
    MAX_DENSE_STATES,
    MODEL_VERSION,
    SERIES_COLUMNS,
    WAR_COLUMNS,
    SimParams,
    kernel_params,
    parameter_table,
)
from alliancelab.sim.model.state import (
    InitialState,
    Interactions,
    dense_matrices,
    historical_geography,
    initial_state,
    interactions,
)

__all__ = [
    "KERNEL_PARAMS",
    "MAX_DENSE_STATES",
    "MODEL_VERSION",
    "SERIES_COLUMNS",
    "WAR_COLUMNS",
    "InitialState",
    "Interactions",
    "KernelOutput",
    "SimParams",
    "dense_matrices",
    "historical_geography",
    "initial_state",
    "interactions",
    "kernel_params",
    "parameter_table",
    "simulate",
]
