"""The dashboard against its own OpenAPI schema (schemathesis): no generated request gives a 5xx.

Schemathesis reads the schema FastAPI publishes at /openapi.json and generates requests for every
route: values that fit the declared types (positive phase) and values that do not (negative phase:
wrong types, missing or extra parameters). Every answer must be below 500; a refused value is a 4xx
page with a message. Sizes are bounded by the dashboard itself (300 states, 2,000 steps, 20 pairs), so
the generated requests stay cheap; a per-route example cap bounds the whole test.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from alliancelab.web.app import create_app  # noqa: E402

EXAMPLES = int(os.environ.get("ALLIANCELAB_SCHEMA_EXAMPLES", "6"))
TIME_LIMIT_S = 120.0


# the app reads the session's warehouse ($ALLIANCELAB_WAREHOUSE, built by the warehouse_path fixture);
# its schema does not need it, so the schema is read here, at collection
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(time_limit_s=TIME_LIMIT_S))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_the_schema_allows_or_forbids_gives_a_5xx(case, warehouse_path):
    response = case.call(timeout=TIME_LIMIT_S + 60)
    # the one 5xx by design: 503 when a page outlasts the time limit (a loaded machine), with its message
    overloaded = response.status_code == 503 and f"longer than the {TIME_LIMIT_S:g} s limit" in response.text
    assert response.status_code < 500 or overloaded, (
        f"{case.method} {case.formatted_path} {case.query}: {response.status_code}\n{response.text[-1500:]}"
    )
    assert "Traceback" not in response.text
