"""gongkai ask "QUESTION" [--json]: answer a question from the published catalog, quoting it.

With --json, one object: `{"answer": text or null, "citations": [{"index_no", "title", "url",
"quote", …}], "confidence": number, …}` (`gongkai.qa.service.answer_json`). Pending catalog changes
are indexed first, so that a page imported a moment ago can already answer.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from gongkai.qa import service
from gongkai.qa.answer import NOT_FOUND
from gongkai.qa.contract import Answer
from gongkai.search.indexing import catch_up


def absolute(path: str) -> str:
    return settings.SITE_URL + path if path.startswith("/") else path


class Command(BaseCommand):
    help = "智能问答：依据已公开的信息回答问题 / Answer a question from the published catalog"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("question")
        parser.add_argument("--json", action="store_true", help="the answer as one JSON object")

    def handle(self, *args: Any, **opts: Any) -> None:
        catch_up()
        result = service.ask(opts["question"])
        if opts["json"]:
            self.stdout.write(json.dumps(service.answer_json(result, absolute), ensure_ascii=False))
        elif result.refused:
            self._refusal(result)
        else:
            self._answer(result)

    def _answer(self, result: Answer) -> None:
        cited = result.citations[0]
        self.stdout.write(f"答：{result.answer}")
        for citation in result.citations:
            self.stdout.write(f"原文：“{citation.quote}”")
        self.stdout.write(f"出处：《{cited.title}》 {cited.index_no or ''} {absolute(cited.url)}".rstrip())
        if result.validity_note:
            self.stdout.write(f"注意：{result.validity_note}")
        self.stdout.write(f"（置信度 {result.confidence:.2f}）")

    def _refusal(self, result: Answer) -> None:
        self.stdout.write(result.message)
        if not result.message.startswith(NOT_FOUND):
            return  # input that is no question: the message says what to change
        hits = service.closest(result.question)
        if hits:
            self.stdout.write("相近的公开信息：")
            for hit in hits:
                self.stdout.write(f"  《{hit.title}》 {hit.index_no or ''} {absolute(hit.url)}")
        self.stdout.write(service.APPLY_STEPS)
        page = service.application_url()
        if page:
            self.stdout.write(f"服务大厅：{absolute(page)}")
