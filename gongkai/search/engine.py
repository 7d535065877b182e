"""Chinese full-text search on tantivy, over text pre-segmented by `gongkai.lib.text.segment`.

Index layout (one tantivy index in a directory; one writer process, any number of readers):
- word fields (title, summary, body, attachments, doc_no, index_no, publisher): the segmenter's
  words joined by spaces, split again by tantivy's whitespace tokenizer, with positions for phrases;
- `grams`: every single character and character pair of the title, summary and body (no
  positions; attachments are left out, they can be whole PDFs). One- and
  two-character queries (粮, 粮食) match inside longer words (粮食安全), and a longer query word the
  segmenter cut differently in a document still matches as the set of its character pairs;
- `ident`: the document's own document and index numbers in canonical form, matched exactly;
  `cited`: document numbers its texts cite (a lower score: the document itself comes first);
- `title_chars`, `publisher_chars`: characters with positions, so that suggestions while typing
  and 标题:… / 机构:… match any substring;
- facet fields (raw, fast) counted with tantivy's terms aggregation, `published` for date sorting,
  `recency` for the optional recency boost, and one stored JSON blob with the original texts;
- English fields (title_en, summary_en, body_en): the English text staff entered, through an English
  analyser (words lower-cased, English stop words dropped, Snowball-stemmed: "meetings" and "meeting"
  are one term). Only the English pages' search (`SearchQuery.language == "en"`) reads them; the
  Chinese search builds exactly the queries it built before they existed.

Snippets are cut from the original text: matched words are found again in it with a pattern that
accepts each character's Traditional, full-width and upper-case forms, never from segmented text.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import re
import shutil
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from time import perf_counter

import tantivy
from tantivy import Filter, Occur, Query, TextAnalyzerBuilder, Tokenizer

from gongkai.lib.text import TRADITIONAL_VARIANTS, segment, squash, to_traditional
from gongkai.search.backend import FacetCounts, Mode, SearchDoc, SearchHit, SearchResults
from gongkai.search.query import (
    Clause, Field, ParsedQuery, SearchQuery, canonical_identifier, cited_document_numbers, is_cjk_word,
    parse_query,
)

# BM25 weight of a match in each field: a word in the title or an identifier says more than one in
# the body; attachments are long and noisy.
WORD_FIELDS: dict[str, float] = {
    "title": 3.0, "summary": 1.5, "body": 1.0, "attachments": 0.6,
    "doc_no": 4.0, "index_no": 4.0, "publisher": 1.2,
}
GRAMS_WEIGHT = 0.5
# The English text's fields and weights, read by the English pages' search only.
ENGLISH_FIELDS: dict[str, float] = {"title_en": 3.0, "summary_en": 1.5, "body_en": 1.0}
ENGLISH_ANALYZER = "english"
IDENT_SCORE = 100.0  # an exact document or index number outranks every word match
CITED_SCORE = 30.0  # a document that cites the number comes after the document itself
TIE_BREAKER = 0.2  # a word found in several fields scores a little more than in one
FACET_FIELDS = {"topic": "f_topic", "genre": "f_genre", "combo": "f_combo", "publisher": "f_publisher",
                "year": "year", "validity": "f_validity"}
FACET_SIZE = 30
# Short fields also indexed character by character, so 标题:… and 机构:… match any substring.
CHAR_FIELDS: dict[str, str] = {"title": "title_chars", "publisher": "publisher_chars"}
ALL_WORDS_MIN_HITS = 3  # fewer documents with every word than this: rank by any words instead
# When ranking by any words, a word in more than this share of documents (the district's name in
# every page's header, 项目, 部门) is left out: its BM25 weight is close to nothing, and scoring it
# would touch the whole index (measured at 100k documents: 9.6 ms with such words, 1.5 ms without).
COMMON_SHARE = 0.3
COMMON_MIN_DOCS = 1000  # below this, scoring every word is cheap and shares are too noisy to judge
MAX_PAIRS = 8  # character pairs tried for a long word
SNIPPET_CHARS = 120
SNIPPET_LEAD = 24
STORED_ATTACHMENT_CHARS = 20_000
# The recency boost multiplies relevance by RECENCY_PER_DECADE for every ten years of age difference.
RECENCY_PER_DECADE = 1.3
RECENCY_EPOCH = date(1990, 1, 1)


class SearchIndexError(RuntimeError):
    """The index directory cannot be used as asked (read-only, or built by an older schema)."""


class SchemaChanged(SearchIndexError):
    """The index was built with another schema (an older release): it is to be rebuilt from the database."""


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("doc_id", stored=True, indexed=True, fast=True)
    for name in WORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="words")
    builder.add_text_field("grams", tokenizer_name="grams", index_option="freq")
    for name in ENGLISH_FIELDS:
        builder.add_text_field(name, tokenizer_name=ENGLISH_ANALYZER)
    for field_name in CHAR_FIELDS.values():
        builder.add_text_field(field_name, tokenizer_name="chars")
    builder.add_text_field("ident", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("cited", tokenizer_name="raw", index_option="basic")
    for name, field_name in FACET_FIELDS.items():
        if name != "year":
            builder.add_text_field(field_name, tokenizer_name="raw", fast=True, index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("published", fast=True)
    builder.add_float_field("recency", fast=True)
    builder.add_bytes_field("stored", stored=True)
    return builder.build()


def _register_analyzers(index: tantivy.Index) -> None:
    lowercase = Filter.lowercase()
    index.register_tokenizer("words", TextAnalyzerBuilder(Tokenizer.whitespace()).filter(lowercase).build())
    index.register_tokenizer("grams", TextAnalyzerBuilder(Tokenizer.ngram(1, 2, False)).build())
    index.register_tokenizer("chars", TextAnalyzerBuilder(Tokenizer.regex(r"\S")).filter(lowercase).build())
    index.register_tokenizer(ENGLISH_ANALYZER, english_analyzer())


@lru_cache(maxsize=1)
def english_analyzer() -> tantivy.TextAnalyzer:
    """The English fields' analyser, also used to turn query words into the same terms."""
    return (TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40)).filter(Filter.lowercase())
            .filter(Filter.stopword("english")).filter(Filter.stemmer("english")).build())


