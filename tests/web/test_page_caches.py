"""The dashboard's reused data are slices of whole-span results: the slices equal a direct computation."""

import pandas as pd

from alliancelab.panels.lookup import Lookup


def test_snyder_indicators_of_a_span_are_the_whole_panel_restricted(warehouse_path):
    from alliancelab.theory.empirical import management

    full, _ = management.snyder_indicators(1816, 2016, warehouse_path)
    keys = ["atopid", "member", "year"]
    for start, end in ((1949, 2016), (1900, 1950)):
        span, _ = management.snyder_indicators(start, end, warehouse_path)
        sliced = full[full["year"].between(start, end)]
        pd.testing.assert_frame_equal(
            sliced.sort_values(keys).reset_index(drop=True),
            span.sort_values(keys).reset_index(drop=True),
            check_dtype=False,
        )


def test_the_burden_page_slice_equals_the_direct_test(warehouse_path):
    from alliancelab.theory.empirical import burden
    from alliancelab.web import pages_theory

    lookup = Lookup.get(warehouse_path)
    whole = pages_theory._burden_years(lookup.path, burden.NATO_ATOPID, "sipri")
    direct = burden.burden_test(burden.NATO_ATOPID, 1960, 1970, "sipri", warehouse=lookup.path).table
    sliced = whole[whole["year"].between(1960, 1970)].reset_index(drop=True)
    assert len(sliced) == 11
    pd.testing.assert_frame_equal(sliced, direct.reset_index(drop=True))
    page, _ = pages_theory.burden_body("nato", 1960, 1970, "sipri", lookup)
    assert "11 years tested" in str(page)
    assert pages_theory._burden_years.cache_info().maxsize == 16  # bounded


def test_the_similarity_page_reads_one_cached_portfolio_set(warehouse_path):
    from alliancelab.web.app import similarity_body

    lookup = Lookup.get(warehouse_path)
    first, _ = similarity_body("USA-RUS", "s_weighted", 1816, 2016, lookup)
    keys = lookup.cache_keys()
    second, _ = similarity_body("United Kingdom-France", "s_weighted", 1900, 1950, lookup)
    assert "web_portfolios_either" in keys and lookup.cache_keys() == keys
    assert "UKG-FRN" in str(second)
