"""What every request shares: the limits, the rendered-page cache, the query bound, error statuses."""

import logging
import threading
from collections import OrderedDict

from fastapi.responses import HTMLResponse

from alliancelab.data import facts
from alliancelab.errors import (
    DataMissingError,
    ParameterError,
    WarehouseError,
)
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


_PLOTLY_JS = []


def _plotly_js(get):
    if not _PLOTLY_JS:
        _PLOTLY_JS.append(get())
    return _PLOTLY_JS[0]
