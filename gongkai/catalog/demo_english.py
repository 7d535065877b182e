"""The demo district's English edition: English names for its agencies, vocabularies and site texts,
and English titles, summaries and bodies for part of its documents, written here by hand.

A real portal translates the documents it chooses; the demo does the same for the forms it can
render faithfully from what the document states: the executive meetings' minutes (an English
account of each item and its decision, built from the parsed record), the notices that issue a
policy and the policy interpretations (English title and summary; the full text stays Chinese, as the
English page says). A document with anything this module cannot put into English keeps no English
at all rather than a half-translation.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import translation

from gongkai.accounts.models import Agency
from gongkai.catalog import actions
from gongkai.catalog.models import Document, SiteSettings, Term

SITE_EN = {
    "site_name_en": "Qinghe District People's Government, Yunchuan",
    "sponsor_en": "General Office of the Qinghe District People's Government, Yunchuan",
    "address_en": "District Administrative Centre, 1 Helan Avenue, Qinghe District, Yunchuan",
}

AGENCIES_EN = {
    "青禾区人民政府": "Qinghe District People's Government",
    "青禾区人民政府办公室": "General Office of the Qinghe District People's Government",
    "青禾区发展和改革局": "Qinghe District Development and Reform Bureau",
    "青禾区大数据管理局": "Qinghe District Big Data Administration",
    "中共青禾区委机构编制委员会办公室": "Office of the Institutional Establishment Committee, CPC Qinghe District Committee",
    "青禾区市场监督管理局": "Qinghe District Administration for Market Regulation",
    "青禾区司法局": "Qinghe District Justice Bureau",
    "青禾区审计局": "Qinghe District Audit Bureau",
    "青禾区财政局": "Qinghe District Finance Bureau",
    "青禾区教育局": "Qinghe District Education Bureau",
    "青禾区卫生健康委员会": "Qinghe District Health Commission",
    "青禾区住房和城乡建设局": "Qinghe District Housing and Urban-Rural Development Bureau",
    "青禾区农业农村局": "Qinghe District Agriculture and Rural Affairs Bureau",
    "青禾区人力资源和社会保障局": "Qinghe District Human Resources and Social Security Bureau",
    "青禾区应急管理局": "Qinghe District Emergency Management Bureau",
    "青禾区澄禾镇人民政府": "Chenghe Town People's Government, Qinghe District",
    "青禾区枫岚镇人民政府": "Fenglan Town People's Government, Qinghe District",
    "青禾区鹭汀街道办事处": "Luting Subdistrict Office, Qinghe District",
}

# The matters the demo's meetings take up ({y} = a year), in English.
SUBJECTS_EN = {
    "青禾区{y}年政府系统重点工作任务分解方案": "Breakdown of the Key Tasks of the Qinghe District Government System for {y}",
    "青禾区人民政府工作规则（修订稿）": "Working Rules of the Qinghe District People's Government (revised draft)",
    "{y}年区政府重点工作督查情况汇报": "Report on the Inspection of the District Government's Key Work in {y}",
    "青禾区{y}年政务公开工作要点": "Key Points of Qinghe District's Government Transparency Work for {y}",
    "{y}年全区信访工作情况汇报": "Report on Petitions Work across the District in {y}",
    "青禾区{y}年优化营商环境行动方案": "Qinghe District Action Plan for Improving the Business Environment in {y}",
    "{y}年青禾区民生实事项目计划": "Qinghe District Plan of Practical Projects for Residents' Livelihoods in {y}",
    "青禾区{y}年政府投资项目计划": "Qinghe District Government Investment Project Plan for {y}",
    "{y}年国民经济和社会发展计划执行情况报告": "Report on the Implementation of the {y} Plan for Economic and Social Development",
    "青禾区粮食应急保障预案": "Qinghe District Contingency Plan for Emergency Grain Supply",
    "青禾区{y}年数字政府建设工作要点": "Key Points of Qinghe District's Digital Government Work for {y}",
    "青禾区政务信息化项目管理办法": "Qinghe District Measures for the Management of Government IT Projects",
    "青禾区公共数据共享开放实施细则": "Qinghe District Detailed Rules for Sharing and Opening Public Data",
    "{y}年“一网通办”推进情况汇报": "Report on Progress with One-Stop Online Government Services in {y}",
    "青禾区镇（街道）审批监管执法协同办法": "Qinghe District Measures for Coordinating Approval, Supervision and Enforcement in Towns and Subdistricts",
    "青禾区事业单位机构改革实施方案": "Qinghe District Implementation Plan for the Reform of Public Institutions",
    "青禾区电梯安全监管工作办法": "Qinghe District Measures for the Supervision of Lift Safety",
    "{y}年度质量提升行动情况汇报": "Report on the Quality Improvement Campaign in {y}",
    "青禾区食品安全主体责任落实办法": "Qinghe District Measures for Enforcing Businesses' Responsibility for Food Safety",
    "青禾区个体工商户培育扶持措施": "Qinghe District Measures to Foster and Support Individual Businesses",
    "青禾区重大行政决策程序规定": "Qinghe District Provisions on the Procedure for Major Administrative Decisions",
    "青禾区{y}年度法治政府建设情况报告": "Report on Building a Law-Based Government in Qinghe District in {y}",
    "青禾区行政规范性文件管理办法": "Qinghe District Measures for the Management of Administrative Normative Documents",
    "青禾区人民调解工作规范": "Qinghe District Standards for People's Mediation",
    "{y}年度区级审计项目计划执行情况汇报": "Report on the Implementation of the District Audit Project Plan for {y}",
    "{y}年度区级预算执行审计查出问题整改情况的报告": "Report on the Rectification of Problems Found in the Audit of the {y} District Budget Execution",
    "青禾区内部审计工作规定": "Qinghe District Provisions on Internal Audit",
    "青禾区{y}年政府购买服务指导性目录": "Qinghe District Guiding Catalogue of Government Procurement of Services for {y}",
    "青禾区{y}年区级预算编制方案": "Qinghe District Plan for Preparing the {y} District Budget",
    "青禾区区级财政专项资金管理办法": "Qinghe District Measures for the Management of Special Budget Funds",
    "{y}年上半年财政收支情况汇报": "Report on Budget Revenue and Expenditure in the First Half of {y}",
    "青禾区{y}年义务教育阶段招生入学工作方案": "Qinghe District Plan for Admissions to Compulsory Education in {y}",
    "青禾区学前教育普惠发展三年行动计划": "Qinghe District Three-Year Action Plan for Affordable Preschool Education",
    "青禾区中小学课后服务工作方案": "Qinghe District Plan for After-School Services in Primary and Secondary Schools",
    "{y}年学校建设和招生入学情况汇报": "Report on School Construction and Admissions in {y}",
    "{y}年爱国卫生运动开展情况汇报": "Report on the Patriotic Health Campaign in {y}",
    "青禾区基层医疗卫生服务能力提升方案": "Qinghe District Plan for Strengthening Primary Health Care",
    "{y}年家庭医生签约服务推进情况汇报": "Report on Progress with Contracted Family Doctor Services in {y}",
    "青禾区医养结合服务实施意见": "Qinghe District Opinions on Integrating Medical and Elderly Care",
    "青禾区城市道路桥梁养护管理办法": "Qinghe District Measures for the Maintenance of Urban Roads and Bridges",
    "青禾区{y}年老旧小区改造实施计划": "Qinghe District Implementation Plan for Renovating Old Residential Compounds in {y}",
    "青禾区住宅物业服务考核办法": "Qinghe District Measures for Assessing Residential Property Services",
    "{y}年保障性住房建设情况汇报": "Report on the Construction of Affordable Housing in {y}",
    "青禾区{y}年农业防灾减灾工作方案": "Qinghe District Plan for Agricultural Disaster Prevention and Relief in {y}",
    "青禾区高标准农田建设实施方案": "Qinghe District Implementation Plan for Building High-Standard Farmland",
    "{y}年乡村振兴重点工作推进情况汇报": "Report on Progress with the Key Tasks of Rural Revitalisation in {y}",
    "青禾区农村人居环境整治提升方案": "Qinghe District Plan for Improving the Rural Living Environment",
    "青禾区{y}年职业技能提升行动实施方案": "Qinghe District Implementation Plan for the Vocational Skills Campaign in {y}",
    "青禾区重点群体就业帮扶办法": "Qinghe District Measures for Employment Support to Key Groups",
    "{y}年根治欠薪工作情况汇报": "Report on Eliminating Wage Arrears in {y}",
    "青禾区{y}年安全生产专项整治工作方案": "Qinghe District Plan for the Special Work Safety Campaign in {y}",
    "{y}年森林防灭火工作情况汇报": "Report on Forest Fire Prevention and Fighting in {y}",
    "青禾区防汛抗旱应急预案": "Qinghe District Emergency Plan for Flood Control and Drought Relief",
    "{y}年安全生产和消防工作情况汇报": "Report on Work Safety and Fire Protection in {y}",
    # What the meetings study without deciding: the city's meetings and documents.
    "全市安全生产工作会议精神": "the guidance of the city's work safety conference",
    "全市优化营商环境工作推进会精神": "the guidance of the city's conference on improving the business environment",
    "云川市政务公开工作考核办法": "Yunchuan Measures for Assessing Government Transparency Work",
    "全市防汛抗旱工作会议精神": "the guidance of the city's flood control and drought relief conference",
    "全市乡村振兴工作会议精神": "the guidance of the city's rural revitalisation conference",
    "全市数字政府建设推进会精神": "the guidance of the city's digital government conference",
    "市政府第一次全体会议精神": "the guidance of the first plenary meeting of the city government",
    "云川市重大行政决策事项目录管理办法": "Yunchuan Measures for the Catalogue of Major Administrative Decisions",
}
_SUBJECT_PATTERNS = [
    (re.compile("^" + re.escape(zh).replace(r"\{y\}", r"(?P<y>\d{4})") + "$"), en) for zh, en in SUBJECTS_EN.items()
]

_FULL_WIDTH_BRACKETS = str.maketrans("()", "（）")  # a title as typed, or as a page shows it
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
NOTE = "This English text is an account of the document for readers of English; the Chinese text is authoritative."


def add_english() -> int:
    """English names for the agencies, vocabularies and site texts, and English texts for the demo's
    documents of the forms above; returns how many documents got an English text."""
    _site()
    _agencies()
    _terms()
    done = 0
    for doc in Document.objects.filter(title_en="").select_related("agency").order_by("pk"):
        texts = english_for(doc)
        if texts:
            actions.update_document(None, doc, texts, note="演示数据英文版", system=True)
            done += 1
    return done


def _site() -> None:
    site = SiteSettings.get()
    for name, value in SITE_EN.items():
        setattr(site, name, value)
    site.save()


def _agencies() -> None:
    for name, english in AGENCIES_EN.items():
        Agency.objects.filter(name=name, name_en="").update(name_en=english)


def _terms() -> None:
    """The national vocabularies' English names (the English catalog's), as staff see them in the
    admin; a term a portal added itself has none until staff give it one."""
    with translation.override("en"):
        for term in Term.objects.filter(name_en=""):
            english = translation.gettext(term.name)
            if english != term.name:
                Term.objects.filter(pk=term.pk).update(name_en=english)


def english_for(doc: Document) -> dict[str, str] | None:
    """The English title, summary and body this module can write for `doc`, or None."""
    for form in (_minutes, _notice, _interpretation):
        texts = form(doc)
        if texts:
            return texts
    return None


def subject(text: str) -> str | None:
    """A matter of the demo's meetings in English: 《青禾区2026年…计划》 -> "Qinghe District … in 2026"."""
    text = text.strip().strip("《》").translate(_FULL_WIDTH_BRACKETS)
    for pattern, english in _SUBJECT_PATTERNS:
        m = pattern.match(text)
        if m:
            return english.replace("{y}", m.groupdict().get("y") or "")
    return None


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def english_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _agency_en(name: str) -> str | None:
    agency = Agency.find(name)
    return agency.name_en if agency and agency.name_en else None


