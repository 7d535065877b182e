"""Organisations in Chinese government text: where a name is, whether a phrase is one, one key each.

What is recognised (简体 and 繁體 alike, full-width or not, since everything runs on `fold`):

- names ending in the kind of body: 局/委/办/厅/处/部/署/院/所/站/队 and the longer 办公室, 委员会,
  管委会, 中心, 公司, 集团, 大学, 学院, 医院, 银行, 协会, 大队, 支队, 分局, 办事处, 街道办事处,
  公所 … (区财政局, 青山县人民医院, 清河区消防救援大队, 臺青市政府秘書處 → 秘书处);
- with or without the level in front: 省/市/区/县/州/旗/镇/乡 (区发改局 and 发改局 are one body),
  and a place name before the level (青山县发改局);
- the customary short forms of function names (发展和改革 → 发改, 人力资源和社会保障 → 人社,
  住房和城乡建设 → 住建 …), so 区发展和改革局, 区发改局, 发改委 and 发改部门 share one key;
- enumerations before 等部门 ("发改、农业农村等部门" → 发改部门, 农业农村部门), and names with an
  inner 和 (自然资源和规划局 is one name; 区财政局和区审计局 are two).

Generic addressees (各部门, 有关单位, 相关部门) and common words that merely end like a body (布局,
举办, 全部, 网站, 团队 …) are not organisations. The tables are the general rules of how agencies are
named and abbreviated, not the agency list of any one place.

API: `find_orgs(text)` names as written, in order, each once; `org_spans(text)` the same as
positions; `is_org(phrase)`; `split_orgs("区财政局、区审计局和区民政局")`; `org_key(name)`;
`same_org(a, b)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.lib.zh.fold import fold

__all__ = [
    "ABBREVIATIONS", "SUFFIXES", "find_orgs", "is_org", "org_key", "org_spans", "same_org", "split_orgs",
]

# Full function names and their customary short forms, longest first where one contains another.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("机构编制委员会办公室", "编办"),
    ("编制委员会办公室", "编办"),
    ("网络安全和信息化委员会办公室", "网信办"),
    ("纪律检查委员会", "纪委"),
    ("统一战线工作部", "统战部"),
    ("政法委员会", "政法委"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("市场监督管理", "市场监管"),
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("自然资源和规划", "自然资源"),
    ("自然资源规划", "自然资源"),
    ("生态环境", "环境"),
    ("环境保护", "环境"),
    ("环保", "环境"),
    ("卫生和计划生育", "卫计"),
    ("卫生健康", "卫健"),
    ("文化广电和旅游", "文广旅"),
    ("文化广电旅游", "文广旅"),
    ("文化和旅游", "文旅"),
    ("文化旅游", "文旅"),
    ("交通运输", "交通"),
    ("退役军人事务", "退役军人"),
    ("医疗保障", "医保"),
    ("经济和信息化", "经信"),
    ("经济信息化", "经信"),
    ("工业和信息化", "工信"),
    ("科学技术", "科技"),
    ("人民防空", "人防"),
    ("城市管理", "城管"),
    ("综合行政执法", "综合执法"),
    ("国有资产监督管理", "国资"),
    ("地方金融监督管理", "金融"),
    ("金融工作", "金融"),
    ("粮食和物资储备", "粮储"),
    ("民族宗教事务", "民宗"),
    ("投资促进", "投促"),
    ("外事办公室", "外办"),
    ("人民政府", "政府"),
    ("管理委员会", "管委会"),
    ("办公室", "办"),
    ("委员会", "委"),
)

# What a name ends with, longest first (the regex takes the first alternative that fits). 繁體 forms
# (處, 委員會, 辦公室, 公所) arrive folded to these.
SUFFIXES: tuple[str, ...] = (
    "领导小组办公室", "街道办事处", "管委会", "办公室", "委员会", "研究室", "督查室", "顾问室", "指挥部",
    "办事处", "事务所", "联合会", "工商联", "总工会", "检察院", "法院", "部门", "中心", "公司", "集团",
    "大学", "学院", "学校", "中学", "小学", "幼儿园", "医院", "卫生院", "银行", "协会", "商会", "学会", "基金会",
    "合作社", "人民政府", "政府", "公所", "大队", "支队", "中队", "分局", "街道", "妇联", "残联", "科协", "团委",
    "局", "办", "委", "厅", "部", "处", "署", "院", "所", "站", "队",
)
_SUFFIX_RE = re.compile("|".join(SUFFIXES))

# Common words that end in a suffix character but name no body (布局, 举办, 全部 …).
NOT_ORGS = frozenset((
    "布局", "格局", "大局", "全局", "结局", "当局", "变局", "开局", "新局", "破局", "僵局", "残局", "时局", "举办", "承办", "主办",
    "督办", "交办", "代办", "协办", "创办", "兴办", "开办", "包办", "领办", "帮办", "查办", "经办", "专办", "通办", "转办", "批办",
    "首办", "全部", "内部", "外部", "局部", "干部", "东部", "西部", "南部", "北部", "中部", "头部", "底部", "顶部", "总部", "基部",
    "乐部", "部署", "签署", "到处", "好处", "难处", "用处", "各处", "此处", "住处", "出处", "之处", "庭院", "大院", "小院", "场所",
    "处所", "住所", "厕所", "车站", "网站", "驿站", "团队", "排队", "梯队", "相处", "共处", "长处", "短处", "益处", "坏处",
    "全委", "常委", "本部", "细部", "胸部", "腹部", "面部", "全院",
    "局所", "委所", "办所", "厅所", "部所",  # 区发改局所作的汇报: 所 is the particle there
))
_GENERIC_NAMES = frozenset(("部门", "单位", "人民政府", "中心", "公司", "集团", "街道", "大学", "学院", "学校", "医院",
                            "银行", "协会", "学会", "商会", "大队", "支队", "中队", "分局", "公所"))

# Words in front of a name that are not part of it: where a mention starts.
_LEFT_STOPS: tuple[str, ...] = (
    "同意", "通过", "听取", "审议", "讨论", "要求", "强调", "指出", "认为", "会同", "牵头", "配合", "督促",
    "责成", "按照", "根据", "依托", "做好", "加强", "提出", "提交", "协助", "确保", "同时", "会议", "其他",
    "有关", "相关", "请", "由", "向", "给", "把", "将", "让", "了", "的", "在", "是", "为", "等", "各",
    "并", "或", "被", "还", "也", "都", "就", "对", "以", "和", "与", "及",
)
_CONJUNCTIONS = ("和", "与", "及")
# Words after a name that show it has ended (区发改局要…, 区委编办提出的…).
_RIGHT_BOUNDARY = re.compile(
    r"(?:$|[^\u3400-\u9fff]|要|提出|提交|报送|起草|关于|等|的|和|与|及|会同|牵头|负责|根据|按照|抓紧|进一步|"
    r"认真|切实|加快|尽快|做好|配合|联合|共同|务必|需|应|在|对|督促|指导|研究|制定|为|将|已|于|同志|分别|"
    r"也|都|向|报|作|汇报|主动|积极|立即|全力|加强|强化|持续|统筹|结合|依法|严格|继续|协调|组织|落实|拟|"
    r"主要|局长|主任|书记|处长|部长|院长|所长|队长|以|通过)"
)
_GENERIC_HEADS = re.compile(r"(?:各级|各地|各|有关|相关|其他|所有|全体|属地|主管|职能|责任|牵头|成员|上级|下级|本级)+")
_BAD_CHARS = re.compile(r"[的了是要在把被将,，。;；:：\s\d]")
_ENUM_ORGS = re.compile(r"((?:[\u4e00-\u9fff]{2,10}、)+[\u4e00-\u9fff]{2,10})等(?:相关|有关)?部门")
_ADMIN_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:自治区|自治州|省|市|州|区|县|旗)")
_NOT_PLACE = re.compile(r"(?:开发|新|园|景|保税|试验|示范|功能|自贸|高新|城|社|片|辖|库|矿|林|街|地)区$")
_ADMIN_LEVEL = re.compile(r"^(?:区|县|市|省|州|镇|乡|旗)(?!场|容|域|级|属|民(?!政)|政(?!府))")
_KEY_SUFFIX = re.compile(r"(?:管委会|部门|局|委|办|厅|处|部|署)$")


def org_key(name: str) -> str:
    """One key per body: 区发改局, 发改部门, 区发展和改革局 and 发改委 all give 发改."""
    key = re.sub(r"\s+", "", fold(name))
    for full, short in ABBREVIATIONS:
        key = key.replace(full, short)
    key = _strip_places(key)
    key = re.sub(r"^委(?=..)", "", key)  # 区委编办 → 编办 once the level is gone
    key = re.sub(r"^政府(?=..)", "", key)  # 区政府研究室 → 研究室
    key = re.sub(r"管理(?=(?:局|委|办|处|中心)$)", "", key)  # 大数据管理局 → 大数据局
    stripped = _KEY_SUFFIX.sub("", key)
    return stripped if len(stripped) >= 2 else key  # 编办 stays 编办, not 编


def _strip_places(name: str) -> str:
    """Drop place names (青山市清河区…) and one bare level character (区/县/市 …) in front."""
    while (m := _ADMIN_PLACE.match(name)) and not _NOT_PLACE.search(m.group()) and len(name) > m.end() + 1:
        name = name[m.end():]
    if len(name) > 2:
        name = _ADMIN_LEVEL.sub("", name, count=1)
    return name


def same_org(a: str, b: str) -> bool:
    """Whether two names are one body (区发改局 / 发展和改革局 / 发改部门)."""
    ka, kb = org_key(a), org_key(b)
    return bool(ka) and ka == kb


def is_org(name: str) -> bool:
    """Whether a short phrase reads as the name of a department, office, committee, company, school …"""
    name = re.sub(r"\s+", "", fold(name))
    head = _GENERIC_HEADS.match(name)
    name = name[head.end():] if head else name
    if not 2 <= len(name) <= 24 or _BAD_CHARS.search(name) or name in _GENERIC_NAMES:
        return False
    tail = _suffix_at_end(name)
    if tail is None or len(name) == len(tail) and len(tail) < 3:
        return False
    return name[-2:] not in NOT_ORGS and name[-3:] not in NOT_ORGS


def _suffix_at_end(name: str) -> str | None:
    return next((s for s in SUFFIXES if name.endswith(s)), None)


def split_orgs(text: str) -> list[str] | None:
    """A list of bodies as written (区政府办、农业局和区财政局), or None if any part is not one.

    和/与/及 split only where the part before ends like a body: 自然资源和规划局 is one name.
    """
    parts: list[str] = []
    for chunk in re.split(r"[、,，]", text.strip()):
        chunk = re.sub(r"^(?:由|和|与|及|会同)", "", chunk.strip())
        pieces = _split_conjunctions(chunk)
        if not pieces or not all(is_org(p) for p in pieces):
            return None
        parts.extend(pieces)
    return parts or None


def _split_conjunctions(chunk: str) -> list[str]:
    for m in re.finditer(r"会同|和|与|及", chunk):
        left, right = chunk[: m.start()], chunk[m.end():]
        if is_org(left) and right:
            rest = _split_conjunctions(right)
            return [left, *rest] if rest else []
    return [chunk] if chunk else []


def find_orgs(text: str) -> list[str]:
    """Bodies mentioned in a text, as written, in order, each once (by `org_key`).

    Generic addressees (各部门, 有关单位) are left out; "发改、农业农村等部门" gives 发改部门 and
    农业农村部门, since an enumeration before 等部门 names each body by its function alone.
    """
    folded = fold(text)
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for m in _ENUM_ORGS.finditer(folded):
        start = m.start(1)
        covered.append((m.start(), m.end()))
        for part in text[m.start(1): m.end(1)].split("、"):
            found.append((start, part + "部门"))
            start += len(part) + 1
    for start, end in _mentions(folded):
        if not any(a <= start < b for a, b in covered):
            found.append((start, text[start:end]))
    return _unique(name for _, name in sorted(found))


def org_spans(text: str) -> list[tuple[int, int]]:
    """Where bodies are named in a text: (start, end) positions in order, the longest where they nest.

    In "发改、农业农村等部门" each function name is a span of its own (发改, 农业农村).
    """
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for m in _ENUM_ORGS.finditer(folded):
        start = m.start(1)
        for part in folded[m.start(1): m.end(1)].split("、"):
            spans.append((start, start + len(part)))
            start += len(part) + 1
    covered = [(m.start(), m.end()) for m in _ENUM_ORGS.finditer(folded)]
    spans += [s for s in _mentions(folded) if not any(a <= s[0] < b for a, b in covered)]
    return sorted(spans)


def _mentions(folded: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _SUFFIX_RE.finditer(folded):
        if not _RIGHT_BOUNDARY.match(folded, m.end()):
            continue
        start = _left_edge(folded, m.start())
        if start is None:
            continue
        head = _GENERIC_HEADS.match(folded, start)
        start = head.end() if head else start
        if _is_mention(folded, start, m):
            spans = [s for s in spans if not (start <= s[0] and s[1] <= m.end())]
            spans.append((start, m.end()))
    return spans


def _is_mention(folded: str, start: int, suffix: re.Match[str]) -> bool:
    name = folded[start: suffix.end()]
    if is_org(name):
        return True
    # 区政府办公室、研究室: a bare multi-character suffix inside an enumeration is a body too.
    return name == suffix.group() and len(name) >= 3 and start > 0 and folded[start - 1] in "、和"


def _left_edge(folded: str, pos: int, limit: int = 16) -> int | None:
    """Where the name ending before `pos` starts: after punctuation or a word that cannot be part of it."""
    i = pos
    while i > 0 and pos - i < limit:
        ch = folded[i - 1]
        if not ("\u3400" <= ch <= "\u9fff"):
            return i
        stop = next((w for w in _LEFT_STOPS if folded.endswith(w, 0, i)), None)
        if stop is None:
            i -= 1
            continue
        if stop in _CONJUNCTIONS and not _ends_like_org(folded, i - len(stop)):
            i -= len(stop)  # 自然资源和规划局: the 和 is inside the name
            continue
        return i
    return i if i == 0 else None


def _ends_like_org(folded: str, pos: int) -> bool:
    start = _left_edge(folded, pos)
    return start is not None and is_org(folded[start:pos])


def _unique(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = org_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out
