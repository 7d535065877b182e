"""智能问答 reads the shape an answer must have from the question: how many items "哪两个…" lists,
how many characters "哪十六个字" has, what a named session (第X届…第X次会议) looks like, what is
required after 做到 / 请, and that a deadline is asked by 什么时候之前. Each on made-up pages of a
fictional city (云川市) and district (青禾区)."""

from __future__ import annotations

import pytest

from gongkai.qa import understand as u
from gongkai.qa.answer import answer, shape_fit
from gongkai.qa.contract import FactRecord, SourceDoc
from gongkai.qa.extract import Candidate, candidates
from gongkai.qa.memory import MemoryRetriever
from gongkai.qa.passages import view

MEETING = SourceDoc(
    doc_id=701,
    index_no="QH0701/2025-00012",
    title="青禾区人民政府第12次常务会议",
    url="/docs/701/",
    body=(
        "5月6日,区长周明川主持召开青禾区人民政府第12次常务会议。\n"
        "会议听取了东溪市、南岭市对口协作工作开展情况的汇报。\n"
        "会议讨论并原则通过拟提请青禾区第三届人民代表大会第五次会议审议的《政府工作报告(征求意见稿)》。\n"
        "会议要求,要按照“精准识别,分类施策,动态监测,长效帮扶”的思路,做好防止返贫监测工作。"
        "同时坚持“稳中求进”的总基调。\n"
        "会议强调,要在2026年底前完成全区老旧管网改造。\n"
        "会议要求,端午节期间全区干部职工做到非必要不离区、不聚餐、不参加大型聚集活动,确保安全。\n"
        "陈远航、林雨桐及各街道主要负责同志列席会议。\n"
    ),
    validity="有效",
    metadata={"索引号": "QH0701/2025-00012"},
)

RULES = SourceDoc(
    doc_id=702,
    index_no="QH0702/2025-00003",
    title="云川市社区工作者管理办法(试行)",
    url="/docs/702/",
    body=(
        "各区人民政府,市直各部门:\n"
        "《云川市社区工作者管理办法(试行)》已经市第六届人民政府第9次常务会议和六届市委第4次常委会议审定,"
        "现印发给你们,请认真贯彻执行。\n"
        "第三条 社区工作者由街道党工委管理。市委组织部和市民政局对社区党组织书记实行备案管理。\n"
        "第五条 在青禾区白石镇、云溪镇范围内试行社区工作者积分制管理。\n"
        "第九条 云川市政府工作遵循的原则是:服务为先、实干为要、清廉为本、效率为上。\n"
        "2025年,组织开展了街道主要负责人、市直部门主要负责人年终述职活动。\n"
    ),
    validity="有效",
    metadata={"索引号": "QH0702/2025-00003"},
)


@pytest.fixture(scope="module")
def retriever() -> MemoryRetriever:
    return MemoryRetriever([MEETING, RULES])


@pytest.mark.parametrize(
    ("question", "expected", "doc_id"),
    [
        # a count after 哪 asks for that many names joined by 、 和 及
        ("青禾区第12次常务会议上,是哪两个城市作了对口协作的汇报?", "东溪市、南岭市", 701),
        ("青禾区第12次常务会议点名列席的是哪两位?", "陈远航、林雨桐", 701),
        ("云川市社区党组织书记要到哪两个部门那里备案?", "市委组织部和市民政局", 702),
        ("云川市的社区工作者积分制管理是在哪几个镇试行?", "白石镇、云溪镇", 702),
        ("云川市社区工作者管理办法经过哪两次会议审定?", "第六届人民政府第9次常务会议和六届市委第4次常委会议", 702),
        # a count of characters asks for a quoted phrase of that length
        ("青禾区第12次常务会议讲防止返贫监测时提的思路是哪十六个字?", "“精准识别,分类施策,动态监测,长效帮扶”", 701),
        # a named session: the term, the body and the sitting
        ("青禾区第12次常务会议通过的政府工作报告要提请哪次人代会审议?", "第三届人民代表大会第五次会议", 701),
        # 那几条: a demonstrative pointing at several, which the answer lists
        ("云川市政府工作讲究的那几条原则,原话是怎么说的?", "服务为先、实干为要、清廉为本、效率为上", 702),
        # people named by office, listed
        ("云川市2025年组织了哪些人开展年终述职活动?", "街道主要负责人、市直部门主要负责人", 702),
        # a deadline: the end of a period, not the day of the meeting
        ("青禾区第12次常务会议说要在什么时候之前完成老旧管网改造?", "2026年底", 701),
        # what is required: after 做到
        ("青禾区第12次常务会议对端午节期间干部职工提了什么要求?", "非必要不离区、不聚餐、不参加大型聚集活动", 701),
    ],
)
def test_the_shape_asked_for_finds_the_answer(retriever, question, expected, doc_id):
    result = answer(question, retriever)
    assert result.answer is not None and expected in result.answer, result
    assert result.citations[0].doc_id == doc_id


def test_the_count_in_the_question_is_no_number_the_page_must_state():
    q = u.understand("青禾区第12次常务会议提的思路是哪十六个字?")
    assert q.numbers == frozenset({"12"}) and q.count == 16 and q.characters


def _cand(doc: SourceDoc, question: str, text: str) -> Candidate:
    q = u.understand(question)
    for passage in view(doc).passages:
        for cand in candidates(passage, q.kinds, q.role, q.anchors, q.wants_list, q.suffix):
            if cand.text == text:
                return cand
    raise AssertionError(f"{text} was not proposed")


