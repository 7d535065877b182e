"""What kind of answer a Chinese question asks for, read from its interrogative words.

What it recognises, on the folded (简体, half-width, lower-case) question:

- who: 谁 / 哪位 / 何人 / 什么人 / 哪个人 / 哪(几)位 + a title (哪位副主席), 姓名, 叫什么名字;
  谁 with an administrative verb (由谁负责, 谁起草, 以谁的名义) may be a body as well as a person;
- when: 哪天 / 哪一天 / 哪日 / 几号 / 几月几日 / 何时 / 何日 / 几时 / 什么时候 / 啥时候 / 什么时间 /
  什么日期 / 哪个日期 / 多会儿 / 哪个月; which year: 哪年 / 哪一年 / 什么年份 / 哪个年份 / 哪几年;
- how many: 多少 / 几 / 多 + any classifier of `CLASSIFIERS` (多少条, 几回, 几个工作日, 多少周年),
  多大 / 多长 / 多久 / 多高 / 多远 / 多重 / 多少钱 / 百分之几 / 几成 / 占比;
- where: 哪里 / 哪儿 / 哪裡 / 在哪 / 何处 / 何地 / 什么地方 / 啥地方 / 什么地点, and 哪/什么 + a place
  noun (地址, 会议室, 城市 …);
- which body: 哪/哪家/哪些/什么/何 (+ numeral + classifier) + an organisation noun (部门, 单位, 机构,
  机关, 局, 委, 办, 中心, 协会 …);
- which document: the same + a document noun (文件, 法, 办法, 通知, 预案 …); which number: + 文号,
  编号, 索引号, 电话, 传真, 邮箱 …; which meeting/term: 哪次 / 第几次 / 哪届;
- yes or no: 是否 / …吗 / 有没有 / 是不是, and whether a document is still in force (还有效吗,
  是否废止, and the Cilin's synonyms of 有效: 管用, 顶用 …);
- rank: 排第几 / 第几名 / 位列第几;
- what / which / how: 什么 / 啥 / 哪些 / 哪几 / 怎样 / 怎么 / 如何 with none of the above: a span.

繁體 and full-width questions are folded first (誰, 哪裡, 幾, 甚麼 → 谁, 哪里, 几, 什么). Nothing
here names a place, a body or a document: the rules are the language's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gongkai.lib.zh.fold import fold
from gongkai.lib.zh.numerals import cn_to_int

# Answer kinds.
DATE, PLACE, PERSON, ORG, QUANTITY, CODE = "date", "place", "person", "org", "quantity", "code"
YEARS, DECISION, NEXT_STEP, RANK, ORDINAL = "years", "decision", "next_step", "rank", "ordinal"
TITLE, LIST, CATEGORY, VALIDITY, YES_NO, SPAN = "title", "list", "category", "validity", "yes_no", "span"

# Classifiers (量词) of Modern Chinese, measure words and the units government text counts in;
# longest first where one is the start of another.
CLASSIFIERS: tuple[str, ...] = tuple(sorted(set(
    "个 位 名 人 口 件 份 项 条 次 场 回 遍 趟 轮 届 期 批 号 家 所 户 座 栋 幢 间 套 台 辆 架 艘 部 本 册 篇 章 节 "
    "页 张 幅 封 种 类 样 门 块 片 段 根 支 枝 只 头 匹 棵 株 朵 颗 粒 床 顶 盏 把 双 对 副 组 群 堆 处 层 级 股 "
    "笔 元 角 天 日 周 月 年 岁 成 倍 起 宗 例 宗 圈 步 声 眼 届 "
    "人次 户次 件次 周年 个月 小时 分钟 秒钟 工作日 个工作日 历日 个历日 万元 亿元 千元 美元 "
    "公里 千米 米 厘米 毫米 平方米 平米 平方公里 平方千米 亩 公顷 吨 万吨 公斤 千克 克 斤 升 毫升 立方米 方 "
    "千瓦 千瓦时 度 万人 万户 万亩 个百分点 百分点".split()
), key=len, reverse=True))

# What counting units answer which asked classifier ("多少条" is answered by 条, "几回" by 次/场/期 …).
UNIT_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("件", "份", "项", "个", "篇"),
    ("位", "名", "人", "个"),
    ("场", "次", "期", "回", "轮", "届", "批"),
    ("条",),
    ("起", "宗", "件", "例"),
    ("元", "万元", "亿元", "千元", "亿", "万"),
    ("%", "个百分点", "百分点", "成"),
    ("家", "所", "户", "个"),
    ("天", "日", "个工作日", "工作日", "个历日", "历日", "个月", "月", "年", "周", "小时"),
    ("周年", "年"),
)

_ORG_NOUNS = (
    "部门|单位|机构|机关|组织|团体|政府|委员会|管委会|办公室|办事处|局|委|办|厅|部|处|科|室|中心|所|站|队|"
    "协会|学会|商会|联合会|基金会|公司|企业|集团|学校|大学|学院|医院|银行|法院|检察院|街道|党委|党组|分局"
)
_PERSON_NOUNS = (
    "人|人员|领导|同志|负责人|干部|代表|委员|成员|官员|专家|联系人|作者|主任|主席|组长|局长|区长|县长|市长|镇长|"
    "乡长|书记|部长|处长|科长|厅长|院长|校长|队长|所长|站长|秘书长|主持人|发言人|记录人|警官|老师|医生"
)
_DOC_NOUNS = (
    "文件|文书|材料|法律|法规|规章|法|条例|规定|办法|细则|规则|意见|方案|计划|规划|纲要|通知|通告|公告|通报|"
    "决定|决议|批复|报告|预案|制度|政策|措施|守则|指南|标准|章程|协议|合同|白皮书|文"
)
DOC_NOUNS = _DOC_NOUNS  # what documents are called: 文件, 办法, 通知, 预案 …
_CODE_NOUNS = (
    "文号|发文字号|字号|编号|索引号|登记号|统一编号|代码|号码|电话|热线|传真|手机|邮编|邮政编码|邮箱|信箱|电子邮箱|"
    "网址|网站|账号|证号"
)
_PLACE_NOUNS = (
    "地方|地点|地址|位置|场所|会议室|会场|会议厅|礼堂|大厅|楼|城市|省份|省|市|县|区|镇|乡|村|街道|地区|国家|路段|区域"
)
_TIME_NOUNS = "日子|日期|时间|时候|时段|时点|天|月份|季度"
# 哪 / 什么 / 何 / 啥, an optional numeral and classifier, then the head noun asked for; the words
# between run as far as a head noun can end (哪位县政协副主席 asks for a 主席, not a 县).
_WHICH = r"(?:哪|什么|甚么|啥|何)"
_NUM_CL = rf"(?:一|两|二|三|四|五|六|七|八|九|十|几|些)?(?:{'|'.join(CLASSIFIERS)})?"
_HEAD_LIST = tuple(sorted(
    {*"|".join((_CODE_NOUNS, _DOC_NOUNS, _ORG_NOUNS, _PLACE_NOUNS, _PERSON_NOUNS, _TIME_NOUNS)).split("|")},
    key=len, reverse=True,
))
_HEADS = "|".join(_HEAD_LIST)
_HEADED = re.compile(rf"{_WHICH}{_NUM_CL}(?:[\u4e00-\u9fff]{{0,4}})({_HEADS})")

# 哪一部 / 哪家 / 哪所 alone: a classifier that is also a head noun, standing for the noun before it.
_CLASSIFIER_LAST = re.compile(rf"{_WHICH}[一]?(?:{'|'.join(c for c in CLASSIFIERS if len(c) == 1)})")

_VALIDITY_BASE = ("有效", "算数")
_VALIDITY_WORDS = ("有效", "失效", "废止", "作废", "生效")


@dataclass(frozen=True)
class Asked:
    """What a question asks: the kinds of answer, preferred first, and what shapes them."""

    kinds: tuple[str, ...]
    word: str  # the interrogative as written in the folded question ("几号", "哪个单位"); "" if none
    at: int  # where it stands in the question, -1 if none
    classifier: str | None = None  # "多少条" -> 条
    head: str | None = None  # the noun asked for: 单位, 局, 文件, 地址 …
    wants_list: bool = False  # 哪些, 哪几, 哪两个, 都有谁: more than one answer is asked for
    spans: tuple[tuple[int, int], ...] = ()  # every stretch read as an interrogative ("还管用吗")
    count: int | None = None  # how many the answer lists: 哪两个城市 -> 2; None when not said (哪几个)
    characters: bool = False  # what is counted is characters (哪十六个字, 哪几个字): a quoted phrase

    @property
    def kind(self) -> str:
        return self.kinds[0]


def fold_question(text: str) -> str:
    """The comparison form of a question: 繁→简, half-width, lower case, without outer blanks."""
    return fold(text, lower=True).strip()


_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (rf"({_CODE_NOUNS})(?:号码|号)?\s*(?:是|为)?\s*(?:多少|什么|甚么|啥|几号|哪个)", (CODE,)),
    (r"排名?第几|位[居列]第几|名列第几|排在第几|第几名|第几位", (RANK,)),
    (r"第几(?:次|届|期|批|号|轮)|哪[一两二三四五六七八九十几]?[次届期批轮](?!.{0,2}(?:文件|通知|报告))", (ORDINAL,)),
    (r"哪一?天|哪日|哪一日|几号|几月几[日号]|何时|何日|几时|什么时候|甚么时候|啥时候|啥时|什么时间|什么日子|"
     r"什么日期|哪个日期|多会儿|哪个月|几月份?|哪个时间", (DATE,)),
    (r"哪一?年(?!级)|哪个年份|什么年份|哪几年|哪些年|几年到几年|起止(?:时间|年份)", (YEARS, DATE)),
    (r"哪里|哪儿|(?:在|去|到|往)哪(?![一两二三四五六七八九十几些次届期个份位家部项条种类])|何处|何地", (PLACE,)),
    (r"谁|何人|什么人|啥人|哪个人|哪些人|哪一?位|哪[两二三四五六七八九十几]位|姓名|叫什么名字|名字是什么", (PERSON,)),
    # "旁听的负责人叫什么": what a person is called is a name
    (rf"(?<=人|长|任|记|员|官|师|生|表)(?:叫|名叫)(?:什么|甚么|啥)", (PERSON,)),
    (r"排名|排第", (RANK,)),
)
_QUANTITY = re.compile(
    rf"(?:多少|几|多)\s*({'|'.join(CLASSIFIERS)})|多长时间|多少|多大|多长|多久|多高|多远|多重|多深|多宽|多厚|百分之几|几成|"
    r"占比|比例是|比重是"
)
_YES_NO = re.compile(r"是否|是不是|有没有|能不能|可不可以|会不会|要不要|算不算|[^\s,，。?？]{1,12}吗[?？。!！\s]*$|吗[,，]")
_LIST = re.compile(
    r"哪些|哪几|哪[两二三四五六七八九十]+[个位份部项条家种类所次场届批本篇]|都有谁|都有什么|都包括|包括哪|包括什么|有哪|分别是|分别为"
)
_THOSE_SEVERAL = re.compile(rf"[那这]几\s*(?:{'|'.join(CLASSIFIERS)})")
_WHAT = re.compile(r"什么|甚么|啥|哪些|哪几|哪[个项条种类份部]|怎样|怎么|如何|多少|何种|怎么样|哪[两二三四五六七八九十]+")
_DECISION = re.compile(r"态度|结论|审议结果|结果如何|是否(?:通过|同意|批准)|通过了吗|同意了吗|批准了吗|作出了?什么决定|什么决定")
_NEXT_STEP = re.compile(r"下一步|接下来|下步|后续(?:要|将|怎么)|还要做什么|要做什么|要求怎么做|怎么落实|如何落实")
_AGENT_VERBS = re.compile(
    r"负责|牵头|承办|落实|提出|提交|报送|上报|送审|起草|制定|拟定|编制|发布|公布|印发|签发|出台|组织|管理|审批|"
    r"受理|实施|解读|主办|名义|备案|发文|编写|出的|定的|管|提请|报请|呈报|[报送](?:上来|上去|过来)"
)
_PERSONAL_VERBS = re.compile(r"主持|出席|列席|参加|参会|与会|讲话|发言|记录|担任|任组长|兼任|当选|获|表彰|作者|签名")


def head_kind(head: str) -> str | None:
    """The kind of answer a head noun asks for: 局 an organisation, 镇 a place, 办法 a title."""
    for nouns, kind in (
        (_CODE_NOUNS, CODE), (_TIME_NOUNS, DATE), (_DOC_NOUNS, TITLE), (_PERSON_NOUNS, PERSON),
        (_ORG_NOUNS, ORG), (_PLACE_NOUNS, PLACE),
    ):
        if re.fullmatch(nouns, head):
            return kind
    return None


def parse(question: str) -> Asked:
    """The answer a question asks for (see the module's docstring for the forms recognised)."""
    return _parse(fold_question(question))


class _Reading:
    """The interrogatives of one question as they are read, each stretch of it read once."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.kinds: list[str] = []
        self.taken: list[tuple[int, int]] = []
        self.first: list[tuple[int, str]] = []
        self.classifier: str | None = None
        self.head: str | None = None

    def add(self, found: tuple[str, ...], m: re.Match[str]) -> None:
        self.kinds.extend(k for k in found if k not in self.kinds)
        self.taken.append(m.span())
        self.first.append((m.start(), m.group(0)))

    def free(self, m: re.Match[str]) -> bool:
        return not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in self.taken)


@lru_cache(maxsize=2048)
def _parse(norm: str) -> Asked:
    r = _Reading(norm)
    for pattern, found in ((_validity_pattern(), (VALIDITY, CATEGORY)), (_DECISION, (DECISION,))):
        m = pattern.search(norm)
        if m:
            r.add(found, m)
    _read_rules(r)
    _read_head(r)
    _read_count(r)
    next_step = _NEXT_STEP.search(norm)
    if next_step:
        r.add((NEXT_STEP,), next_step)
    if not r.kinds:
        _read_open(r)
    # 那几条原则 / 这几项措施: a demonstrative pointing at several things, which the answer lists
    wants_list = bool(_LIST.search(norm) or _THOSE_SEVERAL.search(norm))
    if wants_list and LIST not in r.kinds and r.kinds[:1] not in ([PERSON], [DATE], [QUANTITY], [ORG], [PLACE]):
        r.kinds.append(LIST)
    count, characters = asked_count(norm)
    if characters:
        # "提的思路是哪十六个字": the words themselves, which pages set in quotation marks
        r.kinds = [SPAN] + [k for k in r.kinds if k not in (SPAN, LIST, QUANTITY)]
    at, word = min(r.first) if r.first else (-1, "")
    return Asked(
        tuple(r.kinds) or (SPAN,), word, at, r.classifier, r.head, wants_list, tuple(sorted(r.taken)),
        count, characters,
    )


# 哪 + a numeral + a classifier: the numeral says how many items the answer lists (哪两个城市, 哪三位,
# 哪两次会议); 几 says more than one without a number; 字 after the classifier counts characters.
_WHICH_COUNT = re.compile(
    rf"哪\s*([一两二三四五六七八九十百\d]+|几)\s*(?:{'|'.join(CLASSIFIERS)})?\s*(字)?"
)


def asked_count(norm: str) -> tuple[int | None, bool]:
    """How many items "哪两个…" asks for (None when the question gives no number: 哪几个, 哪些),
    and whether the items are characters ("哪十六个字": a phrase of sixteen characters)."""
    m = _WHICH_COUNT.search(norm)
    if m is None:
        return None, False
    count = None if m.group(1) == "几" else cn_to_int(m.group(1))
    return count, bool(m.group(2))


def _read_rules(r: _Reading) -> None:
    """谁, 哪天, 哪里, 第几 …: interrogatives that say the kind by themselves."""
    for pattern, found in _RULES:
        m = re.search(pattern, r.norm)
        if m and r.free(m):
            if found == (PERSON,) and "谁" in m.group(0) and _agent_asked(r.norm):
                found = (ORG, PERSON)  # 由谁负责, 谁起草的: a body as often as a person
            r.add(found, m)
            if found == (CODE,):
                r.head = m.group(1)  # "传真号码是多少": what is asked for is a 传真


def _read_head(r: _Reading) -> None:
    """哪个单位, 什么文件, 哪两部法律: the kind is the head noun's."""
    for m in _HEADED.finditer(r.norm):
        base = head_kind(m.group(1))
        if base is None or not r.free(m):
            continue
        # the longest head noun the words end with: 哪个会议室 asks for a 会议室, not a 室
        r.head = next(h for h in _HEAD_LIST if m.group(0).endswith(h))
        if _CLASSIFIER_LAST.fullmatch(m.group(0)) and not re.match(r"[\u4e00-\u9fff]", r.norm[m.end() : m.end() + 1]):
            # "法律是哪一部": 部 counts, it names nothing; the noun asked for is the one before 是
            before = re.search(rf"({_HEADS})\s*(?:是|为|属于)?\s*$", r.norm[: m.start()])
            if before is None:
                r.head = None
                continue
            r.head = before.group(1)
        kind = head_kind(r.head) or base
        r.add(_with_head(kind, r.head, r.norm), m)
        if r.kinds[0] in (ORDINAL, YEARS) and kind in (TITLE, CODE):
            r.kinds.remove(kind)
            r.kinds.insert(0, kind)
        return


def _read_count(r: _Reading) -> None:
    """多少条, 几回, 多久: a count, and the classifier it is asked with."""
    for m in _QUANTITY.finditer(r.norm):
        # 第几 is an ordinal, 哪几 a list, and 那几条 / 这几项 point at things instead of counting them
        if m.group(0) != "多" and r.free(m) and r.norm[max(0, m.start() - 1) : m.start()] not in ("第", "哪", "那", "这"):
            r.classifier = m.group(1) if m.lastindex else None
            if m.group(0) in ("多久", "多长时间"):
                r.classifier = "天"  # a length of time: answered in days, months, years
            r.add((QUANTITY,), m)
            return


def _read_open(r: _Reading) -> None:
    """哪些 / 是否 / 什么 with no kind of its own: a list, a yes or no, a span."""
    listed, yes_no, what = _LIST.search(r.norm), _YES_NO.search(r.norm), _WHAT.search(r.norm)
    if listed:
        r.add((LIST,), listed)
    elif yes_no and not what:
        r.add((YES_NO,), yes_no)
    elif what:
        r.add((SPAN,), what)


def _agent_asked(norm: str) -> bool:
    return bool(_AGENT_VERBS.search(norm)) and not _PERSONAL_VERBS.search(norm)


def _with_head(kind: str, head: str, norm: str) -> tuple[str, ...]:
    """The kinds a head noun asks for, with the neighbours its answers are often written as."""
    if kind == TITLE and re.search(r"文号|编号", norm):
        return (CODE, TITLE)  # 依据哪个文号的文件: the 文号
    if kind == TITLE and re.search(r"哪次|什么会|哪个会", norm):
        return (TITLE, ORDINAL)
    if kind == ORG and "谁" in norm:
        return (ORG, PERSON)
    if kind == PLACE and re.fullmatch(r"省份|省|市|县|区|镇|乡|村|街道|地区|国家|城市", head):
        return (PLACE, ORG)  # 哪两个城市作了汇报: a place speaking as its government
    if kind == PERSON and head in ("负责人", "领导", "联系人"):
        return (PERSON, ORG)
    return (kind,)


@lru_cache(maxsize=1)
def _validity_pattern() -> re.Pattern[str]:
    """"还有效吗", "是否废止", "现在还管用吗": whether a document is in force."""
    words = "|".join(sorted(_validity_words(), key=len, reverse=True))
    return re.compile(
        rf"(?:是否|还|仍然?|依然|现在|目前|已经?)(?:[\u4e00-\u9fff]{{0,3}})?(?:{words})(?:吗|了吗|没有|与否)"
        rf"|(?:是否|是不是)(?:已经?|仍然?|还)?(?:{words})|(?:{words})(?:吗|了吗|没有)|有效性|效力"
    )


@lru_cache(maxsize=1)
def _validity_words() -> tuple[str, ...]:
    """The words of a document's force, with their Cilin synonyms (管用, 顶用, 作数 …)."""
    from gongkai.lib.zh import thesaurus

    try:
        extra = {w for base in _VALIDITY_BASE for w in thesaurus.synonyms(base) | {base} if len(w) >= 2}
        extra -= {"有用", "可行", "行得通", "实用", "实惠"}  # usefulness, not force
    except LookupError:
        extra = set()
    return tuple(sorted({*_VALIDITY_WORDS, *extra}))


def units_for(classifier: str | None) -> tuple[str, ...]:
    """The units that answer a count asked with `classifier`: "条" -> (条,), "回" -> (场, 次, 期 …);
    () when any unit does (多少, 几个)."""
    if not classifier or classifier == "个":
        return ()
    families = [f for f in UNIT_FAMILIES if classifier in f]
    if not families:
        return (classifier,)
    return tuple(dict.fromkeys(u for f in families for u in f))