def english_terms(text: str) -> list[str]:
    """`text` as the English fields index it: "Meetings of the budget" -> ["meet", "budget"]."""
    return list(english_analyzer().analyze(text)) if text else []


# ---------------------------------------------------------------------------------------------
# Documents


_CITING_FIELDS = ("title", "summary", "body", "attachments")


@dataclass(frozen=True)
class PreparedDoc:
    """A document after segmentation: plain data, so worker processes can build it."""

    doc_id: int
    words: dict[str, str]
    grams: tuple[str, ...]
    chars: dict[str, str]
    idents: tuple[str, ...]
    cited: tuple[str, ...]
    facets: dict[str, str]
    year: int | None
    published: int
    recency: float
    stored: bytes
    english: dict[str, str]


def prepare(doc: SearchDoc) -> PreparedDoc:
    texts = {"title": doc.title, "summary": doc.summary, "body": doc.body, "attachments": doc.attachments_text,
             "doc_no": doc.doc_no, "index_no": doc.index_no, "publisher": doc.publisher}
    tokens = {name: segment(text) if text else [] for name, text in texts.items()}
    # Attachments (whole PDFs) stay out of the grams: searchable by words, without doubling the index.
    grams = tuple("".join(tokens[n]) for n in ("title", "summary", "body") if tokens[n])
    facets = {"topic": doc.topic, "genre": doc.genre, "combo": doc.combo, "publisher": doc.publisher,
              "validity": doc.validity}
    return PreparedDoc(
        doc_id=doc.doc_id,
        words={name: " ".join(words) for name, words in tokens.items() if words},
        grams=grams,
        chars={CHAR_FIELDS["title"]: squash(doc.title), CHAR_FIELDS["publisher"]: squash(doc.publisher)},
        idents=tuple(canonical_identifier(v) for v in (doc.index_no, doc.doc_no) if v.strip()),
        cited=tuple(dict.fromkeys(cited_document_numbers("\n".join(texts[n] for n in _CITING_FIELDS)))),
        facets={name: value.strip() for name, value in facets.items() if value and value.strip()},
        year=doc.year,
        published=doc.published.toordinal() if doc.published else 0,
        recency=_recency_weight(doc.published),
        stored=_stored_blob(doc),
        english={name: text for name, text in
                 (("title_en", doc.title_en), ("summary_en", doc.summary_en), ("body_en", doc.body_en)) if text.strip()},
    )


def prepare_many(docs: Sequence[SearchDoc]) -> list[PreparedDoc]:
    return [prepare(d) for d in docs]