# --- the forms ----------------------------------------------------------------------------------


_MINUTES_TITLE = re.compile(r"^区政府第(?P<n>\d+)次常务会议纪要$")


def _minutes(doc: Document) -> dict[str, str] | None:
    m = _MINUTES_TITLE.match(doc.title)
    record = getattr(doc, "meeting", None) if m else None
    if record is None or not record.date:
        return None
    agenda = list(record.items.all())
    items = [_item_en(item) for item in agenda]
    if not items or None in items:
        return None
    n, day = ordinal(int(m.group("n"))), english_date(record.date)
    title = f"Minutes of the {n} Executive Meeting of the District Government"
    # as the Chinese summary does: the first two matters decided on (or heard), studies left out
    named = [_matter_en(item) for item in agenda if item.decision_kind][:2]
    among = f", including {' and '.join(str(x) for x in named)}" if named else ""
    among = f": {' and '.join(str(x) for x in named)}" if named and len(named) == len(items) else among
    summary = (f"The {n} executive meeting of the Qinghe District Government, held on {day}, "
               f"took up {len(items)} items of business{among}.")
    body = [f"On {day} the Qinghe District Government held its {n} executive meeting. "
            "The meeting took up the following items."]
    body += [f"{i}. {text}" for i, text in enumerate(items, 1)]
    body.append(NOTE)
    return {"title_en": title, "summary_en": summary, "body_en": "\n\n".join(body)}


