"""The Chinese full-text search core: tantivy backend, query language, FTS5 baseline, benchmark.

The documents are a fictional district's (枫林区). How well questions find their page on real pages
is a benchmark, not a test: `gongkai bench scores --set DIR`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bench.baseline import Fts5Baseline
from bench.corpus import make_corpus
from bench.search import format_report, run_benchmark
from gongkai.lib.text import has_cjk, to_traditional
from gongkai.search.backend import EXAMPLE_DOC, NullBackend, QueryError, SearchDoc, SearchQuery, SearchResults
from gongkai.search.engine import SearchIndexError, TantivyBackend, prepare
from gongkai.search.query import MAX_QUERY_CHARS, parse_query


def doc(doc_id: int, title: str, body: str, **fields: object) -> SearchDoc:
    defaults: dict[str, object] = {"summary": "", "doc_no": "", "attachments_text": "",
                                   "index_no": f"113200000000002/2023-{doc_id:05d}", "url": f"/docs/{doc_id}/"}
    return dataclasses.replace(EXAMPLE_DOC, doc_id=doc_id, title=title, body=body, **{**defaults, **fields})


DOCS = [
    EXAMPLE_DOC,  # 1: 区政府第25次常务会议纪要, 枫政发〔2024〕1号, 粮食安全保障, 林清源
    doc(2, to_traditional("枫林区养老服务设施建设实施方案"),
        to_traditional("为进一步推进养老服务体系建设，区民政局负责组织实施社区养老服务设施建设。"),
        publisher="枫林区民政局", topic="民政、扶贫、救灾", genre="方案", combo="政策文件", year=2023,
        published=date(2023, 5, 8), doc_no="枫政办发〔2023〕12号"),
    doc(3, "关于做好2024年粮食生产工作的通知",
        "各镇（街道）要抓好春耕生产，稳定粮食播种面积，做好农业安全生产。",
        publisher="枫林区农业农村局", topic="农业、林业、水利", genre="通知", combo="政策文件", year=2024,
        published=date(2024, 3, 1), doc_no="枫农〔2024〕3号"),
    doc(4, "枫林区民生实事项目实施情况报告",
        "2023年，全区十项民生实事项目由区发展和改革局牵头负责，各责任单位按月报送进度。",
        publisher="枫林区发展和改革局", topic="综合政务", genre="报告", combo="重大项目", year=2023,
        published=date(2023, 12, 20)),
    doc(5, "政府网站栏目管理办法",
        "粮食价格信息由区商务局发布，网页中不得出现 <script>alert(1)</script> & 类似代码。",
        publisher="枫林区政府办公室", topic="综合政务", genre="办法", combo="政策文件", year=2022,
        published=date(2022, 6, 1), validity="废止"),
    doc(6, "关于调整区政府工作规则的决定", "对粮食仓储安全检查工作作出调整。",
        doc_no="枫政发〔2024〕11号", year=2024, published=date(2024, 4, 2), genre="决定"),
    doc(7, "区政府第26次常务会议纪要", "会议研究了养老服务补贴政策。",
        index_no="113200000000001/2024-00009", year=2024, published=date(2024, 2, 20)),
    doc(8, "关于守牢粮食安全底线的意见", "全区要守牢粮食安全底线。", year=2021, published=date(2021, 9, 9),
        topic="农业、林业、水利", genre="意见"),
]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TantivyBackend]:
    engine = TantivyBackend(tmp_path_factory.mktemp("index"), writable=True, heap_bytes=20_000_000, threads=1)
    engine.rebuild(DOCS)
    yield engine
    engine.close()


def ids(results: SearchResults) -> list[int]:
    return [hit.doc_id for hit in results.hits]


def find(engine: TantivyBackend, text: str, **options: object) -> SearchResults:
    return engine.search(SearchQuery(text, **options))  # type: ignore[arg-type]


# --- words, characters, scripts ---------------------------------------------------------------


def test_traditional_query_finds_simplified_document(backend: TantivyBackend) -> None:
    assert set(ids(find(backend, "區政府常務會議紀要"))[:2]) == {1, 7}


def test_simplified_query_finds_traditional_document(backend: TantivyBackend) -> None:
    assert ids(find(backend, "养老服务设施"))[0] == 2


def test_one_character_query_matches_inside_words(backend: TantivyBackend) -> None:
    assert {1, 3, 5, 6, 8} <= set(ids(find(backend, "粮")))


def test_two_character_query_matches_inside_a_longer_word(backend: TantivyBackend) -> None:
    # Document 8 only has 粮食安全, which the segmenter keeps as one word.
    assert 8 in ids(find(backend, "粮食"))


def test_question_words_are_dropped_and_the_right_document_ranks_first(backend: TantivyBackend) -> None:
    results = find(backend, "枫林区的民生实事项目是哪个部门负责的")
    assert ids(results)[0] == 4


def test_falls_back_to_any_word_when_no_document_has_them_all(backend: TantivyBackend) -> None:
    results = find(backend, "林清源 养老")
    assert results.mode == "any"
    assert {1, 2, 7} <= set(ids(results))
    assert find(backend, "粮食").mode == "all"


# --- identifiers, phrases, exclusion, fields --------------------------------------------------


@pytest.mark.parametrize("text", ["枫政发〔2024〕1号", "枫政发[2024]1号", "枫政发 （2024） 第1号", "关于枫政发〔2024〕1号"])
def test_document_number_matches_exactly(backend: TantivyBackend, text: str) -> None:
    results = find(backend, text)
    assert ids(results)[0] == 1
    assert 6 not in ids(results)  # 枫政发〔2024〕11号


def test_index_number_matches_exactly(backend: TantivyBackend) -> None:
    assert ids(find(backend, "113200000000001/2024-00008")) == [1]
    assert ids(find(backend, "113200000000001/2024-00009")) == [7]


def test_quoted_phrase_requires_the_words_in_order(backend: TantivyBackend) -> None:
    assert set(ids(find(backend, "抓好 粮食 生产"))) >= {1, 3}
    assert ids(find(backend, '"抓好粮食生产"')) == [1]
    assert ids(find(backend, "“抓好 粮食生产”")) == [1]


def test_excluded_word(backend: TantivyBackend) -> None:
    found = ids(find(backend, "粮食 -纪要"))
    assert 1 not in found and 3 in found
    assert 1 not in ids(find(backend, '粮食 -"常务会议"'))


def test_field_prefixes(backend: TantivyBackend) -> None:
    assert set(ids(find(backend, "标题:纪要"))) == {1, 7}
    assert set(ids(find(backend, "標題：常務會議"))) == {1, 7}
    assert ids(find(backend, "文号:枫政发〔2024〕1号")) == [1]
    assert ids(find(backend, "机构:民政局")) == [2]
    assert ids(find(backend, "索引号: 113200000000001/2024-00009")) == [7]
    assert ids(find(backend, '标题:"粮食生产"')) == [3]


# --- facets, filters, sorting, paging ---------------------------------------------------------


def test_facet_counts_follow_the_query(backend: TantivyBackend) -> None:
    facets = find(backend, "常务会议").facets
    assert ("机关事务", 2) in facets["topic"]
    assert ("2024", 2) in facets["year"]
    assert dict(find(backend, "粮").facets["validity"]) == {"有效": 4, "废止": 1}


def test_filters_narrow_results(backend: TantivyBackend) -> None:
    assert set(ids(find(backend, "粮食", filters={"topic": "农业、林业、水利"}))) == {3, 8}
    assert ids(find(backend, "粮食", filters={"year": "2021"})) == [8]
    assert ids(find(backend, "粮食", filters={"validity": "废止", "genre": "办法"})) == [5]
    assert find(backend, "粮食", filters={"publisher": "无此机构"}).total == 0


def test_newest_first(backend: TantivyBackend) -> None:
    published = [h.published for h in find(backend, "粮", sort="newest").hits]
    assert published == sorted(published, reverse=True)


def test_recency_boost_keeps_the_same_matches(backend: TantivyBackend) -> None:
    plain, boosted = find(backend, "粮食"), find(backend, "粮食", recency_boost=True)
    assert set(ids(plain)) == set(ids(boosted)) and plain.total == boosted.total


def test_pagination(backend: TantivyBackend) -> None:
    whole = find(backend, "区", limit=6)
    first, second = find(backend, "区", limit=3), find(backend, "区", limit=3, offset=3)
    assert ids(first) + ids(second) == ids(whole)
    assert first.total == second.total == whole.total >= 6
    assert (first.offset, second.offset, second.limit) == (0, 3, 3)


# --- snippets and suggestions ------------------------------------------------------------------


def test_snippet_is_original_text_with_marks(backend: TantivyBackend) -> None:
    hit = find(backend, "粮食安全").hits[0]
    assert hit.doc_id in (1, 8)
    first = next(h for h in find(backend, "粮食安全").hits if h.doc_id == 1)
    assert "《枫林区粮食安全保障三年行动方案》" in first.snippet_text  # original punctuation, no segmenter spaces
    assert "<mark>粮食安全</mark>" in first.snippet_html
    assert "粮食 安全" not in first.snippet_text


def test_snippet_is_html_escaped(backend: TantivyBackend) -> None:
    hit = next(h for h in find(backend, "粮食价格").hits if h.doc_id == 5)
    assert "&lt;script&gt;" in hit.snippet_html and "&amp;" in hit.snippet_html
    assert "<script>" not in hit.snippet_html
    assert "<mark>粮食价格</mark>" in hit.snippet_html  # the segmenter's word, marked whole


def test_snippet_marks_traditional_original_for_simplified_query(backend: TantivyBackend) -> None:
    hit = find(backend, "养老服务设施").hits[0]
    assert "<mark>養老服務設施</mark>" in hit.snippet_html
    assert "<mark>養老服務設施</mark>" in hit.title_html


def test_identifier_is_marked_as_written(backend: TantivyBackend, tmp_path: Path) -> None:
    engine = TantivyBackend(tmp_path, writable=True, heap_bytes=15_000_000, threads=1)
    engine.rebuild([EXAMPLE_DOC, doc(9, "关于转发文件的通知", "现将枫政发 〔2024〕 1号文件转发给你们。")])
    results = find(engine, "枫政发〔2024〕1号")
    assert ids(results) == [1, 9]  # the document itself first, then the one citing it
    assert "<mark>枫政发 〔2024〕 1号</mark>" in results.hits[1].snippet_html


def test_suggest_titles_by_prefix_and_by_contained_words(backend: TantivyBackend) -> None:
    assert backend.suggest("区政府第2") == ["区政府第25次常务会议纪要", "区政府第26次常务会议纪要"]
    assert set(backend.suggest("常务会")) == {"区政府第25次常务会议纪要", "区政府第26次常务会议纪要"}
    assert backend.suggest("养老") == [DOCS[1].title]  # returned as written, in Traditional
    assert backend.suggest("粮食", limit=1) and len(backend.suggest("粮食", limit=1)) == 1
    assert backend.suggest("") == [] and backend.suggest("？？") == []


# --- bad queries -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "？！。，", "*", "~", "^", "\x00\x01", "x" * 10_000,
                                  "粮" * (MAX_QUERY_CHARS + 1), "-粮食", '""', "-", "--"])
def test_unsearchable_queries_raise_a_friendly_query_error(backend: TantivyBackend, text: str) -> None:
    with pytest.raises(QueryError) as error:
        find(backend, text)
    assert has_cjk(error.value.zh) and error.value.en.isascii() and error.value.en


@pytest.mark.parametrize("text", ['"粮食', "粮食\x00安全\u202e", "title:(a OR b)", "' OR 1=1 --", "粮食~2 ^3 *",
                                  "粮食 AND 安全 OR NOT", "foo:bar", "a\tb\nc"])
def test_query_syntax_is_never_passed_through(backend: TantivyBackend, text: str) -> None:
    results = find(backend, text)
    assert results.total >= 0 and isinstance(results.hits, list)


def test_unbalanced_quote_is_reported(backend: TantivyBackend) -> None:
    results = find(backend, '"粮食')
    assert 8 in ids(results) and any("quote" in n for n in results.notices)


def test_too_long_query_says_how_long(backend: TantivyBackend) -> None:
    with pytest.raises(QueryError) as error:
        find(backend, "粮" * 10_000)
    assert error.value.code == "too_long" and "10000" in error.value.en


@pytest.mark.parametrize("options", [{"filters": {"colour": "红"}}, {"filters": {"year": "二〇二四"}},
                                     {"sort": "random"}, {"limit": 0}, {"limit": 1000}, {"offset": -1}])
def test_bad_options_raise_query_error(backend: TantivyBackend, options: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        find(backend, "粮食", **options)


def test_null_backend_rejects_the_same_queries_and_finds_nothing() -> None:
    null = NullBackend()
    null.upsert(DOCS)
    null.commit()
    assert null.search(SearchQuery("粮食")).total == 0 and null.suggest("粮") == []
    with pytest.raises(QueryError):
        null.search(SearchQuery("*"))


def test_parsed_query_keeps_stop_words_when_nothing_else_is_left() -> None:
    assert [c.words for c in parse_query(SearchQuery("是什么")).required] == [("是",), ("什么",)]
    assert [c.words for c in parse_query(SearchQuery("粮食是什么")).required] == [("粮食",)]


# --- writing: replace, delete, rebuild, readers -----------------------------------------------


def small_backend(path: Path) -> TantivyBackend:
    return TantivyBackend(path, writable=True, heap_bytes=15_000_000, threads=1)


def test_upsert_replaces_and_delete_removes(tmp_path: Path) -> None:
    engine = small_backend(tmp_path)
    engine.upsert(DOCS[:3])
    engine.commit()
    engine.upsert([dataclasses.replace(DOCS[0], title="区政府第25次常务会议纪要（修订）", body="改为讨论防汛工作。")])
    engine.commit()
    assert engine.doc_count() == 3
    assert ids(find(engine, "防汛")) == [1]
    assert 1 not in ids(find(engine, "林清源 粮食安全"))
    engine.delete([1, 999])
    engine.commit()
    assert find(engine, "防汛").total == 0 and engine.doc_count() == 2


def test_rebuild_from_scratch_gives_the_same_results(tmp_path: Path) -> None:
    queries = ["粮食", "养老服务", "枫政发〔2024〕1号", "标题:纪要", "林清源 养老"]
    updated = small_backend(tmp_path / "updated")
    updated.upsert(DOCS[4:] + DOCS[:4])
    updated.commit()
    updated.upsert(DOCS[:2])  # the same documents again, as the outbox may replay them
    updated.delete([5])
    updated.commit()
    fresh = small_backend(tmp_path / "fresh")
    final = [d for d in DOCS if d.doc_id != 5]
    fresh.rebuild(final)
    for text in queries:
        a, b = find(updated, text), find(fresh, text)
        assert (set(ids(a)), a.total, a.mode) == (set(ids(b)), b.total, b.mode), text
    before = [(ids(find(fresh, t)), find(fresh, t).facets) for t in queries]
    fresh.rebuild(final)
    assert [(ids(find(fresh, t)), find(fresh, t).facets) for t in queries] == before


def test_second_reader_sees_writes_after_commit(tmp_path: Path) -> None:
    writer = small_backend(tmp_path)
    writer.rebuild(DOCS[:2])
    reader = TantivyBackend(tmp_path)
    writer.upsert([doc(42, "关于开展防汛演练的通知", "汛期前开展防汛应急演练。")])
    reader.reload()
    assert find(reader, "防汛演练").total == 0  # not committed yet
    writer.commit()
    reader.reload()
    assert ids(find(reader, "防汛演练")) == [42]
    with pytest.raises(SearchIndexError):
        reader.upsert([DOCS[0]])
    with pytest.raises(SearchIndexError, match="another process is writing"):
        TantivyBackend(tmp_path, writable=True).upsert([DOCS[0]])


def test_reader_without_index_says_so(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no search index"):
        TantivyBackend(tmp_path / "missing")


# --- corpus, baseline, benchmark ---------------------------------------------------------------


def test_corpus_is_deterministic_and_realistic() -> None:
    first, again = list(make_corpus(60, seed=3)), list(make_corpus(60, seed=3))
    assert first == again
    assert all(300 <= len(d.body) <= 3200 for d in first)
    assert len({d.body[:200] for d in first}) == 60 and len({d.genre for d in first}) >= 5


def test_fts5_baseline_agrees_on_word_queries() -> None:
    baseline = Fts5Baseline()
    baseline.add(prepare(d) for d in DOCS)
    assert {2, 7} <= set(baseline.search(SearchQuery("养老服务")).doc_ids)
    assert 3 in baseline.search(SearchQuery("粮食 稳定")).doc_ids
    assert 3 not in baseline.search(SearchQuery("粮食 稳定 -播种面积")).doc_ids
    assert baseline.search(SearchQuery("林清源 养老")).mode == "any"
    assert set(baseline.search(SearchQuery("粮食", filters={"year": "2024"})).doc_ids) == {1, 3, 6}
    # SQL is only words here: the same as searching for them plainly.
    assert baseline.search(SearchQuery("' OR 1=1 --")) == baseline.search(SearchQuery("or 1"))


def test_benchmark_runs_and_reports(tmp_path: Path) -> None:
    calls: list[str] = []
    report = run_benchmark(300, tmp_path, repeats=2, workers=1, heap_bytes=20_000_000, threads=1,
                           columns={"hook": lambda q: calls.append(q.text)}, progress=lambda _: None)
    table = format_report(report)
    assert report.docs == 300 and report.docs_per_second > 0 and len(report.rows) >= 8
    assert "| whole mix" in table.replace("**", "") and "hook" in table
    assert len(calls) == len(report.rows) * 3  # one warm-up and two timed runs per query
    assert next(r for r in report.rows if r.name == "identifier").hits >= 1
