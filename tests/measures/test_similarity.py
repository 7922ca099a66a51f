"""Alliance-portfolio similarity: published values, properties, fast path == per-dyad formulas."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import kendalltau
from sklearn.metrics import cohen_kappa_score

from alliancelab.errors import ParameterError
from alliancelab.measures import similarity as sim
from alliancelab.measures.portfolios import Portfolio, build_portfolios, load_portfolios, ordinal_level
from alliancelab.measures.regions import region_index

# Signorino & Ritter (1999), Table 6: Germany and Russia, 1914, 20 European states in the order
# GMY RUS UK FRN AUH ITA BEL SPN TUR NTH SWD RUM POR SWZ GRC DEN YUG BUL NOR ALB (THEORY.md s.3)
CAPABILITY = [0.25, 0.21, 0.20, 0.08, 0.08, 0.05, 0.03, 0.03, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0, 0, 0, 0, 0, 0]
GMY = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0]
RUS = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_published_1914_germany_russia_per_dyad():
    assert sim.signorino_ritter_s(GMY, RUS) == pytest.approx(0.40, abs=5e-3)
    assert sim.signorino_ritter_s(GMY, RUS, weights=CAPABILITY) == pytest.approx(-0.46, abs=5e-3)


def test_published_1914_germany_russia_matrix_path():
    levels = np.array([GMY, RUS], dtype=np.int8)
    unweighted = sim.crosstabs(levels)[0, :, 1, :]
    weighted = sim.crosstabs(levels, CAPABILITY)[0, :, 1, :]
    assert sim.measure_from_crosstab("s_unweighted", unweighted) == pytest.approx(0.40, abs=5e-3)
    assert sim.measure_from_crosstab("s_weighted", unweighted, weighted) == pytest.approx(-0.46, abs=5e-3)


def test_tau_b_and_kappa_agree_with_independent_implementations_on_1914():
    assert sim.kendall_tau_b(GMY, RUS) == pytest.approx(kendalltau(GMY, RUS).statistic, abs=1e-12)
    assert sim.cohen_kappa(GMY, RUS) == pytest.approx(
        cohen_kappa_score(GMY, RUS, weights="quadratic", labels=[0, 1, 2, 3]), abs=1e-12
    )
    assert sim.cohen_kappa(GMY, RUS, disagreement="linear") == pytest.approx(
        cohen_kappa_score(GMY, RUS, weights="linear", labels=[0, 1, 2, 3]), abs=1e-12
    )


def test_scott_pi_by_hand_on_a_small_example():
    # x = (3, 0), y = (3, 3): pooled levels {3, 0, 3, 3} -> m = (1/4 at 0, 3/4 at 3)
    # quadratic weights: D_obs = (0 + 1) / 2 = 0.5; D_exp = 2 * 1/4 * 3/4 * 1 = 0.375
    assert sim.scott_pi([3, 0], [3, 3]) == pytest.approx(1 - 0.5 / 0.375)
    # kappa: own marginals x (1/2, 1/2), y (0, 1): D_exp = 1/2 * 1 * 1 = 0.5 -> kappa 0
    assert sim.cohen_kappa([3, 0], [3, 3]) == pytest.approx(0.0)


def test_squared_distance_is_a_separate_option():
    absolute = sim.signorino_ritter_s(GMY, RUS, distance="absolute")
    squared = sim.signorino_ritter_s(GMY, RUS, distance="squared")
    # sum (x-y)^2 / 9 = (9+9+1+9+9+4+9) / 9 = 50/9 over 20 dimensions
    assert squared == pytest.approx(1 - 2 * (50 / 9) / 20)
    assert squared != pytest.approx(absolute)
    with pytest.raises(ParameterError, match="distance"):
        sim.signorino_ritter_s(GMY, RUS, distance="euclid")


def test_identical_portfolios_give_one():
    x = [3, 0, 2, 1, 0, 3]
    for function in (sim.signorino_ritter_s, sim.kendall_tau_b, sim.cohen_kappa, sim.scott_pi):
        assert function(x, x) == pytest.approx(1.0)
    assert sim.signorino_ritter_s(x, x, weights=[0.3, 0.1, 0, 0.2, 0.1, 0.3]) == pytest.approx(1.0)


def test_opposite_extremes_give_minus_one():
    assert sim.signorino_ritter_s([3, 3, 0, 0], [0, 0, 3, 3]) == pytest.approx(-1.0)


def test_bad_inputs_raise_parameter_errors():
    with pytest.raises(ParameterError, match="equal length"):
        sim.signorino_ritter_s([1, 2], [1, 2, 3])
    with pytest.raises(ParameterError, match="weights"):
        sim.signorino_ritter_s([1, 2], [1, 2], weights=[0.5, np.nan])
    with pytest.raises(ParameterError, match="levels"):
        sim.cohen_kappa([0, 5], [0, 1])
    with pytest.raises(ParameterError, match="measure 'sigma'"):
        sim.year_similarity(_portfolio(np.array([[3, 0], [0, 3]]), [2, 20]), measures=["sigma"])
    with pytest.raises(ParameterError, match="start"):
        sim.dyad_similarity(1700, 1800)


def _portfolio(levels, ccodes, cinc=None, year=1900):
    levels = np.asarray(levels, dtype=np.int8)
    cinc = np.full(len(ccodes), 0.01) if cinc is None else np.asarray(cinc, dtype=float)
    return Portfolio(year, np.asarray(ccodes), levels, cinc)


# ccodes spread over the five regions so that the regional variants are exercised
CODE_POOL = [
    2,
    20,
    40,
    100,
    140,
    200,
    220,
    255,
    300,
    365,
    432,
    475,
    560,
    600,
    630,
    640,
    651,
    666,
    700,
    710,
    732,
    740,
    900,
    920,
]


@st.composite
def random_year(draw):
    n = draw(st.integers(3, 10))
    codes = sorted(draw(st.lists(st.sampled_from(CODE_POOL), min_size=n, max_size=n, unique=True)))
    upper = draw(st.lists(st.integers(0, 3), min_size=n * n, max_size=n * n))
    levels = np.array(upper, dtype=np.int8).reshape(n, n)
    if draw(st.booleans()):
        levels = np.maximum(levels, levels.T)
    np.fill_diagonal(levels, 3)
    cinc = np.array(draw(st.lists(st.sampled_from([0.0, 0.001, 0.02, 0.1, 0.3]), min_size=n, max_size=n)))
    return _portfolio(levels, codes, cinc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_year())
def test_fast_matrix_path_equals_per_dyad_loop(portfolio):
    fast = sim.year_similarity(portfolio)
    regions = portfolio.regions
    for row in fast.itertuples(index=False):
        i, j = portfolio.index(row.ccode1), portfolio.index(row.ccode2)
        for name in sim.MEASURES:
            dims = np.ones(portfolio.n, dtype=bool)
            if name.endswith(sim.REGIONAL_SUFFIX):
                dims = np.isin(regions, regions[[i, j]])
            base = name.removesuffix(sim.REGIONAL_SUFFIX)
            x, y, w = portfolio.levels[i, dims], portfolio.levels[j, dims], portfolio.weights[dims]
            expected = sim.reference_measure(base, x, y, w)
            got = getattr(row, name)
            if np.isnan(expected):
                assert np.isnan(got), (name, row.ccode1, row.ccode2)
            else:
                assert got == pytest.approx(expected, abs=1e-9), (name, row.ccode1, row.ccode2)


@settings(max_examples=40, deadline=None)
@given(random_year())
def test_properties_on_random_portfolios(portfolio):
    table = sim.year_similarity(portfolio)
    for name in sim.MEASURES:
        values = table[name].dropna()
        assert ((values >= -1 - 1e-12) & (values <= 1 + 1e-12)).all(), name
    # symmetric: the matrix of S equals its transpose, and the diagonal is 1
    matrix = sim.similarity_matrix(portfolio, "s_unweighted").to_numpy()
    assert np.allclose(matrix, matrix.T)
    assert np.allclose(np.diag(matrix), 1.0)
    # tau-b from the matrix path equals scipy's Kendall tau-b on every pair
    for row in table.head(5).itertuples(index=False):
        x = portfolio.levels[portfolio.index(row.ccode1)]
        y = portfolio.levels[portfolio.index(row.ccode2)]
        reference = kendalltau(x, y).statistic
        if np.isnan(reference):
            assert np.isnan(row.tau_b)
        else:
            assert row.tau_b == pytest.approx(reference, abs=1e-9)
        with np.errstate(invalid="ignore", divide="ignore"):
            reference = cohen_kappa_score(x, y, weights="quadratic", labels=[0, 1, 2, 3])
        assert row.kappa == pytest.approx(reference, abs=1e-9, nan_ok=True)
        # pi by its pairwise definition: expected disagreement over all pairs of pooled values
        pooled = np.concatenate([x, y]).astype(float)
        expected = (((pooled[:, None] - pooled[None, :]) / 3) ** 2).mean()
        observed = (((x - y.astype(float)) / 3) ** 2).mean()
        if expected > 0:
            assert row.pi == pytest.approx(1 - observed / expected, abs=1e-9)


def test_ordinal_coding_follows_theory():
    #                      defense offense neutral nonagg consul
    assert ordinal_level(
        [1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0], [1, 1, 1, 1, 0, 0], [0, 0, 0, 0, 1, 0]
    ).tolist() == [3, 3, 2, 1, 2, 0]


def test_regions_from_code_ranges():
    assert region_index([2, 200, 255, 365, 432, 651, 640, 710, 900]).tolist() == [0, 1, 1, 1, 2, 3, 3, 4, 4]
    with pytest.raises(ParameterError, match="ccode 1"):
        region_index([1])


def _toy_tables():
    members = pd.DataFrame({"year": [1900] * 4, "ccode": [2, 200, 220, 255]})
    # 200 pledges defense to 220 only (one direction); 220 and 255 a mutual neutrality pact
    obligations = pd.DataFrame(
        {"ccode1": [200, 220, 255], "ccode2": [220, 255, 220], "year": [1900] * 3, "level": [3, 2, 2]}
    )
    cinc = pd.DataFrame({"year": [1900] * 4, "ccode": [2, 200, 220, 255], "cinc": [0.2, 0.3, np.nan, 0.1]})
    return members, obligations, cinc


def test_direction_either_takes_any_obligation_in_either_direction():
    members, obligations, cinc = _toy_tables()
    (either,) = build_portfolios(members, obligations, cinc, "either")
    (pledged,) = build_portfolios(members, obligations, cinc, "pledged")
    (received,) = build_portfolios(members, obligations, cinc, "received")
    i200, i220 = either.index(200), either.index(220)
    assert either.levels[i200, i220] == 3 and either.levels[i220, i200] == 3
    assert pledged.levels[i200, i220] == 3 and pledged.levels[i220, i200] == 0
    assert received.levels[i220, i200] == 3 and received.levels[i200, i220] == 0
    assert (np.diag(either.levels) == 3).all()


def test_missing_cinc_excludes_the_dimension_from_weighted_measures_only():
    members, obligations, cinc = _toy_tables()
    (portfolio,) = build_portfolios(members, obligations, cinc)
    assert np.isnan(portfolio.cinc[portfolio.index(220)])
    assert portfolio.weights[portfolio.index(220)] == 0.0
    table = sim.year_similarity(portfolio, ["s_weighted", "s_unweighted"]).set_index(["ccode1", "ccode2"])
    keep = np.array([c != 220 for c in portfolio.ccodes])
    x, y = portfolio.levels[portfolio.index(200)], portfolio.levels[portfolio.index(255)]
    expected = sim.signorino_ritter_s(x[keep], y[keep], weights=portfolio.cinc[keep])
    assert table.loc[(200, 255), "s_weighted"] == pytest.approx(expected)
    # the unweighted measure still uses every dimension
    assert table.loc[(200, 255), "s_unweighted"] == pytest.approx(sim.signorino_ritter_s(x, y))


# ---------------------------------------------------------------- real data (warehouse fixture)


@pytest.fixture(scope="module")
def portfolios(warehouse_path):
    return load_portfolios(1816, 2016, warehouse=warehouse_path)


def test_panel_covers_every_nondirected_member_dyad_year(con, portfolios):
    expected = con.execute(
        """WITH m AS (SELECT DISTINCT s.ccode, y.year FROM states s, range(1816, 2017) y(year)
                      WHERE y.year BETWEEN s.styear AND s.endyear),
                n AS (SELECT year, count(*) AS n FROM m GROUP BY year)
           SELECT sum(n * (n - 1) / 2)::BIGINT FROM n"""
    ).fetchone()[0]
    assert portfolios.n_dyad_years == expected
    assert len(portfolios.missing_cinc) == 0  # NMC 7.0 has CINC for every member-year
    assert len(portfolios.dropped) > 0 and set(portfolios.dropped["reason"]) <= {
        "ccode1 not a system member",
        "ccode2 not a system member",
    }


def test_real_1914_alignments(portfolios):
    table = sim.year_similarity(portfolios.year(1914), ["s_unweighted", "s_weighted", "kappa"])
    table = table.set_index(["ccode1", "ccode2"])
    # the Triple Alliance / Dual Alliance split: Germany is closer to Austria-Hungary than to
    # Russia, and France closer to Russia than to Germany, in every measure
    for name in ("s_unweighted", "s_weighted", "kappa"):
        assert table.loc[(255, 300), name] > table.loc[(255, 365), name]
        assert table.loc[(220, 365), name] > table.loc[(220, 255), name]
    assert table.loc[(255, 365), "s_weighted"] < 0


def test_similar_pairs_among_major_powers_1960(portfolios):
    pairs = sim.similar_pairs(portfolios.year(1960), [2, 200, 220, 365, 710, 999])
    assert len(pairs) == 10  # 5 members -> 10 pairs (999 is not a state)
    assert pairs["s_weighted"].is_monotonic_decreasing
    assert tuple(pairs.iloc[-1][["ccode1", "ccode2"]]) == (2, 365)  # USA-USSR least similar


def test_pair_over_time_matches_the_panel_and_skips_non_member_years(portfolios):
    pair = sim.pair_similarity(220, 255, 1930, 1995, portfolios=portfolios)
    assert 1950 not in set(pair["year"])  # Germany 255 is not a member in 1946-1989
    assert {1938, 1991} <= set(pair["year"])
    panel = sim.dyad_similarity(1938, 1938, portfolios=portfolios).set_index(["ccode1", "ccode2"])
    row = pair.set_index("year").loc[1938]
    for name in sim.MEASURES:
        assert row[name] == pytest.approx(panel.loc[(220, 255), name], nan_ok=True)


def test_add_similarity_chains_onto_a_directed_dyad_frame(portfolios):
    dyads = pd.DataFrame({"ccode1": [2, 365, 2, 2], "ccode2": [365, 2, 200, 200], "year": [1960, 1960, 1960, 1800]})
    out = sim.add_similarity(dyads, portfolios=portfolios)
    assert len(out) == 4 and list(out.columns[:3]) == ["ccode1", "ccode2", "year"]
    assert out.loc[0, "s_unweighted"] == out.loc[1, "s_unweighted"]
    assert out.loc[2, "s_unweighted"] > out.loc[0, "s_unweighted"]  # NATO allies vs rivals
    assert np.isnan(out.loc[3, "s_unweighted"])  # 1800: no state system


def test_plot_writes_html_and_png(tmp_path, portfolios, warehouse_path):
    html, png, data = sim.plot_pair_similarity(
        [(2, 365), (220, 255)],
        tmp_path / "pairs",
        start=1900,
        end=1960,
        portfolios=portfolios,
        warehouse=warehouse_path,
    )
    assert html.exists() and png.exists()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "plotly" in html.read_text()[:5000].lower()
    assert set(data["pair"]) == {"USA-RUS", "FRN-GMY"}


def test_names_and_abbreviations_work_in_python_and_the_year_decides_germany(portfolios, warehouse_path):
    codes = sim.similar_pairs(portfolios.year(1960), [2, 200, 220, 365, 710, 999])
    named = sim.similar_pairs(
        portfolios.year(1960), ["United States", "UKG", "France", "USSR", "China", 999], warehouse=warehouse_path
    )
    assert named.equals(codes)
    # "Germany" is West Germany (260) in 1970 and Germany (255) in 1913
    assert set(
        sim.similar_pairs(portfolios.year(1970), "Germany, France, USA", warehouse=warehouse_path)[
            ["ccode1", "ccode2"]
        ].stack()
    ) == {2, 220, 260}
    assert set(
        sim.similar_pairs(portfolios.year(1913), ["Germany", "France", "Russia"], warehouse=warehouse_path)[
            ["ccode1", "ccode2"]
        ].stack()
    ) == {220, 255, 365}
    with pytest.raises(ParameterError, match="ccodes.*Atlantis"):
        sim.similar_pairs(portfolios.year(1960), ["USA", "Atlantis"], warehouse=warehouse_path)

    by_code = sim.pair_similarities(
        [(2, 365), (220, 260)], start=1955, end=1989, portfolios=portfolios, warehouse=warehouse_path
    )
    by_name = sim.pair_similarities(
        [("United States", "USSR"), "France-Germany"],
        start=1955,
        end=1989,
        portfolios=portfolios,
        warehouse=warehouse_path,
    )
    assert by_name.equals(by_code) and set(by_name["pair"]) == {"USA-RUS", "FRN-GFR"}
    assert len(by_name) == 2 * 35
    before = sim.pair_similarities(
        "France-Germany", start=1900, end=1938, portfolios=portfolios, warehouse=warehouse_path
    )
    assert set(before["ccode2"]) == {255}  # the same name is Germany 255 before 1945
    with pytest.raises(ParameterError, match="pairs"):
        sim.pair_similarities(
            [("USA", "Atlantis")], start=1955, end=1989, portfolios=portfolios, warehouse=warehouse_path
        )


# --- fpsim's conventions, reproduced exactly -------------------------------------------------------------
def fpsim_srs(x1, x2, distances="absolute", weights=None):
    """fpsim::srs as documented: range observed in the two vectors; squared distances ignore weights."""
    x1, x2 = np.asarray(x1, float), np.asarray(x2, float)
    diff = max(x1.max(), x2.max()) - min(x1.min(), x2.min())
    if distances == "squared":
        return 1 - 2 * ((x1 - x2) ** 2).sum() / (len(x1) * diff**2)
    if weights is None:
        return 1 - 2 * np.abs(x1 - x2).sum() / (len(x1) * diff)
    return 1 - 2 * (np.abs(x1 - x2) * weights).sum() / (np.sum(weights) * diff)


def fpsim_spi(x1, x2, levels=(0, 1, 2, 3)):
    """fpsim::spi: nominal Scott's pi, (po - pe) / (1 - pe) with the pooled marginal."""
    table = np.zeros((len(levels), len(levels)))
    for a, b in zip(x1, x2):
        table[levels.index(a), levels.index(b)] += 1
    n = table.sum()
    po = np.trace(table) / n
    marginal = (table + table.T).sum(1) / (2 * n)
    pe = (marginal**2).sum()
    return (po - pe) / (1 - pe)


