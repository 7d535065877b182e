"""A signed-in reader on a kept page (gongkai.pages): the page is everyone's bytes, and site.js fills
in what is the reader's own (个人中心, 收藏) from /reader/state.json, so 收藏 works from it."""

from __future__ import annotations

from django.contrib.auth.models import User

from gongkai.pages.middleware import page_store
from gongkai.pages.store import PageKey
from gongkai.readers.models import Favourite, Reader

from tests.browser.conftest import Site


def test_a_signed_in_reader_favourites_from_a_kept_page(site: Site, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = User.objects.create_user("reader@example.cn", email="reader@example.cn", password="青山县-阅读-2024")
    Reader.objects.create(user=user, confirmed_at=user.date_joined)
    doc = site.district.news
    path = f"/xxgk/{doc.pk}/"
    anonymous = site.open_page(path)
    assert anonymous.locator("[data-favourite] a[data-when=anonymous]").is_visible()
    assert (page_store().files / PageKey(path).relpath).exists()  # kept by the anonymous view

    page = site.open_page(f"/accounts/login/?next={path}")
    page.fill("input[name=email]", "reader@example.cn")
    page.fill("input[name=password]", "青山县-阅读-2024")
    page.click("form.reader-form button[type=submit]")
    page.wait_for_url(f"**{path}")
    page.locator("form[data-when=add] button").click()
    page.wait_for_url(f"**{path}")
    assert Favourite.objects.filter(user=user, document=doc).exists()
    page.locator("form[data-when=remove] button").wait_for(state="visible")
    assert page.locator("[data-reader-link]").inner_text() == "个人中心"
    # Still the page every reader gets.
    assert (page_store().files / PageKey(path).relpath).exists()