def _recency_weight(published: date | None) -> float:
    # tantivy multiplies the score by log2(2 + weight): choose the weight that gives a multiplier
    # growing by RECENCY_PER_DECADE per decade, so the boost never depends on when we indexed.
    if published is None or published < RECENCY_EPOCH:
        return 0.0
    multiplier = RECENCY_PER_DECADE ** ((published - RECENCY_EPOCH).days / 3652.5)
    return 2.0**multiplier - 2.0


def _stored_blob(doc: SearchDoc) -> bytes:
    stored = {
        "index_no": doc.index_no, "title": doc.title, "summary": doc.summary, "body": doc.body,
        "doc_no": doc.doc_no, "publisher": doc.publisher, "genre": doc.genre, "topic": doc.topic,
        "validity": doc.validity, "url": doc.url,
        "attachments": doc.attachments_text[:STORED_ATTACHMENT_CHARS],
        "published": doc.published.isoformat() if doc.published else None,
        "title_en": doc.title_en, "summary_en": doc.summary_en, "body_en": doc.body_en,
    }
    return json.dumps(stored, ensure_ascii=False, separators=(",", ":")).encode()


def _tantivy_document(p: PreparedDoc) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_unsigned("doc_id", p.doc_id)
    for name, text in p.words.items():
        doc.add_text(name, text)
    for text in p.grams:
        doc.add_text("grams", text)
    for name, text in p.english.items():
        doc.add_text(name, text)
    for name, text in p.chars.items():
        if text:
            doc.add_text(name, text)
    for ident in p.idents:
        doc.add_text("ident", ident)
    for cited in p.cited:
        doc.add_text("cited", cited)
    for name, value in p.facets.items():
        doc.add_text(FACET_FIELDS[name], value)
    if p.year is not None:
        doc.add_integer("year", p.year)
    doc.add_integer("published", p.published)
    doc.add_float("recency", p.recency)
    doc.add_bytes("stored", p.stored)
    return doc


def _chunks(docs: Iterable[SearchDoc], size: int) -> Iterator[list[SearchDoc]]:
    iterator = iter(docs)
    while chunk := list(islice(iterator, size)):
        yield chunk


def prepare_parallel(docs: Iterable[SearchDoc], workers: int) -> Iterator[PreparedDoc]:
    """Segment in `workers` processes, in order, holding only a few chunks in memory at a time."""
    if workers <= 1:
        yield from map(prepare, docs)
        return
    # forkserver: the parent may run tantivy's writer threads, which must not be forked.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[list[PreparedDoc]]] = deque()
        for chunk in _chunks(docs, 250):
            pending.append(pool.submit(prepare_many, chunk))
            if len(pending) > workers * 3:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


# ---------------------------------------------------------------------------------------------
# The backend