def fpsim_cohenk(x1, x2, w_exp=2, levels=(0, 1, 2, 3)):
    """fpsim::cohenk: 1 - sum(w o) / sum(w e), w = (|i - j| / range)^w_exp over the levels."""
    table = np.zeros((len(levels), len(levels)))
    for a, b in zip(x1, x2):
        table[levels.index(a), levels.index(b)] += 1
    o = table / table.sum()
    e = np.outer(o.sum(1), o.sum(0))
    values = np.asarray(levels, float)
    w = (np.abs(values[:, None] - values[None, :]) / (values.max() - values.min())) ** w_exp
    return 1 - (w * o).sum() / (w * e).sum()


def test_fpsim_convention_reproduces_fpsim_exactly_on_real_portfolios(warehouse_path):
    pledged = load_portfolios(1914, 1914, "pledged")
    portfolio = pledged.year(1914)
    table = sim.year_similarity(
        portfolio,
        ["s_unweighted", "s_weighted", "s_unweighted_squared", "s_weighted_squared", "pi", "kappa", "tau_b"],
        convention="fpsim",
    )
    levels = portfolio.levels.astype(float)
    index = {c: i for i, c in enumerate(portfolio.ccodes)}
    for row in table.sample(150, random_state=1).itertuples():
        x, y = levels[index[row.ccode1]], levels[index[row.ccode2]]
        assert row.s_unweighted == pytest.approx(fpsim_srs(x, y), abs=1e-12)
        assert row.s_weighted == pytest.approx(fpsim_srs(x, y, weights=portfolio.cinc), abs=1e-12)
        assert row.s_unweighted_squared == pytest.approx(fpsim_srs(x, y, "squared"), abs=1e-12)
        assert row.s_weighted_squared == pytest.approx(fpsim_srs(x, y, "squared"), abs=1e-12)
        assert row.pi == pytest.approx(fpsim_spi(list(x), list(y)), abs=1e-12)
        assert row.kappa == pytest.approx(fpsim_cohenk(list(x), list(y)), abs=1e-12)
        assert row.tau_b == pytest.approx(kendalltau(x, y).statistic, abs=1e-12)


