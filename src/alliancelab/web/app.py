"""The dashboard: a thin FastAPI app over the same library functions the command line calls.

``create_app(warehouse=None)`` builds the app; ``alliancelab dashboard`` serves it with uvicorn.
Pages (server-rendered HTML, Plotly figures):

- ``/``: what alliancelab is and the data sources in the warehouse (``data.warehouse.status``);
- ``/report?year=1914``: the yearly report (``report.yearly.yearly_report`` + ``to_markdown``);
- ``/threat?year=1913&top=15``: balance-of-threat heat map among the ``top`` states by CINC
  (``measures.threat.threat_scores``, ``measures.capabilities.capability_shares``) and the top
  threats of the major powers (``measures.threat.top_threats``);
- ``/similarity?pairs=USA-RUS,FRN-GMY&measure=s_weighted``: a similarity measure between pairs of
  states over time (``measures.similarity.pair_similarity``);
- ``/simulation?n_states=30&n_steps=100&strategy=balance&seed=0``: one agent-based run
  (``sim.runs.run``), its time series and final map, with the parameters and seed echoed.

How it serves under load (docs/reliability.md):

- Every page is a pure function of its query and the warehouse, so a rendered page is kept in a
  bounded in-memory cache (``cache_bytes``, least recently used out first): a repeated request is
  answered from the event loop without touching the library.
- Library work runs on one worker thread (the pages share one read-only DuckDB connection and the
  per-process caches), off the event loop, so cached pages, assets and error pages are served while
  a heavy page computes. Each request waits at most ``time_limit_s`` seconds (queue included); a
  request that is abandoned or times out before its work starts is cancelled. Work already started
  finishes and fills the cache, so a reload gets it at once.
- Requests are bounded: the query string to ``MAX_QUERY_CHARS`` characters, similarity to
  ``MAX_PAIRS`` pairs, simulations to ``WEB_MAX_STATES`` states and ``WEB_MAX_STEPS`` steps.

Bad input never shows a traceback: a ``ParameterError`` (or a query value of the wrong type)
gives the page with its form and one message, HTTP 422; a missing warehouse gives 503; any other
``AllianceLabError`` 400; an unknown address an HTML 404 page. An unexpected failure is logged and
answered with a 500 page from inside the route, so the keep-alive connection survives it.

One module (~560 lines): the routes, the worker thread and the page cache are one request path;
the page bodies are in ``pages.py`` and ``pages_theory.py``.
"""

import asyncio
import logging
import threading
import urllib.parse
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

import numpy as np
import pandas as pd
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from alliancelab.data import facts
from alliancelab.errors import (
    AllianceLabError,
    DataMissingError,
    ParameterError,
    WarehouseError,
    check_choice,
    check_range,
)
from alliancelab.sim.strategies import parse_mix
from alliancelab.web import pages

log = logging.getLogger("alliancelab.web")

FIRST_YEAR, LAST_YEAR = facts.SYSTEM_FIRST, facts.SYSTEM_LAST  # COW state system, from its specification
YEAR_LABEL = f"year ({FIRST_YEAR}-{LAST_YEAR})"
# Runs the dashboard accepts: larger runs belong to `alliancelab simulate run` or a sweep.
WEB_MAX_STATES = 300
WEB_MAX_STEPS = 2000
MAX_QUERY_CHARS = 2000
MAX_PAIRS = 20
TIME_LIMIT_S = 60.0
CACHE_BYTES = 64 * 2**20
SIM_DEFAULTS = {
    "n_states": 30,
    "n_steps": 100,
    "strategy": "balance",
    "geography": "planar",
    "start_year": FIRST_YEAR,
    "n_great_powers": 0,
    "seed": 0,
}
FIELD_LABELS = {
    "year": "year",
    "top": "states shown",
    "pairs": "pairs",
    "measure": "measure",
    "start": "from",
    "end": "to",
    "n_states": "number of states",
    "n_steps": "steps",
    "strategy": "strategy or mix",
    "geography": "map",
    "start_year": "start year",
    "n_great_powers": "great powers",
    "seed": "seed",
}