def test_a_list_of_the_count_asked_is_preferred_to_one_name_and_to_a_longer_list():
    question = "青禾区第12次常务会议上,是哪两个城市作了汇报?"
    q = u.understand(question)
    both = _cand(MEETING, question, "东溪市、南岭市")
    assert both.items == 2 and shape_fit(q, both) > 1
    one = u.understand("青禾区第12次常务会议上,是哪三个城市作了汇报?")
    assert shape_fit(one, both) < 1


def test_a_phrase_of_another_length_is_not_the_sixteen_characters():
    question = "青禾区第12次常务会议提的思路是哪十六个字?"
    q = u.understand(question)
    right = _cand(MEETING, question, "“精准识别,分类施策,动态监测,长效帮扶”")
    other = _cand(MEETING, question, "“稳中求进”")
    assert shape_fit(q, right) > 1 > shape_fit(q, other)


def test_a_session_is_proposed_whole():
    q = u.understand("要提请哪次人代会审议?")
    assert q.kind == u.ORDINAL
    found = {c.text for p in view(MEETING).passages for c in candidates(p, q.kinds)}
    assert "第三届人民代表大会第五次会议" in found


def test_the_notice_s_request_is_proposed_for_what_it_asks_of_its_addressees():
    question = "云川市社区工作者管理办法的通知对各区政府和市直部门提了什么要求?"
    assert _cand(RULES, question, "请认真贯彻执行").kind == u.SPAN
    q = u.understand("云川市社区工作者管理办法的通知说了什么?")  # a request answers only 什么要求
    found = {c.text for p in view(RULES).passages for c in candidates(p, q.kinds, q.role, q.anchors)}
    assert "请认真贯彻执行" not in found


def test_a_meeting_day_is_no_deadline(retriever):
    result = answer("青禾区第12次常务会议说要在什么时候之前完成老旧管网改造?", retriever)
    assert result.answer is not None and "5月6日" not in result.answer


SUBMITTED = "会议审议了区农业农村局送审的《关于审定<青禾区2025年稻渔综合种养方案>的请示》,区交通运输局送审的《关于审定<青禾区2025年农村公路养护方案>的请示》等议题。"
SESSION = SourceDoc(
    doc_id=703,
    index_no="QH0703/2025-00020",
    title="青禾区人民政府第15次常务会议",
    url="/docs/703/",
    body=(
        "6月3日,区长周明川主持召开青禾区人民政府第15次常务会议,区政府班子成员参加会议,"
        "云川高新区管委会主任宋启航及区直相关部门负责人列席会议。\n"
        "会议听取了区生态环境分局关于《青禾区生态环境保护责任清单》的汇报,原则同意该清单,"
        "按会议精神修改完善后,以区委办、区府办名义印发。\n"
        + SUBMITTED + "\n"
    ),
    validity="有效",
    metadata={"索引号": "QH0703/2025-00020", "来源": "青禾区人民政府办公室", "文件登记号": "QHHD01-2025-0007"},
    records=(
        FactRecord("关于审定<青禾区2025年稻渔综合种养方案>的请示", "sponsor", "区农业农村局", SUBMITTED),
        FactRecord("关于审定<青禾区2025年农村公路养护方案>的请示", "sponsor", "区交通运输局", SUBMITTED),
    ),
)


@pytest.fixture(scope="module")
def with_session() -> MemoryRetriever:
    return MemoryRetriever([MEETING, RULES, SESSION])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # 以X名义: the bodies in whose name a document goes out
        ("青禾区第15次常务会议说,那份生态环境保护责任清单改好以后要用谁的名义发下去?", "区委办、区府办"),
        # 旁听 is to sit in as 列席 does; who sat in is stated once for the whole meeting
        ("青禾区第15次常务会议,高新区那边过来旁听的负责人叫什么?", "宋启航"),
        # putting a page on the web is publishing it; its 来源 is who published it
        ("青禾区第15次常务会议这条信息是哪个单位挂到网上的?", "青禾区人民政府办公室"),
        ("青禾区第15次常务会议这条信息的来源是哪个单位?", "青禾区人民政府办公室"),
        # 文件登记号 is the 登记号 of the document
        ("青禾区第15次常务会议纪要的文件登记号是多少?", "QHHD01-2025-0007"),
        # each sponsor goes with its own item, though one sentence lists them all
        ("青禾区第15次常务会议上,农村公路养护那个方案是谁报上来的?", "区交通运输局"),
        ("青禾区第15次常务会议上,稻渔综合种养那个方案是谁报上来的?", "区农业农村局"),
    ],
)
def test_relations_said_in_other_words(with_session, question, expected):
    result = answer(question, with_session)
    assert result.answer is not None and expected in result.answer, result
    assert result.citations[0].doc_id == 703


def test_a_classifier_alone_after_which_stands_for_the_noun_before():
    q = u.understand("云川市去年修改的那部法律是哪一部?")
    assert q.kind == u.TITLE and q.kind != u.ORG


def test_a_bare_office_word_is_no_role_to_match():
    assert u.understand("开发区那边过来旁听的负责人叫什么?").role is None
    assert (u.understand("青禾区教育局局长是谁?").role or "").endswith("局长")


def test_the_noun_asked_about_introduces_what_follows_its_colon():
    question = "云川市政府工作讲究的那几条原则,原话是怎么说的?"
    q = u.understand(question)
    spans = {
        c.text for p in view(RULES).passages
        for c in candidates(p, q.kinds, q.role, q.anchors, q.wants_list, q.suffix) if c.kind == u.SPAN
    }
    assert "服务为先、实干为要、清廉为本、效率为上" in spans


def test_a_label_qualified_by_its_owner_names_the_same_field():
    from gongkai.qa.fields import field_of

    assert field_of("文件登记号") == field_of("登记号") == "unified_no"
    assert field_of("文件") is None
