"""What a feed entry says of a document, shared by the public feeds and a reader's personal feed."""

from __future__ import annotations

import datetime as dt

from django.utils.html import escape
from django.utils.translation import gettext as _

from gongkai.catalog.models import Document


class DocumentItems:
    """The item methods of a `django.contrib.syndication` feed whose items are documents.

    The link is left to each feed: a kept public feed must carry the canonical address, a personal one
    may be made absolute from the request.
    """

    def item_title(self, doc: Document) -> str:
        return doc.title

    def item_description(self, doc: Document) -> str:
        """HTML, since Atom1Feed writes it as <summary type="html">: every plain-text part is escaped,
        so that markup in a title, an agency's name or a summary reaches feed readers as text."""
        parts = [f"{_('索引号')}: {doc.index_no}" if doc.index_no else ""]
        parts += [f"{_('发布机构')}: {doc.agency.name}", doc.summary]
        return "<br>\n".join(escape(p) for p in parts if p)

    def item_pubdate(self, doc: Document) -> dt.datetime | None:
        return doc.published_at

    def item_updateddate(self, doc: Document) -> dt.datetime:
        return doc.updated_at

    def item_categories(self, doc: Document) -> list[str]:
        return [term.name for term in (doc.topic, doc.genre) if term is not None]
