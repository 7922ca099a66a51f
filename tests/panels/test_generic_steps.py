"""Generic steps: lags/leads within unit, spells of any event, politically relevant dyads, citations."""

import numpy as np
import pandas as pd
import pytest

from alliancelab.data.bibtex import BIBTEX, SOURCE_KEYS
from alliancelab.data.sources import SOURCES
from alliancelab.errors import ParameterError
from alliancelab.panels import dyad_years, state_years
from alliancelab.panels.generic import cite, source_names
from alliancelab.panels.leaders import leader_years


def test_lags_and_leads_stay_within_unit_and_respect_gaps(warehouse_path):
    p = state_years(1940, 1995).add_nmc(columns=("cinc",)).add_lags("cinc", periods=[1, -1])
    germany = p[p.ccode == 255].set_index("year")
    assert germany.loc[1941, "cinc_lag1"] == germany.loc[1940, "cinc"]
    assert germany.loc[1944, "cinc_lead1"] == germany.loc[1945, "cinc"]
    assert np.isnan(germany.loc[1945, "cinc_lead1"]) and np.isnan(germany.loc[1990, "cinc_lag1"])  # 1946-89 gap
    assert np.isnan(germany.loc[1940, "cinc_lag1"])  # before the panel starts
    # an independent computation: pandas groupby-shift on consecutive years
    frame = pd.DataFrame(p).sort_values(["ccode", "year"])
    shifted = frame.groupby("ccode")["cinc"].shift(1)
    consecutive = frame.groupby("ccode")["year"].diff() == 1
    expected = shifted.where(consecutive)
    assert np.allclose(frame["cinc_lag1"], expected, equal_nan=True)


def test_lags_on_dyads_keep_integer_columns_nullable(warehouse_path):
    d = dyad_years(1999, 2001).add_contiguity().add_lags("conttype", periods=2)
    assert str(d["conttype_lag2"].dtype) == "Int64"
    assert d.loc[d.year < 2001, "conttype_lag2"].isna().all()
    usa_can = d[(d.ccode1 == 2) & (d.ccode2 == 20) & (d.year == 2001)]
    assert usa_can["conttype_lag2"].iloc[0] == 1
    with pytest.raises(ParameterError, match="periods"):
        d.add_lags("conttype", periods=0)
    with pytest.raises(ParameterError, match="not in the panel"):
        d.add_lags("cinc")


def test_spells_reproduce_peace_years(warehouse_path):
    d = dyad_years(1816, 2016, directed=False).add_gml().add_peace_years().add_spells("mid_onset")
    same = d["mid_onset_years_since"] == d["gml_peace_years"]
    assert same.fillna(False).sum() == d["gml_peace_years"].notna().sum()
    assert d.loc[d.year > 2010, "mid_onset_years_since"].isna().all()  # GML ends 2010: missing, not a count
    first = d[(d.ccode1 == 2) & (d.ccode2 == 200)].set_index("year")
    assert first.loc[1816, "mid_onset_spell"] == 1 and first.loc[1816, "mid_onset_years_since"] == 0


def test_spells_on_a_state_panel_and_leaders(warehouse_path):
    p = state_years(1816, 2016).add_majors().add_spells("major", name="major")
    usa = p[p.ccode == 2].set_index("year")
    assert usa.loc[1898, "major_years_since"] == 0 and usa.loc[1897, "major_years_since"] == 81  # 1816..1897
    assert usa.loc[1897, "major_spell"] == 1 and usa.loc[1899, "major_spell"] == 3
    ly = leader_years(1940, 1950).add_lags("gwcode")
    assert ly.loc[ly.year == 1940, "gwcode_lag1"].isna().all()


def test_filter_prd(warehouse_path):
    d = dyad_years(2000, 2000).filter_prd()
    assert ((d["conttype"] == 1) | (d["major1"] == 1) | (d["major2"] == 1)).all()
    everything = dyad_years(2000, 2000).add_contiguity().add_majors()
    relevant = (everything["conttype"] == 1) | (everything["major1"] == 1) | (everything["major2"] == 1)
    assert len(d) == relevant.sum() < len(everything)
    assert ((d.ccode1 == 2) & (d.ccode2 == 41)).any()  # USA-Haiti: a major power is involved
    assert not ((d.ccode1 == 41) & (d.ccode2 == 20)).any()  # Haiti-Canada: neither
    wider = dyad_years(2000, 2000).filter_prd(max_conttype=5, majors="maoz")
    assert ((wider["conttype"].between(1, 5)) | (wider["maoz_global1"] == 1) | (wider["maoz_global2"] == 1)).all()
    with pytest.raises(ParameterError):
        state_years(2000, 2000).filter_prd()


def test_every_source_has_bibtex_and_cite_covers_the_panel(warehouse_path):
    assert {s.name for s in SOURCES} <= set(SOURCE_KEYS)
    assert all(key in BIBTEX for keys in SOURCE_KEYS.values() for key in keys)
    panel = dyad_years(2000, 2000).add_democracy().add_igos().add_tss_rivalries()
    assert source_names(panel) == ["states", "democracy", "igo_dyads", "tss_rivalries"]
    text = cite(panel)
    for key in ("cow2017states", "coppedge2020vdem", "pevehouse2020igo", "thompson2021strategic"):
        assert f"{{{key}," in text
    assert text.count("@") == 8  # each entry once (V-Dem, Polity, UDS x2, IGO x2, TSS, COW)


def test_repeated_unit_years_are_refused(warehouse_path):
    p = state_years(2000, 2001)
    doubled = p.iloc[[0, 0, 1]]
    doubled.attrs = dict(p.attrs)
    with pytest.raises(ParameterError, match="several rows for one unit and year"):
        doubled.add_lags("year")
    with pytest.raises(ParameterError, match="several rows"):
        doubled.assign(event=1).add_spells("event")
