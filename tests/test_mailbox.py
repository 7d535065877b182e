"""领导信箱: limits on the official calendar, writing with the challenge and the abuse checks, scoping by
agency, routing and transfers, the ID-number hold, consent, rating, 待办, statistics and the API."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.accounts.models import AuditEntry, Membership
from gongkai.mailbox import actions, statistics
from gongkai.mailbox.models import Letter
from tests import factories as f

pytestmark = pytest.mark.django_db

# Monday before the National Day week of 2025: Oct 1–8 are holidays, Saturday Oct 11 is a working day.
MONDAY = dt.date(2025, 9, 29)
ID_NUMBER = "11010519491231002X"  # a made-up number with a valid check character


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.MAILBOX_PRIVATE_DIR = tmp_path / "mailbox"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(tmp_path / "cache")}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return set_day


@pytest.fixture
def office_agency():
    return f.agency("青禾区人民政府办公室", code="333333333")


@pytest.fixture
def housing():
    return f.agency("青禾区住房和城乡建设局", code="111111111")


@pytest.fixture
def land():
    return f.agency("青禾区自然资源局", code="222222222")


@pytest.fixture
def office(office_agency):
    return f.staff("office", office_agency, role=Membership.OFFICE)


def letter(to, *, day=MONDAY, content="小区门口的路灯坏了两个月，晚上出行不便，请尽快修理。", consent=True,
           writer=None, subject="路灯损坏") -> Letter:
    draft = actions.Draft(addressed_to=to, writer_name="林小禾", subject=subject, category="help",
                          content=content, may_publish=consent, writer_phone="010-00000000")
    return actions.submit(writer, draft, today=day)


# --- limits ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("received", "reply", "result"), [
    (MONDAY, dt.date(2025, 10, 13), dt.date(2025, 10, 20)),  # National Day week; Sat Oct 11 works
    (dt.date(2026, 2, 13), dt.date(2026, 2, 27), dt.date(2026, 3, 5)),  # Spring Festival; Feb 14, 28 work
    (dt.date(2025, 12, 31), dt.date(2026, 1, 8), dt.date(2026, 1, 15)),  # New Year; Sun Jan 4 works
])
def test_limits_are_working_days_on_the_official_calendar(office_agency, received, reply, result):
    row = letter(office_agency, day=received)
    assert (row.received_on, row.reply_due, row.result_due) == (received, reply, result)


def test_the_site_sets_the_limits(settings, office_agency):
    settings.MAILBOX_REPLY_DAYS, settings.MAILBOX_RESULT_DAYS = 3, 15
    row = letter(office_agency)
    assert (row.reply_due, row.result_due) == (dt.date(2025, 10, 10), dt.date(2025, 10, 27))


# --- writing --------------------------------------------------------------------------------------


def answer(page: str) -> str:
    from gongkai.lib.zh.numerals import cn_to_int

    m = re.search(r"请计算：(.+?)(加|减)(.+?)等于几", page)
    a, b = cn_to_int(m.group(1)), cn_to_int(m.group(3))
    return str(a + b if m.group(2) == "加" else a - b)


def write(client, agency, **changes):
    page = client.get(reverse("mailbox:write")).content.decode()
    token = re.search(r'name="challenge_token" value="([^"]+)"', page).group(1)
    data = {"addressed_to": agency.pk, "subject": "公交站台没有遮雨棚", "category": "suggest",
            "content": "建议在青禾路公交站增设遮雨棚。", "writer_name": "林小禾", "writer_phone": "010-00000000",
            "may_publish": "on", "challenge_token": token, "challenge_answer": answer(page), **changes}
    return client.post(reverse("mailbox:write"), data)


def test_a_resident_writes_and_gets_a_number_and_a_status_page(client, office_agency):
    response = write(client, office_agency, attachment=SimpleUploadedFile("照片.png", b"\x89PNG made-up"))
    row = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("mailbox:status", args=[row.number])
    page = client.get(response["Location"]).content.decode()
    assert row.number in page and row.access_key in page and "待签收" in page
    assert AuditEntry.objects.filter(action="mailbox.submit").exists()
    download = client.get(reverse("mailbox:attachment", args=[row.number, row.attachments.get().pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"\x89PNG made-up"


def test_the_status_page_needs_the_number_and_the_secret(client, office_agency):
    row = letter(office_agency)
    url = reverse("mailbox:status", args=[row.number])
    assert client.get(url).status_code == 404
    bad = client.post(reverse("mailbox:lookup"), {"number": row.number, "access_key": "guess"})
    assert bad.status_code == 400 and "不正确" in bad.content.decode()
    ok = client.post(reverse("mailbox:lookup"), {"number": row.number, "access_key": row.access_key})
    assert ok["Location"] == url and client.get(url).status_code == 200


def test_a_wrong_answer_changes_nothing_and_asks_a_new_question(client, office_agency):
    response = write(client, office_agency, challenge_answer="999")
    assert response.status_code == 400 and "验证问题回答不正确" in response.content.decode()
    assert "请计算：" in response.content.decode() and Letter.objects.count() == 0


def test_the_same_letter_twice_is_refused(client, office_agency):
    assert write(client, office_agency).status_code == 302
    again = write(client, office_agency, content="建议在青禾路公交站 增设遮雨棚")
    assert again.status_code == 400 and "请勿重复提交" in again.content.decode()
    assert Letter.objects.count() == 1


def test_too_many_letters_from_one_network_wait(client, settings, office_agency):
    settings.ABUSE_PER_NETWORK = 1
    assert write(client, office_agency).status_code == 302
    response = write(client, office_agency, subject="另一件事")
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Letter.objects.count() == 1


def test_sensitive_words_and_id_numbers_are_flagged_for_a_person(office_agency):
    row = letter(office_agency, content=f"有人在小区里组织网赌。我的身份证号是{ID_NUMBER}。")
    assert row.flags == ["敏感词：网赌", "含身份证号"] and row.held


def test_a_signed_in_reader_sees_their_letters_in_the_center(client, office_agency):
    reader = User.objects.create_user("reader@example.cn", email="reader@example.cn", password="x")
    from gongkai.readers.models import Reader

    Reader.objects.create(user=reader, confirmed_at=reader.date_joined)
    mine = letter(office_agency, writer=reader, subject="我的来信")
    letter(office_agency, subject="别人的来信")
    client.force_login(reader)
    page = client.get(reverse("accounts:center")).content.decode()
    assert mine.number in page and "我的来信" in page and "别人的来信" not in page
    assert client.get(reverse("mailbox:status", args=[mine.number])).status_code == 200


# --- staff: scoping, routing, transfer, reply ----------------------------------------------------


def test_another_departments_staff_cannot_read_a_letter_not_routed_to_them(client, office, office_agency,
                                                                            housing, land):
    row = letter(office_agency)
    builder = f.staff("builder", housing)
    surveyor = f.staff("surveyor", land)
    url = reverse("mailbox:staff_letter", args=[row.number])
    client.force_login(builder)
    assert client.get(url).status_code == 404
    assert client.post(reverse("mailbox:staff_step", args=[row.number, "reply"]), {"reply-body": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        actions.reply(builder, row, "不是我们的信")
    actions.route(office, row, housing, "住建局负责小区路灯")
    assert client.get(url).status_code == 200
    client.force_login(surveyor)
    assert client.get(url).status_code == 404
    actions.transfer(builder, row, land, "路灯属于规划道路配套，由自然资源局办理")
    assert client.get(url).status_code == 200
    client.force_login(builder)
    assert client.get(url).status_code == 404  # transferred away: no longer theirs
    assert row.number not in client.get(reverse("mailbox:staff_list")).content.decode()


def test_only_the_office_routes_and_a_transfer_needs_a_reason(office, office_agency, housing, land):
    row = letter(housing)
    builder = f.staff("builder", housing)
    with pytest.raises(PermissionDenied):
        actions.route(builder, row, land, "想交出去")
    with pytest.raises(actions.Refused):
        actions.transfer(builder, row, land, "  ")
    moved = actions.transfer(builder, row, land, "不属于本局职责")
    assert (moved.agency, moved.status) == (land, Letter.SUBMITTED)
    assert [e.kind for e in moved.events.all()] == ["submit", "transfer"]
    assert AuditEntry.objects.filter(action="mailbox.transfer", summary__contains="自然资源局").exists()


def test_staff_receive_reply_and_close_through_the_pages(client, housing):
    row = letter(housing)
    client.force_login(f.staff("builder", housing))
    step = lambda verb, **data: client.post(reverse("mailbox:staff_step", args=[row.number, verb]),  # noqa: E731
                                            {f"{verb}-{k}": v for k, v in data.items()})
    assert step("receive").status_code == 302
    assert step("close", result="x").status_code == 302  # refused: not answered yet
    assert Letter.objects.get().status == Letter.HANDLING
    step("reply", body="已安排维修，本周内修复。")
    step("close", result="路灯已修复。")
    row.refresh_from_db()
    assert (row.status, row.reply_agency, row.result) == (Letter.CLOSED, housing, "路灯已修复。")
    assert client.get(reverse("mailbox:staff_step", args=[row.number, "reply"])).status_code == 405


def test_the_writer_is_mailed_after_the_reply_commits(housing, mailoutbox, django_capture_on_commit_callbacks):
    draft = actions.Draft(addressed_to=housing, writer_name="林小禾", subject="路灯损坏", category="help",
                          content="路灯坏了。", may_publish=False, writer_email="writer@example.cn")
    row = actions.submit(None, draft, today=MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(f.staff("builder", housing), row, "已修复。")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["writer@example.cn"]
    assert row.number in mailoutbox[0].subject and "已修复" not in mailoutbox[0].body


def test_staff_pages_are_for_handling_staff_only(client, housing):
    url = reverse("mailbox:staff_list")
    assert client.get(url).status_code == 302
    client.force_login(User.objects.create_user("citizen", password="x"))
    assert client.get(url).status_code == 403
    client.force_login(f.staff("unassigned", None))
    assert client.get(url).status_code == 403


# --- publication: consent and the personal-data check ----------------------------------------------


def answered(to, staff, **kw) -> Letter:
    row = letter(to, **kw)
    return actions.reply(staff, row, "已安排维修，本周内修复。", today=MONDAY + dt.timedelta(days=1))


def test_a_letter_with_an_id_number_is_held_until_a_person_masks_it(client, housing):
    builder = f.staff("builder", housing)
    row = answered(housing, builder, content=f"路灯坏了。我的身份证号{ID_NUMBER}，电话13800000000。")
    with pytest.raises(actions.Refused) as refused:
        actions.publish(builder, row, row.content, row.reply)
    assert "身份证号" in refused.value.message and {f.kind for f in refused.value.findings} >= {"id_card", "mobile"}
    row.refresh_from_db()
    assert row.published_at is None and "含身份证号" in row.flags
    assert row.events.filter(kind="hold").exists()
    assert client.get(reverse("mailbox:public_letter", args=[row.number])).status_code == 404
    published = actions.publish(builder, row, "路灯坏了。我的身份证号＊＊＊＊，电话＊＊＊＊。", row.reply)
    assert published.published_at and published.flags == []
    page = client.get(reverse("mailbox:public_letter", args=[row.number])).content.decode()
    assert "＊＊＊＊" in page and ID_NUMBER not in page


def test_nothing_is_published_without_the_writers_consent(client, housing):
    builder = f.staff("builder", housing)
    row = answered(housing, builder, consent=False)
    with pytest.raises(actions.Refused, match="不同意公开"):
        actions.publish(builder, row, row.content, row.reply)
    assert row.number not in client.get(reverse("mailbox:public_list")).content.decode()
    assert client.get("/api/mailbox/letters").json()["total"] == 0
    client.force_login(builder)
    assert "step-publish" not in client.get(reverse("mailbox:staff_letter", args=[row.number])).content.decode()


def test_nothing_is_published_before_a_person_publishes_it(client, housing):
    builder = f.staff("builder", housing)
    row = answered(housing, builder)
    assert client.get(reverse("mailbox:public_letter", args=[row.number])).status_code == 404
    actions.publish(builder, row, row.content, row.reply)
    assert client.get(reverse("mailbox:public_letter", args=[row.number])).status_code == 200
    body = client.get("/api/mailbox/letters").json()
    assert body["total"] == 1 and body["items"][0]["number"] == row.number and "林小禾" not in str(body)
    page = client.get(reverse("portal:interaction")).content.decode()
    assert "路灯损坏" in page and "领导信箱" in page


def test_the_writer_rates_the_reply_once(client, housing):
    builder = f.staff("builder", housing)
    row = answered(housing, builder)
    client.post(reverse("mailbox:lookup"), {"number": row.number, "access_key": row.access_key})
    url = reverse("mailbox:rate", args=[row.number])
    assert client.post(url, {"rating": "basic"}).status_code == 302
    client.post(url, {"rating": "unsatisfied"})
    row.refresh_from_db()
    assert row.rating == "basic"
    other = type(client)()
    assert other.post(url, {"rating": "unsatisfied"}).status_code == 404


# --- 待办 and statistics: a late letter -------------------------------------------------------------


def test_a_late_letter_is_on_the_staff_todo_page(client, on_day, housing, land):
    late = letter(housing, subject="逾期未答复的来信")
    letter(land, subject="别的部门的来信")
    letter(housing, day=dt.date(2025, 10, 13), subject="还早的来信")  # due Oct 20
    on_day(dt.date(2025, 10, 14))
    client.force_login(f.staff("builder", housing))
    page = client.get(reverse("applications:todo")).content.decode()
    assert "领导信箱来信期限" in page and late.number in page and "已逾期 1 个工作日" in page
    assert "别的部门的来信" not in page and "还早的来信" not in page


def test_a_letter_due_soon_is_warned_before_its_limit(client, on_day, housing):
    soon = letter(housing)
    on_day(dt.date(2025, 10, 10))  # two working days before Oct 13 (Saturday Oct 11 works)
    client.force_login(f.staff("builder", housing))
    page = client.get(reverse("applications:todo")).content.decode()
    assert soon.number in page and "2 个工作日" in page


def test_statistics_count_late_on_time_days_and_satisfaction(client, on_day, housing, land):
    builder, surveyor = f.staff("builder", housing), f.staff("surveyor", land)
    on_time = letter(housing)
    actions.reply(builder, on_time, "已修复。", today=dt.date(2025, 10, 9))  # 2 working days
    actions.rate(None, on_time, "satisfied")
    replied_late = letter(land)
    actions.reply(surveyor, replied_late, "已处理。", today=dt.date(2025, 10, 14))  # 6 working days
    actions.rate(None, replied_late, "unsatisfied")
    letter(housing)  # never answered
    letter(housing, day=dt.date(2025, 10, 13))  # not due yet
    stats = statistics.for_year(2025, dt.date(2025, 10, 14))
    total = stats.total
    assert (total.received, total.replied, total.on_time, total.late, total.pending) == (4, 2, 1, 2, 1)
    assert (total.average_days, total.satisfaction, total.on_time_rate) == (4.0, 50.0, 33.3)
    by_agency = {r.label: r for r in stats.by_agency}
    assert by_agency["青禾区住房和城乡建设局"].late == 1 and by_agency["青禾区自然资源局"].late == 1
    assert [r.label for r in stats.by_month] == ["2025年9月", "2025年10月"]
    on_day(dt.date(2025, 10, 14))
    page = client.get(reverse("mailbox:statistics") + "?year=2025").content.decode()
    assert "青禾区自然资源局" in page and "33.3%" in page and "50.0%" in page
    api = client.get("/api/mailbox/statistics?year=2025").json()
    assert api["total"]["late"] == 2 and api["reply_limit_workdays"] == 5
    assert client.get("/api/mailbox/statistics?year=0").status_code == 400
    figures = client.get(reverse("portal:interaction")).content.decode()
    assert "2025年办理情况" in figures and "<dt>逾期</dt><dd>2</dd>" in figures
