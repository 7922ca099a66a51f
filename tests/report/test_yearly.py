"""The yearly report on real years."""

import pandas as pd

from alliancelab.files import write_table
from alliancelab.report import yearly


def test_1914_report_shows_the_two_blocs(warehouse_path):
    report = yearly.yearly_report(1914)
    alliances = report.alliances.set_index("atopid")
    assert alliances.loc[1350, "members"] == "GMY AUH ITA"  # Triple Alliance, 1882
    assert "defense" in alliances.loc[1385, "obligations"] and alliances.loc[1385, "members"] == "FRN RUS"
    assert set(report.new_alliances["atopid"]) >= {2005, 2015}  # Ottoman-German alliance, London pact
    assert (report.new_alliances["begyr"] == 1914).all()
    assert int(report.structure["majors"]) == 8 and int(report.structure["states"]) == 45
    assert report.members.iloc[0]["stateabb"] == "USA"
    france = report.threats[report.threats["ccode1"] == 220]
    assert france.iloc[0]["ccode2"] == 255
    text = yearly.to_markdown(report)
    assert "# The alliance system in 1914" in text and "NMC 7.0" in text and "ATOP 4.01" in text


def test_1950_report_similarity_among_majors(warehouse_path):
    report = yearly.yearly_report(1950)
    pairs = report.similar_pairs
    assert len(pairs) == 10  # five majors
    assert pairs["s_unweighted"].between(-1, 1).all()
    usa_ussr = pairs[(pairs["ccode1"] == 2) & (pairs["ccode2"] == 365)]["s_unweighted"].iloc[0]
    uk_france = pairs[(pairs["ccode1"] == 200) & (pairs["ccode2"] == 220)]["s_unweighted"].iloc[0]
    assert uk_france > usa_ussr


def test_tables_are_written_atomically_with_sources(tmp_path):
    frame = pd.DataFrame({"a": [1, 2]})
    path = write_table(frame, tmp_path / "t.parquet", ["NMC 7.0: Singer et al."])
    assert pd.read_parquet(path)["a"].tolist() == [1, 2]
    assert "NMC 7.0" in (tmp_path / "t.parquet.sources.txt").read_text()
    assert not list(tmp_path.glob(".*.part"))
