"""文号 and 索引号 in the forms portals print them, on made-up numbers."""

import pytest

from gongkai.lib.zh.identifiers import (
    canonical_identifier, find_doc_numbers, find_index_numbers, is_doc_no, is_index_no,
)


@pytest.mark.parametrize("value", [
    "青建发〔2025〕12号", "青建发[2025]12号", "青建发（2025）12号", "青建发(2025)12号", "青建发【2025】12号",
    "青建发 〔2025〕 12 号", "清河府办发〔2024〕第3号",
])
def test_doc_numbers(value):
    assert is_doc_no(value)


@pytest.mark.parametrize("value", [
    "014133058/2024-00008", "11440300007542386G/2021-00123", "01234567X-2020-153077",
    "1234-001/2023-80815", "QS04101-1100-2018-00010", "QS-310115-2022-00371", "abc01/2023-00011",
    "113300000000000001Y-/2018-1220012", "011282752 / 2017-00101",
])
def test_index_numbers(value):
    assert is_index_no(value)


@pytest.mark.parametrize("value", ["2024-03-05", "青山县", "12345", "2024年3月"])
def test_not_index_numbers(value):
    assert not is_index_no(value)


def test_find_in_running_text():
    text = "索引号:014133058/2024-00008 发布日期:2024-03-05 文号:青建发〔2025〕12号"
    ((a, b),) = find_index_numbers(text)
    assert text[a:b] == "014133058/2024-00008"
    ((a, b),) = find_doc_numbers(text)
    assert text[a:b] == "文号:青建发〔2025〕12号"[3:] or text[a:b].endswith("青建发〔2025〕12号")


def test_canonical_identifier_compares_forms():
    assert canonical_identifier("青建发 （2025） 第12号") == canonical_identifier("青建发〔2025〕12号")
