"""An optional language model that reads the retrieved passages and answers from them, and nothing else.

With a model configured it is asked for every question, the extractive answer (or refusal) given
beside the passages, so that it can answer what extraction could not: a paraphrase, a span of no
known form.
The model is asked for JSON, `{"sentences": [{"text", "quote", "source"}]}`. A phrased answer is used
only when every sentence is backed: its quote is found word for word in the passage it names, and
each number, code, 《》 title and name the sentence states is in that quote (or in the question it
restates). Anything else — a timeout, an HTTP error, text that is not that JSON, one unbacked
sentence — and the extractive answer stands. The provider speaks the OpenAI-compatible chat API
over urllib (settings LLM_URL, LLM_MODEL, LLM_KEY, LLM_TIMEOUT).
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from typing import Protocol

import rjieba

from gongkai.lib.text import normalize
from gongkai.qa.contract import Answer, Citation
from gongkai.qa.passages import Passage

log = logging.getLogger(__name__)

MAX_SENTENCES = 6
MODEL_CONFIDENCE = 0.6  # a backed model answer: every fact quoted, but the reading is the model's
MAX_SENTENCE_CHARS = 300

SYSTEM_PROMPT = (
    "你是政府信息公开平台的问答助手。只能依据用户给出的编号材料回答问题，不得使用材料以外的任何知识，"
    "不得推测。请只输出一个JSON对象，格式为："
    '{"sentences": [{"text": "回答的一句话", "quote": "从材料中逐字摘录、支撑这句话的原文", "source": "材料编号"}]}。'
    "每句话中的数字、日期、编号、文件名称、人名和机构名都必须出现在其 quote 中。"
    '材料不足以回答时，输出 {"sentences": []}。'
)


class ProviderError(Exception):
    """The model could not be asked or did not answer in the protocol."""


class ChatProvider(Protocol):
    def complete(self, messages: list[dict[str, str]]) -> str: ...


@dataclass(frozen=True)
class OpenAICompatible:
    url: str  # the API base (…/v1) or the full …/chat/completions endpoint
    model: str
    key: str = ""
    timeout: float = 8.0

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"

    def complete(self, messages: list[dict[str, str]]) -> str:
        body = {"model": self.model, "messages": messages, "temperature": 0, "response_format": {"type": "json_object"}}
        headers = {"Content-Type": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        request = urllib.request.Request(self.endpoint, data=json.dumps(body).encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError, timeouts, 5xx, bad JSON
            raise ProviderError(f"{type(exc).__name__}: {exc}") from exc
        try:
            content = payload["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise ProviderError("the response has no choices[0].message.content") from exc
        if not isinstance(content, str):
            raise ProviderError("the message content is not text")
        return content


class NoModel:
    """A provider that stands for "no model, whatever the settings say": the extractive path alone,
    as the benchmark measures it beside the model's."""

    def complete(self, messages: list[dict[str, str]]) -> str:
        raise ProviderError("no model")


NO_MODEL = NoModel()


def from_settings() -> ChatProvider | None:
    """The provider configured in the settings, or None (no model: answers stay extractive)."""
    try:
        from django.conf import settings

        if not settings.configured or not getattr(settings, "LLM_URL", ""):
            return None
        return OpenAICompatible(settings.LLM_URL, settings.LLM_MODEL, settings.LLM_KEY, float(settings.LLM_TIMEOUT))
    except Exception:  # settings that cannot be read mean no model, not a failed question
        log.exception("could not read the language model settings")
        return None


@dataclass(frozen=True)
class ModelSentence:
    text: str
    quote: str
    source: int  # index into the passages given, from 0


def messages_for(question: str, passages: list[Passage], extractive: str | None) -> list[dict[str, str]]:
    lines = [f"问题：{question}", "", "材料："]
    for i, p in enumerate(passages, start=1):
        lines.append(f"[{i}] 《{p.doc.title}》：{p.text}")
    if extractive:
        lines += ["", f"从材料中找到的答案片段：{extractive}"]
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n".join(lines)}]


