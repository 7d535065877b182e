"""The catalog as DCAT-AP 3 (gongkai.opendata.dcat): every serialization parses with rdflib, passes the
SHACL shapes in tests/fixtures, says what the catalog says (索引号, 主题, @zh titles, distributions),
and pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns  # (module globals named DCAT… make pytest's collection warn)

from gongkai.catalog import actions
from gongkai.catalog.models import Attachment, Term
from gongkai.opendata import dcat
from tests import factories as f

pytestmark = pytest.mark.django_db
SHAPES = Graph().parse(Path(__file__).parent / "fixtures" / "dcat_ap_shapes.ttl", format="turtle")
HYDRA = dcat.HYDRA
PARSE = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml"}


@pytest.fixture
def catalog():
    office = f.agency()
    library = f.document(office, "关于青山县图书馆夜间开放的通知", topic=Term.resolve(Term.TOPIC, "城乡建设"),
                         summary="图书馆自下月起夜间开放。", keywords=["图书馆", "夜间开放"])
    Attachment.objects.create(document=library, name="开放时间表.pdf", source_href="https://example.org/a.pdf",
                              content_type="application/pdf", size=2048)
    park = f.document(office, "关于试行公园预约入园的通告", day=dt.date(2024, 4, 2))
    gone = f.document(office, "关于已撤回事项的通知", day=dt.date(2024, 4, 3))
    actions.withdraw(None, gone, reason="内容有误", system=True)
    f.document(office, "草稿中的通知", publish=False)
    return {"library": library, "park": park, "gone": gone}


def fetch(client, suffix: str, **params) -> Graph:
    response = client.get(f"/catalog.{suffix}", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == dcat.FORMATS[suffix][1]
    return Graph().parse(data=response.content, format=PARSE[suffix])


def conforms(graph: Graph) -> tuple[bool, str]:
    ok, _graph, text = validate(graph, shacl_graph=SHAPES, inference="none")
    return ok, text


@pytest.mark.parametrize("suffix", ["ttl", "jsonld", "rdf"])
def test_every_serialization_parses_and_passes_the_shapes(client, catalog, suffix):
    graph = fetch(client, suffix)
    ok, report = conforms(graph)
    assert ok, report
    datasets = set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))
    assert len(datasets) == 2  # published only: neither the withdrawn document nor the draft
    assert len(set(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))) == 1


def test_a_dataset_says_what_the_catalog_says(client, catalog):
    graph = fetch(client, "ttl")
    library = catalog["library"]
    ds = URIRef(dcat.absolute(library.get_absolute_url()) + "#dataset")
    assert graph.value(ds, ns.DCTERMS.identifier) == Literal(library.index_no)
    assert Literal(library.title, lang="zh") in set(graph.objects(ds, ns.DCTERMS.title))
    subject = graph.value(ds, ns.DCTERMS.subject)
    assert graph.value(subject, ns.SKOS.prefLabel) == Literal("城乡建设", lang="zh")
    publisher = graph.value(ds, ns.DCTERMS.publisher)
    assert (publisher, ns.RDF.type, ns.FOAF.Agent) in graph
    assert graph.value(publisher, ns.FOAF.name) == Literal("青禾区人民政府办公室", lang="zh")
    assert graph.value(ds, ns.DCTERMS.issued).toPython() == dt.date(2024, 3, 1)
    assert graph.value(ds, ns.DCTERMS.modified) is not None
    urls = {str(graph.value(d, ns.DCAT.accessURL)) for d in graph.objects(ds, ns.DCAT.distribution)}
    assert urls == {dcat.absolute(p) for p in (
        f"/xxgk/{library.pk}/", f"/xxgk/{library.pk}/pdf/",
        f"/xxgk/{library.pk}/attachments/{library.attachments.get().pk}/")}
    assert {str(k) for k in graph.objects(ds, ns.DCAT.keyword)} == {"图书馆", "夜间开放"}


def test_the_shapes_reject_a_dataset_without_its_identifier(client, catalog):
    graph = fetch(client, "ttl")
    graph.remove((None, ns.DCTERMS.identifier, None))
    ok, report = conforms(graph)
    assert not ok
    assert "identifier" in report


def test_the_catalog_pages_with_hydra_links(client, catalog, monkeypatch):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 1)
    first, second = fetch(client, "ttl"), fetch(client, "ttl", page=2)
    view1 = URIRef(dcat.absolute("/catalog.ttl?page=1"))
    view2 = URIRef(dcat.absolute("/catalog.ttl?page=2"))
    assert first.value(view1, HYDRA.next) == view2 and first.value(view1, HYDRA.previous) is None
    assert second.value(view2, HYDRA.previous) == view1 and second.value(view2, HYDRA.next) is None
    assert second.value(view2, HYDRA.last) == view2
    titles = [set(g.objects(None, ns.DCTERMS.title)) for g in (first, second)]
    assert titles[0] != titles[1]
    assert len(set(second.subjects(ns.RDF.type, ns.DCAT.Dataset))) == 1


@pytest.mark.parametrize(("page", "status"), [("3", 404), ("0", 404), ("abc", 400), ("-1", 400)])
def test_a_page_out_of_range_is_a_clear_message(client, catalog, monkeypatch, page, status):
    monkeypatch.setattr(dcat, "PAGE_SIZE", 1)
    response = client.get("/catalog.ttl", {"page": page})
    assert response.status_code == status
    assert "页" in response.content.decode()


def test_an_empty_catalog_is_still_a_valid_catalog(client):
    graph = fetch(client, "jsonld")
    assert conforms(graph)[0]
    assert not set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))


def test_the_catalog_answers_a_conditional_get(client, catalog):
    first = client.get("/catalog.ttl")
    again = client.get("/catalog.ttl", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert client.post("/catalog.ttl").status_code == 405
