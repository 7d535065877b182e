"""The decision register, department pages, exports, the API, the document's structured view, the admin."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from gongkai.accounts.models import Agency
from gongkai.catalog.models import Document
from gongkai.minutes import views
from gongkai.minutes.models import AgendaItemRecord, MeetingRecord
from tests import factories as f
from tests.test_minutes_records import MINUTES_TEXT, publish_minutes, qinghe

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures" / "minutes"

LAST_YEAR = MINUTES_TEXT.replace("2024年3月12日", "2023年9月5日").replace("第9次", "第3次").replace(
    "印发实施", "提请区委常委会审议")


@pytest.fixture
def district() -> dict[str, Any]:
    """Two meetings of two years; the catalog knows some of the departments they name."""
    ag = qinghe()
    this = publish_minutes(ag["office"])
    last = publish_minutes(ag["office"], title="青禾区人民政府第3次常务会议纪要", text=LAST_YEAR)
    return {**ag, "this": this, "last": last}


def page(client: Client, url: str, **params: Any) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_register_lists_every_item_with_links_to_its_document_and_departments(client, district):
    html = page(client, "/decisions/")
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert html.count(f'href="/xxgk/{district["this"].pk}/"') == 3
    assert html.count(f'href="/xxgk/{district["last"].pk}/"') == 3
    assert f'href="/decisions/dept/{district["housing"].pk}/">区住房和城乡建设局</a>' in html
    assert f'href="/decisions/dept/{district["dev"].pk}/">区发改局</a>' in html
    assert "原则同意区发改局提出的《青禾区公共停车场管理办法（送审稿）》" in html
    assert "区市场监管局" in html  # shown as written even without an agency to link to
    assert html.index("2024-03-12") < html.index("2023-09-05")  # newest meeting first


def rows_of(html: str) -> int:
    return html.count('<th scope="row">')


@pytest.mark.parametrize("params, expected", [
    ({}, 6),
    ({"year": "2023"}, 3),
    ({"kind": "原则同意"}, 6),
    ({"follow_up": "印发实施"}, 1),
    ({"follow_up": "提请区委常委会审议", "year": "2024"}, 1),
    ({"year": "abc"}, 6),  # a filter that cannot be right is ignored, not an error
])
def test_the_register_filters(client, district, params, expected):
    assert rows_of(page(client, "/decisions/", **params)) == expected


def test_the_register_filters_by_department_sponsored_or_addressed(client, district):
    assert rows_of(page(client, "/decisions/", dept=district["dev"].pk)) == 4  # sponsor of 3, addressed in 1
    assert rows_of(page(client, "/decisions/", dept=district["finance"].pk)) == 2
    html = page(client, "/decisions/", dept=district["finance"].pk)
    assert f'<option value="{district["finance"].pk}" selected>' in html


def test_the_register_is_paginated(client, district, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    first = page(client, "/decisions/", year="2024", page="1")
    assert rows_of(first) == 3 and 'rel="next"' not in first
    first = page(client, "/decisions/")
    assert rows_of(first) == 4 and 'rel="next"' in first
    second = page(client, "/decisions/", page="2")
    assert rows_of(second) == 2 and 'rel="prev"' in second


def test_withdrawn_minutes_leave_the_register(client, district):
    from gongkai.catalog import actions

    actions.withdraw(None, district["last"], reason="内容有误", system=True)
    assert rows_of(page(client, "/decisions/")) == 3


def test_the_department_page_shows_what_meetings_asked_of_it(client, district):
    html = page(client, f"/decisions/dept/{district['housing'].pk}/")
    assert "<h1>青禾区住房和城乡建设局</h1>" in html
    assert rows_of(html) == 2  # item 1 of both meetings
    assert "提出" in html and "区住建局要会同区财政局做好资金保障" in html
    assert html.index("2024-03-12") < html.index("2023-09-05")
    finance = page(client, f"/decisions/dept/{district['finance'].pk}/")
    assert "会议要求" in finance and "原则同意区住房和城乡建设局" not in finance  # addressed, not sponsor
    assert client.get("/decisions/dept/999999/").status_code == 404
    assert client.post(f"/decisions/dept/{district['finance'].pk}/").status_code == 405


def test_the_register_and_department_pages_exist_in_every_language(client, district):
    # The locale middleware leaves the request's language active: restore ours for the tests after.
    with translation.override(translation.get_language()):
        for prefix in ("/zh-hant", "/en"):
            register = page(client, f"{prefix}/decisions/")
            assert f'href="{prefix}/decisions/dept/{district["dev"].pk}/"' in register
            assert client.get(f"{prefix}/decisions/dept/{district['dev'].pk}/").status_code == 200
    assert client.post("/decisions/").status_code == 405


def test_csv_export_opens_in_excel_and_honours_the_filters(client, district):
    response = client.get("/decisions/export.csv", {"year": "2024"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    assert rows[0][:4] == ["会议日期", "会议", "会议次数", "序号"]
    assert len(rows) == 4 and {r[0] for r in rows[1:]} == {"2024-03-12"}
    assert rows[1][7] == "区住房和城乡建设局" and rows[1][-1].endswith(f"/xxgk/{district['this'].pk}/")


def test_json_export_and_api_give_the_same_rows(client, district):
    exported = json.loads(client.get("/decisions/export.json", {"dept": district["dev"].pk}).content)
    api = client.get("/api/decisions", {"dept": district["dev"].pk}).json()
    assert exported["count"] == api["total"] == 4
    assert exported["items"] == api["items"]
    row = next(r for r in api["items"] if r["n"] == 3 and r["meeting_date"] == "2024-03-12")
    assert row["sponsors"] == [{"name": "区发改局", "id": district["dev"].pk,
                                "url": f"http://testserver/decisions/dept/{district['dev'].pk}/"}]
    assert row["decision_kind"] == "原则同意" and row["follow_up"] == "印发实施"
    assert row["document_url"] == f"http://testserver/xxgk/{district['this'].pk}/"


def test_the_api_pages_filters_and_is_documented(client, district):
    assert client.get("/api/decisions", {"limit": 2, "offset": 5}).json()["items"][0]["n"] == 3
    assert client.get("/api/decisions", {"year": 2023, "follow_up": "提请区委常委会审议"}).json()["total"] == 2
    assert client.get("/api/decisions", {"year": "x"}).status_code == 422
    schema = client.get("/api/openapi.json").json()
    assert "/api/decisions" in schema["paths"]


def test_the_document_page_shows_the_structure_with_links(client, district):
    rule = f.document(district["office"], "关于印发《青禾区公共停车场管理办法》的通知")
    from gongkai.minutes import records

    records.refresh(Document.objects.get(pk=district["this"].pk))
    html = page(client, f"/xxgk/{district['this'].pk}/")
    assert 'id="minutes-h"' in html and "<caption>" in html
    attendees, nonvoting = ("林若川", "宋知远", "顾岚", "白一鸣"), ("许澄", "韩素", "周明远")
    for people in (attendees, nonvoting):  # each name kept whole, 、 between them
        assert "、".join(f'<span class="name">{p}</span>' for p in people) in html
    assert "第9次" in html
    assert f'<a href="/xxgk/{rule.pk}/">《青禾区公共停车场管理办法（送审稿）》</a>' in html
    assert f'<a href="/decisions/dept/{district["housing"].pk}/">区住房和城乡建设局</a>' in html
    assert "提请区委常委会审议" in html and 'href="/decisions/"' in html
    plain = page(client, f"/xxgk/{rule.pk}/")
    assert 'id="minutes-h"' not in plain


def test_imported_minutes_enter_the_register(client):
    finance = f.agency("青禾区财政局", code="200000001", short_names=["区财政局"])
    call_command("import", str(FIXTURES / "qinghe_numbered.txt"), stdout=io.StringIO())
    record = MeetingRecord.objects.get(document=Document.objects.get())
    assert record.chair == "林若川" and record.items.count() == 5 and len(record.nonvoting) == 4
    html = page(client, "/decisions/")
    assert rows_of(html) == 5
    for item in AgendaItemRecord.objects.exclude(decision=""):
        assert item.decision[:20] in html
    assert f'href="/decisions/dept/{finance.pk}/">区财政局</a>' in html
    assert rows_of(page(client, "/decisions/", dept=finance.pk)) == 1


def admin_post(client: Client, url: str, change: dict[str, Any], item_changes: dict[int, dict[str, Any]]) -> Any:
    """Submit the admin's change form as shown, with some fields changed."""
    shown = client.get(url).context
    form = shown["adminform"].form
    data = _form_data(form)
    data.update({form.add_prefix(k): v for k, v in change.items()})
    formset = shown["inline_admin_formsets"][0].formset
    data.update(_form_data(formset.management_form))
    for i, sub in enumerate(formset.forms):
        data.update(_form_data(sub))
        data.update({sub.add_prefix(k): v for k, v in item_changes.get(i, {}).items()})
    return client.post(url, data)


