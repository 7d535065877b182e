"""The labels disclosure pages print before catalog values, and the field each one names.

One table for the importer and 智能问答. Spellings are 简体 without spaces; `field_of` compares on the
folded view (`fold.fold`) with blanks removed, so 繁體 labels (發布機構, 發文字號), full-width ones and
labels spaced out to a column's width (索 引 号, 文　　号) find the same entry. `spellings` lists the
繁體 forms too, for code that must print or search them.

Field keys are the importer's (`PageRecord`): dates keep their own keys (created, issued, published,
abolished) because each is read as a date; `CATALOG_FIELD` maps every key to the catalog field a
page's value fills, e.g. both abolished (废止日期) and validity (有效性) fill abolished_or_validity.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from gongkai.lib.text import to_traditional
from gongkai.lib.zh.fold import fold

__all__ = [
    "CATALOG_FIELD", "DATE_FIELDS", "EXTRA_LABELS", "FIELD_LABELS", "GENRES", "TOOLBAR_LABELS", "WEAK_LABELS",
    "field_of", "is_genre", "label_key", "spellings",
]

# field -> the labels portals print for it. Matchers try longer labels first, so 信息分类名称 wins
# over 信息分类 and 名称.
FIELD_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "title": ("信息名称", "名称", "标题", "公文名称", "文件名称", "文件标题", "信息标题", "题名", "公文标题"),
    "index_no": ("索引号", "信息索引号", "索引编号", "索引码", "文档索引号", "索取号"),
    "topic": ("主题分类", "主题", "主题类别", "信息主题分类", "主题导航", "所属主题", "分类"),
    "genre": ("体裁分类", "体裁", "文种", "文种分类", "公文种类", "信息体裁", "体裁类别"),
    # 信息分类 names the portal's column (组配): 行政事务/其他公文/全社会.
    "combo_category": (
        "组配分类", "信息分类", "信息分类名称", "公开目录", "公文目录", "目录分类", "所属目录", "目录名称",
        "信息类别", "公开类别", "所属分类", "信息公开目录",
    ),
    "doc_no": ("文号", "文件编号", "发文字号", "发文文号", "发布文号", "文件字号", "发文号", "文件文号"),
    "publisher": (
        "发布机构", "发文机构", "发布单位", "来源机关", "发文机关", "发文单位", "发布部门", "发文部门",
        "制发机关", "制发单位", "信息发布机构", "发布机关", "发布主体", "公开主体", "成文单位", "印发机关",
        "公开责任部门", "信息公开责任部门",
    ),
    "created": (
        "成文日期", "产生日期", "生成日期", "形成日期", "成文时间", "制发日期", "印发日期", "签发日期",
        "生成时间", "产生时间",
    ),
    # 发文日期 is the day the document was issued: a creation date unless the page also shows one,
    # in which case it stands for the publication date.
    "issued": ("发文日期", "发文时间"),
    "published": (
        "发布日期", "发布时间", "公开日期", "公开时间", "公布日期", "公布时间", "上网日期", "上网时间",
        "发稿时间", "公告日期", "刊登日期",
    ),
    # Bare 日期/时间 only fill the publication date when no explicit label does.
    "published_weak": ("日期", "时间", "更新时间", "更新日期"),
    "abolished": ("废止日期", "失效日期", "废止时间", "失效时间"),
    "validity": (
        "有效性", "时效", "时效性", "效力状态", "是否有效", "效力", "有效状态", "信息有效性", "信息时效期",
        "公文时效", "信息时效", "文件时效", "有效期状态",
    ),
    "summary": ("内容概述", "内容摘要", "摘要", "概述", "内容简介", "简介", "内容描述", "信息摘要"),
    "keywords": ("主题词", "关键词", "关键字"),
    "disclosure_method": ("公开方式", "公开形式", "公开属性", "公开类型"),
    "disclosure_scope": ("公开范围",),
    # Not catalog fields of their own, but values a reader asks about.
    "unified_no": ("统一编号", "统一编码", "登记号", "规范性文件登记号", "统一登记号", "登记编号"),
    "source": ("信息来源", "来源"),
    "meeting_time": ("会议时间",),
    "meeting_place": ("会议地点",),
    "period": ("期数",),
}

# The catalog field (importer's dry-run JSON, the document's metadata) each key fills; None: shown
# beside the catalog fields, kept as shown.
CATALOG_FIELD: Final[dict[str, str | None]] = {
    "title": "title", "index_no": "index_no", "topic": "topic", "genre": "genre",
    "combo_category": "combo_category", "doc_no": "doc_no", "publisher": "publisher", "created": "created",
    "issued": "created", "published": "published", "published_weak": "published",
    "abolished": "abolished_or_validity", "validity": "abolished_or_validity", "summary": "summary",
    "keywords": None, "disclosure_method": None, "disclosure_scope": None, "unified_no": None, "source": None,
    "meeting_time": None, "meeting_place": None, "period": None,
}

# Labels shown beside the catalog fields that are kept, as shown, and never fill one: 著录时间 and
# 发表时间 are when a clerk typed the entry, not a date of the document.
EXTRA_LABELS: Final[tuple[str, ...]] = (
    "作者", "公开时限", "实施日期", "生效日期", "施行日期", "服务对象分类", "服务对象", "生命周期分类", "语种",
    "信息格式", "载体类型", "签发人", "审核人", "发布人", "所属栏目", "栏目", "有效期", "信息顺序号",
    "不公开理由", "责任部门", "著录时间", "著录日期", "发表时间", "发表日期",
)

# Labels of a page's toolbar: they look like metadata but never belong in a record.
TOOLBAR_LABELS: Final[frozenset[str]] = frozenset(
    {"浏览", "浏览次数", "访问次数", "阅读次数", "点击数", "点击量", "点击次数", "字体", "字号", "字体大小",
     "分享", "分享到", "打印", "关闭", "收藏", "编辑", "责任编辑", "阅读量", "浏览量", "语音阅读"}
)

# Two-character and catch-all labels that are also ordinary words: a block found below the text
# needs more than these to count as one.
WEAK_LABELS: Final[frozenset[str]] = frozenset(
    {"主题", "分类", "日期", "时间", "名称", "标题", "摘要", "简介", "概述", "文种", "体裁", "效力", "时效",
     "更新时间", "更新日期", "来源", "作者", "栏目"}
)

# Genres (体裁) a value can name: the fifteen kinds of 党政机关公文 and the other kinds portals file
# documents under. A 信息分类 whose value is one of them carries the genre, not a column.
GENRES: Final[frozenset[str]] = frozenset({
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案",
    "函", "纪要", "会议纪要", "规划", "计划", "方案", "办法", "规定", "细则", "条例", "规章", "规范性文件", "预案",
    "总结", "年报", "年度报告", "解读", "政策解读", "公示", "工作动态", "其他", "其他公文", "白皮书", "指南",
})

# Keys whose labels carry one date.
DATE_FIELDS: Final[frozenset[str]] = frozenset(
    {"created", "issued", "published", "published_weak", "abolished"})

_KEY_OF: Final[dict[str, str]] = {label: key for key, labels in FIELD_LABELS.items() for label in labels}


def label_key(label: str) -> str | None:
    """The key of a label in 简体 without blanks, exactly as in `FIELD_LABELS`, or None."""
    return _KEY_OF.get(label)


def field_of(label: str) -> str | None:
    """The key a label as shown names: 索 引 号 → index_no, 發文機關： → publisher, 信息分类 →
    combo_category, 有效性 → validity; None for a label not in the table."""
    view = "".join(c for c in fold(label) if not c.isspace()).rstrip(":】]").lstrip("【[")
    return _KEY_OF.get(view)


@lru_cache(maxsize=None)
def spellings(key: str) -> tuple[str, ...]:
    """Every spelling of a key's labels: 简体 and their 繁體 forms (台湾, 香港), without duplicates."""
    out: dict[str, None] = {}
    for label in FIELD_LABELS[key]:
        out[label] = None
        for variant in ("s2t", "s2tw", "s2hk"):
            out[to_traditional(label, variant)] = None
    return tuple(out)


def is_genre(value: str) -> bool:
    """Whether a value names a genre (通知, 通告, 会议纪要 …; 繁體 and 类 after it too: 通知類)."""
    view = "".join(c for c in fold(value) if not c.isspace())
    return view in GENRES or (view.endswith("类") and view[:-1] in GENRES)
