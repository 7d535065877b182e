"""One table of catalog labels: 简体, 繁體, spaced and bracketed forms name the same field."""

import pytest

from gongkai.lib.zh.labels import CATALOG_FIELD, FIELD_LABELS, field_of, is_genre, spellings


@pytest.mark.parametrize(("label", "key"), [
    ("信息名称", "title"), ("标题", "title"), ("索引号", "index_no"), ("索 引 号", "index_no"),
    ("主题分类", "topic"), ("所属主题", "topic"), ("体裁分类", "genre"), ("文种", "genre"),
    ("组配分类", "combo_category"), ("公文目录", "combo_category"), ("信息分类", "combo_category"),
    ("文件编号", "doc_no"), ("文　　号", "doc_no"), ("发文字号", "doc_no"), ("發文字號", "doc_no"),
    ("发布机构", "publisher"), ("發布機構", "publisher"), ("发文机关", "publisher"), ("公开责任部门", "publisher"),
    ("成文日期", "created"), ("产生日期", "created"), ("发布日期", "published"), ("公开日期", "published"),
    ("废止日期", "abolished"), ("失效日期", "abolished"), ("有效性", "validity"), ("时效", "validity"),
    ("是否有效", "validity"), ("信息时效期", "validity"), ("公文时效", "validity"), ("内容概述", "summary"),
    ("摘要", "summary"), ("关键词", "keywords"), ("【发布时间】", "published"), ("索引号：", "index_no"),
])
def test_field_of(label, key):
    assert field_of(label) == key


@pytest.mark.parametrize("label", ["著录时间", "发表时间", "青山县", ""])
def test_labels_that_fill_no_field(label):
    assert field_of(label) is None


def test_each_label_names_one_field_and_every_field_has_a_catalog_column():
    seen = [label for labels in FIELD_LABELS.values() for label in labels]
    assert len(seen) == len(set(seen))
    assert set(FIELD_LABELS) == set(CATALOG_FIELD)
    assert CATALOG_FIELD["abolished"] == CATALOG_FIELD["validity"] == "abolished_or_validity"


def test_spellings_include_traditional_forms():
    assert "發布機構" in spellings("publisher") or "發佈機構" in spellings("publisher")
    assert "索引號" in spellings("index_no")


@pytest.mark.parametrize(("value", "genre"), [
    ("通知", True), ("會議紀要", True), ("通知类", True), (" 预案 ", True), ("应急管理", False), ("政府文件", False),
])
def test_is_genre(value, genre):
    assert is_genre(value) is genre
