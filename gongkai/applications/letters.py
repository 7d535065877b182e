"""告知书 and notices: the letters an agency sends about a disclosure application, and their PDF.

`render(kind, application, **extra)` writes one letter from a template: `kind` is an outcome code of
`outcomes.OUTCOMES` (a reply, 告知书) or one of the procedural notices in `NOTICES`. Every letter is
headed by the agency's name and the application number and dated; every reply cites the provision
applied and the remedies (行政复议 within 60 days, 行政诉讼 within 6 months of receipt). The HTML is
what staff edit before sending, so it is a self-contained fragment; `letter_pdf` wraps it in an A4
page and renders it with WeasyPrint and the Noto CJK fonts.

`application` is duck-typed on the field names of `models.Application` (number, agency,
applicant_name, organisation_name, description, doc_no, received_on, due_on, extension_days, …), so
a letter can be previewed from a form before anything is saved. Everything that comes from an
applicant or from staff is escaped by the templates; nothing user-supplied is marked safe.

Extra arguments (all optional unless a notice needs them; an unknown one is an error, so that a typo
never silently drops a sentence from a legal letter):
  today                 the letter's date (default: today in the site's time zone)
  documents             already-published documents to link (objects with title and get_absolute_url)
  attachments           names of attached files (str, or objects with a `name`)
  reason                staff's explanation (说明理由), plain text
  reconsideration_body  where to apply for 行政复议 (default: see `default_reconsideration_body`)
  court                 where to sue (default 有管辖权的人民法院)
  responsible_agency, responsible_contact   for 非本机关 replies (Art. 36(5))
  not_ours              True: an `unable_not_held` reply is a 非本机关 letter even without a name
  items, correct_within, correct_by         补正: what to correct, period in working days or a date
  new_due, days         延期: the new due date (default application.due_on) and the days added
  party, reply_by       征求意见: the consultee and the date to answer by
  fee_method, quantity, amount, payment, pay_by   收费: 'per_request' or 'per_page', the count
                        the bands apply to, the amount in yuan (computed from quantity if absent)
  status_url            回执: where the applicant follows the application
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.applications import clock
from gongkai.applications.outcomes import GROUPS, OUTCOME_BY_CODE, Outcome
from gongkai.catalog.models import SiteSettings

LAW = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
DEFAULT_CORRECTION_DAYS = 15  # Art. 30 asks for "a reasonable period"; staff may set another
DEFAULT_COURT = "有管辖权的人民法院"


@dataclass(frozen=True)
class Notice:
    kind: str
    title: str
    article: str


# Procedural letters, sent while the application is open; none of them ends it.
NOTICES: dict[str, Notice] = {n.kind: n for n in (
    Notice("receipt", "政府信息公开申请接收回执", "第三十一条、第三十三条"),
    Notice("correction", "政府信息公开申请补正通知书", "第三十条"),
    Notice("extension", "政府信息公开申请延期答复告知书", "第三十三条第二款"),
    Notice("consult_third_party", "政府信息公开征求意见书", "第三十二条"),
    Notice("consult_coproducer", "政府信息公开征求意见书（共同制作机关）", "第三十四条"),
    Notice("fee", "政府信息公开信息处理费收费通知书", "第四十二条"),
)}

# The reply's title by outcome group; a few codes have their own (Art. 36(4)/(5) letters).
GROUP_TITLES = {
    "disclose": "政府信息公开告知书",
    "partial": "政府信息部分公开告知书",
    "withhold": "政府信息不予公开告知书",
    "unable": "无法提供政府信息告知书",
    "reject": "政府信息公开申请不予处理告知书",
    "other": "政府信息公开申请处理告知书",
}
NOT_HELD_TITLE = "政府信息不存在告知书"
NOT_OURS_TITLE = "非本机关政府信息告知书"
ABANDONED_TITLE = "政府信息公开申请终止处理告知书"

# Which template writes which outcome's body.
OUTCOME_TEMPLATES = {
    "disclose": "disclose", "partial": "partial", "unable_needs_making": "needs_making",
    "unable_still_unclear": "still_unclear", "other_no_correction": "abandoned",
    "other_no_fee": "abandoned", "other_other": "other",
}
GROUP_TEMPLATES = {"withhold": "withhold", "reject": "reject"}

EXTRA_KEYS = frozenset({
    "today", "documents", "attachments", "reason", "reconsideration_body", "court",
    "responsible_agency", "responsible_contact", "not_ours", "items", "correct_within", "correct_by",
    "new_due", "days", "party", "reply_by", "fee_method", "quantity", "amount", "payment", "pay_by",
    "status_url",
})
FEE_METHODS = {"per_request": "按件计收", "per_page": "按量计收"}
KINDS: tuple[str, ...] = (*OUTCOME_BY_CODE, *NOTICES)

_ORDINAL = re.compile(r"^\d+\.")


@dataclass
class Letter:
    kind: str
    title: str
    html: str


@dataclass(frozen=True)
class LinkedDocument:
    title: str
    url: str


def render(kind: str, application: Any, **extra: Any) -> Letter:
    """The letter of `kind` about `application`; ValueError for an unknown kind or argument."""
    unknown = set(extra) - EXTRA_KEYS
    if unknown:
        raise ValueError(f"告知书不认识这些参数：{', '.join(sorted(unknown))}")
    if kind in NOTICES:
        return _render_notice(NOTICES[kind], application, extra)
    outcome = OUTCOME_BY_CODE.get(kind)
    if outcome is None:
        raise ValueError(f"没有这种告知书：{kind!r}")
    return _render_reply(outcome, application, extra)


def _render_reply(outcome: Outcome, application: Any, extra: dict[str, Any]) -> Letter:
    title, article, template = _reply_shape(outcome, extra)
    context = _common(application, extra, title=title, kind=outcome.code, article=article)
    context.update({
        "outcome": outcome, "ground": _ORDINAL.sub("", outcome.label), "group": GROUPS[outcome.group],
        "remedies": _remedies(application, extra),
        "responsible_agency": extra.get("responsible_agency", ""),
        "responsible_contact": extra.get("responsible_contact", ""),
    })
    return Letter(outcome.code, title, _render(template, context))


def _reply_shape(outcome: Outcome, extra: dict[str, Any]) -> tuple[str, str, str]:
    """Title, cited provision and template of a reply."""
    if outcome.code == "unable_not_held":
        # One row of the report, two letters of the law: not found (36(4)) or not ours (36(5)).
        if extra.get("not_ours") or extra.get("responsible_agency"):
            return NOT_OURS_TITLE, "第三十六条第（五）项", "not_ours"
        return NOT_HELD_TITLE, "第三十六条第（四）项", "not_held"
    if outcome.code in ("other_no_correction", "other_no_fee"):
        return ABANDONED_TITLE, outcome.article, "abandoned"
    template = OUTCOME_TEMPLATES.get(outcome.code) or GROUP_TEMPLATES[outcome.group]
    return GROUP_TITLES[outcome.group], outcome.article, template


def _render_notice(notice: Notice, application: Any, extra: dict[str, Any]) -> Letter:
    context = _common(application, extra, title=notice.title, kind=notice.kind, article=notice.article)
    context.update(_NOTICE_CONTEXT[notice.kind](application, extra))
    return Letter(notice.kind, notice.title, _render(notice.kind, context))


def _render(template: str, context: dict[str, Any]) -> str:
    return render_to_string(f"applications/letters/{template}.html", context).strip() + "\n"


def _common(application: Any, extra: dict[str, Any], **values: Any) -> dict[str, Any]:
    agency = getattr(application, "agency", None)
    return {
        **values,
        "law": LAW,
        "app": application,
        "agency_name": str(getattr(agency, "name", "") or agency or ""),
        "addressee": _addressee(application),
        "today": extra.get("today") or timezone.localdate(),
        "reason": extra.get("reason", ""),
        "documents": _documents(extra.get("documents") or ()),
        "attachments": _attachment_names(extra.get("attachments") or ()),
    }


def _addressee(application: Any) -> str:
    return (getattr(application, "organisation_name", "") or getattr(application, "applicant_name", "")
            or "申请人")


def _documents(documents: Iterable[Any]) -> list[LinkedDocument]:
    """Links as absolute addresses: the letter is read on paper and in mail, away from the site."""
    linked = []
    for doc in documents:
        url = doc.get_absolute_url()
        if url.startswith("/"):
            url = settings.SITE_URL + url
        linked.append(LinkedDocument(str(doc.title), url))
    return linked


def _attachment_names(attachments: Iterable[Any]) -> list[str]:
    return [a if isinstance(a, str) else str(getattr(a, "name", a)) for a in attachments]


# --- remedies -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Remedies:
    reconsideration_body: str
    court: str


def default_reconsideration_body(agency_name: str) -> str:
    """Where 行政复议 is applied for, by default (行政复议法 2023, Art. 24).

    A department of the district is reviewed by the district government (the site's own name); the
    district government itself by the government one level up, whose name the site does not know.
    """
    government = SiteSettings.get().site_name
    if not government or agency_name == government:
        return "上一级人民政府"
    return government


def _remedies(application: Any, extra: dict[str, Any]) -> Remedies:
    agency_name = str(getattr(getattr(application, "agency", None), "name", "") or "")
    body = extra.get("reconsideration_body") or default_reconsideration_body(agency_name)
    return Remedies(body, extra.get("court") or DEFAULT_COURT)


# --- what each notice adds ----------------------------------------------------------------------


def _receipt(application: Any, extra: dict[str, Any]) -> dict[str, Any]:
    return {"status_url": extra.get("status_url", ""), "channel": _display(application, "channel")}


def _correction(application: Any, extra: dict[str, Any]) -> dict[str, Any]:
    items = [str(i) for i in extra.get("items") or () if str(i).strip()]
    if not items:
        raise ValueError("补正通知书应当一次性写明需要补正的事项")
    within = int(extra.get("correct_within") or DEFAULT_CORRECTION_DAYS)
    if within < 1:
        raise ValueError("补正期限应当至少为 1 个工作日")
    return {"items": items, "correct_within": within,
            "correct_by": extra.get("correct_by") or getattr(application, "correction_due", None)}


def _extension(application: Any, extra: dict[str, Any]) -> dict[str, Any]:
    new_due = extra.get("new_due") or getattr(application, "due_on", None)
    if new_due is None:
        raise ValueError("延期答复告知书应当写明延长后的答复期限")
    days = int(extra.get("days") or getattr(application, "extension_days", 0) or 0)
    if not 0 <= days <= clock.EXTENSION_MAX:
        raise ValueError(f"延长的期限最长不得超过 {clock.EXTENSION_MAX} 个工作日")
    return {"new_due": new_due, "days": days}


def _consultation(application: Any, extra: dict[str, Any]) -> dict[str, Any]:
    return {"party": extra.get("party", ""), "reply_by": extra.get("reply_by"),
            "consultation_days": clock.CONSULTATION_DAYS}


def _fee(application: Any, extra: dict[str, Any]) -> dict[str, Any]:
    method = extra.get("fee_method", "per_request")
    if method not in FEE_METHODS:
        raise ValueError(f"收费方式只能是 {' 或 '.join(FEE_METHODS)}")
    amount = extra.get("amount")
    if amount is None:
        amount = getattr(application, "fee_amount", 0) or _fee_amount(method, extra.get("quantity"))
    if int(amount) <= 0:
        raise ValueError("收费通知书应当写明应缴金额")
    return {
        "fee_method": method, "fee_method_label": FEE_METHODS[method], "fee_rules": FEE_RULES,
        "quantity": extra.get("quantity"), "amount": int(amount), "fee_days": clock.FEE_DAYS,
        "payment": extra.get("payment", ""),
        "pay_by": extra.get("pay_by") or getattr(application, "fee_due", None),
    }


def _fee_amount(method: str, quantity: Any) -> int:
    if quantity is None:
        return 0
    if method == "per_page":
        return clock.fee_amount_per_page(int(quantity))
    return clock.fee_amount_per_request(int(quantity))


def _display(application: Any, field: str) -> str:
    getter = getattr(application, f"get_{field}_display", None)
    return str(getter()) if callable(getter) else str(getattr(application, field, "") or "")


_NOTICE_CONTEXT = {
    "receipt": _receipt, "correction": _correction, "extension": _extension,
    "consult_third_party": _consultation, "consult_coproducer": _consultation, "fee": _fee,
}


# --- PDF ----------------------------------------------------------------------------------------


def letter_pdf(letter: Letter) -> bytes:
    """The letter as an A4 PDF in the Noto CJK fonts; nothing is fetched while rendering."""
    html = render_to_string("applications/letters/pdf.html", {"letter": letter})
    return weasyprint.HTML(string=html, base_url=settings.SITE_URL + "/",
                           url_fetcher=_LocalOnly()).write_pdf()


class _LocalOnly(weasyprint.URLFetcher):
    """Only data URIs: a letter links to documents but embeds nothing from any server."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",))

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not url.startswith("data:"):
            raise ValueError(f"not fetched while rendering a letter: {url[:200]}")
        return super().fetch(url, headers)
