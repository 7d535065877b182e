"""Asking the configured language model (GONGKAI_LLM_*, the client 智能问答 uses) for an English draft.

The model gets the document's title, summary and text and answers with one JSON object,
`{"title": …, "summary": …, "body": …}`. What it answers is kept as a `TranslationDraft` for staff
to read and correct; nothing reaches a public page until a person accepts it
(`catalog.actions.accept_translation`).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied

from gongkai.accounts import access
from gongkai.catalog import actions
from gongkai.catalog.models import Document, TranslationDraft
from gongkai.qa import llm

MAX_SOURCE_CHARS = 12_000  # a long document is translated in its first part; staff complete the rest
MIN_TIMEOUT = 60.0  # a whole document takes longer than one answer of 智能问答
UNAVAILABLE = "未配置语言模型（GONGKAI_LLM_URL 与 GONGKAI_LLM_MODEL），不能生成机器翻译稿；可直接在“英文版”中填写。"

SYSTEM_PROMPT = (
    "You translate official documents of a Chinese district government into plain, accurate English "
    "for foreign readers. Translate only what is given; add nothing, leave nothing out, keep every "
    "number, date and document number. Keep names of people in pinyin. Answer with one JSON object: "
    '{"title": "…", "summary": "…", "body": "…"}; the body keeps the paragraphs, separated by blank lines. '
    "An empty Chinese summary gives an empty summary."
)


class TranslationUnavailable(Exception):
    """No model is configured, the model failed, or it did not answer in the protocol."""


def unavailable_reason() -> str | None:
    """Why staff cannot ask for a machine translation now, or None when they can."""
    return None if llm.from_settings() is not None else UNAVAILABLE


def provider() -> llm.ChatProvider | None:
    found = llm.from_settings()
    if isinstance(found, llm.OpenAICompatible):
        found = replace(found, timeout=max(found.timeout, MIN_TIMEOUT))
    return found


def messages_for(document: Document) -> list[dict[str, str]]:
    source = {"title": document.title, "summary": document.summary,
              "body": document.body_text[:MAX_SOURCE_CHARS]}
    return [{"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": json.dumps(source, ensure_ascii=False)}]


def parse(content: str) -> dict[str, str] | None:
    """The English texts of a reply, or None when it is not the protocol's JSON."""
    text = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", content.strip())
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k, ""), str) for k in ("title", "summary", "body")):
        return None
    if not data.get("title", "").strip():
        return None
    return {"title_en": data["title"], "summary_en": data.get("summary", ""), "body_en": data.get("body", "")}


def request_translation(actor: Any, document: Document,
                        chat: llm.ChatProvider | None = None) -> TranslationDraft:
    """Ask the model for an English draft of `document` and keep it for review.

    The permission is checked before the model is asked (an outsider spends no model time), and the
    model is asked outside any transaction (it may take a minute); the draft is then saved by the
    catalog's action, which checks again and writes the audit row.
    """
    if actor is None or not access.can_edit(actor, document):
        raise PermissionDenied(f"{actor} 无权修改 {document.agency} 的文件")
    chat = chat or provider()
    if chat is None:
        raise TranslationUnavailable(UNAVAILABLE)
    try:
        content = chat.complete(messages_for(document))
    except llm.ProviderError as exc:
        raise TranslationUnavailable(f"语言模型没有完成翻译：{exc}") from exc
    texts = parse(content)
    if texts is None:
        raise TranslationUnavailable("语言模型的回复不是约定的格式，没有生成译稿。")
    return actions.save_translation_draft(actor, document, texts, model_name=settings.LLM_MODEL or "")
