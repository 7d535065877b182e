"""领导信箱 in a browser: a resident writes to the government without JavaScript help, the office routes
the letter, the department transfers it to the one that answers, that one replies; the resident rates
the reply; the public pages show a letter only when its writer agreed and staff published it."""

from __future__ import annotations

import re

import pytest

from gongkai.accounts.models import Membership
from gongkai.lib.zh.numerals import cn_to_int
from gongkai.mailbox.models import Letter
from tests import factories as f
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(settings, tmp_path):
    settings.MAILBOX_PRIVATE_DIR = tmp_path / "mailbox"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(tmp_path / "cache")}}
    office_agency = f.agency("青禾区人民政府办公室", code="333333333")
    housing = f.agency("青禾区住房和城乡建设局", code="111111111")
    land = f.agency("青禾区自然资源局", code="222222222")
    return {
        "office": f.staff("office", office_agency, role=Membership.OFFICE),
        "builder": f.staff("builder", housing),
        "surveyor": f.staff("surveyor", land),
    }


def solve(question: str) -> str:
    m = re.search(r"请计算：(.+?)(加|减)(.+?)等于几", question)
    a, b = cn_to_int(m.group(1)), cn_to_int(m.group(3))
    return str(a + b if m.group(2) == "加" else a - b)


def write_letter(page, base: str, subject: str, consent: bool) -> str:
    page.goto(base + "/mailbox/write/")
    page.select_option("#id_addressed_to", label="青禾区人民政府办公室")
    page.fill("#id_subject", subject)
    page.select_option("#id_category", "help")
    page.fill("#id_content", f"{subject}：青禾小区东门外的路灯坏了两个月，晚上出行不便。")
    page.fill("#id_writer_name", "林小禾")
    page.fill("#id_writer_phone", "010-00000000")
    if consent:
        page.check("#id_may_publish")
    # The question is read as text, as a screen reader would read the field's label.
    question = page.inner_text("label[for=id_challenge_answer]")
    page.fill("#id_challenge_answer", solve(question))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/mailbox/letters/\d+/$"))
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def step(page, verb: str, **fields: str) -> None:
    box = page.locator(f"#step-{verb}")
    box.locator("summary").click()
    for name, value in fields.items():
        field = box.locator(f"[name={verb}-{name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_letter_is_routed_transferred_answered_rated_and_published_with_consent(people, as_user, live_server):
    base = live_server.url
    resident = as_user()
    number = write_letter(resident, base, "路灯损坏", consent=True)
    private = write_letter(resident, base, "路灯不亮", consent=False)
    assert "待签收" in resident.inner_text("#letter-status")

    office = as_user(people["office"])
    office.goto(f"{base}/mailbox/staff/{number}/")
    step(office, "route", to="青禾区住房和城乡建设局", note="小区路灯由住建局负责")
    builder = as_user(people["builder"])
    builder.goto(f"{base}/mailbox/staff/{number}/")
    step(builder, "receive")
    step(builder, "transfer", to="青禾区自然资源局", note="该路段路灯属于道路配套，由自然资源局办理")
    assert builder.url == f"{base}/mailbox/staff/"  # no longer the builder's to see
    assert builder.goto(f"{base}/mailbox/staff/{number}/").status == 404

    surveyor = as_user(people["surveyor"])
    surveyor.goto(f"{base}/mailbox/staff/{number}/")
    assert "青禾区自然资源局" in surveyor.inner_text("#letter-agency")
    step(surveyor, "receive")
    step(surveyor, "reply", body="已安排维修，三个工作日内修复。")
    assert "已答复" in surveyor.inner_text("#letter-status")

    resident.goto(f"{base}/mailbox/letters/{number}/")
    assert "三个工作日内修复" in resident.inner_text("#reply")
    resident.check("input[name=rating][value=satisfied]")
    resident.click("#reply button[type=submit]")
    resident.wait_for_load_state()
    assert "满意" in resident.inner_text("#rating")

    # Not public until a person publishes it; then only the letter whose writer agreed.
    public = as_user()
    public.goto(f"{base}/mailbox/")
    assert "路灯损坏" not in public.inner_text("main")
    surveyor.goto(f"{base}/mailbox/staff/{number}/")
    step(surveyor, "publish")
    assert "已公开" in surveyor.inner_text("main")

    office.goto(f"{base}/mailbox/staff/{private}/")
    step(office, "receive")
    step(office, "reply", body="已转交物业处理。")
    assert office.locator("#step-publish").count() == 0  # the writer did not agree

    public.goto(f"{base}/mailbox/")
    listing = public.inner_text("main")
    assert "路灯损坏" in listing and "路灯不亮" not in listing
    public.click("text=路灯损坏")
    assert "三个工作日内修复" in public.inner_text("main") and "满意" in public.inner_text("main")
    public.goto(f"{base}/interaction/")
    assert "路灯损坏" in public.inner_text("main")
    assert Letter.objects.get(number=number).published_at and not Letter.objects.get(number=private).published_at


def test_the_mailbox_pages_pass_axe_and_need_no_script(people, as_user, live_server):
    page = as_user()
    page.context.route("**/*.js", lambda route: route.abort())  # the form works without JavaScript
    for path in ("/mailbox/write/", "/mailbox/", "/mailbox/statistics/", "/mailbox/lookup/"):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    number = write_letter(page, live_server.url, "公交站台没有遮雨棚", consent=False)
    assert Letter.objects.filter(number=number).exists()
