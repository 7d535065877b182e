"""依申请公开 actions: every verb's state, events, audit rows and refusals, on a fixed calendar.

The application is received on Monday 2025-09-22, just before the National Day week (10-01 to 10-08
off, Sunday 09-28 and Saturday 10-11 worked): its reply is due on 2025-10-24.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts.models import AuditEntry
from gongkai.applications import actions, clock
from gongkai.applications.actions import Step
from gongkai.applications.models import Application, WorkdayOverride
from tests.applications_personas import (  # noqa: F401 (fixtures)
    agency_a, agency_b, another, citizen, clerk_a, clerk_b, intake, office, online, private_dir, proof, today,
)

pytestmark = pytest.mark.django_db
D = dt.date


def kinds(application: Application) -> list[str]:
    return list(application.events.values_list("kind", flat=True))


def test_an_online_application_is_numbered_dated_and_due_after_the_national_day_week(online, private_dir):
    assert online.number == f"2025-{online.agency_id:03d}-0001"
    assert (online.received_on, online.clock_start, online.due_on) == (D(2025, 9, 22),) * 2 + (D(2025, 10, 24),)
    assert online.status == "received" and online.channel == "online"
    event = online.events.get()
    assert event.kind == "received" and event.actor == online.applicant_user
    assert event.detail["letter"]["kind"] == "receipt" and online.number in event.detail["letter"]["html"]
    assert AuditEntry.objects.filter(action="application.received", object_id=str(online.pk)).exists()
    # The proof is kept in the private folder under a neutral name, never under MEDIA_ROOT.
    stored = private_dir / online.id_proof.name
    assert stored.read_bytes().startswith(b"%PDF") and "身份证" not in online.id_proof.name


def test_numbers_run_per_agency_and_year(today, citizen, clerk_a, agency_a, agency_b):
    first = actions.receive(citizen, agency_a, intake(), channel="online", received_on=today.day, applicant_user=citizen)
    second = actions.receive(clerk_a, agency_a, intake(), channel="post_signed", received_on=D(2025, 9, 19))
    other = actions.receive(citizen, agency_b, intake(), channel="online", received_on=today.day, applicant_user=citizen)
    assert [first.number[-4:], second.number[-4:], other.number[-4:]] == ["0001", "0002", "0001"]
    assert len({first.number, second.number, other.number}) == 3
    assert second.entered_by == clerk_a and second.applicant_user is None


def test_staff_enter_paper_applications_only_for_their_own_agency(today, clerk_b, citizen, agency_a):
    with pytest.raises(PermissionDenied):
        actions.receive(clerk_b, agency_a, intake(), channel="letter", received_on=today.day)
    with pytest.raises(PermissionDenied):  # a citizen cannot pose as the agency's registry
        actions.receive(citizen, agency_a, intake(), channel="in_person", received_on=today.day)
    assert not Application.objects.exists()


def test_an_incomplete_application_is_refused_with_reasons(today, citizen, agency_a):
    with pytest.raises(ValidationError) as err:
        actions.receive(citizen, agency_a, intake(phone="", email="", address="", description="", id_number=""),
                        channel="online", received_on=today.day, applicant_user=citizen)
    assert set(err.value.message_dict) == {"phone", "description", "id_number"}
    with pytest.raises(ValidationError):
        actions.receive(citizen, agency_a, intake(), channel="online", received_on=D(2025, 9, 23),
                        applicant_user=citizen)  # tomorrow
    assert not Application.objects.exists()


def test_correction_notice_restarts_the_clock_when_corrected(online, clerk_a, today, citizen):
    today.day = D(2025, 9, 24)
    app = actions.issue_correction(clerk_a, online, items="写明工程名称\n写明年份", period_days=10,
                                   step=Step(today.day, "内容不明确"))
    assert app.status == "correcting" and app.correction_due == D(2025, 10, 14)
    assert app.due_on == app.correction_due  # the next date staff must act on
    notice = app.events.get(kind="correction_notice")
    assert notice.detail["to_correct"] == ["写明工程名称", "写明年份"] and notice.reason == "内容不明确"
    assert notice.detail["letter"]["kind"] == "correction"
    with pytest.raises(ValidationError):  # 一次性告知
        actions.issue_correction(clerk_a, app, items="再补一项", period_days=5, step=Step(today.day))
    today.day = D(2025, 10, 9)
    app = actions.record_correction(citizen, app, changes={"description": "青禾区示例公园二期改造工程批复"},
                                    step=Step(today.day))
    assert (app.status, app.clock_start, app.correction_due) == ("received", D(2025, 10, 9), None)
    assert app.description == "青禾区示例公园二期改造工程批复"
    assert app.due_on == clock.due_date(D(2025, 10, 9)).due == D(2025, 11, 5)
    assert app.events.get(kind="corrected").detail["changed"] == ["description"]


def test_the_correction_notice_is_due_within_seven_working_days(online, clerk_a, today):
    today.day = D(2025, 10, 9)  # the 8th working day after receipt
    with pytest.raises(ValidationError, match="7个工作日"):
        actions.issue_correction(clerk_a, online, items="写明年份", period_days=10, step=Step(today.day))
    assert Application.objects.get(pk=online.pk).status == "received"


def test_no_correction_in_time_is_abandonment(online, clerk_a, today):
    actions.issue_correction(clerk_a, online, items="写明年份", period_days=5, step=Step(today.day))
    app = Application.objects.get(pk=online.pk)
    assert app.correction_due == D(2025, 9, 28)  # a 调休 Sunday is a working day
    with pytest.raises(ValidationError, match="届满"):
        actions.mark_abandoned(clerk_a, app, step=Step(D(2025, 9, 22)))
    today.day = D(2025, 10, 9)
    app = actions.mark_abandoned(clerk_a, app, step=Step(today.day, "逾期未补正"))
    assert (app.status, app.outcome, app.answered_on) == ("abandoned", "other_no_correction", today.day)
    with pytest.raises(ValidationError):  # closed: nothing more can happen
        actions.start_consultation(clerk_a, app, kind="consult_third_party", party="某公司", step=Step(today.day))


def test_a_consultation_pauses_the_clock(online, clerk_a, today):
    today.day = D(2025, 9, 24)
    app = actions.start_consultation(clerk_a, online, kind="consult_third_party", party="青禾示例建设有限公司",
                                     step=Step(today.day, "涉及商业秘密"))
    assert app.status == "consulting"
    # While it runs, the date stored assumes the third party takes its full 15 working days.
    reply_by = clock.consultation_reply_due(today.day)
    expected = clock.due_date(D(2025, 9, 22), pauses=[clock.Pause(today.day, reply_by, "consult_third_party")])
    assert app.due_on == expected.due > D(2025, 10, 24)
    today.day = D(2025, 9, 30)
    app = actions.end_consultation(clerk_a, app, opinion="不同意公开", step=Step(today.day))
    assert app.status == "received"
    paused = clock.due_date(D(2025, 9, 22), pauses=[clock.Pause(D(2025, 9, 24), D(2025, 9, 30), "consult_third_party")])
    assert app.due_on == paused.due == D(2025, 11, 3) and paused.paused_days == 6  # 09-28 was worked
    assert kinds(app) == ["received", "consultation_start", "consultation_end"]


def test_extension_is_the_offices_once_and_at_most_twenty_days(online, clerk_a, office, today):
    with pytest.raises(PermissionDenied):
        actions.extend(clerk_a, online, days=10, step=Step(today.day, "数量较大"))
    with pytest.raises(ValidationError):
        actions.extend(office, online, days=21, step=Step(today.day, "数量较大"))
    with pytest.raises(ValidationError):  # the reason goes into the notice
        actions.extend(office, online, days=10, step=Step(today.day, ""))
    app = actions.extend(office, online, days=20, step=Step(today.day, "需要调取档案"))
    assert (app.status, app.extension_days) == ("extended", 20)
    assert app.due_on == clock.due_date(D(2025, 9, 22), extension=20).due == D(2025, 11, 21)
    assert app.events.get(kind="extended").detail["letter"]["kind"] == "extension"
    with pytest.raises(ValidationError, match="一次"):
        actions.extend(office, app, days=1, step=Step(today.day, "再延"))


def test_extension_after_a_pause_adds_to_the_paused_deadline(online, clerk_a, office, today):
    actions.start_consultation(clerk_a, online, kind="consult_coproducer", party="青禾区财政局", step=Step(today.day))
    today.day = D(2025, 9, 26)
    actions.end_consultation(clerk_a, online, opinion="", step=Step(today.day))
    app = actions.extend(office, online, days=5, step=Step(today.day, "需要汇总"))
    pause = clock.Pause(D(2025, 9, 22), D(2025, 9, 26), "consult_coproducer")
    assert app.due_on == clock.due_date(D(2025, 9, 22), pauses=[pause], extension=5).due
    assert app.status == "extended"


def test_a_fee_notice_waits_for_payment_and_ends_the_application_unpaid(online, clerk_a, today, settings):
    with pytest.raises(ValidationError, match="免费"):  # one request this month: free
        actions.fee_notice(clerk_a, online, method="per_request", quantity=None, step=Step(today.day))
    app = actions.fee_notice(clerk_a, online, method="per_page", quantity=40, step=Step(today.day, "复制量大"))
    assert (app.status, app.fee_amount, app.fee_due) == ("fee_pending", 100, clock.fee_payment_due(today.day))
    assert app.due_on == D(2025, 10, 24)  # the fee period does not stop the clock by default
    today.day = app.fee_due + dt.timedelta(days=1)
    app = actions.mark_abandoned(clerk_a, app, step=Step(today.day))
    assert (app.status, app.outcome) == ("abandoned", "other_no_fee")


def test_the_site_may_let_the_fee_period_stop_the_clock(online, clerk_a, today, settings):
    settings.APPLICATIONS_FEE_PAUSES_CLOCK = True
    today.day = D(2025, 9, 23)
    app = actions.fee_notice(clerk_a, online, method="per_page", quantity=40, step=Step(D(2025, 9, 23)))
    today.day = D(2025, 9, 25)
    app = actions.fee_paid(clerk_a, app, step=Step(today.day))
    pause = clock.Pause(D(2025, 9, 23), D(2025, 9, 25), "fee")
    assert app.status == "received"
    assert app.due_on == clock.due_date(D(2025, 9, 22), pauses=[pause], fee_pauses=True).due > D(2025, 10, 24)


def test_a_reply_closes_the_application_and_keeps_the_letter_as_pdf(online, clerk_a, today, private_dir):
    letter = actions.draft_reply(online, "partial")
    with pytest.raises(ValidationError, match="待填写"):
        actions.reply(clerk_a, online, outcome="partial", title=letter.title, body_html=letter.html,
                      step=Step(today.day))
    body = letter.html.replace("【待填写", "【").replace("】", "】。") + "<script>alert(1)</script>"
    row = actions.reply(clerk_a, online, outcome="partial", title=letter.title,
                        body_html=body, step=Step(today.day),
                        links=["/xxgk/1/"])
    app = Application.objects.get(pk=online.pk)
    assert (app.status, app.outcome, app.answered_on) == ("answered", "partial", today.day)
    assert "<script>" not in row.body_html and row.links == ["/xxgk/1/"]
    assert (private_dir / row.pdf.name).read_bytes().startswith(b"%PDF")
    assert app.events.get(kind="answered").detail["late_workdays"] == 0
    row = actions.record_delivery(clerk_a, app, reply_id=row.pk, delivery="email", record="已发送至申请人邮箱",
                                  step=Step(today.day))
    assert row.delivered_on == today.day and app.events.filter(kind="delivered").count() == 1
    with pytest.raises(ValidationError):
        actions.reply(clerk_a, app, outcome="disclose", title="再答复", body_html="<p>x</p>", step=Step(today.day))


def test_outcomes_read_as_sentences():
    from gongkai.applications.models import outcome_label

    assert [outcome_label(c) for c in ("disclose", "partial", "withhold_process", "other_no_fee")] == [
        "予以公开", "部分公开", "不予公开：属于四类过程性信息",
        "其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]


def test_abandonment_outcomes_are_not_replies(online, clerk_a, today):
    with pytest.raises(ValidationError):
        actions.reply(clerk_a, online, outcome="other_no_fee", title="t", body_html="<p>x</p>", step=Step(today.day))


def test_the_office_transfers_and_the_new_agency_handles_it(online, clerk_a, clerk_b, office, agency_b, today):
    with pytest.raises(PermissionDenied):
        actions.transfer(clerk_a, online, to=agency_b, step=Step(today.day, "非本机关"))
    app = actions.transfer(office, online, to=agency_b, step=Step(today.day, "属于卫生健康局职责"))
    assert app.agency == agency_b and app.due_on == D(2025, 10, 24)
    assert app.events.get(kind="transferred").detail == {"from": "青禾区自然资源局", "to": "青禾区卫生健康局"}
    with pytest.raises(PermissionDenied):
        actions.start_consultation(clerk_a, app, kind="consult_third_party", party="x", step=Step(today.day))
    actions.start_consultation(clerk_b, app, kind="consult_third_party", party="x", step=Step(today.day))


def test_another_agencys_clerk_can_do_nothing(online, clerk_b, today):
    steps = [
        lambda: actions.issue_correction(clerk_b, online, items="x", period_days=5, step=Step(today.day)),
        lambda: actions.start_consultation(clerk_b, online, kind="consult_third_party", party="x", step=Step(today.day)),
        lambda: actions.fee_notice(clerk_b, online, method="per_page", quantity=40, step=Step(today.day)),
        lambda: actions.reply(clerk_b, online, outcome="disclose", title="t", body_html="<p>x</p>", step=Step(today.day)),
        lambda: actions.record_remedy(clerk_b, online, kind="reconsideration", result="pending",
                                      filed_on=today.day, decided_on=None, note=""),
    ]
    for step in steps:
        with pytest.raises(PermissionDenied):
            step()
    assert kinds(Application.objects.get(pk=online.pk)) == ["received"]


def test_an_applicant_may_not_act_for_the_agency_nor_correct_anothers(online, citizen, another, today):
    with pytest.raises(PermissionDenied):
        actions.issue_correction(citizen, online, items="x", period_days=5, step=Step(today.day))
    online.status = "correcting"
    online.save()
    with pytest.raises(PermissionDenied):
        actions.record_correction(another, online, changes={"description": "改"}, step=Step(today.day))


def test_steps_are_not_dated_in_the_future_or_before_receipt(online, clerk_a, today):
    for day in (D(2025, 9, 23), D(2025, 9, 19)):
        with pytest.raises(ValidationError):
            actions.start_consultation(clerk_a, online, kind="consult_third_party", party="x", step=Step(day))


def test_remedies_are_recorded_and_decided(online, clerk_a, today):
    actions.reply(clerk_a, online, outcome="withhold_process", title="不予公开告知书", body_html="<p>x</p>",
                  step=Step(today.day))
    today.day = D(2025, 12, 1)
    remedy = actions.record_remedy(clerk_a, online, kind="reconsideration", result="pending",
                                   filed_on=D(2025, 11, 3), decided_on=None, note="申请人申请复议")
    with pytest.raises(ValidationError):
        actions.record_remedy(clerk_a, online, kind="reconsideration", result="upheld", filed_on=D(2025, 11, 3),
                              decided_on=None, note="", remedy_id=remedy.pk)
    remedy = actions.record_remedy(clerk_a, online, kind="reconsideration", result="corrected",
                                   filed_on=D(2025, 11, 3), decided_on=D(2025, 11, 28), note="", remedy_id=remedy.pk)
    assert online.remedies.get().result == "corrected"
    assert online.events.filter(kind="remedy", public=False).count() == 2


def test_a_staff_holiday_moves_the_deadline(db, today, citizen, agency_a):
    WorkdayOverride.objects.create(day=D(2025, 10, 24), is_workday=False, note="示例：临时放假")
    app = actions.receive(citizen, agency_a, intake(), channel="online", received_on=today.day, applicant_user=citizen)
    assert app.due_on == D(2025, 10, 27)


def test_fee_per_request_counts_the_applicants_month(today, citizen, clerk_a, agency_a):
    apps = [actions.receive(citizen, agency_a, intake(), channel="online", received_on=today.day,
                            applicant_user=citizen) for _ in range(11)]
    assert actions.requests_this_month(apps[-1]) == 11
    app = actions.fee_notice(clerk_a, apps[-1], method="per_request", quantity=None, step=Step(today.day))
    assert app.fee_amount == 100  # the 11th request of the month


def test_personal_details_are_forgotten_after_the_retention_period(online, clerk_a, today, settings, private_dir):
    settings.APPLICATIONS_RETENTION_DAYS = 30
    actions.reply(clerk_a, online, outcome="disclose", title="告知书", body_html="<p>x</p>", step=Step(today.day))
    proof_file = private_dir / Application.objects.get(pk=online.pk).id_proof.name
    assert actions.purge_expired(D(2025, 10, 22)) == []  # 30 days not yet over
    assert actions.purge_expired(D(2025, 10, 23)) == [online.number]
    app = Application.objects.get(pk=online.pk)
    assert (app.id_number, app.phone, app.email, app.address, app.id_proof.name) == ("", "", "", "", "")
    assert app.applicant_name == "林小禾" and app.description and not proof_file.exists()
    assert app.events.filter(kind="purged", public=False).count() == 1
    assert actions.purge_expired(D(2025, 12, 1)) == []  # once


def test_an_open_or_disputed_application_keeps_its_details(online, clerk_a, today, settings):
    settings.APPLICATIONS_RETENTION_DAYS = 1
    assert actions.purge_expired(D(2026, 1, 1)) == []  # still open
    actions.reply(clerk_a, online, outcome="withhold_process", title="告知书", body_html="<p>x</p>",
                  step=Step(today.day))
    actions.record_remedy(clerk_a, online, kind="lawsuit_direct", result="pending", filed_on=today.day,
                          decided_on=None, note="")
    assert actions.purge_expired(D(2026, 1, 1)) == []
    settings.APPLICATIONS_RETENTION_DAYS = 0  # keep for ever
    Application.objects.get(pk=online.pk).remedies.update(result="upheld", decided_on=today.day)
    assert actions.purge_expired(D(2030, 1, 1)) == []


def test_the_applicant_is_mailed_after_each_step_is_committed(online, clerk_a, today, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.issue_correction(clerk_a, online, items="写明年份", period_days=5, step=Step(today.day))
    assert mailoutbox == [] and len(callbacks) == 1  # nothing leaves before the commit
    callbacks[0]()
    assert mailoutbox[0].to == ["citizen@example.cn"] and online.number in mailoutbox[0].subject
    assert "/applications/status/" in mailoutbox[0].body


def test_a_late_correction_is_the_agencys_call_not_the_portals(online, clerk_a, citizen, today):
    actions.issue_correction(clerk_a, online, items="写明年份", period_days=5, step=Step(today.day))
    today.day = D(2025, 9, 29)  # the day after the period
    with pytest.raises(ValidationError, match="补正期限"):
        actions.record_correction(citizen, online, changes={"description": "2024年"}, step=Step(today.day))
    app = actions.record_correction(clerk_a, online, changes={"description": "2024年"}, step=Step(today.day, "有正当理由"))
    assert app.status == "received" and app.clock_start == today.day


def test_an_answer_on_the_spot_closes_the_application_the_day_it_arrives(today, clerk_a, agency_a):
    app = actions.receive(clerk_a, agency_a, intake(email=""), channel="in_person", received_on=today.day)
    actions.reply(clerk_a, app, outcome="disclose", title="政府信息公开告知书", body_html="<p>已当场提供。</p>",
                  step=Step(today.day, "当场答复"))
    app = Application.objects.get(pk=app.pk)
    assert (app.status, app.received_on, app.answered_on) == ("answered", today.day, today.day)
    assert kinds(app) == ["received", "answered"]
