"""Property: the search query parser either parses or says why (QueryError) — for any text, filters and paging."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.search.query import FACETS, QueryError, SearchQuery, parse_query
from tests.fuzzing import any_text, bounded

filters = st.dictionaries(st.one_of(st.sampled_from(sorted(FACETS)), st.text(max_size=8)), any_text, max_size=4)
numbers = st.one_of(st.integers(-10, 1000), st.integers(-(2**70), 2**70))


@bounded(300)
@given(any_text, filters, st.sampled_from(["relevance", "newest", "random", ""]), numbers, numbers)
def test_any_query_parses_or_is_refused_with_a_reason(text, chosen, sort, offset, limit):
    try:
        parsed = parse_query(SearchQuery(text, filters=chosen, sort=sort, offset=offset, limit=limit))  # type: ignore[arg-type]
    except QueryError as exc:
        assert exc.zh and exc.en and exc.code
        return
    assert parsed.required