class TantivyBackend:
    """A tantivy index in `path`. Readers open it with writable=False; one process writes."""

    def __init__(self, path: Path | str, *, writable: bool = False, heap_bytes: int = 256_000_000,
                 threads: int = 0, workers: int = 1) -> None:
        self.path = Path(path)
        self.writable = writable
        self.heap_bytes, self.threads, self.workers = heap_bytes, threads, workers
        self._index = _open_index(self.path, create=writable)
        self._schema = self._index.schema
        self._writer: tantivy.IndexWriter | None = None

    @classmethod
    def recreate(cls, path: Path | str, *, heap_bytes: int = 256_000_000, threads: int = 0,
                 workers: int = 1) -> TantivyBackend:
        """An empty, writable index in place of whatever `path` held (after a schema change)."""
        shutil.rmtree(path, ignore_errors=True)
        return cls(path, writable=True, heap_bytes=heap_bytes, threads=threads, workers=workers)

    # writes -----------------------------------------------------------------------------------

    def upsert(self, docs: Iterable[SearchDoc]) -> None:
        writer = self._get_writer()
        for prepared in prepare_parallel(docs, self.workers):
            writer.delete_documents_by_query(self._id_query(prepared.doc_id))
            writer.add_document(_tantivy_document(prepared))

    def delete(self, doc_ids: Iterable[int]) -> None:
        writer = self._get_writer()
        for doc_id in doc_ids:
            writer.delete_documents_by_query(self._id_query(doc_id))

    def _id_query(self, doc_id: int) -> Query:
        # A term query typed by the schema: delete_documents_by_term with a Python int builds a
        # signed term that never equals the unsigned doc_id, and silently deletes nothing.
        return Query.term_query(self._schema, "doc_id", doc_id)

    def clear(self) -> None:
        self._get_writer().delete_all_documents()

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
        self._index.reload()

    def rebuild(self, docs: Iterable[SearchDoc]) -> int:
        """Replace the whole index with `docs` in one commit; readers see the old index until then."""
        return self.rebuild_prepared(prepare_parallel(docs, self.workers))

    def rebuild_prepared(self, prepared_docs: Iterable[PreparedDoc]) -> int:
        writer = self._get_writer()
        writer.delete_all_documents()
        count = 0
        for prepared in prepared_docs:
            writer.add_document(_tantivy_document(prepared))
            count += 1
        self.commit()
        return count

    def close(self) -> None:
        """Finish background merges and release the writer lock."""
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None
            self._index.reload()

    def reload(self) -> None:
        """See the last commit now (readers also pick commits up by themselves within a second)."""
        self._index.reload()

    def doc_count(self) -> int:
        return self._index.searcher().num_docs

    def segment_count(self) -> int:
        return self._index.searcher().num_segments

    def _get_writer(self) -> tantivy.IndexWriter:
        if not self.writable:
            raise SearchIndexError(f"the search index at {self.path} was opened read-only")
        if self._writer is None:
            try:
                self._writer = self._index.writer(self.heap_bytes, self.threads)
            except ValueError as error:  # tantivy's lock file: one writer per index
                message = f"another process is writing the search index at {self.path}: {error}"
                raise SearchIndexError(message) from error
        return self._writer

    # reads ------------------------------------------------------------------------------------

    def search(self, q: SearchQuery) -> SearchResults:
        started = perf_counter()
        parsed = parse_query(q)
        searcher = self._index.searcher()
        mode, query, result = self._find(searcher, parsed, q)
        facets = self._facets(searcher, query) if q.facets else {}
        stems = _english_stems(parsed) if q.language == "en" else ()
        words = parsed.highlight_words()
        if stems:  # "the", "of" are no match worth marking in English text
            words = [w for w in words if not (w.isascii() and w.isalpha() and not english_terms(w))]
        marker = Marker(words, parsed.highlight_identifiers(), stems)
        hits = [self._hit(searcher, score, address, marker, q) for score, address in result.hits]
        elapsed = (perf_counter() - started) * 1000
        return SearchResults(q.text, result.count or 0, hits, facets, mode, elapsed, q.offset, q.limit,
                             parsed.notices)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        typed = squash(prefix[:100])[:20]
        if not typed or limit < 1:
            return []
        query = self._chars("title_chars", typed)
        searcher = self._index.searcher()
        hits = searcher.search(query, 50, count=False).hits
        titles = [_stored_fields(searcher.doc(address))["title"] for _, address in hits]
        # Titles that start with what was typed first; otherwise keep tantivy's order (short titles).
        ranked = sorted(titles, key=lambda t: not squash(t).startswith(typed))
        return list(dict.fromkeys(ranked))[:limit]

    def _find(self, searcher: tantivy.Searcher, parsed: ParsedQuery,
              q: SearchQuery) -> tuple[Mode, Query, tantivy.SearchResult]:
        english = q.language == "en"
        if english:  # "the", "of": no term of the English fields, and no reason to require them
            parsed = replace(parsed, required=tuple(c for c in parsed.required if not _english_stop_word(c))
                             or parsed.required)
        required = [self._clause(c, english) for c in parsed.required]
        excluded = [self._clause(c, english) for c in parsed.excluded]
        filters = [self._filter(name, value) for name, value in parsed.filters]
        query = _combine(required, excluded, filters, require_all=True)
        result = self._run(searcher, query, q)
        if (result.count or 0) >= ALL_WORDS_MIN_HITS or len(required) < 2:
            return "all", query, result
        telling = [q for q, c in zip(required, parsed.required) if not self._is_common(searcher, c)]
        any_query = _combine(telling or required, excluded, filters, require_all=False)
        any_result = self._run(searcher, any_query, q)
        if (any_result.count or 0) > (result.count or 0):
            return "any", any_query, any_result
        return "all", query, result

    def _is_common(self, searcher: tantivy.Searcher, clause: Clause) -> bool:
        if clause.kind != "term" or clause.field is not None or searcher.num_docs < COMMON_MIN_DOCS:
            return False
        word = clause.words[0]
        fields = ["body", "title"] + (["grams"] if is_cjk_word(word) and len(word) <= 2 else [])
        return max(searcher.doc_freq(f, word) for f in fields) > COMMON_SHARE * searcher.num_docs

    def _run(self, searcher: tantivy.Searcher, query: Query, q: SearchQuery) -> tantivy.SearchResult:
        if q.sort == "newest":
            return searcher.search(query, q.limit, count=True, order_by_field="published", offset=q.offset)
        weight = "recency" if q.recency_boost else None
        return searcher.search(query, q.limit, count=True, offset=q.offset, weight_by_field=weight)

    # query building ---------------------------------------------------------------------------

    def _clause(self, clause: Clause, english: bool = False) -> Query:
        if clause.kind == "ident":
            return self._ident(clause)
        if clause.kind == "phrase":
            query = self._words(clause.words, clause.field)
        else:
            query = self._word(clause.words[0], clause.field)
        in_english = self._english(clause) if english else None
        return query if in_english is None else _any_of([query, in_english])

    def _english(self, clause: Clause) -> Query | None:
        """The clause in the English fields, analysed as they are (stemmed), or None when it has no
        English term (Chinese words, stop words) or is restricted to a field English text lacks."""
        if clause.field not in (None, "title"):
            return None
        terms = english_terms(" ".join(clause.words))
        if not terms:
            return None
        fields = ["title_en"] if clause.field == "title" else list(ENGLISH_FIELDS)
        if len(terms) == 1:
            options = [Query.boost_query(Query.term_query(self._schema, f, terms[0]), ENGLISH_FIELDS[f])
                       for f in fields]
        else:
            options = [Query.boost_query(Query.phrase_query(self._schema, f, terms), ENGLISH_FIELDS[f])
                       for f in fields]
        return _any_of(options)

    def _fields(self, restricted: Field | None) -> list[str]:
        return [restricted] if restricted else list(WORD_FIELDS)

    def _word(self, word: str, restricted: Field | None) -> Query:
        options = [Query.boost_query(Query.term_query(self._schema, f, word), WORD_FIELDS[f])
                   for f in self._fields(restricted)]
        if is_cjk_word(word) and restricted is None:
            options.append(Query.boost_query(self._pairs("grams", word), GRAMS_WEIGHT))
        elif restricted in CHAR_FIELDS:
            options.append(self._chars(CHAR_FIELDS[restricted], word))
        return _any_of(options)

    def _words(self, words: Sequence[str], restricted: Field | None) -> Query:
        """A phrase: the words in this order in one field."""
        if len(words) == 1:
            return self._word(words[0], restricted)
        options = [Query.boost_query(Query.phrase_query(self._schema, f, list(words)), WORD_FIELDS[f])
                   for f in self._fields(restricted)]
        if restricted in CHAR_FIELDS:
            options.append(self._chars(CHAR_FIELDS[restricted], "".join(words)))
        return _any_of(options)

    def _ident(self, clause: Clause) -> Query:
        own = Query.term_set_query(self._schema, "ident", list(clause.ident))
        exact = Query.const_score_query(own, IDENT_SCORE)
        options = [exact, self._words(clause.words, clause.field)]
        if clause.field is None:
            cited = Query.term_set_query(self._schema, "cited", list(clause.ident))
            options.append(Query.const_score_query(cited, CITED_SCORE))
        return _any_of(options)

    def _pairs(self, field_name: str, word: str) -> Query:
        """`word` as a character or character pair, or as all its character pairs."""
        if len(word) <= 2:
            return Query.term_query(self._schema, field_name, word)
        pairs = [word[i : i + 2] for i in range(len(word) - 1)]
        if len(pairs) > MAX_PAIRS:  # the first and last pairs and an even spread between
            step = (len(pairs) - 1) / (MAX_PAIRS - 1)
            pairs = [pairs[round(i * step)] for i in range(MAX_PAIRS)]
        terms = [Query.term_query(self._schema, field_name, p) for p in dict.fromkeys(pairs)]
        return Query.boolean_query([(Occur.Must, t) for t in terms])

    def _chars(self, field_name: str, text: str) -> Query:
        """`text` as a run of characters anywhere in a short field: substring semantics."""
        chars = list(_SPACE_CHARS.sub("", text))
        if len(chars) == 1:
            return Query.term_query(self._schema, field_name, chars[0])
        return Query.phrase_query(self._schema, field_name, chars)

    def _filter(self, name: str, value: str) -> Query:
        term = value if name != "year" else int(value)
        return Query.const_score_query(Query.term_query(self._schema, FACET_FIELDS[name], term), 0.0)

    def _facets(self, searcher: tantivy.Searcher, query: Query) -> FacetCounts:
        aggregations: dict[str, dict[str, dict[str, object]]] = {}
        for name, field_name in FACET_FIELDS.items():
            terms: dict[str, object] = {"field": field_name, "size": FACET_SIZE}
            if name == "year":
                terms["order"] = {"_key": "desc"}
            aggregations[name] = {"terms": terms}
        raw = searcher.aggregate(query, aggregations)
        return {name: [(str(b["key"]), int(b["doc_count"])) for b in raw[name]["buckets"]] for name in FACET_FIELDS}

    # results ----------------------------------------------------------------------------------

    def _hit(self, searcher: tantivy.Searcher, score: float, address: tantivy.DocAddress, marker: Marker,
             q: SearchQuery) -> SearchHit:
        document = searcher.doc(address)
        stored = _stored_fields(document)
        doc_id = document.get_first("doc_id")
        english = q.language == "en" and bool(stored.get("title_en"))
        title = stored["title_en"] if english else stored["title"]
        if english:  # the English page shows the English text it found; Chinese only when it has none
            snippet_html, snippet_text = marker.snippet(stored.get("body_en", ""), stored.get("summary_en", ""))
        else:
            snippet_html, snippet_text = marker.snippet(stored["body"], stored["summary"], stored["attachments"])
        published = date.fromisoformat(stored["published"]) if stored["published"] else None
        return SearchHit(
            doc_id=int(doc_id), index_no=stored["index_no"], title=title, english=english,
            title_html=marker.mark_all(title), url=stored["url"],
            score=0.0 if q.sort == "newest" else float(score),
            snippet_html=snippet_html, snippet_text=snippet_text, publisher=stored["publisher"],
            published=published, doc_no=stored["doc_no"], genre=stored["genre"], topic=stored["topic"],
            validity=stored["validity"],
        )


