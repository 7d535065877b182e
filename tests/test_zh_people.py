"""People with titles in made-up text (every name and place here is fictional)."""

from __future__ import annotations

import pytest

from gongkai.lib.zh.fold import fold
from gongkai.lib.zh.people import (
    ROLE_LABEL, chair_in, is_name, is_title, people_in_clause, people_in_list, person_in, role_of,
)


def cut(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0]: span[1]] if span else None


@pytest.mark.parametrize(("phrase", "name"), [
    ("区长王青松", "王青松"),
    ("王青松区长", "王青松"),
    ("区委常委、副区长张小川", "张小川"),
    ("副區長李文清同志", "李文清"),
    ("会议由区长林若川", "林若川"),
    ("区政府第3次常务会议由林若川", "林若川"),
    ("县长赵明10月9日", "赵明"),
    ("副区长宋知远受区长林若川委托", "宋知远"),
    ("王  明", "王  明"),
    ("副  区  长  王  明", "王  明"),
])
def test_the_name_without_its_titles(phrase: str, name: str) -> None:
    assert cut(phrase, person_in(phrase)) == name


@pytest.mark.parametrize("phrase", ["区财政局", "副区长", "各部门负责同志", "会议强调要加强管理"])
def test_no_person_where_none_is_named(phrase: str) -> None:
    assert person_in(phrase) is None


@pytest.mark.parametrize(("sentence", "chair"), [
    ("3月2日上午，区长王青松主持召开区政府第12次常务会议。", "王青松"),
    ("2023年4月6日，区政府第十三次常务会议由王青松主持召开。", "王青松"),
    ("会议由副区长张小川主持。", "张小川"),
    ("5月8日，林若川主持会议，研究部署防汛工作。", "林若川"),
    ("區委常委、副區長林一維同志在區政府會議室主持召開區政府常務會議。", "林一維"),
    ("县委副书记、县长赵明10月9日主持召开县政府第17次常务会议。", "赵明"),
    ("主席：柯青山", "柯青山"),
])
def test_the_chair_of_a_meeting(sentence: str, chair: str) -> None:
    assert cut(sentence, chair_in(sentence)) == chair


def test_no_chair_in_a_sentence_without_one() -> None:
    assert chair_in("会议强调，要做好防汛工作。") is None


def test_attendee_lines_padded_titled_and_with_departments() -> None:
    line = "赵   钢  孙益明、区财政局主要负责同志、林某(区长)"
    assert [line[a:b] for a, b in people_in_list(line) or []] == ["赵   钢", "孙益明", "区财政局", "林某"]
    columns = "副    市   長   宋知遠     秘   書    長   白一鳴"
    assert [columns[a:b] for a, b in people_in_list(columns) or []] == ["宋知遠", "白一鳴"]
    assert people_in_list("会议要求，各部门要抓好落实。") is None


def test_a_romanised_name_is_kept_whole() -> None:
    line = "彭青山、达云.阿莫Dayun Amo、陳小雨(代)"
    assert [line[a:b] for a, b in people_in_list(line) or []] == ["彭青山", "达云.阿莫Dayun Amo", "陳小雨"]


def test_lists_in_running_text() -> None:
    clause = "副区长甲某、乙某和丙某"
    spans, complete = people_in_clause(clause)
    assert [clause[a:b] for a, b in spans] == ["甲某", "乙某", "丙某"] and complete
    clause = "区政府办、区财政局等部门负责同志"
    spans, complete = people_in_clause(clause)
    assert [clause[a:b] for a, b in spans] == ["区政府办", "区财政局"] and complete


def test_titles_and_names() -> None:
    assert is_title("常务副区长") and is_title("民政局局长") and is_title("負責人")
    assert is_name("王青松") and is_name("达云·阿莫") and not is_name("副区长") and not is_name("区财政局")
    assert not is_name("青山县") and not is_name("会议要求")


@pytest.mark.parametrize(("label", "role"), [
    ("出席：", "出席"), ("列席人员：", "列席"), ("主持人：", "主持"), ("紀錄：", "记录"), ("出席者：", "出席"),
    ("主  席：", "主持"), ("请假：", "请假"),
])
def test_block_labels_name_their_role(label: str, role: str) -> None:
    m = ROLE_LABEL.match(fold(label))
    assert m is not None and role_of(m.group("role")) == role


def test_a_date_in_front_of_the_chair_is_not_part_of_the_name() -> None:
    sentence = "12月25日上午王青松主持召开区政府第3次常务会议。"
    assert cut(sentence, chair_in(sentence)) == "王青松"


def test_titles_written_after_the_name() -> None:
    line = "宋知遠議員、顧嵐議員、王青先生"
    assert [line[a:b] for a, b in people_in_list(line) or []] == ["宋知遠", "顧嵐", "王青"]
    assert cut("主席：林若川議員", chair_in("主席：林若川議員")) == "林若川"
