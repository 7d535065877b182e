"""Which kept pages (gongkai.pages) a change of the section makes stale.

Every page of the section, the catalog's page and the 站点地图 show the columns' names and order
(tag `columns`); a page column's page also shows its page (tag `page:<id>`); a catalog column's
list depends on the documents like every list (tag `list`, which document changes already
invalidate). The footer's marks are on every page: a change of them is a site-wide change, which
also makes every worker render its header and footer again.
"""

from __future__ import annotations

from gongkai.pages import changes
from gongkai.pages.models import PageChange

STRUCTURE, PAGE = "columns", "columns-page"


def _structure_tags(object_id: int | None) -> set[str]:
    return {"columns"}


def _page_tags(object_id: int | None) -> set[str] | None:
    return {f"page:{object_id}"} if object_id is not None else {"columns"}


def register() -> None:
    changes.EXTRA_KINDS[STRUCTURE] = _structure_tags
    changes.EXTRA_KINDS[PAGE] = _page_tags


def columns_changed() -> None:
    changes.record(STRUCTURE)


def page_changed(page_id: int) -> None:
    changes.record(PAGE, page_id)


def footer_changed() -> None:
    changes.record(PageChange.SITE)
