"""The simulation's turn rules written as a Mesa model: the reference for bench/simulation.py.

``StateAgent`` (a ``mesa.Agent``) holds its own power, alliances, hostility and truces in
dictionaries; ``WorldModel`` (a ``mesa.Model``) walks the agents in ``step()``. The random draws
come from the model's ``rng`` (Mesa 3's NumPy generator), handed the run's own PCG64 generator,
and happen in the same order as in the compiled kernels, so the check is strict: the Mesa model
and the kernels produce the *identical* trajectory (every series value, death turn and final
power, bit for bit). Distances enter through the n x n loss-of-strength and proximity matrices
(``dense_matrices``: zero beyond reach when ``projection_floor`` > 0), as in the dense kernel.

Mesa is a bench-only dependency (``pip install -e '.[bench]'``). Without it, the same classes
derive from two minimal stand-ins so that the test suite still checks the rules against this
reference; ``USING_MESA`` says which.
"""

import math

import numpy as np

from alliancelab.sim import model, runs
from alliancelab.sim.model import dense_matrices

try:
    from mesa import Agent, Model

    USING_MESA = True
except ImportError:  # the test suite runs without the bench extra
    USING_MESA = False

    class Model:
        def __init__(self, rng=None):
            self.rng = rng

    class Agent:
        def __init__(self, model_):
            self.model = model_


class StateAgent(Agent):
    """One state: its attributes and its relations live on the agent."""

    def __init__(self, model_, uid, power, militarisation, strategy, neighbours):
        super().__init__(model_)
        self.uid = uid  # the state's index (Mesa numbers agents itself, from 1)
        self.power = power
        self.mil = militarisation
        self.strategy = strategy
        self.alive = True
        self.neighbours = set(neighbours)
        self.commitment = {}  # ally uid -> my commitment to defend it
        self.hostility = {}  # other uid -> how hostile I perceive it, in [0, 1]
        self.truce = {}  # other uid -> turns of non-aggression left
        self.death_step = -1
        self.patron = -1  # the state it bandwagoned with (pays it tribute while allied)
        self.killer = -1

    def allied(self, other):
        return other in self.commitment

    def threat_from(self, j, total):
        m = self.model
        other = m.states[j]
        off = other.mil * other.power
        return (
            m.prox[self.uid][j]
            * (m.wa * (other.power / total) + m.wo * (off / (off + self.power)) + m.wh * self.hostility.get(j, 0.0))
            / m.wsum
        )


