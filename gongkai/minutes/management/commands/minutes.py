"""gongkai minutes parse FILE [--json] | reparse [--stale] [DOCUMENT_ID …]

`parse` reads a saved page the way `gongkai import` does and prints the meeting it describes; with
--json exactly `Meeting.to_json()`. `reparse` parses published documents again (after a parser
upgrade, say), keeping what staff corrected.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from gongkai.importer.pages import PageError
from gongkai.minutes.contract import AgendaItem, Meeting
from gongkai.minutes.records import parse_file


class Command(BaseCommand):
    help = "解析会议纪要 / Parse meeting minutes: parse FILE [--json]; reparse [--stale] [ID …]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        parse = sub.add_parser("parse", help="print the structure of a saved page (.html, .txt, .json)")
        parse.add_argument("file")
        parse.add_argument("--json", action="store_true", help="print Meeting.to_json()")
        again = sub.add_parser("reparse", help="parse published documents again, keeping staff corrections")
        again.add_argument("ids", nargs="*", type=int, help="document ids (default: all published documents)")
        again.add_argument("--stale", action="store_true", help="only records parsed by an older parser")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "parse":
            self._parse(Path(opts["file"]), opts["json"])
        else:
            self._reparse(opts["ids"], opts["stale"])

    def _parse(self, path: Path, as_json: bool) -> None:
        try:
            meeting = parse_file(path)
        except PageError as exc:
            raise CommandError(f"{path}: {exc}", returncode=1) from None
        if as_json:
            self.stdout.write(json.dumps(meeting.to_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(describe(meeting)))

    def _reparse(self, ids: list[int], stale: bool) -> None:
        from gongkai.catalog.models import Document
        from gongkai.minutes import records
        from gongkai.minutes.models import MeetingRecord

        docs = Document.objects.filter(status=Document.PUBLISHED)
        if ids:
            docs = docs.filter(pk__in=ids)
        if stale:
            old = MeetingRecord.objects.exclude(parser_version=records.PARSER_VERSION)
            docs = docs.filter(pk__in=old.values("document_id"))
        found = 0
        for doc in docs.select_related("genre").iterator():
            with transaction.atomic():  # one document at a time, like the catalog's actions
                found += records.refresh(doc) is not None
        self.stdout.write(f"{found} minutes parsed (parser {records.PARSER_VERSION})")


def describe(meeting: Meeting) -> list[str]:
    """The meeting as a clerk reads it: facts, attendance, then each item."""
    facts = [
        ("会议", "".join(filter(None, (meeting.body, meeting.meeting_no, meeting.kind)))),
        ("日期", " ".join(filter(None, (meeting.date, meeting.date_text and f"({meeting.date_text})")))),
        ("地点", meeting.location), ("主持召开", meeting.chair), ("主持", meeting.presider),
        ("出席", "、".join(meeting.attendees)), ("列席", "、".join(meeting.nonvoting_attendees)),
        ("请假", "、".join(meeting.absent)), ("记录", meeting.recorder),
        ("整理", " ".join(filter(None, (meeting.compiled_by, meeting.compiled_date)))),
        ("公开", meeting.publication_note),
    ]
    lines = [f"{label}: {value}" for label, value in facts if value]
    if meeting.truncated:
        lines.append("(页面不完整:只列出完整可见的议题)")
    for item in meeting.items:
        lines += describe_item(item)
    return lines


def describe_item(item: AgendaItem) -> list[str]:
    lines = [f"{item.n}. [{item.action or '-'}] {item.title}"]
    lines += [f"   文件: 《{d}》" for d in item.documents]
    if item.sponsors:
        lines.append(f"   提出: {item.sponsor}")
    if item.decision:
        lines.append(f"   决定({item.decision_kind or '-'}): {item.decision}")
    if item.follow_up:
        lines.append(f"   后续: {item.follow_up}")
    for r in item.remarks:
        addressed = f" [{'、'.join(r.departments)}]" if r.departments else ""
        lines.append(f"   {r.kind}{addressed}: {r.text}")
    return lines