def status_for(err):
    """HTTP status for an expected failure.

    Parameters
    ----------
    err : AllianceLabError
        The error a page raised.

    Returns
    -------
    int
        422 for a ``ParameterError``, 503 when the warehouse or its data are missing, else 400.

    Examples
    --------
    >>> from alliancelab.errors import ParameterError
    >>> status_for(ParameterError("argument year: expected 1816-2016"))
    422
    """
    if isinstance(err, ParameterError):
        return 422
    if isinstance(err, (WarehouseError, DataMissingError)):
        return 503
    return 400


class PageCache:
    """Rendered pages by request key, bounded by total size in bytes (least recently used out first).

    Parameters
    ----------
    max_bytes : int, default 64 MiB
        Largest total size of the cached pages; a page larger than this is not cached.

    Examples
    --------
    >>> cache = PageCache(max_bytes=10)
    >>> cache.put("a", "12345"); cache.put("b", "123456")
    >>> cache.get("a") is None, cache.get("b")
    (True, '123456')
    """

    def __init__(self, max_bytes=CACHE_BYTES):
        self.max_bytes = max_bytes
        self.size = 0
        self._pages = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page):
        cost = len(page)
        if cost > self.max_bytes:
            return
        with self._lock:
            if key in self._pages:
                self.size -= len(self._pages.pop(key))
            self._pages[key] = page
            self.size += cost
            while self.size > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self.size -= len(dropped)

    def __len__(self):
        return len(self._pages)


