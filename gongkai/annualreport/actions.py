"""Every change to an annual report goes through one of these functions.

Each is atomic, checks the actor's permission (the whole government's report belongs to the
disclosure office; an agency's report to that agency's publishers), returns early when nothing
changes, and writes an audit entry. Publishing files the report in the catalog as a document of 体裁
年度报告, through the catalog's own actions, so it is indexed, listed and audited like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts import access, audit
from gongkai.accounts.models import Agency, Membership
from gongkai.annualreport import tables
from gongkai.annualreport.models import AnnualReport
from gongkai.catalog import actions as catalog
from gongkai.catalog.attachments import add_attachment
from gongkai.catalog.models import Document, SiteSettings, Term
from gongkai.review import actions as review
from gongkai.review.models import ReviewChain

GENRE, COMBO = "年度报告", "政府信息公开年报"
FIRST_YEAR = 2008  # the year the first Regulation took effect
EDITABLE = ("permits", "penalties", "enforcement", "fees_wan", "overview", "problems", "other_matters",
            "processing_fee_yuan")


# --- who may see and change a report -----------------------------------------------------------------


def can_view(user: Any, agency: Agency | None) -> bool:
    if agency is None:
        return access.is_office(user)
    return access.agencies_of(user).filter(pk=agency.pk).exists()


def can_manage(user: Any, agency: Agency | None) -> bool:
    if agency is None:
        return access.is_office(user)
    return access.publishing_agencies_of(user).filter(pk=agency.pk).exists()


def require_manage(user: Any, agency: Agency | None) -> None:
    if user is None or not can_manage(user, agency):
        scope = agency.name if agency else "本级政府"
        raise PermissionDenied(f"无权编制或发布{scope}的年度报告")


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError(f"年度须在{FIRST_YEAR}年至今年之间")
    return year


# --- figures ------------------------------------------------------------------------------------------


def previous_report(year: int, agency: Agency | None) -> AnnualReport | None:
    return AnnualReport.objects.filter(year=year - 1, agency=agency).exclude(figures=None).first()


def figures_for(report: AnnualReport) -> tables.Figures:
    """The stored figures, or the live count for a report not generated yet."""
    return report.stored_figures() or tables.compute(report.year, report.agency, report.staff_numbers())


def checks_for(report: AnnualReport, figures: tables.Figures) -> list[tables.Check]:
    previous = previous_report(report.year, report.agency)
    return tables.check(figures, previous.stored_figures() if previous else None)


def _refresh(report: AnnualReport) -> None:
    report.figures = tables.compute(report.year, report.agency, report.staff_numbers()).to_json()
    report.generated_at = timezone.now()


def _locked(year: int, agency: Agency | None) -> AnnualReport | None:
    # Ordered by pk: the default ordering joins the agency, which PostgreSQL cannot lock on an outer join.
    return AnnualReport.objects.select_for_update().filter(year=year, agency=agency).order_by("pk").first()


def _refuse_published(report: AnnualReport) -> None:
    if report.is_published:
        raise ValidationError("该年度报告已发布，不能再修改")
    if report.in_review:
        raise ValidationError("该年度报告已送审，请在审核页完成审批后发布")


# --- the verbs ----------------------------------------------------------------------------------------


@transaction.atomic
def generate(actor: Any, year: int, agency: Agency | None) -> AnnualReport:
    """Create the year's report (a draft) or count its tables again from today's data."""
    require_manage(actor, agency)
    check_year(year)
    report = _locked(year, agency)
    if report is None:
        report = AnnualReport(year=year, agency=agency, created_by=actor)
    _refuse_published(report)
    _refresh(report)
    try:
        with transaction.atomic():  # a savepoint: two first generations at once, one wins
            report.save()
    except IntegrityError:
        raise ValidationError("该年度报告刚由他人生成，请刷新页面后再试") from None
    audit.record(actor, "annual_report.generate", report, str(report))
    return report


@transaction.atomic
def edit(actor: Any, report: AnnualReport, fields: Mapping[str, Any]) -> AnnualReport:
    """Save staff numbers and narrative; table two's staff block is counted again with them."""
    require_manage(actor, report.agency)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"未知字段：{', '.join(sorted(unknown))}")
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _refuse_published(report)
    changed = {k: v for k, v in fields.items() if _differs(getattr(report, k), v)}
    if not changed:
        return report
    for name, value in changed.items():
        setattr(report, name, value)
    _refresh(report)
    report.save()
    audit.record(actor, "annual_report.edit", report, str(report), fields=sorted(changed))
    return report


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return Decimal(str(old)) != Decimal(str(new))
    return bool(old != new)