def read(question: str, passages: list[Passage], provider: ChatProvider, fallback: Answer) -> Answer:
    """The model's answer from `passages` when every sentence is backed by them; else `fallback`
    (the extractive answer or the refusal), also on a timeout, an error or a reply off the protocol."""
    if not passages:
        return fallback
    try:
        content = provider.complete(messages_for(question, passages, fallback.answer))
    except ProviderError as exc:
        log.warning("language model unavailable, answering extractively: %s", exc)
        return fallback
    sentences = parse(content, len(passages))
    if not sentences:
        log.info("language model gave no answer in the protocol; the extractive answer stands")
        return fallback
    for s in sentences:
        if not backed(s, passages[s.source], question):
            log.warning("language model sentence not backed by its quote: %r", s.text)
            return fallback
    return _answer_from(fallback, sentences, passages)


def parse(content: str, passage_count: int) -> list[ModelSentence] | None:
    """The sentences of a reply, or None when it is not the protocol's JSON."""
    text = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", content.strip())
    try:
        data = json.loads(text)
    except ValueError:
        return None
    raw = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not 0 < len(raw) <= MAX_SENTENCES:
        return None
    sentences: list[ModelSentence] = []
    for item in raw:
        if not isinstance(item, dict):
            return None
        text_, quote, source = item.get("text"), item.get("quote"), _source_index(item.get("source"))
        if not isinstance(text_, str) or not isinstance(quote, str) or not text_.strip() or not quote.strip():
            return None
        if source is None or not 0 <= source < passage_count or len(text_) > MAX_SENTENCE_CHARS:
            return None
        sentences.append(ModelSentence(text_.strip(), quote.strip(), source))
    return sentences


def _source_index(source: object) -> int | None:
    """"[2]", "2" or 2 -> 1 (passages are numbered from 1 in the prompt)."""
    m = re.search(r"\d+", str(source)) if isinstance(source, (str, int)) and not isinstance(source, bool) else None
    return int(m.group(0)) - 1 if m else None


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", normalize(unicodedata.normalize("NFKC", text)))


def backed(sentence: ModelSentence, passage: Passage, question: str) -> bool:
    """The quote is in the passage, and the sentence states no fact that the quote does not."""
    quote = _fold(sentence.quote)
    if quote not in _fold(passage.text):
        return False
    allowed = quote + "\n" + _fold(question)
    return all(fact in allowed for fact in key_facts(sentence.text))


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CODE = re.compile(r"[a-z0-9]+(?:[-/〔〕\[\]][a-z0-9]+)+")
_BOOK = re.compile(r"《([^》]+)》")


def key_facts(sentence: str) -> list[str]:
    """What a sentence asserts that must be quoted: numbers, codes, 《》 titles and proper names."""
    text = _fold(sentence)
    facts = _NUMBER.findall(text) + _CODE.findall(text) + _BOOK.findall(text)
    facts += [word for word, tag in rjieba.tag(text) if tag in ("nr", "ns", "nt", "nz") and len(word) >= 2]
    return facts


def _answer_from(extractive: Answer, sentences: list[ModelSentence], passages: list[Passage]) -> Answer:
    text = "".join(s.text if s.text.endswith(("。", "！", "？", ".")) else s.text + "。" for s in sentences)
    cited: list[Citation] = []
    for s in sentences:
        p = passages[s.source]
        if all(c.quote != p.text for c in cited):
            cited.append(
                Citation(index_no=p.doc.index_no, title=p.doc.title, url=p.doc.url, quote=p.text, doc_id=p.doc.doc_id, validity=p.doc.validity)
            )
    return replace(
        extractive,
        answer=text,
        citations=cited,
        confidence=max(extractive.confidence, MODEL_CONFIDENCE),
        suggestions=[],
        validity_note=None,  # the caller notes the cited document's validity
        message=text,
        source="model",
    )
