"""What the property-based suites (tests/test_fuzz_*.py) share: random and adversarial text, and a
bounded number of examples so that all of them together stay within about a minute.

`GONGKAI_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_*.py` runs more (and new) examples; CI runs the
same derandomized examples every time, so that a red build is reproducible.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "0") or 0)


def bounded(examples: int) -> settings:
    """Hypothesis settings for one property: `examples` in CI, more when GONGKAI_FUZZ_EXAMPLES says so."""
    return settings(
        max_examples=EXAMPLES or examples, deadline=None, database=None, derandomize=not EXAMPLES,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large],
    )


# Pieces a clumsy clerk, a broken portal or an attacker puts into a page, a query or a question.
PIECES = [
    "信息名称:", "索 引 号:", "索引号：", "发布机构:", "发文机构：", "文件编号:", "文号", "成文日期:", "发布日期:",
    "废止日期:", "主题分类:", "体裁分类:", "有效性:", "失效", "废止", "内容概述:", "备注/文号:",
    "246813579/2025-00031", "246813579/2025-" + "9" * 30, "000000000/9999-99999999999999999999",
    "青教发〔2025〕9号", "青政办发〔" + "9" * 40 + "〕1号", "2025-08-22", "2025年13月45日", "二〇二五年八月二十日",
    "0000-00-00", "9999-12-31", "1900年1月1日", "区教育局", "青禾区人民政府办公室", "市政會議", "案由", "決議",
    "2024年5月6日上午，区长林晓舟主持召开区政府第12次常务会议", "一、会议审议了《青禾区方案》", "会议原则同意",
    "会议要求，", "第一百亿次", "第9223372036854775808次", "六屆57次", "出席:", "列席：", "请假:",
    "\ud800", "\udfff", "\x00", "\u202e", "\ufeff", "\u3000", "\t", "\r\n", "\n\n\n", "\x1b[0m",
    "<div>" * 300, "</p>" * 50, "<script>alert(1)</script>", "<table><tr><td>索引号</td><td>", "&#0;", "&#xd800;",
    "{" * 300, "[" * 300, '"', "\\", "标题:", "机构:", "-", '"青禾', "—", "《", "》", "（", "）",
    "谁", "哪天", "几号", "多少个", "哪个部门", "还有效吗", "是什么文件", "它", "那个", "？", "?", "。。。!!",
    "青" * 400, "a" * 500, "9" * 400, "😀", "𠀀𪚥", "ㄅㄆ", "ｆｕｌｌ", "İ", "ß", "ﬁ",
]

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
adversarial = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20), st.text(CJK, max_size=20)),
                       max_size=25).map("".join)
random_text = st.text(max_size=400)
any_text = st.one_of(random_text, adversarial)
