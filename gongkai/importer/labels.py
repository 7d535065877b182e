"""The words Chinese government portals print around a disclosed document.

Every table here is in Simplified characters and compared against the folded view of the page
(`gongkai.lib.zh.fold.fold`), so Traditional pages (發佈單位,
會議時間) and full-width labels match the same entries. The tables name forms that recur across
portals, never one portal's page.
"""

from __future__ import annotations

from typing import Final

# The catalog labels themselves (索引号, 发布机构 … and the field each names) are one table shared
# with 智能问答, in gongkai.lib.zh.labels; this module holds the portal's chrome around them.

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
