"""智能问答: answer a citizen's question from published documents, quoting them, or say there is none.

The steps: read what is asked (understand.py); ask the retriever for candidate documents; drop
those that do not state the numbers the question names (第30次 when only 第25次 exists); cut the
rest into passages; extract candidate spans of the asked kind; score each span by how much of the
question its passage covers, how close the span sits to those words, how well its form fits the
question and how the document ranked; answer with the best span and its passage as the quote, or
refuse below a confidence threshold with the closest documents and the 依申请公开 route.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from gongkai.lib.params import storable
from gongkai.lib.text import normalize, squash
from gongkai.qa import llm
from gongkai.qa import understand as u
from gongkai.qa.contract import Answer, Citation, Retriever, SourceDoc, Turn
from gongkai.qa.extract import Candidate, candidates
from gongkai.lib.zh.identifiers import DOC_NO, INDEX_NO, canonical_identifier
from gongkai.qa.passages import DocView, Passage, view

log = logging.getLogger(__name__)

THRESHOLD = 0.65  # below this confidence the answer is a refusal, unless it is a clear winner:
CLEAR_MIN = 0.25  # a span scored at least this
CLEAR_MARGIN = 1.5  # and this many times the best span that is another answer,
CLEAR_FOCUS = 0.5  # in a passage that says what the question asks about
MIN_FOCUS = 0.3  # the answering passage must itself cover this share of the question's own words
RETRIEVE = 8  # documents asked of the retriever
MAX_QUESTION = 300  # characters; longer input is not a question

NOT_FOUND = "未在已公开信息中找到该问题的答案。"
APPLY_ROUTE = (
    "如需获取相关政府信息，可以通过依申请公开途径向负责该信息的行政机关提出政府信息公开申请。"
)
TOO_VAGUE = "问题不够具体，请说明想了解的是哪份文件、哪次会议或哪项工作。"
UNCLEAR_REFERENCE = "这个问题中的“它”“这个”等指代不明，请说明具体的文件、会议或事项名称后再问。"
_VALIDITY_WORDS = {"废止": "已废止", "失效": "已失效"}


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float  # may exceed 1 for an exact field hit; confidence is capped at 1
    focus: float
    runner_up: float = 0.0  # the score of the best span that is another answer

    @property
    def confidence(self) -> float:
        return min(self.score, 1.0)


def answer(
    question: str,
    retriever: Retriever,
    history: Sequence[Turn] = (),
    provider: llm.ChatProvider | None = None,
) -> Answer:
    """Answer `question` from what `retriever` finds; `history` holds the conversation's earlier turns.

    `provider` is a language model that reads the passages for every question (`llm.NO_MODEL`: none);
    when None, the one configured in the settings is used, if any. Bad input and retrieval failures
    come back as refusals, never raised.
    """
    problem = input_problem(question)
    if problem:
        return Answer(question=question or "", answer=None, citations=[], confidence=0.0, message=problem)
    asked, previous_doc = resolve_follow_up(question.strip(), history)
    if previous_doc is None and asked == question.strip() and _is_follow_up(normalize(asked)):
        return Answer(question=question, answer=None, citations=[], confidence=0.0, message=UNCLEAR_REFERENCE)
    q = u.understand(asked)
    if len([t for t in q.terms if len(t) > 1]) <= 1 and not q.numbers and not q.phrases:
        # "哪个部门提交的？" names nothing to look for; any answer would be a guess
        return Answer(question=question, answer=None, citations=[], confidence=0.0, message=TOO_VAGUE, kind=q.kind)
    try:
        docs = retriever.candidates(asked, RETRIEVE)
    except Exception:  # a broken index must not turn a citizen's question into a server error
        log.exception("retrieval failed for %r", asked)
        return Answer(question=question, answer=None, citations=[], confidence=0.0, message="检索服务暂时不可用，请稍后再试。")
    named = named_by_identifier(asked, docs)
    if named is not None:
        return named
    views = [view(d) for d in docs]
    best = best_span(q, views, previous_doc)
    if not confident(q, best):
        result = refusal(question, q, docs, best.confidence if best else 0.0)
        best = None
    else:
        result = extractive(question, q, best)
    return _read_by_model(asked, result, q, best, views, provider)


# "青建发〔2025〕12号是什么文件", "索引号014133058/2024-00008是哪份文件": the document an identifier names.
# What must follow the identifier, to the end of the question: "是什么文件", "文件的标题是什么", "是哪份文件".
_ASKS_WHICH_DOCUMENT = re.compile(
    r"\s*(?:文件|文)?的?(?:(?:标题|名称|题目|全称)(?:是|叫)?(?:什么)?|(?:是|为|指)?(?:什么|哪一?[份个篇部])(?:文件|文)?"
    r"|叫什么(?:名字)?)\s*(?:呢|啊)?[?？。!！]*$"
)


def named_by_identifier(question: str, docs: Sequence[SourceDoc]) -> Answer | None:
    """The title of the document whose 文件编号 or 索引号 the question quotes exactly, when it asks which.

    Identifiers match exactly or not at all, in the form search compares them in (brackets, spaces and
    第 aside): 武政发〔2024〕1号 is never 武政发〔2024〕11号, so no scoring is needed and the answer is certain.
    """
    for pattern, label in ((DOC_NO, "文件编号"), (INDEX_NO, "索引号")):
        m = pattern.search(question)
        if m is None or not _ASKS_WHICH_DOCUMENT.match(question, m.end()):
            continue
        key = canonical_identifier(m.group())
        for doc in docs:
            value = doc.metadata.get(label, "")
            if value and canonical_identifier(value) == key and doc.title:
                note = validity_note(doc)
                message = f"{label}为{value}的文件是《{doc.title}》"
                return Answer(
                    question=question, answer=doc.title, citations=[citation(doc, f"{label}: {value}")],
                    confidence=1.0, validity_note=note, message=message + (f"\n{note}" if note else ""),
                    kind="title", subject=doc.title,
                )
    return None


def input_problem(question: object) -> str | None:
    """Why the input cannot be answered at all, in words for the asker; None when it is a question."""
    if not isinstance(question, str) or not question.strip():
        return "请输入要咨询的问题。"
    if len(question) > MAX_QUESTION:
        return f"问题过长（{len(question)}字），请精简到{MAX_QUESTION}字以内。"
    if not storable(question):  # a lone surrogate or NUL (JSON allows them): no text tool takes it
        return "问题含有无效字符，请检查后重新输入。"
    if not re.search(r"[\w\u3400-\u9fff]", normalize(question)):
        return "没有看懂这个问题，请用文字描述想了解的政府信息。"
    return None


# --- conversation --------------------------------------------------------------------------------

_PRONOUN = re.compile(r"它们?|(?<![应活])该(?:文件|会议|项目|方案|政策|办法|事项)?|这个|那个|这份|那份|这项|那项|(?<![因如])此(?!外)|上述")


def resolve_follow_up(question: str, history: Sequence[Turn]) -> tuple[str, int | None]:
    """Put the previous turn's subject where a follow-up says 它 / 那 / 这个; also its document."""
    if not history:
        return question, None
    last = history[-1]
    norm = normalize(question)
    if not last.subject or not _is_follow_up(norm):
        return question, None
    body = re.sub(r"^(?:那么|那|还有|另外)\s*[,，]?\s*", "", question)
    rewritten, replaced = _PRONOUN.subn(last.subject, body, count=1)
    if not replaced:
        rewritten = last.subject + body
    return rewritten, last.doc_id


