"""告知书: every outcome and notice renders, cites its provision and the remedies, escapes what
applicants and staff typed, and prints as a PDF whose text carries the application number."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from gongkai.applications import letters
from gongkai.applications.models import Application
from gongkai.applications.outcomes import OUTCOMES
from gongkai.catalog.models import SiteSettings
from tests import factories as f

pytestmark = pytest.mark.django_db

LETTER_DAY = dt.date(2025, 10, 20)
MARKUP = '<script>alert("x")</script><b>'


@dataclass
class StandIn:
    """What a letter reads of an application, before any row exists (a form preview)."""

    number: str = "2025-0042"
    agency: object = field(default_factory=lambda: SimpleNamespace(name="青禾区住房和城乡建设局"))
    applicant_name: str = "林小禾"
    organisation_name: str = ""
    description: str = "青禾区口袋公园建设项目的立项批复"
    doc_no: str = ""
    received_on: dt.date = dt.date(2025, 9, 22)
    due_on: dt.date = dt.date(2025, 10, 28)
    extension_days: int = 0
    access_key: str = ""


@dataclass(frozen=True)
class Published:
    title: str
    path: str

    def get_absolute_url(self) -> str:
        return self.path


def needed(kind: str) -> dict[str, object]:
    """The arguments a notice cannot go without."""
    return {"correction": {"items": ["写明所需信息的文号"]}, "fee": {"amount": 300}}.get(kind, {})


def text(html: str) -> str:
    return re.sub(r"<[^>]+>|\s+", "", html)


def write(kind: str, app: object | None = None, **extra: object) -> letters.Letter:
    return letters.render(kind, app or StandIn(), today=LETTER_DAY, **{**needed(kind), **extra})


def test_there_is_a_letter_for_each_of_the_21_outcomes_and_6_notices():
    assert len(letters.KINDS) == 27
    assert set(letters.NOTICES) == {"receipt", "correction", "extension", "consult_third_party",
                                    "consult_coproducer", "fee"}


@pytest.mark.parametrize("kind", letters.KINDS)
def test_every_letter_is_headed_numbered_dated_and_cites_its_provision(kind):
    letter = write(kind)
    body = text(letter.html)
    assert letter.kind == kind and letter.title and letter.title in body
    assert body.index("青禾区住房和城乡建设局") < body.index(letter.title)  # headed by the agency
    assert "申请编号：2025-0042" in body
    assert "2025年10月20日" in body
    notice = letters.NOTICES.get(kind)
    article = notice.article if notice else letters.OUTCOME_BY_CODE[kind].article
    if kind == "unable_not_held":
        article = "第三十六条第（四）项"  # the 不存在 half of the report's row
    for provision in re.split("、", article):
        assert provision.split("第", 1)[-1] in body
    assert "《中华人民共和国政府信息公开条例》" in body


@pytest.mark.parametrize("outcome", [o.code for o in OUTCOMES])
def test_every_reply_states_both_remedies_and_their_periods(outcome):
    body = text(write(outcome).html)
    assert "六十日内向青禾区人民政府申请行政复议" in body
    assert "六个月内向有管辖权的人民法院提起行政诉讼" in body


@pytest.mark.parametrize("kind", letters.NOTICES)
def test_notices_do_not_pretend_to_be_decisions(kind):
    assert "行政复议" not in write(kind).html


@pytest.mark.parametrize("kind", letters.KINDS)
def test_what_people_typed_is_escaped_everywhere(kind):
    app = StandIn(applicant_name=MARKUP, description=MARKUP, doc_no=MARKUP,
                  agency=SimpleNamespace(name="青禾区<i>局</i>"))
    extra = {"reason": MARKUP, "attachments": [MARKUP], "party": MARKUP, "responsible_agency": MARKUP,
             "documents": [Published(MARKUP, "/docs/1/")]}
    if kind == "correction":
        extra["items"] = [MARKUP]
    if kind == "fee":
        extra["payment"] = MARKUP
    letter = letters.render(kind, app, today=LETTER_DAY, **{**needed(kind), **extra})
    assert "<script>" not in letter.html and "<b>" not in letter.html and "<i>" not in letter.html
    assert "&lt;script&gt;" in letter.html


def test_withholding_names_its_ground():
    body = text(write("withhold_third_party").html)
    assert "政府信息不予公开告知书" in body and "保护第三方合法权益" in body and "第十五条" in body
    assert "第三十六条第（三）项" in body


def test_not_ours_names_the_responsible_agency_when_known():
    known = text(write("unable_not_held", responsible_agency="青禾区档案馆",
                       responsible_contact="0000-1234567").html)
    assert "非本机关政府信息告知书" in known and "第三十六条第（五）项" in known
    assert "青禾区档案馆" in known and "0000-1234567" in known
    unnamed = write("unable_not_held", not_ours=True)
    assert unnamed.title == "非本机关政府信息告知书"
    missing = write("unable_not_held")
    assert missing.title == "政府信息不存在告知书" and "不存在" in text(missing.html)


def test_published_documents_are_linked_by_absolute_address_and_attachments_named(settings):
    settings.SITE_URL = "https://www.example.gov.cn"
    letter = write("disclose", documents=[Published("青禾区口袋公园建设方案", "/docs/8/")],
                   attachments=["立项批复（扫描件）.pdf", SimpleNamespace(name="附图.pdf")])
    assert '<a href="https://www.example.gov.cn/docs/8/">青禾区口袋公园建设方案</a>' in letter.html
    body = text(letter.html)
    assert "附件：" in body and "立项批复（扫描件）.pdf" in body and "附图.pdf" in body


def test_the_review_body_defaults_to_the_district_and_can_be_named():
    site = SiteSettings.get()
    assert "向青禾区人民政府申请行政复议" in text(write("disclose").html)  # a department: the district
    itself = StandIn(agency=SimpleNamespace(name=site.site_name))
    assert "向上一级人民政府申请行政复议" in text(write("disclose", itself).html)
    named = write("disclose", reconsideration_body="青禾市人民政府", court="青禾区人民法院")
    assert "向青禾市人民政府申请行政复议" in text(named.html) and "向青禾区人民法院提起行政诉讼" in text(named.html)


def test_a_partial_or_other_reply_without_reasons_shows_what_to_fill_in():
    assert "【待填写：不予公开的内容及理由】" in write("partial").html
    assert "【待填写" not in write("partial", reason="第3页涉及个人隐私").html
    assert "【待填写：处理情况和理由】" in write("other_other").html


def test_receipt_gives_number_receipt_date_and_due_date():
    body = text(write("receipt", status_url="https://www.example.gov.cn/applications/status/").html)
    assert "2025-0042" in body and "2025年9月22日" in body and "2025年10月28日" in body
    assert "20个工作日内予以答复" in body and "收到申请之日不计算在内" in body


def test_receipt_gives_a_paper_applicant_the_check_code_for_the_status_page():
    body = text(write("receipt", StandIn(access_key="qh7Kx2mP9aZ")).html)
    assert "查询码qh7Kx2mP9aZ" in body and "凭申请编号和查询码" in body


def test_correction_is_one_time_with_items_period_and_consequence():
    body = text(write("correction", items=["写明文号", "写明获取方式"], correct_within=10,
                      correct_by=dt.date(2025, 11, 3)).html)
    assert "一次性告知" in body and "写明文号" in body and "写明获取方式" in body
    assert "10个工作日内" in body and "2025年11月3日" in body
    assert "视为放弃申请" in body and "自本机关收到补正的申请之日起计算" in body


def test_correction_without_items_or_period_is_refused():
    with pytest.raises(ValueError, match="补正的事项"):
        letters.render("correction", StandIn(), items=["  "])
    with pytest.raises(ValueError, match="补正期限"):
        letters.render("correction", StandIn(), items=["写明文号"], correct_within=-1)


def test_extension_gives_the_new_due_date_and_refuses_more_than_20_days():
    body = text(write("extension", days=15, new_due=dt.date(2025, 11, 18)).html)
    assert "延长15个工作日" in body and "2025年11月18日" in body and "工作机构负责人同意" in body
    with pytest.raises(ValueError, match="20"):
        write("extension", days=21)


def test_consultations_give_15_working_days_and_the_effect_of_silence():
    third = write("consult_third_party", party="青禾某某科技有限公司", reply_by=dt.date(2025, 11, 10))
    body = text(third.html)
    assert body.startswith("青禾区住房和城乡建设局") and "青禾某某科技有限公司：" in body
    assert "15个工作日内" in body and "2025年11月10日" in body and "第三十二条" in body
    assert "林小禾" not in body  # the third party is not told who asked
    coproducer = text(write("consult_coproducer", party="青禾区财政局").html)
    assert "第三十四条" in coproducer and "15个工作日内" in coproducer and "视为同意公开" in coproducer


def test_fee_notice_states_basis_standard_amount_period_channel_and_consequence():
    body = text(write("fee", amount=None, fee_method="per_page", quantity=131, payment="青禾区非税收入缴款窗口",
                      pay_by=dt.date(2025, 11, 17)).html)
    assert "第四十二条" in body and "国办函〔2020〕109号" in body and "按量计收" in body
    assert "人民币1320元" in body  # pages 31–100 at 10 元, 101–131 at 20 元 (clock.fee_amount_per_page)
    assert "20个工作日内" in body and "2025年11月17日" in body and "青禾区非税收入缴款窗口" in body
    assert "逾期未缴纳的，视为放弃申请" in body
    with pytest.raises(ValueError, match="金额"):
        letters.render("fee", StandIn(), amount=0)
    with pytest.raises(ValueError, match="收费方式"):
        letters.render("fee", StandIn(), amount=100, fee_method="per_minute")


def test_unknown_kinds_and_arguments_are_refused():
    with pytest.raises(ValueError, match="没有这种告知书"):
        letters.render("withhold_everything", StandIn())
    with pytest.raises(ValueError, match="reasn"):
        letters.render("disclose", StandIn(), reasn="typo")


def test_a_letter_from_a_saved_application_uses_its_display_values():
    agency = f.agency(name="青禾区自然资源局", code="987654321")
    app = Application.objects.create(
        number="2025-0100", agency=agency, applicant_type="business", applicant_name="林小禾",
        organisation_name="青禾某某咨询有限公司", id_kind="credit_code", id_number="91000000000000000X",
        description="2024年度青禾区土地出让计划", channel="post_signed", received_on=dt.date(2025, 9, 22),
        clock_start=dt.date(2025, 9, 22), due_on=dt.date(2025, 10, 28), delivery="post",
    )
    body = text(letters.render("receipt", app, today=LETTER_DAY).html)
    assert "青禾某某咨询有限公司：" in body and "邮政寄送（需签收）" in body
    assert body.startswith("青禾区自然资源局")
    assert "邮寄" in text(letters.render("disclose", app).html)


def test_the_pdf_is_a_pdf_whose_text_shows_the_number_and_title(tmp_path):
    letter = write("withhold_internal", reason="该信息属于机关内部人事管理信息。")
    data = letters.letter_pdf(letter)
    assert data.startswith(b"%PDF")
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(data)
    shown = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                           text=True).stdout
    flat = re.sub(r"\s+", "", shown)
    assert "2025-0042" in flat
    assert "政府信息不予公开告知书" in flat  # Chinese glyphs really embedded, not boxes
    assert "六十日内" in flat


def test_the_pdf_never_fetches_from_another_server(monkeypatch):
    asked: list[str] = []
    refuse = letters._LocalOnly.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return refuse(self, url, headers)

    monkeypatch.setattr(letters._LocalOnly, "fetch", spy)
    letter = letters.Letter("disclose", "告知书", '<p>正文</p><img src="http://192.0.2.1/track.png">')
    assert letters.letter_pdf(letter).startswith(b"%PDF")
    assert asked == ["http://192.0.2.1/track.png"]
    with pytest.raises(ValueError, match="not fetched"):
        letters._LocalOnly().fetch("http://192.0.2.1/track.png")