@transaction.atomic
def publish(actor: Any, report: AnnualReport, *, day: dt.date | None = None) -> AnnualReport:
    """File the report in the catalog (HTML body, PDF and XLSX attachments) and mark it published."""
    from gongkai.annualreport import render  # rendering pulls in WeasyPrint; only publishing needs it

    require_manage(actor, report.agency)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _refuse_published(report)
    figures = report.stored_figures()
    if figures is None:
        raise ValidationError("请先生成统计表再发布")
    failed = [c for c in tables.failures(checks_for(report, figures)) if c.severity == "error"]
    if failed:
        raise ValidationError(["统计表未通过校验，不能发布：", *(c.message for c in failed)])
    owner = publishing_agency(actor, report.agency)
    document = catalog.create_document(actor, owner, {
        "title": render.title(report), "body_html": render.body_html(report, figures),
        "genre": _term(Term.GENRE, GENRE), "combo": _term(Term.COMBO, COMBO),
        "created_date": day or timezone.localdate(), "summary": render.summary(report, figures),
    }, note="发布年度报告")
    name = render.filename(report)
    add_attachment(actor, document, ContentFile(render.pdf_bytes(report, figures), name=f"{name}.pdf"))
    add_attachment(actor, document, ContentFile(render.xlsx_bytes(report, figures), name=f"{name}.xlsx"))
    if ReviewChain.steps_for(owner.pk) > 1:
        # The agency's chain (or the site's rule) requires review: the report goes through it like any
        # document, and is marked published when the chain publishes it (`mark_published`).
        review.submit(actor, document, comment="年度报告送审")
        report.document = document
        report.save(update_fields=["document"])
        audit.record(actor, "annual_report.submit", report, str(report), document=document.pk)
        return report
    document = catalog.publish(actor, document, day=day, reason="发布年度报告")
    report.document = document
    report.status = AnnualReport.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    audit.record(actor, "annual_report.publish", report, str(report), document=document.pk)
    return report


def mark_published(document: Document) -> None:
    """The review chain published a report's document: the report is published with it."""
    # Ordered by pk: the default ordering joins the agency, which PostgreSQL cannot lock on an outer join.
    drafts = AnnualReport.objects.filter(document=document, status=AnnualReport.DRAFT).order_by("pk")
    for report in drafts.select_for_update():
        report.status = AnnualReport.PUBLISHED
        report.published_at = timezone.now()
        report.save(update_fields=["status", "published_at"])
        audit.record(None, "annual_report.publish", report, str(report), document=document.pk)


def _term(kind: str, name: str) -> Term:
    # The migration adds these terms; a vocabulary staff pruned gets them back rather than a failure.
    return Term.objects.get_or_create(kind=kind, parent=None, name=name, defaults={"position": 9999})[0]


def publishing_agency(actor: Any, agency: Agency | None) -> Agency:
    """The agency a report is published as: its own, or for the whole government the government itself.

    The government is the agency named as the site (or its sponsor), else the office the actor
    belongs to; a site with neither is told what to create.
    """
    if agency is not None:
        return agency
    site = SiteSettings.get()
    for name in (site.site_name, site.sponsor):
        found = Agency.find(name) if name else None
        if found is not None:
            return found
    office = Membership.objects.filter(user=actor, role=Membership.OFFICE).select_related("agency").first()
    if office is not None:
        return office.agency
    raise ValidationError(f"请先在“机构”中建立“{site.site_name}”，本级政府的年度报告以其名义发布")
