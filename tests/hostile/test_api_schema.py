"""Schemathesis against /api/schema/: every documented JSON endpoint is fuzzed with data that fits
the schema and data that does not, in-process through the WSGI app. No 5xx, and every 4xx
carries a clear message.

The schema is loaded inside the test (it lists facet codes from the database, which is not
available at collection time), so the operations are driven with ``as_strategy`` rather than
``schema.parametrize``.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.django_db

EXAMPLES = 20


def _message_of(body) -> str:
    """The human message in our error shapes: search {"error": {"message"}}, Wagtail API
    {"message"}, DRF {"detail"}."""
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            return str(error.get("message", ""))
        for key in ("message", "detail", "error"):
            if isinstance(body.get(key), str):
                return body[key]
    return ""


def client_error_has_message(ctx, response, case):
    if 400 <= response.status_code < 500:
        if response.status_code == 404 and "{" in case.operation.path:
            return None  # an unknown id: "not found" is the message
        if response.status_code == 405:
            assert response.headers.get("allow"), "405 without an Allow header"
            return None  # the Allow header says which methods work
        try:
            body = json.loads(response.content)
        except ValueError as exc:
            raise AssertionError(f"{response.status_code} without a JSON body") from exc
        message = _message_of(body)
        assert len(message.strip()) >= 5, f"{response.status_code} without a clear message: {body!r}"[:500]
    return None


@pytest.fixture
def api_schema(demo):
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from config.wsgi import application

    # As Django's test client does: a request must not close the test's database connection (on
    # PostgreSQL that would end the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operations(api_schema):
    return [result.ok() for result in api_schema.get_all_operations()]


def test_schema_describes_the_json_endpoints(api_schema):
    paths = {operation.path for operation in _operations(api_schema)}
    assert {"/api/search/", "/api/v2/approaches/", "/api/v2/sessions/"} <= paths


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_survives_fuzzing(api_schema, mode):
    failures = []
    operations = _operations(api_schema)
    for operation in operations:

        @hypothesis_settings(
            max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            case.call_and_validate(checks=[not_a_server_error, client_error_has_message])

        try:
            run()
        except Unsatisfiable:
            # no parameters to get wrong (e.g. the open-data files): nothing negative to send
            assert mode == GenerationMode.NEGATIVE and not operation.query, operation.label
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, report together
            failures.append(f"{operation.label}: {exc}"[:3000])
    assert not failures, "\n\n".join(failures)


# --- the schema is derived, not restated ------------------------------------------------------------


def test_open_data_record_follows_the_export_columns(demo):
    from config.openapi import build_schema
    from practices import exports, taxonomy

    record = build_schema()["components"]["schemas"]["OpenDataRecord"]
    properties = record["properties"]
    assert list(properties) == exports.columns() == record["required"]
    for name, column_type in exports.column_types().items():
        assert properties[name].get("nullable", False) == column_type.endswith("?"), name
    assert properties["stage"]["enum"] == [*taxonomy.vocabulary("stage").codes, ""]
    assert properties["offers"]["items"]["enum"] == list(taxonomy.vocabulary("offer").codes)
    assert properties["partner_types"]["items"]["enum"] == list(taxonomy.vocabulary("partner_type").codes)
    assert "child_central:always" in properties["principles"]["items"]["enum"]
    assert "enum" not in properties["stage_label"]


def test_approach_schema_describes_every_field_the_api_offers(demo):
    from config.openapi import build_schema
    from practices.api import ApproachesAPIViewSet
    from practices.models import ApproachPage

    properties = build_schema()["components"]["schemas"]["Approach"]["properties"]
    offered = ApproachesAPIViewSet.get_available_fields(ApproachPage)
    assert set(properties) == {"meta", *offered} - set(ApproachesAPIViewSet.meta_fields)
    assert properties["evaluation_status"]["enum"][-1] == ""  # a code answer: its vocabulary, or empty
    assert properties["start_year"] == {"type": "integer", "nullable": True}
