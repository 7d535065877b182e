"""保密审查 and personal data: what a text must not carry into a publication, as spans to show and mask.

Art. 17 of the 条例 asks every agency to review a document before it goes out; this module finds the
things a reviewer looks for, so that none is overlooked. It only points: whether a span is published
is a person's decision (`gongkai.review`), since an office telephone number in a notice is meant to
be read and a citizen's is not.

What is found (every span has a kind, its offsets in the text passed in, and its text):

- ``id_card``   身份证号: 18 digits whose last character is the GB 11643 check (0–9 or X) over a
  plausible birth date, and the old 15-digit form with a plausible YYMMDD;
- ``mobile``    手机号码: 1[3-9] and nine digits, with +86 and 3-4-4 grouping;
- ``landline``  固定电话: an area code 0xx/0xxx and 7–8 digits (区号-号码-分机, (区号)号码);
- ``bank_card`` 银行卡号: 16–19 digits, grouped by four or not, passing the Luhn check;
- ``email``     电子邮箱;
- ``address``   详细住址: a road/street number down to the 单元 or 室 (…路12号3单元402室), or a
  residential estate's 栋/单元/室;
- ``name``      姓名 beside one of the above (张某某,身份证号…; 联系人:王明 电话…) or after 姓名:;
- ``classified`` 密级标志: 绝密★/机密★/秘密★ (with 期限), 内部★, 密级:…, a line of only
  秘密/机密/绝密/内部, 内部资料-like stamps and "不宜公开". Plain words such as 商业秘密 are not.

Pure functions on `str`; no Django, no I/O.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["KINDS", "Finding", "id_card_valid", "luhn_valid", "mask", "redact", "scan"]

KINDS: dict[str, str] = {
    "id_card": "身份证号",
    "mobile": "手机号码",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "address": "详细住址",
    "name": "姓名",
    "classified": "密级标志",
}
PERSONAL = frozenset({"id_card", "mobile", "landline", "bank_card", "email", "address"})


@dataclass(frozen=True)
class Finding:
    """One span of `text[start:end]` of the given kind (a key of KINDS)."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return KINDS[self.kind]


# --- checks -------------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_card_check(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _plausible_birth(year: int, month: int, day: int) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date(2100, 1, 1)


