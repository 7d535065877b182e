"""schemathesis against /api/openapi.json, in process through the WSGI app: for every operation, cases
generated from the schema (valid and invalid) get no server error, and each response conforms to the
schema (status code documented, content type, body). A fictional 青禾区's catalog and minutes behind it."""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from gongkai.search import indexing
from gongkai.wsgi import application
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=False)

EXAMPLES = 25  # per operation: every operation of the API within about a minute


@pytest.fixture(autouse=True)
def catalog(settings, tmp_path):
    # Requests go through the WSGI handler, whose request signals close the database connection; the
    # test's transaction must survive them (Django's own test client does the same).
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKEND = "tantivy"
    settings.LLM_URL = ""
    settings.API_RATE_LIMIT = 0  # hundreds of requests from one address: the rate limit is not under test here
    indexing.reader.cache_clear()
    office = f.agency()
    f.document(office, "青禾区政府第12次常务会议纪要", genre=None, day=dt.date(2024, 5, 10), body_html=(
        "<p>2024年5月6日上午，区长林晓舟在区政务中心主持召开区政府第12次常务会议，纪要如下：</p>"
        "<p>一、会议审议了《青禾区老旧小区改造三年行动方案》</p><p>会议原则同意区住建局提交的方案。</p>"))
    f.document(office, "青禾区小微企业贷款贴息办法", doc_no="青政办发〔2023〕8号",
               body_html="<p>第五条 贴息比例为贷款利息的60%。</p>")
    indexing.catch_up()
    yield
    indexing.reader.cache_clear()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Read from the app itself (the OpenAPI document is built without the database).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_conforms_and_never_fails_on_the_server(case):
    # Every other check runs. A schema-valid request may still be refused with the documented 400 and a
    # reason ("。。。" has no word to search, year 0 is no year), which a JSON schema cannot express.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
