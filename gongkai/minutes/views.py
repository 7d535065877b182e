"""The decision register, the departments' pages, and the register's exports."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.accounts.models import Agency
from gongkai.minutes import exports
from gongkai.minutes.models import AgendaItemRecord, Assignment, DecisionFilter

PAGE_SIZE = 30


def _choices(field: str, order: str = "-n") -> list[tuple[object, int]]:
    """The values a filter can take, with how many public items have each."""
    rows = AgendaItemRecord.objects.public().exclude(**{f"{field}__isnull": True})
    if field != "year":
        rows = rows.exclude(**{field: ""})
    counted = rows.values(field).annotate(n=Count("id")).order_by(order)
    return [(r[field], r["n"]) for r in counted[:50]]


def _departments() -> list[tuple[int, str, int]]:
    public = AgendaItemRecord.objects.public()
    rows = (Assignment.objects.filter(item__in=public, agency__isnull=False)
            .values("agency_id", "agency__name").annotate(n=Count("item", distinct=True))
            .order_by("-n", "agency__name"))
    return [(r["agency_id"], r["agency__name"], r["n"]) for r in rows[:200]]


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    chosen = DecisionFilter.from_params(request.GET)
    page = Paginator(exports.register_rows(chosen), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "minutes/register.html", {
        "page": page, "chosen": chosen, "query": urlencode(chosen.as_params()),
        "departments": _departments(), "years": _choices("year", "-year"), "kinds": _choices("decision_kind"),
        "follow_ups": _choices("follow_up"), "dept": Agency.objects.filter(pk=chosen.dept).first(),
    })


@require_safe
def department(request: HttpRequest, agency_id: int) -> HttpResponse:
    """What meetings asked of one agency: items it sponsored and remarks addressed to it, newest first."""
    agency = get_object_or_404(Agency, pk=agency_id)
    rows = (AgendaItemRecord.objects.public().filter(assignments__agency=agency).distinct()
            .select_related("meeting", "meeting__document")
            .prefetch_related("assignments__agency", "references__document")
            .order_by("-day", "-meeting_id", "n"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [_entry(row, agency) for row in page.object_list]
    return render(request, "minutes/department.html", {"agency": agency, "page": page, "entries": entries})


def _entry(row: AgendaItemRecord, agency: Agency) -> dict[str, object]:
    mine = [a for a in row.assignments.all() if a.agency_id == agency.pk]
    indexes = [a.remark_index for a in mine if a.role == Assignment.REMARK and a.remark_index is not None]
    remarks = [row.remarks[i] for i in dict.fromkeys(indexes) if i < len(row.remarks)]
    return {"item": row, "sponsored": any(a.role == Assignment.SPONSOR for a in mine),
            "remarks": remarks}


@require_safe
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    items = exports.export_items(DecisionFilter.from_params(request.GET), request.build_absolute_uri)
    response = StreamingHttpResponse(exports.csv_lines(items), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response


@require_safe
def export_json(request: HttpRequest) -> HttpResponse:
    chosen = DecisionFilter.from_params(request.GET)
    items = list(exports.export_items(chosen, request.build_absolute_uri))
    body = {"filters": chosen.as_params(), "count": len(items), "items": items}
    response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.json"'
    return response
