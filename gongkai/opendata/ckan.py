"""A read-only CKAN Action API (/api/3/action/…, /api/action/…) over the public catalog.

Data portals and harvesters (the `ckanapi` client, ckanext-harvest's CKAN harvester) read a CKAN site
through these actions and nothing else, so the shapes follow CKAN 2.10: the envelope
{"help", "success", "result"}, errors as {"__type", "message"} with CKAN's status codes, a package per
published document with its page, PDF and attachments as resources, agencies as organizations, 主题
as groups, 体裁 and 有效性 as tags. Only `public_documents()` is ever read: drafts and withdrawn
documents do not exist here. `ckanapi` POSTs JSON; browsers and scripts GET with a query string; both work.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from gongkai.accounts.models import Agency
from gongkai.catalog.addresses import address
from gongkai.catalog.models import Document, SiteSettings, Term, Validity
from gongkai.catalog.queries import public_documents
from gongkai.lib import params
from gongkai.search import service
from gongkai.search.query import QueryError

# The CKAN release whose Action API this one answers like (status_show reports it; clients check it).
CKAN_VERSION = "2.10.0"
ROWS_DEFAULT, ROWS_MAX = 10, 1000  # CKAN's defaults (ckan.search.rows_max)
LIST_MAX = 1000  # names per organization_list/group_list page, as CKAN's own limit
FACETS_SHOWN = 50
VALIDITIES = tuple(v.value for v in Validity)
# fq fields: organization, groups, tags (体裁 or 有效性), and the names CKAN users also write.
# metadata_modified:[2024-01-01T00:00:00Z TO *] is how ckanext-harvest asks what changed since its last run.
FQ_FIELDS = ("organization", "owner_org", "groups", "tags", "name", "id", "res_format", "dataset_type",
             "metadata_modified", "metadata_created")
SEARCH_ROWS_MAX = service.MAX_LIMIT  # with words, a page comes from the search engine
# Every parameter any action reads, with its type: checked for every action (a mistyped one is a 409
# even where that action would ignore it) and listed in the OpenAPI document.
PARAMETERS: dict[str, tuple[str, str]] = {
    "q": ("string", "package_search: 检索词 (words; *:* for all)"),
    "fq": ("string", "package_search: organization:agency-N groups:topic-N tags:<体裁或有效性>"),
    "rows": ("integer", "package_search: page size, 0–1000"),
    "start": ("integer", "package_search: offset"),
    "sort": ("string", "package_search: e.g. metadata_modified desc, name asc"),
    "facet": ("boolean", "package_search: count facets (default true)"),
    "id": ("string", "package_show / organization_show / group_show: name or id"),
    "name_or_id": ("string", "package_show: same as id"),
    "all_fields": ("boolean", "organization_list / group_list / tag_list: objects instead of names"),
    "include_datasets": ("boolean", "organization_show: with up to 10 packages"),
    "limit": ("integer", "package_list / organization_list / group_list: page size"),
    "offset": ("integer", "package_list / organization_list / group_list: offset"),
    "query": ("string", "tag_list: tags containing this"),
    "name": ("string", "help_show: the action to describe"),
}
INTEGER_TEXT = r"[0-9]{1,12}"
INTEGER_MAX = 10**12 - 1  # what INTEGER_TEXT can say
BOOLEAN_TEXT = r"true|false|True|False"
_FQ_CLAUSE = re.compile(r'\s*(?:AND\s+)?[+]?([A-Za-z_]+):("(?:[^"\\]|\\.)*"|\[[^\]]*\]|\S+)\s*')


class ActionError(Exception):
    """An error CKAN reports in the envelope: its status, `__type` and message (or field errors)."""

    def __init__(self, status: int, kind: str, message: str, fields: Mapping[str, list[str]] | None = None):
        super().__init__(message)
        self.status, self.kind, self.message, self.fields = status, kind, message, dict(fields or {})


def not_found(what: str) -> ActionError:
    return ActionError(404, "Not Found Error", f"Not found: {what}")


def query_error(message: str) -> ActionError:
    return ActionError(409, "Search Query Error", f"Search Query Error: {message}")


def invalid(field: str, message: str) -> ActionError:
    return ActionError(409, "Validation Error", message, {field: [message]})


# Names --------------------------------------------------------------------------------------------

def package_name(index_no: str) -> str:
    """The package's name: its 索引号 in CKAN's alphabet (lowercase letters, digits, - and _)."""
    return re.sub(r"[^a-z0-9_-]", "-", index_no.lower())


def org_name(agency_id: int) -> str:
    return f"agency-{agency_id}"


def group_name(term_id: int) -> str:
    return f"topic-{term_id}"


def _id_from(name: str, prefix: str) -> int | None:
    match = re.fullmatch(prefix + r"-([0-9]{1,18})", name.strip())
    return int(match.group(1)) if match else None


def find_document(ref: str) -> Document | None:
    """A public document by its package name (or id, which is the same) or by its 索引号 as written."""
    ref = ref.strip()
    if not ref or len(ref) > 100 or not params.storable(ref):
        return None
    docs = public_documents()
    exact = docs.filter(index_no=ref).first()
    if exact is not None:
        return exact
    # The name replaced each character outside CKAN's alphabet by "-": any such character matches.
    if re.search(r"[^a-z0-9_-]", ref):
        return None
    pattern = "^" + "".join("[^a-z0-9_]" if c == "-" else re.escape(c) for c in ref) + "$"
    candidates = docs.filter(index_no__iregex=pattern).order_by("pk")[:5]
    matches = [d for d in candidates if package_name(d.index_no or "") == ref]
    return matches[0] if matches else None


# Shapes -------------------------------------------------------------------------------------------

def _stamp(value: dt.datetime | None) -> str | None:
    """CKAN's timestamps: ISO 8601 in UTC without an offset."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() if value else None


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def organization_dict(agency: Agency, count: int | None = None) -> dict[str, Any]:
    out = {
        "id": org_name(agency.pk), "name": org_name(agency.pk), "title": agency.name,
        "display_name": agency.name,
        "description": "", "type": "organization", "is_organization": True, "state": "active",
        "approval_status": "approved", "image_url": "", "created": _stamp(agency.created_at),
        "extras": [{"key": "组织机构代码", "value": agency.code}] if agency.code else [],
    }
    if count is not None:
        out["package_count"] = count
    return out


