"""The minutes parser: each form minutes take, on our own texts of fictional places (青禾区, 青山县,
清河区) and fictional people."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.lib.text import to_simplified
from gongkai.minutes.contract import AgendaItem, Meeting
from gongkai.minutes.departments import department_key, find_departments, is_department, same_department
from gongkai.minutes.examples import EXAMPLES, MINUTES, MINUTES_TEXT
from gongkai.minutes.parser import parse_minutes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "minutes"
GOLD_KEYS = {"meeting_no", "date", "date_text", "chair", "location", "items", "attendees",
             "nonvoting_attendees", "recorder", "truncated"}
GOLD_ITEM_KEYS = {"n", "action", "title", "documents", "sponsor", "decision"}


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


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
        "传达学习了市政府第61次常务会议精神。区领导顾岚、白一鸣出席会议，区政府办、区发改局等部门负责同志列席会议。"
        "会议专题研究了春节保供工作，会议还集体学习了《中华人民共和国安全生产法》。"
    )
    assert (m.chair, m.date, m.meeting_no, m.meeting_no_int) == ("宋知远", "2024-12-18", "第二十八次", 28)
    assert m.attendees == ["顾岚", "白一鸣"] and m.nonvoting_attendees == ["区政府办", "区发改局"]
    assert [i.actions for i in m.items] == [["传达学习"], ["专题研究"], ["集体学习"]]


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


# ---- forms of other portals: running text, 届/次 numbers, 市政會議 parts --------------------------------


def test_chair_with_the_title_glued_on_or_named_after_the_meeting() -> None:
    glued = parse_minutes("3月2日上午，区长王青松主持召开区政府第12次常务会议。会议审议了《清河区菜市场管理办法》。")
    assert (glued.chair, glued.meeting_no) == ("王青松", "第12次")
    after = parse_minutes("2023年4月6日，区政府第十三次常务会议由王青松主持召开。会议听取了区财政局关于预算执行情况的汇报。")
    assert (after.chair, after.meeting_no_int, after.date) == ("王青松", 13, "2023-04-06")
    dated = parse_minutes("县委副书记、县长赵明10月9日主持召开县政府第17次常务会议。会议听取了县应急局的汇报。")
    assert dated.chair == "赵明" and dated.date_text == "10月9日"


@pytest.mark.parametrize(("sentence", "number", "value"), [
    ("6月3日，区长林小川主持召开六届57次区政府常务会议。", "六届57次", 57),
    ("6月3日，區長林小川主持召開六屆57次區政府常務會議。", "六屆57次", 57),
    ("6月3日，县长林小川主持召开县人民政府十九届第1次常务会议。", "十九届第1次", 1),
    ("6月3日，县长林小川主持召开青山县人民政府2021年第6次常务会议。", "第6次", 6),
    ("6月3日，县长林小川主持召开第十七届县人民政府第36次常务会议。", "第36次", 36),
    ("6月3日，县政府党组第8次会议暨二届政府第7次常务会召开，县长林小川主持会议。", "二届政府第7次", 7),
])
def test_meeting_numbers_with_terms_years_and_joint_meetings(sentence: str, number: str, value: int) -> None:
    m = parse_minutes(sentence + "\n会议听取了县财政局关于预算执行情况的汇报。")
    assert (m.meeting_no, m.meeting_no_int, m.chair) == (number, value, "林小川")


def test_the_headline_gives_the_number_in_its_short_form() -> None:
    text = "县政府召开十八届12次常务会议\n2月6日，县长林小川主持召开十八届县政府第12次常务会议。\n会议听取了县统计局的汇报。"
    m = parse_minutes(text)
    assert (m.meeting_no, m.meeting_no_int, m.body) == ("十八届12次", 12, None)


def test_items_in_running_text_without_numbers() -> None:
    text = (
        "7月1日，区长林川主持召开区政府第20次常务会议。\n"
        "会议传达学习了省委全会精神，全市安全生产会议精神，区委全会精神。会议指出，要把思想统一到全会精神上来。\n"
        "会议集体学习了《中华人民共和国安全生产法》。\n"
        "会议还听取了区住建局局长李某同志关于老旧小区改造工作的汇报。会议指出，老旧小区改造是民生工程。\n"
        "会前，与会人员观看了警示教育片。\n"
        "会议还研究了其他事项。\n"
    )
    items = parse_minutes(text).items
    assert [(i.action, i.title) for i in items] == [
        ("传达学习", "省委全会精神，全市安全生产会议精神，区委全会精神"),
        ("集体学习", "《中华人民共和国安全生产法》"),
        ("听取", "区住建局局长李某同志关于老旧小区改造工作的汇报"),
    ]
    assert items[2].sponsor == "区住建局"  # the reporter's department, not the reporter


def test_verbs_that_go_on_the_convening_sentence_and_parallel_clauses() -> None:
    text = (
        "1月16日，区长林川主持召开区政府2020年第一次全体会议。传达学习市政府全体会议精神，讨论修改《政府工作报告》，"
        "安排部署当前各项工作。\n"
        "会议传达学习了《甲公报》、《乙公报》文件精神；传达学习《丙决议》文件精神；以及《丁通知》文件精神，"
        "研究并原则通过我区贯彻落实意见。\n"
    )
    items = parse_minutes(text).items
    assert [(i.action, i.title) for i in items] == [
        ("传达学习", "市政府全体会议精神"), ("讨论修改", "《政府工作报告》"), ("安排部署", "当前各项工作"),
        ("传达学习", "《甲公报》、《乙公报》文件精神"), ("传达学习", "《丙决议》文件精神"), ("传达学习", "《丁通知》文件精神"),
    ]
    assert items[-1].decision == "研究并原则通过我区贯彻落实意见"


def test_a_list_of_submissions_is_one_item_per_document() -> None:
    text = (
        "12月22日，县长林川主持召开县人民政府第1次常务会议。\n"
        "会议审议了县文旅局送审的《关于审定<青山县旅游规划>的请示》《关于审定<青山县节庆方案>的请示》，"
        "县消防救援大队送审的《关于审定<青山县消防规划>的请示》等议题。\n"
        "会议还研究了人事任免事项。\n"
        "副县长王某、刘某\n"
    )
    m = parse_minutes(text)
    assert [(i.title, i.sponsor) for i in m.items] == [
        ("《关于审定<青山县旅游规划>的请示》", "县文旅局"), ("《关于审定<青山县节庆方案>的请示》", "县文旅局"),
        ("《关于审定<青山县消防规划>的请示》", "县消防救援大队"), ("人事任免事项", None),
    ]


def test_an_item_whose_paragraph_is_whole_survives_a_cut_in_a_later_block() -> None:
    text = (
        "10月9日，县长林川主持召开县政府第17次常务会议。\n"
        "会议听取了全县疫情防控工作汇报。会议强调，要压实四方责任。\n"
        "会议要求，要加强对全县企业的分类管理，有效加强职业病预防，切实保障劳动者"
    )
    m = parse_minutes(text)
    assert m.truncated and [i.title for i in m.items] == ["全县疫情防控工作汇报"]


def test_city_council_record_in_parts_with_labels_above_their_values() -> None:
    text = (
        "青禾市政府第96次市政會議\n開會日期\n2022-03-15 09:00:00\n開會地點\n視訊會議\n主席\n林若川\n紀錄\n韓素\n"
        "出席\n宋知遠、顧嵐、白一鳴\n列席\n許澄、夏禾\n"
        "壹、主席宣布開會\n貳、宣讀本府6月2日第95次市政會議紀錄。\n主席裁示：紀錄確定。\n"
        "參、討論事項\n一、修正「本市河濱公園」預算計畫案。（地政局）\n決議：\n（一）本案通過。\n"
        "二、修正「本市老街」開發費用案。（地政局）決議：本案通過。\n"
        "肆、報告事項\n一、市長室會議決議事項重點報告。（秘書處）\n主席裁示：同意備查。\n"
        "二、一週新聞輿情報告。（秘書處）\n口頭報告：本市議會定期大會預訂於9月15日開議，為利各項議事推動順利，秘書處已通知各局"
    )
    m = parse_minutes(text)
    assert (m.meeting_no, m.chair, m.recorder, m.date, m.location) == (
        "第96次", "林若川", "韓素", "2022-03-15", "視訊會議")
    assert m.attendees == ["宋知遠", "顧嵐", "白一鳴"] and m.nonvoting_attendees == ["許澄", "夏禾"]
    assert [(i.action, i.title, i.sponsor, i.decision) for i in m.items] == [
        ("宣讀", "本府6月2日第95次市政會議紀錄", None, "紀錄確定"),
        ("討論", "修正「本市河濱公園」預算計畫案", "地政局", "（一）本案通過"),
        ("討論", "修正「本市老街」開發費用案", "地政局", "本案通過"),
        ("報告", "市長室會議決議事項重點報告", "秘書處", "同意備查"),
    ]
    assert m.truncated


def test_pinyin_printed_after_characters_is_read_through_and_kept() -> None:
    text = ("5月8日下午，區(qū)委常委、副區(qū)長謝某同志在區(qū)政府會議室主持召開三屆41次區(qū)政府常務(wù)會議。\n"
            "一、審議《青禾區(qū)環(huán)境保護(hù)清單》\n"
            "會議聽取了青禾生態(tài)環(huán)境分局局長梁某同志關(guān)於《青禾區(qū)環(huán)境保護(hù)清單》的情況匯報。會議原則同意該清單。\n")
    m = parse_minutes(text)
    assert (m.chair, m.meeting_no) == ("謝某", "三屆41次")
    assert m.items[0].sponsor == "青禾生態(tài)環(huán)境分局"
    assert m.items[0].documents == ["青禾區(qū)環(huán)境保護(hù)清單"]


def test_council_cases_with_proposer_reason_and_resolution() -> None:
    text = (
        "青禾市政府第88次市政會議紀錄\n時間：民國113年5月7日上午9時\n地點：本府12樓市政會議室\n"
        "主持人：林若川\t記錄：韓素\n出席者：宋知遠、顧嵐\n"
        "壹、報告事項\n一、上次會議決議事項執行情形。（秘書處）\n決定：准予備查。\n"
        "貳、討論事項\n第一案\n提案單位：財政局\n案由：本市113年度追加預算案，提請討論。\n說明：詳如附件。\n決議：照案通過。\n"
        "第二案\n提案單位：地政局\n案由：修正本市地價稅減免自治條例草案，提請討論。\n決議：修正通過。\n"
        "參、臨時動議：無。\n肆、散會：上午10時30分。"
    )
    m = parse_minutes(text)
    assert (m.chair, m.recorder, m.date, m.attendees) == ("林若川", "韓素", "2024-05-07", ["宋知遠", "顧嵐"])
    assert [(i.action, i.title, i.sponsor, i.decision) for i in m.items] == [
        ("報告", "上次會議決議事項執行情形", "秘書處", "准予備查"),
        ("討論", "本市113年度追加預算案", "財政局", "照案通過"),
        ("討論", "修正本市地價稅減免自治條例草案", "地政局", "修正通過"),
    ]


def test_an_announcement_of_the_items_is_not_one() -> None:
    text = ("2024年5月6日，区长林川主持召开区政府第5次常务会议，研究了以下事项：\n"
            "一是听取了区财政局关于一季度财政收支情况的汇报。\n二是审议了《青禾区城市更新办法》，会议原则同意。\n")
    assert [i.title for i in parse_minutes(text).items] == ["区财政局关于一季度财政收支情况的汇报", "《青禾区城市更新办法》"]


def test_chair_in_the_sentence_after_the_convening_one_and_reporters_named_after_the_matter() -> None:
    text = (
        "2024年3月5日上午，青山县人民政府召开第二十三次常务会议。县委副书记、县长王青主持会议。\n"
        "会议听取了县财政局2023年预算执行情况汇报。\n"
        "会议听取了关于全县安全生产工作的汇报，由县应急管理局负责同志作汇报。\n"
        "会议研究了县交通运输局报送的《青山县农村公路建设方案》。\n"
        "会议原则通过了县住建局起草的《青山县物业管理办法》，要求县住建局按程序报批。\n"
    )
    m = parse_minutes(text)
    assert (m.chair, m.meeting_no_int) == ("王青", 23)
    assert [(i.title, i.sponsor) for i in m.items] == [
        ("县财政局2023年预算执行情况汇报", "县财政局"),
        ("关于全县安全生产工作的汇报", "县应急管理局"),
        ("县交通运输局报送的《青山县农村公路建设方案》", "县交通运输局"),
        ("县住建局起草的《青山县物业管理办法》", "县住建局"),  # a decision on another document: its own item
    ]
    assert m.items[2].decision is None and (m.items[3].decision or "").startswith("原则通过了")
    same = parse_minutes("5月6日，县长王青主持召开县政府第3次常务会议。会议审议了《青山县停车管理办法》。"
                         "会议原则通过了《青山县停车管理办法（修改稿）》。")
    assert len(same.items) == 1 and same.items[0].decision == "原则通过了《青山县停车管理办法（修改稿）》"


def test_headings_that_are_the_decisions_themselves() -> None:
    text = (
        "青山县人民政府第9次常务会议纪要\n2024年6月1日，县长王青主持召开县政府第9次常务会议，会议议定事项如下：\n"
        "一、原则同意县财政局提出的《青山县政府采购管理办法》，由县政府办公室行文印发。\n"
        "二、同意启动青山中学扩建工程，由县教育局牵头实施。\n"
        "三、会议部署了夏季安全生产工作。\n"
    )
    items = parse_minutes(text).items
    assert [(i.action, i.title, i.sponsor) for i in items] == [
        (None, "县财政局提出的《青山县政府采购管理办法》", "县财政局"),
        (None, "启动青山中学扩建工程", None),
        ("部署", "夏季安全生产工作", None),
    ]
    assert items[0].decision_kind == "原则同意" and items[0].follow_up == "由县政府办公室行文印发"


def test_padded_chair_other_subjects_and_adverbs() -> None:
    text = (
        "青山区政府常务会议纪要（第4次）\n3月2日，区长 王  明主持召开区政府常务会议。\n"
        "本次会议深入学习了《中华人民共和国安全生产法》。\n会议随后听取了区财政局关于预算执行情况的汇报。\n"
    )
    m = parse_minutes(text)
    assert (m.chair, m.meeting_no, m.meeting_no_int) == ("王明", "第4次", 4)
    assert [(i.action, i.sponsor) for i in m.items] == [("学习", None), ("听取", "区财政局")]


def test_council_parts_numbered_in_brackets_or_not_at_all() -> None:
    text = (
        "青禾市政府第45次市政會議紀錄\n日期：112年3月7日（星期二）上午9時\n地點：市政大樓會議室\n主席：市長 林若川\n紀錄：韓素\n"
        "壹、主席致詞：略。\n貳、確認上次會議紀錄。\n決定：確認。\n"
        "參、報告事項\n（一）本市春節疏運執行情形報告。（交通局）\n決定：洽悉。\n（二）本市登革熱防治報告。（衛生局）\n決定：洽悉。\n"
        "肆、討論事項\n本市公有零售市場管理自治條例修正草案。（經濟發展局）\n決議：修正通過。\n伍、臨時動議：無。\n陸、散會。\n"
    )
    m = parse_minutes(text)
    assert (m.chair, m.date, m.meeting_no) == ("林若川", "2023-03-07", "第45次")
    assert [(i.n, i.action, i.title, i.sponsor, i.decision) for i in m.items] == [
        (1, "確認", "上次會議紀錄", None, "確認"),
        (2, "報告", "本市春節疏運執行情形報告", "交通局", "洽悉"),
        (3, "報告", "本市登革熱防治報告", "衛生局", "洽悉"),
        (4, "討論", "本市公有零售市場管理自治條例修正草案", "經濟發展局", "修正通過"),
    ]
