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

Layout of this package (the public names are re-exported here; import ``alliancelab.web.app``):
``_serving`` (limits, the page cache, the query bound and the HTTP status of an error), ``_routes``
(``create_app``: the routes, the worker thread and the request path), ``_bodies`` (the home, report, threat
and similarity page bodies) and ``_simulation`` (the simulation page body and its final map). The theory
pages are in ``pages_theory``, the HTML layout in ``pages``.
"""

from alliancelab.web.app._bodies import home_body, report_body, similarity_body, threat_body
from alliancelab.web.app._routes import create_app
from alliancelab.web.app._serving import (
    CACHE_BYTES,
    FIELD_LABELS,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_PAIRS,
    MAX_QUERY_CHARS,
    SIM_DEFAULTS,
    TIME_LIMIT_S,
    WEB_MAX_STATES,
    WEB_MAX_STEPS,
    YEAR_LABEL,
    BoundedQuery,
    PageCache,
    log,
    status_for,
)
from alliancelab.web.app._simulation import final_map, simulation_body, simulation_params

__all__ = [
    "BoundedQuery",
    "CACHE_BYTES",
    "FIELD_LABELS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_PAIRS",
    "MAX_QUERY_CHARS",
    "PageCache",
    "SIM_DEFAULTS",
    "TIME_LIMIT_S",
    "WEB_MAX_STATES",
    "WEB_MAX_STEPS",
    "YEAR_LABEL",
    "create_app",
    "final_map",
    "home_body",
    "log",
    "report_body",
    "similarity_body",
    "simulation_body",
    "simulation_params",
    "status_for",
    "threat_body",
]