def _open_index(path: Path, *, create: bool) -> tantivy.Index:
    if not create and not (path / "meta.json").exists():
        raise SearchIndexError(f"no search index at {path}; build it first (gongkai search rebuild)")
    path.mkdir(parents=True, exist_ok=True)
    try:
        index = tantivy.Index(build_schema(), path=str(path), reuse=True)
    except ValueError as error:
        raise SchemaChanged(
            f"the search index at {path} was built with another schema ({error}); rebuild it from scratch"
        ) from error
    _register_analyzers(index)
    return index


def _english_stop_word(clause: Clause) -> bool:
    word = clause.words[0] if clause.words else ""
    return (clause.kind == "term" and clause.field is None and word.isascii() and word.isalpha()
            and not english_terms(word))


def _english_stems(parsed: ParsedQuery) -> tuple[str, ...]:
    words = [w for c in parsed.required if c.kind != "ident" for w in c.words if w.isascii()]
    return tuple(dict.fromkeys(t for w in words for t in english_terms(w)))


def _stored_fields(document: tantivy.Document) -> dict[str, str]:
    return json.loads(bytes(document.get_first("stored")).decode())


def _any_of(options: list[Query]) -> Query:
    return options[0] if len(options) == 1 else Query.disjunction_max_query(options, TIE_BREAKER)


