"""Seeding the controlled vocabularies from `data/vocabularies.json` (editable afterwards in the admin)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "vocabularies.json"


def seed(term_model: Any) -> int:
    """Create the terms that are missing; never touches terms staff have edited. Returns how many were made."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    made = 0
    for pos, top in enumerate(data["topic"]):
        parent, created = term_model.objects.get_or_create(kind="topic", parent=None, name=top["name"],
                                                           defaults={"position": pos})
        made += created
        for sub_pos, child in enumerate(top["children"]):
            made += term_model.objects.get_or_create(kind="topic", parent=parent, name=child,
                                                     defaults={"position": sub_pos})[1]
    for kind in ("genre", "combo"):
        for pos, name in enumerate(data[kind]):
            made += term_model.objects.get_or_create(kind=kind, parent=None, name=name, defaults={"position": pos})[1]
    return made
