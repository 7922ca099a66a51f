"""Panel methods: real signatures and docstrings in help(), add_threat / add_similarity, filter_prd by hand."""

import inspect
import pydoc

import numpy as np
import pandas as pd
import pytest

from alliancelab.panels import Panel, dyad_years, state_years

STEPS = sorted(name for name in dir(Panel) if name.startswith(("add_", "filter_")))


def test_every_step_is_a_method_and_both_measures_are_steps():
    assert {"add_threat", "add_similarity", "filter_prd", "add_atop", "add_lags"} <= set(STEPS)
    assert len(STEPS) >= 28


@pytest.mark.parametrize("name", STEPS)
def test_help_shows_the_real_signature_and_docstring(name):
    method = getattr(Panel, name)
    signature = inspect.signature(method)
    assert list(signature.parameters)[0] == "self"
    assert "options" not in signature.parameters
    text = pydoc.render_doc(method, renderer=pydoc.plaintext)
    assert f"{name}(self" in text
    for parameter in list(signature.parameters)[1:]:
        assert parameter in text
    assert len(inspect.getdoc(method) or "") > 40


def test_help_of_a_step_names_its_parameters():
    text = pydoc.render_doc(Panel.add_threat, renderer=pydoc.plaintext)
    for word in ("weights", "components", "form", "Walt"):
        assert word in text
    text = pydoc.render_doc(Panel.filter_prd, renderer=pydoc.plaintext)
    assert "max_conttype" in text and "majors" in text and "politically relevant" in text


def test_add_threat_equals_the_measure_computed_directly(warehouse_path):
    from alliancelab.measures import threat

    panel = dyad_years(1913, 1914, warehouse=warehouse_path)
    chained = panel.add_contiguity().add_threat()
    assert isinstance(chained, Panel) and len(chained) == len(panel) and "conttype" in chained.columns
    direct = threat.threat_scores(1913, 1914, warehouse=warehouse_path)
    joined = chained.merge(direct, on=["ccode1", "ccode2", "year"], suffixes=("", "_direct"))
    assert len(joined) == len(chained)
    np.testing.assert_allclose(joined["threat"], joined["threat_direct"], rtol=1e-6, equal_nan=True)
    assert joined["threat"].notna().mean() > 0.9
    assert any("Correlates of War" in c or "COW" in c for c in chained.sources)
    walt = panel.add_threat(form="projected", components=True)
    direct = threat.threat_scores(1913, 1914, warehouse=warehouse_path, form="projected")
    joined = walt.merge(direct, on=["ccode1", "ccode2", "year"], suffixes=("", "_direct"))
    np.testing.assert_allclose(joined["threat"], joined["threat_direct"], rtol=1e-6, equal_nan=True)
    np.testing.assert_allclose(joined["threat_power"], joined["power"], rtol=1e-6, equal_nan=True)


def test_add_similarity_equals_the_measure_computed_directly(warehouse_path):
    from alliancelab.measures import similarity

    panel = dyad_years(1960, 1960, warehouse=warehouse_path)
    chained = panel.add_similarity()
    assert isinstance(chained, Panel) and len(chained) == len(panel)
    direct = similarity.dyad_similarity(1960, 1960, measures=["s_unweighted", "s_weighted"], warehouse=warehouse_path)
    keyed = pd.DataFrame(chained)
    low, high = keyed[["ccode1", "ccode2"]].min(axis=1), keyed[["ccode1", "ccode2"]].max(axis=1)
    keyed = keyed.assign(ccode1=low, ccode2=high).drop_duplicates(["ccode1", "ccode2", "year"])
    joined = keyed.merge(direct, on=["ccode1", "ccode2", "year"], suffixes=("", "_direct"))
    assert len(joined) == len(direct)
    for name in ("s_unweighted", "s_weighted"):
        np.testing.assert_allclose(joined[name], joined[f"{name}_direct"], equal_nan=True)
    usa_ussr = chained.query("ccode1 == 2 and ccode2 == 365")["s_unweighted"].iloc[0]
    usa_ukg = chained.query("ccode1 == 2 and ccode2 == 200")["s_unweighted"].iloc[0]
    assert usa_ukg > usa_ussr  # NATO allies closer than the Cold War rivals


def test_filter_prd_against_1816_checked_by_hand(warehouse_path):
    # 1816: 23 COW members, 253 pairs; 5 majors (UKG, FRN, Prussia/GMY, AUH, RUS) -> 253 - C(18, 2) = 100
    # pairs with a major; 13 land-contiguous pairs of minors (the German and Italian states, Iberia, Switzerland).
    panel = dyad_years(1816, 1816, directed=False, warehouse=warehouse_path)
    assert len(panel) == 253
    relevant = panel.filter_prd()
    minors = {
        ("SWZ", "BAD"),
        ("SWZ", "ITA"),
        ("SPN", "POR"),
        ("BAV", "BAD"),
        ("BAV", "SAX"),
        ("BAV", "WRT"),
        ("BAV", "HSE"),
        ("BAV", "HSG"),
        ("BAD", "WRT"),
        ("BAD", "HSG"),
        ("HSE", "HSG"),
        ("PAP", "SIC"),
        ("PAP", "TUS"),
    }
    assert len(relevant) == 100 + len(minors)
    from alliancelab.panels.lookup import Lookup

    abb = Lookup.get(warehouse_path).abbreviation
    pairs = set(zip(abb(relevant["ccode1"].to_numpy()), abb(relevant["ccode2"].to_numpy())))
    assert minors <= pairs
    assert ("USA", "UKG") in pairs  # a major involved, oceans apart
    assert ("SWD", "DEN") not in pairs  # Oresund: water contiguity (type 2), not a land border
    assert ("SWD", "DEN") in set(
        zip(
            *[
                abb(relevant_c)
                for relevant_c in (
                    panel.filter_prd(max_conttype=2)["ccode1"].to_numpy(),
                    panel.filter_prd(max_conttype=2)["ccode2"].to_numpy(),
                )
            ]
        )
    )


def test_a_gw_panel_goes_through_the_cow_codes(warehouse_path):
    panel = state_years(1950, 1950, system="gw", warehouse=warehouse_path).add_nmc(columns=["cinc"])
    assert "cinc" in panel.columns and panel["cinc"].notna().sum() > 50