def _combine(required: list[Query], excluded: list[Query], filters: list[Query], *, require_all: bool) -> Query:
    """Every clause of `required` (or at least one of them), none of `excluded`, every filter."""
    if require_all:
        parts = [(Occur.Must, q) for q in required]
    else:
        parts = [(Occur.Must, Query.boolean_query([(Occur.Should, q) for q in required]))]
    parts += [(Occur.MustNot, q) for q in excluded] + [(Occur.Must, q) for q in filters]
    return Query.boolean_query(parts)


# ---------------------------------------------------------------------------------------------
# Snippets in the original text


@lru_cache(maxsize=4096)
def _char_pattern(ch: str) -> str:
    """A regex for one comparison-form character in any of the forms an original text may use."""
    forms = {ch, ch.upper()}
    if ch.isascii() and ch.isprintable() and ch != " ":
        forms |= {chr(ord(f) + 0xFEE0) for f in set(forms) if "!" <= f <= "~"}
    elif not ch.isascii():
        forms |= {to_traditional(ch, variant) for variant in TRADITIONAL_VARIANTS}
    forms = {f for f in forms if len(f) == 1}
    return "[" + "".join(re.escape(f) for f in sorted(forms)) + "]" if len(forms) > 1 else re.escape(ch)


def _identifier_pattern(canonical: str) -> str:
    """A canonical identifier as written: any bracket, optional 第, spaces anywhere."""
    parts = []
    for ch in canonical:
        if ch == "〔":
            parts.append(r"[〔\[(（【［]")
        elif ch == "〕":
            parts.append(r"[〕\])）】］]\s*第?")
        else:
            parts.append(_char_pattern(ch))
    return r"\s*".join(parts)