def test_fpsim_convention_differs_from_the_default_where_the_docs_say(warehouse_path):
    default = sim.dyad_similarity(1914, 1914, ["pi", "s_unweighted"])
    fpsim = sim.dyad_similarity(1914, 1914, ["pi", "s_unweighted"], convention="fpsim")
    assert len(default) == len(fpsim)
    assert (default["pi"] - fpsim["pi"]).abs().max() > 0.05
    with pytest.raises(ParameterError, match="convention"):
        sim.dyad_similarity(1914, 1914, ["pi"], convention="R")


def test_add_similarity_uses_the_panels_warehouse_and_keeps_its_sources(warehouse_path, tmp_path, monkeypatch):
    from alliancelab.panels import dyad_years

    panel = dyad_years(1990, 1990, warehouse=warehouse_path).add_nmc()
    # the default warehouse points nowhere: only the panel's own warehouse can be used
    monkeypatch.setenv("ALLIANCELAB_WAREHOUSE", str(tmp_path / "absent.duckdb"))
    monkeypatch.setenv("ALLIANCELAB_DATA", str(tmp_path / "no-data"))
    out = sim.add_similarity(panel, ["s_unweighted"])
    assert not (tmp_path / "absent.duckdb").exists()
    assert all(c in out.attrs["sources"] for c in panel.attrs["sources"])
    assert any("ATOP 5.1" in c for c in out.attrs["sources"]) and any("NMC" in c for c in out.attrs["sources"])
    assert out["s_unweighted"].notna().all() and len(out) == len(panel)


