"""The R.O.K.-U.S. alliance profile (the seed's analysis as a command)."""

import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import profile


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
    from alliancelab.files import sources_path

    assert "ATOP" in sources_path(stem.with_suffix(".csv")).read_text()


@pytest.mark.parametrize("fmt, read", [("parquet", "read_parquet"), ("feather", "read_feather"), ("dta", "read_stata")])
def test_report_tables_in_every_format_with_their_sources(rok_us, tmp_path, fmt, read):
    import pandas as pd

    from alliancelab.files import sources_path

    stem = profile.write_report(rok_us, tmp_path, fmt=fmt)
    for table, frame in (("", rok_us.years), ("_adversaries", rok_us.adversaries), ("_detente", rok_us.detente)):
        path = stem.parent / f"{stem.name}{table}.{fmt}"
        back = getattr(pd, read)(path)
        assert back.shape == frame.shape  # (Stata renames reserved words: end -> _end)
        if fmt != "dta":
            assert list(back.columns) == list(frame.columns)
        assert "ATOP" in sources_path(path).read_text()
    assert not list(tmp_path.glob("*.csv"))
    assert back["start"].tolist() == rok_us.detente["start"].tolist()
    with pytest.raises(ParameterError, match="fmt"):
        profile.write_report(rok_us, tmp_path, fmt="xlsx")


def test_bad_codes():
    with pytest.raises(ParameterError, match="not a COW state"):
        profile.profile(2, 999)
    with pytest.raises(ParameterError, match="same state"):
        profile.profile(2, "USA")
