"""What a question asks: the answer type, the catalog field, the relation, and what must match.

Everything here reads the *form* of a question (哪天, 由谁主持, 多少条, 哪个局提交的 …) through the
grammar of interrogatives in lib/zh/interrogatives.py; words are compared with their synonyms in
the Cilin thesaurus (lib/zh/thesaurus.py). Nothing names a place or a document, so the rules carry
over to any government's pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import rjieba

from gongkai.lib.text import segment
from gongkai.lib.zh import interrogatives as zh
from gongkai.lib.zh import thesaurus
from gongkai.qa.fields import FIELD_KIND, LABELS
from gongkai.qa.passages import numbers_in, ordinals_in

# Answer kinds (see extract.py for how each is found in a passage); the grammar that tells them
# from a question's interrogatives is the language's, in lib/zh/interrogatives.py.
DATE, PLACE, PERSON, ORG, QUANTITY, CODE = zh.DATE, zh.PLACE, zh.PERSON, zh.ORG, zh.QUANTITY, zh.CODE
YEARS, DECISION, NEXT_STEP, RANK, ORDINAL = zh.YEARS, zh.DECISION, zh.NEXT_STEP, zh.RANK, zh.ORDINAL
TITLE, LIST, CATEGORY, SPAN, YES_NO = zh.TITLE, zh.LIST, zh.CATEGORY, zh.SPAN, zh.YES_NO
CLASSIFIERS = zh.CLASSIFIERS
_CL = "|".join(CLASSIFIERS)

# What documents are called, for "哪个办法", "什么文件".
_DOC_NOUNS = zh.DOC_NOUNS

# Nouns of the domain that ask for a span of years however the question is worded: 有效期, 起止年份.
_PERIOD_NOUNS = re.compile(r"有效期|实施期限|执行期限|起止|时间范围")
_MONEY_WORDS = re.compile(r"钱|gdp|生产总值|收入|产值|金额|资金|投资|预算|支出|营收|总额|税收|经费|费用|销售额|营业额")
_RATE_WORDS = re.compile(r"增长|增速|比例|比重|占比|率")

_ROLE_TITLES = (
    "秘书长|董事长|总经理|区长|县长|市长|镇长|乡长|州长|省长|局长|主任|主席|书记|部长|处长|科长|厅长|"
    "司长|院长|校长|常委|委员|组长|队长|所长|站长|主委|议员|参议|顾问|总指挥|指挥长|召集人|负责人"
)
_ROLE = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:副)?(?:{_ROLE_TITLES})(?![会\u4e00-\u9fff]*(?:{_ROLE_TITLES}))")

_RELATION_RULES: tuple[tuple[str, str], ...] = (
    ("chair", r"主持"),
    ("nonvoting", r"列席|旁听"),  # 旁听: to sit in without a vote, as 列席 does
    ("attendee", r"出席|参加|参会|与会"),
    ("recorder", r"记录|纪录"),
    ("sponsor", r"提交|提出|报送|上报|起草|汇报|提请|报请|呈报|拟定|送审|草拟|[报送](?:上来|上去|过来)"),  # 报上来: 报 + a directional complement
    ("responsible", r"负责|牵头|承办|落实|具体由"),
    # putting a page on the web (挂网, 挂到网上, 放在网站上, 传到网上) is publishing it; a page's
    # 来源 or 出处 is who published it
    ("publish", r"发布|公布|(?:挂|放|贴|传|发)[到在上]?网(?:上|站)?|公开的|来源|出处"),
    ("issue", r"印发|成文|发文"),
    ("sign", r"落款|签发|签署"),
    ("phone", r"电话|热线|手机|致电|拨打"),
    ("fax", r"传真"),
    ("email", r"邮箱|信箱|电邮|电子邮件|e-?mail"),
    ("effective", r"施行|生效|起执行|起实施"),
    # a time before which something is to be done: 什么时候之前, 哪天以前, 最迟, 截止, 期限
    ("deadline", r"(?:时候|时间|哪天|哪一天|何时|几月|哪年|哪一年|日期)(?:之前|以前|前)|最迟|最晚|截止|截至|期限"),
    ("addressee", r"发给|印发给|下发给|主送|送达|抄送"),
    ("in_name_of", r"名义"),
    ("meeting", r"召开|(?<![公展])开的|开会|举行|(?<![公展])开了|会议(?:是)?在"),
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
    count: int | None  # how many items the answer lists: 哪两个城市 -> 2 (lib/zh/interrogatives.asked_count)
    characters: bool  # the count is of characters: 哪十六个字 asks for a sixteen-character phrase
    # the words either side of the interrogative, each with its synonyms: where the answer stands
    anchors: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    @property
    def kind(self) -> str:
        return self.kinds[0]


def understand(text: str) -> Question:
    norm = zh.fold_question(text)
    asked_form = zh.parse(norm)
    terms = _terms(_without(norm, asked_form.spans))
    head = asked_form.head
    if head and len(head) >= 2 and asked_form.kind == TITLE and head not in terms:
        terms += (head,)  # "什么规划": the head noun is what the page names
    kinds = _kinds(norm, asked_form)
    named = _named_fields(norm)
    asked = _asked_field(norm, named)
    if asked:
        kinds = (FIELD_KIND.get(asked, SPAN),) + kinds
    relations = _relations(norm, asked_form.at)
    implied = _implied_fields(kinds, relations, norm)
    if zh.VALIDITY in asked_form.kinds and "abolished" not in implied:
        implied += ("abolished",)  # "还管用吗": the 有效性 field
    fields = ((asked,) if asked else ()) + tuple(f for f in implied if f != asked)
    return Question(
        text=text.strip(),
        norm=norm,
        kinds=_dedupe(kinds) or (SPAN,),
        fields=fields,
        asked_field=asked,
        relations=relations,
        units=_units(norm, asked_form) if QUANTITY in kinds else (),
        suffix=_suffix(norm, asked_form.head),
        role=(_role(norm) or _named_after_which(norm)) if PERSON in kinds else None,
        terms=terms,
        identifying=_identifying(norm, terms),
        counted=_counted(norm) if QUANTITY in kinds else (),
        phrases=tuple(m.group(1) for m in _QUOTED.finditer(norm)),
        numbers=frozenset(numbers_in(_without_one_year(_without_count(norm)))),
        ordinals=frozenset(ordinals_in(re.sub(r"第?几(?:次|届|期)", "", _without_count(norm)))),
        places=tuple(t for t in segment(norm) if _PLACE_NAME.match(t) and t[0] not in "全本该各我辖此"),
        wants_list=asked_form.wants_list,
        count=asked_form.count,
        characters=asked_form.characters,
        anchors=_anchors(norm, asked_form),
    )


def _kinds(norm: str, asked: zh.Asked) -> tuple[str, ...]:
    # A yes-or-no question has no span to extract (YES_NO has no extractor): only a model reads it.
    found = [CATEGORY if k == zh.VALIDITY else k for k in asked.kinds]
    if _PERIOD_NOUNS.search(norm) and YEARS not in found:
        found.insert(0, YEARS)
    if found[:1] == [PERSON] and LIST in found:
        found.remove(LIST)  # "哪些人出席": the names, not any enumeration
    return _dedupe(tuple(found))


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


def _units(norm: str, asked: zh.Asked) -> tuple[str, ...]:
    if asked.classifier:
        return zh.units_for(asked.classifier)
    if _RATE_WORDS.search(norm) and "多少" in norm:
        return ("%", "个百分点")
    if _MONEY_WORDS.search(norm):
        return ("元", "万元", "亿元", "千元", "亿", "万")
    return ()


_SUFFIX = re.compile(
    r"(?:哪个|哪家|哪所|哪部|哪份|哪项|哪些|什么)[\u4e00-\u9fff]{0,4}?(协会|学会|商会|公司|企业|集团|学校|医院|银行|中心|委员会|"
    rf"局|委|办|组|处|科|会议室|会议厅|{_DOC_NOUNS})(?<!文件)(?<!政策)(?<!制度)"
)


# Head nouns that say what kind of thing is asked for without being how its name ends: 哪个部门 is
# answered by 区发改局, 什么地方 by any place; and the ones a name ends with in a shorter form.
_GENERIC_HEADS = frozenset(
    "部门 单位 机构 机关 组织 团体 地方 地点 地址 位置 场所 区域 地区 国家 文件 材料 文书 政策 制度 措施 文".split()
)
_NAME_ENDINGS = {"法律": "法", "法规": "法", "城市": "市", "省份": "省"}


def _suffix(norm: str, head: str | None) -> str | None:
    """How the name asked for ends: the interrogative's head noun (哪几个镇 -> 镇, 哪个办公室 -> 办公室),
    else the last noun of a 哪个/什么 phrase."""
    if head and head not in _GENERIC_HEADS and zh.head_kind(head) in (ORG, PLACE, TITLE):
        return _NAME_ENDINGS.get(head, head)
    m = _SUFFIX.search(norm)
    if not m:
        return None
    return _NAME_ENDINGS.get(m.group(1), m.group(1))


def _role(norm: str) -> str | None:
    """The role whose holder is asked for: "教育局局长是谁" -> 教育局局长; "哪位区长" -> 区长."""
    best: str | None = None
    for m in _ROLE.finditer(norm):
        role = re.split(r"哪位|哪个|谁|是|由|有|时|的|那次|这次|会议|会上|担任|兼任|(?<![主责])任|为", m.group(0))[-1]
        if len(role) >= 2 and role not in _GENERIC_PEOPLE and (best is None or len(role) > len(best)):
            best = role  # a bare 负责人 or 领导 is how a person is referred to, not an office held
    return best


_GENERIC_PEOPLE = frozenset({"领导", "同志", "人员", "人士", "负责人", "干部", "成员", "代表", "同事", "工作人员"})


def _named_after_which(norm: str) -> str | None:
    """The title "哪位" asks for when no known title is named: "哪位警长" -> 警长."""
    m = re.search(r"哪一?位([\u4e00-\u9fff]{2,6})", norm)
    if not m:
        return None
    word = segment(m.group(1))[:1]
    return word[0] if word and len(word[0]) >= 2 and word[0] not in _GENERIC_PEOPLE else None


_QUESTION_WORDS = re.compile(
    r"排名?第几|位[居列]第几|第几[位名次届期号批]?|哪一?[天日年]|哪[个位些间部家份项所里儿栋座]?|什么(?:时候|地方|样)?"
    rf"|多少(?:{_CL})?|几(?:{_CL}|号)?|谁|何(?:时|处|人)?"
)
_COUNTED = re.compile(r"第?[零〇一二两三四五六七八九十百千\d.]+[届次期号年月日位名]?|[第次年区条件场号个副于后下]")


# Characters that only join the interrogative to its neighbours: "提了什么", "是哪个", "的是什么".
_JOINERS = "是了的有为都对把将在于要"


RELATION_REACH = 10  # characters: a verb this near the interrogative is what it asks about


def _relations(norm: str, at: int) -> tuple[str, ...]:
    """The relations the question's verbs ask for, the one nearest its interrogative first.

    A verb far from the interrogative usually belongs to a document's title ("关于公布…的通告从
    什么时候起施行": 施行 is asked, 公布 only names the notice), so only the nearest verb and those
    within `RELATION_REACH` count.
    """
    found: list[tuple[int, str]] = []
    for name, pattern in _RELATION_RULES:
        distances = [_distance(m, at) for m in re.finditer(pattern, norm)]
        if distances:
            found.append((min(distances), name))
    if not found or at < 0:
        return tuple(name for _, name in found)
    found.sort()
    return tuple(name for distance, name in found if distance <= max(RELATION_REACH, found[0][0]))


def _distance(m: re.Match[str], at: int) -> int:
    return 0 if at < 0 else max(0, m.start() - at, at - m.end())


def _without(norm: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The question with its interrogatives blanked: they are never content words."""
    chars = list(norm)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _anchors(norm: str, asked: zh.Asked) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The content words just before and just after the interrogative, each with its synonyms.

    An answer stands where the interrogative stands: "坚持怎样的节奏" is answered by what follows
    坚持 in the page, "哪两部法律" by what precedes 法律, "A是什么" by what follows A or its label.
    """
    if asked.at < 0:
        return (), ()
    before = re.split(r"[,，。;；?？!！]", norm[: asked.at])[-1].rstrip(_JOINERS)
    # the words after it are read whole (要求, 有效): the joiners are dropped as words, below
    after = re.split(r"[,，。;；?？!！]", norm[asked.at + len(asked.word) :])[0]
    words = [w for w in segment(before) if w not in _STOP and len(w) >= 2]
    pair = "".join(words[-2:])
    left = words[-1:] + ([pair] if len(words) >= 2 and before.endswith(pair) else [])
    tail = re.search(r"[\u4e00-\u9fff]{2,8}$", before)  # as written: a label such as 最后异动时间
    if tail and tail.group(0).lstrip("的之") not in left and len(tail.group(0).lstrip("的之")) >= 2:
        left.append(tail.group(0).lstrip("的之"))
    those = _THOSE.search(norm)
    if those:  # "那几条原则, 原话是怎么说的": the principles are what is asked, stated after their noun
        left += [w for w in segment(those.group(1)) if w not in _STOP and len(w) >= 2][:1]
    right = [w for w in segment(after) if w not in _STOP and len(w) >= 2][:1]
    if asked.head and len(asked.head) >= 2 and asked.head in asked.word:
        right = [asked.head]
    return _with_synonyms(left), _with_synonyms(right)


_THOSE = re.compile(rf"[那这]几\s*(?:{_CL})([\u4e00-\u9fff]{{2,4}})")


def _with_synonyms(words: list[str]) -> tuple[str, ...]:
    return tuple(f for w in words for f in (w, *expansions(w)))


def _terms(norm: str) -> tuple[str, ...]:
    """Content words: what a passage that answers must talk about."""
    words = segment(_QUESTION_WORDS.sub(" ", norm))
    return tuple(dict.fromkeys(w for w in words if w not in _STOP and not _COUNTED.fullmatch(w)))


_NUMBER_MARK = re.compile(r"第?[\d零〇一二两三四五六七八九十百千]+(?:次|届|期)|\d{4}年")


def _identifying(norm: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """Place and body names: the words before the meeting number or year that open most questions
    ("青山区政府第86次常务会议…"), the question's first word, and words the segmenter knows as names."""
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


