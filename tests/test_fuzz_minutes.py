"""Property: the minutes parser returns a Meeting for any text — random, adversarial, half a minutes page."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.minutes.parser import parse_minutes
from tests.fuzzing import PIECES, any_text, bounded

MINUTES = ("2024年5月6日上午，区长林晓舟在区政务中心主持召开区政府第12次常务会议，纪要如下：\n"
           "一、会议审议了《青禾区老旧小区改造三年行动方案》\n会议原则同意区住建局提交的方案，要求修改完善后按程序印发实施。\n"
           "二、会议听取了区教体局关于课后服务工作情况的汇报\n会议要求，区教体局负责落实课后服务经费。\n出席：林晓舟 王青\n")


@bounded(200)
@given(any_text)
def test_any_text_parses_without_crashing(text):
    meeting = parse_minutes(text)
    assert isinstance(meeting.items, list)


@bounded(150)
@given(st.integers(0, len(MINUTES)), st.integers(0, len(MINUTES)), st.lists(st.sampled_from(PIECES), max_size=6))
def test_a_damaged_minutes_page_parses_without_crashing(cut, insert_at, pieces):
    text = MINUTES[:cut]
    text = text[:insert_at] + "".join(pieces) + text[insert_at:]
    parse_minutes(text)
