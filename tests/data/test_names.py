"""The one state resolver: codes, abbreviations, names and aliases, the year choosing among successors."""

import numpy as np
import pytest

from alliancelab.data.names import normalise, resolve_pair, resolve_state, resolve_states
from alliancelab.errors import ParameterError


@pytest.mark.parametrize(
    "value", ["Germany", "germany", "GERMANY", "GMY", "gmy", 255, "255", " Germany ", np.int64(255)]
)
def test_every_form_of_germany_resolves_to_255(warehouse_path, value):
    assert resolve_state(value, 1913, warehouse=warehouse_path) == 255
    assert resolve_state(value, warehouse=warehouse_path) == 255


@pytest.mark.parametrize(
    "value, year, code",
    [
        # COW states2016: Germany 255 to 1945 and from 1990; German Federal Republic 260 1955-1990
        ("Germany", 1970, 260),
        (255, 1970, 260),
        ("GMY", 1960, 260),
        (260, 2000, 255),
        ("West Germany", 1970, 260),
        ("East Germany", 1970, 265),
        ("Germany", 1990, 255),
        ("Prussia", 1850, 255),
        # one code for the USSR and Russia, one for Yugoslavia and Serbia
        ("Soviet Union", 1950, 365),
        ("USSR", None, 365),
        ("Russia", 2000, 365),
        ("Yugoslavia", 1960, 345),
        ("Serbia", 2010, 345),
        # Vietnam: 816 (North, then unified), South Vietnam 817 (1954-1975)
        ("Vietnam", 1970, 816),
        ("North Vietnam", 1970, 816),
        ("South Vietnam", 1970, 817),
        ("Vietnam", 1990, 816),
        # Yemen: North Yemen (YAR) 678 to 1990, unified 679 from 1990, South Yemen 680
        ("Yemen", 1980, 678),
        ("Yemen", 2000, 679),
        (679, 1980, 678),
        ("South Yemen", 1980, 680),
        ("UK", None, 200),
        ("Britain", 1914, 200),
        ("Great Britain", None, 200),
        ("United Kingdom", None, 200),
        ("USA", None, 2),
        ("United States", 1950, 2),
        ("US", None, 2),
        ("United States of America", None, 2),
        ("Côte d'Ivoire", None, 437),
        ("Ivory Coast", None, 437),
        ("St. Lucia", None, 56),
        ("Burma", None, 775),
        ("Antigua & Barbuda", None, 58),
        ("Czech Republic", None, 316),
        ("Czechoslovakia", 1960, 315),
    ],
)
def test_names_aliases_and_the_year(warehouse_path, value, year, code):
    assert resolve_state(value, year, warehouse=warehouse_path) == code


def test_unknown_names_get_did_you_mean_suggestions_naming_the_argument(warehouse_path):
    with pytest.raises(ParameterError, match=r"argument ccode='Germny'.*did you mean Germany \(GMY, 255\)"):
        resolve_state("Germny", warehouse=warehouse_path, argument="ccode")
    with pytest.raises(ParameterError, match=r"did you mean United States of America \(USA, 2\)"):
        resolve_state("Untied States", warehouse=warehouse_path)
    for bad in ("", "xyzzy", 999, "1000", True):
        with pytest.raises(ParameterError, match="not a COW state code, abbreviation or name"):
            resolve_state(bad, warehouse=warehouse_path)


def test_a_state_outside_the_system_in_the_year_is_refused_with_its_spells(warehouse_path):
    with pytest.raises(ParameterError, match=r"Ukraine \(UKR, 369\) is not a system member in 1950 \(member 1991-2016"):
        resolve_state("Ukraine", 1950, warehouse=warehouse_path)
    with pytest.raises(ParameterError, match="not a system member in 1950"):
        resolve_state(255, 1950, warehouse=warehouse_path)  # occupied Germany: neither 255 nor 260


def test_lists_strings_and_pairs(warehouse_path):
    assert resolve_states("GMY AUH ITA UKG FRN RUS", 1913, warehouse=warehouse_path) == [255, 300, 325, 200, 220, 365]
    assert resolve_states("United Kingdom France Germany", 1913, warehouse=warehouse_path) == [200, 220, 255]
    assert resolve_states("United States, Soviet Union", warehouse=warehouse_path) == [2, 365]
    assert resolve_states(["Germany", 2], 1970, warehouse=warehouse_path) == [260, 2]
    assert resolve_pair("USA-RUS", warehouse=warehouse_path) == (2, 365)
    assert resolve_pair("Austria-Hungary:Russia", 1900, warehouse=warehouse_path) == (300, 365)
    assert resolve_pair("Guinea-Bissau-Senegal", warehouse=warehouse_path) == (404, 433)
    assert resolve_pair(("Germany", "France"), 1970, warehouse=warehouse_path) == (260, 220)
    with pytest.raises(ParameterError, match="pairs a state with itself"):
        resolve_pair("USA-United States", warehouse=warehouse_path)
    with pytest.raises(ParameterError, match="not a pair"):
        resolve_pair("USA", warehouse=warehouse_path)


def test_normalise():
    assert normalise("  Côte d’Ivoire ") == "cote divoire"
    assert normalise("The Gambia") == "gambia"
    assert normalise("Trinidad & Tobago") == "trinidad and tobago"


def test_the_cli_takes_names(warehouse_path):
    from typer.testing import CliRunner

    from alliancelab.cli import app

    out = CliRunner().invoke(
        app, ["measures", "top-threats", "1970", "West Germany", "--warehouse", str(warehouse_path), "--k", "3"]
    )
    assert out.exit_code == 0, out.output
    assert "(GFR, 260)" in out.output and "GDR" in out.output
    bad = CliRunner().invoke(app, ["measures", "top-threats", "1970", "Germny", "--warehouse", str(warehouse_path)])
    assert bad.exit_code == 2 and "did you mean Germany (GMY, 255)" in bad.output
