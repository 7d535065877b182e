"""待办 and deadline reminders: which applications a clerk sees, in which order, with which warning,
and the worker that mails each agency's staff about each application once a day."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from gongkai.accounts.models import Agency, Membership
from gongkai.applications import reminders, todo
from gongkai.applications.models import Application
from tests import factories as f

pytestmark = pytest.mark.django_db

# Monday before the National Day week of 2025: Oct 1–8 are holidays, Sunday Sep 28 was a working day.
MONDAY = dt.date(2025, 9, 29)
# Late December 2026, when the 2027 holidays are not published yet.
YEAR_END = dt.date(2026, 12, 30)
_serial = itertools.count(1)


def application(agency: Agency, due: dt.date, status: str = "received", **fields: object) -> Application:
    n = next(_serial)
    values = {
        "number": f"{due.year}-{n:04d}", "agency": agency, "applicant_name": "林小禾", "id_number": "000000",
        "description": f"青禾区第{n}号试行文件", "channel": "online", "received_on": due - dt.timedelta(days=28),
        "clock_start": due - dt.timedelta(days=28), "due_on": due, "status": status,
    }
    return Application.objects.create(**{**values, **fields})


@pytest.fixture
def on_day(monkeypatch):
    """Make `today` a chosen day for the page and the worker."""

    def set_day(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return set_day


@pytest.fixture
def housing() -> Agency:
    return f.agency(name="青禾区住房和城乡建设局", code="111111111")


@pytest.fixture
def land() -> Agency:
    return f.agency(name="青禾区自然资源局", code="222222222")


@pytest.fixture
def clerk(housing) -> User:
    user = f.staff("clerk", housing)
    user.email = "clerk@example.gov.cn"
    user.save()
    return user


def test_due_within_3_working_days_counts_the_holiday_week(housing):
    # Sep 30, Oct 9 and Oct 10 are the next three working days: Oct 10 is in, Oct 13 is not.
    inside = application(housing, dt.date(2025, 10, 10))
    outside = application(housing, dt.date(2025, 10, 13))
    items = todo.todo_items(Application.objects.all(), MONDAY)
    assert [i.application for i in items] == [inside]
    assert items[0].remaining == 3 and not items[0].overdue and items[0].warning == ""
    assert outside not in [i.application for i in items]


def test_most_urgent_first_and_closed_applications_left_out(housing):
    soon = application(housing, dt.date(2025, 10, 9))
    overdue_long = application(housing, dt.date(2025, 9, 19))
    due_today = application(housing, MONDAY)
    overdue_short = application(housing, dt.date(2025, 9, 26))
    application(housing, dt.date(2025, 9, 19), status="answered", outcome="disclose")
    application(housing, dt.date(2025, 9, 19), status="abandoned")
    items = todo.todo_items(Application.objects.all(), MONDAY)
    assert [i.application for i in items] == [overdue_long, overdue_short, due_today, soon]
    assert [i.overdue for i in items] == [True, True, False, False]
    assert items[1].remaining == -2  # Sunday Sep 28 was a make-up working day


def test_lapsed_correction_and_fee_periods_are_listed_for_closing(housing):
    correcting = application(housing, dt.date(2025, 12, 31), status="correcting",
                             correction_due=dt.date(2025, 9, 26))
    application(housing, dt.date(2025, 12, 31), status="correcting", correction_due=dt.date(2025, 10, 20))
    unpaid = application(housing, dt.date(2025, 12, 31), status="fee_pending", fee_due=dt.date(2025, 9, 26))
    items = todo.todo_items(Application.objects.all(), MONDAY)
    assert {(i.application, i.what) for i in items} == {(correcting, "补正期限"), (unpaid, "缴费期限")}


def test_a_deadline_in_a_year_of_unknown_holidays_carries_the_warning(housing):
    item, = todo.todo_items(Application.objects.all().filter(pk=application(housing, dt.date(2027, 1, 4)).pk),
                            YEAR_END)
    assert "2027年的法定节假日安排尚未载入" in item.warning


def test_the_page_shows_only_the_clerks_agencies_most_urgent_first(client, on_day, clerk, housing, land):
    on_day(MONDAY)
    later = application(housing, dt.date(2025, 10, 9), description="青禾区口袋公园建设方案")
    first = application(housing, dt.date(2025, 9, 26), description="青禾区老旧小区改造计划")
    application(land, dt.date(2025, 9, 26), description="青禾区土地出让计划")
    client.force_login(clerk)
    response = client.get(reverse("applications:todo"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "青禾区土地出让计划" not in page
    assert page.index(first.number) < page.index(later.number)
    assert "已逾期 2 个工作日" in page and "2 个工作日" in page
    assert "期限可能不准确" not in page


def test_the_office_sees_every_agency(client, on_day, housing, land):
    on_day(MONDAY)
    application(housing, dt.date(2025, 9, 30), description="青禾区口袋公园建设方案")
    application(land, dt.date(2025, 9, 30), description="青禾区土地出让计划")
    client.force_login(f.staff("office", housing, role=Membership.OFFICE))
    page = client.get(reverse("applications:todo")).content.decode()
    assert "青禾区口袋公园建设方案" in page and "青禾区土地出让计划" in page


def test_the_page_warns_loudly_about_an_unknown_year(client, on_day, clerk, housing):
    on_day(YEAR_END)
    application(housing, dt.date(2027, 1, 4))
    client.force_login(clerk)
    page = client.get(reverse("applications:todo")).content.decode()
    assert 'role="alert"' in page and "2027年的法定节假日安排尚未载入" in page and "节假日未知" in page


def test_only_handling_staff_may_open_the_page(client, housing):
    url = reverse("applications:todo")
    assert client.get(url).status_code == 302  # to sign in
    citizen = User.objects.create_user("citizen", password="correct horse battery")
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(f.staff("unassigned", None))  # staff, but of no agency
    assert client.get(url).status_code == 403
    client.force_login(f.staff("member", housing))
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


# --- the reminder worker ------------------------------------------------------------------------


def test_the_worker_mails_each_agency_its_own_applications_once(housing, land, clerk):
    soon = application(housing, dt.date(2025, 10, 9))
    late = application(housing, dt.date(2025, 9, 26))
    theirs = application(land, dt.date(2025, 9, 30))
    application(housing, dt.date(2025, 10, 20))  # not due yet
    colleague = f.staff("surveyor", land)
    colleague.email = "surveyor@example.gov.cn"
    colleague.save()
    first = reminders.send_reminders(MONDAY)
    assert (first.mailed, first.mails, first.failed) == (3, 2, 0)
    by_to = {tuple(m.to): m for m in mail.outbox}
    assert set(by_to) == {("clerk@example.gov.cn",), ("surveyor@example.gov.cn",)}
    ours = by_to[("clerk@example.gov.cn",)]
    assert "逾期 1 件" in ours.subject
    assert ours.body.index(late.number) < ours.body.index(soon.number) and theirs.number not in ours.body
    assert "已逾期 2 个工作日" in ours.body
    again = reminders.send_reminders(MONDAY)
    assert (again.mailed, again.mails) == (0, 0) and len(mail.outbox) == 2
    assert set(Application.objects.filter(reminded_on=MONDAY)) == {soon, late, theirs}


def test_a_claim_is_taken_once_and_again_the_next_day(housing):
    app = application(housing, dt.date(2025, 9, 30))
    taken = reminders.claim(app.pk, MONDAY)
    assert taken is not None and taken.previous is None
    assert reminders.claim(app.pk, MONDAY) is None  # a second worker the same day
    assert reminders.claim(app.pk, dt.date(2025, 9, 30)) == reminders.Claim(app.pk, MONDAY)


def test_a_failed_mail_gives_the_claims_back(housing, clerk, monkeypatch):
    app = application(housing, dt.date(2025, 9, 30))

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(reminders.mail.EmailMessage, "send", broken)
    assert reminders.send_reminders(MONDAY).failed == 1
    app.refresh_from_db()
    assert app.reminded_on is None
    monkeypatch.undo()
    assert reminders.send_reminders(MONDAY).mailed == 1 and len(mail.outbox) == 1


def test_an_agency_without_staff_addresses_is_counted_not_mailed(housing):
    application(housing, dt.date(2025, 9, 30))
    result = reminders.send_reminders(MONDAY)
    assert (result.no_recipients, result.mails) == (1, 0) and mail.outbox == []


def test_the_command_runs_once_and_twice_mails_once(on_day, housing, clerk, capsys):
    on_day(MONDAY)
    application(housing, dt.date(2025, 9, 30))
    call_command("remind_deadlines", "--once")
    call_command("remind_deadlines", "--once")
    out = capsys.readouterr().out
    assert "reminded about 1 in 1 mails" in out and "reminded about 0 in 0 mails" in out
    assert len(mail.outbox) == 1 and "青禾区住房和城乡建设局" in mail.outbox[0].subject


def test_the_loop_mode_passes_until_stopped(on_day, housing, clerk, monkeypatch, capsys):
    on_day(MONDAY)
    application(housing, dt.date(2025, 9, 30))
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("gongkai.applications.management.commands.remind_deadlines.time.sleep", sleep)
    call_command("remind_deadlines", "--interval", "60")
    assert naps == [60, 60] and len(mail.outbox) == 1
    assert capsys.readouterr().out.strip().endswith("stopped")
