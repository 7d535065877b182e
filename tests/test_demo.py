"""`gongkai demo`: a fictional district's catalog, well-formed and reproducible.

That it names no place or person of a development set is checked against the set itself, outside
the tests: `gongkai bench names --set DIR`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.accounts.models import Agency
from gongkai.catalog.demo import texts as T
from gongkai.catalog.demo.generator import ALL_SUBJECTS, LAST_DAY, DocSpec, plan, write
from gongkai.catalog.models import Document, Term
from gongkai.lib.html import html_to_text
from gongkai.lib.text import fold_width
from gongkai.minutes.models import MeetingRecord
from gongkai.minutes.records import best_parse

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
    # what it says to run next works from the checkout: `make serve`, or the script's own path
    assert "`make serve`" in demo and "http://127.0.0.1:8000/" in demo
    serve = re.search(r"`(\S+) serve`", demo.replace("`make serve`", ""))
    assert serve and (serve.group(1) == "gongkai" or serve.group(1).endswith("/gongkai")), demo
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


def test_a_withdrawn_document_is_abolished_by_the_one_that_replaced_it(demo: str, client) -> None:
    """Its 废止日期 row shows the day and 废止, never 有效; the newer notice says it abolishes it."""
    for doc in Document.objects.filter(status=Document.WITHDRAWN):
        assert doc.abolished_date and doc.validity == "废止", doc.title
        newer = Document.objects.get(doc_no=re.search(r"已被(\S+?号)文件替代", doc.withdrawn_reason).group(1))
        assert newer.status == Document.PUBLISHED and newer.published_date == doc.abolished_date
        assert f"{doc.doc_no}文件同时废止" in newer.body_text
        day = doc.abolished_date
        assert f"{day.year}年{day.month}月{day.day}日起废止" in doc.withdrawn_reason
        page = client.get(doc.get_absolute_url())
        row = re.search(r"废止日期</th><td[^>]*>(.*?)</td>", page.content.decode(), re.S).group(1)
        assert doc.abolished_date.isoformat() in row and "废止" in row and "有效" not in row
    abolished = Document.objects.exclude(abolished_date=None)
    assert all(d.validity == "废止" for d in abolished)  # every 废止日期 of the demo is past


def test_meetings_are_numbered_in_the_order_they_were_held(demo: str) -> None:
    meetings = list(MeetingRecord.objects.order_by("meeting_no_int").select_related("document"))
    assert len(meetings) >= 3 and [m.meeting_no_int for m in meetings] == list(range(1, len(meetings) + 1))
    for before, after in zip(meetings, meetings[1:]):
        assert before.date < after.date, (before.meeting_no, after.meeting_no)
        assert before.document.published_date < after.document.published_date


def test_minutes_follow_the_seeds_form(demo: str) -> None:
    minutes = Document.objects.filter(genre__name="会议纪要", combo__name="政府会议")
    assert minutes.count() >= 3
    for doc in minutes:
        assert re.fullmatch(r"区政府第\d+次常务会议纪要", doc.title)
        text = fold_width(doc.body_text)  # the signature block's no-break spaces become plain ones here
        assert re.search(r"^一、会议(审议|听取|传达学习)了", text, re.M)
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


# --- the minutes of a whole demo: what the parser reads, in what order, deciding what ---------------------

PLAN = 300  # the default demo


def _minutes(specs: list[DocSpec]) -> list[DocSpec]:
    return sorted((s for s in specs if s.kind == "minutes"), key=lambda s: int(re.search(r"\d+", s.title)[0]))


def _matters(spec: DocSpec) -> list[str]:
    """The matters an agenda reviews or hears, a revised draft named as its first version."""
    found = (re.match(r"[一二三四五六七八九十]+、会议(?:审议|听取)了(.+)", b) for b in spec.blocks if isinstance(b, str))
    return [m.group(1).replace("(修改稿)", "").replace("（修改稿）", "") for m in found if m]


def test_every_meeting_is_held_filed_and_published_after_the_one_before_it() -> None:
    minutes = _minutes(plan(PLAN, SEED))
    assert len(minutes) > 40
    for before, after in zip(minutes, minutes[1:]):
        assert after.held - before.held >= dt.timedelta(days=7), after.title
        assert before.created < after.created and before.published < after.published, after.title
        assert after.held < after.created < after.published


def test_the_parser_reads_every_demo_meeting_as_planned() -> None:
    """Number, date and each item's decision kind: the demo is written in forms the parser knows."""
    for spec in _minutes(plan(PLAN, SEED)):
        body = html_to_text(spec.body_html())
        meeting = best_parse([f"{spec.title}\n\n{body}", body])
        assert meeting.meeting_no_int == int(re.search(r"\d+", spec.title)[0])
        assert meeting.date == spec.held.isoformat(), spec.title
        assert tuple(item.decision_kind for item in meeting.items) == spec.decisions, spec.title


