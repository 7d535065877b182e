"""`gongkai bench scores --set DIR`: every score on a development set, on a made-up set of four pages
(tests/fixtures/devset: 青山县 and 清河区, one page of each kind) and on hand-made parser output."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from bench import scores
from bench.cli import parser, run

DEVSET = Path(__file__).parent / "fixtures" / "devset"


def test_metadata_fields_are_compared_folded_and_null_gold_is_not_counted():
    gold = {"1": {"title": "青山县办法", "doc_no": "青民发〔2025〕6号", "summary": None,
                  "abolished_or_validity": "有效"}}
    shown = {"1": {"title": "《青山县办法》", "doc_no": "青民发〔2025〕7号", "abolished_or_validity": "有效（2025年起）"}}
    score = scores.score_metadata(gold, shown)
    assert (score.overall.right, score.overall.total) == (2, 3)
    assert score.fields["doc_no"].right == 0 and score.misses == ["1.doc_no: want '青民发〔2025〕6号' got '青民发〔2025〕7号'"]


def item(title: str, **fields: object) -> dict[str, object]:
    return {"title": title, **fields}


def test_minutes_items_match_by_title_prefix_in_order_and_truncated_pages_lose_their_tail():
    gold = {"1": {"chair": "周明远", "meeting_no": "第8次", "date": None, "truncated": True, "items": [
        item("《青山县城乡供水一体化实施方案》", sponsor="县水利局", documents=["青山县城乡供水一体化实施方案"],
             decision="原则同意该方案"),
        item("县教育局关于校园安全工作情况的汇报", sponsor="县教育局"),
    ]}}
    parsed = {"1": {"chair": "县长周明远", "meeting_no": "第８次", "items": [
        item("审议《青山县城乡供水一体化实施方案》的情况", sponsor=["县水利局", "县财政局"],
             documents=["青山县城乡供水一体化实施方案", "附件"], decision="会议原则同意该方案，请抓紧实施"),
        item("关于农贸市场的意见"),  # matches nothing: extra
        item("县教育局关于校园安全工作情况的汇报"),  # cut: the gold has two items, so only two count
    ]}}
    score = scores.score_minutes(gold, parsed)
    assert (score.matched, score.extra, score.missed) == (1, 1, 1)
    assert score.precision == score.recall == score.f1 == 0.5
    assert {k: (r.right, r.total) for k, r in score.fields.items()} == {
        "sponsor": (1, 1), "documents": (1, 1), "decision": (1, 1), "chair": (0, 1), "date": (0, 0),
        "meeting_no": (1, 1)}


def test_a_page_without_minutes_counts_every_gold_item_missed():
    gold = {"1": {"chair": "周明远", "items": [item("一"), item("二")]}}
    score = scores.score_minutes(gold, {})
    assert (score.matched, score.missed, score.f1) == (0, 2, 0.0) and score.fields["chair"].total == 1


def test_a_hit_names_its_page_by_index_number_then_by_title():
    page_of = scores.PageOf({"1": {"index_no": "QS01/2025-00001", "title": "甲"},
                             "2": {"index_no": None, "title": "乙办法"},
                             "3": {"index_no": "QS01/2025-00001", "title": "丙"}})
    assert page_of({"index_no": "QS01/2025-00001", "title": "丙"}) == "1"  # the first page holding it
    assert page_of({"index_no": "QS01/2025-00099", "title": "《乙办法》"}) == "2"
    assert page_of({"index_no": "", "title": "丁"}) is None


@pytest.mark.django_db
def test_scores_on_a_made_up_set_follow_the_gold_counts():
    result = scores.run_here(DEVSET)
    assert result.pages == 4
    assert (result.metadata.overall.right, result.metadata.overall.total) == (11, 11)
    assert result.minutes.fields["chair"].total == 1 and result.minutes.matched + result.minutes.missed == 2
    assert result.search.found.total == 5
    assert {s: r.total for s, r in result.qa.styles.items()} == {"direct": 4, "paraphrase": 1, "unanswerable": 1}
    assert result.qa.wrong.total == 5 and 0 < result.qa.p50_ms <= result.qa.p99_ms


@pytest.mark.django_db
def test_qa_judging_needs_the_answer_and_the_gold_page_cited_first():
    replies = {
        "青山县第8次常务会议由谁主持？": {"answer": "县长周明远", "citations": [{"index_no": "", "title": "青山县人民政府第8次常务会议纪要"}]},
        "青山县城乡供水一体化实施方案是哪个单位提交的？": {"answer": "县水利局", "citations": [
            {"index_no": "QS0101/2025-00012", "title": "另一份文件"}]},  # the wrong page cited first
        "青山县2024年收到多少件政府信息公开申请？": {"answer": "3120条", "citations": []},
        "青山县第9次常务会议由谁主持？": {"answer": "周明远", "citations": []},
    }
    result = scores.run_here(DEVSET, ask=lambda q: replies.get(q, {"answer": None}))
    qa = result.qa
    assert (qa.styles["direct"].right, qa.styles["direct"].total) == (1, 4)
    assert (qa.styles["unanswerable"].right, qa.wrong.right) == (0, 2)
    assert any("want '县水利局' from 201" in m and "from 202" in m for m in qa.misses)


@pytest.mark.django_db
def test_the_command_prints_a_table_or_json(tmp_path):
    out = StringIO()
    run(parser().parse_args(["scores", "--set", str(DEVSET), "--json"]), out, tmp_path)
    data = json.loads(out.getvalue())
    assert data["name"] == "devset" and data["metadata"]["overall"] == {"right": 11, "total": 11}
    assert set(data["minutes"]) >= {"precision", "recall", "f1", "fields"}
    out = StringIO()
    run(parser().parse_args(["scores", "--set", str(DEVSET)]), out, tmp_path)
    assert "| search: the page in the top 3 | 100% (5/5) |" in out.getvalue()


def test_a_folder_without_pages_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not a development set"):
        scores.DevSet.load(tmp_path)


def test_a_crash_on_a_page_scores_as_nothing_read_and_says_so(monkeypatch):
    assert scores.parsed_minutes(DEVSET / "missing.json") == {}  # unreadable, as the command prints nothing

    def broken(path: Path) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr("gongkai.minutes.records.parse_file", broken)
    got = scores.parsed_minutes(DEVSET / "pages" / "201.json")
    assert got == {"error": "crashed: RuntimeError: parser bug"}
    score = scores.score_minutes({"201": {"chair": "周明远", "items": [item("一")]}}, {"201": got})
    assert (score.missed, score.fields["chair"].right) == (1, 0)
    assert score.misses[0] == "201: crashed: RuntimeError: parser bug"


def test_names_of_a_development_set_are_found_by_their_forms_and_in_texts():
    from bench import names

    found = names.development_names(scores.DevSet.load(DEVSET))
    assert {"青山县", "周明远"} <= found  # 青山县人民政府…; the chair of the gold minutes
    assert "清河区" in found  # from a 繁體 page: 清河區政府…, read after 繁→简
    assert not {"自治区", "关于"} & found
    texts = [("a.py", "# 例: 清河區政府 的 资料"), ("b.py", "周 明 远 主持"), ("c.py", "青禾区")]
    assert names.found_in({"清河区", "周明远", "青山县"}, texts) == {"清河区": ["a.py"], "周明远": ["b.py"]}
