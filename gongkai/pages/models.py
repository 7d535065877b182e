"""The page-change log: one row per change that may alter published pages, written in the same
transaction as the change (a rolled-back change leaves none).

Unlike the search outbox, rows are not deleted by the first process that applies them: every node
keeps its own page files and applies every row itself, remembering which it applied (see
gongkai.pages.changes). Rows are pruned after a day; a node that was away longer starts afresh.
"""

from __future__ import annotations

from django.db import models


class PageChange(models.Model):
    DOCUMENT, MINUTES, SITE = "document", "minutes", "site"
    KINDS = [(DOCUMENT, "文件"), (MINUTES, "会议纪要"), (SITE, "站点")]

    kind = models.CharField(max_length=16, choices=KINDS)
    # The document concerned (a minutes change: the minutes' document), or None.
    document_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "页面变更"
        verbose_name_plural = "页面变更"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.document_id or ''}".strip()
