"""Property: whatever a page holds, `gongkai import` reads it into the catalog or refuses it with a
PageError (one line naming the file) — never another exception, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from gongkai.importer.extract import extract
from gongkai.importer.load import save_record
from gongkai.importer.pages import PageError, read_page
from tests.fuzzing import any_text, bounded

pytestmark = pytest.mark.django_db

json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), any_text),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
                          max_leaves=8)
json_page = st.fixed_dictionaries({}, optional={"url": st.one_of(any_text, json_value), "text": any_text,
                                                "html": any_text, "extra": json_value})
pages = st.one_of(
    st.tuples(st.just(".txt"), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".html"), any_text.map(lambda t: f"<html><body>{t}</body></html>".encode("utf-8", "surrogatepass"))),
    st.tuples(st.just(".json"), json_page.map(lambda d: json.dumps(d).encode())),
    st.tuples(st.sampled_from([".txt", ".html", ".json", ""]), st.binary(max_size=300)),
)


def import_one(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_bytes(data)
        try:
            record = extract(read_page(path), derive_title=True)
            with transaction.atomic():  # as the command does: one page, one transaction
                save_record(record)
        except PageError as exc:
            assert str(exc).strip() and "\n" not in str(exc)


@bounded(150)
@given(pages)
def test_no_page_crashes_the_importer(page):
    import_one(*page)


@bounded(60)
@given(title=any_text, index_no=any_text, publisher=any_text, doc_no=any_text, url=any_text)
def test_no_metadata_value_crashes_the_importer(title, index_no, publisher, doc_no, url):
    text = f"信息名称: {title}\n索引号: {index_no}\n发布机构: {publisher}\n文件编号: {doc_no}\n{title}\n正文第一句。\n"
    import_one(".json", json.dumps({"url": url, "text": text}).encode())