def _is_follow_up(norm: str) -> bool:
    """A question leaning on the last one: a pronoun or a leading 那, and too little of its own."""
    leans = bool(_PRONOUN.search(norm)) or norm.startswith(("那", "还有", "另外"))
    q = u.understand(norm)
    return leans and not q.numbers and not q.places and len([t for t in q.terms if len(t) > 1]) <= 3


def subject_of(q: u.Question, doc: DocView) -> str | None:
    """What the question is about: its longest stretch that the answering document also says."""
    text, best = doc.text, ""
    source = q.norm[:MAX_QUESTION]
    for i in range(len(source)):
        j = i + len(best) + 1
        while j <= len(source) and source[i:j] in text:
            j += 1
        if j - 1 - i > len(best) and j - 1 > i:
            best = source[i : j - 1]
    best = best.strip(" ,，。?？的是了在由")
    return best if len(best) >= 3 else None


# --- scoring -------------------------------------------------------------------------------------


def best_span(q: u.Question, views: list[DocView], previous_doc: int | None = None) -> Scored | None:
    """The best-scoring span, with the score of the best span that is another answer."""
    weights = term_weights(q, views)
    best: Scored | None = None
    others: list[Scored] = []
    for rank, dv in enumerate(views):
        if not (q.numbers <= dv.numbers and q.ordinals <= dv.ordinals):
            continue  # the question names a meeting, year or figure this document never states
        prior = _prior(rank, dv.doc.doc_id, previous_doc)
        doc_factor = _place_factor(q, dv) * (1.0 if dv.doc.in_force else 0.9)
        for passage in _worth_reading(dv, weights):
            for cand in candidates(passage, q.kinds, q.role, q.anchors, q.wants_list, q.suffix):
                scored = _score(q, cand, dv, weights, prior, doc_factor)
                if scored is not None and (best is None or _better(scored, best)):
                    if best is not None:
                        others.append(best)
                    best = scored
                elif scored is not None:
                    others.append(scored)
    if best is None:
        return None
    answer_ = squash(_widened(q, best.candidate).norm)  # the names listed with it are the same answer
    # a rival is another answer from a passage about what is asked, not any value of the right kind
    rival = max(
        (o.score for o in others
         if o.focus >= CLEAR_FOCUS and not _same_answer(squash(o.candidate.norm), answer_)),
        default=0.0,
    )
    return replace(best, runner_up=rival)


