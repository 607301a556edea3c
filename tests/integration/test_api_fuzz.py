"""Schema-driven fuzzing of the gateway's public API (schemathesis strategies, hypothesis): no input
gets a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.integration


def test_no_input_gets_a_server_error(stack):
    schema = schemathesis.openapi.from_url(f"{stack.gateway_url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert any(op.path == "/api/chat" for op in operations)
    for operation in operations:
        fuzz(operation, stack.gateway_url)


def fuzz(operation, base_url: str) -> None:
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def never_a_server_error(case):
        response = case.call(base_url=base_url, timeout=30)
        assert response.status_code < 500, (operation.method, operation.path, response.status_code)

    never_a_server_error()