def test_similarity_has_no_row_for_states_that_never_coexisted(warehouse_path):
    table = sim.dyad_similarity(1990, 1990, ["s_unweighted"])
    assert not ((table["ccode1"] == 255) & (table["ccode2"] == 260)).any()
    assert ((table["ccode1"] == 2) & (table["ccode2"] == 255)).any()


def test_docs_fpsim_example_runs(warehouse_path):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "similarity.md").read_text()
    blocks = [b.split("```")[0] for b in text.split("```python\n")[1:]]
    (block,) = [b for b in blocks if 'convention="fpsim"' in b]
    namespace = {}
    exec(block, namespace)
    assert len(namespace["fpsim_like"]) > 100


def test_the_old_connection_calls_of_the_portfolio_loaders_warn_and_give_the_same_results(con, warehouse_path):
    """warehouse= names the data source; con= (positional or keyword) still works, with a DeprecationWarning."""
    from alliancelab.measures import portfolios as pf

    new = load_portfolios(1913, 1914, warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="load_portfolios.*warehouse="):
        old = load_portfolios(1913, 1914, "either", con)
    assert [p.ccodes.tolist() for p in old] == [p.ccodes.tolist() for p in new]
    assert all(np.array_equal(o.levels, n.levels) for o, n in zip(old, new))
    for name in ("system_members", "member_cinc"):
        with pytest.warns(DeprecationWarning, match=name):
            assert getattr(pf, name)(1914, 1914, con=con).equals(
                getattr(pf, name)(1914, 1914, warehouse=warehouse_path)
            )
    with pytest.warns(DeprecationWarning, match="atop_obligations"):
        rows, dropped = pf.atop_obligations(1914, 1914, con)
    new_rows, new_dropped = pf.atop_obligations(1914, 1914, warehouse=warehouse_path)
    assert rows.equals(new_rows) and dropped.equals(new_dropped)
    with pytest.raises(ParameterError, match="not both"):
        load_portfolios(1914, 1914, con=con, warehouse=warehouse_path)