_VERBS = {"审议": "considered", "听取": "heard", "研究": "studied", "传达学习": "studied and conveyed"}
# What a meeting decided, said after its verb: "considered and approved in principle the …".
_DECISIONS = {"原则同意": "approved in principle", "同意": "approved", "通过": "adopted",
              "原则通过": "adopted in principle", "听取": ""}  # 听取: the report was heard, nothing decided
_NEXT = {
    "提请区委常委会审议": "It is to be submitted to the Standing Committee of the District Party Committee.",
    "提请区人大常委会审议": "It is to be submitted to the Standing Committee of the District People's Congress.",
    "由区人民政府办公室按程序印发实施": ("The General Office of the District Government is to issue it for "
                                         "implementation in accordance with the prescribed procedure."),
    "再次提请区政府常务会议审议": ("{who} is to revise it in the light of the comments made at the meeting and submit it "
                                   "again to an executive meeting of the district government."),
    "另行提请审议": ("{who} is to study it further, revise it and submit it again for consideration at a "
                     "later date."),
}
_REVISED_DRAFT = "（修改稿）"
# What the minutes say besides the decision's kind, read from its sentence: the demo's forms only.
_NEXT_STEPS = "提出的下一步工作安排"  # 同意区政府办提出的下一步工作安排: the steps, not the report, approved
_DEFERRED = re.compile(r"暂缓出台，由(?P<who>[^，、]+?)进一步调研论证")
_IMPLEMENT = "请相关部门抓好贯彻落实"  # a decision with no procedure after it, only this request
_REVISED_NOTE = "修改稿吸收了上次会议和有关方面的意见"