def id_card_valid(number: str) -> bool:
    """An 18-digit 居民身份证号码 with a valid check character, or a 15-digit one with a valid date."""
    number = number.upper()
    if re.fullmatch(r"[1-9]\d{16}[\dX]", number):
        y, m, d = int(number[6:10]), int(number[10:12]), int(number[12:14])
        return _plausible_birth(y, m, d) and id_card_check(number[:17]) == number[17]
    if re.fullmatch(r"[1-9]\d{14}", number):
        return _plausible_birth(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check that bank card numbers carry."""
    if not digits.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


# --- patterns -----------------------------------------------------------------------------------

_NOT_DIGIT_BEFORE = r"(?<![\dA-Za-z])"
_NOT_DIGIT_AFTER = r"(?![\dA-Za-z])"
_ID18 = re.compile(_NOT_DIGIT_BEFORE + r"[1-9]\d{16}[\dXx]" + _NOT_DIGIT_AFTER)
_ID15 = re.compile(_NOT_DIGIT_BEFORE + r"[1-9]\d{14}" + _NOT_DIGIT_AFTER)
_MOBILE = re.compile(r"(?<![\dA-Za-z+])(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}" + _NOT_DIGIT_AFTER)
_LANDLINE = re.compile(
    r"(?<![\dA-Za-z])(?:[((]0\d{2,3}[))]\s?|0\d{2,3}[-—\s])[2-9]\d{6,7}(?:[-转]\d{1,5})?" + _NOT_DIGIT_AFTER
)
_CARD = re.compile(_NOT_DIGIT_BEFORE + r"(?:\d{4}[ -]){3,4}\d{1,7}|\d{16,19}" + _NOT_DIGIT_AFTER)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", re.ASCII)
_NUM = r"(?:\d{1,5}|[一二三四五六七八九十百零〇]{1,4})"
_HAN = r"[\u4e00-\u9fff]"
_UNITS = rf"(?:\s*{_NUM}\s*(?:号楼|栋|幢|座|单元|层|楼|室|号|户)){{1,6}}"
# Addresses are found from an anchor (…路12号, …小区5栋) and a bounded run of units after it; the
# place name before the anchor is taken in code. Every repetition is bounded and no two parts can
# match the same characters, so that no text makes the search slow.
_ADDRESS = re.compile(
    rf"(?:路|街|大道|巷|弄|胡同|里)\s*{_NUM}\s*号(?:{_HAN}{{1,6}}?(?:院|大厦|公寓|小区|花园))?{_UNITS}"
    rf"|(?:小区|花园|家园|公寓|新村|苑){_UNITS}"
)
_PLACE_BEFORE = re.compile(rf"{_HAN}{{1,12}}$")
# Words that lead into an address and belong to the sentence, not to the address.
_ADDRESS_LEAD = re.compile(rf"(?:{_HAN}*(?:住址|地址|家住|现住|居住在|居住于|住在|户籍地|住所地?)(?:为|是|在)?|为|是|在)")
_CLASSIFIED = re.compile(
    r"(?:绝密|机密|秘密)[ \t\u3000]*★[ \t\u3000]*(?:\d+[ \t\u3000]*年|[一二三四五六七八九十]+年|长期)?"
    r"|内部[ \t\u3000]*★"
    r"|密[ \t\u3000]*级[ \t\u3000]*[::][ \t\u3000]*(?:绝密|机密|秘密|内部)"
    r"|(?m:^[ \t\u3000]*(?:绝密|机密|秘密|内部)[ \t\u3000]*$)"
    r"|内部(?:资料|使用|传阅|文件[,,\s]*注意保[存管])"
    r"|不宜公开"
)

# Common surnames (single and compound), so that 咨询电话 does not read as a person called 咨询.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "令狐", "夏侯")
_NAME_LABEL = r"(?:姓名|联系人|申请人|当事人|户主|持卡人|举报人|投诉人|被申请人|本人)"
_FIELD_LABEL = (r"(?:公民身份号码|身份证号码|身份证号|身份证|证件号码|手机号码|手机号|手机|联系电话|电话|住址|家住|现住|"
                r"地址|银行卡号|银行账号|卡号|账号|电子邮箱|邮箱|E-?mail)")
_LABELLED_NAME = re.compile(
    rf"{_NAME_LABEL}\s*[::]?\s*(?P<name>{_HAN}{{2,4}}|{_HAN}{{1,4}}·{_HAN}{{1,4}})"
    rf"(?={_FIELD_LABEL}|[^\u4e00-\u9fff]|$)"
)
_NAME_BEFORE = re.compile(
    rf"(?P<name>{_HAN}{{2,4}})\s*[,,、((::\s]?\s*(?:{_FIELD_LABEL}\s*(?:为|是)?\s*[::]?)?\s*$"
)
_NAME_WINDOW = 24


def _looks_like_name(word: str) -> bool:
    if len(word) < 2 or len(word) > 4:
        return False
    if word.startswith(_COMPOUND_SURNAMES):
        return len(word) >= 3
    return word[0] in _SURNAMES and not re.search(_FIELD_LABEL + "|" + _NAME_LABEL, word)


# --- scanning -----------------------------------------------------------------------------------

def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _personal(text: str) -> Iterable[Finding]:
    for m in _ID18.finditer(text):
        if id_card_valid(m.group()):
            yield Finding("id_card", m.start(), m.end(), m.group())
    for m in _ID15.finditer(text):
        if id_card_valid(m.group()):
            yield Finding("id_card", m.start(), m.end(), m.group())
    for m in _CARD.finditer(text):
        digits = _digits(m.group())
        if 16 <= len(digits) <= 19 and luhn_valid(digits):
            yield Finding("bank_card", m.start(), m.end(), m.group())
    for m in _MOBILE.finditer(text):
        yield Finding("mobile", m.start(), m.end(), m.group())
    for m in _LANDLINE.finditer(text):
        yield Finding("landline", m.start(), m.end(), m.group())
    for m in _EMAIL.finditer(text):
        yield Finding("email", m.start(), m.end(), m.group())
    for m in _ADDRESS.finditer(text):
        if "单元" not in m.group() and "室" not in m.group():
            continue  # a street number alone is an office's or a shop's, not where someone lives
        place = _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start())
        start = place.start() if place else m.start()
        lead = _ADDRESS_LEAD.match(text, start, m.start())
        start = lead.end() if lead else start
        yield Finding("address", start, m.end(), text[start:m.end()])


def _names(text: str, beside: Sequence[Finding]) -> Iterable[Finding]:
    for m in _LABELLED_NAME.finditer(text):
        if _looks_like_name(m.group("name").replace("·", "")[:4]) or "·" in m.group("name"):
            yield Finding("name", m.start("name"), m.end("name"), m.group("name"))
    for f in beside:
        lo = max(0, f.start - _NAME_WINDOW)
        window = text[lo:f.start]
        window = window[max(window.rfind("\n"), window.rfind("。"), window.rfind(";"), window.rfind(";")) + 1:]
        lo = f.start - len(window)
        m = _NAME_BEFORE.search(window)
        if m is None:
            continue
        # The longest tail of the run of characters that reads as a name: 申请人张某某 → 张某某.
        run, run_start = m.group("name"), lo + m.start("name")
        for cut in range(len(run) - 1):
            if _looks_like_name(run[cut:]):
                yield Finding("name", run_start + cut, run_start + len(run), run[cut:])
                break


_PRIORITY = {kind: i for i, kind in enumerate(("classified", "id_card", "bank_card", "email", "mobile",
                                                "landline", "address", "name"))}


def _without_overlaps(found: Iterable[Finding]) -> list[Finding]:
    """Keeps, among overlapping spans, the one of the surer kind (an ID number is not also a card)."""
    starts: list[int] = []  # the kept spans, sorted by start; they never overlap one another
    kept: list[Finding] = []
    for f in sorted(found, key=lambda f: (_PRIORITY[f.kind], f.start, -(f.end - f.start))):
        i = bisect.bisect_left(starts, f.start)
        if (i and kept[i - 1].end > f.start) or (i < len(kept) and kept[i].start < f.end):
            continue
        starts.insert(i, f.start)
        kept.insert(i, f)
    return kept


def scan(text: str) -> list[Finding]:
    """Every span of personal data and every classification marking in `text`, in order, not overlapping."""
    if not text:
        return []
    personal = _without_overlaps(_personal(text))
    classified = [Finding("classified", m.start(), m.end(), m.group()) for m in _CLASSIFIED.finditer(text)]
    return _without_overlaps([*personal, *classified, *_names(text, personal)])


def mask(span: str) -> str:
    """What a redacted span shows: one ＊ per character, separators kept so the layout stays."""
    return "".join(c if c in " -\n" else "＊" for c in span)


def redact(text: str, findings: Sequence[Finding]) -> str:
    """`text` with every finding's span masked; offsets are those of `text`."""
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos or text[f.start:f.end] != f.text:
            raise ValueError(f"span {f.start}-{f.end} does not match the text")
        out += [text[pos:f.start], mask(f.text)]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
