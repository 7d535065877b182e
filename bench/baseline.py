"""SQLite FTS5 over the very same segmented words: the benchmark's side-by-side baseline.

It answers the same parsed queries with the same plan as the tantivy backend (every word
required, falling back to any word when too few documents have them all; BM25 with the same field
weights; facet filters; newest first), and returns the same total, so that the comparison is about
the engines. Not part of the product: no snippets, no facet counts, no character grams (so one-
character queries only find documents where that character stands as a word).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gongkai.search.backend import Mode
from gongkai.search.engine import ALL_WORDS_MIN_HITS, WORD_FIELDS, PreparedDoc
from gongkai.search.query import Clause, ParsedQuery, SearchQuery, parse_query

_COLUMNS = list(WORD_FIELDS)
_FACET_COLUMNS = ("topic", "genre", "combo", "publisher", "validity")


@dataclass(frozen=True)
class BaselineResult:
    total: int
    doc_ids: list[int]
    mode: Mode


class Fts5Baseline:
    def __init__(self, path: Path | str = ":memory:") -> None:
        self.db = sqlite3.connect(str(path))
        columns = ", ".join(_COLUMNS)
        # unicode61 splits on spaces and punctuation only: each pre-segmented word stays one token.
        self.db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5({columns}, "
                        "tokenize = \"unicode61 remove_diacritics 0 tokenchars '-/'\")")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (doc_id INTEGER PRIMARY KEY, topic TEXT, genre TEXT, "
                        "combo TEXT, publisher TEXT, validity TEXT, year INTEGER, published INTEGER)")
        for column in (*_FACET_COLUMNS, "year", "published"):
            self.db.execute(f"CREATE INDEX IF NOT EXISTS meta_{column} ON meta ({column})")

    def add(self, docs: Iterable[PreparedDoc]) -> int:
        count = 0
        placeholders = ", ".join("?" * (len(_COLUMNS) + 1))
        with self.db:
            for doc in docs:
                self.db.execute(f"INSERT INTO docs (rowid, {', '.join(_COLUMNS)}) VALUES ({placeholders})",
                                [doc.doc_id, *(doc.words.get(c, "") for c in _COLUMNS)])
                self.db.execute("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [doc.doc_id, *(doc.facets.get(c) for c in _FACET_COLUMNS), doc.year, doc.published])
                count += 1
        return count

    def search(self, q: SearchQuery) -> BaselineResult:
        parsed = parse_query(q)
        match = _match(parsed, require_all=True)
        total = self._count(match, parsed)
        mode: Mode = "all"
        if total < ALL_WORDS_MIN_HITS and len(parsed.required) > 1:
            any_match = _match(parsed, require_all=False)
            any_total = self._count(any_match, parsed)
            if any_total > total:
                match, total, mode = any_match, any_total, "any"
        return BaselineResult(total, self._top(match, parsed, q), mode)

    def _from_where(self, parsed: ParsedQuery, join: bool) -> tuple[str, list[object]]:
        """FROM … WHERE …, joining the metadata table only when a filter or the sort needs it."""
        conditions = "".join(f" AND meta.{name} = ?" for name, _ in parsed.filters)
        values: list[object] = [int(v) if name == "year" else v for name, v in parsed.filters]
        joined = " JOIN meta ON meta.doc_id = docs.rowid" if join or parsed.filters else ""
        return f"FROM docs{joined} WHERE docs MATCH ?{conditions}", values

    def _count(self, match: str, parsed: ParsedQuery) -> int:
        from_where, values = self._from_where(parsed, join=False)
        return int(self.db.execute(f"SELECT count(*) {from_where}", [match, *values]).fetchone()[0])

    def _top(self, match: str, parsed: ParsedQuery, q: SearchQuery) -> list[int]:
        from_where, values = self._from_where(parsed, join=q.sort == "newest")
        weights = ", ".join(str(w) for w in WORD_FIELDS.values())
        order = "meta.published DESC" if q.sort == "newest" else f"bm25(docs, {weights})"
        sql = f"SELECT docs.rowid {from_where} ORDER BY {order} LIMIT ? OFFSET ?"
        return [row[0] for row in self.db.execute(sql, [match, *values, q.limit, q.offset])]

    def close(self) -> None:
        self.db.close()


def _quoted(words: Iterable[str]) -> str:
    # Every word is quoted, so nothing a citizen types is read as FTS5 syntax.
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def _clause(clause: Clause) -> str:
    expression = _quoted(clause.words)
    if clause.field is not None:
        return "{" + clause.field + "} : " + expression
    return expression


def _match(parsed: ParsedQuery, *, require_all: bool) -> str:
    joined = (" AND " if require_all else " OR ").join(_clause(c) for c in parsed.required)
    expression = f"({joined})"
    for clause in parsed.excluded:
        expression += f" NOT {_clause(clause)}"
    return expression
