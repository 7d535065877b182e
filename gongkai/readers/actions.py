"""Every change a citizen makes to their account goes through one of these functions.

Each is atomic, acts only on the acting user's own rows, writes an audit row (no-ops write none), and
sends mail only after the commit. `record_visit` is the exception: a page view is not a deliberate
change, so it leaves no audit row.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts import audit
from gongkai.accounts.models import Agency, AuditEntry
from gongkai.catalog.models import Document, Term
from gongkai.readers import confirmation
from gongkai.readers.models import (
    HISTORY_SIZE,
    Favourite,
    Reader,
    Subscription,
    Visit,
    new_feed_token,
    reader_of,
)

SUBSCRIBABLE_KINDS = (Term.TOPIC, Term.GENRE)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def email_taken(email: str) -> bool:
    return User.objects.filter(username__iexact=normalize_email(email)).exists()


def _duplicate() -> ValidationError:
    return ValidationError({"email": _("该电子邮箱已经注册。如忘记密码，可以重置密码。")}, code="duplicate")


@transaction.atomic
def register(email: str, password: str) -> User:
    """A new, inactive account; the confirmation mail goes out once the row is committed."""
    email = normalize_email(email)
    if email_taken(email):
        raise _duplicate()
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=email, email=email, password=password, is_active=False)
    except IntegrityError:  # the same address registered a moment ago in another request
        raise _duplicate() from None
    Reader.objects.create(user=user)
    audit.record(user, "reader.register", user, email)
    transaction.on_commit(lambda: confirmation.send_confirmation(user))
    return user


@transaction.atomic
def confirm(claim: confirmation.Claim) -> User:
    """Activate the account a valid link names; a second click changes nothing."""
    user = User.objects.select_for_update().filter(pk=claim.user_id).first()
    if user is None or user.email.lower() != claim.email:
        raise ValidationError(_("确认链接无效。"), code="invalid")
    reader = reader_of(user)
    if reader.confirmed_at is not None:
        return user  # confirmed before; an account staff have since disabled stays disabled
    reader.confirmed_at = timezone.now()
    reader.save(update_fields=["confirmed_at"])
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(user, "reader.confirm", user, user.email)
    return user


def resend_confirmation(email: str) -> None:
    """Mail a fresh link to an unconfirmed account, if there is one; says nothing either way."""
    user = User.objects.filter(username__iexact=normalize_email(email)).first()
    if user is None or not user.email:
        return
    if Reader.objects.filter(user=user, confirmed_at__isnull=False).exists():
        return
    transaction.on_commit(lambda: confirmation.send_confirmation(user))


@transaction.atomic
def favourite(user: User, document: Document) -> Favourite:
    if not document.is_public:
        raise PermissionDenied(_("这份信息尚未公开"))
    fav, created = Favourite.objects.get_or_create(user=user, document=document)
    if created:
        audit.record(user, "reader.favourite", document, document.title)
    return fav


@transaction.atomic
def unfavourite(user: User, document: Document) -> bool:
    deleted, _rows = Favourite.objects.filter(user=user, document=document).delete()
    if deleted:
        audit.record(user, "reader.unfavourite", document, document.title)
    return bool(deleted)


@transaction.atomic
def subscribe(user: User, target: Term | Agency) -> Subscription:
    if isinstance(target, Term) and target.kind not in SUBSCRIBABLE_KINDS:
        raise ValidationError(_("只能订阅主题分类、体裁分类或发布机构。"), code="kind")
    key = {"term": target} if isinstance(target, Term) else {"agency": target}
    sub, created = Subscription.objects.get_or_create(user=user, **key)
    if created:
        audit.record(user, "reader.subscribe", sub, str(sub))
    return sub


@transaction.atomic
def unsubscribe(user: User, subscription: Subscription) -> None:
    if subscription.user_id != user.pk:
        raise PermissionDenied(_("这不是您的订阅"))
    audit.record(user, "reader.unsubscribe", subscription, str(subscription))
    subscription.delete()


@transaction.atomic
def delete_account(user: User, password: str) -> None:
    """注销账户: the account and everything it holds go, as 个人信息保护法 Art. 47 asks.

    Staff accounts are the disclosure office's to close, in the admin. The audit trail keeps what
    happened (SET_NULL on its actor) but not the address: earlier rows that named the account's own
    e-mail have it replaced, since a deleted reader's address must not outlive the account.
    """
    if user.is_staff or user.is_superuser or user.memberships.exists():
        raise PermissionDenied(_("工作人员账户由信息公开办公室在后台注销。"))
    if not user.check_password(password):
        raise ValidationError({"password": _("密码不正确，账户没有注销。")}, code="password")
    label = f"reader#{user.pk}"
    email = user.email
    if email:
        own = AuditEntry.objects.filter(Q(actor=user) | Q(object_type="auth.user", object_id=str(user.pk)))
        own.filter(summary__contains=email).update(summary=Replace("summary", Value(email), Value(label)))
    audit.record(user, "reader.delete", user, label)
    user.delete()  # Reader, favourites, history, subscriptions and digest rows cascade with it


@transaction.atomic
def clear_history(user: User) -> int:
    deleted, _rows = Visit.objects.filter(user=user).delete()
    if deleted:
        audit.record(user, "reader.clear_history", user, f"{deleted}")
    return deleted


@transaction.atomic
def rotate_feed_token(user: User) -> Reader:
    """A new secret feed address; the old one stops working at once."""
    reader = Reader.objects.select_for_update().get(pk=reader_of(user).pk)
    reader.feed_token = new_feed_token()
    reader.save(update_fields=["feed_token"])
    audit.record(user, "reader.rotate_feed", reader)
    return reader


def record_visit(user: object, document: Document) -> None:
    """Put `document` at the top of a signed-in reader's history, keeping the newest HISTORY_SIZE."""
    if not getattr(user, "is_authenticated", False):
        return
    now = timezone.now()
    with transaction.atomic():
        if not Visit.objects.filter(user=user, document=document).update(at=now):
            try:
                with transaction.atomic():
                    Visit.objects.create(user=user, document=document, at=now)
            except IntegrityError:  # the same reader opened the page twice at once
                Visit.objects.filter(user=user, document=document).update(at=now)
        old = list(Visit.objects.filter(user=user).values_list("pk", flat=True)[HISTORY_SIZE:])
        if old:
            Visit.objects.filter(pk__in=old).delete()
