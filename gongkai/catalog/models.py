"""The disclosure catalog: documents with the national metadata, their history, and index numbers.

A document is the thing a citizen links to; its content lives in immutable revisions and every
change of status is a new row (who, when, why). `Document` keeps the current values denormalized
for listing and search, and `current_revision` points at the revision they came from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.catalog.indexformat import check_format


class Term(models.Model):
    """An entry of a controlled vocabulary: 主题分类 (a tree), 体裁分类, 组配分类."""

    TOPIC, GENRE, COMBO = "topic", "genre", "combo"
    KINDS = [(TOPIC, "主题分类"), (GENRE, "体裁分类"), (COMBO, "组配分类")]

    kind = models.CharField("词表", max_length=8, choices=KINDS)
    name = models.CharField("名称", max_length=100)
    # Shown on the English pages; blank means the national vocabulary's English name (gongkai.portal.terms)
    # or, for a term a portal added itself, the Chinese name marked as Chinese.
    name_en = models.CharField("英文名称", max_length=200, blank=True)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True, on_delete=models.CASCADE)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "分类词"
        verbose_name_plural = "分类词表"
        ordering = ["kind", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "parent", "name"], name="term_unique_in_parent")]

    def __str__(self) -> str:
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name

    @classmethod
    def resolve(cls, kind: str, label: str | None) -> Term | None:
        """The term a page's label names; unknown labels become new terms, since vocabularies vary by portal."""
        if not label or not label.strip():
            return None
        label = label.strip()
        leaf = label.replace("/", "\\").split("\\")[-1].strip() if kind == cls.TOPIC else label
        found = cls.objects.filter(kind=kind, name=leaf).order_by("parent_id").first()
        if found is None:
            found = cls.objects.filter(kind=kind, name=label).first()
        return found or cls.objects.create(kind=kind, name=label, position=9999)


class SiteSettings(models.Model):
    """The one row of site-wide settings that staff edit: identity, footer and the index-number form."""

    site_name = models.CharField("网站名称", max_length=100, default="青禾区人民政府")
    site_name_en = models.CharField("网站英文名称", max_length=100, default="Qinghe District People's Government")
    index_format = models.CharField(
        "索引号格式",
        max_length=100,
        default="{prefix}/{year}-{serial:05d}",
        help_text="可用 {prefix}（机构代码） {year} {month:02d} {serial:05d}；如 {prefix}-{year}-{serial:06d}",
    )
    sponsor = models.CharField("主办单位", max_length=200, default="青禾区人民政府办公室")
    sponsor_en = models.CharField("主办单位英文名称", max_length=200, blank=True)
    address = models.CharField("地址", max_length=200, default="青禾区行政中心")
    address_en = models.CharField("英文地址", max_length=300, blank=True)
    postcode = models.CharField("邮编", max_length=10, default="100000")
    icp = models.CharField("ICP备案号", max_length=64, default="")
    police_record = models.CharField("公网安备号", max_length=64, default="")
    site_code = models.CharField("网站标识码", max_length=32, default="")
    review_required = models.BooleanField(
        "全站须经审核发布", default=False,
        help_text="勾选后，每个机构的文件都须经 起草 → 审核 → 审批/发布（至少两步，各步不同人员）方可发布；"
                  "机构可在“审核流程”中设置三步",
    )

    class Meta:
        verbose_name = "站点设置"
        verbose_name_plural = "站点设置"

    def __str__(self) -> str:
        return self.site_name

    @classmethod
    def get(cls) -> SiteSettings:
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj

    def clean(self) -> None:

        try:
            check_format(self.index_format)
        except ValidationError as exc:
            raise ValidationError({"index_format": exc.messages}) from None


class Validity(models.TextChoices):
    VALID = "有效"
    EXPIRED = "失效"
    ABOLISHED = "废止"


