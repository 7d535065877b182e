"""The minutes parser: each form minutes take (on our own fictional 青禾区 texts), the seed page, and
the development pages scored exactly as the project's evaluation scores them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from gongkai.lib.text import to_simplified
from gongkai.minutes.contract import AgendaItem, Meeting
from gongkai.minutes.departments import department_key, find_departments, is_department, same_department
from gongkai.minutes.examples import EXAMPLES, MINUTES, MINUTES_TEXT
from gongkai.minutes.parser import cn_number, parse_minutes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "minutes"
GOLD_KEYS = {"meeting_no", "date", "date_text", "chair", "location", "items", "attendees",
             "nonvoting_attendees", "recorder", "truncated"}
GOLD_ITEM_KEYS = {"n", "action", "title", "documents", "sponsor", "decision"}
FIELDS = ("sponsor", "documents", "decision", "chair", "date", "meeting_no")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# ---- scoring, as tools/evaluate.py `eval_minutes` does it -------------------------------------------


def norm(value: Any) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"[\s,，。.、:：;；!！?？\"'“”‘’（）()《》〈〉\[\]【】—\-]", "", text)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def field(self, name: str) -> float:
        return self.right[name] / self.total[name] if self.total[name] else 1.0

    def count(self, name: str, ok: bool, where: str) -> None:
        self.total[name] += 1
        self.right[name] += ok
        if not ok:
            self.misses.append(f"{where}.{name}")


def score_against_gold(pages: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]]) -> Score:
    """Item precision/recall/F1 and per-field accuracy of the parser on gold-annotated pages."""
    score = Score()
    for page_id, g in gold.items():
        got = parse_minutes(pages[page_id]["text"]).to_json()
        for k in ("chair", "date", "meeting_no"):
            if g.get(k):
                score.count(k, norm(got.get(k)) == norm(g[k]), page_id)
        gitems = g.get("items") or []
        pitems = list(got["items"])
        if g.get("truncated"):
            pitems = pitems[: len(gitems)]  # the gold keeps only complete items
        _score_items(score, page_id, gitems, pitems)
    return score


def _score_items(score: Score, page_id: str, gitems: list[dict[str, Any]], pitems: list[Any]) -> None:
    used: set[int] = set()
    for gi in gitems:
        best = next((j for j, pi in enumerate(pitems) if j not in used and _same_title(gi, pi)), None)
        if best is None:
            score.fn += 1
            score.misses.append(f"{page_id}.item {gi['n']}")
            continue
        used.add(best)
        score.tp += 1
        pi, where = pitems[best], f"{page_id}.{gi['n']}"
        if gi.get("sponsor"):
            ps = norm(pi.get("sponsor"))
            score.count("sponsor", bool(ps) and norm(gi["sponsor"]) in ps, where)
        if gi.get("documents"):
            ok = {norm(d) for d in gi["documents"]} <= {norm(d) for d in pi.get("documents") or []}
            score.count("documents", ok, where)
        if gi.get("decision"):
            a, b = norm(gi["decision"]), norm(pi.get("decision"))
            score.count("decision", bool(b) and (a in b or b in a), where)
    score.fp += len(pitems) - len(used)


def _same_title(gi: dict[str, Any], pi: Any) -> bool:
    a, b = norm(gi.get("title")), norm(pi.get("title"))
    return bool(a and b) and (a[:12] in b or b[:12] in a)


def test_development_pages_meet_the_targets(real_pages: dict[str, dict[str, Any]], gold: Any) -> None:
    score = score_against_gold(real_pages, gold("gold_minutes.json"))
    assert score.f1 >= 0.95, score.misses
    assert all(score.field(k) >= 0.90 for k in FIELDS), (
        {k: score.field(k) for k in FIELDS}, score.misses)


def test_the_score_counts_a_wrong_parse_as_wrong(real_pages: dict[str, dict[str, Any]], gold: Any) -> None:
    minutes = {k: v for k, v in gold("gold_minutes.json").items() if v["items"]}
    blank = {k: {"text": "无关的页面。"} for k in minutes}
    score = score_against_gold(blank, minutes)
    assert score.f1 == 0.0 and score.fn == sum(len(g["items"]) for g in minutes.values())


# ---- the seed page -------------------------------------------------------------------------------------


@pytest.fixture
def seed(seed_path: Path) -> Meeting:
    return parse_minutes(seed_path.read_text(encoding="utf-8"))


def test_seed_items_and_sponsors(seed: Meeting) -> None:
    assert [i.n for i in seed.items] == list(range(1, 13))
    assert [i.sponsor for i in seed.items] == [
        "区发改局", "区发改局", "区大数据管理局", "区委编办", "区市场监管局", "区政府研究室",
        "区司法局", "区审计局", "区发改局", "区发改局", "区发改局", None,
    ]
    assert seed.items[0].actions == ["听取", "审议"] and seed.items[0].action == "听取+审议"
    assert seed.items[11].decision is None and seed.items[11].title == "全区信访工作情况汇报"
    assert seed.items[0].follow_up == "提请区委常委会审议" and seed.items[2].follow_up is None
    assert seed.truncated is False


def test_seed_header_and_people(seed: Meeting) -> None:
    assert (seed.chair, seed.date, seed.date_text) == ("恽淇丞", "2023-12-25", "2023年12月25日上午")
    assert (seed.meeting_no, seed.meeting_no_int, seed.kind) == ("第25次", 25, "常务会议")
    assert seed.location == "区行政中心1号楼一楼西侧圆桌会议室"
    assert seed.attendees == ["恽淇丞", "赵钢", "孙益锋", "朱岩", "张征宇", "朱小平", "朱慧峰"]
    assert len(seed.nonvoting_attendees) == 23 and seed.nonvoting_attendees[-3:] == ["袁涛", "王勇", "叶彩萍"]
    assert all(" " not in name for name in seed.attendees + seed.nonvoting_attendees)
    assert (seed.presider, seed.recorder) == ("恽淇丞", "赵楠")
    assert (seed.compiled_by, seed.compiled_date, seed.publication_note) == (
        "常州市武进区人民政府办公室", "2023-12-29", "此件公开发布")


def test_seed_remarks_name_the_departments_they_address(seed: Meeting) -> None:
    required = [r for r in seed.items[3].remarks if r.kind == "要求"]
    assert required and required[0].departments == ["区委编办"]
    assert seed.items[10].remarks[0].departments == ["发改部门", "农业农村部门", "自然资源和规划部门"]


# ---- each form, on our own texts ------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", EXAMPLES)
def test_canonical_examples(text: str, expected: Meeting) -> None:
    assert parse_minutes(text) == expected


def test_json_has_the_gold_keys_and_round_trips() -> None:
    data = MINUTES.to_json()
    assert GOLD_KEYS <= set(data) and GOLD_ITEM_KEYS <= set(data["items"][0])
    assert data["items"][0]["sponsor"] == "区大数据管理局" and data["items"][1]["decision"] is None
    assert data["attendees"] == ["林若川", "宋知远", "顾岚"] and MINUTES.to_json()["absent"] is None
    assert Meeting.from_json(data) == MINUTES


def test_gold_shaped_json_reads_back() -> None:
    item = Meeting.from_json({"meeting_no": "第2次", "items": [
        {"n": 1, "action": "听取+审议", "title": "t", "documents": [], "sponsor": "区财政局、区审计局",
         "decision": None}], "attendees": None, "truncated": True})
    assert item.truncated and item.items[0].actions == ["听取", "审议"]
    assert item.items[0].sponsors == ["区财政局", "区审计局"]


def test_numbered_minutes_with_noise_and_attendee_blocks() -> None:
    m = parse_minutes(fixture("qinghe_numbered.txt"))
    assert (m.meeting_no, m.date, m.chair) == ("第12次", "2024-03-06", "林若川")
    assert m.location == "区政务中心三楼第一会议室" and m.part_of_day == "下午"
    assert [i.action for i in m.items] == ["听取", "审议", "听取", "研究", "传达学习"]
    assert [i.sponsor for i in m.items] == [
        "区教育局", "区财政局", "区水利局、区自然资源和规划局", "区人力资源和社会保障局", None]
    assert m.items[1].follow_up == "以区政府名义印发实施"
    assert m.items[2].title == "关于青禾河生态修复工程项目建设有关事宜"  # a 关于… heading
    assert m.items[2].decision_kind == "决定" and (m.items[2].decision or "").startswith("决定，由区水利局牵头")
    assert (m.items[3].decision, m.items[4].decision) == ("原则通过", None)
    assert m.attendees == ["林若川", "宋知远", "顾岚", "白一鸣", "许澄", "夏禾"]
    assert m.nonvoting_attendees == ["区政府办", "区发改局", "区财政局", "区司法局"]
    assert (m.absent, m.presider, m.recorder) == (["周子墨"], "林若川", "韩素")
    assert m.items[4].remarks[0].text == "各镇（街道）、各部门要认真抓好贯彻落实"  # stops before 出席
    assert not m.truncated


def test_news_report_with_unnumbered_paragraphs() -> None:
    m = parse_minutes(fixture("qinghe_report.txt"))
    assert (m.meeting_no, m.meeting_no_int, m.date, m.date_text) == ("第十三次", 13, None, "3月20日上午")
    assert (m.chair, m.location) == ("林若川", "区政务中心")
    assert m.attendees == ["宋知远", "顾岚", "白一鸣"] and m.nonvoting_attendees == ["陆闻溪", "苗清"]
    titles = [i.title for i in m.items]
    assert titles[0] == "全省安全生产电视电话会议精神"  # 研究部署… is no agenda item
    assert (m.items[2].decision or "").endswith("按程序报区委审定") and m.items[2].sponsor == "区住房和城乡建设局"
    assert m.items[3].decision == "原则通过"
    assert (m.items[4].decision or "").startswith("同意由区城投集团") and m.items[4].sponsor is None
    assert m.items[5].actions == [] and m.items[5].decision_kind == "同意"  # 会议同意… stands alone
    assert len(m.items) == 6  # 会议还研究了其他事项 is not an item


def test_cut_off_minutes_keep_only_complete_items() -> None:
    m = parse_minutes(fixture("qinghe_truncated.txt"))
    assert m.truncated and [i.n for i in m.items] == [1, 2]
    assert m.items[0].remarks[1].kind == "要求"


def test_complete_minutes_ending_in_a_title_line_are_not_cut() -> None:
    text = fixture("qinghe_truncated.txt").rsplit("\n三、", 1)[0] + "\n"
    m = parse_minutes(text)
    assert not m.truncated and len(m.items) == 2


def test_traditional_page_returns_the_original_characters() -> None:
    text = fixture("qinghe_traditional.txt")
    assert len(to_simplified(text)) == len(text)  # t2s is character for character on such pages
    m = parse_minutes(text)
    assert (m.chair, m.location, m.kind) == ("林若川", "區政務中心", "常務會議")
    assert m.attendees == ["林若川", "宋知遠", "顧嵐"] and m.nonvoting_attendees == ["區發改局", "區財政局"]
    assert m.recorder == "韓素"
    first, second = m.items
    assert first.actions == ["審議"] and first.sponsors == ["區大數據管理局"]
    assert first.documents == ["青禾區數字政府建設三年行動計劃"] and first.follow_up == "提請區委常委會審議"
    assert second.sponsor == "區審計局" and second.decision == "原則同意該彙報"
    for value in (first.title, first.decision or "-", second.title, second.remarks[0].text):
        assert value in text


def test_traditional_council_record_with_titled_name_columns() -> None:
    m = parse_minutes(fixture("qinghe_council_tw.txt"))
    assert (m.meeting_no, m.meeting_no_int, m.kind) == ("88次", 88, "市政會議")
    assert (m.date, m.date_text, m.location) == ("2024-05-07", "2024-05-07  09:00", "本府12樓市政會議室")
    assert m.attendees == ["林若川", "宋知遠", "顧嵐", "白一鳴", "許澄", "夏禾", "周子墨", "韓素"]
    assert m.chair is None and m.truncated and m.items == []


def test_real_traditional_page_keeps_its_characters(real_pages: dict[str, dict[str, Any]]) -> None:
    text = real_pages["016"]["text"]
    assert len(to_simplified(text)) == len(text)
    m = parse_minutes(text)
    assert len(m.attendees) == 38 and m.attendees[:2] == ["朱立倫", "侯友宜"] and "李玟" in m.attendees
    assert m.location == "本府18樓市政會議室" and m.truncated


def test_headings_without_verbs_and_sponsor_phrasings() -> None:
    text = (
        "2024年6月3日，区长林若川主持召开区政府第16次常务会议。\n"
        "一、审议《青禾区河道保洁管理办法》\n"
        "会议同意由区水务局提交的《青禾区河道保洁管理办法》，印发实施。\n"
        "二、关于青禾路改造工程\n"
        "会议听取了区交通运输局关于青禾路改造工程的汇报。会议决定，工程于年内开工。\n"
    )
    m = parse_minutes(text)
    assert [(i.n, i.action, i.sponsor) for i in m.items] == [(1, "审议", "区水务局"), (2, "听取", "区交通运输局")]
    assert m.items[0].follow_up == "印发实施" and m.items[1].decision == "决定，工程于年内开工"


def test_paragraph_per_item_minutes_with_bare_decisions() -> None:
    text = (
        "2024年1月5日，林若川区长主持召开区政府第9次常务会议，现将会议讨论研究的有关事项纪要如下。\n"
        "会议审议《青禾区停车管理办法（送审稿）》。原则同意区城管局提交的《青禾区停车管理办法》，"
        "要求根据会议审议意见作进一步修改完善后，依法依规组织实施。会议强调，要做好宣传。\n"
        "会议听取关于区图书馆改造有关情况汇报。原则同意区文旅局提交的改造方案。\n"
    )
    m = parse_minutes(text)
    assert m.chair == "林若川" and m.location is None
    assert [i.sponsor for i in m.items] == ["区城管局", "区文旅局"]
    assert m.items[0].follow_up == "依法依规组织实施" and m.items[0].remarks[0].kind == "强调"
    assert m.items[1].title == "关于区图书馆改造有关情况汇报"


def test_attendance_lines_with_other_labels_and_iso_times() -> None:
    text = (
        "会议时间：2024-07-01 15:00\n会议地点：区政务中心\n"
        "会议由区长林若川主持，会议研究了青禾区防汛工作。\n"
        "参加：林若川，宋知远，顾岚\n缺席：白一鸣\n"
    )
    m = parse_minutes(text)
    assert (m.date, m.date_text, m.location) == ("2024-07-01", "2024-07-01 15:00", "区政务中心")
    assert m.chair == "林若川" and m.attendees == ["林若川", "宋知远", "顾岚"] and m.absent == ["白一鸣"]
    assert [i.title for i in m.items] == ["青禾区防汛工作"]


def test_requirement_lists_are_not_agenda_items() -> None:
    text = (
        "2024年8月1日上午，区政府召开第20次常务会议，区长林若川主持会议。\n"
        "会议要求：\n一、加强防汛值守工作。\n二、研究制定应急预案。\n"
        "会议听取了区水务局关于防汛工作的汇报。会议强调，要压实责任。\n会议还研究了其他事项。"
    )
    m = parse_minutes(text)
    assert m.chair == "林若川" and [i.title for i in m.items] == ["区水务局关于防汛工作的汇报"]
    assert not m.truncated  # a closing 其他事项 line needs no full stop


def test_agenda_counted_with_yi_shi() -> None:
    text = ("9月5日，区长林若川主持召开区政府第21次常务会议。会议共研究了三个议题：一是审议《青禾区物业管理办法》；"
            "二是听取区统计局关于上半年经济运行情况的汇报；三是研究区属国企改革有关事项。")
    m = parse_minutes(text)
    assert [(i.action, i.sponsor) for i in m.items] == [("审议", None), ("听取", "区统计局"), ("研究", None)]


def test_headings_that_open_with_the_sponsor() -> None:
    text = (
        "2024年9月9日，区长林若川主持召开区政府第22次常务会议，纪要如下：\n"
        "一、区财政局关于2024年预算调整方案的汇报\n会议原则同意该方案，提请区人大常委会审议。\n"
        "二、区商务局提交的《青禾区外贸稳增长若干措施》\n会议同意印发实施。\n"
        "三、会议审议了《青禾区养老服务条例实施办法》（区民政局提交）\n会议同意该办法。\n"
        "四、会议听取了区卫健委的汇报\n会议决定：\n（一）由区卫健委牵头制定防控方案；\n（二）区财政局安排专项经费。\n"
        "汇报单位：区卫健委"
    )
    m = parse_minutes(text)
    assert [i.sponsor for i in m.items] == ["区财政局", "区商务局", "区民政局", "区卫健委"]
    assert [i.follow_up for i in m.items[:2]] == ["提请区人大常委会审议", "印发实施"]
    assert (m.items[3].decision or "").endswith("（二）区财政局安排专项经费")  # the points belong to 决定
    assert not m.truncated


def test_attendee_lists_with_titles_and_departments() -> None:
    text = (
        "2024年10月8日下午，区长林若川主持召开区政府第23次常务会议。\n"
        "会议听取了区发改局所作的关于重大项目推进情况的汇报。\n"
        "出席：林若川（区长）、宋知远（副区长）、顾岚（副区长）\n"
        "列席：区政府办公室、区财政局主要负责同志\n参会人员：区领导白一鸣、许澄\n记录人：韩素\n"
    )
    m = parse_minutes(text)
    assert m.attendees == ["林若川", "宋知远", "顾岚", "白一鸣", "许澄"]
    assert m.nonvoting_attendees == ["区政府办公室", "区财政局"] and m.recorder == "韩素"
    assert m.items[0].sponsor == "区发改局"


def test_inline_attendance_and_a_proxy_chair() -> None:
    m = parse_minutes(
        "二〇二四年十二月十八日上午，副区长宋知远受区长林若川委托主持召开青禾区人民政府二〇二四年第二十八次常务会议，"
        "传达学习了市政府第163次常务会议精神。区领导顾岚、白一鸣出席会议，区政府办、区发改局等部门负责同志列席会议。"
        "会议专题研究了春节保供工作，会议还集体学习了《中华人民共和国安全生产法》。"
    )
    assert (m.chair, m.date, m.meeting_no, m.meeting_no_int) == ("宋知远", "2024-12-18", "第二十八次", 28)
    assert m.attendees == ["顾岚", "白一鸣"] and m.nonvoting_attendees == ["区政府办", "区发改局"]
    assert [i.actions for i in m.items] == [["传达学习"], ["研究"], ["学习"]]


def test_summary_in_the_metadata_is_not_read_twice() -> None:
    text = (
        "信息名称：区政府第24次常务会议纪要\n"
        "内容概述：2024年10月20日，区长林若川主持召开区政府第24次常务会议，会议审议了《青禾区…\n"
        "2024年10月20日，区长林若川主持召开区政府第24次常务会议，会议审议了《青禾区文明城市创建三年行动计划》，"
        "原则同意该计划。\n会议还研究了其他事项"
    )
    m = parse_minutes(text)
    assert [i.decision for i in m.items] == ["原则同意该计划"] and not m.truncated


def test_plain_headings_count_once_most_headings_are_items() -> None:
    text = (
        "2024年1月5日（星期五）上午，区长林若川主持召开区政府第 3 次常务会议，纪要如下：\n"
        "一、会议审议了《青禾区防汛预案》\n会议原则同意该预案。\n"
        "二、2024年区级重大项目计划\n会议听取了区发改局的汇报，原则同意该计划。\n"
        "三、关于青禾路改造\n会议同意实施。\n四、其他事项\n会议还通报了近期安全生产情况。"
    )
    m = parse_minutes(text)
    assert (m.date_text, m.part_of_day, m.meeting_no_int) == ("2024年1月5日（星期五）上午", "上午", 3)
    assert [(i.n, i.title) for i in m.items] == [
        (1, "《青禾区防汛预案》"), (2, "2024年区级重大项目计划"), (3, "关于青禾路改造")]
    assert m.items[1].actions == ["听取"] and m.items[1].decision == "原则同意该计划"


def test_page_without_minutes_gives_an_empty_meeting() -> None:
    m = parse_minutes("首页\n政务公开\n关于做好夏季防汛工作的通知\n各单位：请做好防汛工作。")
    assert m.items == [] and m.chair is None and m.meeting_no is None and not m.truncated


# ---- departments and numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["区发改局", "发改部门", "区发展和改革局", "发改局", "发改委", "青禾市发展和改革委员会"])
def test_development_and_reform_is_one_department(name: str) -> None:
    assert same_department(name, "区发改局") and department_key(name) == "发改"


@pytest.mark.parametrize("a,b", [
    ("区市场监督管理局", "市场监管局"), ("区委机构编制委员会办公室", "区委编办"), ("区人力资源和社会保障局", "区人社局"),
    ("区大数据管理局", "大数据局"), ("区人民政府办公室", "区政府办"), ("区城市管理局", "城管部门"),
    ("区民政局", "市民政局"),
])
def test_abbreviation_rules(a: str, b: str) -> None:
    assert same_department(a, b)


@pytest.mark.parametrize("a,b", [("区财政局", "区审计局"), ("区市场监管局", "区市政局"), ("区委编办", "区委办")])
def test_different_departments_stay_apart(a: str, b: str) -> None:
    assert not same_department(a, b)


def test_find_departments_skips_generic_addressees_and_common_words() -> None:
    text = "会议要求，各地各部门要优化布局，区应急管理局要会同区消防救援大队、青禾城投公司做好保障，有关单位要配合。"
    assert find_departments(text) == ["区应急管理局", "区消防救援大队", "青禾城投公司"]
    assert not is_department("格局") and not is_department("各部门") and is_department("经济开发区管委会")


def test_find_departments_keeps_names_with_an_inner_and() -> None:
    assert find_departments("请区城管和综合执法局、区自然资源和规划局抓紧落实。") == ["区城管和综合执法局", "区自然资源和规划局"]


@pytest.mark.parametrize("text,value", [("七十八", 78), ("一百零七", 107), ("十", 10), ("二〇二三", 2023), ("361", 361)])
def test_chinese_numbers(text: str, value: int) -> None:
    assert cn_number(text) == value


def test_items_carry_their_span_in_the_page() -> None:
    m = parse_minutes(MINUTES_TEXT)
    first: AgendaItem = m.items[0]
    assert first.span and MINUTES_TEXT[first.span[0]: first.span[1]].startswith("会议审议了")


def test_a_sponsor_named_only_in_the_items_body_is_found() -> None:
    text = (
        "青禾县人民政府常务会议纪要\n"
        "2025年6月12日下午，县长林思远在县政府第一会议室主持召开县政府第8次常务会议。现纪要如下：\n"
        "一、研究《青禾县农村供水工程运行管理办法（试行）》\n"
        "会议听取了县水利局关于《青禾县农村供水工程运行管理办法（试行）》起草情况的汇报。\n"
        "会议原则同意该办法，由县水利局根据会议意见修改完善后，以县政府名义印发实施。\n"
        "二、审议县住建局提请的2025年老旧小区改造计划\n"
        "会议听取了县财政局关于资金安排的说明。会议原则通过该计划。\n"
    )
    items = parse_minutes(text).items
    assert [item.sponsors for item in items] == [["县水利局"], ["县住建局"]]  # the heading's sponsor wins