def _same_answer(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def confident(q: u.Question, best: Scored | None) -> bool:
    """Whether the best span answers: scored high, or well ahead of every other answer while its
    form says nothing against it (the chair is no answer to "who kept the record", however alone)."""
    if best is None or best.focus < MIN_FOCUS:
        return False
    clear = (
        best.score >= CLEAR_MIN
        and best.score >= CLEAR_MARGIN * best.runner_up
        and best.focus >= CLEAR_FOCUS
        and _relation_fit(q, best.candidate) >= 1.0
        and _place_factor(q, view(best.candidate.passage.doc)) == 1.0  # no place it never names
    )
    return best.confidence >= THRESHOLD or clear


# A word no candidate document uses, in any synonym, is the asker's own wording as often as a sign
# that nothing answers: it weighs half a common word, not like the rarest (a paraphrase such as
# 一年到头 or 管用 would otherwise cost every passage the same share of its coverage).
ABSENT_WEIGHT = 0.5

OPENING = 12  # passages at the top of a page (catalog, title, first lines) are always read


def _worth_reading(dv: DocView, weights: dict[str, float]) -> Iterator[Passage]:
    """Passages that could answer: the opening, and sentences in paragraphs sharing a word with the
    question. Long documents are mostly skipped this way, which keeps answers fast."""
    forms = [f for t in weights for f in (t, *u.expansions(t)) if len(f) > 1]
    for passage in dv.passages:
        if passage.kind != "sentence" or passage.seq < OPENING:
            yield passage
            continue
        paragraph = dv.paragraphs[passage.para]
        if any(f in paragraph for f in forms):
            yield passage


def _better(a: Scored, b: Scored) -> bool:
    if abs(a.score - b.score) > 1e-9:
        return a.score > b.score
    return len(a.candidate.text) < len(b.candidate.text)


def _prior(rank: int, doc_id: int, previous_doc: int | None) -> float:
    if previous_doc is not None:
        return 1.0 if doc_id == previous_doc else 0.6 / (1 + 0.25 * rank)
    return 1.0 / (1 + 0.25 * rank)


def _place_factor(q: u.Question, dv: DocView) -> float:
    """A place the question names that the document never mentions makes it the wrong document."""
    for place in q.places:
        if place not in dv.text and place[:-1] not in dv.text:
            return 0.6
    return 1.0


def term_weights(q: u.Question, views: list[DocView]) -> dict[str, float]:
    """Rarer words weigh more: IDF over the passages of the candidate documents."""
    texts = [p.norm for dv in views for p in dv.passages]
    terms = list(q.terms) + [p for p in q.phrases if p not in q.terms]
    weights: dict[str, float] = {}
    for term in terms:
        count = sum(1 for t in texts if term in t)
        if not count:  # the asker's own word: a synonym the pages use counts as often
            count = sum(1 for t in texts if any(alt in t for alt in u.expansions(term)))
        weight = u.idf(count, len(texts))
        if not count:
            weight *= ABSENT_WEIGHT
        if len(term) == 1:
            weight *= 0.4
        if term in q.phrases:
            weight *= 1.5
        weights[term] = weight
    return weights


def _score(
    q: u.Question, cand: Candidate, dv: DocView, weights: dict[str, float], prior: float, doc_factor: float
) -> Scored | None:
    if not cand.text or (cand.kind not in (u.DECISION, u.CATEGORY) and squash(cand.norm) in squash(q.norm)):
        return None  # an answer that only repeats the question answers nothing
    fit = _fit(q, cand)
    if fit <= 0:
        return None
    passage = cand.passage
    if passage.kind == "field" or cand.relation == "label":
        coverage = _coverage(weights, dv.head if passage.kind == "field" else passage.norm, "", dv)
        # A field answers only what the question names or implies; any other catalog value of the
        # right kind (成文日期 for "有效期到哪一年") is a guess.
        # named by its label ("作者是谁"), the value answers just as an asked field does
        focus = proximity = 1.0 if passage.field in q.fields or cand.relation == "label" else 0.3
    else:
        # What a whole meeting is (its number, day, place, chair) is stated once, usually in its first
        # lines, while the question identifies it by an item discussed anywhere in the minutes.
        # So are whom a notice is sent to, who signs it and where to reach its office: lines known by
        # their form, not their words.
        whole = cand.kind == u.ORDINAL or cand.relation in _DOCUMENT_FACTS
        context = dv.text if whole else dv.paragraphs[passage.para] if passage.para >= 0 else ""
        coverage = _coverage(weights, passage.norm, context, dv)
        focus = _focus(q, weights, passage.norm, context, dv)
        proximity = _proximity(weights, cand)
        if whole:
            proximity = max(proximity, 0.5)
        record = passage.record
        if record is not None and record.relation in _ITEM_RELATIONS and record.subject:
            # the minutes say who submitted which item: a sentence listing seven items with their
            # sponsors puts each sponsor next to its own item, whatever the distances in the sentence
            about = _focus(q, weights, normalize(record.subject), "", dv)
            proximity, focus = max(proximity, about), max(focus, about)
        if q.counted and cand.kind == u.QUANTITY and not _counts_it(q.counted, passage.norm):
            fit *= 0.4  # a figure in a sentence that does not name what is counted counts something else
    score = fit * (0.45 * coverage + 0.2 * proximity + 0.2 * focus + 0.15 * prior) * doc_factor
    return Scored(cand, score, focus)


def _counts_it(counted: tuple[str, ...], sentence: str) -> bool:
    present = sum(1 for word in counted if _presence(word, sentence) >= 0.5)
    return present / len(counted) >= 0.7


_ITEM_RELATIONS = {"sponsor", "responsible", "decision", "next_step"}
_DOCUMENT_FACTS = {"meeting", "chair", "attendee", "nonvoting", "addressee", "sign", "phone", "fax", "email"}
_CODE_RELATIONS = {"doc_no", "index_no", "unified_no", "phone", "fax", "email"}
_PERSON_RELATIONS = {"chair", "nonvoting", "attendee", "recorder"}
_RELATION_FAMILIES = (
    {"phone", "fax", "email"},
    {"chair", "nonvoting", "attendee", "recorder", "role"},
    {"sponsor", "responsible", "publish"},
    {"meeting", "publish", "issue", "sign", "effective", "deadline"},
)


# What may follow a name's head noun: a bracketed note (试行, 草案, 2021-2030年) and the closing 》.
_DRAFT_MARK = re.compile(r"(?:\([^()]{1,20}\)|[》>\s])+$")


def name_ends_with(name: str, ending: str) -> bool:
    """Whether a name ends with the noun asked for, past a bracketed note and the closing 》:
    《某县儿童发展纲要(2021-2030年)》 is a 纲要, 某县救助办法(试行) an 办法."""
    return _DRAFT_MARK.sub("", name).endswith(ending)


def _fit(q: u.Question, cand: Candidate) -> float:
    """How well the span's form fits what is asked, 0 when it is not of an asked kind."""
    if cand.kind not in q.kinds:
        return 0.0
    strength = cand.strength
    if q.suffix and cand.kind in (u.ORG, u.TITLE, u.PLACE):
        if name_ends_with(cand.norm, q.suffix):
            strength = max(strength, 0.9)  # the head noun asked for ("哪个协会") vouches for a loose match
        else:
            strength *= 0.6
    fit = strength * (1.0 if cand.kind == q.kinds[0] else 0.85)
    if q.units and cand.kind == u.QUANTITY:
        fit *= 1.0 if cand.unit in q.units else 0.5
    if cand.kind == u.ORDINAL and q.units:
        fit *= 1.0 if cand.unit in q.units else 0.6
    fit *= _relation_fit(q, cand) * shape_fit(q, cand)
    if cand.passage.kind == "field":
        field = cand.passage.field
        if cand.kind == u.CATEGORY and q.fields and field not in q.fields:
            return 0.0  # "是否有效" is answered by 有效性, not by whatever else the catalog classifies
        if q.asked_field and field != q.asked_field and field not in q.fields:
            return fit * 0.4  # "登记号是多少" on a page without one: its 文号 is no answer
        fit *= 1.3 if field == q.asked_field else 1.1 if field in q.fields else 0.8
    return fit


_HAN = re.compile(r"[\u3400-\u9fff]")
_QUOTES = ("“", "「", "『", '"')


def shape_fit(q: u.Question, cand: Candidate) -> float:
    """How the span's shape agrees with the count the question states: "哪十六个字" is a quoted
    phrase of sixteen characters, "哪两个城市" a list of two names. An exact count is strong
    evidence (a phrase of just that length is rarely there by chance); a wrong one, against."""
    if q.characters:
        quoted = cand.norm.startswith(_QUOTES)
        if q.count:
            return 1.5 if len(_HAN.findall(cand.norm)) == q.count else 0.4
        return 1.1 if quoted else 0.7  # "哪几个字": a phrase set in quotation marks
    if q.count and q.count > 1 and cand.items:
        if cand.items == q.count:
            return 1.25
        return 0.7 if cand.items == 1 else 0.6
    return 1.0


def _relation_fit(q: u.Question, cand: Candidate) -> float:
    relation = cand.relation
    if relation == "addressee" and relation not in q.relations:
        return 0.3  # whom a notice is sent to answers only who it was sent to
    if relation == "sign" and "issue" in q.relations:
        return 1.15  # the body issued in the signature is the issuer
    asked_codes = _CODE_RELATIONS & {*q.relations, q.asked_field}
    if relation in _CODE_RELATIONS and asked_codes and relation not in asked_codes:
        return 0.4  # a 文号 is no answer to "登记号是多少", a phone number none to "传真"
    if cand.kind == u.PERSON and q.role and relation != "role":
        return 0.6  # "交通局局长是谁": a name not printed with that role is someone else
    if relation == "role":
        return 1.15
    if relation in q.relations:
        return 1.15
    asked_person = cand.kind == u.PERSON and bool(_PERSON_RELATIONS & set(q.relations))
    if relation is None:
        return 0.75 if asked_person else 1.0
    for family in _RELATION_FAMILIES:
        if relation in family and family & set(q.relations):
            # the question asks another relation of the same sort (the recorder, not the chair)
            return 0.5 if asked_person else 0.7
    return 1.0


@lru_cache(maxsize=65536)  # the same words are looked for in the same document for every span
def _presence(term: str, text: str) -> float:
    if term in text:
        return 1.0
    if any(alt in text for alt in u.expansions(term)):
        return 0.9  # the page says it in a synonym: 召开 / 举行
    if len(term) >= 3:  # 常务会 / 常务会议, 老人 / 老年人: share of the term's character pairs present
        pairs = [term[i : i + 2] for i in range(len(term) - 1)]
        return 0.8 * sum(1 for p in pairs if p in text) / len(pairs)
    return 0.0


def _coverage(weights: dict[str, float], sentence: str, paragraph: str, dv: DocView) -> float:
    total = sum(weights.values())
    if not total:
        return 1.0
    got = 0.0
    for term, weight in weights.items():
        got += weight * max(
            _presence(term, sentence), 0.6 * _presence(term, paragraph), 0.6 * _presence(term, dv.head), 0.4 * _presence(term, dv.text)
        )
    return got / total


def _focus(q: u.Question, weights: dict[str, float], sentence: str, paragraph: str, dv: DocView) -> float:
    """How much of what the question asks about, where the document says it, this passage says.

    Words that identify the document (its title and catalog, place names) may be anywhere; words the
    document never uses are the asker's own wording. The rest should be here: a page that mentions
    申请 only in its table of contents does not say how many 申请 there were.
    """
    own = {
        t: w
        for t, w in weights.items()
        if t not in q.identifying and _presence(t, dv.head) < 1 and _presence(t, dv.text) >= 0.5
    }
    total = sum(own.values())
    if not total:
        return 1.0
    return sum(w * max(_presence(t, sentence), 0.6 * _presence(t, paragraph)) for t, w in own.items()) / total


def _proximity(weights: dict[str, float], cand: Candidate) -> float:
    """How close the span sits to the question's rarer words in its sentence, weighted by rarity."""
    strong = sorted(weights, key=weights.get, reverse=True)[:6]  # type: ignore[arg-type]
    total = got = 0.0
    for term in strong:
        gap = _gap(cand, (term, *u.expansions(term)))
        if gap is not None:
            total += weights[term]
            got += weights[term] / (1 + gap / 12)
    return got / total if total else 0.0


def _gap(cand: Candidate, forms: tuple[str, ...]) -> int | None:
    """Characters between the span and the nearest of `forms`, a clause break counting as eight."""
    text = cand.passage.norm
    best: int | None = None
    for form in forms:
        for m in re.finditer(re.escape(form), text):
            if m.start() < cand.end and m.end() > cand.start:
                continue  # a word inside the span says nothing about where the span is
            if m.end() <= cand.start:
                gap = cand.start - m.end() + 8 * _clause_breaks(text, m.end(), cand.start)
            else:  # words after the span: Chinese states the subject first, so they count less
                gap = int((m.start() - cand.end) * 1.3) + 8 * _clause_breaks(text, cand.end, m.start())
            best = gap if best is None else min(best, gap)
    return best


def _clause_breaks(text: str, start: int, end: int) -> int:
    """Commas between two places: words in the same clause belong together."""
    return len(re.findall(r"[,，;；]", text[start:end]))


# --- the answer ----------------------------------------------------------------------------------


def citation(doc: SourceDoc, quote: str) -> Citation:
    return Citation(index_no=doc.index_no, title=doc.title, url=doc.url, quote=quote, doc_id=doc.doc_id, validity=doc.validity)


def validity_note(doc: SourceDoc) -> str | None:
    if doc.in_force:
        return None
    state = next((word for key, word in _VALIDITY_WORDS.items() if key in doc.validity), "已不再有效")
    return f"注意：该答案出自{state}的文件《{doc.title}》，相关内容可能已不再适用，请以现行有效的文件为准。"


def extractive(question: str, q: u.Question, best: Scored) -> Answer:
    cand = _widened(q, best.candidate)
    doc = cand.passage.doc
    note = validity_note(doc)
    text = cand.text
    message = f"{text}（出自《{doc.title}》）" if doc.title else text
    return Answer(
        question=question,
        answer=text,
        citations=[citation(doc, cand.passage.text)],
        confidence=round(best.confidence, 3),
        validity_note=note,
        message=message + (f"\n{note}" if note else ""),
        kind=cand.kind,
        subject=subject_of(q, view(doc)),
    )


def _widened(q: u.Question, cand: Candidate) -> Candidate:
    """"哪些人出席", "哪两个部门": every name listed with the one found (by 、, 和, 及), not just it."""
    if not q.wants_list or cand.kind not in (u.PERSON, u.ORG, u.PLACE):
        return cand
    names = sorted({(c.start, c.end) for c in candidates(cand.passage, (cand.kind,)) if c.kind == cand.kind})
    start, end = cand.start, cand.end
    text = cand.passage.norm
    for s_, e_ in reversed(names):  # earlier names joined to this one
        if e_ <= start and _JOINED.fullmatch(text[e_:start]):
            start = s_
    for s_, e_ in names:  # and later ones
        if s_ >= end and _JOINED.fullmatch(text[end:s_]):
            end = e_
    return replace(cand, start=start, end=end, text=cand.passage.original(start, end).strip())


_JOINED = re.compile(r"\s*[、和及与]\s*")


def refusal(question: str, q: u.Question, docs: list[SourceDoc], confidence: float) -> Answer:
    closest = [citation(d, "") for d in docs[:3]]
    return Answer(
        question=question,
        answer=None,
        citations=[],
        confidence=round(confidence, 3),
        suggestions=closest,
        message=NOT_FOUND + ("可以查看下列相近的公开信息。" if closest else "") + APPLY_ROUTE,
        kind=q.kind,
    )


def _read_by_model(
    asked: str,
    result: Answer,
    q: u.Question,
    best: Scored | None,
    views: list[DocView],
    provider: llm.ChatProvider | None,
) -> Answer:
    """A configured model reads the best passages for every question, the ones extraction could not
    answer too; its answer stands only when backed, else `result` (the extract or the refusal)."""
    chosen = provider if provider is not None else llm.from_settings()
    if chosen is None or chosen is llm.NO_MODEL:
        return result
    read = llm.read(asked, reading(q, best, views), chosen, result)
    if read is result or not read.citations:
        return read
    source = next((dv.doc for dv in views if dv.doc.doc_id == read.citations[0].doc_id), None)
    note = validity_note(source) if source is not None else None
    return replace(read, validity_note=note, message=read.answer + (f"\n{note}" if note else ""))


READ_DOCS = 3  # documents whose passages the model reads
READ_PASSAGES = 8


def reading(q: u.Question, best: Scored | None, views: list[DocView]) -> list[Passage]:
    """What the model reads: the extract's passage first, then the passages of the best-ranked
    documents (sentences, catalog fields, minutes' records) that cover the question most."""
    weights = term_weights(q, views)
    scored: list[tuple[float, int, Passage]] = []
    for rank, dv in enumerate(views[:READ_DOCS]):
        for p in dv.passages:
            if p.kind in ("sentence", "field", "record") and len(p.text) <= 400:
                context = dv.paragraphs[p.para] if p.para >= 0 else ""
                cover = _coverage(weights, p.norm, context, dv) / (1 + 0.25 * rank)
                scored.append((cover, p.seq + 100_000 * rank, p))
    chosen = [best.candidate.passage] if best is not None else []
    for _, _, p in sorted(scored, key=lambda t: (-t[0], t[1])):
        if len(chosen) >= READ_PASSAGES:
            break
        if all(p is not c for c in chosen):
            chosen.append(p)
    return chosen
