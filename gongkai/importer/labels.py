"""The words Chinese government portals print around a disclosed document.

Every table here is in Simplified characters and compared against a Simplified, width-folded copy
of the page (`gongkai.lib.text.normalize` without lower-casing), so Traditional pages (發佈單位,
會議時間) and full-width labels match the same entries. The tables name forms that recur across
portals, never one portal's page.
"""

from __future__ import annotations

from typing import Final

# Catalog field -> the labels portals print for it. Order inside a field does not matter: the
# matcher always tries longer labels first, so 信息分类名称 wins over 信息分类 and 名称.
FIELD_LABELS: Final[dict[str, tuple[str, ...]]] = {
    "title": ("信息名称", "名称", "标题", "公文名称", "文件名称", "文件标题", "信息标题", "题名", "公文标题"),
    "index_no": ("索引号", "信息索引号", "索引编号", "索引码", "文档索引号"),
    "topic": ("主题分类", "主题", "主题类别", "信息主题分类", "主题导航", "所属主题", "分类"),
    "genre": ("体裁分类", "体裁", "文种", "文种分类", "公文种类", "信息体裁", "体裁类别"),
    "combo_category": (
        "组配分类", "信息分类", "信息分类名称", "公开目录", "目录分类", "所属目录", "目录名称",
        "信息类别", "公开类别", "所属分类", "信息公开目录",
    ),
    "doc_no": ("文号", "文件编号", "发文字号", "发文文号", "发布文号", "文件字号", "发文号", "文件文号"),
    "publisher": (
        "发布机构", "发文机构", "发布单位", "来源机关", "发文机关", "发文单位", "发布部门", "发文部门",
        "制发机关", "制发单位", "信息发布机构", "发布机关", "发布主体", "公开主体", "成文单位", "印发机关",
    ),
    "created": (
        "成文日期", "产生日期", "生成日期", "形成日期", "成文时间", "制发日期", "印发日期", "签发日期",
        "生成时间", "产生时间",
    ),
    # 发文日期 is the day the document was issued: a creation date unless the page also shows one,
    # in which case it stands for the publication date (see extract._settle_issue_date).
    "issued": ("发文日期", "发文时间"),
    "published": (
        "发布日期", "发布时间", "公开日期", "公开时间", "公布日期", "公布时间", "上网日期", "上网时间",
        "发表日期", "发表时间", "发稿时间", "公告日期", "刊登日期",
    ),
    # Bare 日期/时间 only fill the publication date when no explicit label does.
    "published_weak": ("日期", "时间", "更新时间", "更新日期"),
    "abolished": ("废止日期", "失效日期", "废止时间", "失效时间"),
    "validity": ("有效性", "时效", "时效性", "效力状态", "是否有效", "效力", "有效状态", "信息有效性"),
    "summary": ("内容概述", "内容摘要", "摘要", "概述", "内容简介", "简介", "内容描述", "信息摘要"),
    "keywords": ("主题词", "关键词", "关键字"),
    "disclosure_method": ("公开方式", "公开形式", "公开属性", "公开类型"),
    "disclosure_scope": ("公开范围",),
}

# Labels shown beside the catalog fields that we keep, as shown, in PageRecord.extra.
EXTRA_LABELS: Final[tuple[str, ...]] = (
    "统一编号", "登记编号", "信息来源", "来源", "作者", "公开时限", "实施日期", "生效日期", "施行日期",
    "服务对象分类", "服务对象", "生命周期分类", "语种", "信息格式", "载体类型", "期数", "会议时间",
    "会议地点", "责任部门", "公开责任部门", "签发人", "审核人", "发布人", "所属栏目", "栏目", "有效期",
    "规范性文件登记号", "登记号", "统一登记号", "信息顺序号", "不公开理由",
)

# Labels of the page's toolbar: they may look like metadata but never belong in the record.
TOOLBAR_LABELS: Final[frozenset[str]] = frozenset(
    {"浏览", "浏览次数", "访问次数", "阅读次数", "点击数", "点击量", "点击次数", "字体", "字号", "字体大小",
     "分享", "分享到", "打印", "关闭", "收藏", "编辑", "责任编辑", "阅读量", "浏览量"}
)

# Words that make a short line a toolbar (font size, print, share, counters, accessibility).
TOOLBAR_STRONG: Final[tuple[str, ...]] = (
    "【大】", "【中】", "【小】", "字体:", "字号:", "字体大小", "浏览次数", "访问次数", "阅读次数", "点击数",
    "点击量", "点击次数", "语音阅读", "语音播报", "扫一扫", "返回顶部", "回到顶部", "老年版", "关怀版",
    "无障碍", "视力保护色", "进入内容区", "跳过导航", "下载本信息", "分享到", "打印本页", "打印此页",
    "关闭窗口", "关闭本页", "我要打印", "【打印】", "【关闭】", "友善列印", "列印", "我要纠错",
)
# These make a toolbar only of a very short line, or together with another toolbar word.
TOOLBAR_WEAK: Final[tuple[str, ...]] = (
    "打印", "关闭", "分享", "收藏", "纠错", "繁体", "繁體", "手机版", "保存本页", "浏览:", "阅读:", "字体",
    "字号", "朗读", "微信", "微博", "下载",
)

# A line that carries one of these is the site's footer: the document ends before it.
FOOTER_STRONG: Final[tuple[str, ...]] = (
    "icp备", "icp证", "公网安备", "网站标识码", "网站识别码", "copyright", "版权所有", "all rights",
)
# The site's host: a footer near the end of the page, but an event notice may name its hosts too.
FOOTER_HOSTS: Final[tuple[str, ...]] = ("主办单位", "承办单位", "主办:", "承办:", "主办：", "承办：")
# These mark the footer only on a short line without sentence punctuation.
FOOTER_WEAK: Final[tuple[str, ...]] = (
    "联系我们", "站点地图", "网站地图", "技术支持", "网站声明", "关于我们", "隐私声明", "使用帮助",
    "网站纠错", "建议使用", "分辨率", "政府网站找错",
)

# Headings of link lists that follow (or precede) the document: 相关阅读 and its kin.
RELATED_MARKERS: Final[tuple[str, ...]] = (
    "相关阅读", "相关链接", "相关文章", "相关信息", "相关文件", "相关新闻", "延伸阅读", "推荐阅读",
    "相关解读", "相关政策", "上一篇", "下一篇", "上一条", "下一条", "热点推荐",
)

# Breadcrumb openers: 当前位置: 首页 > … and its variants.
BREADCRUMB_OPENERS: Final[tuple[str, ...]] = (
    "当前位置", "您的位置", "您现在的位置", "您当前的位置", "所在位置", "现在位置", "当前的位置", "位置:",
)

# Values of 有效性 / 废止日期 that state validity rather than a date.
VALIDITY_WORDS: Final[tuple[str, ...]] = ("有效", "失效", "废止", "已修改", "已修订", "生效")

# File types a portal links as attachments of a document.
ATTACHMENT_SUFFIXES: Final[tuple[str, ...]] = (
    ".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".ofd", ".zip", ".rar",
    ".7z", ".txt", ".csv", ".tif", ".tiff",
)

# Fields whose labels carry one date.
DATE_FIELDS: Final[frozenset[str]] = frozenset(
    {"created", "issued", "published", "published_weak", "abolished"}
)
