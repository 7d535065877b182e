"""Folding keeps one character per character: recognisers match the view and cut the original."""

from gongkai.lib.zh.fold import compact, fold, fold_char, folded


def test_full_width_digits_letters_and_punctuation_become_ascii():
    assert fold("青山县２０２４年：ＡＢＣ（一）！") == "青山县2024年:ABC(一)!"


def test_traditional_becomes_simplified_character_by_character():
    assert fold("清河區發佈機構") == "清河区发布机构"


def test_spaces_fold_but_lines_and_cells_stay():
    assert fold("索\u3000引\xa0号\t值\n下一行") == "索 引 号\t值\n下一行"


def test_every_view_keeps_the_length_and_positions():
    text = "㈠ 關於青山縣２０２４年頭髮乾燥的通知"
    view = fold(text)
    assert len(view) == len(text)
    assert view[0] == "㈠"  # its NFKC form is three characters: kept as is
    assert all(view[i] == fold_char(c) for i, c in enumerate(text))


def test_lower_case_only_when_asked():
    assert fold("ABC") == "ABC"
    assert fold("ＡＢＣ市", lower=True) == "abc市"


def test_folded_cuts_from_the_original():
    page = folded("發文機關：清河區人民政府")
    start = page.view.index("清河区")
    assert page.shown(start, start + 6) == "清河區人民政府"[:6]
    assert page.trim(4, len(page)) == (4, len(page))
    padded = folded("\u3000清河区 \n")
    assert padded.trim(0, len(padded)) == (1, 4)


def test_compact_maps_back_to_positions():
    view = fold("王　伟 任 区长")
    squeezed, where = compact(view)
    assert squeezed == "王伟任区长"
    assert [view[i] for i in where] == list(squeezed)
    assert where[1] == 2
