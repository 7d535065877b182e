"""`gongkai demo`: a fictional district's catalog, well-formed and reproducible.

That it names no place or person of a development set is checked against the set itself, outside
the tests: `gongkai bench names --set DIR`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.accounts.models import Agency
from gongkai.catalog.demo.generator import plan, write
from gongkai.catalog.models import Document, Term
from gongkai.lib.text import fold_width

N, SEED = 40, 7
NATIONAL_INDEX = re.compile(r"^[0-9A-Z]{9}/\d{4}-\d{5}$")
CJK = "[\u4e00-\u9fff]"


@pytest.fixture
def demo(db: None) -> str:
    out = StringIO()
    call_command("demo", docs=N, seed=SEED, stdout=out)
    return out.getvalue()


def test_fills_the_catalog_and_says_where_to_look(demo: str) -> None:
    assert Document.objects.count() == N
    assert Agency.objects.count() >= 15
    assert f"{N} documents" in demo
    assert "gongkai serve" in demo and "http://127.0.0.1:8000/" in demo
    office = Agency.find("政府办")
    assert office is not None and office.name == "青禾区人民政府办公室"


def test_index_numbers_are_national_unique_and_the_agencys(demo: str) -> None:
    docs = list(Document.objects.select_related("agency"))
    assert all(NATIONAL_INDEX.match(d.index_no or "") for d in docs)
    assert len({d.index_no for d in docs}) == N
    for doc in docs:
        assert doc.index_no.startswith(f"{doc.agency.code}/{doc.published_date.year}-")


def test_documents_are_classified_dated_and_written(demo: str) -> None:
    for doc in Document.objects.all():
        assert doc.topic and doc.genre and doc.combo, doc.title
        assert doc.created_date <= doc.published_date
        assert 2022 <= doc.published_date.year <= 2026
        assert doc.body_html.startswith("<p>") and doc.summary and doc.keywords
    assert Document.objects.filter(combo__name="政府信息公开年报").count() == 4
    assert Document.objects.exclude(doc_no="").filter(doc_no__regex=r"^青.+〔20\d\d〕\d+号$").exists()


def test_some_are_abolished_and_some_withdrawn_with_a_reason(demo: str) -> None:
    assert any(d.validity == "废止" for d in Document.objects.exclude(abolished_date=None))
    withdrawn = Document.objects.filter(status=Document.WITHDRAWN)
    assert withdrawn.count() >= 2
    assert all(d.withdrawn_reason for d in withdrawn)


def test_minutes_follow_the_seeds_form(demo: str) -> None:
    minutes = Document.objects.filter(genre__name="会议纪要", combo__name="政府会议")
    assert minutes.count() >= 3
    for doc in minutes:
        assert re.fullmatch(r"区政府第\d+次常务会议纪要", doc.title)
        text = fold_width(doc.body_text)  # the signature block's no-break spaces become plain ones here
        assert re.search(r"^一、会议(审议|听取)了", text, re.M)
        assert re.search(r"^会议原则同意区\S+?提出的", text, re.M)
        assert re.search(r"^会议(指出|强调|要求),", text, re.M)
        for label in ("出席", "列席", "主持", "记录"):
            assert re.search(rf"^{label[0]}\s+{label[1]}:{CJK}", text, re.M), label
        assert text.splitlines()[-3:-2] == ["云川市青禾区人民政府办公室整理"]
        assert text.splitlines()[-1] == "(此件公开发布)"


def test_refuses_a_non_empty_catalog_unless_forced(demo: str) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("demo", docs=5, stdout=StringIO())
    assert refused.value.returncode == 1
    assert Document.objects.count() == N
    call_command("demo", docs=5, seed=SEED + 1, force=True, stdout=StringIO())
    assert Document.objects.count() == N + 5
    assert Document.objects.values("index_no").distinct().count() == N + 5


def test_the_catalog_written_is_the_seeds_plan(demo: str) -> None:
    assert sorted(Document.objects.values_list("title", flat=True)) == sorted(s.title for s in plan(N, SEED))


@pytest.mark.django_db
def test_a_failure_part_way_leaves_nothing_behind() -> None:
    specs = plan(10, SEED)
    broken = replace(specs[-1], genre="没有这个体裁")
    with pytest.raises(Term.DoesNotExist):
        write([*specs[:-1], broken])
    assert not Document.objects.exists() and not Agency.objects.exists()


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    assert plan(N, SEED) == plan(N, SEED)
    assert plan(N, SEED) != plan(N, SEED + 1)


def test_no_two_documents_have_the_same_body() -> None:
    specs = plan(300, SEED)
    assert len({s.body_html() for s in specs}) == len(specs)


@pytest.mark.django_db
def test_if_empty_succeeds_without_adding_when_documents_exist():
    from io import StringIO

    from django.core.management import call_command

    from gongkai.catalog.models import Document

    call_command("demo", "--docs", "5", stdout=StringIO())
    out = StringIO()
    call_command("demo", "--docs", "5", "--if-empty", stdout=out)
    assert Document.objects.count() == 5 and "no demo content added" in out.getvalue()
