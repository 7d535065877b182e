"""The English edition (/en/): English names for agencies, vocabularies, the minutes' words and the
site's texts; English titles, summaries and bodies where staff entered them; and a plain word, with
the Chinese title, where a document exists only in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from gongkai.catalog import demo_english
from gongkai.catalog.demo import texts as T
from gongkai.catalog.models import Document, SiteSettings, Term
from gongkai.minutes import items
from gongkai.minutes.labels import KNOWN, minutes_label
from gongkai.portal.context import district_name
from tests import factories as f

pytestmark = pytest.mark.django_db
CJK = "[\u4e00-\u9fff]"


@pytest.fixture
def world():
    site = SiteSettings.get()
    site.site_name, site.site_name_en = "云川市青禾区人民政府", "Qinghe District People's Government, Yunchuan (demo)"
    site.sponsor, site.sponsor_en = "云川市青禾区人民政府办公室", "General Office of the Qinghe District Government"
    site.address, site.address_en = "云川市青禾区禾澜大道1号", "1 Helan Avenue, Qinghe District"
    site.save()
    finance = f.agency("青禾区财政局", "111222333", name_en="Qinghe District Finance Bureau")
    water = f.agency("青禾区水务局", "444555666")  # no English name
    topic = Term.objects.create(kind=Term.TOPIC, name="区级财政预算", name_en="District budget", position=1)
    english = f.document(finance, "青禾区2025年区级预算编制方案", day=dt.date(2025, 1, 6), topic=topic,
                         title_en="Plan for Preparing the 2025 District Budget",
                         summary_en="How the district budget for 2025 is prepared.",
                         body_en="The district budget for 2025 is prepared in three steps.")
    chinese = f.document(water, "青禾区河道管理办法", day=dt.date(2025, 2, 3))
    return {"english": english, "chinese": chinese, "finance": finance}


def test_the_document_page_shows_the_english_text_and_english_names(client, world):
    html = client.get(f"/en/xxgk/{world['english'].pk}/").content.decode()
    assert "Plan for Preparing the 2025 District Budget" in html
    assert "The district budget for 2025 is prepared in three steps." in html
    assert "How the district budget for 2025 is prepared." in html
    assert "Qinghe District Finance Bureau" in html and "District budget" in html
    assert "available in Chinese only" not in html


def test_a_document_only_in_chinese_says_so_with_its_chinese_title(client, world):
    html = client.get(f"/en/xxgk/{world['chinese'].pk}/").content.decode()
    assert re.search(r'This document is available in Chinese only: <span lang="zh-Hans">青禾区河道管理办法</span>', html)
    assert '<span lang="zh-Hans">青禾区水务局</span>' in html  # an agency without an English name


def test_an_english_title_without_an_english_body_says_the_full_text_is_chinese(client, world):
    doc = world["chinese"]
    Document.objects.filter(pk=doc.pk).update(title_en="Measures for the Management of Rivers")
    html = client.get(f"/en/xxgk/{doc.pk}/").content.decode()
    assert "The full text of this document is available in Chinese only." in html
    assert '<div class="doc-body" lang="zh-Hans">' in html


def test_the_chinese_pages_are_unchanged(client, world):
    html = client.get(f"/xxgk/{world['english'].pk}/").content.decode()
    assert "青禾区2025年区级预算编制方案" in html and "Plan for Preparing" not in html
    assert "青禾区财政局" in html and "District budget" not in html
    assert "云川市青禾区人民政府办公室" in html


def test_the_english_catalog_and_home_list_english_content_and_mark_the_rest(client, world):
    catalog = client.get("/en/xxgk/").content.decode()
    assert "Plan for Preparing the 2025 District Budget" in catalog
    assert "(Chinese only)" in catalog and '<span lang="zh-Hans">青禾区河道管理办法</span>' in catalog
    assert "Qinghe District Finance Bureau" in catalog  # in the rows and the 发布机构 facet
    assert ">District budget</a>" in catalog  # the 主题 facet, by the English name staff gave the term
    home = client.get("/en/").content.decode()
    assert "Available in English" in home and "Plan for Preparing the 2025 District Budget" in home
    assert "Available in English" not in client.get("/").content.decode()


def test_the_footer_and_nav_read_as_english(client, world):
    html = client.get("/en/").content.decode()
    assert "General Office of the Qinghe District Government" in html and "1 Helan Avenue" in html
    about = re.search(r'<a href="/en/about/"[^>]*>([^<]*)</a>', html).group(1)
    assert about == "About Qinghe District"  # not "About Qinghe District , Yunchuan (demo)"


@pytest.mark.parametrize(("english", "expected"), [
    ("Qinghe District People's Government, Yunchuan (demo)", "Qinghe District"),
    ("Qinghe District People's Government", "Qinghe District"),
    ("People's Government of Qinghe District", "Qinghe District"),
    ("Qinghe County", "Qinghe County"),
])
def test_the_place_of_about_is_the_place_alone(english, expected):
    assert district_name(SiteSettings(site_name_en=english, site_name="青禾区人民政府"), english=True) == expected


def test_the_chinese_place_drops_the_city_and_the_kind():
    assert district_name(SiteSettings(site_name="云川市青禾区人民政府"), english=False) == "青禾"
    assert district_name(SiteSettings(site_name="青禾县人民政府"), english=False) == "青禾"


# --- the minutes' words ---------------------------------------------------------------------------


def test_every_verb_the_parser_reads_has_an_english_name():
    assert set(items._ACTIONS) <= KNOWN
    with translation.override("en"):
        untranslated = sorted(w for w in KNOWN if not minutes_label(w)[1])
    assert untranslated == []


def test_an_unknown_word_stays_chinese():
    with translation.override("en"):
        assert minutes_label("原则同意") == ("Approved in principle", True)
        assert minutes_label("另行研究") == ("另行研究", False)


@pytest.fixture
def demo(db):
    call_command("demo", docs=60, seed=7, stdout=StringIO())


def test_the_decision_register_speaks_english(client, demo):
    html = client.get("/en/decisions/").content.decode()
    assert "Approved in principle" in html or "Adopted" in html
    assert re.search(r"(Considered|Heard)", html)
    assert "Minutes of the" in html  # the minutes' English titles
    assert "Qinghe District" in html  # departments by their English names
    zh = client.get("/decisions/").content.decode()
    assert "Approved in principle" not in zh and "Minutes of the" not in zh
    assert "原则同意" in zh or "通过" in zh


# --- the demo's English -------------------------------------------------------------------------


def test_the_demo_has_english_names_site_texts_and_documents(demo):
    site = SiteSettings.get()
    assert site.sponsor_en and site.address_en and "(demo)" not in site.site_name_en
    from gongkai.accounts.models import Agency

    assert not Agency.objects.filter(name_en="").exists()
    assert Term.objects.filter(name="会议纪要").exclude(name_en="").exists()
    english = Document.objects.exclude(title_en="")
    assert english.count() >= 10
    assert english.exclude(body_en="").filter(title_en__startswith="Minutes of the").exists()
    assert Document.objects.filter(title_en="").exists()  # and some stay Chinese only


def test_every_demo_minutes_has_an_english_title_summary_and_body_item_by_item(demo):
    from gongkai.minutes.models import AgendaItemRecord

    minutes = Document.objects.filter(genre__name="会议纪要").select_related("meeting")
    assert minutes.count() >= 5
    for doc in minutes:
        assert doc.title_en.startswith("Minutes of the") and doc.summary_en, doc.title
        items = doc.meeting.items.count()
        numbered = [p for p in doc.body_en.split("\n\n") if re.match(r"\d+\. The meeting ", p)]
        assert len(numbered) == items, doc.title  # every item, with its decision, in English
    # the forms of a second review, a deferral and a study are among them, each in English
    rows = AgendaItemRecord.objects.filter(meeting__document__genre__name="会议纪要")
    assert rows.filter(decision_kind="决定", follow_up="另行提请审议").exists()
    assert rows.filter(documents__0__endswith="（修改稿）").exists() and rows.filter(actions=["传达学习"]).exists()
    body = "\n".join(minutes.values_list("body_en", flat=True))
    assert "decided to defer its issue" in body
    assert "submit it again for consideration at a later date" in body
    assert "the revised draft of the Qinghe District" in body and "studied and conveyed the " in body
    assert re.search(r"considered and (approved in principle|adopted) the ", body)
    assert not re.search(CJK, body)
    # the decision register names every decision and next step the demo's minutes give in English
    with translation.override("en"):
        words = {w for row in rows.values_list("decision_kind", "follow_up") for w in row if w}
        assert [w for w in sorted(words) if not minutes_label(w)[1]] == []


def test_an_item_with_a_decision_it_cannot_put_into_english_leaves_its_minutes_chinese(demo):
    from gongkai.minutes.models import AgendaItemRecord

    doc = Document.objects.filter(genre__name="会议纪要").first()
    item = AgendaItemRecord.objects.filter(meeting__document=doc).first()
    assert demo_english.english_for(doc) is not None
    AgendaItemRecord.objects.filter(pk=item.pk).update(decision_kind="修正通过")
    assert demo_english.english_for(Document.objects.get(pk=doc.pk)) is None  # never half a translation


def test_every_demo_subject_has_an_english_name():
    subjects = [s[1] for group in T.SUBJECTS.values() for s in group] + [s.strip("《》") for s in T.STUDIES]
    assert [s for s in subjects if demo_english.subject(s.replace("{y}", "2025")) is None] == []
    assert demo_english.subject("《青禾区2026年老旧小区改造实施计划》") == (
        "Qinghe District Implementation Plan for Renovating Old Residential Compounds in 2026")
    assert demo_english.ordinal(1) == "1st" and demo_english.ordinal(12) == "12th" and demo_english.ordinal(23) == "23rd"


def test_staff_enter_english_text_in_the_admin_and_find_documents_without(client, world):
    from django.urls import reverse

    from gongkai.accounts.models import Membership

    clerk = f.staff("clerk", world["chinese"].agency, Membership.CLERK)
    client.force_login(clerk)
    listing = client.get(reverse("admin:catalog_document_changelist"), {"english": "no"}).content.decode()
    assert "青禾区河道管理办法" in listing
    doc = world["chinese"]
    url = reverse("admin:catalog_document_change", args=[doc.pk])
    form = client.get(url).content.decode()
    assert 'name="title_en"' in form and 'name="body_en"' in form
    client.post(url, {"title": doc.title, "agency": doc.agency_id, "keywords": "[]", "disclosure_method": "主动公开",
                      "disclosure_scope": "面向社会", "summary": "", "body_html": doc.body_html,
                      "title_en": "Measures for the Management of Rivers", "summary_en": "", "body_en": "",
                      **{f"{p}-{k}": v for p in ("attachments", "status_changes", "revisions")
                         for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}})
    doc.refresh_from_db()
    assert doc.title_en == "Measures for the Management of Rivers"
    assert "Measures for the Management of Rivers" in client.get(f"/en/xxgk/{doc.pk}/").content.decode()
