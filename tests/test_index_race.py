"""Index numbers stay unique when many clerks publish at the same moment (run on both databases)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.catalog import actions
from gongkai.catalog.models import Document
from tests import factories as f

WORKERS = 12


@pytest.mark.django_db(transaction=True)
def test_parallel_publishing_issues_each_serial_once():
    ag = f.agency(code="014133058")
    drafts = [f.document(ag, f"草稿{i}", publish=False) for i in range(WORKERS)]
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def publish(doc: Document) -> None:
        try:
            start.wait()
            actions.publish(None, doc, day=dt.date(2024, 5, 6), system=True)
        except BaseException as exc:  # collected and asserted below: a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(Document.objects.values_list("index_no", flat=True))
    assert numbers == [f"014133058/2024-{i:05d}" for i in range(1, WORKERS + 1)]
    if connection.vendor == "postgresql":
        assert connection.settings_dict["NAME"].startswith("test_")
