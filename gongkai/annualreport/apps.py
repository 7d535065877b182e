from typing import Any

from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    name = "gongkai.annualreport"
    label = "annualreport"
    verbose_name = "政府信息公开工作年度报告"

    def ready(self) -> None:
        from gongkai.catalog.signals import document_saved

        document_saved.connect(_report_published, dispatch_uid="annualreport.published")


def _report_published(sender: Any, document: Any, **kwargs: Any) -> None:
    """A report sent through review is published when its document is (annualreport.actions.publish)."""
    from gongkai.annualreport.actions import mark_published
    from gongkai.catalog.models import Document

    if document.status == Document.PUBLISHED:
        mark_published(document)
