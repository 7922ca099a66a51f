"""Figures are written as HTML and PNG, atomically, for synthetic and historical maps."""

from alliancelab.figures import simulation as plots
from alliancelab.sim import runs
from alliancelab.sim.model import SimParams


def test_map_small_multiples_planar_and_grid(tmp_path):
    for geography in ("planar", "grid"):
        result = runs.run(
            SimParams(n_states=16, n_steps=60, snapshot_every=20, geography=geography, strategy_mix={"hold": 1.0}),
            seed=1,
        )
        html, png = plots.map_small_multiples(result, tmp_path / geography)
        assert html.stat().st_size > 1000 and png.stat().st_size > 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grid.html", "grid.png", "planar.html", "planar.png"]


def test_map_of_historical_europe(tmp_path, con):
    result = runs.run(
        SimParams(geography="historical", start_year=1914, n_steps=30, snapshot_every=10), seed=2, con=con
    )
    html, png = plots.map_small_multiples(result, tmp_path / "europe")
    assert "GMY" in html.read_text() and png.exists()
