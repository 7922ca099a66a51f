"""The dashboard under bad input and load: bounded requests, HTML errors, a time limit that frees the
caller, cached pages, no 5xx for any generated bad value, and a warning for non-loopback binds."""

import threading
import time

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliancelab.cli.dashboard import bind_warning
from alliancelab.web import app as web
from alliancelab.web import create_app
from alliancelab.web.pages import PLOTLY_JS_PATH


@pytest.fixture(scope="module")
def client(warehouse_path):
    with TestClient(create_app(warehouse_path)) as test_client:
        yield test_client


def test_an_unknown_address_gives_an_html_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "there is no page at /no/such/page" in response.text


def test_an_oversized_query_is_refused_before_any_work(client):
    response = client.get("/similarity", params={"pairs": ",".join(["USA-RUS"] * 2000)})
    assert response.status_code == 414
    assert f"at most {web.MAX_QUERY_CHARS:,} are accepted" in response.text


def test_too_many_pairs_are_refused(client):
    pairs = ",".join(f"USA-{code}" for code in ["RUS", "UKG", "FRN", "GMY", "ITA", "JPN", "CHN"] * 3)
    response = client.get("/similarity", params={"pairs": pairs})
    assert response.status_code == 422
    assert f"at most {web.MAX_PAIRS} are drawn" in response.text
    assert 'name="pairs"' in response.text  # the form stays


@pytest.mark.parametrize("share", ["nan", "inf", "-1"])
def test_non_finite_or_negative_strategy_shares_are_refused(client, share):
    response = client.get("/simulation", params={"strategy": f"balance={share}"})
    assert response.status_code == 422
    assert "must be a finite number &gt;= 0" in response.text


def test_a_page_is_served_from_the_cache_the_second_time(warehouse_path):
    app = create_app(warehouse_path)
    with TestClient(app) as test_client:
        first = test_client.get("/report", params={"year": 1900})
        cached = len(app.state.cache)
        second = test_client.get("/report", params={"year": 1900})
    assert first.status_code == second.status_code == 200
    assert cached >= 1 and len(app.state.cache) == cached
    assert first.text == second.text


def test_the_cache_is_bounded_in_bytes():
    cache = web.PageCache(max_bytes=100)
    for i in range(10):
        cache.put(("/p", (("i", str(i)),)), "x" * 30)
    assert cache.size <= 100 and len(cache) == 3
    assert cache.get(("/p", (("i", "9"),))) is not None and cache.get(("/p", (("i", "0"),))) is None


def test_a_slow_page_times_out_and_light_pages_are_served_meanwhile(warehouse_path, monkeypatch):
    from alliancelab.report import yearly

    release = threading.Event()

    def slow(*args, **kwargs):
        release.wait(20)
        raise RuntimeError("never reached in time")

    monkeypatch.setattr(yearly, "yearly_report", slow)
    with TestClient(create_app(warehouse_path, time_limit_s=1.0)) as test_client:
        outcome = {}
        worker = threading.Thread(target=lambda: outcome.update(slow=test_client.get("/report?year=1914")))
        worker.start()
        time.sleep(0.2)
        started = time.monotonic()
        light = test_client.get(PLOTLY_JS_PATH)
        missing = test_client.get("/nowhere")
        light_seconds = time.monotonic() - started
        worker.join(10)
        release.set()
    assert light.status_code == 200 and missing.status_code == 404
    assert light_seconds < 1.0, "light requests waited behind the heavy page"
    assert outcome["slow"].status_code == 503
    assert "longer than the 1 s limit" in outcome["slow"].text


def test_an_unexpected_failure_does_not_escape_the_route(warehouse_path, monkeypatch):
    """The 500 page is returned by the route itself (raise_server_exceptions=True would re-raise an
    escaped exception), so the server keeps the keep-alive connection."""
    from alliancelab.report import yearly

    monkeypatch.setattr(yearly, "yearly_report", lambda *a, **k: 1 / 0)
    with TestClient(create_app(warehouse_path), raise_server_exceptions=True) as test_client:
        response = test_client.get("/report", params={"year": 1914})
    assert response.status_code == 500 and "ZeroDivisionError" in response.text
    assert response.headers.get("connection", "") != "close"


BAD_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "1e9",
            "-1",
            "0",
            "99999999999999999999",
            "",
            " ",
            "1.5",
            "USA-",
            "-",
            "USA-USA",
            "balance=nan",
            "balance=1e309",
            "%00",
            "<script>",
            "historical",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)
ROUTES = {
    "/report": ["year"],
    "/threat": ["year", "top"],
    "/similarity": ["pairs", "measure", "start", "end"],
    "/simulation": ["n_states", "n_steps", "strategy", "geography", "start_year", "n_great_powers", "seed"],
    "/network": ["year", "obligation"],
    "/alignments": ["era", "region", "label", "state"],
    "/landscape": ["states", "year", "camps"],
    "/deterrence": [
        "side",
        "prior_strong",
        "power_strong",
        "power_weak",
        "power_ally",
        "power_third",
        "stake_challenger",
        "stake_defender",
        "cost_challenger",
        "cost_defender",
        "audience_cost",
        "benefit_third",
        "cost_third",
    ],
    "/profile": ["a", "b"],
    "/burden": ["alliance", "start", "end", "spending"],
    "/report/share": ["year"],
}
CHEAP = {"n_states": "5", "n_steps": "3"}  # keep any accepted simulation tiny
# keep any accepted theory page small: three states in a landscape, a short burden window
SMALL = {
    "/landscape": {"states": "GMY FRN RUS"},
    "/burden": {"start": "1990", "end": "1991"},
    "/alignments": {"era": "pre-1914"},
    "/profile": {"a": "USA", "b": "CAN"},
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(sorted(ROUTES)), data=st.data())
def test_no_generated_bad_value_gives_a_5xx_or_a_traceback(client, route, data):
    name = data.draw(st.sampled_from(ROUTES[route]))
    value = data.draw(BAD_VALUES)
    params = dict(CHEAP) if route == "/simulation" else {}
    if route == "/similarity":
        params.update(start="1990", end="1991")
    params.update(SMALL.get(route, {}))
    params[name] = value
    response = client.get(route, params=params)
    assert response.status_code < 500, (route, params, response.text[:500])
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "host, warns",
    [
        ("127.0.0.1", False),
        ("localhost", False),
        ("::1", False),
        ("127.0.0.2", False),
        ("", True),
        ("0.0.0.0", True),
        ("192.168.1.5", True),
        ("example.org", True),
    ],
)
def test_binding_beyond_loopback_warns_loudly(host, warns):
    message = bind_warning(host)
    assert (message is not None) == warns
    if warns:
        assert message.startswith("WARNING")
