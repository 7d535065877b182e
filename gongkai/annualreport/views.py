"""Staff pages of the annual report: pick a year and scope, see the tables and their checks, enter
the numbers and narrative, publish, download PDF and XLSX.

The scope in the address is "all" (the whole government) or an agency's id; every view resolves it
through `_scope`, which refuses what the user may not see.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.accounts import access
from gongkai.accounts.models import Agency
from gongkai.annualreport import actions, render as output, tables
from gongkai.annualreport.forms import PickForm, ReportForm
from gongkai.annualreport.models import AnnualReport
from gongkai.portal.pdf import content_disposition

ALL = "all"


def _scope(request: HttpRequest, year: int, scope: str) -> Agency | None:
    try:
        actions.check_year(year)
    except ValidationError:
        raise Http404("没有这一年度") from None
    if scope == ALL:
        agency = None
    elif scope.isdigit():
        agency = get_object_or_404(Agency, pk=int(scope))
    else:
        raise Http404("没有这一机构")
    if not actions.can_view(request.user, agency):
        raise PermissionDenied("无权查看该年度报告")
    return agency


def _report(year: int, agency: Agency | None) -> AnnualReport:
    """The stored report, or an unsaved draft that shows the live count until it is generated."""
    return AnnualReport.objects.filter(year=year, agency=agency).first() or AnnualReport(year=year, agency=agency)


def _scopes(user: object) -> list[tuple[str, str]]:
    out = [(ALL, "本级政府（全部机构）")] if access.is_office(user) else []  # type: ignore[arg-type]
    return out + [(str(a.pk), a.name) for a in access.agencies_of(user)]  # type: ignore[arg-type]


@staff_member_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    scopes = _scopes(request.user)
    form = PickForm(request.GET or None, scopes=scopes,
                    initial={"year": timezone.localdate().year - 1, "scope": scopes[0][0] if scopes else ""})
    if request.GET and form.is_valid():
        return redirect("annualreport:report", form.cleaned_data["year"], form.cleaned_data["scope"])
    visible = [pk for pk, _ in scopes if pk != ALL]
    reports = AnnualReport.objects.filter(agency_id__in=visible).select_related("agency")
    if scopes and scopes[0][0] == ALL:
        reports = reports | AnnualReport.objects.filter(agency=None)
    return render(request, "annualreport/index.html", {"form": form, "reports": reports, "title": "政府信息公开工作年度报告"})


def _page(request: HttpRequest, report: AnnualReport, form: ReportForm | None = None, status: int = 200) -> HttpResponse:
    figures = actions.figures_for(report)
    checks = actions.checks_for(report, figures)
    failed: dict[str, str] = {}
    for c in tables.failures(checks):
        for ident in c.cells:
            failed[ident] = "；".join(filter(None, (failed.get(ident), c.message)))
    previous = actions.previous_report(report.year, report.agency)
    before = previous.stored_figures() if previous else tables.compute(report.year - 1, report.agency)
    scope = ALL if report.agency_id is None else str(report.agency_id)
    return render(request, "annualreport/report.html", {
        **output.context(report, figures, failed), "form": form or ReportForm(instance=report),
        "checks": checks, "failures": tables.failures(checks), "scope": scope,
        "comparison": tables.compare(figures, before), "previous_stored": previous is not None,
        "can_manage": actions.can_manage(request.user, report.agency),
    }, status=status)


@staff_member_required
@require_safe
def report(request: HttpRequest, year: int, scope: str) -> HttpResponse:
    return _page(request, _report(year, _scope(request, year, scope)))


def _back(year: int, scope: str) -> HttpResponse:
    return redirect("annualreport:report", year, scope)


@staff_member_required
@require_POST
def generate(request: HttpRequest, year: int, scope: str) -> HttpResponse:
    agency = _scope(request, year, scope)
    try:
        actions.generate(request.user, year, agency)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "统计表已按当前数据重新生成。")
    return _back(year, scope)


@staff_member_required
@require_POST
def save(request: HttpRequest, year: int, scope: str) -> HttpResponse:
    agency = _scope(request, year, scope)
    actions.require_manage(request.user, agency)
    report = _report(year, agency)
    form = ReportForm(request.POST, instance=AnnualReport(year=year, agency=agency))
    if not form.is_valid():
        return _page(request, report, form, status=400)
    try:
        if report.pk is None:
            report = actions.generate(request.user, year, agency)
        actions.edit(request.user, report, {name: form.cleaned_data[name] for name in actions.EDITABLE})
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, report, form, status=400)
    messages.success(request, "已保存。")
    return _back(year, scope)


@staff_member_required
@require_POST
def publish(request: HttpRequest, year: int, scope: str) -> HttpResponse:
    agency = _scope(request, year, scope)
    report = AnnualReport.objects.filter(year=year, agency=agency).first()
    if report is None:
        messages.error(request, "请先生成统计表再发布。")
        return _back(year, scope)
    try:
        actions.publish(request.user, report)
    except ValidationError as exc:
        messages.error(request, "".join(exc.messages))
    else:
        messages.success(request, "年度报告已发布到政府信息公开目录。")
    return _back(year, scope)


def _download(request: HttpRequest, year: int, scope: str, kind: str) -> HttpResponse:
    report = _report(year, _scope(request, year, scope))
    figures = actions.figures_for(report)
    if kind == "pdf":
        data, content_type = output.pdf_bytes(report, figures), "application/pdf"
    else:
        data = output.xlsx_bytes(report, figures)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"{output.filename(report)}.{kind}", f"annual-report-{year}.{kind}")
    return response


@staff_member_required
@require_safe
def download_pdf(request: HttpRequest, year: int, scope: str) -> HttpResponse:
    return _download(request, year, scope, "pdf")


@staff_member_required
@require_safe
def download_xlsx(request: HttpRequest, year: int, scope: str) -> HttpResponse:
    return _download(request, year, scope, "xlsx")