def _form_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
            continue
        data[form.add_prefix(name)] = "" if value is None else value
        if field.show_hidden_initial:  # fields with a callable default post their initial value too
            data[form.add_initial_prefix(name)] = data[form.add_prefix(name)]
    return data


def test_staff_correct_in_the_admin_and_a_reparse_keeps_it(client, district):
    from gongkai.catalog import actions
    from gongkai.minutes import records

    User.objects.create_superuser("office", password="correct horse battery")
    client.login(username="office", password="correct horse battery")
    record = district["this"].meeting
    url = f"/admin/minutes/meetingrecord/{record.pk}/change/"
    response = admin_post(client, url, {"chair": "林若川同志", "attendees": "林若川\n宋知远"},
                          {0: {"sponsors": "区住建局"}, 1: {"DELETE": "on"}})
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    record.refresh_from_db()
    assert sorted(record.corrected_fields) == ["attendees", "chair", "items"]
    assert record.attendees == ["林若川", "宋知远"]
    first = record.items.get(n=1)
    assert first.sponsors == ["区住建局"] and first.corrected_fields == ["sponsors"]
    actions.update_document(None, district["this"], {"summary": "第9次常务会议"}, system=True)
    records.refresh(Document.objects.get(pk=district["this"].pk))
    record.refresh_from_db()
    assert record.chair == "林若川同志" and record.attendees == ["林若川", "宋知远"]
    assert list(record.items.values_list("n", flat=True)) == [1, 3]
    assert record.items.get(n=1).sponsors == ["区住建局"]
    assert Agency.objects.get(pk=district["housing"].pk).minutes_assignments.filter(item__n=1, role="sponsor",
                                                                                   item__meeting=record).exists()


def test_a_clerk_of_another_agency_cannot_correct(client, district):
    other = f.agency("青禾区教育局", code="300000001")
    clerk = f.staff("teacher", other)
    from django.contrib.auth.models import Permission

    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="minutes"))
    client.force_login(clerk)
    record = district["this"].meeting
    assert client.get(f"/admin/minutes/meetingrecord/{record.pk}/change/").status_code in (302, 404)
    assert client.get("/admin/minutes/meetingrecord/").context["cl"].result_count == 0
