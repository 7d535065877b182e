"""`gongkai minutes parse FILE [--json]` and `gongkai minutes reparse`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.minutes import records
from gongkai.minutes.contract import MeetingJSON
from gongkai.minutes.models import MeetingRecord
from tests.test_minutes_records import MINUTES_TEXT, TITLE, publish_minutes, qinghe

NAVIGATION = "首页\n政务公开\n信息公开目录\n"
METADATA = f"信息名称: {TITLE}\n索 引 号: 100000002/2024-00003\n体裁分类: 会议纪要\n发布机构: 区政府办\n"
FOOTER = "打印 关闭\n主办单位:青禾区人民政府办公室\n"
FIXTURES = Path(__file__).parent / "fixtures"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def parse(path: Path, *flags: str) -> str:
    out = StringIO()
    call_command("minutes", "parse", str(path), *flags, stdout=out)
    return out.getvalue()


@pytest.fixture
def page_txt(tmp_path: Path) -> Path:
    return write(tmp_path, "minutes.txt", NAVIGATION + METADATA + TITLE + "\n" + MINUTES_TEXT + FOOTER)


def test_json_is_exactly_the_contract(page_txt: Path):
    data = json.loads(parse(page_txt, "--json"))
    assert list(data) == list(MeetingJSON.__annotations__)
    assert (data["meeting_no"], data["date"], data["chair"]) == ("第9次", "2024-03-12", "林若川")
    assert data["attendees"] == ["林若川", "宋知远", "顾岚", "白一鸣"]
    assert [i["n"] for i in data["items"]] == [1, 2, 3]
    assert data["items"][0]["sponsor"] == "区住房和城乡建设局" and data["items"][0]["action"] == "审议"


def test_json_keys_start_with_the_gold_annotations_keys(page_txt: Path):
    # A development set's gold minutes, in the format `gongkai bench scores` reads (a made-up one).
    gold = json.loads((FIXTURES / "devset" / "gold_minutes.json").read_text(encoding="utf-8"))
    annotated = next(iter(gold.values()))
    data = json.loads(parse(page_txt, "--json"))
    assert list(data)[: len(annotated)] == list(annotated)
    assert list(data["items"][0])[: len(annotated["items"][0])] == list(annotated["items"][0])


def test_html_and_json_pages_parse_alike(tmp_path: Path, page_txt: Path):
    paragraphs = "".join(f"<p>{line}</p>" for line in MINUTES_TEXT.splitlines())
    html = (f"<html><head><title>{TITLE}</title></head><body><nav>首页 政务公开</nav>"
            f"<div class='article'><h1>{TITLE}</h1>{paragraphs}</div><footer>{FOOTER}</footer></body></html>")
    as_html = json.loads(parse(write(tmp_path, "m.html", html), "--json"))
    as_json = json.loads(parse(write(tmp_path, "m.json", json.dumps({"url": None, "text": page_txt.read_text()})),
                               "--json"))
    expected = json.loads(parse(page_txt, "--json"))
    assert as_html == expected == as_json


def test_the_readable_form_shows_facts_attendance_and_items(page_txt: Path):
    out = parse(page_txt)
    assert "会议: 区政府第9次常务会议" in out
    assert "出席: 林若川、宋知远、顾岚、白一鸣" in out and "记录: 韩素" in out
    assert "1. [审议] 《青禾区老旧小区改造三年行动计划》" in out
    assert "   提出: 区住房和城乡建设局" in out and "   后续: 提请区委常委会审议" in out
    assert "   要求 [区住建局、区财政局、发改部门]: " in out


def test_the_richest_text_wins_when_the_body_lost_the_attendee_block():
    body, _, block = MINUTES_TEXT.partition("出  席")
    meeting = records.best_parse([body, NAVIGATION + MINUTES_TEXT])
    assert meeting.attendees == ["林若川", "宋知远", "顾岚", "白一鸣"] and len(meeting.items) == 3
    assert records.best_parse([NAVIGATION + MINUTES_TEXT, body]).recorder == "韩素"
    assert records.best_parse(["", "  "]).items == []


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", "", "empty file"),
    ("scan.txt", b"%PDF-1.7 binary", "binary file, not a page"),
    ("notice.txt", METADATA.replace("会议纪要", "通知") + "关于做好防汛工作的通知\n各镇人民政府:\n现将有关事项通知如下。\n",
     "no meeting minutes found"),
    ("broken.json", "{not json", "not valid JSON"),
])
def test_bad_input_is_one_line_naming_the_file_and_the_reason(tmp_path: Path, name, content, reason):
    path = write(tmp_path, name, content)
    with pytest.raises(CommandError) as failure:
        parse(path, "--json")
    message = str(failure.value)
    assert failure.value.returncode == 1
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


def test_a_missing_file_is_bad_input_too(tmp_path: Path):
    with pytest.raises(CommandError, match="missing.txt: cannot read file"):
        parse(tmp_path / "missing.txt")


def test_a_whole_page_parses_completely():
    data = json.loads(parse(FIXTURES / "minutes" / "qinghe_numbered.txt", "--json"))
    assert data["meeting_no"] == "第12次" and data["date"] == "2024-03-06" and not data["truncated"]
    assert len(data["items"]) == 5 and len(data["attendees"]) == 6 and len(data["nonvoting_attendees"]) == 4
    assert [i["sponsor"] for i in data["items"][:2]] == ["区教育局", "区财政局"]


@pytest.mark.django_db
def test_reparse_restores_what_staff_did_not_correct_and_finds_stale_records():
    doc = publish_minutes(qinghe()["office"])
    MeetingRecord.objects.filter(document=doc).update(location="", chair="林若川同志", corrected_fields=["chair"],
                                                      parser_version="old")
    out = StringIO()
    call_command("minutes", "reparse", "--stale", stdout=out)
    record = MeetingRecord.objects.get(document=doc)
    assert (record.location, record.chair) == ("区行政中心三楼会议室", "林若川同志")
    assert record.parser_version == records.PARSER_VERSION
    assert out.getvalue().startswith("1 minutes parsed")
    out = StringIO()
    call_command("minutes", "reparse", "--stale", stdout=out)
    assert out.getvalue().startswith("0 minutes parsed")