_CLASSIFIED = re.compile(rf"(?:多少|几)\s*(?:{_CL}|部分)?")


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


# Abbreviations that pages spell out: the short names of sessions and their bodies, and Latin
# abbreviations of statistics.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "人代会": ("人民代表大会",),
    "人大": ("人民代表大会",),
    "政协": ("政治协商会议",),
    "常委会": ("常务委员会", "常委会议"),
    "gdp": ("地区生产总值", "国内生产总值", "生产总值"),
    "cpi": ("居民消费价格",),
    "ppi": ("生产价格指数",),
}


def expansions(term: str) -> tuple[str, ...]:
    """Other words a page may say for a question's word: its Cilin synonyms of two or more
    characters (only for words of two or more: a single character's groups are too wide)."""
    return _ABBREVIATIONS.get(term) or _expansions(term)


@lru_cache(maxsize=8192)
def _expansions(term: str) -> tuple[str, ...]:
    if len(term) < 2:
        return ()
    try:
        found = thesaurus.synonyms(term)
    except LookupError:  # the thesaurus is not installed: words match only as written
        return ()
    return tuple(sorted(w for w in found if len(w) >= 2))


def _without_count(norm: str) -> str:
    """"哪十六个字", "哪两次会议": the count asked for is no number the page must state."""
    return re.sub(r"哪\s*[一两二三四五六七八九十百\d]+", "哪", norm)


def _without_one_year(norm: str) -> str:
    """"一年里" is a span of time, not the year 1."""
    return re.sub(r"(?<![〇零一二三四五六七八九])[一两]年", "", norm)


def _dedupe(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def idf(count: int, total: int) -> float:
    return math.log(1 + (total + 1) / (count + 0.5))