class BoundedQuery:
    """ASGI middleware: refuse a query string longer than ``MAX_QUERY_CHARS`` before any routing or work.

    The refusal is an error page with status 414.

    Parameters
    ----------
    app : ASGI application
        The application to protect.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        query = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if len(query) > MAX_QUERY_CHARS:
            message = f"the query has {len(query):,} characters; at most {MAX_QUERY_CHARS:,} are accepted"
            page = pages.render("Request too large", current=scope.get("path", "/"), error=message)
            await HTMLResponse(page, status_code=414)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(warehouse=None, time_limit_s=TIME_LIMIT_S, cache_bytes=CACHE_BYTES, warm=False):
    """The dashboard application (FastAPI).

    Parameters
    ----------
    warehouse : path, optional
        The warehouse the pages read (default: ``$ALLIANCELAB_WAREHOUSE`` or the user cache).
    time_limit_s : float, default 60.0
        How long one request waits for its page, in seconds.
    cache_bytes : int, default 64 MiB
        Bound on the rendered-page cache.
    warm : bool, default False
        Render the default pages in the background at start-up.

    Returns
    -------
    fastapi.FastAPI
        The application, to serve with an ASGI server (e.g. uvicorn).

    Examples
    --------
    >>> app = create_app()
    >>> app.title
    'alliancelab dashboard'
    """
    check_range("time_limit_s", time_limit_s, 0.001, None)
    check_range("cache_bytes", cache_bytes, 0, None)

    @asynccontextmanager
    async def lifespan(_app):
        nonlocal worker
        if worker._shutdown:  # started again after a shutdown (a test client per request): a fresh thread
            worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alliancelab-page")
        if warm:
            worker.submit(compute, ("/", ()), "alliancelab dashboard", "/", "", lambda: (home_body(warehouse), False))
            worker.submit(lookup)
        yield
        worker.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="alliancelab dashboard", docs_url=None, redoc_url=None, lifespan=lifespan)
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alliancelab-page")
    cache = PageCache(cache_bytes)
    app.state.warehouse = warehouse
    app.state.cache = cache

    def lookup():
        from alliancelab.panels.lookup import Lookup

        return Lookup.get(warehouse)

    def error_page(title, current, form, message, status):
        return HTMLResponse(pages.render(title, current=current, form=form, error=message), status_code=status)

    def compute(key, title, current, form, build, whole=False):
        """Run ``build()`` on the worker thread: the rendered page and its status (never raises)."""
        try:
            body, plotly = build()
        except AllianceLabError as err:
            return pages.render(title, current=current, form=form, error=str(err)), status_for(err)
        except Exception as exc:  # noqa: BLE001 - any other failure is a bug: log it, answer 500
            log.exception("unexpected error building %s", key)
            message = (
                f"internal error ({type(exc).__name__}): {exc}. "
                "This is a bug in alliancelab; the server log has the details."
            )
            return pages.render("Internal error", current=current, form=form, error=message), 500
        page = body if whole else pages.render(title, body=body, current=current, form=form, plotly=plotly)
        cache.put(key, page)
        return page, 200

    async def respond(request, title, current, form, build, whole=False):
        """The page for this request: from the cache, else computed off the event loop within the time limit.

        ``whole=True``: ``build`` returns a complete HTML document (not a body for the dashboard's layout);
        errors still come back as dashboard pages with the form."""
        key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
        cached = cache.get(key)
        if cached is not None:
            return HTMLResponse(cached)
        future = worker.submit(compute, key, title, current, form, build, whole)
        try:
            page, status = await asyncio.wait_for(asyncio.wrap_future(future), timeout=time_limit_s)
        except TimeoutError:
            future.cancel()
            return error_page(
                title,
                current,
                form,
                f"this page took longer than the {time_limit_s:g} s limit; if its work had "
                "started it goes on and the page will be ready on a reload",
                503,
            )
        except asyncio.CancelledError:
            future.cancel()  # the client went away: drop work that has not started
            raise
        return HTMLResponse(page, status_code=status)

    app.add_middleware(BoundedQuery)

    @app.exception_handler(RequestValidationError)
    async def invalid_query(request: Request, exc: RequestValidationError):
        lines = []
        for problem in exc.errors():
            name = str(problem.get("loc", ("", "?"))[-1])
            given = problem.get("input")
            lines.append(f"argument {name}={given!r}: {problem.get('msg', 'invalid value').lower()}")
        return error_page("Bad request", request.url.path, raw_form(request), "\n".join(lines), 422)

    def raw_form(request):
        """The route's form rebuilt from the raw query (text fields), so a value of the wrong type can be
        corrected in place; empty when the route has no query parameters."""
        for route in app.routes:
            if getattr(route, "path", None) == request.url.path and hasattr(route, "dependant"):
                fields = []
                for param in route.dependant.query_params:
                    default = getattr(param, "default", None)
                    value = request.query_params.get(param.name, "" if default is None else default)
                    fields.append(
                        (param.name, FIELD_LABELS.get(param.name, param.name.replace("_", " ")), value, "text")
                    )
                return pages.form(request.url.path, fields) if fields else ""
        return ""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return error_page(
                "Page not found",
                request.url.path,
                "",
                f"there is no page at {request.url.path}; the pages are listed in the menu above",
                404,
            )
        return error_page("Request refused", request.url.path, "", str(exc.detail), exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error serving %s", request.url)
        return error_page(
            "Internal error",
            request.url.path,
            "",
            f"internal error ({type(exc).__name__}): {exc}. "
            "This is a bug in alliancelab; the server log has the details.",
            500,
        )

    @app.get(pages.PLOTLY_JS_PATH)
    def plotly_js():
        from plotly.offline import get_plotlyjs

        return Response(
            _plotly_js(get_plotlyjs),
            media_type="application/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get("/", response_class=HTMLResponse)
    async def home(request: Request):
        return await respond(request, "alliancelab dashboard", "/", "", lambda: (home_body(warehouse), False))

    @app.get("/report", response_class=HTMLResponse)
    async def report(request: Request, year: int = 1914):
        form = pages.form("/report", [("year", YEAR_LABEL, year, "number")])
        return await respond(
            request, f"The alliance system in {year}", "/report", form, lambda: report_body(year, warehouse)
        )

    @app.get("/threat", response_class=HTMLResponse)
    async def threat_page(request: Request, year: int = 1913, top: int = 15):
        form = pages.form(
            "/threat", [("year", YEAR_LABEL, year, "number"), ("top", "states in the map (by CINC)", top, "number")]
        )
        return await respond(
            request, f"Balance of threat, {year}", "/threat", form, lambda: threat_body(year, top, warehouse, lookup())
        )

    @app.get("/similarity", response_class=HTMLResponse)
    async def similarity_page(
        request: Request,
        pairs: str = "USA-RUS,FRN-GMY",
        measure: str = "s_weighted",
        start: int = FIRST_YEAR,
        end: int = LAST_YEAR,
    ):
        from alliancelab.measures.similarity import MEASURES

        form = pages.form(
            "/similarity",
            [
                ("pairs", "pairs (A-B, comma separated)", pairs, "text"),
                ("measure", "measure", measure, MEASURES),
                ("start", "from", start, "number"),
                ("end", "to", end, "number"),
            ],
        )
        return await respond(
            request,
            "Alliance-portfolio similarity over time",
            "/similarity",
            form,
            lambda: similarity_body(pairs, measure, start, end, lookup()),
        )

    @app.get("/simulation", response_class=HTMLResponse)
    async def simulation_page(
        request: Request,
        n_states: int = SIM_DEFAULTS["n_states"],
        n_steps: int = SIM_DEFAULTS["n_steps"],
        strategy: str = SIM_DEFAULTS["strategy"],
        geography: str = SIM_DEFAULTS["geography"],
        start_year: int = SIM_DEFAULTS["start_year"],
        n_great_powers: int = SIM_DEFAULTS["n_great_powers"],
        seed: int = SIM_DEFAULTS["seed"],
    ):
        from alliancelab.sim.strategies import strategy_names

        query = {
            "n_states": n_states,
            "n_steps": n_steps,
            "strategy": strategy,
            "geography": geography,
            "start_year": start_year,
            "n_great_powers": n_great_powers,
            "seed": seed,
        }
        form = pages.form(
            "/simulation",
            [
                ("n_states", f"number of states (<= {WEB_MAX_STATES})", n_states, "number"),
                ("n_steps", f"steps (<= {WEB_MAX_STEPS})", n_steps, "number"),
                ("strategy", f"strategy or mix ({', '.join(strategy_names())})", strategy, "text"),
                ("geography", "map", geography, ("planar", "grid", "historical")),
                ("start_year", "start year (historical map)", start_year, "number"),
                ("n_great_powers", "great powers", n_great_powers, "number"),
                ("seed", "seed", seed, "number"),
            ],
            button="Run",
        )
        return await respond(request, "Simulation", "/simulation", form, lambda: simulation_body(query, warehouse))

    from alliancelab.web import pages_theory

    pages_theory.register(app, respond, lookup, warehouse)
    return app


_PLOTLY_JS = []


def _plotly_js(get):
    if not _PLOTLY_JS:
        _PLOTLY_JS.append(get())
    return _PLOTLY_JS[0]


# ----------------------------------------------------------------------------------------------
# Page bodies: each calls the library and returns (HTML fragment, whether it has Plotly figures)
# ----------------------------------------------------------------------------------------------


def home_body(warehouse):
    """Body of the home page: what the dashboard shows and the warehouse's data sources.

    Parameters
    ----------
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    markupsafe.Markup
        The page's HTML fragment.
    """
    from alliancelab.data import warehouse as wh

    sources = wh.status(warehouse)
    sources["years"] = [
        "" if pd.isna(a) else f"{int(a)}-{int(b)}" for a, b in zip(sources["first_year"], sources["last_year"])
    ]
    sources["rows"] = sources["rows"].astype(int)
    parts = [
        pages.paragraph(
            "alliancelab studies military alliances with data and models: a DuckDB warehouse of "
            "the standard data sets (COW, ATOP, GML, CShapes distances, rivalries, SIPRI, "
            "Maddison), state-year and dyad-year panels, measures (capabilities, balance of "
            "threat, alliance-portfolio similarity, networks), tests of alliance theories, and an "
            "agent-based simulation of balancing, bandwagoning, buck-passing and detente. This "
            "dashboard calls the same functions as the alliancelab command line."
        ),
        pages.heading("Pages"),
        pages.Markup(
            "<ul>"
            f"<li>{pages.link('/report?year=1914', 'Yearly report')}: members, capabilities, "
            "alliances in force and new, top threats, similar pairs, sources (e.g. 1914).</li>"
            f"<li>{pages.link('/threat?year=1913&top=15', 'Threat map')}: Walt's balance of threat "
            "among the strongest states, and the major powers' top threats.</li>"
            f"<li>{pages.link('/similarity?pairs=USA-RUS,FRN-GMY&measure=s_weighted', 'Portfolio similarity')}"
            ": Signorino-Ritter S, tau-b, kappa or pi between pairs of states over time.</li>"
            f"<li>{pages.link('/simulation', 'Simulation')}: run the agent-based model with your "
            "parameters and seed, see its time series and final map.</li>"
            f"<li>{pages.link('/network?year=1914', 'Alliance network')}: the ties of a year, blocs "
            "coloured, with a year slider.</li>"
            f"<li>{pages.link('/alignments', 'Alignments')}: every alliance-entry decision classified "
            "as balancing, bandwagoning or neither, with its reason; filter by era, region, label.</li>"
            f"<li>{pages.link('/landscape', 'Landscape')}: Axelrod and Bennett's local minima, basins "
            "and predicted camps for the states and year you choose.</li>"
            f"<li>{pages.link('/deterrence', 'Deterrence game')}: equilibria of extended deterrence "
            "with a third-party ally for your parameters.</li>"
            f"<li>{pages.link('/profile?a=USA&b=ROK', 'Dyad profile')}: two states over time.</li>"
            f"<li>{pages.link('/burden', 'Burden sharing')}: Olson and Zeckhauser's exploitation "
            "test year by year.</li></ul>"
        ),
        pages.heading(f"Data sources in the warehouse ({len(sources)})"),
        pages.table(sources, columns=["name", "file", "version", "rows", "years", "citation"]),
    ]
    return pages.Markup("").join(parts)


def report_body(year, warehouse):
    """Body of the yearly report page.

    Parameters
    ----------
    year : int
        The year of the report.
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.report import yearly

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    built = yearly.yearly_report(year, warehouse=warehouse)
    text = yearly.to_markdown(built, warehouse=warehouse)
    members = built.members.dropna(subset=["cinc"]).head(15)
    fig = go.Figure(
        go.Bar(
            x=members["stateabb"],
            y=members["cinc"],
            marker_color=np.where(members["major"] == 1, "#1f3a5f", "#9fb3cc"),
            hovertext=members["name"],
        )
    )
    fig.update_layout(
        title=f"CINC of the 15 strongest states in {year} (dark: major powers; COW NMC)",
        yaxis_title="CINC (share of system capabilities)",
        template="plotly_white",
        height=340,
        margin={"t": 50, "b": 40},
    )
    share = pages.Markup(
        f"<p>{pages.link(f'/report/share?year={year}', 'Open the shareable page')}: one "
        "self-contained file with interactive figures, the network and its blocs, the "
        "classification of the year's alliances, detente and burden sharing; it works offline "
        "and prints cleanly (save it with the browser).</p>"
    )
    body = pages.Markup("").join([share, pages.figure(fig, "report-cinc"), pages.markdown(_shift_headings(text))])
    return body, True


def _shift_headings(text):
    """The page already has the report title as <h1>: drop the Markdown's own top heading."""
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines) + "\n"


