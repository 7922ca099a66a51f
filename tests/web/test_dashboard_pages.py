"""The theory and network pages on the real data: published or structural facts show up, empty results
are explained in words, and bad input keeps the form with one message."""

import re

import pytest
from fastapi.testclient import TestClient

from alliancelab.web import create_app


@pytest.fixture(scope="module")
def client(warehouse_path):
    with TestClient(create_app(warehouse_path)) as test_client:
        yield test_client


def message(response):
    found = re.search(r'<div class="error" role="alert">(.*?)</div>', response.text, re.S)
    assert found, "the page carries no error message"
    return found.group(1)


def test_network_1914_has_the_triple_alliance_bloc_and_changes_with_the_year(client):
    response = client.get("/network", params={"year": 1914})
    assert response.status_code == 200
    blocs = re.findall(r"<tr><td>bloc of (\w+)</td><td>([A-Z ]+)</td>", response.text)
    members = {leader: set(names.split()) for leader, names in blocs}
    assert {"GMY", "AUH", "ITA"} <= members["GMY"]  # Triple Alliance (ATOP 1350)
    assert {"FRN", "RUS"} <= next(m for m in members.values() if "FRN" in m)  # Franco-Russian alliance
    assert "FRN" not in members["GMY"]
    assert 'type="range" name="year"' in response.text  # the year slider
    later = client.get("/network", params={"year": 1955})
    assert later.status_code == 200 and later.text != response.text
    assert "bloc of USA" in later.text  # NATO, SEATO, Rio Pact around the USA


def test_network_explains_a_year_without_ties(client, warehouse_path):
    from alliancelab.measures import network

    data = network.load_network_data(1816, 1900, warehouse=warehouse_path)
    empty = next(
        year
        for year in range(1816, 1901)
        if network.alliance_network(year, obligation="offense", data=data).number_of_edges() == 0
    )
    response = client.get("/network", params={"year": empty, "obligation": "offense"})
    assert response.status_code == 200
    assert "every state is non-aligned" in response.text
    assert "every state is non-aligned" not in client.get("/network", params={"year": 1914}).text


def test_alignments_filter_by_era_label_and_state(client):
    response = client.get("/alignments", params={"era": "pre-1914", "label": "balancing"})
    assert response.status_code == 200
    labels = re.findall(r"<td>(balancing|bandwagoning|neither)</td>", response.text)
    assert labels and set(labels) == {"balancing"}
    years = [int(y) for y in re.findall(r'<tr><td class="num">(\d{4})</td>', response.text)]
    assert years and max(years) <= 1913
    france = client.get("/alignments", params={"state": "FRN", "era": "pre-1914"})
    states = re.findall(r'<tr><td class="num">\d{4}</td><td>(\w+)</td>', france.text)
    assert states and set(states) == {"FRN"}
    empty = client.get("/alignments", params={"state": "ICE", "era": "pre-1914"})
    assert empty.status_code == 200 and "No decision matches these filters" in empty.text


def test_landscape_1914_shows_minima_and_predicted_camps(client):
    response = client.get("/landscape", params={"states": "GMY AUH ITA UKG FRN RUS", "year": 1914})
    assert response.status_code == 200
    assert '<div id="minima"><table>' in response.text
    prediction = re.search(r'<p id="prediction">.*?</strong> (.*?)</p>', response.text).group(1)
    camps = [set(part.split(": ")[1].split()) for part in prediction.split("; ")]
    assert len(camps) == 2 and set().union(*camps) == {"GMY", "AUH", "ITA", "UKG", "FRN", "RUS"}
    germany = next(c for c in camps if "GMY" in c)
    assert "AUH" in germany and "FRN" not in germany and "RUS" not in germany


def test_deterrence_defaults_have_three_equilibria(client):
    """The default point of DeterrenceParams is documented as having three equilibria (one mixed)."""
    response = client.get("/deterrence")
    assert response.status_code == 200
    assert "3 perfect Bayesian equilibria" in response.text and "mixed" in response.text
    assert 'step="any" name="prior_strong"' in response.text


def test_profile_usa_rok_is_allied_from_1953(client):
    response = client.get("/profile", params={"a": "USA", "b": "ROK"})
    assert response.status_code == 200
    allied = re.search(r"allied in (\d+) of them \((\d{4})-(\d{4})\)", response.text)
    assert allied and int(allied.group(2)) == 1953  # Mutual Defense Treaty, signed October 1953


def test_burden_nato_and_an_explained_empty_result(client):
    response = client.get("/burden", params={"start": 1994, "end": 1997})
    assert response.status_code == 200 and "4 years tested" in response.text
    empty = client.get("/burden", params={"alliance": "1350", "start": 1900, "end": 1914})
    assert empty.status_code == 200 and "no correlation can be computed" in empty.text


@pytest.mark.parametrize(
    "path, params, fragment",
    [
        ("/network", {"year": "abc"}, "year="),
        ("/network", {"year": 1700}, "year=1700"),
        ("/network", {"obligation": "love"}, "obligation="),
        ("/alignments", {"era": "stone age"}, "era="),
        ("/alignments", {"state": "XYZ"}, "state="),
        ("/landscape", {"states": "GMY"}, "states"),
        ("/landscape", {"states": "GMY XXX FRN"}, "XXX"),
        ("/landscape", {"camps": "9"}, "camps=9"),
        ("/deterrence", {"prior_strong": "1.5"}, "prior_strong"),
        ("/deterrence", {"power_third": "inf"}, "power_third"),
        ("/deterrence", {"side": "nobody"}, "side="),
        ("/profile", {"a": "USA", "b": "USA"}, "the same state"),
        ("/profile", {"a": "Atlantis"}, "Atlantis"),
        ("/burden", {"alliance": "warsaw"}, "alliance="),
        ("/burden", {"start": 2000, "end": 1990}, "end=1990"),
    ],
)
def test_bad_input_keeps_the_form_with_one_message(client, path, params, fragment):
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert "Traceback" not in response.text
    assert fragment in message(response).replace("&#39;", "'")
    assert f'<form method="get" action="{path}">' in response.text


def test_the_report_page_links_the_shareable_page_which_is_self_contained(client):
    report = client.get("/report", params={"year": 1914})
    assert 'href="/report/share?year=1914"' in report.text
    response = client.get("/report/share", params={"year": 1914})
    assert response.status_code == 200
    assert "<header>" not in response.text and '<section id="network">' in response.text
    assert not re.search(r"<script[^>]+src=", response.text)
    bad = client.get("/report/share", params={"year": 1700})
    assert bad.status_code == 422 and '<form method="get" action="/report/share">' in bad.text
