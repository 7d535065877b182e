"""/ask/: 智能问答 — a question, its answer quoted from a published document, or the closest documents
and the 依申请公开 route.

The page works without JavaScript: the form posts (or a link carries ?q=), the answer comes back in
the page. A conversation is the last few `Turn`s in the session, so that a follow-up ("那它是哪个
部门提交的？") is read with what came before.
"""

from __future__ import annotations

from dataclasses import asdict, replace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongkai.minutes.models import AgendaItemRecord
from gongkai.qa import service
from gongkai.qa.answer import NOT_FOUND, THRESHOLD, input_problem
from gongkai.qa.contract import Answer, Citation

SESSION_KEY = "qa_turns"
# An answer given below the refusal threshold (a clear winner, or a model's phrasing) says plainly that
# it is only for reference.
LOW_CONFIDENCE = THRESHOLD


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    if request.method == "POST" and params.get("action") == "clear":
        request.session.pop(SESSION_KEY, None)
        return redirect("qa:ask")
    history = service.turns_from(request.session.get(SESSION_KEY))
    question = params.get("q", "")
    # The conversation so far, newest first: the answer just given is shown above it.
    context: dict[str, object] = {"q": question, "history": history[::-1],
                                  "apply_url": service.application_url()}
    if "q" not in params:
        context["examples"] = examples()
        return render(request, "qa/ask.html", context)
    problem = input_problem(question)
    if problem:
        context["problem"] = problem
        return render(request, "qa/ask.html", context, status=400)
    result = _localized(service.ask(question, history))
    request.session[SESSION_KEY] = [asdict(t) for t in service.remember(history, result)]
    context.update(result=result, not_found=result.refused and result.message.startswith(NOT_FOUND),
                   low_confidence=not result.refused and result.confidence < LOW_CONFIDENCE)
    if result.refused:
        hits = service.closest(question)
        context["closest"] = [replace(hit, url=_document_path(hit.doc_id)) for hit in hits]
    return render(request, "qa/ask.html", context)


def examples() -> list[str]:
    """Questions to start from, made from the newest published minutes (who chaired the meeting, where
    it met, who proposed a document it considered), so that each has an answer on this site today.
    Empty when nothing is published yet: the page then shows the generic forms only."""
    item = (AgendaItemRecord.objects.public().exclude(sponsors=[]).exclude(documents=[])
            .select_related("meeting").order_by("-day", "n").first())
    if item is None:
        return []
    m = item.meeting
    meeting = f"{m.body}{m.meeting_no}{m.kind}"
    found = []
    if m.meeting_no and m.chair:
        found.append(f"{meeting}由谁主持？")
    if item.documents:
        found.append(f"《{item.documents[0]}》是哪个部门提出的？")
    if m.meeting_no and m.location:
        found.append(f"{meeting}在哪里召开？")
    return found


def _localized(result: Answer) -> Answer:
    """Links to the documents in the reader's language (answers and the index keep default-language
    links, since they are shared by readers of every language)."""
    return replace(result, citations=_links(result.citations), suggestions=_links(result.suggestions))


def _links(citations: list[Citation]) -> list[Citation]:
    return [replace(c, url=_document_path(c.doc_id)) for c in citations]


def _document_path(doc_id: int) -> str:
    return reverse("portal:document", args=[doc_id])
