"""What a question asks: the answer type, the catalog field, the relation, and what must match.

Everything here reads the *form* of a question (哪天, 由谁主持, 多少条, 哪个局报上来的 …); nothing
names a place or a document, so the rules carry over to any government's pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import rjieba

from gongkai.lib.text import normalize, segment
from gongkai.qa.fields import FIELD_KIND, LABELS
from gongkai.qa.passages import numbers_in, ordinals_in

# Answer kinds (see extract.py for how each is found in a passage).
DATE, PLACE, PERSON, ORG, QUANTITY, CODE = "date", "place", "person", "org", "quantity", "code"
YEARS, DECISION, NEXT_STEP, RANK, ORDINAL = "years", "decision", "next_step", "rank", "ordinal"
TITLE, LIST, CATEGORY, SPAN = "title", "list", "category", "span"

# Classifiers a count is asked with: 多少条, 几场, 多少处 …
CLASSIFIERS = "个位件份场条次项名人家所起户元天倍篇期批座辆台套张种类处间栋本册艘架头只株棵床盏块段"

# What documents are called, for "哪个办法", "什么文件".
_DOC_NOUNS = "文件|规定|办法|意见|方案|条例|法律|法规|法|计划|规划|通知|政策|报告|规则|细则|制度|决定|纲要|措施"

# (pattern on the normalized question, kinds it asks for). Checked in order; all that match count,
# the first match is the preferred kind.
_KIND_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"排第几|排名第几|位居第几|位列第几|名列第几|排在第几|第几位|第几名|排第|排名", (RANK,)),
    (r"第几(?:次|届|期|批|号)", (ORDINAL,)),
    (r"哪几年|哪些年|哪几个年|几年到几年|起止|时间范围|期限|有效期|年限|适用于哪|管哪几", (YEARS,)),
    (r"哪一?年(?!级)|什么年份|哪个年份", (YEARS, DATE)),
    (r"哪一?天|哪日|什么时候|何时|几月几[日号]|什么日期|哪个日期|日期是|时间是|什么时间|多会儿", (DATE,)),
    (r"哪里|哪儿|什么地方|什么地点|地点|哪间|在哪|何处|哪个会议室|什么会议室|哪个地方|哪栋|哪座", (PLACE,)),
    (r"态度|什么决定|作出了?什么|结论|审议结果|结果如何|是否(?:通过|同意|批准)|通过了吗|同意了吗|批准了吗|怎么定|什么意见|如何处理", (DECISION,)),
    (r"下一步|接下来|之后要|然后要|后续要|下步|还要做什么|要干什么|要做什么|要求怎么做|怎么落实|如何落实", (NEXT_STEP,)),
    (rf"(?:什么|哪个|哪项|哪份|哪部|哪一?部|哪些)[\u4e00-\u9fff]{{0,4}}?(?:{_DOC_NOUNS})|哪部|依据什么|根据什么|学(?:习)?的是|学习了什么|学了什么|名称是什么|叫什么名", (TITLE,)),
    (r"哪些人|哪几位|都有谁|有谁|哪些[\u4e00-\u9fff]{0,3}?(?:领导|区长|县长|市长|镇长|局长|主任|委员|同志|人员|负责人)", (PERSON,)),
    (r"是否有效|还有效|有效吗|是否废止|废止了吗|失效了吗|是否失效|有效性", (CATEGORY,)),
    (r"哪几方面|哪些方面|哪几个方面|哪几项|哪些项|哪些内容|包括哪些|包括什么|有哪些|哪几类|哪几种|哪些事项|具体指", (LIST,)),
    (r"(?:由|是)?谁(?:来)?(?:负责|牵头|承办|落实|提出|提交|起草|发布|组织|编制|制定|印发|编写|出台|主办)", (ORG, PERSON)),
    (r"哪个(?:部门|单位|机构|局|委|办|组|处|科|中心|公司|协会|学会|企业|集团|学校|医院|银行)|哪家|什么(?:部门|单位|机构)|哪些(?:部门|单位)|哪个(?:[\u4e00-\u9fff]{1,3})(?:局|委|办)", (ORG,)),
    (r"谁|哪位|何人|什么人|姓名|名字|哪些人|哪些领导", (PERSON,)),
    (r"(?:编号|代码|号码|文号|字号)(?:是|为)?(?:多少|什么|啥)", (CODE,)),
    (r"(?:电话|热线|传真|手机|邮编|邮政编码)(?:号码)?(?:是|为)?(?:多少|什么|啥|几号)", (CODE,)),
    (rf"多少|几(?=部分|[{CLASSIFIERS}])|数量|金额|总额|比例|增长了?多少", (QUANTITY,)),
)

# Classifiers asked for ("多少条", "几场") and the units that answer them.
_UNIT_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("件", "份", "项", "个"),
    ("位", "名", "人"),
    ("场", "次", "期"),
    ("条",),
    ("起", "宗", "件"),
    ("元", "万元", "亿元", "千元", "亿", "万"),
    ("%", "个百分点"),
    ("家", "所", "户"),
)
_MONEY_WORDS = re.compile(r"钱|gdp|生产总值|收入|产值|金额|资金|投资|预算|支出|营收|总额|税收|经费|费用|规模|销售额|营业额")
_RATE_WORDS = re.compile(r"增长|增速|比例|比重|占比|率")

_ROLE_TITLES = (
    "秘书长|董事长|总经理|区长|县长|市长|镇长|乡长|州长|省长|局长|主任|主席|书记|部长|处长|科长|厅长|"
    "司长|院长|校长|常委|委员|组长|队长|所长|站长|主委|议员|参议|顾问"
)
_ROLE = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:副)?(?:{_ROLE_TITLES})(?![会\u4e00-\u9fff]*(?:{_ROLE_TITLES}))")

_RELATION_RULES: tuple[tuple[str, str], ...] = (
    ("chair", r"主持"),
    ("nonvoting", r"列席"),
    ("attendee", r"出席|参加|参会|与会"),
    ("recorder", r"记录"),
    ("sponsor", r"提交|提出|报上来|上报|报送|报来|起草|汇报|提请|呈报|拟定|谁报|报的"),
    ("responsible", r"负责|牵头|承办|落实|具体由"),
    ("publish", r"发布|公布|上网|网上|挂网|公开的"),
    ("issue", r"印发|成文|发文|签发"),
    ("meeting", r"召开|(?<!公)开的|开会|举行|开在|哪开|(?<!公)开了|会议(?:是)?在"),
)

# Words that only shape the question: they are never evidence that a passage answers it.
_STOP = frozenset(
    """的 了 是 在 由 有 和 与 及 或 吗 呢 吧 啊 那 这 那个 这个 那次 这次 那条 这条 那份 这份 那项 这项 它 其 该 此
    哪 哪个 哪些 哪位 哪里 哪儿 哪天 哪一天 哪间 哪部 哪家 哪几 哪年 哪一年 什么 多少 几 谁 何 如何 怎么 怎样 为什么
    是否 一共 总共 共 共有 总共有 共计 合计 大家 我们 请问 请 一下 具体 到底 究竟 时 上 中 里 说 要 会 能 可以 对 为 把 被 给
    让 向 从 到 实际 实际上 都 也 还 又 就 才 曾 已经 啥 么 第几 第几次 几次 几位 几份 几场 几件 几个 几项 几年
    态度 情况 地方 地点 时候 时间 日期 部门 单位 机构 那些 这些 按 据 根据 按照 专门 预计 是不是 有没有 叫 名字
    钱 最多 最少 哪几年 哪几方面 方面 干什么 做什么 什么样 下一步 接下来 一年 全年 一共有 多大 多少钱 开的 开 搞 弄 讲 谈""".split()
)

# Fields nobody asks for by their label, and the two-character labels that are safe to look for.
_UNASKED_FIELDS = frozenset({"other", "title", "summary", "keywords", "scope"})
_SHORT_LABELS = frozenset({"文号", "体裁", "文种", "期数"})

_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,40})[”\"」』》]")
_PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:省|市|区|县|镇|乡|州|旗|街道)$")


@dataclass(frozen=True)
class Question:
    text: str  # as asked, trimmed
    norm: str
    kinds: tuple[str, ...]  # wanted answer kinds, preferred first; (SPAN,) when the form is unknown
    fields: tuple[str, ...]  # catalog fields the question asks or implies, asked first
    asked_field: str | None  # the catalog field whose value is asked outright ("索引号是多少")
    relations: tuple[str, ...]  # chair, sponsor, publish, meeting …
    units: tuple[str, ...]  # units that answer "多少X"; () when any unit does
    suffix: str | None  # the head noun asked for: 协会, 局, 法 …
    role: str | None  # a role whose holder is asked for: 教育局局长
    terms: tuple[str, ...]  # content words
    identifying: tuple[str, ...]  # content words that name the document's place or body, not the matter asked
    counted: tuple[str, ...]  # what "多少X" counts: 多少件政府信息公开申请 -> 政府 信息 公开 申请
    phrases: tuple[str, ...]  # quoted phrases and document titles in the question
    numbers: frozenset[str]  # numbers that the source must state
    ordinals: frozenset[str]  # meeting and term numbers the source must state as such: "30次"
    places: tuple[str, ...]  # place names the source should mention
    wants_list: bool

    @property
    def kind(self) -> str:
        return self.kinds[0]


def understand(text: str) -> Question:
    norm = normalize(text).strip()
    terms = _terms(norm)
    kinds = _kinds(norm)
    named = _named_fields(norm)
    asked = _asked_field(norm, named)
    if asked:
        kinds = (FIELD_KIND.get(asked, SPAN),) + kinds
    relations = tuple(name for name, pattern in _RELATION_RULES if re.search(pattern, norm))
    implied = _implied_fields(kinds, relations, norm)
    fields = ((asked,) if asked else ()) + tuple(f for f in implied if f != asked)
    return Question(
        text=text.strip(),
        norm=norm,
        kinds=_dedupe(kinds) or (SPAN,),
        fields=fields,
        asked_field=asked,
        relations=relations,
        units=_units(norm) if QUANTITY in kinds else (),
        suffix=_suffix(norm),
        role=_role(norm) if PERSON in kinds else None,
        terms=terms,
        identifying=_identifying(norm, terms),
        counted=_counted(norm) if QUANTITY in kinds else (),
        phrases=tuple(m.group(1) for m in _QUOTED.finditer(norm)),
        numbers=frozenset(numbers_in(_without_one_year(norm))),
        ordinals=frozenset(ordinals_in(re.sub(r"第?几(?:次|届|期)", "", norm))),
        places=tuple(t for t in segment(norm) if _PLACE_NAME.match(t) and t[0] not in "全本该各我辖此"),
        wants_list=bool(re.search(r"哪些|哪几|都有|分别", norm)),
    )


def _kinds(norm: str) -> tuple[str, ...]:
    found: list[str] = []
    for pattern, kinds in _KIND_RULES:
        if re.search(pattern, norm):
            found.extend(k for k in kinds if k not in found)
    if found[:1] == [PERSON] and LIST in found:
        found.remove(LIST)  # "哪些人出席": the names, not any enumeration
    if PERSON in found and ORG not in found and re.search(r"由谁|谁(?:来)?负责|谁牵头", norm) and not re.search(r"主持|列席|出席|参加", norm):
        found.append(ORG)
    return tuple(found)


def _named_fields(norm: str) -> tuple[str, ...]:
    named: list[tuple[int, str]] = []
    for field, spellings in LABELS.items():
        if field in _UNASKED_FIELDS:
            continue
        for spelling in spellings:
            if (len(spelling) >= 3 or spelling in _SHORT_LABELS) and spelling in norm:
                named.append((norm.index(spelling), field))
                break
    return tuple(dict.fromkeys(field for _, field in sorted(named)))


def _asked_field(norm: str, named: tuple[str, ...]) -> str | None:
    """A named field whose value is what is asked: "索引号是多少", "发文日期是哪天", "主题分类?"."""
    for field in named:
        for spelling in LABELS[field]:
            at = norm.find(spelling)
            if at >= 0 and re.match(r"\s*(?:是|为)?\s*(?:多少|什么|啥|哪|几|[?？]|$)", norm[at + len(spelling) :]):
                return field
    return None


def _implied_fields(kinds: tuple[str, ...], relations: tuple[str, ...], norm: str) -> tuple[str, ...]:
    implied: list[str] = []
    if DATE in kinds:
        if "publish" in relations:
            implied += ["published", "created"]
        elif "issue" in relations:
            implied += ["created", "published"]
        elif "meeting" in relations or "会" in norm:
            implied.append("meeting_time")
    if PLACE in kinds:
        implied.append("meeting_place")
    if (ORG in kinds or PERSON in kinds) and "publish" in relations:
        implied.append("publisher")
    if CATEGORY in kinds and re.search(r"有效|废止|失效", norm):
        implied.append("abolished")
    if CODE in kinds and "编号" in norm:
        implied += ["unified_no", "doc_no"]
    return tuple(implied)


def _units(norm: str) -> tuple[str, ...]:
    m = re.search(rf"(?:多少|几)\s*(人次|万元|亿元|个百分点|部分|[{CLASSIFIERS}])", norm)
    if m:
        unit = m.group(1)
        if unit == "个":  # 多少个 takes whatever classifier the page counts with
            return ()
        for family in _UNIT_FAMILIES:
            if unit in family:
                return family
        return (unit,)
    if _RATE_WORDS.search(norm) and "多少" in norm:
        return ("%", "个百分点")
    if _MONEY_WORDS.search(norm):
        return ("元", "万元", "亿元", "千元", "亿", "万")
    return ()


_SUFFIX = re.compile(
    r"(?:哪个|哪家|哪所|哪部|哪份|哪项|哪些|什么)[\u4e00-\u9fff]{0,4}?(协会|学会|商会|公司|企业|集团|学校|医院|银行|中心|委员会|"
    rf"局|委|办|组|处|科|会议室|会议厅|{_DOC_NOUNS})(?<!文件)(?<!政策)(?<!制度)"
)


def _suffix(norm: str) -> str | None:
    m = _SUFFIX.search(norm)
    if not m:
        return None
    return {"法律": "法", "法规": "法"}.get(m.group(1), m.group(1))


def _role(norm: str) -> str | None:
    """The role whose holder is asked for: "教育局局长是谁" -> 教育局局长; "哪位区长" -> 区长."""
    best: str | None = None
    for m in _ROLE.finditer(norm):
        role = re.split(r"哪位|哪个|谁|是|由|有|时|的|那次|这次|会议|会上", m.group(0))[-1]
        if len(role) >= 2 and (best is None or len(role) > len(best)):
            best = role
    return best


_QUESTION_WORDS = re.compile(
    r"排名?第几|位[居列]第几|第几[位名次届期号批]?|哪一?[天日年]|哪[个位些间部家份项所里儿栋座]?|什么(?:时候|地方|样)?"
    rf"|多少[{CLASSIFIERS}]?|几[{CLASSIFIERS}年月日号]?|谁|何(?:时|处|人)?"
)
_COUNTED = re.compile(r"第?[零〇一二两三四五六七八九十百千\d.]+[届次期号年月日位名]?|[第次年区条件场号个副于后下]")


def _terms(norm: str) -> tuple[str, ...]:
    """Content words: what a passage that answers must talk about."""
    words = segment(_QUESTION_WORDS.sub(" ", norm))
    return tuple(dict.fromkeys(w for w in words if w not in _STOP and not _COUNTED.fullmatch(w)))


_NUMBER_MARK = re.compile(r"第?[\d零〇一二两三四五六七八九十百千]+(?:次|届|期)|\d{4}年")


def _identifying(norm: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """Place and body names: the words before the meeting number or year that open most questions
    ("奉化区政府第86次常务会议…"), the question's first word, and words the segmenter knows as names."""
    first = _NUMBER_MARK.search(norm)
    lead = norm[: first.start()] if first else ""
    found = []
    for term in terms:
        tags = {tag for _, tag in rjieba.tag(term)}
        if (
            norm.startswith(term)
            or (lead and term in lead)
            or _PLACE_NAME.match(term)
            or tags & {"ns", "nr", "nrt"}
        ):
            found.append(term)
    return tuple(found)