_WHITESPACE = re.compile(r"\s+")
_SPACE_CHARS = re.compile(r"\s+")
_SENTENCE_END = "。！？；\n!?;"


class Marker:
    """Finds the query's words in original texts and marks them, HTML-escaped."""

    def __init__(self, words: Sequence[str], identifiers: Sequence[str] = (), stems: Sequence[str] = ()) -> None:
        patterns = [_identifier_pattern(i) for i in identifiers if i]
        # An English stem marks the whole words it stands for: meet -> Meetings, meeting.
        patterns += [r"\b" + "".join(_char_pattern(ch) for ch in stem) + r"[A-Za-z]*" for stem in stems if stem]
        patterns += ["".join(_char_pattern(ch) for ch in w) for w in words if w.strip()]
        self.pattern = re.compile("|".join(patterns)) if patterns else None

    def _spans(self, text: str, limit: int = 200) -> list[tuple[int, int]]:
        if self.pattern is None or not text:
            return []
        spans: list[tuple[int, int]] = []
        for match in islice(self.pattern.finditer(text), limit):
            if spans and spans[-1][1] == match.start():  # 常务|会议纪要 read as one mark
                spans[-1] = (spans[-1][0], match.end())
            else:
                spans.append(match.span())
        return spans

    def mark_all(self, text: str) -> str:
        return _render(text, 0, len(text), self._spans(text))

    def snippet(self, *texts: str) -> tuple[str, str]:
        """The passage of the first text with a match that holds the most distinct matched words."""
        for text in texts:
            spans = self._spans(text)
            if spans:
                start, end = _best_window(text, spans)
                inside = [s for s in spans if s[0] >= start and s[1] <= end]
                return _render(text, start, end, inside), _plain(text, start, end)
        lead = next((t for t in texts if t.strip()), "")
        end = min(len(lead), SNIPPET_CHARS)
        return _render(lead, 0, end, []), _plain(lead, 0, end)


def _best_window(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    keys = [text[s:e].lower() for s, e in spans]  # distinct enough; normalize() per match costs too much
    best, best_count, right = 0, 0, 0
    for left in range(len(spans)):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] <= spans[left][0] + SNIPPET_CHARS:
            right += 1
        count = len(set(keys[left : right + 1]))
        if count > best_count:
            best, best_count = left, count
    anchor = spans[best][0]
    start = max(0, anchor - SNIPPET_LEAD)
    # Begin at a sentence start when one lies in the lead-in, rather than mid-phrase.
    cut = max(text.rfind(ch, start, anchor) for ch in _SENTENCE_END)
    if cut >= start:
        start = cut + 1
    return start, min(len(text), start + SNIPPET_CHARS)


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    pieces = ["…"] if start > 0 else []
    position = start
    for s, e in spans:
        pieces.append(html.escape(_squeeze(text[position:s])))
        pieces.append(f"<mark>{html.escape(_squeeze(text[s:e]))}</mark>")
        position = e
    pieces.append(html.escape(_squeeze(text[position:end])))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces).strip()


def _plain(text: str, start: int, end: int) -> str:
    return (("…" if start > 0 else "") + _squeeze(text[start:end]) + ("…" if end < len(text) else "")).strip()


def _squeeze(text: str) -> str:
    # Line breaks and indentation of the original become single spaces inside a one-line snippet.
    return _WHITESPACE.sub(" ", text)


__all__ = ["Marker", "PreparedDoc", "SchemaChanged", "SearchIndexError", "TantivyBackend", "build_schema",
           "english_terms", "prepare", "prepare_parallel"]
