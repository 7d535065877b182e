"""智能问答 quotes an imported page as the page spelled it: its dates (2019年03月08日, not the
catalog's 2019-03-08) and the labels no catalog column holds (公开范围). Made-up pages of a fictional
county (青禾县)."""

from __future__ import annotations

import pytest

from gongkai.importer.extract import extract
from gongkai.importer.load import save_record
from gongkai.importer.pages import RawPage
from gongkai.lib.zh import interrogatives as zh
from gongkai.qa import service
from gongkai.qa.retrieval import metadata_of
from gongkai.search import indexing

pytestmark = pytest.mark.django_db

PAGE = """青禾县人民政府办公室关于印发青禾县防汛抗旱应急预案的通知
索引号: 987654321/2019-00042 公开方式: 主动公开 公开范围: 全部公开
发文日期: 2019年03月08日 成文日期:
文号: 青政办发〔2019〕12号
各乡镇人民政府,县直各部门:
现将《青禾县防汛抗旱应急预案》印发给你们,请认真组织实施。
青禾县人民政府办公室
"""


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.SEARCH_BACKEND = "tantivy"
    settings.LLM_URL = ""
    indexing.reader.cache_clear()
    yield
    indexing.reader.cache_clear()


def imported():
    record = extract(RawPage(source="qinghe.txt", url=None, text=PAGE, html=None))
    return save_record(record).document


def test_the_page_spelling_of_a_date_is_kept_beside_the_catalog_date():
    doc = imported()
    assert doc.extra["发文日期"] == "2019年03月08日"  # as the page wrote it, beside the catalog's date
    meta = metadata_of(doc)
    assert "2019年03月08日" in meta.values()
    assert "2019-03-08" not in meta.values()  # the catalog's form only where the page showed none


def test_labels_without_a_catalog_column_answer_in_the_page_words():
    doc = imported()
    assert doc.extra["公开范围"] == "全部公开"
    assert metadata_of(doc)["公开范围"] == "全部公开"


def test_questions_are_answered_in_the_page_spelling():
    imported()
    indexing.catch_up()
    date = service.ask("青禾县防汛抗旱应急预案的通知,发文日期是哪天?")
    assert date.answer == "2019年03月08日"
    scope = service.ask("青禾县防汛抗旱应急预案的公开范围是什么?")
    assert scope.answer == "全部公开"


def test_who_sent_up_an_item_may_be_a_body():
    # 报 with a directional complement (报上来, 送上去) submits, as 上报 does: a department as often as a person
    assert zh.parse("那个方案是谁报上来的？").kinds == (zh.ORG, zh.PERSON)
    assert zh.parse("材料是谁送上去的？").kinds == (zh.ORG, zh.PERSON)


@pytest.mark.parametrize(
    ("question", "ending"),
    [
        ("青禾县过年时哪几个镇允许燃放烟花爆竹？", "镇"),
        ("青禾县救助预案是哪个办公室编制的？", "办公室"),
        ("是哪两个城市作了汇报？", "市"),  # a city's name ends in 市, not 城市
        ("这份方案是哪个部门提交的？", None),  # 部门 says the kind, not how a name ends
        ("会议审议了哪两份发展纲要？", "纲要"),
    ],
)
def test_the_head_noun_asked_for_says_how_the_answer_ends(question, ending):
    from gongkai.qa import understand as u

    assert u.understand(question).suffix == ending


@pytest.mark.parametrize(
    ("name", "ending", "ends"),
    [
        ("《青禾县儿童发展纲要(2021-2030年)》", "纲要", True),
        ("青禾县自然灾害救助办法(试行)", "办法", True),
        ("青禾县安全生产委员会办公室", "办公室", True),
        ("青禾县人民政府", "办公室", False),
        ("《青禾县发展纲要实施方案》", "纲要", False),
    ],
)
def test_a_name_ends_with_its_noun_past_brackets_and_quotes(name, ending, ends):
    from gongkai.qa.answer import name_ends_with

    assert name_ends_with(name, ending) is ends
