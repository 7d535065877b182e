"""Reading portal pages into PageRecords: every file form, every bad input, every metadata layout.

The fixtures in fixtures/pages are pages of a fictional district (青禾区) written for these tests;
every page here is made up, in the forms real portals use.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongkai.importer.extract import PageError, PageRecord, extract, parse_date
from gongkai.importer.pages import RawPage, read_page
from gongkai.lib.html import html_to_text, sanitize_html

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
DRY_RUN_KEYS = {"source", "title", "index_no", "topic", "genre", "combo_category", "doc_no", "publisher",
                "created", "published", "abolished_or_validity", "summary", "body"}


def page(text: str) -> PageRecord:
    return extract(RawPage(source="test.txt", url=None, text=text, html=None))


def fixture(name: str) -> PageRecord:
    return extract(read_page(PAGES / name))


# --- our fixtures: every form of file ----------------------------------------------------------

def test_html_table_layout():
    record = fixture("table_layout.html")
    assert record.title == "青禾区人民政府办公室关于做好2024年春季森林防火工作的通知"
    assert record.index_no == "000000003/2024-00042"
    assert (record.topic, record.genre, record.combo_category) == ("农业、林业、水利", "通知", "政府文件")
    assert (record.doc_no, record.publisher) == ("青政办发〔2024〕9号", "区政府办")
    assert (record.created, record.published, record.validity) == (date(2024, 3, 1), date(2024, 3, 4), "有效")
    assert "统一编号" not in record.extra  # shown empty
    assert record.body_text.startswith("各镇人民政府、街道办事处，区政府各部门：")
    assert record.body_text.endswith("2024年3月1日")
    for chrome in ("首页", "当前位置", "打印", "字体", "相关阅读", "森林防火工作会议", "网站标识码", "2099"):
        assert chrome not in record.body_text
    assert record.attachments == [("青禾区森林防火值班电话.pdf", "/files/2024/fanghuo-dianhua.pdf")]


def test_html_body_is_sanitized_and_keeps_paragraphs():
    html = fixture("table_layout.html").body_html
    assert html.count("<p>") >= 6
    assert "<strong>一、压实防火责任。</strong>" in html
    for unsafe in ("onclick", "style=", "<script", "<div", "索引号", "javascript:"):
        assert unsafe not in html
    assert '<a href="/files/2024/fanghuo-dianhua.pdf">' in html


def test_html_dl_layout_in_an_article_header():
    record = fixture("dl_layout.htm")
    assert record.title == "青禾区2024年第3次区长办公会议纪要"
    assert record.publisher == "青禾区人民政府办公室"
    assert record.doc_no is None  # 文件编号 shown empty
    assert (record.disclosure_method, record.disclosure_scope) == ("主动公开", "面向社会")
    assert (record.created, record.published, record.abolished) == (
        date(2024, 2, 20), date(2024, 2, 22), date(2029, 2, 22))
    assert record.to_dry_run_json()["abolished_or_validity"] == "2029-02-22"
    assert record.keywords == ["区长办公会议", "纪要"]
    assert record.extra["信息来源"] == "区政府办"
    assert record.body_text.startswith("2月19日下午")
    assert "分享" not in record.body_text and "版权所有" not in record.body_text
    assert 'alt="会议现场"' in record.body_html and "onerror" not in record.body_html


def test_json_page_with_html_resolves_links_against_its_url():
    record = fixture("html_page.json")
    assert record.url == "https://www.qinghe.example.gov.cn/xxgk/2024/02/art_51.html"
    assert record.attachments == [
        ("会议纪要全文.docx", "https://www.qinghe.example.gov.cn/xxgk/2024/02/notes/jiyao.docx")]
    assert 'src="https://www.qinghe.example.gov.cn/images/hui.png"' in record.body_html


def test_json_page_with_text_and_labels_without_colons():
    record = fixture("text_page.json")
    assert record.title == "青禾区2024年度国土空间生态修复规划"
    assert (record.index_no, record.combo_category) == ("000000003/2024-00063", "规划信息")
    assert record.topic == "城乡建设、环境保护"
    # 发文日期 beside a 成文日期 is the publication date
    assert (record.created, record.published) == (date(2024, 4, 30), date(2024, 5, 6))
    assert (record.disclosure_method, record.disclosure_scope) == ("主动公开", "面向社会")
    assert record.body_text.startswith("为加快推进") and record.body_text.endswith("三类工程。")
    assert "回到顶部" not in record.body_text and "字体" not in record.body_text


def test_txt_in_the_seed_form():
    record = fixture("seed_form.txt")
    assert record.title == "青禾区政府第7次常务会议纪要"
    assert record.doc_no is None and record.publisher == "区政府办"
    assert record.published == date(2024, 3, 15)  # a time after the date is ignored
    assert record.body_text.splitlines()[0].startswith("2024年3月11日上午")
    assert record.body_text.endswith("(此件公开发布)")
    assert "出  席:林知远" in record.body_text  # labelled lines inside the text stay text


def test_gb18030_html_with_a_stale_meta_charset_and_layout_tables():
    record = fixture("gb18030_page.html")
    assert record.title == "青禾区政府信息公开指南（2024年版）"
    assert record.publisher == "青禾区人民政府办公室" and record.published == date(2024, 1, 8)
    assert record.summary == "说明主动公开和依申请公开的办理方式。"
    assert record.body_text.startswith("为了更好地提供政府信息公开服务")
    assert "网站标识码" not in record.body_text


def test_traditional_page_keeps_its_characters():
    record = fixture("trad_page.txt")
    assert record.title == "青禾市政府第12次市政會議紀錄"
    assert record.publisher == "秘書處"
    assert record.extra == {"期數": "12", "會議時間": "2024-03-19  09:30"}
    assert record.body_text.startswith("本府出席人員")


def test_dry_run_json_has_exactly_the_contract_keys():
    out = fixture("seed_form.txt").to_dry_run_json()
    assert set(out) == DRY_RUN_KEYS
    assert out["created"] == "2024-03-12" and out["source"].endswith("seed_form.txt")
    json.dumps(out, ensure_ascii=False)


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("binary.html", "binary file, not a page"),
        ("undecodable.txt", "cannot decode as UTF-8/GB18030"),
        ("not_object.json", "JSON page must be an object"),
        ("impossible_date.txt", "impossible date 2024-02-30 in 发布日期"),
        ("no_title.txt", "no title found"),
    ],
)
def test_bad_pages_fail_with_one_clear_reason(name, reason):
    with pytest.raises(PageError) as info:
        extract(read_page(PAGES / name))
    assert reason in str(info.value)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"   \n\t\n", "empty file"),
        (b"{not json", "not valid JSON"),
        (b'{"url": "https://a.example/x.html"}', "neither text nor html"),
        (b'{"url": "https://a.example/x.html", "text": "  "}', "neither text nor html"),
    ],
)
def test_bad_json_and_blank_files(tmp_path, content, reason):
    path = tmp_path / "page.json"
    path.write_bytes(content)
    with pytest.raises(PageError, match=reason):
        read_page(path)


def test_page_with_only_navigation_is_not_usable():
    raw = RawPage("nav.html", None, None, "<html><body><nav><a href='/'>首页</a></nav><p> </p></body></html>")
    with pytest.raises(PageError, match="nothing usable"):
        extract(raw)


def test_impossible_date_in_a_chinese_form_names_the_label():
    with pytest.raises(PageError, match="impossible date 2023年13月1日 in 成文日期"):
        page("青禾区人民政府关于某事项的通知\n成文日期：2023年13月1日\n现将有关事项通知如下。请遵照执行。")


# --- decoding ----------------------------------------------------------------------------------

def test_txt_in_gb18030_and_utf8_with_bom(tmp_path):
    text = "青禾区人民政府关于某事项的通知\n发布机构：区政府办\n现将有关事项通知如下。请遵照执行。\n"
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-8-sig"))
    for name in ("gb.txt", "bom.txt"):
        raw = read_page(tmp_path / name)
        assert raw.text is not None and raw.text.startswith("青禾区") and raw.html is None
        assert extract(raw).publisher == "区政府办"


def test_html_declared_gbk_but_saved_as_utf8_reads_as_utf8(tmp_path):
    path = tmp_path / "p.htm"
    path.write_bytes('<html><head><meta charset="gbk"></head><body><h1>青禾区通知公告一则</h1></body></html>'
                     .encode("utf-8"))
    assert "青禾区通知公告一则" in (read_page(path).html or "")


# --- metadata layouts --------------------------------------------------------------------------

def test_labels_with_inner_spaces_full_width_colons_and_tabs():
    record = page(
        "首页 > 政策 > 最新\n"
        "索  引  号：000000001/2024-00001\t主题分类：综合政务\\其他\n"
        "发文机关：青禾区人民政府办公室\t成文日期：2024年01月05日\n"
        "标　　题：青禾区人民政府办公室关于做好春节期间安全工作的通知\n"
        "发文字号：青政办发〔2024〕1号\t发布日期：2024年01月10日\n"
        "主  题  词：\n"
        "青禾区人民政府办公室关于做好春节期间安全工作的通知\n"
        "各镇人民政府、街道办事处，区政府各部门：\n"
        "春节将至，为做好安全工作，现将有关事项通知如下。\n"
    )
    assert record.index_no == "000000001/2024-00001" and record.topic == "综合政务\\其他"
    assert record.title == "青禾区人民政府办公室关于做好春节期间安全工作的通知"
    assert (record.doc_no, record.publisher) == ("青政办发〔2024〕1号", "青禾区人民政府办公室")
    assert (record.created, record.published) == (date(2024, 1, 5), date(2024, 1, 10))
    assert record.keywords == [] and "主题词" not in record.extra  # shown empty, headline is not its value
    assert record.body_text.startswith("各镇人民政府")


def test_labels_and_values_on_separate_lines():
    record = page(
        "青禾县人民政府\n青禾县人民政府关于印发2024年重点工作任务的通知\n"
        "索引号\n6100000000/2024-000123\n主题分类\n综合政务\n来源\n发文机构\n青禾县人民政府\n"
        "文      号\n发文日期\n2024-04-10 09:30\n有效性\n有效\n内容概述\n印发2024年重点工作任务。\n"
        "各乡镇人民政府，县政府各部门：\n现将《2024年重点工作任务》印发给你们，请认真贯彻执行。\n"
        "相关链接\n上一篇：关于召开会议的通知\n版权所有：青禾县人民政府\n"
    )
    assert record.title == "青禾县人民政府关于印发2024年重点工作任务的通知"
    assert (record.index_no, record.topic, record.publisher) == ("6100000000/2024-000123", "综合政务", "青禾县人民政府")
    assert record.doc_no is None  # 文号 shown with nothing before the next label
    assert record.created == date(2024, 4, 10) and record.published is None  # 发文日期 alone: created
    assert (record.validity, record.summary) == ("有效", "印发2024年重点工作任务。")
    assert record.body_text.splitlines() == [
        "各乡镇人民政府，县政府各部门：", "现将《2024年重点工作任务》印发给你们，请认真贯彻执行。"]


def test_several_fields_per_line_empty_values_bullets_and_repeats():
    record = page(
        "• 信息名称：青禾区2023年度政府信息公开工作年度报告\n"
        "• 索引号：11111111X/2024-00011 文号：\n"
        "• 发布机构：青禾区人民政府办公室 生成日期：2024.01.19 发布日期：2024年1月20日 10:30\n"
        "• 时效：有效\n"
        "• 文号：青政办〔2024〕2号\n"
        "• 索引号：99999999X/2024-00099\n"
        "本报告根据《条例》要求编制。全文包括总体情况等部分，现予公布。\n一、总体情况\n"
    )
    assert record.index_no == "11111111X/2024-00011"  # the first non-empty value wins
    assert record.doc_no == "青政办〔2024〕2号"  # an empty first showing does not
    assert (record.created, record.published, record.validity) == (
        date(2024, 1, 19), date(2024, 1, 20), "有效")
    assert record.body_text.startswith("本报告根据")


def test_news_form_title_then_one_line_of_labels_then_toolbar():
    record = page(
        "网站首页\n新闻中心\n政务公开\n办事服务\n互动交流\n"
        "青禾区召开2024年安全生产工作会议\n"
        "发布时间：2024-01-10 10:00  来源：区应急局  浏览次数：123  【字体：大 中 小】\n"
        "1月9日，青禾区召开2024年安全生产工作会议，区长林知远出席会议并讲话。\n会议指出，要压实责任。\n"
        "【打印本页】【关闭窗口】\n联系我们 | 网站地图\n"
    )
    assert record.title == "青禾区召开2024年安全生产工作会议"
    assert record.published == date(2024, 1, 10)
    assert record.extra == {"来源": "区应急局"}
    assert record.body_text.splitlines() == [
        "1月9日，青禾区召开2024年安全生产工作会议，区长林知远出席会议并讲话。", "会议指出，要压实责任。"]


def test_metadata_block_below_the_text():
    record = page(
        "青禾区召开防汛工作专题会议\n"
        "6月3日，区长林知远主持召开防汛工作专题会议，研究部署防汛工作。\n"
        "会议要求，各部门要加强值守，确保安全度汛。\n"
        "索引号：000000002/2024-00031 发布机构：区水利局\n发布日期：2024-06-04 文号：\n【打印】【关闭】\n"
    )
    assert (record.index_no, record.publisher, record.doc_no) == ("000000002/2024-00031", "区水利局", None)
    assert record.published == date(2024, 6, 4)
    assert record.body_text.endswith("确保安全度汛。") and "索引号" not in record.body_text


def test_validity_word_under_an_abolition_label_and_a_real_abolition_date():
    shown_valid = page("青禾区某项制度的通知文件\n废止日期：有效\n为规范管理，制定本制度。请遵照执行。")
    assert shown_valid.abolished is None and shown_valid.validity == "有效"
    abolished = page("青禾区某项制度的通知文件\n有效性：失效\n废止日期：2023-12-31\n为规范管理，制定本制度。请遵照执行。")
    assert abolished.abolished == date(2023, 12, 31) and abolished.validity == "失效"
    assert abolished.to_dry_run_json()["abolished_or_validity"] == "2023-12-31"


# --- dates and HTML helpers --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-19", date(2024, 1, 19)),
        ("2024年1月19日", date(2024, 1, 19)),
        ("2024/1/19", date(2024, 1, 19)),
        ("2024.01.19", date(2024, 1, 19)),
        ("2024-01-19 08:30:00", date(2024, 1, 19)),
        ("２０２４年１月１９日 上午", date(2024, 1, 19)),
        ("二〇二四年一月十九日", date(2024, 1, 19)),
        ("20240119", date(2024, 1, 19)),
        ("有效", None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2024-02-30", "2023-13-01", "2024年4月31日"])
def test_parse_date_refuses_impossible_dates(value):
    with pytest.raises(PageError, match=f"impossible date .* in 成文日期"):
        parse_date(value, "成文日期")


def test_sanitize_html_keeps_structure_and_drops_everything_active():
    dirty = ('<div onclick="x()"><p style="color:red">段落<script>alert(1)</script></p>'
             '<a href="javascript:alert(1)">坏链接</a><a href="/f.pdf" target="_blank">附件</a>'
             '<img src="/a.png" alt="图" onerror="y()"><h2>小标题</h2><table><tr><td>格</td></tr></table></div>')
    clean = sanitize_html(dirty)
    assert "<p>段落</p>" in clean and "<h2>小标题</h2>" in clean and "<td>格</td>" in clean
    assert '<a href="/f.pdf">附件</a>' in clean and '<img src="/a.png" alt="图">' in clean
    for bad in ("script", "alert", "onclick", "onerror", "style", "target", "javascript"):
        assert bad not in clean


def test_html_to_text_gives_one_block_per_line():
    text = html_to_text("<p>第一段</p><p>第二<strong>段</strong></p><ul><li>甲</li><li>乙</li></ul>")
    assert text.splitlines() == ["第一段", "第二段", "甲", "乙"]


def test_html_table_with_a_row_of_labels_over_a_row_of_values():
    record = extract(RawPage("cols.html", None, None, (
        "<html><body><h1>青禾区关于开展河道清淤工作的通知</h1>"
        "<table><tr><th>索引号</th><th>发布机构</th><th>文号</th><th>发布日期</th></tr>"
        "<tr><td>000000003/2024-00001</td><td>区水利局</td><td></td><td>2024-01-02</td></tr></table>"
        "<p>现将有关事项通知如下。请遵照执行，认真落实各项要求。</p></body></html>")))
    assert (record.index_no, record.publisher, record.doc_no) == ("000000003/2024-00001", "区水利局", None)
    assert record.published == date(2024, 1, 2)
    assert record.body_text == "现将有关事项通知如下。请遵照执行，认真落实各项要求。"


def test_bracketed_labels_and_republic_of_china_years():
    record = page(
        "青禾市政府關於調整公車路線的公告\n"
        "【發布日期】113-01-19 【發布機關】青禾市交通局 【字體：大 中 小】\n"
        "為方便市民出行，調整部分公車路線。請市民留意。\n"
    )
    assert record.published == date(2024, 1, 19)
    assert record.publisher == "青禾市交通局"
    assert record.body_text == "為方便市民出行，調整部分公車路線。請市民留意。"


def test_short_body_lines_that_share_words_with_toolbars_and_footers_stay():
    record = page(
        "青禾区关于举办文物保护宣传周活动的通知\n发布日期：2024-05-10\n"
        "各镇（街道）：\n为提升文物保护意识，决定举办宣传周活动。现将有关事项通知如下。\n"
        "一、活动主题\n文物收藏与保护\n二、组织单位\n主办单位：青禾区文化和旅游局\n"
        "三、活动时间\n2024年5月18日至24日。\n四、工作要求\n各单位要精心组织，确保活动取得实效。\n"
        "五、其他\n活动期间注意安全。\n联系人：陈默\n青禾区文化和旅游局\n2024年5月10日\n"
        "打印 关闭\n网站标识码：0000000000\n"
    )
    lines = record.body_text.splitlines()
    assert "文物收藏与保护" in lines and "主办单位：青禾区文化和旅游局" in lines
    assert lines[-1] == "2024年5月10日"


@pytest.mark.parametrize(("shown", "topic", "genre"), [
    ("财政、审计 ;  报告", "财政、审计", "报告"),
    ("综合政务\\通知", "综合政务", "通知"),
    ("城乡建设、环境保护", "城乡建设、环境保护", None),  # one part: a topic alone
])
def test_a_bare_category_label_splits_into_topic_and_genre(shown, topic, genre):
    record = page(
        "标  题：青禾区2024年财政预算执行情况报告\n"
        f"索引号：000000003/2025-00210    分类：{shown}\n"
        "发布机构：青禾区财政局    生成日期：2025-03-10\n"
        "青禾区2024年财政预算执行情况报告\n"
        "2024年，全区一般公共预算收入完成12.3亿元，同比增长4.1%。\n"
    )
    assert (record.topic, record.genre) == (topic, genre)


def test_a_labelled_genre_keeps_the_bare_category_whole():
    record = page(
        "标  题：青禾区2024年财政预算执行情况报告\n"
        "索引号：000000003/2025-00210    分类：财政 ; 审计\n体裁：报告\n"
        "发布机构：青禾区财政局    生成日期：2025-03-10\n"
        "2024年，全区一般公共预算收入完成12.3亿元，同比增长4.1%。\n"
    )
    assert (record.topic, record.genre) == ("财政 ; 审计", "报告")


@pytest.mark.parametrize("issue", ["〔2025〕第8次", "（2024年）第3期", "2025年第12期", "第二十五次"])
def test_an_issue_line_under_the_headline_is_not_the_title(issue):
    record = page(
        "青禾县人民政府常务会议纪要\n"
        f"{issue}\n"
        "2025年6月12日下午，县长林思远在县政府第一会议室主持召开县政府常务会议。现纪要如下：\n"
        "一、会议审议了《青禾县农村供水工程运行管理办法》。会议原则同意该办法。\n"
    )
    assert record.title == "青禾县人民政府常务会议纪要"


# --- forms of real portals, on made-up pages -----------------------------------------------------

def test_a_run_of_values_without_labels_is_read_by_shape():
    record = page(
        "000000003/2024-00017\n"
        "关于印发《青禾区城乡环境整治方案》的通知\n"
        "青禾区生态环境局青禾开发区分局\n"
        "2024-03-01\n"
        "主动公开\n"
        "各镇人民政府、街道办事处：\n"
        "现将《青禾区城乡环境整治方案》印发给你们，请认真贯彻执行。\n"
    )
    assert record.index_no == "000000003/2024-00017"
    assert record.publisher == "青禾区生态环境局青禾开发区分局"
    assert record.published == date(2024, 3, 1) and record.disclosure_method == "主动公开"
    assert record.title == "关于印发《青禾区城乡环境整治方案》的通知"
    assert "主动公开" not in record.body_text and record.body_text.startswith("各镇人民政府")


def test_values_without_labels_need_an_identifier():
    record = page("青禾区人民政府\n青禾区关于开展春季植树活动的通知\n2024-03-01\n"
                  "各镇人民政府：\n为改善生态环境，决定开展春季植树活动。请认真组织实施。\n")
    assert record.publisher is None and record.published is None


def test_a_text_table_with_pipes_pairs_labels_with_values():
    record = page(
        "索引号 | 公开方式 | 发布机构 |\n"
        "000000003/2009-00021 | 主动公开 | 青禾区白石镇人民政府 |\n"
        "2008年白石镇人民政府信息公开工作年度报告\n"
        "根据《中华人民共和国政府信息公开条例》要求，现公布本镇2008年度报告。本报告共五个部分。\n"
    )
    assert record.index_no == "000000003/2009-00021"
    assert record.publisher == "青禾区白石镇人民政府"
    assert record.title == "2008年白石镇人民政府信息公开工作年度报告"


def test_a_value_that_swallowed_the_next_label_is_split():
    record = page(
        "标题\n青禾区人民政府关于印发青禾区规范性文件管理办法的通知发文机关\n青禾区人民政府办公室\n"
        "发文字号\n青政发〔2021〕1号\n成文日期\n2021-03-26\n发文日期\n2021-03-26\n有效性\n有效\n"
        "青禾区人民政府关于印发青禾区规范性文件管理办法的通知\n青政发〔2021〕1号\n"
        "各镇人民政府：\n《青禾区规范性文件管理办法》已经区政府同意，现印发给你们，请遵照执行。\n"
    )
    assert record.title == "青禾区人民政府关于印发青禾区规范性文件管理办法的通知"
    assert (record.publisher, record.doc_no) == ("青禾区人民政府办公室", "青政发〔2021〕1号")
    assert (record.created, record.published, record.validity) == (date(2021, 3, 26), date(2021, 3, 26), "有效")


def test_qualified_labels_and_fields_shown_empty():
    record = page(
        "- 索 引 号:QH04101-1100-2018-00010\n- 备注/文号:青政办〔2018〕21号\n- 发布机构:区政府办\n"
        "- 公文生成日期:2018-03-16\n- 信息时效期:\n- 签署日期:\n- 发文日期:2018-03-18\n"
        "青禾区防汛应急预案\n"
        "经区政府同意，现将《青禾区防汛应急预案》印发给你们，请认真贯彻执行。原预案同时废止。\n"
    )
    assert record.index_no == "QH04101-1100-2018-00010"
    assert record.doc_no == "青政办〔2018〕21号"
    assert record.created == date(2018, 3, 16) and record.published == date(2018, 3, 18)
    assert record.validity is None  # shown empty: 签署日期 is the next field, not its value
    assert record.title == "青禾区防汛应急预案"


def test_issue_date_is_the_publication_date_when_creation_is_shown_empty():
    record = page(
        "青禾区关于印发防汛预案的通知\n"
        "索引号:000000003/2017-00012 公文目录:应急管理 发文日期:2017年06月28日 主题词: 文  号: 成文日期:\n"
        "各镇人民政府：\n现将防汛预案印发给你们，请认真贯彻执行。\n"
    )
    assert record.created is None and record.published == date(2017, 6, 28)
    assert record.combo_category == "应急管理"


@pytest.mark.parametrize(("head", "title"), [
    # the headline over the block, then the document's own head wrapped over lines under the agency
    ("青禾区人民政府关于印发《青禾区政府工作规则》的通知\n索引号 000000003/2022-00371\n发布机构 区政府\n"
     "青禾区人民政府\n关于印发《青禾区政府工作规则》的\n",
     "青禾区人民政府关于印发《青禾区政府工作规则》的通知"),
    # the browser title echoed with the site's name, the headline under the block
    ("青禾区防汛应急预案-青禾区人民政府\n索引号:000000003/2022-00004\n发布机构:区应急局\n"
     "青禾区防汛应急预案\n",
     "青禾区防汛应急预案"),
    # an agency's name under the headline
    ("索引号: 000000003/2023-00183\n发布机构: 区政府办公室\n青禾区人民政府办公室关于2023年三季度政策解读情况的通报\n"
     "青禾区人民政府\n发布时间:2023年10月11日\n",
     "青禾区人民政府办公室关于2023年三季度政策解读情况的通报"),
    # a 文号 that lost its closing bracket is not a headline
    ("青禾区关于印发防汛预案的通知\n索引号:000000003/2017-00012\n青政办发〔201746\n",
     "青禾区关于印发防汛预案的通知"),
])
def test_the_headline_among_repeats_pieces_and_agency_names(head, title):
    record = page(head + "各镇人民政府：\n现将有关文件印发给你们，请认真贯彻执行。\n")
    assert record.title == title


def test_traditional_and_spaced_labels():
    record = page(
        "青禾市政府關於調整公車路線的公告\n"
        "索 引 號：000000003/2024-00002\n發文機關：青禾市交通局\n發文字號：青交字第1130001號\n"
        "公開日期：113年1月19日\n"
        "為方便市民出行，調整部分公車路線。請市民留意。\n"
    )
    assert record.index_no == "000000003/2024-00002"
    assert record.publisher == "青禾市交通局"
    assert record.doc_no == "青交字第1130001號"
    assert record.published == date(2024, 1, 19)



def test_a_table_row_of_values_that_lost_its_label_row():
    record = page(
        "青禾区关于做好2024年春季森林防火工作的通知\n"
        "000000003/2024-00042\t青政办发〔2024〕9号\t2024-03-04\t青禾区人民政府办公室\n"
        "各镇人民政府：\n为做好春季森林防火工作，现将有关事项通知如下。请认真落实。\n"
    )
    assert (record.index_no, record.doc_no) == ("000000003/2024-00042", "青政办发〔2024〕9号")
    assert (record.published, record.publisher) == (date(2024, 3, 4), "青禾区人民政府办公室")
    assert record.title == "青禾区关于做好2024年春季森林防火工作的通知"


@pytest.mark.parametrize(("shown", "genre", "combo"), [
    ("通知", "通知", None),
    ("會議紀要", "會議紀要", None),
    ("行政事务/其他公文/全社会", None, "行政事务/其他公文/全社会"),  # names a column
])
def test_a_category_carrying_a_genre(shown, genre, combo):
    record = page(f"青禾区关于调整办事时间的通知\n索引号:000000003/2024-00003\n信息分类:{shown}\n"
                  "各镇人民政府：\n现将办事时间调整事项通知如下。请遵照执行。\n")
    assert (record.genre, record.combo_category) == (genre, combo)


def test_a_category_of_topic_and_genre():
    record = page("青禾区关于调整办事时间的通知\n索引号:000000003/2024-00003\n信息分类:综合政务\\通知\n"
                  "各镇人民政府：\n现将办事时间调整事项通知如下。请遵照执行。\n")
    assert (record.topic, record.genre, record.combo_category) == ("综合政务", "通知", None)


def test_an_unknown_label_after_one_space_ends_the_value_before_it():
    record = page("青禾区关于开展安全检查的通知\n"
                  "发布机构:青禾区住建局 联系电话:0000-1234567 发布日期:2024-03-06\n"
                  "各镇人民政府：\n为做好安全生产工作，决定开展安全检查。请认真组织。\n")
    assert record.publisher == "青禾区住建局" and record.published == date(2024, 3, 6)
    assert record.extra == {"联系电话": "0000-1234567"}


def test_a_row_of_values_copied_as_text_and_a_label_glued_to_its_value():
    record = page("000000003/2024-00042 青政办发〔2024〕9号 2024-03-04 10:20\n"
                  "青禾区关于做好2024年春季森林防火工作的通知\n"
                  "各镇人民政府：\n为做好春季森林防火工作，现将有关事项通知如下。请认真落实。\n")
    assert (record.index_no, record.doc_no) == ("000000003/2024-00042", "青政办发〔2024〕9号")
    assert record.published == date(2024, 3, 4)
    glued = page("青禾区关于做好防汛工作的通知\n索引号000000003/2024-00043 发布日期:2024-05-06\n"
                 "各镇人民政府：\n为做好防汛工作，现将有关事项通知如下。请认真落实。\n")
    assert glued.index_no == "000000003/2024-00043"


def test_a_byline_is_no_headline_and_the_derived_title_skips_it():
    raw = RawPage("x.txt", None, "第21次\n青禾区人民政府办公室 2016-4-13\n"
                  "3月24日，区长林知远主持召开区人民政府第21次常务会议，研究有关工作。现将会议纪要如下：\n"
                  "一、研究防汛工作\n会议原则同意区水利局提出的防汛方案。\n", None)
    with pytest.raises(PageError, match="no title found"):
        extract(raw)
    record = extract(raw, derive_title=True)
    assert record.title_derived and record.title == "区人民政府第21次常务会议"
