"""智能问答 on the forms government pages write answers in, each on a made-up page of a fictional
county (青山县): labelled values, roles given by office, addressees and signatures of a notice,
dates a notice takes effect, principles in quotation marks, contacts, pinyin notes, and whether a
document is still in force asked in everyday words."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.qa.answer import answer
from gongkai.qa.contract import SourceDoc
from gongkai.qa.memory import MemoryRetriever
from gongkai.qa.passages import normalize_mapped

NOTICE = SourceDoc(
    doc_id=501,
    index_no="QS0001/2024-00077",
    title="青山县人民政府办公室关于印发青山县防汛抗旱应急预案的通知",
    url="/docs/501/",
    body=(
        "各乡镇人民政府,县直各部门:\n"
        "《青山县防汛抗旱应急预案》已经县政府同意,现印发给你们,请认真贯彻落实。本预案自2024年7月1日起施行。\n"
        "防汛工作坚持“以防为主、防抗结合”的原则。\n"
        "县防汛抗旱指挥部由县长任总指挥,分管副县长为副总指挥。\n"
        "青山县人民政府办公室\n"
        "2024年6月20日\n"
    ),
    validity="有效",
    metadata={"索引号": "QS0001/2024-00077", "发布日期": "2024-06-25", "有效性": "有效"},
    published=date(2024, 6, 25),
)

GUIDE = SourceDoc(
    doc_id=502,
    index_no="QS0002/2024-00010",
    title="青山县清河镇政府信息公开指南",
    url="/docs/502/",
    body=(
        "一、受理机构\n"
        "受理机构:清河镇人民政府党政办公室\n"
        "办公地址:青山县清河镇人民路18号\n"
        "联系电话:0571-86005566\n"
        "传真:(0571) 8600 7788\n"
        "电子邮箱:gongkai@qinghe.example.cn\n"
    ),
    validity="有效",
    metadata={"索引号": "QS0002/2024-00010"},
)

MINUTES = SourceDoc(
    doc_id=503,
    index_no="QS0003/2024-00031",
    title="青山縣政府第8次常務會議紀要",
    url="/docs/503/",
    body=(
        "2024年3月5日,副縣(xiàn)長林曉(xiǎo)舟主持召開縣政府第8次常務會議。\n"
        "會議表揚了縣公安局警長王立新協助破獲耕牛被盜案。\n"
        "主席\n林曉舟\n紀錄\n周雨桐\n"
    ),
    validity="有效",
    metadata={},
)


@pytest.fixture(scope="module")
def retriever() -> MemoryRetriever:
    return MemoryRetriever([NOTICE, GUIDE, MINUTES])


@pytest.mark.parametrize(
    ("question", "expected", "doc_id"),
    [
        ("青山县清河镇受理政府信息公开申请的办公地址在哪里？", "青山县清河镇人民路18号", 502),
        ("清河镇政府信息公开的联系电话是多少？", "0571-86005566", 502),
        ("清河镇政府信息公开的传真号码是多少？", "(0571) 8600 7788", 502),
        ("清河镇政府信息公开的电子邮箱是哪个？", "gongkai@qinghe.example.cn", 502),
        ("青山县防汛抗旱应急预案的通知是发给哪些单位的？", "各乡镇人民政府,县直各部门", 501),
        ("青山县防汛抗旱应急预案自什么时候起施行？", "2024年7月1日", 501),
        ("青山县防汛抗旱应急预案的通知落款日期是哪天？", "2024年6月20日", 501),
        ("青山县防汛抗旱应急预案的通知以哪个机构的名义落款？", "青山县人民政府办公室", 501),
        ("青山县防汛抗旱指挥部的总指挥由谁担任？", "县长", 501),
        ("青山县防汛工作坚持什么原则？", "“以防为主、防抗结合”", 501),
        ("青山县第8次常务会议由谁主持？", "林曉(xiǎo)舟", 503),
        ("青山县第8次常务会议表扬的协助破获耕牛被盗案的是哪位警长？", "王立新", 503),
        ("青山縣第8次常務會議的紀錄是誰？", "周雨桐", 503),  # a label over its value
    ],
)
def test_answers_in_the_forms_pages_write_them(retriever, question, expected, doc_id):
    result = answer(question, retriever)
    assert result.answer is not None and expected in result.answer, result
    assert result.citations[0].doc_id == doc_id


def test_still_in_force_asked_in_everyday_words(retriever):
    result = answer("青山县那个防汛抗旱应急预案现在还管用吗？", retriever)
    assert result.answer == "有效"


def test_a_document_without_the_asked_code_is_not_answered_with_another(retriever):
    assert answer("青山县防汛抗旱应急预案的通知的登记号是多少？", retriever).answer is None


def test_pinyin_notes_are_read_past_and_kept_in_quotes():
    norm, omap = normalize_mapped("副縣(xiàn)長林曉舟")
    assert norm == "副县长林晓舟"
    assert omap is not None and omap[2] == 8  # 長 is quoted from where it stands
