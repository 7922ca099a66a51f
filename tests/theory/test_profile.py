"""The R.O.K.-U.S. alliance profile (the seed's analysis as a command)."""

import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory import profile


@pytest.fixture(scope="module")
def rok_us(warehouse_path):
    return profile.profile(2, 732)


def test_rok_us_profile(rok_us):
    years = rok_us.years.set_index("year")
    assert years.index.min() == 1949 and years.index.max() == 2016
    assert years.loc[1960, "allied"] == 1 and years.loc[1950, "allied"] == 0
    assert (years["asymmetry"] > 0.8).all()
    assert (years["milex_share_a"].dropna() > 0.9).all()
    assert years["common_threats"].str.contains("RUS").mean() > 0.8
    assert {365, 710, 731} <= set(rok_us.adversaries["ccode"])
    usa_ussr = rok_us.detente[rok_us.detente["dyad"] == 2365]
    assert ((usa_ussr["start"] <= 1972) & (usa_ussr["end"] >= 1975)).any()
    assert years["abandonment_risk_b"].dropna().size > 40


def test_report_files(rok_us, tmp_path):
    stem = profile.write_report(rok_us, tmp_path)
    for suffix in (".md", ".csv", ".html", ".png"):
        assert stem.with_suffix(suffix).stat().st_size > 0
    assert "South Korea" in stem.with_suffix(".md").read_text()


def test_bad_codes():
    with pytest.raises(ParameterError, match="not a COW state"):
        profile.profile(2, 999)
    with pytest.raises(ParameterError, match="same state"):
        profile.profile(2, "USA")
