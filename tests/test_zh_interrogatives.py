"""The grammar of Chinese interrogatives, on made-up questions about fictional places."""

from __future__ import annotations

import pytest

from gongkai.lib.zh import interrogatives as zh


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("青山县第8次常务会议由谁主持？", zh.PERSON),
        ("清河区那次会上哪位副区长讲了话？", zh.PERSON),
        ("会议记录人是何人？", zh.PERSON),
        ("青山县第8次常务会议是哪天开的？", zh.DATE),
        ("通告几号起施行？", zh.DATE),
        ("这次会议几月几日召开？", zh.DATE),
        ("规划何时印发？", zh.DATE),
        ("方案什么时候之前完成？", zh.DATE),
        ("老年食堂是哪一年建成的？", zh.YEARS),
        ("会议在哪里召开？", zh.PLACE),
        ("受理窗口设在何处？", zh.PLACE),
        ("申请表应寄往哪个地址？", zh.PLACE),
        ("这份方案是哪个部门提交的？", zh.ORG),
        ("是哪家单位承办的？", zh.ORG),
        ("由什么机构负责解释？", zh.ORG),
        ("是哪个局牵头的？", zh.ORG),
        ("会前学习了哪部法律？", zh.TITLE),
        ("依据的是哪份文件？", zh.TITLE),
        ("通知的文号是什么？", zh.CODE),
        ("咨询电话是多少？", zh.CODE),
        ("全年收到多少件申请？", zh.QUANTITY),
        ("一共开了几回发布会？", zh.QUANTITY),
        ("要在多少个工作日内答复？", zh.QUANTITY),
        ("项目总投资有多大规模？", zh.QUANTITY),
        ("这份办法还有效吗？", zh.VALIDITY),
        ("那个预案现在还管用吗？", zh.VALIDITY),
        ("该规定是否已经废止？", zh.VALIDITY),
        ("这份通知是不是还有效的？", zh.VALIDITY),
        ("在全市排第几？", zh.RANK),
        ("是在第几次常务会议上通过的？", zh.ORDINAL),
        ("会议对这个方案是什么态度？", zh.DECISION),
        ("通过后下一步要做什么？", zh.NEXT_STEP),
        ("方案是不是区财政局提交的？", zh.YES_NO),
        ("会议讨论了哪些事项？", zh.LIST),
        ("行动计划要达到哪四大目标？", zh.SPAN),  # 到哪 + a numeral is no "where"
        ("工作要坚持什么原则？", zh.SPAN),
    ],
)
def test_the_interrogative_gives_the_answer_kind(question, kind):
    assert zh.parse(question).kind == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("青山縣第8次常務會議由誰主持？", zh.PERSON),
        ("會議在哪裡召開？", zh.PLACE),
        ("全年受理幾宗申請？", zh.QUANTITY),
        ("會議討論了甚麼規劃？", zh.TITLE),
        ("ＡＢ鎮第３次會議是哪天召開的？", zh.DATE),
    ],
)
def test_traditional_and_full_width_questions_are_folded_first(question, kind):
    assert zh.parse(question).kind == kind


def test_the_classifier_and_head_noun_are_kept():
    asked = zh.parse("全年一共举办了多少场新闻发布会？")
    assert asked.classifier == "场"
    assert "次" in zh.units_for(asked.classifier) and "期" in zh.units_for(asked.classifier)
    assert zh.units_for("个") == ()
    assert zh.parse("会议在哪个会议室召开？").head == "会议室"
    assert zh.parse("哪位县政协副主席列席了会议？").kind == zh.PERSON


def test_which_two_asks_for_a_list():
    assert zh.parse("审议了哪两份纲要？").wants_list
    assert zh.parse("哪几个镇允许燃放？").kinds[:2] == (zh.PLACE, zh.ORG)
    assert not zh.parse("审议了哪份纲要？").wants_list


def test_who_with_an_administrative_verb_may_be_a_body():
    assert zh.parse("这项工作由谁负责？").kinds == (zh.ORG, zh.PERSON)
    assert zh.parse("会议由谁主持？").kinds == (zh.PERSON,)


def test_counting_which_one_is_not_how_many():
    assert zh.QUANTITY not in zh.parse("这个计划管哪几年？").kinds
    assert zh.QUANTITY not in zh.parse("第几次会议通过的？").kinds
    assert zh.parse("多久召开一次？").classifier == "天"


def test_where_the_interrogative_stands():
    asked = zh.parse("清河区那次会议传达了什么精神？")
    assert asked.word.startswith("什么") and asked.at == "清河区那次会议传达了".__len__()


@pytest.mark.parametrize(
    ("question", "count", "characters"),
    [
        ("青禾区是哪两个城市作了汇报？", 2, False),
        ("列席会议的是哪三位？", 3, False),
        ("经过哪两次会议审定？", 2, False),
        ("提的思路是哪十六个字？", 16, True),
        ("口号是哪几个字？", None, True),
        ("哪几个镇允许燃放？", None, False),
        ("会议由谁主持？", None, False),
    ],
)
def test_the_count_after_which_says_how_many_items_the_answer_lists(question, count, characters):
    asked = zh.parse(question)
    assert (asked.count, asked.characters) == (count, characters)
    if count:
        assert asked.wants_list


def test_characters_asked_for_are_a_phrase_not_a_list():
    assert zh.parse("提的思路是哪十六个字？").kind == zh.SPAN


def test_which_sitting_of_several_is_an_ordinal():
    assert zh.parse("经过哪两次会议审定？").kind == zh.ORDINAL
    assert zh.parse("要提请哪次人代会审议？").kind == zh.ORDINAL


def test_a_demonstrative_before_ji_points_instead_of_counting():
    asked = zh.parse("云川市讲究的那几条原则原话是怎么说的？")
    assert zh.QUANTITY not in asked.kinds and asked.wants_list
    assert zh.parse("共收到几条意见？").kind == zh.QUANTITY
