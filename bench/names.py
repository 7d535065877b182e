"""Names of development pages that the product must never contain: `gongkai bench names --set DIR …`.

Rules, synonyms and lexicon entries come from the Chinese language and the government domain, never
from one page; a rule written from a development page tends to carry its places and people with it.
This lists the names a development set holds and reports each one found in the product: its source
and data files (everything under gongkai/) and the demo district's generated documents.

Names are found by the forms pages write them in, after 繁→简: an administrative division before
人民政府, a province or city before its district or county, the division that opens a document's
《title》 or precedes 政府县长; people come from the gold minutes' chair, recorder and rolls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.scores import DevSet

CJK = "[\u4e00-\u9fff]"
_FORMS = (
    re.compile(rf"({CJK}{{2}}[省市区县州])人民政府"),
    re.compile(rf"《({CJK}{{2}}[市区县])"),
    re.compile(rf"({CJK}{{2}}[市区县])政府[市区县]长"),
)
_NESTED = re.compile(rf"({CJK}{{2}}[省市州])({CJK}{{2}}[区县市])")
# Kinds of division, not places, that the forms catch too (内蒙古自治区, 某某经济开发区).
_KINDS = {"自治区", "自治州", "自治县", "行政区", "开发区", "高新区", "示范区", "功能区"}
_PRODUCT_FILES = {".py", ".json", ".txt", ".html", ".js", ".csv", ".po"}
DEMO_DOCS = 300


def development_names(dev: DevSet) -> set[str]:
    from gongkai.lib.text import fold_width, to_simplified

    names: set[str] = set()
    for path in dev.pages.values():
        text = to_simplified(fold_width(path.read_text(encoding="utf-8")))
        for form in _FORMS:
            names |= set(form.findall(text))
        for outer, inner in _NESTED.findall(text):
            names |= {outer, inner}
    for meeting in (dev.gold_minutes or {}).values():
        names |= {to_simplified(p.replace(" ", "")) for p in _people(meeting) if p}
    return names - _KINDS


def _people(meeting: Mapping[str, Any]) -> Iterator[str]:
    yield from (meeting.get("chair") or "", meeting.get("recorder") or "")
    for roll in ("attendees", "nonvoting_attendees"):
        yield from (str(p) for p in meeting.get(roll) or [])


def product_texts(root: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every source and data file under `root`, and the demo's documents."""
    from gongkai.catalog.demo.generator import plan

    for path in sorted(root.rglob("*")):
        if path.suffix in _PRODUCT_FILES and path.is_file() and "__pycache__" not in path.parts:
            yield str(path.relative_to(root.parent)), path.read_text(encoding="utf-8", errors="replace")
    for spec in plan(DEMO_DOCS):
        blocks = [b for b in spec.blocks if isinstance(b, str)]
        yield f"demo: {spec.title}", "\n".join([spec.title, spec.summary, *blocks])


def found_in(names: Iterable[str], texts: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Each name that some text holds -> where (in 简体, without spaces, as the names are kept)."""
    from gongkai.lib.text import fold_width, to_simplified

    wanted = sorted(set(names))
    found: dict[str, list[str]] = {}
    for where, text in texts:
        plain = re.sub(r"\s", "", to_simplified(fold_width(text)))
        for name in wanted:
            if name in plain:
                found.setdefault(name, []).append(where)
    return found


def format_found(sets: Sequence[str], names: set[str], found: Mapping[str, list[str]]) -> str:
    head = f"{len(names)} names of places and people on {', '.join(sets)}; in the product: {len(found)}"
    return "\n".join([head, *(f"  {name}: {', '.join(where[:5])}" for name, where in sorted(found.items()))])
