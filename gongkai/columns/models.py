"""The 政府信息公开 section as staff edit it: its columns (栏目), the pages some of them show, and the
footer's marks.

A column is one of four kinds: a catalog column lists the published documents filed under its
主题/体裁/组配 terms and/or agencies (法定主动公开内容: 规范性文件, 规划计划 …); a page column shows a
page that staff write (政府信息公开指南, 公开制度, 机构职能); a group column shows the columns under it;
a link column leads elsewhere (依申请公开 → the application form). Every column has its page at
/xxgk/<slug>/, beside the catalog's own addresses, which a slug can never take (RESERVED).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import NoReverseMatch, reverse

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Term

# The catalog's own addresses under /xxgk/ (gongkai.portal.urls) that are words, not document ids.
RESERVED = ("feed",)
SLUG = r"[a-z][a-z0-9-]{0,49}"
slug_validator = RegexValidator(f"^{SLUG}$", "只能用小写英文字母、数字和连字符，且以字母开头")


def not_reserved(value: str) -> None:
    if value in RESERVED:
        raise ValidationError(f"“{value}”是信息公开目录已用的地址，请换一个")


class Page(models.Model):
    """A page of text staff write: the guide, the rules, an agency's functions."""

    title = models.CharField("标题", max_length=200)
    title_en = models.CharField("英文标题", max_length=300, blank=True)
    slug = models.SlugField("标识", max_length=50, unique=True, help_text="如 guide、rules；演示数据和链接据此找到本页")
    body = models.TextField("正文", help_text="HTML：段落、小标题（h2、h3）、列表、表格、链接。站内链接写成 /applications/ 即可，"
                                            "繁体版和英文版页面会自动指向本语言的页面")
    body_en = models.TextField("英文正文", blank=True, help_text="英文版页面显示；留空则英文版显示中文正文并注明")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "栏目页面"
        verbose_name_plural = "栏目页面"
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class Column(models.Model):
    CATALOG, PAGE, GROUP, LINK = "catalog", "page", "group", "link"
    KINDS = [(CATALOG, "目录栏目（按分类列出文件）"), (PAGE, "页面"), (GROUP, "栏目组（列出下级栏目）"), (LINK, "链接")]
    FILTERS = ("topics", "genres", "combos", "agencies")

    name = models.CharField("栏目名称", max_length=100)
    name_en = models.CharField("英文名称", max_length=200, blank=True)
    slug = models.CharField("地址", max_length=50, unique=True, validators=[slug_validator, not_reserved],
                            help_text="栏目页面的地址为 /xxgk/地址/，如 guide、plans")
    position = models.PositiveIntegerField("顺序", default=0)
    parent = models.ForeignKey("self", verbose_name="上级栏目", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    kind = models.CharField("类型", max_length=8, choices=KINDS, default=CATALOG)
    visible = models.BooleanField("显示", default=True)
    description = models.CharField("栏目说明", max_length=300, blank=True, help_text="如 依据《条例》第二十条第（一）项")
    description_en = models.CharField("英文栏目说明", max_length=400, blank=True)
    page = models.ForeignKey(Page, verbose_name="页面", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="columns", help_text="类型为“页面”时必填")
    url = models.CharField("链接", max_length=300, blank=True,
                           help_text="类型为“链接”时必填：站内页面名称（如 applications:apply）、/开头的站内地址或 https:// 地址")
    topics = models.ManyToManyField(Term, verbose_name="主题分类", blank=True, related_name="+",
                                    limit_choices_to={"kind": Term.TOPIC}, help_text="含其下级主题")
    genres = models.ManyToManyField(Term, verbose_name="体裁分类", blank=True, related_name="+",
                                    limit_choices_to={"kind": Term.GENRE})
    combos = models.ManyToManyField(Term, verbose_name="组配分类", blank=True, related_name="+",
                                    limit_choices_to={"kind": Term.COMBO})
    agencies = models.ManyToManyField(Agency, verbose_name="发布机构", blank=True, related_name="+")

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("columns:column", args=[self.slug])

    def href(self) -> str:
        """Where the column's link leads: its own page, or for a link column its target."""
        return link_target(self.url) if self.kind == self.LINK else self.get_absolute_url()

    def clean(self) -> None:
        if self.kind == self.PAGE and self.page_id is None:
            raise ValidationError({"page": "页面栏目须选择页面"})
        if self.kind == self.LINK:
            check_link(self.url)
        if self.parent_id is not None and self.pk is not None and self.pk in self.ancestor_ids():
            raise ValidationError({"parent": "上级栏目不能是本栏目或其下级栏目"})

    def ancestor_ids(self) -> list[int]:
        found: list[int] = []
        parent_id = self.parent_id
        while parent_id is not None and parent_id not in found:
            found.append(parent_id)
            parent_id = Column.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        return found


_EXTERNAL = re.compile(r"^https?://[^\s]+$")


def link_target(url: str) -> str:
    """A URL name (applications:apply) in the current language, a site path or an address elsewhere."""
    if url.startswith("/") or _EXTERNAL.match(url):
        return url
    try:
        return reverse(url)
    except NoReverseMatch:
        return "#"


def check_link(url: str) -> None:
    if url.startswith("/") and not url.startswith("//"):
        return
    if _EXTERNAL.match(url):
        return
    try:
        reverse(url)
    except NoReverseMatch:
        raise ValidationError({"url": "链接须为站内页面名称（如 applications:apply）、/开头的地址或 http(s):// 地址"}) from None


def check_filters(kind: str, filters: dict[str, list[object]]) -> None:
    """A catalog column lists the documents of its classes: with none, it would list everything."""
    if kind == Column.CATALOG and not any(filters.get(name) for name in Column.FILTERS):
        raise ValidationError("目录栏目至少要选择一个主题、体裁、组配分类或发布机构")


class FooterSettings(models.Model):
    """The one row of the footer's marks. The 网站标识码 itself, ICP and 公网安备 numbers are the site
    settings' (catalog.SiteSettings); this row holds what the marks link to."""

    conac_url = models.URLField(
        "党政机关标识链接", max_length=300, blank=True,
        help_text="开办单位的“党政机关”网站标识证书地址，如 https://bszs.conac.cn/sitename?method=show&id=…；留空则不显示该标识",
    )
    show_error_link = models.BooleanField(
        "显示“我为政府网站找错”", default=True, help_text="链接由站点设置中的网站标识码生成；未填网站标识码时不显示",
    )
    error_link_base = models.URLField("找错平台地址", max_length=300,
                                      default="https://zfwzgl.www.gov.cn/exposure/jiucuo.html")

    class Meta:
        verbose_name = "页脚标识"
        verbose_name_plural = "页脚标识"

    def __str__(self) -> str:
        return "页脚标识"

    @classmethod
    def current(cls) -> FooterSettings:
        """The row, or the defaults while none was saved (read on public pages: never written there)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def error_link(self, site_code: str) -> str:
        if not (self.show_error_link and site_code):
            return ""
        return f"{self.error_link_base}?site_code={site_code}"
