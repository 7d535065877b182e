"""申请公开登记: the public register of answered applications, where the site opts in.

The register shows what was asked and how it was answered, never who asked: no name, identity
number or contact is selected, and the description is shown with the applicant's own details and
every span of personal data that `gongkai.lib.sensitive` recognises masked. It exists only when
GONGKAI_APPLICATIONS_PUBLIC_REGISTER is on; otherwise the address answers 404, as if it were not
there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.applications.models import Application
from gongkai.applications.outcomes import OUTCOME_BY_CODE
from gongkai.lib.sensitive import PERSONAL, mask, redact, scan

PER_PAGE = 30
# What the applicant gave about themselves; each is masked wherever it recurs in the description.
OWN_DETAILS = ("applicant_name", "organisation_name", "id_number", "phone", "email", "address")


@dataclass(frozen=True)
class Entry:
    agency: str
    received_on: dt.date
    answered_on: dt.date | None
    request: str  # anonymised
    outcome: str


def is_open() -> bool:
    return bool(getattr(settings, "APPLICATIONS_PUBLIC_REGISTER", False))


def anonymise(text: str, own: dict[str, str]) -> str:
    """`text` with the applicant's own details and any personal data in it masked."""
    values = {v.strip() for v in own.values() if len(v.strip()) >= 2}
    for value in sorted(values, key=len, reverse=True):  # a name inside an address is masked with it
        text = text.replace(value, mask(value))
    found = [f for f in scan(text) if f.kind in PERSONAL or f.kind == "name"]
    return redact(text, found)


def entries(rows: list[dict[str, object]]) -> list[Entry]:
    return [Entry(
        agency=str(row["agency__name"]), received_on=row["received_on"], answered_on=row["answered_on"],
        request=anonymise(str(row["description"]), {k: str(row[k] or "") for k in OWN_DETAILS}),
        outcome=outcome_label(str(row["outcome"])),
    ) for row in rows]  # type: ignore[arg-type]


# The register names the kind of answer as people say it, not the report's numbered rows.
SHORT_GROUPS = {"disclose": "予以公开", "partial": "部分公开", "withhold": "不予公开", "unable": "无法提供",
                "reject": "不予处理", "other": "其他处理"}


def outcome_label(code: str) -> str:
    outcome = OUTCOME_BY_CODE.get(code)
    if outcome is None:
        return ""
    group = SHORT_GROUPS[outcome.group]
    if outcome.group in ("disclose", "partial"):
        return group
    return f"{group}（{outcome.label.split('.', 1)[-1]}）"


@require_safe
def register_page(request: HttpRequest) -> HttpResponse:
    if not is_open():
        raise Http404("本站未开放申请公开登记")
    answered = Application.objects.filter(status="answered").exclude(outcome="")
    answered = answered.order_by("-answered_on", "-pk").values(
        "agency__name", "received_on", "answered_on", "description", "outcome", *OWN_DETAILS)
    page = Paginator(answered, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "applications/register.html", {
        "page": page, "entries": entries(list(page.object_list)),
    })