class WorldModel(Model):
    """The international system: ``step()`` advances one turn."""

    def __init__(self, params, init, rng):
        super().__init__(rng=rng)
        if self.rng is not rng:  # Mesa must draw from the run's own stream
            raise RuntimeError("mesa.Model did not adopt the run's Generator")
        self.p = params
        g, prox = dense_matrices(init, params)
        self.g = g.tolist()
        self.prox = prox.tolist()
        self.table = init.strategy_table.tolist()
        n = init.geography.n
        neighbours = init.geography.neighbours
        # indexed by state (the Mesa AgentSet ``self.agents`` holds the same agents)
        self.states = [
            StateAgent(
                self,
                i,
                float(init.power[i]),
                float(init.militarisation[i]),
                int(init.strategy[i]),
                np.flatnonzero(neighbours[i]).tolist(),
            )
            for i in range(n)
        ]
        self.wa, self.wo, self.wh = params.w_power, params.w_offense, params.w_intent
        self.wsum = self.wa + self.wo + self.wh or 1.0
        self.t = 0
        self.series = [self.stats()]

    def live(self):
        return [a.uid for a in self.states if a.alive]

    def shuffled(self, ids):
        order = list(ids)
        for k in range(len(order) - 1, 0, -1):
            j = int(self.rng.random() * (k + 1))
            order[k], order[j] = order[j], order[k]
        return order

    def ally(self, i, j, c_ij, c_ji):
        self.states[i].commitment[j] = c_ij
        self.states[j].commitment[i] = c_ji

    def unally(self, i, j):
        self.states[i].commitment.pop(j, None)
        self.states[j].commitment.pop(i, None)

    def stats(self):
        live = self.live()
        total = 0.0
        for i in live:
            total += self.states[i].power
        sumsq, maxshare, poles = 0.0, 0.0, 0
        for i in live:
            s = self.states[i].power / total
            sumsq += s * s
            maxshare = s if s > maxshare else maxshare
            poles += s >= self.p.pole_share
        n = len(live)
        if n > 1:
            v = (sumsq - 1.0 / n) / (1.0 - 1.0 / n)
            con = math.sqrt(v) if v > 0 else 0.0
        else:
            con = 1.0
        n_all, csum = 0, 0.0
        for a, i in enumerate(live):
            for j in live[a + 1 :]:
                if self.states[i].allied(j):
                    n_all += 1
                    csum += self.states[i].commitment[j] + self.states[j].commitment[i]
        return [self.t, n, poles, con, maxshare, n_all, csum / (2 * n_all) if n_all else 0.0, 0, 0, total]

    def step(self):
        p, rng, A = self.p, self.rng, self.states
        self.t += 1
        live = self.live()
        for i in live:
            z = rng.standard_normal()
            A[i].power = A[i].power * math.exp(p.growth_mean + p.growth_sd * z)
        for i in live:
            k = A[i].patron
            if k >= 0 and A[i].allied(k):
                x = p.tribute * A[i].power
                A[i].power -= x
                A[k].power += x
        for i in live:
            for j in live:
                if j == i:
                    continue
                if j in A[i].hostility:
                    A[i].hostility[j] *= 1.0 - p.intent_decay
                if A[i].truce.get(j, 0) > 0:
                    A[i].truce[j] -= 1
                if j > i and A[i].allied(j):
                    A[i].commitment[j] *= 1.0 - p.commitment_decay
                    A[j].commitment[i] *= 1.0 - p.commitment_decay
                    if A[i].commitment[j] < p.commitment_floor or A[j].commitment[i] < p.commitment_floor:
                        self.unally(i, j)
        total = 0.0
        for i in live:
            total += A[i].power
        for i in self.shuffled(live):
            self.diplomacy(A[i], live, total)
        wars = conquests = 0
        for i in self.shuffled(live):
            outcome = self.war(A[i], live)
            if outcome is not None:
                wars += 1
                conquests += outcome
        row = self.stats()
        row[7], row[8] = wars, conquests
        self.series.append(row)

    def diplomacy(self, agent, live, total):
        p, A, i = self.p, self.states, agent.uid
        if self.rng.random() >= p.diplomacy_rate:
            return
        tt, best = -1, -1.0
        for j in live:
            if j == i or agent.allied(j):
                continue
            th = agent.threat_from(j, total)
            if th > best:
                best, tt = th, j
        if tt < 0 or best < p.threat_floor:
            return
        weak = 1 if agent.power < p.weak_ratio * A[tt].power else 0
        u = self.rng.random()
        row = self.table[agent.strategy][weak]
        cum, action = 0.0, 0
        for k in range(5):
            cum += row[k]
            action = k
            if u < cum:
                break
        if action == 1:  # balance
            own = agent.power
            other = A[tt].power * self.g[tt][i]
            for m in live:
                if m in (i, tt):
                    continue
                if A[m].allied(i) and not A[m].allied(tt):
                    own += A[m].commitment[i] * A[m].power * self.g[m][i]
                elif A[m].allied(tt) and not A[m].allied(i):
                    other += A[m].commitment[tt] * p.offense_support * A[m].power * self.g[m][i]
            if own >= other:
                return
            partner, bestk = -1, 0.0
            for m in live:
                if m in (i, tt) or agent.allied(m) or A[m].allied(tt):
                    continue
                score = A[m].power * A[m].threat_from(tt, total)
                if score > bestk:
                    bestk, partner = score, m
            if partner >= 0:
                self.ally(i, partner, p.commitment_initial, p.commitment_initial)
        elif action == 2:  # bandwagon
            self.ally(i, tt, p.commitment_initial, p.commitment_initial * p.bandwagon_protection)
            agent.patron = tt
        elif action == 3:  # buck-pass
            for m in live:
                if agent.allied(m):
                    agent.commitment[m] *= 1.0 - p.buck_pass_erosion
        elif action == 4:  # detente
            agent.hostility[tt] = agent.hostility.get(tt, 0.0) * (1.0 - p.detente_effect)
            A[tt].hostility[i] = A[tt].hostility.get(i, 0.0) * (1.0 - p.detente_effect)
            agent.truce[tt] = A[tt].truce[i] = int(p.detente_turns)
            for m in live:
                if A[m].allied(i):
                    A[m].commitment[i] *= 1.0 - p.detente_ally_cost

    def war(self, agent, live):
        p, A, g, i = self.p, self.states, self.g, agent.uid
        if not agent.alive or self.rng.random() >= p.war_rate:
            return None
        target, best = -1, 0.0
        for j in live:
            if not A[j].alive or j not in agent.neighbours or agent.allied(j) or agent.truce.get(j, 0) > 0:
                continue
            att, dfn = agent.power * g[i][j], A[j].power
            for m in live:
                if not A[m].alive or m in (i, j):
                    continue
                if A[m].allied(i) and not A[m].allied(j):
                    att += A[m].commitment[i] * p.offense_support * A[m].power * g[j][m]
                elif A[m].allied(j) and not A[m].allied(i):
                    dfn += A[m].commitment[j] * A[m].power * g[j][m]
            if att / dfn > best:
                best, target = att / dfn, j
        if target < 0:
            return None
        z = self.rng.standard_normal()
        if best * math.exp(p.perception_sd * z) <= p.war_threshold:
            return None
        j = target
        attackers, defenders = {i}, {j}
        for m in live:
            if not A[m].alive or m in (i, j):
                continue
            if A[m].allied(i) and not A[m].allied(j) and self.rng.random() < A[m].commitment[i] * p.offense_support:
                attackers.add(m)
        for m in live:
            if not A[m].alive or m in (i, j) or m in attackers:
                continue
            if A[m].allied(j) and not A[m].allied(i):
                if self.rng.random() < A[m].commitment[j]:
                    defenders.add(m)
                    A[m].commitment[j] += p.commitment_gain * (1.0 - A[m].commitment[j])
                else:
                    self.unally(m, j)
        att, dfn = 0.0, A[j].power
        for m in live:
            if m in attackers:
                att += A[m].power * g[m][j]
            elif m in defenders and m != j:
                dfn += A[m].power * g[m][j]
        ak = att**p.decisiveness
        won = self.rng.random() < ak / (ak + dfn**p.decisiveness)
        for m in live:
            if m in attackers or m in defenders:
                A[m].power *= 1.0 - p.war_cost
            if A[m].alive and m != i:
                h = A[m].hostility.get(i, 0.0) + p.reputation_spill
                A[m].hostility[i] = h if h < 1.0 else 1.0
        for m in live:
            if m in defenders:
                A[m].hostility[i] = 1.0
        if won:
            self.absorb(agent, A[j])
            return 1
        agent.power *= 1.0 - p.defeat_loss
        return 0

    def absorb(self, winner, loser):
        i, j = winner.uid, loser.uid
        winner.power = winner.power + self.p.spoils * loser.power
        loser.power, loser.alive = 0.0, False
        loser.patron = -1
        loser.death_step, loser.killer = self.t, i
        for q in list(loser.neighbours):
            self.states[q].neighbours.discard(j)
            self.states[q].neighbours.add(i)
            winner.neighbours.add(q)
        loser.neighbours.clear()
        winner.neighbours.discard(i)
        for q in list(loser.commitment):
            self.unally(j, q)
        loser.hostility.clear()
        loser.truce.clear()
        for other in self.states:
            other.hostility.pop(j, None)
            other.truce.pop(j, None)

    def run(self, n_steps):
        for _ in range(n_steps):
            self.step()
            if len(self.live()) <= 1:
                break


def reference_run(params, seed):
    """A whole run of the Mesa model from the run's seed (as ``runs.run`` does it)."""
    entropy, key = runs.make_seed(seed)
    rng = runs.generator(entropy, key)
    init = model.initial_state(params, rng)
    world = WorldModel(params, init, rng)
    world.run(params.n_steps)
    return world


def agree(result, world):
    """True when the compiled run and the reference produced the same trajectory exactly."""
    ref = np.array(world.series, dtype=float)
    ours = result.series.to_numpy(dtype=float)
    if ref.shape != ours.shape or ref.tobytes() != ours.tobytes():
        return False
    death = np.array([a.death_step for a in world.states])
    power = np.array([a.power for a in world.states])
    ours_death = result.states["death_step"].fillna(-1).to_numpy(dtype=np.int64)
    return bool((death == ours_death).all() and power.tobytes() == result.states["final_power"].to_numpy().tobytes())


def state_steps(result):
    return int(result.series["n_alive"].iloc[1:].sum())
