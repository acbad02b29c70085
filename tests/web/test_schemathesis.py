"""Property-based run against the OpenAPI spec: no generated request may produce a 5xx."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from lagebild.web import create_app  # noqa: E402

MAX_EXAMPLES = 20  # per operation: bounded so the suite stays fast
CALLS: list[int] = []


@pytest.fixture(scope="module")
def api_schema(layered_db):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(layered_db))


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_server_errors(api_schema, mode):
    CALLS.clear()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    failures = []
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                  derandomize=True, database=None)
        def run(case):
            response = case.call()
            CALLS.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")
            case.validate_response(response, checks=[not_a_server_error])

        try:
            run()
        except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
            assert mode is GenerationMode.NEGATIVE
    assert not failures, failures
    assert len(CALLS) >= 10 * len(operations) // 2  # the run really generated requests
