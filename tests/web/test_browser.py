"""The dashboard in a real browser: Playwright for Python driving the system Chromium (Debian's
``chromium`` package, /usr/bin/chromium; Playwright's own browser downloads are not used).

The real server runs as ``alliancelab dashboard`` in a subprocess on a free loopback port. Every page
loads without console errors, the year slider redraws the network, a landscape run shows its minima,
and bad input keeps the form. Screenshots of every page go to ``test-artifacts/browser/`` (or the
folder in $ALLIANCELAB_TEST_ARTIFACTS).
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    "/",
    "/report?year=1914",
    "/threat?year=1913&top=15",
    "/similarity?pairs=USA-RUS,FRN-GMY",
    "/simulation",
    "/network?year=1914",
    "/alignments?era=pre-1914&label=balancing",
    "/landscape?states=GMY+AUH+ITA+UKG+FRN+RUS&year=1914",
    "/deterrence",
    "/profile?a=USA&b=ROK",
    "/burden?start=1990&end=2016",
]
LOAD_MS = 180_000  # a first load on a busy two-core machine builds the caches (tens of seconds)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no system Chromium at /usr/bin/chromium (apt-get install chromium)"
)


def artifacts():
    folder = Path(os.environ.get("ALLIANCELAB_TEST_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts"))
    folder = folder / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(warehouse_path):
    port = _free_port()
    env = dict(os.environ, ALLIANCELAB_WAREHOUSE=str(warehouse_path))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "alliancelab.cli",
            "dashboard",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--warehouse",
            str(warehouse_path),
            "--time-limit",
            "300",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                httpx.get(base + "/", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert process.poll() is None, "the dashboard exited at start-up"
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(LOAD_MS)
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    yield tab
    context.close()


def shot(page, name):
    page.screenshot(path=str(artifacts() / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("address", PAGES)
def test_each_page_loads_without_console_errors(server, page, address):
    response = page.goto(server + address, wait_until="load")
    assert response.status == 200, address
    assert page.locator("h1").count() == 1 and page.locator("header a").count() >= 11
    if page.locator("div.figure").count():
        page.wait_for_selector("div.figure .main-svg")  # Plotly drew the figure
    shot(page, address.strip("/").split("?")[0] or "home")
    assert page.problems == [], page.problems


def network_states(page):
    return page.evaluate("""() => { const div = document.getElementById('network');
        return div.data.filter(t => t.mode === 'markers+text').flatMap(t => t.text).sort(); }""")


def test_the_year_slider_changes_the_network(server, page):
    page.goto(server + "/network?year=1914")
    page.wait_for_selector("#network .main-svg")
    before = network_states(page)
    assert "AUH" in before and "ISR" not in before
    with page.expect_navigation(url=lambda url: "year=1960" in url):
        page.locator('input[type=range][name="year"]').fill("1960")
    page.wait_for_selector("#network .main-svg")
    after = network_states(page)
    assert page.locator("h1").inner_text() == "Alliance network, 1960"
    assert page.locator("#year-value").inner_text() == "1960"
    assert "ISR" in after and "AUH" not in after and before != after
    shot(page, "network-1960")
    assert page.problems == [], page.problems


def test_a_landscape_run_shows_minima(server, page):
    page.goto(server + "/landscape")
    page.locator('input[name="states"]').fill("GMY AUH ITA UKG FRN RUS")
    page.locator('input[name="year"]').fill("1914")
    with page.expect_navigation():
        page.get_by_role("button", name="Run").click()
    rows = page.locator("#minima table tbody tr")
    assert rows.count() >= 1
    assert "GMY" in page.locator("#prediction").inner_text()
    shot(page, "landscape-run")
    assert page.problems == [], page.problems


@pytest.mark.parametrize("field, value, fragment", [("states", "GMY XXX FRN", "XXX"), ("year", "1700", "year=1700")])
def test_bad_input_keeps_the_form(server, page, field, value, fragment):
    page.goto(server + "/landscape?states=GMY+FRN+RUS")
    page.locator(f'input[name="{field}"]').fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Run").click()
    assert fragment in page.locator("div.error").inner_text()
    assert page.locator(f'input[name="{field}"]').input_value() == value  # kept, ready to correct
    shot(page, f"landscape-bad-{field}")


def test_a_value_of_the_wrong_type_keeps_the_form(server, page):
    response = page.goto(server + "/network?year=abc")
    assert response.status == 422
    assert "year" in page.locator("div.error").inner_text()
    assert page.locator('form input[name="year"]').input_value() == "abc"


def test_the_shareable_report_works_offline_and_prints(warehouse_path, browser, tmp_path):
    """The page opened from disk with every request outside the file refused: figures drawn, no
    console error, and the browser's print gives a PDF of several pages."""
    from alliancelab.report import html as shareable

    path = tmp_path / "report-1914.html"
    path.write_text(
        str(
            shareable.to_html(
                shareable.build(1914, warehouse=warehouse_path, with_detente=False), warehouse=warehouse_path
            )
        )
    )
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    requests, problems = [], []
    context.route("http*://**", lambda route: (requests.append(route.request.url), route.abort()))
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.goto(path.as_uri())
    tab.wait_for_selector("#figure-network .main-svg")
    assert tab.locator(".main-svg").count() >= 2
    tab.screenshot(path=str(artifacts() / "shareable-report-1914.png"), full_page=True)
    pdf = tab.pdf(path=str(artifacts() / "shareable-report-1914.pdf"), format="A4")
    context.close()
    assert requests == [] and problems == [], (requests, problems)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 3