class Document(models.Model):
    DRAFT, PUBLISHED, WITHDRAWN = "draft", "published", "withdrawn"
    STATUSES = [(DRAFT, "草稿"), (PUBLISHED, "已发布"), (WITHDRAWN, "已撤回")]
    METHODS = [("主动公开", "主动公开"), ("依申请公开", "依申请公开"), ("不予公开", "不予公开")]
    SCOPES = [("面向社会", "面向社会"), ("面向申请人", "面向申请人")]

    agency = models.ForeignKey(Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField("信息名称", max_length=500)
    index_no = models.CharField("索引号", max_length=64, null=True, blank=True, unique=True, editable=False)
    topic = models.ForeignKey(
        Term, verbose_name="主题分类", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"kind": Term.TOPIC},
    )
    genre = models.ForeignKey(
        Term, verbose_name="体裁分类", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"kind": Term.GENRE},
    )
    combo = models.ForeignKey(
        Term, verbose_name="组配分类", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"kind": Term.COMBO},
    )
    doc_no = models.CharField("文件编号", max_length=100, blank=True)
    created_date = models.DateField("产生日期", null=True, blank=True)
    published_date = models.DateField("发布日期", null=True, blank=True, db_index=True)
    abolished_date = models.DateField("废止日期", null=True, blank=True)
    expires_date = models.DateField("失效日期", null=True, blank=True)
    declared_validity = models.CharField(
        "原页面所示有效性", max_length=8, blank=True, choices=Validity.choices,
        help_text="导入的页面只写了“失效”或“废止”而无日期时记录于此",
    )
    summary = models.TextField("内容概述", blank=True)
    body_html = models.TextField("正文", blank=True)
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    keywords = models.JSONField("关键词", default=list, blank=True)
    disclosure_method = models.CharField("公开方式", max_length=16, choices=METHODS, default="主动公开")
    disclosure_scope = models.CharField("公开范围", max_length=16, choices=SCOPES, default="面向社会")
    source_url = models.URLField("来源地址", max_length=1000, blank=True, db_index=True)
    extra = models.JSONField("其他元数据", default=dict, blank=True)
    # An imported page's own fields (names from STATABLE); the catalog fills the others in (a
    # placeholder publisher, the import day, an allocated index number), and those are no answer to
    # "who published it" or "when". None for a document written here: every field is its own.
    stated_fields = models.JSONField("原页面所列字段", null=True, blank=True, editable=False)
    title_en = models.CharField("英文标题", max_length=500, blank=True)
    summary_en = models.TextField("英文概述", blank=True)
    body_en = models.TextField("英文正文", blank=True)
    # 相关阅读, chosen when this document or one it may list changes (gongkai.catalog.related): the
    # ids as ",3,8,", "," for none, "" while it is to be chosen again.
    related_ids = models.TextField("相关阅读", blank=True, default="", editable=False)
    # …and what its page shows of each, [id, title, title_en, published_date], so a page needs no query.
    related = models.JSONField("相关阅读条目", default=list, blank=True, editable=False)
    # How many attachments it has (count_attachments keeps it): a page without any asks for none.
    attachment_count = models.PositiveIntegerField("附件数", default=0, editable=False)

    status = models.CharField("状态", max_length=16, choices=STATUSES, default=DRAFT, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_reason = models.CharField("撤回原因", max_length=500, blank=True)
    current_revision = models.ForeignKey(
        "Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"
        ordering = ["-published_date", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_date"]),
            # The 相关阅读 lists to choose again, which the indexer looks for every second.
            models.Index(fields=["status"], condition=models.Q(related_ids=""), name="document_related_stale"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from gongkai.catalog.addresses import address

        return address("portal:document", self.pk)

    def validity_on(self, day: dt.date | None = None) -> str:
        """有效 / 失效 / 废止 on `day`, derived from the dates so that it is never stale."""
        day = day or timezone.localdate()
        if (self.abolished_date and self.abolished_date <= day) or self.declared_validity == Validity.ABOLISHED:
            return Validity.ABOLISHED
        if (self.expires_date and self.expires_date <= day) or self.declared_validity == Validity.EXPIRED:
            return Validity.EXPIRED
        return Validity.VALID

    @property
    def validity(self) -> str:
        return self.validity_on()

    STATABLE = ("title", "index_no", "topic", "genre", "combo", "doc_no", "agency", "created_date",
                "published_date", "validity", "abolished_date", "summary")

    def states(self, field: str) -> bool:
        """Whether `field` (one of STATABLE) comes from the document itself rather than the catalog."""
        return self.stated_fields is None or field in self.stated_fields

    @property
    def is_public(self) -> bool:
        return self.status in (self.PUBLISHED, self.WITHDRAWN)

    # The fields a revision captures: everything a reader sees of the content.
    CONTENT_FIELDS = (
        "title", "doc_no", "created_date", "published_date", "abolished_date", "expires_date",
        "declared_validity", "summary", "body_html", "keywords", "disclosure_method", "disclosure_scope",
        "source_url", "extra", "stated_fields", "title_en", "summary_en", "body_en", "topic_id", "genre_id", "combo_id", "agency_id",
    )

    def content(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.CONTENT_FIELDS:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, dt.date) else value
        return out


class Revision(models.Model):
    """An immutable snapshot of a document's content; never updated, never deleted."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("版本")
    content = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField("修改说明", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "修订版本"
        verbose_name_plural = "修订版本"
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("修订版本不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("修订版本不可删除")


class StatusChange(models.Model):
    """One row per change of a document's status: who, when, why."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=16, choices=Document.STATUSES)
    revision = models.ForeignKey(Revision, null=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.CharField("原因", max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "状态变更"
        verbose_name_plural = "状态变更"
        ordering = ["document", "at", "id"]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.document_id}/{filename}"


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("名称", max_length=300)
    file = models.FileField("文件", upload_to=attachment_path, max_length=500, blank=True)
    source_href = models.CharField("原地址", max_length=1000, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    text = models.TextField("提取的文本", blank=True, editable=False)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name


def count_attachments(sender: Any, instance: Attachment, **kwargs: Any) -> None:
    """post_save/post_delete of an attachment: its document's attachment_count, counted again."""
    count = Attachment.objects.filter(document_id=instance.document_id).count()
    Document.objects.filter(pk=instance.document_id).update(attachment_count=count)


class IndexSerial(models.Model):
    """The last serial issued for one index-number prefix in one year (or month, per the site's form)."""

    prefix = models.CharField(max_length=32)
    period = models.CharField(max_length=8)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "period"], name="serial_unique_per_period")]


class TranslationDraft(models.Model):
    """A machine-translated English text of a document, waiting for a person.

    The draft never reaches a public page by itself: it becomes the document's English title,
    summary and body only when a staff member who may edit the document accepts it
    (`catalog.actions.accept_translation`), after reading and correcting it here.
    """

    PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
    STATUSES = [(PENDING, "待审核"), (ACCEPTED, "已采用"), (REJECTED, "已放弃")]

    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE,
                                 related_name="translation_drafts")
    # The revision that was translated: a draft of an older text says so when the document changed since.
    source_revision = models.ForeignKey(Revision, verbose_name="所译版本", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    title_en = models.CharField("英文标题（机器翻译稿）", max_length=500)
    summary_en = models.TextField("英文概述（机器翻译稿）", blank=True)
    body_en = models.TextField("英文正文（机器翻译稿）", blank=True)
    model_name = models.CharField("翻译模型", max_length=200, blank=True)
    status = models.CharField("状态", max_length=16, choices=STATUSES, default=PENDING, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("生成时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = "英文机器翻译稿"
        verbose_name_plural = "英文机器翻译稿"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.title_en[:60]}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.PENDING

    @property
    def is_stale(self) -> bool:
        """The document's content changed after this draft was made."""
        return self.source_revision_id != self.document.current_revision_id
