"""Lookup's positional helpers refuse codes and years that would address another cell."""

import numpy as np
import pytest

from alliancelab.errors import ParameterError
from alliancelab.panels.lookup import NYEARS, YEAR0, Lookup


@pytest.fixture(scope="module")
def lookup(warehouse_path):
    return Lookup.get(warehouse_path)


def test_state_positions_of_members_address_their_own_cell(lookup):
    positions = lookup.state_positions([2, 365], [1950, 1950])
    states, years = np.divmod(positions, NYEARS)
    assert list(lookup.codes[states]) == [2, 365]
    assert list(years + YEAR0) == [1950, 1950]


@pytest.mark.parametrize("code", [8152, 1, 999, -3, 1000])
def test_state_positions_refuses_a_code_outside_the_cow_list(lookup, code):
    with pytest.raises(ParameterError, match=f"code {code} is not a state"):
        lookup.state_positions([2, code], [1950, 1950])
    with pytest.raises(ParameterError, match=f"code {code} is not a state"):
        lookup.dyad_positions([2], [code], [1950])


@pytest.mark.parametrize("year", [YEAR0 - 1, YEAR0 + NYEARS])
def test_state_positions_refuses_a_year_outside_the_arrays(lookup, year):
    with pytest.raises(ParameterError, match=f"{year} is outside"):
        lookup.state_positions([2], [year])
    with pytest.raises(ParameterError, match=f"{year} is outside"):
        lookup.dyad_positions([2], [365], [year])