def group_dict(term: Term, count: int | None = None) -> dict[str, Any]:
    out = {
        "id": group_name(term.pk), "name": group_name(term.pk), "title": term.name, "display_name": str(term),
        "description": "主题分类", "type": "group", "is_organization": False, "state": "active",
        "approval_status": "approved", "image_url": "",
    }
    if count is not None:
        out["package_count"] = count
    return out


def tag_dict(name: str) -> dict[str, Any]:
    return {"id": name, "name": name, "display_name": name, "state": "active", "vocabulary_id": None}


def package_dict(doc: Document, request: HttpRequest) -> dict[str, Any]:
    """A published document as a CKAN package; its page, PDF and attachments are its resources."""
    name = package_name(doc.index_no or f"doc-{doc.pk}")
    validity = doc.validity
    tags = [t for t in (doc.genre.name if doc.genre else "", validity) if t]
    extras = {
        "索引号": doc.index_no or "", "文件编号": doc.doc_no, "发布日期": _day(doc.published_date),
        "有效性": validity, "体裁分类": doc.genre.name if doc.genre else "",
        "主题分类": str(doc.topic) if doc.topic else "", "组配分类": doc.combo.name if doc.combo else "",
        "成文日期": _day(doc.created_date), "废止日期": _day(doc.abolished_date), "公开方式": doc.disclosure_method,
    }
    page = request.build_absolute_uri(doc.get_absolute_url())
    return {
        "id": name, "name": name, "title": doc.title, "notes": doc.summary, "type": "dataset",
        "state": "active", "private": False, "url": page, "version": None,
        "author": doc.agency.name, "author_email": None,
        "maintainer": doc.agency.name, "maintainer_email": None,
        "license_id": "notspecified", "license_title": "License not specified",
        "metadata_created": _stamp(doc.created_at), "metadata_modified": _stamp(doc.updated_at),
        "owner_org": org_name(doc.agency_id), "organization": organization_dict(doc.agency),
        "groups": [group_dict(doc.topic)] if doc.topic else [],
        "tags": [tag_dict(t) for t in tags], "num_tags": len(tags),
        "extras": [{"key": k, "value": v} for k, v in extras.items()],
        "resources": _resources(doc, request, name), "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def _resources(doc: Document, request: HttpRequest, package_id: str) -> list[dict[str, Any]]:
    def resource(key: str, name: str, url: str, fmt: str, mimetype: str,
                 size: int | None = None) -> dict[str, Any]:
        return {"id": f"{package_id}-{key}", "package_id": package_id, "name": name, "url": url,
                "format": fmt,
                "mimetype": mimetype, "size": size, "description": "", "state": "active",
                "created": _stamp(doc.published_at), "last_modified": _stamp(doc.updated_at), "position": 0}

    out = [
        resource("html", "网页", request.build_absolute_uri(doc.get_absolute_url()), "HTML", "text/html"),
        resource("pdf", "PDF", request.build_absolute_uri(address("portal:document_pdf", doc.pk)), "PDF",
                 "application/pdf"),
    ]
    if doc.attachment_count:
        for att in sorted(doc.attachments.all(), key=lambda a: a.pk):  # prefetched by package_search
            url = request.build_absolute_uri(address("portal:attachment", doc.pk, att.pk))
            fmt = att.name.rsplit(".", 1)[-1].upper() if "." in att.name else ""
            key = f"attachment-{att.pk}"
            out.append(resource(key, att.name, url, fmt, att.content_type, att.size or None))
    for position, item in enumerate(out):
        item["position"] = position
    return out


# Reading what the client sent -----------------------------------------------------------------------

def _text(data: Mapping[str, Any], name: str, default: str = "", maximum: int = 500) -> str:
    value = data.get(name, default)
    problem = params.text_problem(name, value, maximum=maximum)
    if problem:
        raise invalid(name, problem)
    return value.strip()


def _int(data: Mapping[str, Any], name: str, default: int, maximum: int) -> int:
    value = data.get(name)
    if value is None or value == "":
        return default
    number = int(value)
    if number > maximum:
        raise invalid(name, params.out_of_range(name, 0, maximum))
    return number


def _bool(data: Mapping[str, Any], name: str, default: bool = False) -> bool:
    value = data.get(name, default)
    return value if isinstance(value, bool) else value.lower() == "true"


# Filters ------------------------------------------------------------------------------------------

def validity_q(value: str, day: dt.date) -> Q:
    """Documents whose 有效性 on `day` is `value` (Document.validity_on, as a query)."""
    abolished = Q(abolished_date__lte=day) | Q(declared_validity=Validity.ABOLISHED)
    expired = Q(expires_date__lte=day) | Q(declared_validity=Validity.EXPIRED)
    if value == Validity.ABOLISHED:
        return abolished
    if value == Validity.EXPIRED:
        return expired & ~abolished
    return ~abolished & ~expired


def parse_fq(fq: str) -> list[tuple[str, str]]:
    """Solr-style `field:value` clauses joined by spaces or AND; CKAN's fields that mean something here."""
    clauses: list[tuple[str, str]] = []
    pos = 0
    while pos < len(fq):
        match = _FQ_CLAUSE.match(fq, pos)
        if match is None:
            raise query_error(f"无法理解的筛选条件 fq={fq[:60]!r}")
        field, value = match.group(1), match.group(2)
        if field not in FQ_FIELDS:
            raise query_error(f"不支持的筛选字段 {field}；可用 {', '.join(FQ_FIELDS)}")
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        clauses.append(("organization" if field == "owner_org" else field, value))
        pos = match.end()
    return clauses


def _filter_documents(docs: QuerySet[Document], clauses: list[tuple[str, str]]) -> QuerySet[Document]:
    today = timezone.localdate()
    for field, value in clauses:
        if field == "organization":
            docs = docs.filter(agency_id=_id_from(value, "agency") or -1)
        elif field == "groups":
            docs = docs.filter(topic_id=_id_from(value, "topic") or -1)
        elif field == "tags":
            docs = docs.filter(validity_q(value, today) if value in VALIDITIES else Q(genre__name=value))
        elif field in ("name", "id"):
            found = find_document(value)
            docs = docs.filter(pk=found.pk if found else -1)
        elif field == "dataset_type":
            docs = docs if value == "dataset" else docs.none()
        elif field in ("metadata_modified", "metadata_created"):
            low, high = _time_range(field, value)
            column = "updated_at" if field == "metadata_modified" else "created_at"
            if low:
                docs = docs.filter(**{f"{column}__gte": low})
            if high:
                docs = docs.filter(**{f"{column}__lte": high})
        elif field == "res_format":
            known = {"HTML", "PDF"}
            docs = docs if value.upper() in known else docs.filter(attachments__name__iendswith="." + value)
    return docs.distinct() if any(f == "res_format" for f, _ in clauses) else docs


def _time_range(field: str, value: str) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Solr's [FROM TO UNTIL] of two ISO 8601 times (UTC when no offset) or *."""
    match = re.fullmatch(r"\[\s*(\S+)\s+TO\s+(\S+)\s*\]", value)
    if match is None:
        raise query_error(f"{field} 应写作 [起 TO 止]，如 [2024-01-01T00:00:00Z TO *]")

    def moment(text: str) -> dt.datetime | None:
        if text == "*":
            return None
        try:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise query_error(f"无法理解的时间 {text[:40]}") from None
        return when if when.tzinfo else when.replace(tzinfo=dt.UTC)

    return moment(match.group(1)), moment(match.group(2))


def _search_filters(clauses: list[tuple[str, str]]) -> dict[str, str]:
    """The same clauses as filters of the search service (which knows names, not ids)."""
    filters: dict[str, str] = {}
    for field, value in clauses:
        if field == "organization":
            agency = Agency.objects.filter(pk=_id_from(value, "agency") or -1).first()
            filters["publisher"] = agency.name if agency else "\u2400none"
        elif field == "groups":
            term = Term.objects.filter(pk=_id_from(value, "topic") or -1, kind=Term.TOPIC).first()
            filters["topic"] = term.name if term else "\u2400none"
        elif field == "tags":
            filters["validity" if value in VALIDITIES else "genre"] = value
        elif field == "dataset_type" and value == "dataset":
            continue
        else:
            raise query_error(f"带检索词时不支持按 {field} 筛选")
    return filters


SORTS: dict[str, list[str]] = {
    "metadata_modified desc": ["-updated_at", "-pk"], "metadata_modified asc": ["updated_at", "pk"],
    "metadata_created desc": ["-created_at", "-pk"], "metadata_created asc": ["created_at", "pk"],
    "name asc": ["index_no"], "name desc": ["-index_no"], "id asc": ["index_no"], "id desc": ["-index_no"],
    "title_string asc": ["title", "pk"], "title_string desc": ["-title", "-pk"],
    # Without words there is no score: newest first, as the catalog lists.
    "score desc, metadata_modified desc": ["-published_date", "-pk"],
    "score desc": ["-published_date", "-pk"],
}


# Actions ------------------------------------------------------------------------------------------

def package_search(request: HttpRequest, data: Mapping[str, Any]) -> dict[str, Any]:
    q = _text(data, "q", maximum=params.QUERY_MAX)
    clauses = parse_fq(_text(data, "fq", maximum=1000))
    rows = _int(data, "rows", ROWS_DEFAULT, ROWS_MAX)
    start = _int(data, "start", 0, params.OFFSET_MAX)
    sort = re.sub(r"\s+", " ", _text(data, "sort", "score desc, metadata_modified desc", maximum=100)).lower()
    if sort not in SORTS:
        raise query_error(f"不支持的排序 {sort}；可用 {', '.join(SORTS)}")
    if q and q not in ("*:*", "*"):
        return _search_with_words(request, q, clauses, rows, start, sort)
    docs = _filter_documents(public_documents(), clauses)
    ordered = docs.order_by(*SORTS[sort]).prefetch_related("attachments")
    page = list(ordered[start : start + rows]) if rows else []
    facets = _facets(docs) if _bool(data, "facet", True) else {}
    return {"count": docs.count(), "sort": sort, "results": [package_dict(d, request) for d in page],
            "facets": {k: dict(v) for k, v in facets.items()}, "search_facets": _search_facets(facets)}


def _search_with_words(request: HttpRequest, q: str, clauses: list[tuple[str, str]], rows: int, start: int,
                       sort: str) -> dict[str, Any]:
    """Words go to the site's own search engine (segmentation, 繁简, 文号), filters with them."""
    if start >= 10_000:  # the engine's deepest page
        raise invalid("start", "带检索词时 start 不能超过 9999。")
    if rows > SEARCH_ROWS_MAX:
        raise invalid("rows", f"带检索词时 rows 最多 {SEARCH_ROWS_MAX}。")
    order = "relevance" if sort.startswith("score") else "newest"
    try:
        found = service.run(q, filters=_search_filters(clauses), sort=order, offset=start,
                            limit=max(rows, 1), facets=False)
    except QueryError as exc:
        raise query_error(f"{exc.zh} {exc.en}") from None
    ids = [hit.doc_id for hit in found.hits][:rows]
    by_id = {d.pk: d for d in public_documents().filter(pk__in=ids)}
    results = [package_dict(by_id[i], request) for i in ids if i in by_id]
    return {"count": found.total, "sort": sort, "results": results, "facets": {}, "search_facets": {}}


def _facets(docs: QuerySet[Document]) -> dict[str, list[tuple[str, int]]]:
    counts = {"organization": [], "groups": [], "tags": []}  # type: dict[str, list[tuple[str, int]]]
    plain = docs.order_by()
    for row in plain.values("agency_id").annotate(n=Count("pk")).order_by("-n")[:FACETS_SHOWN]:
        counts["organization"].append((org_name(row["agency_id"]), row["n"]))
    topics = plain.exclude(topic=None).values("topic_id").annotate(n=Count("pk")).order_by("-n")
    for row in topics[:FACETS_SHOWN]:
        counts["groups"].append((group_name(row["topic_id"]), row["n"]))
    genres = plain.exclude(genre=None).values("genre__name").annotate(n=Count("pk")).order_by("-n")
    for row in genres[:FACETS_SHOWN]:
        counts["tags"].append((row["genre__name"], row["n"]))
    today = timezone.localdate()
    for value in VALIDITIES:
        n = plain.filter(validity_q(value, today)).count()
        if n:
            counts["tags"].append((value, n))
    return counts


def _search_facets(facets: dict[str, list[tuple[str, int]]]) -> dict[str, Any]:
    titles = {
        "organization": dict(Agency.objects.values_list("pk", "name")),
        "groups": dict(Term.objects.filter(kind=Term.TOPIC).values_list("pk", "name")),
    }
    out: dict[str, Any] = {}
    for field, items in facets.items():
        def display(name: str, field: str = field) -> str:
            if field == "tags":
                return name
            key = _id_from(name, "agency" if field == "organization" else "topic")
            return str(titles[field].get(key, name))
        shown = [{"name": n, "display_name": display(n), "count": c} for n, c in items]
        out[field] = {"title": field, "items": shown}
    return out


def package_show(request: HttpRequest, data: Mapping[str, Any]) -> dict[str, Any]:
    ref = _text(data, "id", maximum=100) or _text(data, "name_or_id", maximum=100)
    if not ref:
        raise invalid("id", "Missing value")
    doc = find_document(ref)
    if doc is None:
        raise not_found("没有这份公开信息 (package)")
    return package_dict(doc, request)


def package_list(request: HttpRequest, data: Mapping[str, Any]) -> list[str]:
    limit = _int(data, "limit", 0, 1_000_000)
    offset = _int(data, "offset", 0, params.OFFSET_MAX)
    names = public_documents().exclude(index_no=None).order_by("index_no").values_list("index_no", flat=True)
    names = names[offset : offset + limit] if limit else names[offset:]
    return [package_name(n) for n in names.iterator(chunk_size=2000)]


def _all_fields_page(data: Mapping[str, Any]) -> tuple[bool, int, int]:
    limit = _int(data, "limit", LIST_MAX, LIST_MAX)
    return _bool(data, "all_fields"), limit, _int(data, "offset", 0, params.OFFSET_MAX)


def organization_list(request: HttpRequest, data: Mapping[str, Any]) -> list[Any]:
    all_fields, limit, offset = _all_fields_page(data)
    per_agency = public_documents().order_by().values("agency_id").annotate(n=Count("pk"))
    counts = dict(per_agency.values_list("agency_id", "n"))
    agencies = Agency.objects.order_by("pk")[offset : offset + limit]
    if not all_fields:
        return [org_name(a.pk) for a in agencies]
    return [organization_dict(a, counts.get(a.pk, 0)) for a in agencies]


def organization_show(request: HttpRequest, data: Mapping[str, Any]) -> dict[str, Any]:
    ref = _text(data, "id", maximum=200)
    agency = (Agency.objects.filter(pk=_id_from(ref, "agency") or -1).first()
              or Agency.objects.filter(name=ref).first())
    if agency is None:
        raise not_found("没有这个机构 (organization)")
    docs = public_documents().filter(agency=agency)
    out = organization_dict(agency, docs.count())
    if _bool(data, "include_datasets"):
        out["packages"] = [package_dict(d, request) for d in docs[:10]]
    return out


def group_list(request: HttpRequest, data: Mapping[str, Any]) -> list[Any]:
    all_fields, limit, offset = _all_fields_page(data)
    counts = dict(public_documents().order_by().exclude(topic=None).values("topic_id").annotate(n=Count("pk"))
                  .values_list("topic_id", "n"))
    terms = Term.objects.filter(kind=Term.TOPIC).select_related("parent").order_by("pk")
    terms = terms[offset : offset + limit]
    if not all_fields:
        return [group_name(t.pk) for t in terms]
    return [group_dict(t, counts.get(t.pk, 0)) for t in terms]


def group_show(request: HttpRequest, data: Mapping[str, Any]) -> dict[str, Any]:
    ref = _text(data, "id", maximum=200)
    topics = Term.objects.filter(kind=Term.TOPIC).select_related("parent")
    term = topics.filter(pk=_id_from(ref, "topic") or -1).first() or topics.filter(name=ref).first()
    if term is None:
        raise not_found("没有这个主题分类 (group)")
    return group_dict(term, public_documents().filter(topic=term).count())


def tag_list(request: HttpRequest, data: Mapping[str, Any]) -> list[Any]:
    query = _text(data, "query", maximum=100)
    genres = public_documents().order_by().exclude(genre=None).values_list("genre__name", flat=True)
    names = sorted(set(genres.distinct())) + list(VALIDITIES)
    names = [n for n in names if query in n]
    return [tag_dict(n) for n in names] if _bool(data, "all_fields") else names


def help_show(request: HttpRequest, data: Mapping[str, Any]) -> str:
    name = _text(data, "name", maximum=100)
    if name not in ACTIONS:
        raise not_found(f"没有这个接口 {name[:60]}")
    return f"{name}: read-only, as CKAN {CKAN_VERSION}'s action (see /api/openapi.json, tag ckan)."


def status_show(request: HttpRequest, data: Mapping[str, Any]) -> dict[str, Any]:
    site = SiteSettings.get()
    return {"site_title": site.site_name, "site_description": "政府信息公开目录 (Gongkai)",
            "site_url": request.build_absolute_uri("/").rstrip("/"), "ckan_version": CKAN_VERSION,
            "error_emails_to": None, "locale_default": "zh_Hans_CN", "extensions": []}


ACTIONS: dict[str, Callable[[HttpRequest, Mapping[str, Any]], Any]] = {
    f.__name__: f for f in (package_list, package_search, package_show, organization_list, organization_show,
                            group_list, group_show, tag_list, status_show, help_show)
}


# The view -----------------------------------------------------------------------------------------

def _envelope(request: HttpRequest, name: str, status: int, body: dict[str, Any]) -> JsonResponse:
    help_url = request.build_absolute_uri(reverse("ckan_action", args=["help_show"])) + f"?name={name}"
    return JsonResponse({"help": help_url, **body}, status=status, json_dumps_params={"ensure_ascii": False})


def _checked(name: str, value: Any) -> None:
    """A value of PARAMETERS' type: JSON's own, or text that reads as one (a query string, ckanapi's
    KEY=VALUE arguments)."""
    kind = PARAMETERS[name][0]
    text = isinstance(value, str)
    number = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= INTEGER_MAX
    if kind == "integer" and not (number or (text and re.fullmatch(INTEGER_TEXT, value))):
        raise invalid(name, f"参数 {name} 应为非负整数。 Invalid integer")
    if kind == "boolean" and not (isinstance(value, bool) or (text and re.fullmatch(BOOLEAN_TEXT, value))):
        raise invalid(name, f"参数 {name} 应为 true 或 false。")
    if kind == "string" and not text:
        raise invalid(name, f"参数 {name} 应为文本。")


def _arguments(request: HttpRequest) -> dict[str, Any]:
    """The query string, and over it a POSTed JSON object (ckanapi) or form; known parameters type-checked."""
    for name in PARAMETERS.keys() & request.GET.keys():
        for value in request.GET.getlist(name):
            _checked(name, value)
    data: dict[str, Any] = dict(request.GET.items())
    body: dict[str, Any] = {}
    if request.method == "POST" and request.body:
        if request.content_type == "application/json" or request.body.lstrip()[:1] == b"{":
            try:
                body = json.loads(request.body)
            except (ValueError, UnicodeDecodeError):
                raise ActionError(400, "Bad Request", "Bad request - JSON Error: 请求内容不是有效的 JSON。") from None
            if not isinstance(body, dict):
                raise ActionError(400, "Bad Request", "Bad request - JSON Error: 请求内容应为 JSON 对象。")
        else:
            body = dict(request.POST.items())
    for name in PARAMETERS.keys() & body.keys():
        _checked(name, body[name])
    return {**data, **body}


@csrf_exempt  # read-only: nothing a forged request could change
def action(request: HttpRequest, name: str) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        response = _envelope(request, name, 405, {"success": False, "error": {
            "__type": "Bad Request", "message": "Bad request - 只接受 GET 与 POST（只读接口）"}})
        response["Allow"] = "GET, HEAD, POST"
        return response
    handler = ACTIONS.get(name)
    try:
        if handler is None:
            raise ActionError(400, "Bad Request", f"Bad request - Action name not known: {name[:60]}")
        result = handler(request, _arguments(request))
    except ActionError as exc:
        error = {"__type": exc.kind, "message": exc.message, **exc.fields}
        return _envelope(request, name, exc.status, {"success": False, "error": error})
    return _envelope(request, name, 200, {"success": True, "result": result})

