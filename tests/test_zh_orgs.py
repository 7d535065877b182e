"""Organisations in made-up government text (青山县, 清河区 and their agencies are fictional)."""

from __future__ import annotations

import pytest

from gongkai.lib.zh.orgs import find_orgs, is_org, org_key, org_spans, same_org, split_orgs


@pytest.mark.parametrize("name", [
    "区财政局", "青山县人民医院", "清河区消防救援大队", "青山大学", "清河区城投集团有限公司", "县委办公室",
    "经济开发区管委会", "清河街道办事处", "青山镇人民政府", "区政府", "县交警大队", "区疾控中心",
    "秘書處", "地政局", "財政局", "區城管執法局", "原住民族事務委員會",
])
def test_names_of_bodies_are_organisations(name: str) -> None:
    assert is_org(name)


@pytest.mark.parametrize("word", ["格局", "举办", "全部", "网站", "团队", "各部门", "有关单位", "部门", "政府", "干部"])
def test_common_words_and_generic_addressees_are_not(word: str) -> None:
    assert not is_org(word)


@pytest.mark.parametrize("name", ["区发改局", "发改委", "青山县发展和改革局", "发改部门", "區發展和改革局"])
def test_level_place_abbreviation_and_script_do_not_change_the_key(name: str) -> None:
    assert org_key(name) == "发改"


@pytest.mark.parametrize(("a", "b"), [
    ("县人社局", "青山县人力资源和社会保障局"),
    ("区委编办", "区委机构编制委员会办公室"),
    ("区大数据管理局", "大数据局"),
    ("清河区生态环境局", "区环保局"),
])
def test_one_body_written_two_ways(a: str, b: str) -> None:
    assert same_org(a, b)


@pytest.mark.parametrize(("a", "b"), [("区财政局", "区审计局"), ("区发改局", "区工信局"), ("区政府办", "区政府研究室")])
def test_different_bodies_stay_apart(a: str, b: str) -> None:
    assert not same_org(a, b)


def test_find_orgs_in_running_text_as_written_each_once() -> None:
    text = "会议要求，青山县人民医院、清河区消防救援大队和青山大学要加强配合，各部门做好布局，区财政局、财政局负责保障。"
    assert find_orgs(text) == ["青山县人民医院", "清河区消防救援大队", "青山大学", "区财政局"]


def test_find_orgs_keeps_an_inner_and_and_splits_an_outer_one() -> None:
    assert find_orgs("请区城管和综合执法局、区自然资源和规划局抓紧落实。") == ["区城管和综合执法局", "区自然资源和规划局"]
    assert split_orgs("区财政局和区审计局") == ["区财政局", "区审计局"]
    assert split_orgs("区财政局和全体干部") is None


def test_traditional_names_are_returned_as_written() -> None:
    text = "本案由臺青市政府秘書處、地政局及財政局提出。"
    assert find_orgs(text) == ["臺青市政府秘書處", "地政局", "財政局"]
    assert split_orgs("區財政局、區審計局和區民政局") == ["區財政局", "區審計局", "區民政局"]


def test_an_enumeration_before_deng_bumen_names_each_function() -> None:
    text = "发改、农业农村等部门抓紧落实。"
    assert find_orgs(text) == ["发改部门", "农业农村部门"]
    assert [text[a:b] for a, b in org_spans(text)] == ["发改", "农业农村"]


def test_spans_point_into_the_text_as_shown() -> None:
    text = "由青山鎮人民政府牽頭，清河街道辦事處配合。"
    assert [text[a:b] for a, b in org_spans(text)] == ["青山鎮人民政府", "清河街道辦事處"]


def test_a_body_ends_before_the_preposition_of_how_it_acted():
    text = "县卫生健康局以图文解读的方式于县政府门户网站公开发布了政策文件"
    assert "县卫生健康局" in [text[a:b] for a, b in org_spans(text)]
