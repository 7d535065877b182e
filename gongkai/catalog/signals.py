"""Signals sent by catalog actions inside their transaction, so that receivers (the minutes parser)
write in the same transaction as the change they follow."""

from django.dispatch import Signal

# sent with document=<Document>, actor=<User or None>
document_saved = Signal()
