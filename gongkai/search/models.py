"""The search outbox: one row per document change, written in the same transaction as the change.

The indexer applies rows after they commit and deletes them once the index has committed, so a crash
at any point loses no update: unapplied rows are simply applied again (upserts are idempotent).
"""

from __future__ import annotations

from typing import Any

from django.db import models


class OutboxEntry(models.Model):
    document_id = models.BigIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "待索引"
        verbose_name_plural = "待索引"
        ordering = ["id"]


def enqueue(document_id: int) -> None:
    """Called inside the transaction of a change; a rolled-back change leaves no row."""
    OutboxEntry.objects.create(document_id=document_id)


def on_document_changed(sender: Any, document_id: int, **kwargs: Any) -> None:
    """Receiver of `catalog.signals.document_changed`, sent inside the catalog action's transaction."""
    enqueue(document_id)
