"""Geopolitics: the at-risk set of war joining, the logit, the cross-tabs, and alliances over distance."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit
from typer.testing import CliRunner

from alliancelab.cli import app
from alliancelab.errors import ParameterError
from alliancelab.panels import state_years
from alliancelab.theory import geopolitics as geo
from alliancelab.theory.geopolitics import diffusion, stats

WWI_ORIGINAL = {"UKG", "BEL", "FRN", "GMY", "AUH", "YUG", "RUS", "TUR", "JPN"}  # YUG = COW 345 (Serbia)


@pytest.fixture(scope="module")
def data(warehouse_path):
    return geo.at_risk_set(warehouse=warehouse_path)


# --- the at-risk set on hand-checked cases ------------------------------------------------------------------
def test_wwi_1915_at_risk_and_joiners(data, warehouse_path):
    wwi = data.at_risk[(data.at_risk["warnum"] == 106) & (data.at_risk["year"] == 1915)]
    at_risk = set(wwi["stateabb"])
    # the 1914 belligerents are not at risk; everybody else in the system is
    assert not at_risk & WWI_ORIGINAL
    members = set(state_years(1915, 1915, warehouse=warehouse_path)["stateabb"])
    assert at_risk == members - WWI_ORIGINAL
    assert {"ITA", "BUL", "USA", "ROM", "GRC", "POR", "NTH", "SWD", "SPN"} <= at_risk
    joined = wwi[wwi["joined"] == 1].set_index("stateabb")
    assert set(joined.index) == {"ITA", "BUL"}  # Italy (May 1915) with the Entente, Bulgaria (October) with Germany
    assert joined.loc["ITA", "side_joined"] != joined.loc["BUL", "side_joined"]
    side_of = data.participants.query("warnum == 106").set_index("ccode")["side"]
    assert joined.loc["ITA", "side_joined"] == side_of[220]  # France's side
    assert joined.loc["BUL", "side_joined"] == side_of[255]  # Germany's side
    # Italy borders Austria-Hungary by land; Bulgaria borders Serbia and the Ottoman Empire
    assert joined.loc["ITA", "border_land"] == 1 and joined.loc["BUL", "border_land"] == 1
    # Bulgaria's warring ally (the Ottoman Empire, August 1914) fought on the side it joined
    assert joined.loc["BUL", f"partner_side{int(joined.loc['BUL', 'side_joined'])}"] == 1


def test_wwi_later_joiners_and_no_re_entry(data):
    wwi = data.at_risk[data.at_risk["warnum"] == 106]
    joiners = wwi[wwi["joined"] == 1].groupby("year")["stateabb"].apply(set).to_dict()
    assert joiners == {1915: {"ITA", "BUL"}, 1916: {"POR", "ROM"}, 1917: {"USA", "GRC"}}
    # a state that joined is not at risk in later years of the same war
    assert "ITA" not in set(wwi.loc[wwi["year"] == 1916, "stateabb"])
    assert (wwi.groupby("ccode")["joined"].sum() <= 1).all()


def test_side_switchers_keep_the_side_they_entered_on(data):
    # Italy entered the Second World War in 1940 with Germany and appears on the Allied side from 1943
    part = data.participants.query("warnum == 139").set_index("ccode")
    assert part.loc[325, "side"] == part.loc[255, "side"] and part.loc[325, "switched"] == 1
    italy = data.at_risk.query("warnum == 139 and stateabb == 'ITA' and joined == 1").iloc[0]
    assert italy["year"] == 1940 and italy["side_joined"] == part.loc[255, "side"]
    sides = geo.diffusion.war_sides().query("warnum == 139 and ccode == 325").set_index("year")["side"]
    assert sides[1942] == part.loc[255, "side"] and sides[1944] != part.loc[255, "side"]


def test_at_risk_set_is_consistent(data):
    a = data.at_risk
    assert not a.duplicated(["warnum", "year", "ccode"]).any()
    assert set(a["joined"].unique()) <= {0, 1}
    assert ((a["side_joined"] > 0) == (a["joined"] == 1)).all()
    # the nearest-border dummies are exclusive, and wbn agrees with them for the default border types
    borders = a[[f"border_{n}" for n in diffusion.CONTIGUITY_CLASSES.values()]].sum(axis=1)
    assert (borders <= 1).all() and (borders == a["wbn"]).all()
    assert (a["capdist_min_km"] > 0).all()
    assert a.attrs["sources"] and any("Sarkees" in s for s in a.attrs["sources"])


def test_parameters_are_checked():
    with pytest.raises(ParameterError, match="border_types"):
        geo.at_risk_set(border_types=(7,))
    with pytest.raises(ParameterError, match="partner_obligations"):
        geo.at_risk_set(partner_obligations=("marriage",))
    with pytest.raises(ParameterError, match="start"):
        geo.at_risk_set(1700, 1800)


# --- the logit ---------------------------------------------------------------------------------------------
def test_logit_reproduces_statsmodels(data):
    import statsmodels.api as sm

    fit = geo.joining_model(data)
    kept = [c for c in diffusion.DEFAULT_COVARIATES if c not in fit.dropped]
    frame = data.at_risk[["joined", *kept, "warnum"]].dropna()
    X = sm.add_constant(frame[kept].astype(float))
    reference = sm.Logit(frame["joined"].astype(float), X).fit(
        disp=0, cov_type="cluster", cov_kwds={"groups": frame["warnum"].to_numpy()}
    )
    assert fit.n == int(reference.nobs) and fit.clusters == frame["warnum"].nunique()
    np.testing.assert_allclose(fit.table["coef"].to_numpy(), reference.params.to_numpy(), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(fit.table["se"].to_numpy(), reference.bse.to_numpy(), rtol=1e-6)
    np.testing.assert_allclose(fit.llf, reference.llf, rtol=1e-9)
    margins = reference.get_margeff(at="overall")
    np.testing.assert_allclose(fit.table["ame"].iloc[1:].to_numpy(), margins.margeff, rtol=1e-6)
    np.testing.assert_allclose(fit.table["ame_se"].iloc[1:].to_numpy(), margins.margeff_se, rtol=1e-5)


def test_logit_drops_a_separating_dummy():
    frame = pd.DataFrame(
        {"y": [0, 0, 1, 0, 1, 0, 0, 1], "x": [1, 1, 0, 0, 0, 0, 0, 0], "z": [0.1, 0.5, 0.3, 0.9, 0.2, 0.4, 0.8, 0.6]}
    )
    fit = stats.fit_logit(frame, "y", ["x", "z"])
    assert fit.dropped == ["x"] and list(fit.table.index) == ["const", "z"]


def test_odds_ratio_and_wilson():
    ratio, low, high = stats.odds_ratio(10, 90, 5, 95)
    assert ratio == pytest.approx(10 * 95 / (90 * 5))
    assert low < ratio < high
    low, high = stats.wilson_interval(0, 20)
    assert low == pytest.approx(0, abs=1e-12) and high == pytest.approx(0.1611, abs=1e-4)


# --- the Siverson-Starr tables -------------------------------------------------------------------------------
def test_cross_tab_counts_add_up(data):
    table = geo.cross_tab(data)
    assert table["at_risk"].sum() == len(data.at_risk)
    assert table["joined"].sum() == data.at_risk["joined"].sum()
    baseline = table[(table["wbn"] == 0) & (table["wap"] == 0)].iloc[0]
    assert baseline["odds_ratio"] == 1.0
    # the combined treatment raises joining well above the baseline (Siverson & Starr 1990)
    both = table[(table["wbn"] == 1) & (table["wap"] == 1)].iloc[0]
    assert both["rate"] > baseline["rate"] and both["or_low"] > 1
    by_era = geo.cross_tab(data, by="era")
    assert by_era["at_risk"].sum() == len(data.at_risk)


def test_side_table_and_eras(data):
    sides = geo.side_joined(data)
    one = sides.iloc[-1]
    assert one["joiners"] == sides.loc[sides["partner_side"].isin(["side 1 only", "side 2 only"]), "joiners"].sum()
    assert 0 <= one["share_same_side"] <= 1
    eras = geo.effects_by_era(data)
    assert set(eras["era"]) == {name for _, _, name in diffusion.ERAS}
    assert eras.groupby("era")["at_risk"].first().sum() == len(data.at_risk)


def test_sensitivity_matches_the_direct_computation(warehouse_path):
    table = geo.sensitivity(variants=[("land only", {"border_types": (1,)})], warehouse=warehouse_path)
    direct = geo.cross_tab(geo.at_risk_set(border_types=(1,), warehouse=warehouse_path)).set_index("exposure")
    assert table.loc[0, "or_both"] == pytest.approx(direct.loc["border and alliance", "odds_ratio"])
    assert table.loc[0, "ame_wap"] > 0


def _synthetic_world(seed=7, states=80, wars=400, years=4, base=-6.0, alliance_effect=3.0):
    """States on a ring (each borders its two neighbours), alliances drawn at random regardless of
    geography; a war starts between two neighbours and each year a state at peace joins with probability
    expit(base + alliance_effect * [has a warring ally]), whatever its borders."""
    rng = np.random.default_rng(seed)
    border = np.zeros((states, states), dtype=bool)
    for i in range(states):
        border[i, (i + 1) % states] = border[(i + 1) % states, i] = True
    ally = rng.random((states, states)) < 0.04
    ally = np.triu(ally, 1)
    ally = ally | ally.T
    rows = []
    for war in range(wars):
        first = rng.integers(states)
        at_war = np.zeros(states, dtype=bool)
        at_war[[first, (first + 1) % states]] = True
        for year in range(1, years + 1):
            peace = np.flatnonzero(~at_war)
            wbn = border[np.ix_(peace, at_war)].any(axis=1).astype(int)
            wap = ally[np.ix_(peace, at_war)].any(axis=1).astype(int)
            joined = (rng.random(len(peace)) < expit(base + alliance_effect * wap)).astype(int)
            rows.append(
                pd.DataFrame({"warnum": war, "year": year, "ccode": peace, "wbn": wbn, "wap": wap, "joined": joined})
            )
            at_war[peace[joined == 1]] = True
    return pd.concat(rows, ignore_index=True)


def test_synthetic_world_with_diffusion_only_through_alliances():
    world = _synthetic_world()
    assert world["joined"].sum() > 50 and (world["wbn"] == 1).sum() > 500
    fit = stats.fit_logit(world, "joined", ["wbn", "wap"], cluster="warnum")
    coef, se = fit.table["coef"], fit.table["se"]
    assert abs(coef["wap"] - 3.0) < 2 * se["wap"]  # the alliance effect is recovered
    assert abs(coef["wbn"]) < 2 * se["wbn"]  # no border effect is found where there is none
    assert abs(coef["const"] + 6.0) < 2 * se["const"]
    table = geo.cross_tab(world)
    border_only = table[(table["wbn"] == 1) & (table["wap"] == 0)].iloc[0]
    alliance_only = table[(table["wbn"] == 0) & (table["wap"] == 1)].iloc[0]
    assert border_only["or_low"] < 1 < border_only["or_high"]
    assert alliance_only["or_low"] > 5


# --- the spread of one war -----------------------------------------------------------------------------------
def test_wwi_spread(data):
    spread = geo.war_spread(data, 106)
    channel = spread.nodes.set_index("stateabb")["channel"]
    assert set(channel[channel == "original"].index) == WWI_ORIGINAL
    assert channel["ITA"] == "border and alliance" and channel["USA"] == "neither"
    assert (
        (spread.edges["joiner"] == "ITA") & (spread.edges["belligerent"] == "AUH") & (spread.edges["kind"] == "border")
    ).any()
    with pytest.raises(ParameterError, match="warnum"):
        geo.war_spread(data, 9999)


# --- alliances overcoming distance ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reach_results(warehouse_path):
    return geo.reach_analysis(warehouse=warehouse_path)


def test_allies_are_closer_than_all_pairs(reach_results):
    d = reach_results.distances.set_index(["era", "group"])
    for _, _, era in diffusion.ERAS:
        assert d.loc[(era, "any alliance"), "capdist_median_km"] < d.loc[(era, "all pairs"), "capdist_median_km"]
        assert d.loc[(era, "any alliance"), "share_contiguous"] > d.loc[(era, "all pairs"), "share_contiguous"]
    # alliances reach farther after 1914 than before: the median allied distance grows
    assert (
        d.loc[("Cold War", "any alliance"), "capdist_median_km"]
        > 2 * d.loc[("pre-1914", "any alliance"), "capdist_median_km"]
    )
    yearly = reach_results.yearly.set_index("year")
    assert (
        yearly.loc[1990:2016, "share_allied_noncontiguous"].mean()
        > yearly.loc[1816:1913, "share_allied_noncontiguous"].mean()
    )


def test_reach_and_alliance_table(reach_results):
    reach = reach_results.reach.set_index(["stateabb", "year"])
    # the United States' allies span the globe after 1945 (NATO, the Rio Pact, ANZUS, Japan, Korea)
    assert reach.loc[("USA", 1960), "reach_km"] > 12000
    assert (
        reach["reach_km"].dropna() <= reach["farthest_member_km"].reindex(reach["reach_km"].dropna().index) + 1e-6
    ).all()
    alliances = reach_results.alliances.set_index("atopid")
    nato = alliances.loc[3180]  # North Atlantic Treaty, 1949
    assert nato["year"] == 1949 and nato["noncontiguous"] == 1 and nato["max_capdist_km"] > 5000
    assert reach_results.institutions.models["alliances"].min() > 600


def test_reach_parameters_are_checked():
    with pytest.raises(ParameterError, match="obligation"):
        geo.alliance_reach(1990, 2000, obligation="friendship")
    with pytest.raises(ParameterError, match="start"):
        geo.loss_of_strength(2012, 2014)


def test_noncontiguous_alliances_by_decade(reach_results):
    table = reach_results.noncontiguous
    assert table["alliances"].sum() == len(reach_results.alliances)
    assert (
        (table["share_low"] <= table["share_noncontiguous"]) & (table["share_noncontiguous"] <= table["share_high"])
    ).all()
    # a treaty with a pair not even sharing a border by water certainly lacks a land border
    assert (table["no_land_border"] >= table["noncontiguous"]).all()


def test_loss_of_strength_gradient(reach_results):
    g = reach_results.gradient.gradients
    ally = g[g["tie"] == "ally"].set_index("era")
    assert (ally["coef_per_1000km"] < 0).all()  # allies are nearer than non-allies in every era
    bands = reach_results.gradient.bands
    rates = bands[bands["tie"] == "ally"]["rate"].to_numpy()
    assert rates[0] > rates[-1]


# --- the command line and the docs page ----------------------------------------------------------------------
def test_cli_commands(warehouse_path, tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "geopolitics",
            "diffusion",
            "--start",
            "1914",
            "--end",
            "1945",
            "--out",
            str(tmp_path),
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "cross_tab.csv")
    assert table["at_risk"].sum() > 0 and (tmp_path / "war106_spread.png").exists()
    assert (tmp_path / "cross_tab.csv.sources.txt").read_text().count("ATOP") >= 1
    result = runner.invoke(
        app,
        [
            "geopolitics",
            "reach",
            "--start",
            "1990",
            "--end",
            "2000",
            "--state",
            "USA",
            "--warehouse",
            str(warehouse_path),
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["geopolitics", "diffusion", "--obligations", "marriage", "--warehouse", str(warehouse_path)]
    )
    assert result.exit_code == 2


def test_docs_examples_run(warehouse_path):
    page = Path(__file__).resolve().parents[2] / "docs" / "geopolitics.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(), flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(page), "exec"), {})