def _matter_en(item: Any) -> str | None:
    """What an item took up, with its article: "the …", "the revised draft of the …"."""
    shown = (item.documents[0] if item.documents else item.title).strip().strip("《》")
    what = subject(shown.removesuffix(_REVISED_DRAFT))
    if what is None:
        return None
    if shown.endswith(_REVISED_DRAFT):  # a second review reads the draft revised since the first
        return f"the revised draft of the {what}"
    return f"the {what}" if what[0].isupper() else what  # "the guidance of …" has its article already


def _item_en(item: Any) -> str | None:
    """One agenda item and its decision in English, or None when any part of it has no English here:
    "The meeting considered and approved in principle the … proposed by the …. It is to be …"."""
    verbs = [_VERBS.get(v) for v in item.actions] or ["considered"]
    what = _matter_en(item)
    sponsors = [_agency_en(s) for s in item.sponsors]
    if None in verbs or what is None or None in sponsors:
        return None
    by = f" proposed by the {sponsors[0]}" if sponsors else ""
    did = " and ".join(dict.fromkeys(v for v in verbs if v))
    decision = item.decision or ""
    after: list[str] = []
    if any(r.get("text", "").startswith(_REVISED_NOTE) for r in item.remarks or ()):
        after.append("The meeting noted that the revised draft had taken in the comments made at the "
                     "previous meeting and by the parties concerned.")
    kind = item.decision_kind or ""
    who = f"The {sponsors[0]}" if sponsors else "The department concerned"  # who takes it on from here
    if kind == "决定":  # the demo's only 决定: a draft deferred, 由区XX局进一步调研论证 (who is named there)
        m = _DEFERRED.search(decision)
        deferred_by = _agency_en(m.group("who")) if m else None
        if not deferred_by:
            return None
        who = f"The {deferred_by}"
        text = f"The meeting {did} {what}{by} and decided to defer its issue."
    elif kind == "同意" and _NEXT_STEPS in decision:
        if not sponsors:
            return None
        text = f"The meeting {did} {what} and approved the next steps proposed by the {sponsors[0]}."
    elif kind:
        decided = _DECISIONS.get(kind)
        if decided is None:
            return None
        text = f"The meeting {did} and {decided} {what}{by}." if decided else f"The meeting {did} {what}{by}."
    else:
        text = f"The meeting {did} {what}{by}."
    if item.follow_up:
        follow = _NEXT.get(item.follow_up)
        if follow is None:
            return None
        if "{who}" in follow:
            follow = follow.format(who=who)
        elif "修改完善后" in decision:
            follow = follow.replace("It is to be", "After further revision, it is to be", 1)
        after.append(follow)
    elif _IMPLEMENT in decision:
        after.append("The departments concerned are to see to its implementation.")
    return " ".join([text, *after])


