"""``create_app``: the dashboard's routes, its worker thread and the request path (cache, time limit, errors)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from alliancelab.errors import (
    AllianceLabError,
    check_range,
)
from alliancelab.web import pages
from alliancelab.web.app._bodies import home_body, report_body, similarity_body, threat_body
from alliancelab.web.app._serving import (
    CACHE_BYTES,
    FIELD_LABELS,
    FIRST_YEAR,
    LAST_YEAR,
    SIM_DEFAULTS,
    TIME_LIMIT_S,
    WEB_MAX_STATES,
    WEB_MAX_STEPS,
    YEAR_LABEL,
    BoundedQuery,
    PageCache,
    _plotly_js,
    log,
    status_for,
)
from alliancelab.web.app._simulation import simulation_body


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
