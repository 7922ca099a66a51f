"""``balancing.case`` takes codes, abbreviations or names; the decision year decides Germany 255/260."""

import pandas as pd
import pytest

from alliancelab.errors import ParameterError
from alliancelab.theory.empirical import balancing


@pytest.fixture(scope="module")
def classified():
    # decisions as ``classify`` labels them (only the columns ``case`` reads matter here)
    return pd.DataFrame(
        {
            "atopid": [1, 1, 2, 2, 3180],
            "member": [255, 220, 260, 220, 2],
            "year": [1913, 1913, 1970, 1970, 1949],
            "label": ["balancing"] * 5,
        }
    )


def test_case_by_name_abbreviation_or_code(classified, warehouse_path):
    by_code = balancing.case(classified, 3180, 2)
    for name in ("United States", "USA", "usa"):
        assert balancing.case(classified, 3180, name, warehouse=warehouse_path).equals(by_code)
    assert balancing.case(classified, 1, "Germany", warehouse=warehouse_path)["member"].tolist() == [255]
    assert balancing.case(classified, 2, "Germany", warehouse=warehouse_path)["member"].tolist() == [260]
    assert balancing.case(classified, 2, "West Germany", warehouse=warehouse_path)["member"].tolist() == [260]


def test_case_refuses_unknown_names_and_absent_members(classified, warehouse_path):
    with pytest.raises(ParameterError, match="member='Atlantis'"):
        balancing.case(classified, 1, "Atlantis", warehouse=warehouse_path)
    with pytest.raises(ParameterError, match="no decision for atopid=1, member=365"):
        balancing.case(classified, 1, "USSR", warehouse=warehouse_path)
