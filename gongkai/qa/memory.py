"""An in-memory BM25 retriever over `segment` tokens.

It stands in for the search engine in tests and on the command line before an index exists, and
serves as the reference for what `Retriever.candidates` should return: documents, best first.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from gongkai.lib.text import segment
from gongkai.qa.contract import SourceDoc

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3  # a title word counts as often as three body words


class MemoryRetriever:
    def __init__(self, docs: Iterable[SourceDoc]) -> None:
        self.docs = list(docs)
        self._tf = [Counter(_tokens(d)) for d in self.docs]
        self._len = [sum(tf.values()) for tf in self._tf]
        self._avg = (sum(self._len) / len(self._len)) if self._len else 0.0
        self._df: Counter[str] = Counter()
        for tf in self._tf:
            self._df.update(tf.keys())

    def candidates(self, question: str, limit: int) -> list[SourceDoc]:
        terms = set(segment(question))
        scored = [(self._score(i, terms), i) for i in range(len(self.docs))]
        ranked = sorted((s, i) for s, i in scored if s > 0)
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        return [self.docs[i] for _, i in ranked[:limit]]

    def _score(self, i: int, terms: set[str]) -> float:
        tf, n = self._tf[i], len(self.docs)
        score = 0.0
        for term in terms:
            f = tf.get(term, 0)
            if not f:
                continue
            idf = math.log(1 + (n - self._df[term] + 0.5) / (self._df[term] + 0.5))
            score += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * self._len[i] / (self._avg or 1)))
        return score


def _tokens(doc: SourceDoc) -> list[str]:
    head = " ".join([doc.title, *doc.metadata.values()])
    return segment(head) * TITLE_WEIGHT + segment(doc.body)