_NOTICE_TITLE = re.compile(r"^(?P<agency>.+?)关于印发《(?P<what>[^》]+)》的通知$")
_NOTICE_SUMMARY = re.compile(r"^《[^》]+》已经区政府第(?P<n>\d+)次常务会议审议通过，现印发给你们，请结合实际认真贯彻执行。$")


def _notice(doc: Document) -> dict[str, str] | None:
    m = _NOTICE_TITLE.match(doc.title)
    what = subject(m.group("what")) if m else None
    agency = _agency_en(m.group("agency")) if m else None
    if not (m and what and agency):
        return None
    summary = ""
    s = _NOTICE_SUMMARY.match(doc.summary.strip())
    if s:
        summary = (f"The {what} was considered and adopted at the {ordinal(int(s.group('n')))} executive "
                   "meeting of the district government and is hereby issued; please implement it in the "
                   "light of local conditions.")
    elif doc.summary.strip() == f"《{m.group('what')}》已经区政府同意，现印发给你们，请结合实际认真贯彻执行。":
        summary = (f"The {what} has been approved by the district government and is hereby issued; please "
                   "implement it in the light of local conditions.")
    return {"title_en": f"Notice of the {agency} on Issuing the {what}", "summary_en": summary, "body_en": ""}


_INTERPRETATION_TITLE = re.compile(r"^《(?P<what>[^》]+)》政策解读$")


def _interpretation(doc: Document) -> dict[str, str] | None:
    m = _INTERPRETATION_TITLE.match(doc.title)
    what = subject(m.group("what")) if m else None
    if not what:
        return None
    summary = ""
    if doc.summary.strip() == f"对《{m.group('what')}》的制定背景、主要内容和施行时间进行解读。":
        summary = f"Explains the background, main contents and date of effect of the {what}."
    return {"title_en": f"Policy Interpretation: the {what}", "summary_en": summary, "body_en": ""}
