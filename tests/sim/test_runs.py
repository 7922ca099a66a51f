"""Seeds, saving and bit-for-bit replay."""

import duckdb
import numpy as np
import pandas as pd
import pytest

from alliancelab.errors import AllianceLabError
from alliancelab.sim import runs
from alliancelab.sim.model import SimParams


def test_same_seed_same_run_and_different_seed_different_run():
    params = SimParams(n_states=30, n_steps=150)
    a, b = runs.run(params, seed=8), runs.run(params, seed=8)
    c = runs.run(params, seed=9)
    pd.testing.assert_frame_equal(a.series, b.series, check_exact=True)
    pd.testing.assert_frame_equal(a.states, b.states, check_exact=True)
    assert not a.series.equals(c.series)


def test_spawned_seed_is_the_sweep_child():
    # run k of a sweep with root entropy E uses SeedSequence(E).spawn(k + 1)[k]
    child = np.random.SeedSequence(21).spawn(4)[3]
    assert runs.make_seed(child) == (21, (3,))
    params = SimParams(n_states=20, n_steps=40)
    pd.testing.assert_frame_equal(
        runs.run(params, child).series, runs.run(params, 21, spawn_key=(3,)).series, check_exact=True
    )


def test_save_and_replay_bit_for_bit(tmp_path):
    result = runs.run(SimParams(n_states=40, n_steps=200, strategy_mix={"mixed": 1.0}), seed=12)
    path = runs.save_run(result, tmp_path / "run")
    replayed, identical = runs.replay(path)
    assert identical
    assert replayed.summary == result.summary
    # the parameters and seed travel inside the Parquet files too; DuckDB reads them directly
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM '{path}/series.parquet'").fetchone()[0]
    assert n == result.steps_run + 1
    import pyarrow.parquet as pq

    meta = pq.read_schema(path / "series.parquet").metadata[b"alliancelab.run"]
    assert b'"seed_entropy": 12' in meta


def test_replay_detects_a_tampered_run(tmp_path):
    result = runs.run(SimParams(n_states=20, n_steps=50), seed=1)
    path = runs.save_run(result, tmp_path / "run")
    series = pd.read_parquet(path / "series.parquet")
    series.loc[10, "total_power"] += 1e-12
    series.to_parquet(path / "series.parquet", index=False)
    _, identical = runs.replay(path)
    assert not identical


def test_replay_of_a_non_run_fails_cleanly(tmp_path):
    with pytest.raises(AllianceLabError, match="run.json"):
        runs.replay(tmp_path)


def test_historical_europe_1816(con, warehouse_path):
    result = runs.run(SimParams(geography="historical", start_year=1816, n_steps=100), seed=1, warehouse=warehouse_path)
    st = result.states
    # the real system: 21 European members plus the Ottoman Empire, with their published CINC
    assert len(st) == 22
    assert {"UKG", "FRN", "RUS", "AUH", "GMY", "TUR"} <= set(st["label"])
    ukg = st.set_index("label").loc["UKG", "initial_power"] / st["initial_power"].sum()
    cinc = con.execute("SELECT cinc FROM nmc WHERE ccode = 200 AND year = 1816").fetchone()[0]
    total = con.execute("""SELECT sum(n.cinc) FROM nmc n JOIN states s ON s.ccode = n.ccode
        AND 1816 BETWEEN s.styear AND s.endyear WHERE n.year = 1816
        AND (n.ccode BETWEEN 200 AND 399 OR n.ccode = 640)""").fetchone()[0]
    assert ukg == pytest.approx(cinc / total)
    assert any("NMC" in c for c in result.citations)
