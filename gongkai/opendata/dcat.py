"""The catalog as DCAT-AP 3 (https://semiceu.github.io/DCAT-AP/releases/3.0.0/): one dcat:Catalog, a
dcat:Dataset per published document and a dcat:Distribution per way of getting it (its page, its PDF,
each attachment), built with rdflib so that Turtle, JSON-LD and RDF/XML come from one graph.

The catalog is paged (`?page=`): each page is the Catalog with PAGE_SIZE datasets and a
hydra:PartialCollectionView naming the first, previous, next and last pages, which is how DCAT
harvesters (e.g. the EU data portal's) walk a large catalog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from gongkai.catalog.addresses import address
from gongkai.catalog.models import Attachment, Document, SiteSettings, Term
from gongkai.catalog.queries import public_documents

PAGE_SIZE = 200
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ZHO = URIRef("http://publications.europa.eu/resource/authority/language/ZHO")
MEDIA = "https://www.iana.org/assignments/media-types/"
# The serializations offered: URL suffix -> (rdflib format, content type).
FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
}


def absolute(path: str) -> str:
    """Graphs are harvested and kept: they name the site's canonical address, never the request's."""
    return settings.SITE_URL.rstrip("/") + path


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


@dataclass(frozen=True)
class Page:
    number: int
    last: int
    total: int


def page_of(number: int) -> Page:
    """The page `number` (from 1); ValueError when the catalog has no such page."""
    total = public_documents().count()
    last = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if not 1 <= number <= last:
        raise ValueError(f"没有第 {number} 页：目录共 {last} 页")
    return Page(number, last, total)


def catalog_graph(page: Page, suffix: str = "ttl") -> Graph:
    graph = _graph()
    catalog = URIRef(absolute("/catalog"))
    _describe_catalog(graph, catalog)
    _paging(graph, catalog, page, suffix)
    start = (page.number - 1) * PAGE_SIZE
    docs = (public_documents().order_by("-published_date", "-id")
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
            [start:start + PAGE_SIZE])
    agencies = set()
    for doc in docs:
        graph.add((catalog, DCAT.dataset, dataset_ref(doc)))
        add_dataset(graph, doc)
        agencies.add(doc.agency)
    for agency in agencies:
        _agent(graph, agency_ref(agency.pk), agency.name)
    return graph


def _graph() -> Graph:
    graph = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("skos", SKOS),
                       ("hydra", HYDRA), ("vcard", VCARD)):
        graph.bind(prefix, ns)
    return graph


def _describe_catalog(graph: Graph, catalog: URIRef) -> None:
    site = SiteSettings.get()
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, zh(f"{site.site_name}政府信息公开目录")))
    graph.add((catalog, DCTERMS.title, Literal(site.site_name_en, lang="en")))
    graph.add((catalog, DCTERMS.description, zh(f"{site.site_name}依法主动公开的政府信息")))
    graph.add((catalog, FOAF.homepage, URIRef(absolute("/"))))
    graph.add((catalog, DCTERMS.language, ZHO))
    publisher = URIRef(absolute("/#publisher"))
    graph.add((catalog, DCTERMS.publisher, publisher))
    _agent(graph, publisher, site.sponsor or site.site_name)


def _paging(graph: Graph, catalog: URIRef, page: Page, suffix: str) -> None:
    def link(n: int) -> URIRef:
        return URIRef(absolute(f"/catalog.{suffix}?page={n}"))

    view = link(page.number)
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((catalog, HYDRA.view, view))
    graph.add((catalog, HYDRA.totalItems, Literal(page.total, datatype=XSD.integer)))
    graph.add((view, HYDRA.first, link(1)))
    graph.add((view, HYDRA.last, link(page.last)))
    if page.number > 1:
        graph.add((view, HYDRA.previous, link(page.number - 1)))
    if page.number < page.last:
        graph.add((view, HYDRA.next, link(page.number + 1)))


def agency_ref(pk: int) -> URIRef:
    return URIRef(absolute(f"/xxgk/?agency={pk}#agent"))


def term_ref(term: Term) -> URIRef:
    return URIRef(absolute(f"/xxgk/?{term.kind}={term.pk}#concept"))


def dataset_ref(doc: Document) -> URIRef:
    return URIRef(absolute(address("portal:document", doc.pk)) + "#dataset")


def _agent(graph: Graph, ref: URIRef, name: str) -> None:
    graph.add((ref, RDF.type, FOAF.Agent))
    graph.add((ref, RDF.type, FOAF.Organization))
    graph.add((ref, FOAF.name, zh(name)))


def _date(value: dt.date | dt.datetime | None) -> Literal | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def add_dataset(graph: Graph, doc: Document) -> URIRef:
    """The document as a dcat:Dataset with its distributions; agencies are described by the caller."""
    ds, page = dataset_ref(doc), absolute(address("portal:document", doc.pk))
    add = graph.add
    add((ds, RDF.type, DCAT.Dataset))
    add((ds, DCTERMS.title, zh(doc.title)))
    if doc.title_en:
        add((ds, DCTERMS.title, Literal(doc.title_en, lang="en")))
    add((ds, DCTERMS.description, zh(doc.summary or doc.title)))
    add((ds, DCTERMS.identifier, Literal(doc.index_no or str(doc.pk))))
    add((ds, DCTERMS.publisher, agency_ref(doc.agency_id)))
    add((ds, DCAT.landingPage, URIRef(page)))
    add((ds, DCTERMS.language, ZHO))
    for predicate, value in ((DCTERMS.issued, doc.published_date or doc.published_at),
                             (DCTERMS.modified, doc.updated_at), (DCTERMS.created, doc.created_date)):
        literal = _date(value)
        if literal is not None:
            add((ds, predicate, literal))
    if doc.doc_no:
        add((ds, DCTERMS.bibliographicCitation, zh(doc.doc_no)))
    for keyword in doc.keywords or ():
        add((ds, DCAT.keyword, zh(str(keyword))))
    for predicate, term in ((DCTERMS.subject, doc.topic), (DCTERMS.type, doc.genre), (DCAT.theme, doc.combo)):
        if term is not None:
            add((ds, predicate, term_ref(term)))
            add((term_ref(term), RDF.type, SKOS.Concept))
            add((term_ref(term), SKOS.prefLabel, zh(term.name)))
    for dist in distributions(doc, page):
        _add_distribution(graph, ds, dist)
    return ds


@dataclass(frozen=True)
class Distribution:
    key: str
    title: str
    url: str
    media_type: str
    size: int = 0


def distributions(doc: Document, page: str) -> Iterable[Distribution]:
    yield Distribution("html", "网页", page, "text/html")
    yield Distribution("pdf", "PDF", absolute(address("portal:document_pdf", doc.pk)), "application/pdf")
    if doc.attachment_count:
        for att in doc.attachments.all():
            url = absolute(address("portal:attachment", doc.pk, att.pk))
            yield Distribution(f"attachment-{att.pk}", att.name, url,
                               att.content_type or "application/octet-stream", att.size)


def _add_distribution(graph: Graph, ds: URIRef, dist: Distribution) -> None:
    ref = URIRef(f"{ds}-{dist.key}")
    graph.add((ds, DCAT.distribution, ref))
    graph.add((ref, RDF.type, DCAT.Distribution))
    graph.add((ref, DCTERMS.title, zh(dist.title)))
    graph.add((ref, DCAT.accessURL, URIRef(dist.url)))
    graph.add((ref, DCAT.downloadURL, URIRef(dist.url)))
    graph.add((ref, DCAT.mediaType, URIRef(MEDIA + dist.media_type.split(";")[0].strip())))
    if dist.size:
        graph.add((ref, DCAT.byteSize, Literal(dist.size, datatype=XSD.nonNegativeInteger)))


def serialize(graph: Graph, suffix: str) -> bytes:
    rdf_format = FORMATS[suffix][0]
    if rdf_format == "json-ld":
        context = {"dcat": str(DCAT), "dct": str(DCTERMS), "foaf": str(FOAF), "skos": str(SKOS),
                   "hydra": str(HYDRA)}
        return graph.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
    return graph.serialize(format=rdf_format, encoding="utf-8")