_CLASSIFIED = re.compile(rf"(?:多少|几)\s*(?:人次|万元|亿元|个百分点|部分|[{CLASSIFIERS}])?")


def _counted(norm: str) -> tuple[str, ...]:
    """The thing a quantity question counts: the words after 多少X, else the last word before it."""
    m = _CLASSIFIED.search(norm)
    if not m:
        return ()
    after = re.split(r"[,，。;；?？!！]", norm[m.end() :])[0]
    words = [w for w in segment(after) if w not in _STOP and not _COUNTED.fullmatch(w) and len(w) > 1]
    if words:
        return tuple(words)
    before = re.split(r"[,，。;；?？!！]", norm[: m.start()])[-1]
    words = [w for w in segment(_QUESTION_WORDS.sub(" ", before)) if w not in _STOP and not _COUNTED.fullmatch(w) and len(w) > 1]
    return tuple(words[-1:])


# General paraphrases of government-report vocabulary: a question's word -> the pages' words.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "gdp": ("地区生产总值", "生产总值"),
    "财政收入": ("一般公共预算收入", "财政总收入"),
    "老人": ("老年人", "老年"),
    "搬进": ("入驻", "迁入", "落户"),
    "报上来": ("提出", "提交", "报送", "上报"),
    "报": ("提出", "提交", "报送"),
    "开会": ("会议", "召开"),
    "学": ("学习",),
    "电话": ("热线",),
    "网上": ("网站", "发布"),
    "收入": ("营收", "可支配收入"),
}


def _without_one_year(norm: str) -> str:
    """"一年里" is a span of time, not the year 1."""
    return re.sub(r"(?<![〇零一二三四五六七八九])[一两]年", "", norm)


def _dedupe(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def idf(count: int, total: int) -> float:
    return math.log(1 + (total + 1) / (count + 0.5))