def test_decisions_vary_and_a_matter_comes_up_at_most_twice() -> None:
    minutes = _minutes(plan(PLAN, SEED))
    kinds = Counter(k for spec in minutes for k in spec.decisions)
    assert {"原则同意", "通过", "同意", "决定", "听取", None} <= set(kinds)
    assert max(kinds.values()) < 0.35 * sum(kinds.values())
    seen = Counter(m for spec in minutes for m in _matters(spec))
    assert max(seen.values()) <= 2, seen.most_common(3)
    texts = {spec.title: "".join(b for b in spec.blocks if isinstance(b, str)) for spec in minutes}
    for matter, n in seen.items():
        if n == 2:  # sent back the first time, read as a revised draft the second
            first, second = [t for t in texts.values() if matter in t or matter.strip("《》") in t][:2]
            assert "再次提请区政府常务会议审议" in first or "暂缓出台" in first, matter
            assert "修改稿" in second or "稿" in matter, matter


def test_a_notice_names_the_meeting_that_adopted_it() -> None:
    specs = plan(PLAN, SEED)
    held = {int(re.search(r"\d+", s.title)[0]): s for s in specs if s.kind == "minutes"}
    cited = 0
    for spec in specs:
        m = re.search(r"《(.+?)》已经区政府第(\d+)次常务会议审议通过", "".join(b for b in spec.blocks if isinstance(b, str)))
        if m:
            cited += 1
            meeting = held[int(m.group(2))]
            assert meeting.held < spec.created, spec.title
            text = "".join(b for b in meeting.blocks if isinstance(b, str))
            assert re.search(rf"会议(原则同意|通过)\S+?提出的《{re.escape(m.group(1))}", text), spec.title
    assert cited >= 5


def test_matters_for_the_congress_are_demo_subjects() -> None:
    templates = {s[1] for _a, s in ALL_SUBJECTS}
    assert T.FOR_CONGRESS <= templates


def test_the_plan_is_the_same_in_any_process() -> None:
    """No set or hash order decides anything: two interpreters with different hash seeds plan alike."""
    code = ("import hashlib, django, os; "
            "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'gongkai.settings'); django.setup(); "
            "from gongkai.catalog.demo.generator import plan; "
            "print(hashlib.sha256(repr(plan(120, 7)).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, check=True).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_the_demo_texts_use_full_width_punctuation() -> None:
    half = re.compile(r"(?<=[\u4e00-\u9fff])[,:;?!()]|[,:;?!()](?=[\u4e00-\u9fff])")
    for spec in plan(PLAN, SEED):
        blocks = [b for b in spec.blocks if isinstance(b, str)]
        texts = (spec.title, spec.summary, spec.withdraw_reason, *blocks)
        assert not any(half.search(text) for text in texts), spec.title


def test_a_large_demo_keeps_its_meetings_in_order_and_in_its_window() -> None:
    specs = plan(2000, SEED)
    assert max(s.published for s in specs) <= LAST_DAY
    minutes = _minutes(specs)
    assert all(a.held < b.held and a.published < b.published for a, b in zip(minutes, minutes[1:]))
