"""The simulation engine: parameters, rules that must hold, and agreement with the reference."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.sim import runs
from alliancelab.sim.model import SimParams, parameter_table
from alliancelab.sim.strategies import Strategy, get_strategy, register_strategy

BENCH = Path(__file__).resolve().parents[2] / "bench" / "mesa_reference.py"


def _reference():
    spec = importlib.util.spec_from_file_location("bench_mesa_reference", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "mix", [{"balance": 1.0}, {"mixed": 1.0}, {"bandwagon": 0.5, "detente": 0.25, "buck_pass": 0.25}]
)
def test_compiled_kernel_equals_mesa_reference(mix):
    # The Numba kernel and the Mesa model (one agent object per state) follow the same rules and
    # the same random stream: their trajectories must be identical, not merely close.
    bench = _reference()
    params = SimParams(n_states=25, n_steps=120, strategy_mix=mix, geography="grid")
    world = bench.reference_run(params, seed=4)
    result = runs.run(params, seed=4)
    assert result.summary["wars"] > 0
    assert bench.agree(result, world)


def test_conservation_and_bookkeeping():
    result = runs.run(SimParams(n_states=40, n_steps=300, strategy_mix={"hold": 1.0}), seed=5)
    states, series = result.states, result.series
    # every death is a conquest by a state that was alive at that turn
    dead = states[~states["survived"]]
    assert len(dead) == result.summary["conquests"] == series["n_conquests"].sum()
    assert series["n_alive"].iloc[-1] == states["survived"].sum()
    assert (series["n_alive"].diff().fillna(0) == -series["n_conquests"]).all()
    for row in dead.itertuples():
        killer = states.loc[row.absorbed_by]
        assert killer.survived or killer.death_step >= row.death_step
    # provinces: the final snapshot assigns every province to a living state
    final_owner = result.snapshots[-1]
    assert set(final_owner) == set(states.index[states["survived"]])
    # shares and concentration are proper
    assert ((series["concentration"] >= 0) & (series["concentration"] <= 1)).all()
    assert ((series["max_share"] > 0) & (series["max_share"] <= 1)).all()
    # no diplomacy -> no alliances ever
    assert series["n_alliances"].max() == 0


def test_ray_singer_concentration_at_start():
    result = runs.run(SimParams(n_states=30, n_steps=1), seed=9)
    s = result.states["initial_power"].to_numpy()
    s = s / s.sum()
    n = len(s)
    expected = np.sqrt((np.sum(s**2) - 1 / n) / (1 - 1 / n))
    assert result.series["concentration"].iloc[0] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("protection", [0.2, 0.5, 1.0])
def test_bandwagoning_threat_commits_only_its_protection_share(protection):
    # One turn, no wars: every alliance is a bandwagoner's (commitment c0 to its patron) with the
    # patron committing protection * c0 back, so the mean commitment is c0 (1 + protection) / 2.
    params = SimParams(
        n_states=60,
        n_steps=1,
        strategy_mix={"bandwagon": 1.0},
        war_rate=0.0,
        diplomacy_rate=1.0,
        bandwagon_protection=protection,
    )
    row = runs.run(params, seed=1).series.iloc[1]
    assert row["n_alliances"] > 5
    assert row["mean_commitment"] == pytest.approx(0.75 * (1 + protection) / 2, rel=1e-12)


def test_bandwagoning_below_the_floor_lapses_and_tribute_feeds_the_patron():
    # A patron committing less than commitment_floor: every bandwagon alliance lapses the next
    # turn, so alliances never accumulate; with protection, they do.
    base = dict(n_states=60, n_steps=30, strategy_mix={"bandwagon": 1.0}, war_rate=0.0, growth_sd=0.0)
    weak = runs.run(SimParams(**base, bandwagon_protection=0.1), seed=2).series
    held = runs.run(SimParams(**base, bandwagon_protection=1.0), seed=2).series
    assert held["n_alliances"].iloc[-1] > 3 * weak["n_alliances"].iloc[1:].max()
    # tribute is a transfer: total power is conserved while power concentrates in the patrons
    paying = runs.run(SimParams(**base, bandwagon_protection=1.0, tribute=0.05), seed=2).series
    assert paying["total_power"].to_numpy() == pytest.approx(paying["total_power"].iloc[0], rel=1e-9)
    assert paying["max_share"].iloc[-1] > 1.5 * held["max_share"].iloc[-1]


def test_single_state_stops_and_is_hegemon():
    params = SimParams(
        n_states=4,
        n_steps=5000,
        geography="grid",
        war_rate=1.0,
        war_threshold=0.01,
        strategy_mix={"hold": 1.0},
        defeat_loss=0.0,
    )
    result = runs.run(params, seed=3)
    assert result.summary["unified"]
    assert result.steps_run < 5000
    assert result.summary["hegemon"]
    assert result.series["max_share"].iloc[-1] == 1.0


def test_great_powers_hold_their_share():
    result = runs.run(SimParams(n_states=50, n_steps=1, n_great_powers=4, great_power_share=0.5), seed=2)
    st = result.states
    share = st.loc[st["great_power"], "initial_power"].sum() / st["initial_power"].sum()
    assert share == pytest.approx(0.5)
    assert st["great_power"].sum() == 4


def test_strategy_mix_is_allocated_exactly():
    result = runs.run(SimParams(n_states=50, n_steps=1, strategy_mix={"balance": 0.7, "bandwagon": 0.3}), seed=2)
    counts = result.states["strategy"].value_counts()
    assert counts["balance"] == 35 and counts["bandwagon"] == 15


def test_user_strategy_in_a_few_lines_and_stored_with_the_run(tmp_path):
    register_strategy(
        Strategy("test_cautious", {"balance": 0.6, "hold": 0.4}, {"bandwagon": 0.7, "detente": 0.3}), replace=True
    )
    params = SimParams(n_states=20, n_steps=50, strategy_mix={"test_cautious": 1.0})
    assert params.strategy_tables["test_cautious"]["weak"] == {"bandwagon": 0.7, "detente": 0.3}
    result = runs.run(params, seed=1)
    runs.save_run(result, tmp_path / "r")
    # the table travels with the run: replay works from the stored definition
    _, identical = runs.replay(tmp_path / "r")
    assert identical


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"n_states": 1}, "n_states"),
        ({"war_rate": 1.5}, "war_rate"),
        ({"geography": "torus"}, "geography"),
        ({"strategy_mix": {"nonsense": 1.0}}, "unknown strategy"),
        ({"strategy_mix": {"balance": -1.0}}, "strategy_mix"),
        ({"n_steps": 2.5}, "n_steps"),
        ({"warrate": 0.1}, "unknown simulation parameter"),
        ({"growth_mean": 1.0}, "growth_mean"),  # power would be infinite
        ({"growth_mean": -1.0}, "growth_mean"),  # power would vanish (division by zero)
        ({"growth_mean": 0.05, "n_steps": 20_000}, "leave the floating-point range"),
        ({"growth_sd": 3.0}, "growth_sd"),
        ({"war_cost": 1.0}, "war_cost"),  # a state with no power left
        ({"defeat_loss": 1.0}, "defeat_loss"),
        ({"tribute": 1.0}, "tribute"),
        ({"reach": 0.0}, "reach"),
        ({"projection_floor": -0.1}, "projection_floor"),
        ({"n_states": 20_000}, "projection_floor > 0"),
        ({"n_states": 2_000_000, "projection_floor": 0.05}, "n_states"),
    ],
)
def test_bad_parameters_are_named(bad, message):
    with pytest.raises(ParameterError, match=message):
        SimParams.from_dict(bad)


def test_bad_strategy_tables():
    with pytest.raises(ParameterError, match="sum to"):
        Strategy("x", {"balance": 0.5}).table()
    with pytest.raises(ParameterError, match="unknown action"):
        Strategy("x", {"attack": 1.0}).table()
    with pytest.raises(ParameterError, match="already registered"):
        register_strategy(Strategy("balance", {"hold": 1.0}))
    assert get_strategy("balance").table()[0, 1] == 1.0


def test_every_parameter_is_documented():
    for name, _default, _range, doc, _source in parameter_table():
        assert doc, name


def test_balancing_keeps_more_states_than_no_diplomacy():
    # The documented headline (docs/simulation.md), as a paired comparison on common seeds:
    # defensive balancing preserves more states than the pure power maximiser (Cusack & Stoll
    # 1994; Cederman 1997), and all-bandwagoning preserves fewer than balancing.
    survivors = {}
    for mix in ("balance", "hold", "bandwagon"):
        params = SimParams(n_states=30, n_steps=600, strategy_mix={mix: 1.0})
        survivors[mix] = np.array([runs.run(params, seed=s).summary["survivors"] for s in range(24)])
    assert survivors["balance"].mean() > survivors["hold"].mean() + 1
    assert survivors["balance"].mean() > survivors["bandwagon"].mean() + 1


def test_historical_map_old_connection_first_call_warns_and_gives_the_same_map(con, warehouse_path):
    from alliancelab.sim import geography as geo

    new = geo.historical_map(1914, warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="historical_map.*warehouse="):
        old = geo.historical_map(con, 1914)
    assert old.labels == new.labels and np.array_equal(old.power, new.power)
    assert np.array_equal(old.edges, new.edges) and old.citations == new.citations
    assert 255 in set(new.ccode) and 300 in set(new.ccode)  # Germany and Austria-Hungary in 1914