def test_the_old_connection_calls_of_the_similarity_functions_warn_and_give_the_same_results(con, warehouse_path):
    """warehouse= names the data source; con= (positional or keyword) still works, with one DeprecationWarning."""
    new = sim.dyad_similarity(1913, 1914, ["s_unweighted"], warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="dyad_similarity.*warehouse=") as caught:
        old = sim.dyad_similarity(1913, 1914, ["s_unweighted"], None, "quadratic", con)
    assert len(caught) == 1 and old.equals(new)
    new_pairs = sim.pair_similarities([(2, 365), (200, 220)], start=1950, end=1952, warehouse=warehouse_path)
    with pytest.warns(DeprecationWarning, match="pair_similarities") as caught:
        old_pairs = sim.pair_similarities([(2, 365), (200, 220)], start=1950, end=1952, con=con)
    assert len(caught) == 1 and old_pairs.equals(new_pairs)
    dyads = pd.DataFrame({"ccode1": [200, 2], "ccode2": [2, 365], "year": [1950, 1960]})
    with pytest.warns(DeprecationWarning, match="add_similarity"):
        old_added = sim.add_similarity(dyads, con=con)
    assert old_added.equals(sim.add_similarity(dyads, warehouse=warehouse_path))
    portfolio = load_portfolios(1960, 1960, warehouse=warehouse_path).year(1960)
    with pytest.warns(DeprecationWarning, match="similar_pairs"):
        old_similar = sim.similar_pairs(portfolio, [2, 200, 365], con=con)
    assert old_similar.equals(sim.similar_pairs(portfolio, [2, 200, 365], warehouse=warehouse_path))
