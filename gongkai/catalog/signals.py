"""Signals sent by catalog actions inside their transaction, so that receivers write in the same
transaction as the change they follow: a rolled-back change leaves nothing behind, a committed one
cannot lose what its followers wrote. The catalog knows its followers only through these signals.
"""

from django.dispatch import Signal

# Its content or status changed; sent with document=<Document>, actor=<User or None>. The minutes
# re-parse on it.
document_saved = Signal()

# Anything a reader can find of it changed: content, status or attachments; sent with
# document_id=<int>. Search queues the document for its index on it (the outbox).
document_changed = Signal()

# About to be published by `actions.publish`, inside its transaction, after the permission check;
# sent with document=<Document>, actor=<User or None>, system=<bool>. A receiver refuses the
# publication by raising ValidationError (the review workflow and 保密审查 do: ADR 0008); on the
# system path (import, demo) it may only record what it finds.
publishing = Signal()

# The demo generator wrote the fictional district's agencies and site settings, inside its
# transaction; apps holding site content of their own (the 政府信息公开 section) add the district's.
demo_written = Signal()
