"""依申请公开 in a browser: a citizen applies online, staff ask for a 补正, the citizen corrects, staff
consult a third party, the office extends, staff reply 部分公开; the citizen sees every step and the clock."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User

from gongkai.accounts.models import Membership
from gongkai.applications.models import Application
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(settings, tmp_path):
    settings.APPLICATIONS_PRIVATE_DIR = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    agency = f.agency("青禾区自然资源局", code="111111111")
    f.agency("青禾区卫生健康局", code="222222222")
    office_agency = f.agency("青禾区人民政府办公室", code="333333333")
    return {
        "citizen": User.objects.create_user("citizen@example.cn", email="citizen@example.cn", password="x"),
        "clerk": f.staff("clerk_a", agency),
        "office": f.staff("office", office_agency, role=Membership.OFFICE),
    }


def step(page, verb: str, **fields: str) -> None:
    """Open a step on the staff page, fill it and submit it."""
    box = page.locator(f"#step-{verb}")
    box.locator("summary").click()
    for name, value in fields.items():
        field = box.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_citizen_applies_and_follows_every_step(people, as_user, live_server, tmp_path):
    citizen = as_user(people["citizen"])
    citizen.goto(live_server.url + "/applications/")
    citizen.select_option("#id_agency", label="青禾区自然资源局")
    citizen.fill("#id_applicant_name", "林小禾")
    citizen.fill("#id_id_number", "110101199001011234")
    citizen.fill("#id_phone", "010-00000000")
    citizen.fill("#id_description", "示例公园改造工程的批复")
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(b"%PDF-1.4\n% made-up\n")
    citizen.set_input_files("#id_id_proof", str(proof))
    citizen.check("#id_promise")
    citizen.click("main button[type=submit]")
    citizen.wait_for_url(re.compile(r"/applications/status/[\d-]+/$"))
    number = Application.objects.get().number
    assert number in citizen.inner_text("h1")
    assert "答复期限" in citizen.inner_text("#clock") and "还剩" in citizen.inner_text("#clock")
    citizen.locator("#steps summary").first.click()
    assert "接收回执" in citizen.inner_text("#steps")

    clerk = as_user(people["clerk"])
    staff_page = f"{live_server.url}/applications/staff/{number}/"
    clerk.goto(staff_page)
    step(clerk, "issue_correction", items="请写明工程所在街道\n请写明批复年份", period_days="10")
    assert "待补正" in clerk.inner_text("#status")

    citizen.reload()
    assert "待补正" in citizen.inner_text("#status") and "补正期限" in citizen.inner_text("#clock")
    assert "请写明批复年份" in citizen.inner_text("#steps")
    citizen.fill("#correct [name=description]", "青禾街道示例公园改造工程2024年的批复")
    citizen.click("#correct button[type=submit]")
    citizen.wait_for_load_state()
    assert "办理中" in citizen.inner_text("#status") and "申请人补正" in citizen.inner_text("#steps")

    clerk.goto(staff_page)
    step(clerk, "start_consultation", kind="consult_third_party", party="青禾示例建设有限公司")
    assert "征求意见中" in clerk.inner_text("#status")

    office = as_user(people["office"])
    office.goto(staff_page)
    step(office, "extend", days="20", reason="需要调取档案并征求第三方意见")
    assert "已延长20个工作日" in office.inner_text("#clock")

    clerk.goto(staff_page)
    step(clerk, "end_consultation", opinion="第三方不同意公开涉及商业秘密的部分")
    clerk.select_option("#outcome", "partial")
    clerk.click("#reply button[type=submit]")
    body = clerk.locator("[name=body_html]")
    assert "【待填写" in body.input_value()  # the reasons are the staff's to write
    body.fill(re.sub(r"【待填写[^】]*】", "涉及商业秘密的部分不予公开。", body.input_value()))
    clerk.click("button:has-text('发出答复')")
    clerk.wait_for_url(staff_page)
    assert "已答复" in clerk.inner_text("#status")

    citizen.reload()
    steps = citizen.inner_text("#steps")
    for seen in ("收到申请", "发出补正通知", "申请人补正", "征求意见", "延期答复", "征求意见结束", "作出答复"):
        assert seen in steps, seen
    assert "部分公开" in citizen.inner_text("p:has(#status)")
    assert "涉及商业秘密的部分不予公开" in citizen.inner_text("#replies")
    assert "征求意见期间不计入" not in citizen.content()  # the clock is closed now
    app = Application.objects.get()
    assert (app.status, app.outcome, app.extension_days) == ("answered", "partial", 20)
