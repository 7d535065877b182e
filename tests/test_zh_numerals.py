"""Chinese numerals, ordinals and amounts on made-up text."""

from decimal import Decimal

import pytest

from gongkai.lib.zh.numerals import (
    cn_to_int, find_amounts, find_numbers, find_ordinals, parse_amount, parse_ordinal,
)


@pytest.mark.parametrize(("text", "value"), [
    ("二十三", 23), ("十", 10), ("十九", 19), ("一百零七", 107), ("两", 2), ("两千零二十四", 2024),
    ("〇", 0), ("零", 0), ("二〇二四", 2024), ("二零二四", 2024), ("二○二四", 2024), ("1万2千", 12000),
    ("12万", 120000), ("壹佰贰拾", 120), ("兩萬", 20000), ("２５", 25), ("七十八", 78),
])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "青山", "第三", "3.5", "百分"])
def test_cn_to_int_refuses_what_is_not_a_whole_number(text):
    assert cn_to_int(text) is None


def test_parse_ordinal():
    assert parse_ordinal("第十九次") == 19
    assert parse_ordinal("第 25 期") == 25
    assert parse_ordinal("第三") == 3
    assert parse_ordinal("第几次") is None


def test_find_ordinals_keeps_terms_and_meetings_apart():
    text = "青山县十七届第86次常务会议，一次性补助，六届七十八次"
    found = [(o.value, o.unit) for o in find_ordinals(text)]
    assert found == [(17, "届"), (86, "次"), (6, "届"), (78, "次")]
    first = find_ordinals(text)[1]
    assert text[first.start:first.end] == "第86次"


def test_find_numbers_skips_a_lone_one_in_words():
    values = [n.value for n in find_numbers("统一安排3.5亿，共七十八次，一些，二〇二三年，第五")]
    assert values == [Decimal("350000000"), Decimal(78), Decimal(2023), Decimal(5)]


def test_amounts_in_yuan():
    text = "清河区安排资金56万元，另拨3.5亿元、一千二百万元和800元"
    assert [a.yuan for a in find_amounts(text)] == [
        Decimal(560000), Decimal(350000000), Decimal(12000000), Decimal(800)]
    assert parse_amount("经费 2 万元") == Decimal(20000)
    assert parse_amount("没有金额") is None
