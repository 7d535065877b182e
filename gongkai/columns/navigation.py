"""Read side of the section: the column tree the pages show, and the documents a catalog column lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import get_language

from gongkai.catalog.models import Document, Term
from gongkai.catalog.queries import public_documents
from gongkai.columns.models import Column


@dataclass
class Node:
    column: Column
    children: list[Node] = field(default_factory=list)
    current: bool = False  # the page shows this column or one under it


def tree(current: Column | None = None) -> list[Node]:
    """The visible columns as a tree, in their order (a column under a hidden one is hidden too)."""
    columns = list(Column.objects.filter(visible=True).select_related("page"))
    nodes = {c.pk: Node(c) for c in columns}
    roots: list[Node] = []
    for column in columns:
        node = nodes[column.pk]
        if column.parent_id is None:
            roots.append(node)
        elif column.parent_id in nodes:
            nodes[column.parent_id].children.append(node)
    if current is not None:
        for pk in [current.pk, *current.ancestor_ids()]:
            if pk in nodes:
                nodes[pk].current = True
    return roots


def label(column: Column) -> str:
    """The column's name in the page's language (the Chinese name when no English one was entered)."""
    english = (get_language() or "").startswith("en")
    return (english and column.name_en) or column.name


def _with_descendants(terms: QuerySet[Term]) -> set[int]:
    found = set(terms.values_list("pk", flat=True))
    frontier = set(found)
    while frontier:  # the 主题 tree is two levels deep; a portal's own terms may add one
        frontier = set(Term.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def documents(column: Column) -> QuerySet[Document]:
    """What a catalog column lists: the published documents of any of its terms in each vocabulary
    (and of any of its agencies), newest first; classes of different vocabularies narrow each other."""
    docs = public_documents()
    if column.kind != Column.CATALOG or column.pk is None:
        return docs.none()
    chosen = False
    topics = _with_descendants(column.topics.all())
    if topics:
        docs, chosen = docs.filter(topic_id__in=topics), True
    for name, field_name in (("genres", "genre_id"), ("combos", "combo_id"), ("agencies", "agency_id")):
        ids = set(getattr(column, name).values_list("pk", flat=True))
        if ids:
            docs, chosen = docs.filter(**{f"{field_name}__in": ids}), True
    return docs if chosen else docs.none()
