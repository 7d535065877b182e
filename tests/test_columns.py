"""The 政府信息公开 section's columns, pages and footer marks: who may change them, what each change
leaves (an audit row, a page-change row naming exactly the kept pages it alters), what a catalog
column lists, and the admin going through the same actions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.catalog.models import Term
from gongkai.columns import actions, navigation
from gongkai.columns.demo import fill
from gongkai.columns.models import Column, FooterSettings, Page
from gongkai.pages import changes
from gongkai.pages.models import PageChange
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agency():
    return f.agency()


@pytest.fixture
def office(agency):
    return f.staff("office", agency, role=Membership.OFFICE)


@pytest.fixture
def clerk(agency):
    return f.staff("clerk", agency, role=Membership.CLERK)


def last_change() -> PageChange:
    return PageChange.objects.order_by("-id").first()


def term(kind: str, name: str) -> Term:
    return Term.objects.filter(kind=kind, name=name).order_by("parent_id").first()


def plans_column(actor, **extra) -> Column:
    return actions.save_column(actor, None, {"name": "规划计划", "slug": "plans",
                                             "combos": [term(Term.COMBO, "规划计划")], **extra})


# --- permission, audit, page changes -------------------------------------------------------------------


def test_the_office_creates_a_column_with_an_audit_row_and_a_page_change(office):
    column = plans_column(office)
    assert list(column.combos.values_list("name", flat=True)) == ["规划计划"]
    entry = AuditEntry.objects.get(action="column.create")
    assert entry.actor == office and entry.object_id == str(column.pk) and "combos" in entry.detail["fields"]
    assert changes.tags_of(last_change()) == {"columns"}


@pytest.mark.parametrize("who", ["clerk", "anonymous"])
def test_a_clerk_or_nobody_may_not_change_the_section(who, clerk):
    actor = clerk if who == "clerk" else None
    before = PageChange.objects.count()
    with pytest.raises(PermissionDenied):
        plans_column(actor)
    with pytest.raises(PermissionDenied):
        actions.save_page(actor, None, {"title": "指南", "slug": "guide", "body": "<p>正文</p>"})
    with pytest.raises(PermissionDenied):
        actions.save_footer(actor, {"show_error_link": False})
    assert not Column.objects.exists() and not Page.objects.exists() and not AuditEntry.objects.exists()
    assert PageChange.objects.count() == before


def test_saving_what_is_already_there_writes_nothing(office):
    column = plans_column(office)
    before = (AuditEntry.objects.count(), PageChange.objects.count())
    actions.save_column(office, column, {"name": "规划计划", "combos": [term(Term.COMBO, "规划计划")]})
    assert (AuditEntry.objects.count(), PageChange.objects.count()) == before


def test_changing_a_columns_terms_is_a_change(office):
    column = plans_column(office)
    actions.save_column(office, column, {"genres": [term(Term.GENRE, "规划")]})
    entry = AuditEntry.objects.get(action="column.change")
    assert entry.detail["fields"] == ["genres"]


def test_a_page_edit_names_only_that_page(office):
    before = PageChange.objects.count()
    page = actions.save_page(office, None, {"title": "政府信息公开指南", "slug": "guide", "body": "<p>旧</p>"})
    assert PageChange.objects.count() == before  # no column shows it yet
    actions.save_page(office, page, {"body": "<p>新</p><script>alert(1)</script>"})
    page.refresh_from_db()
    assert page.body == "<p>新</p>"  # sanitized like a document's body
    assert changes.tags_of(last_change()) == {f"page:{page.pk}"}


def test_a_footer_change_is_a_site_wide_change(office):
    actions.save_footer(office, {"conac_url": "https://bszs.conac.cn/sitename?method=show&id=1"})
    assert changes.tags_of(last_change()) is None  # every page, and every worker's footer
    assert AuditEntry.objects.filter(action="footer.change").count() == 1


def group(actor) -> Column:
    return actions.save_column(actor, None, {"name": "法定主动公开内容", "slug": "statutory", "kind": Column.GROUP})


# --- what a column must be -----------------------------------------------------------------------------


def test_a_catalog_column_without_classes_is_refused(office):
    with pytest.raises(ValidationError):
        actions.save_column(office, None, {"name": "全部", "slug": "all"})
    assert not Column.objects.exists()


@pytest.mark.parametrize("slug", ["feed", "Guide", "1", "规划", "a b"])
def test_a_slug_the_catalog_uses_or_that_is_no_address_is_refused(office, slug):
    with pytest.raises(ValidationError):
        plans_column(office, slug=slug)


def test_a_page_column_needs_its_page_and_a_link_column_a_target(office):
    with pytest.raises(ValidationError):
        actions.save_column(office, None, {"name": "指南", "slug": "guide", "kind": Column.PAGE})
    with pytest.raises(ValidationError):
        actions.save_column(office, None, {"name": "申请", "slug": "apply", "kind": Column.LINK,
                                           "url": "no:such"})
    link = actions.save_column(office, None, {"name": "申请", "slug": "apply", "kind": Column.LINK,
                                              "url": "applications:apply"})
    assert link.href() == "/applications/"


def test_a_column_cannot_sit_under_itself(office):
    parent = group(office)
    child = plans_column(office, parent=parent)
    with pytest.raises(ValidationError):
        actions.save_column(office, parent, {"parent": child})


def test_a_column_with_columns_under_it_and_a_page_in_use_are_not_deleted(office):
    parent = group(office)
    child = plans_column(office, parent=parent)
    page = actions.save_page(office, None, {"title": "指南", "slug": "guide", "body": "<p>正文</p>"})
    actions.save_column(office, None, {"name": "指南", "slug": "guide", "kind": Column.PAGE, "page": page})
    with pytest.raises(ValidationError):
        actions.delete_column(office, parent)
    with pytest.raises(ValidationError):
        actions.delete_page(office, page)
    assert Page.objects.filter(pk=page.pk).exists()
    actions.delete_column(office, child)
    assert AuditEntry.objects.filter(action="column.delete", object_id=str(child.pk)).exists()
    assert not Column.objects.filter(pk=child.pk).exists()


# --- what a catalog column lists -----------------------------------------------------------------------


def test_a_catalog_column_lists_its_classes_published_documents(office, agency):
    plan = f.document(agency, "青禾区2024年政务公开工作计划", combo=term(Term.COMBO, "规划计划"),
                      genre=term(Term.GENRE, "计划"))
    summary = f.document(agency, "青禾区2023年工作总结", combo=term(Term.COMBO, "规划计划"),
                         genre=term(Term.GENRE, "总结"))
    f.document(agency, "关于开展防汛检查的通知", combo=term(Term.COMBO, "政策文件"))
    f.document(agency, "青禾区2025年工作计划（草稿）", combo=term(Term.COMBO, "规划计划"), publish=False)
    column = plans_column(office)
    assert set(navigation.documents(column)) == {plan, summary}
    # Within a vocabulary any term; across vocabularies every one.
    actions.save_column(office, column, {"genres": [term(Term.GENRE, "计划"), term(Term.GENRE, "规划")]})
    assert list(navigation.documents(column)) == [plan]


def test_a_topic_column_lists_the_topics_under_it_too(office, agency):
    finance = Term.objects.get(kind=Term.TOPIC, name="财政、金融、审计", parent=None)
    budget = f.document(agency, "青禾区2024年区级预算", topic=term(Term.TOPIC, "财政"))
    column = actions.save_column(office, None, {"name": "财政预决算", "slug": "budgets", "topics": [finance]})
    assert list(navigation.documents(column)) == [budget]


def test_a_columns_agencies_narrow_its_list(office, agency):
    other = f.agency("青禾区财政局", code="987654321")
    f.document(agency, "青禾区人民政府办公室2024年工作计划", combo=term(Term.COMBO, "规划计划"))
    theirs = f.document(other, "青禾区财政局2024年工作计划", combo=term(Term.COMBO, "规划计划"))
    column = plans_column(office, agencies=[other])
    assert list(navigation.documents(column)) == [theirs]


# --- the demo -------------------------------------------------------------------------------------------


def test_the_demo_fills_the_section_once():
    fill()
    assert {"guide", "rules", "statutory", "normative", "annual-reports", "apply"} <= set(
        Column.objects.values_list("slug", flat=True))
    guide = Page.objects.get(slug="guide")
    assert "20个工作日" in guide.body and '<a href="/applications/">' in guide.body and guide.body_en
    assert Column.objects.get(slug="normative").parent.slug == "statutory"
    assert FooterSettings.current().conac_url
    before = (AuditEntry.objects.count(), PageChange.objects.count())
    fill()
    assert (AuditEntry.objects.count(), PageChange.objects.count()) == before


# --- the admin ------------------------------------------------------------------------------------------


def test_the_office_adds_a_column_in_the_admin_through_the_action(client, office):
    from django.contrib.auth.models import Permission

    office.user_permissions.add(*Permission.objects.filter(content_type__app_label="columns"))
    client.force_login(office)
    combo = term(Term.COMBO, "规划计划")
    response = client.post("/admin/columns/column/add/", {
        "name": "规划计划", "slug": "plans", "kind": Column.CATALOG, "position": "10", "visible": "on",
        "combos": [combo.pk],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    column = Column.objects.get(slug="plans")
    assert list(column.combos.all()) == [combo]
    assert AuditEntry.objects.filter(action="column.create", actor=office).exists()


def test_the_admin_refuses_a_catalog_column_without_classes(client, office):
    from django.contrib.auth.models import Permission

    office.user_permissions.add(*Permission.objects.filter(content_type__app_label="columns"))
    client.force_login(office)
    response = client.post("/admin/columns/column/add/", {
        "name": "全部", "slug": "all", "kind": Column.CATALOG, "position": "10", "visible": "on",
    })
    assert response.status_code == 200 and "至少要选择一个" in response.content.decode()
    assert not Column.objects.exists()


def test_a_clerk_does_not_see_the_section_in_the_admin(client, clerk):
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="columns"))
    client.force_login(clerk)
    assert client.get("/admin/columns/column/").status_code == 403