def threat_body(year, top, warehouse, lookup):
    """Body of the threat-map page: the strongest states of a year and their threat scores.

    Parameters
    ----------
    year : int
        The year.
    top : int
        How many of the strongest states to show (2-60).
    warehouse : path or None
        The warehouse (None: the configured one).
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup (state names, citations).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.measures import capabilities, threat

    check_range("year", year, FIRST_YEAR, LAST_YEAR)
    check_range("top", top, 2, 60)
    shares = capabilities.capability_shares(year, year, warehouse=warehouse)
    strongest = shares.dropna(subset=["cinc"]).sort_values("cinc", ascending=False).head(top)
    codes = strongest["ccode"].astype(int).tolist()
    labels = [str(a) for a in strongest["stateabb"]]
    scores = threat.threat_scores(year, year, warehouse=warehouse)
    matrix = (
        scores[scores["ccode1"].isin(codes) & scores["ccode2"].isin(codes)]
        .pivot(index="ccode1", columns="ccode2", values="threat")
        .reindex(index=codes, columns=codes)
    )
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=labels,
            y=labels,
            colorscale="Reds",
            zmin=0,
            zmax=1,
            colorbar={"title": "threat"},
            hovertemplate="threat of %{x} to %{y}: %{z:.3f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Threat of the column state to the row state, {year} ({len(codes)} strongest by CINC)",
        xaxis_title="threat from",
        yaxis_title="threatened state",
        yaxis_autorange="reversed",
        template="plotly_white",
        height=max(420, 28 * len(codes) + 160),
    )
    majors = shares.loc[shares["major"] == 1, "ccode"].astype(int).tolist()
    ranked = threat.top_threats(year, k=3, warehouse=warehouse)
    ranked = ranked[ranked["ccode1"].isin(majors)]
    rows = []
    for ccode, group in ranked.groupby("ccode1", sort=True):
        row = {"state": str(lookup.abbreviation(ccode)), "name": lookup.name(ccode)}
        for item in group.sort_values("rank").itertuples():
            row[f"threat {item.rank}"] = str(lookup.abbreviation(item.ccode2))
            row[f"score {item.rank}"] = float(item.threat)
        rows.append(row)
    summary = pd.DataFrame(rows)
    components = ranked.assign(
        state=[str(lookup.abbreviation(c)) for c in ranked["ccode1"]],
        threat_from=[str(lookup.abbreviation(c)) for c in ranked["ccode2"]],
    )
    parts = [
        pages.figure(fig, "threat-map"),
        pages.heading(f"Top threats of the major powers in {year}"),
        pages.table(summary) if len(summary) else pages.paragraph("No major powers coded this year."),
        pages.heading("Components of those threats"),
        pages.table(
            components,
            columns=["state", "rank", "threat_from", "threat", "power", "proximity", "offensive", "intentions"],
        ),
        pages.paragraph(
            "threat = weighted mean of power (1), proximity (1), offensive capability (0.5) and "
            "aggressive intentions (2) over the available components (Walt 1985, 1987); see "
            "the documentation page on capabilities and threat.",
            "note",
        ),
        pages.heading("Sources"),
        pages.Markup(
            "<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in lookup.citations(threat.THREAT_SOURCES)) + "</ul>"
        ),
    ]
    return pages.Markup("").join(parts), True


def similarity_body(pairs_text, measure, start, end, lookup):
    """Body of the portfolio-similarity page: a similarity measure between chosen pairs over years.

    Parameters
    ----------
    pairs_text : str
        Pairs such as ``"USA-RUS, France-Germany"`` (codes, abbreviations or names) (at most ``MAX_PAIRS``).
    measure : str
        A measure of ``alliancelab.measures.similarity.MEASURES``.
    start, end : int
        First and last year.
    lookup : alliancelab.panels.lookup.Lookup
        The warehouse lookup.

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go

    from alliancelab.measures import portfolios, similarity
    from alliancelab.measures.similarity._api import _pair_similarity

    check_choice("measure", measure, similarity.MEASURES)
    portfolios.check_years(start, end)
    pairs = lookup.parse_pairs(pairs_text)
    if len(pairs) > MAX_PAIRS:
        raise ParameterError(f"argument pairs: {len(pairs)} pairs given; at most {MAX_PAIRS} are drawn at once")
    # the portfolios of every year are built once per process (one entry: bounded) and read for any span
    loaded = lookup.cached("web_portfolios_either", lambda: portfolios._load_portfolios(lookup.con))
    fig = go.Figure()
    rows = []
    for a, b in pairs:
        label = f"{lookup.abbreviation(a)}-{lookup.abbreviation(b)}"
        frame = _pair_similarity(a, b, start, end, [measure], con=lookup.con, portfolios=loaded)
        series = frame.set_index("year")[measure].reindex(range(start, end + 1))
        fig.add_trace(
            go.Scatter(
                x=series.index,
                y=series.to_numpy(),
                mode="lines+markers",
                marker={"size": 3},
                name=label,
                connectgaps=False,
            )
        )
        values = frame[measure].dropna()
        rows.append(
            {
                "pair": label,
                "years with both members": len(frame),
                "first year": int(frame["year"].min()) if len(frame) else None,
                "last year": int(frame["year"].max()) if len(frame) else None,
                "mean": float(values.mean()) if len(values) else None,
                "min": float(values.min()) if len(values) else None,
                "max": float(values.max()) if len(values) else None,
                f"in {end}": float(series.iloc[-1]) if not pd.isna(series.iloc[-1]) else None,
            }
        )
    fig.update_layout(
        title=f"{measure} between selected pairs, {start}-{end} (ATOP 5.1, COW states)",
        xaxis_title="year",
        yaxis_title=measure,
        yaxis_range=[-1.05, 1.05],
        template="plotly_white",
        height=460,
    )
    names = ["atop_dyads", "states"] + (["nmc"] if "weighted" in measure and "unweighted" not in measure else [])
    parts = [
        pages.figure(fig, "similarity"),
        pages.table(pd.DataFrame(rows)),
        pages.paragraph(
            "Gaps are years in which either state is not a COW system member (e.g. Germany "
            "1946-1989). S: Signorino & Ritter 1999; tau-b: Bueno de Mesquita 1975; kappa, pi: "
            "Haege 2011; see docs/similarity.md.",
            "note",
        ),
        pages.heading("Sources"),
        pages.Markup("<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in lookup.citations(names)) + "</ul>"),
    ]
    return pages.Markup("").join(parts), True


def simulation_params(query):
    """Simulation parameters from the simulation page's form values.

    The web limits on size (``WEB_MAX_STATES``, ``WEB_MAX_STEPS``) are checked first.

    Parameters
    ----------
    query : dict
        The page's form values (the keys of ``SIM_DEFAULTS``).

    Returns
    -------
    alliancelab.sim.model.SimParams

    Raises
    ------
    ParameterError
        Naming the value out of range.
    """
    from alliancelab.sim.model import SimParams

    check_range("n_states", query["n_states"], 2, WEB_MAX_STATES)
    check_range("n_steps", query["n_steps"], 1, WEB_MAX_STEPS)
    check_range("seed", query["seed"], 0, None)
    return SimParams.from_dict(
        {
            "n_states": query["n_states"],
            "n_steps": query["n_steps"],
            "strategy_mix": parse_mix(query["strategy"]),
            "geography": query["geography"],
            "start_year": query["start_year"],
            "n_great_powers": query["n_great_powers"],
        }
    )


def simulation_body(query, warehouse):
    """Body of the simulation page: one run, its outcome, its series over time and its final map.

    Parameters
    ----------
    query : dict
        The page's form values (the keys of ``SIM_DEFAULTS``).
    warehouse : path or None
        The warehouse (None: the configured one).

    Returns
    -------
    tuple of (markupsafe.Markup, bool)
        The page's HTML fragment, and whether it holds Plotly figures.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from alliancelab.sim import runs

    params = simulation_params(query)
    result = runs.run(params, query["seed"], warehouse=warehouse)
    series = result.series
    fig = make_subplots(
        rows=2,
        cols=2,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=("surviving states", "alliances", "wars per turn", "concentration (Ray-Singer CON)"),
    )
    for (r, c), column in zip(((1, 1), (1, 2), (2, 1), (2, 2)), ("n_alive", "n_alliances", "n_wars", "concentration")):
        fig.add_trace(
            go.Scatter(x=series["step"], y=series[column], mode="lines", name=column, showlegend=False), row=r, col=c
        )
    fig.update_xaxes(title_text="turn", row=2)
    fig.update_layout(height=560, template="plotly_white", margin={"t": 60})
    summary = pd.DataFrame(
        {
            "outcome": list(result.summary),
            "value": [
                "" if v is None else (f"{v:.4f}" if isinstance(v, float) else str(v)) for v in result.summary.values()
            ],
        }
    )
    replay_query = urllib.parse.urlencode(query)
    command = (
        f"alliancelab simulate run --states {params.n_states} --steps {params.n_steps} "
        f"--strategy '{query['strategy']}' --map {params.geography} --year {params.start_year} "
        f"--great-powers {params.n_great_powers} --seed {result.seed[0]}"
    )
    parts = [
        pages.heading("Parameters and seed (the run is a pure function of these)"),
        pages.Markup(
            f'<p>seed <strong id="seed">{result.seed[0]}</strong>, model version '
            f"{pages.escape(_model_version())}; replay: "
            f"{pages.link('/simulation?' + replay_query, 'this page')} or "
            f"<code>{pages.escape(command)}</code></p>"
        ),
        pages.Markup(
            f'<details><summary>all parameters (JSON)</summary><pre id="params">'
            f"{pages.escape(params.to_json())}</pre></details>"
        ),
        pages.heading("Outcome"),
        pages.table(summary),
        pages.heading("Over time"),
        pages.figure(fig, "simulation-series"),
        pages.heading(f"Final map (turn {result.steps_run})"),
        pages.figure(final_map(result), "simulation-map"),
    ]
    if result.citations:
        parts.append(pages.Markup("<ul>" + "".join(f"<li>{pages.escape(c)}</li>" for c in result.citations) + "</ul>"))
    return pages.Markup("").join(parts), True


def _model_version():
    from alliancelab.sim.model import MODEL_VERSION

    return MODEL_VERSION


def final_map(result):
    """Who owns each original province at the end of a run.

    A Voronoi map of the capitals for synthetic maps (the raster of ``figures.simulation``), the capitals
    themselves for historical maps.

    Parameters
    ----------
    result : alliancelab.sim.runs.RunResult
        A finished run (with its snapshots).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    from alliancelab.figures import simulation as plots

    owner = result.snapshots[-1]
    labels = result.states["label"].astype(str).to_numpy()
    n = len(owner)
    colour = np.arange(n) % len(plots.PALETTE)
    survivors = np.unique(owner)
    coords = result.coords
    hover = [f"{labels[q]} held by {labels[owner[q]]}" for q in range(n)]
    fig = go.Figure()
    if "lon" in coords:
        fig.add_trace(
            go.Scatter(
                x=coords["lon"],
                y=coords["lat"],
                mode="markers+text",
                text=list(labels),
                textposition="top center",
                hovertext=hover,
                hoverinfo="text",
                marker={"size": 11, "color": list(plots.PALETTE[colour[owner]])},
            )
        )
        fig.update_layout(xaxis_title="longitude", yaxis_title="latitude")
    else:
        gx, gy, nearest = plots.raster(coords, owner)
        scale = [[i / (len(plots.PALETTE) - 1), c] for i, c in enumerate(plots.PALETTE)]
        fig.add_trace(
            go.Heatmap(
                z=colour[owner[nearest]],
                x=gx,
                y=gy,
                colorscale=scale,
                zmin=0,
                zmax=len(plots.PALETTE) - 1,
                showscale=False,
                customdata=owner[nearest],
                hovertemplate="held by state %{customdata}<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=coords["x"].to_numpy()[survivors],
                y=coords["y"].to_numpy()[survivors],
                mode="markers",
                marker={"size": 6, "color": "black"},
                hovertext=[f"capital of {labels[q]}" for q in survivors],
                hoverinfo="text",
            )
        )
        fig.update_xaxes(showticklabels=False)
        fig.update_yaxes(showticklabels=False, scaleanchor="x")
    fig.update_layout(
        title=f"{len(survivors)} of {n} states left after {result.steps_run} turns "
        f"(colour = owner; black dots: surviving capitals)",
        showlegend=False,
        template="plotly_white",
        height=560,
    )
    return fig
