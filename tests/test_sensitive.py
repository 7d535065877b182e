"""The 保密审查 scanner, on made-up numbers whose check digits the tests compute themselves."""

from __future__ import annotations

import time

import pytest

from gongkai.lib import sensitive
from gongkai.lib.sensitive import Finding, id_card_valid, luhn_valid, redact, scan

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(first17: str) -> str:
    """An 18-digit number with its GB 11643 check character, computed here independently."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def make_card(prefix: str) -> str:
    """`prefix` plus the digit that makes the Luhn sum a multiple of ten."""
    for last in "0123456789":
        digits = [int(c) for c in prefix + last][::-1]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits))
        if total % 10 == 0:
            return prefix + last
    raise AssertionError("unreachable")


FAKE_ID = make_id("99000019800101123")  # region 990000 does not exist
FAKE_ID_X = next(make_id(f"9900001990020212{i}") for i in range(10)
                 if make_id(f"9900001990020212{i}").endswith("X"))
FAKE_CARD = make_card("999900001234567")  # 16 digits


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in scan(text)]


def test_an_id_number_is_found_only_with_its_check_character():
    assert kinds(f"身份证号{FAKE_ID}。") == [("id_card", FAKE_ID)]
    wrong = FAKE_ID[:17] + ("0" if FAKE_ID[17] != "0" else "1")
    assert not id_card_valid(wrong)
    assert [k for k, _ in kinds(f"编号{wrong}")] != ["id_card"]


def test_an_id_number_ending_in_x_in_either_case():
    assert id_card_valid(FAKE_ID_X) and id_card_valid(FAKE_ID_X.lower())
    assert kinds(f"证件:{FAKE_ID_X.lower()}") == [("id_card", FAKE_ID_X.lower())]


def test_an_impossible_birth_date_is_no_id_number():
    assert not id_card_valid(make_id("99000019801301123"))  # month 13
    assert not id_card_valid(make_id("99000018000101123"))  # born before 1900


def test_the_old_fifteen_digit_form():
    assert id_card_valid("990000800101123")
    assert not id_card_valid("990000801301123")
    assert kinds("原证号990000800101123") == [("id_card", "990000800101123")]


def test_digits_inside_a_longer_number_are_not_an_id():
    assert "id_card" not in [k for k, _ in kinds(f"流水号1{FAKE_ID}9")]


def test_mobile_numbers_with_country_code_and_grouping():
    assert kinds("手机13912345678") == [("mobile", "13912345678")]
    assert kinds("电话 +86 139-1234-5678") == [("mobile", "+86 139-1234-5678")]
    assert kinds("编号12912345678") == []  # 12x is no mobile prefix


def test_landline_numbers_with_area_code_and_extension():
    assert kinds("办公电话:0999-6543210") == [("landline", "0999-6543210")]
    assert kinds("(099)65432101转802") == [("landline", "(099)65432101转802")]
    assert kinds("2024-1234567") == []


def test_bank_cards_pass_luhn_grouped_or_not():
    assert luhn_valid(FAKE_CARD) and not luhn_valid(FAKE_CARD[:-1] + str((int(FAKE_CARD[-1]) + 1) % 10))
    grouped = " ".join(FAKE_CARD[i:i + 4] for i in range(0, 16, 4))
    assert kinds(f"卡号{FAKE_CARD}") == [("bank_card", FAKE_CARD)]
    assert kinds(f"卡号 {grouped}") == [("bank_card", grouped)]
    nineteen = make_card("999900001234567890")
    assert kinds(f"账号{nineteen}") == [("bank_card", nineteen)]
    assert kinds(f"卡号{FAKE_CARD[:-1]}{(int(FAKE_CARD[-1]) + 1) % 10}") == []


def test_email_addresses():
    assert kinds("邮箱 zhang.san+test@example.org,") == [("email", "zhang.san+test@example.org")]


def test_detailed_home_addresses_down_to_unit_or_room():
    found = kinds("家住青禾区和平路12号3单元402室。")
    assert found == [("address", "青禾区和平路12号3单元402室")]
    assert kinds("现住晨光小区5栋2单元301室") == [("address", "晨光小区5栋2单元301室")]
    assert kinds("办公地点:青禾区和平路12号。") == []  # an office's street number is no home


def test_names_beside_personal_data_and_after_a_label():
    text = f"申请人张小明(身份证号:{FAKE_ID}),联系人:王明 电话:13912345678。"
    assert ("name", "张小明") in kinds(text)
    assert ("name", "王明") in kinds(text)
    assert kinds("姓名:李四,性别男") == [("name", "李四")]
    assert ("name", "咨询") not in kinds("咨询电话:0999-6543210")


@pytest.mark.parametrize("marking", ["秘密★1年", "机密★长期", "绝密★", "内部★", "密级:秘密", "不宜公开"])
def test_classification_markings(marking):
    assert kinds(f"{marking}\n关于某事项的通知") == [("classified", marking)]


def test_a_marking_alone_on_its_line_but_not_ordinary_words():
    assert kinds("机密\n关于某事项的通知") == [("classified", "机密")]
    assert kinds("依法保护商业秘密和个人隐私,完善内部管理制度,对外公开。") == []


def test_offsets_point_into_the_text_and_spans_never_overlap():
    text = f"甲{FAKE_ID}乙 13912345678 丙 a@example.com"
    found = scan(text)
    assert all(text[f.start:f.end] == f.text for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert {f.kind for f in found} == {"id_card", "mobile", "email"}


def test_redaction_masks_spans_keeping_the_length():
    text = f"身份证号{FAKE_ID},手机13912345678。"
    out = redact(text, scan(text))
    assert len(out) == len(text) and FAKE_ID not in out and "13912345678" not in out
    assert scan(out) == []
    with pytest.raises(ValueError):
        redact(text, [Finding("mobile", 0, 3, "xyz")])


def test_labels_cover_every_kind():
    assert set(sensitive.KINDS) >= {f.kind for f in scan(f"{FAKE_ID} {FAKE_CARD} a@b.cn 秘密★")}
    assert scan("") == []


@pytest.mark.parametrize("text", [
    "和平路1号" + "1号" * 3000,  # once took minutes: nested repetitions over the same characters
    "和平路1号" + "一号" * 3000,
    "小区" + "1栋" * 3000,
    "13912345678," * 5000,  # many findings: overlaps are resolved without comparing every pair
    "1" * 100_000,
    "a." * 30_000 + "@b",
])
def test_adversarial_text_is_scanned_quickly(text):
    started = time.perf_counter()
    scan(text)
    assert time.perf_counter() - started < 5


def test_the_label_before_an_address_stays_in_the_sentence():
    assert kinds("住址:家住和平路1号2室") == [("address", "和平路1号2室")]
