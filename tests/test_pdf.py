"""下载PDF: the PDF of a document, its print-day validity, the cache, the response headers."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pypdf
import pytest

from gongkai.catalog import actions
from gongkai.catalog.models import Document, Term
from gongkai.portal import pdf
from tests import factories as f

pytestmark = pytest.mark.django_db

TITLE = "区政府第25次常务会议纪要"
INDEX_NO = "014133058/2024-00008"
PRINT_DAY = dt.date(2026, 11, 28)
BASE_URL = "http://testserver/"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://www.example.gov.cn"
    return tmp_path


@pytest.fixture
def minutes() -> Document:
    """A document shaped like the seed, in a fictional district."""
    ag = f.agency(name="青禾区人民政府办公室", code="014133058")
    fields = {
        "title": TITLE, "topic": Term.resolve(Term.TOPIC, "机关事务"), "genre": Term.resolve(Term.GENRE, "会议纪要"),
        "combo": Term.resolve(Term.COMBO, "政府会议"), "created_date": dt.date(2024, 1, 19),
        "published_date": dt.date(2024, 1, 25), "summary": TITLE,
        "body_html": "<p>2023年12月25日上午,区长李明在区行政中心主持召开区政府第25次常务会议,纪要如下:</p>"
                     "<p>一、会议听取了重点民生实事项目实施情况报告。</p>"
                     "<table><tr><td>项目</td><td>牵头单位</td></tr><tr><td>口袋公园</td><td>区住建局</td></tr></table>",
    }
    doc = actions.create_document(None, ag, fields, system=True)
    return actions.publish(None, doc, index_no=INDEX_NO, day=dt.date(2024, 1, 25), system=True)


def text_of(data: bytes) -> str:
    """The PDF's text without whitespace: extraction may break lines anywhere in Chinese."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def embedded_fonts(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [str(font.get_object()["/BaseFont"]) for page in reader.pages
            for font in page["/Resources"]["/Font"].values()]


def test_pdf_carries_title_index_number_and_metadata_as_text(minutes):
    text = text_of(pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY))
    assert TITLE in text and INDEX_NO in text
    assert "口袋公园" in text and "区住建局" in text  # the body's table
    table = text[text.index("信息名称"):]
    labels = ["信息名称", "索引号", "主题分类", "体裁分类", "组配分类", "文件编号", "发布机构",
              "产生日期", "发布日期", "废止日期", "内容概述"]
    assert [table.index(label) for label in labels] == sorted(table.index(label) for label in labels)
    assert "机关事务" in table and "2024-01-19" in table and "2024-01-25" in table


def test_pdf_states_the_address_the_print_day_and_that_days_validity(minutes):
    text = text_of(pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY))
    assert "打印日期2026-11-28，当日有效性：有效" in text
    assert f"https://www.example.gov.cn/xxgk/{minutes.pk}/" in text


def test_validity_is_the_one_of_the_print_day(minutes):
    actions.update_document(None, minutes, {"abolished_date": dt.date(2026, 6, 30)}, system=True)
    minutes.refresh_from_db()
    before = text_of(pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=dt.date(2026, 6, 29)))
    after = text_of(pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=dt.date(2026, 7, 1)))
    assert "当日有效性：有效" in before and "本文件打印当日状态" not in before
    assert "当日有效性：废止" in after and "本文件打印当日状态：废止" in after
    assert "2026-06-30（废止）" in after  # the metadata table agrees with the stamp


def test_chinese_is_set_in_embedded_noto_cjk_fonts(minutes, tmp_path):
    data = pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY)
    names = embedded_fonts(data)
    assert any("Noto-Serif-CJK-SC" in n for n in names) and any("Noto-Sans-CJK-SC" in n for n in names)
    assert pdf.cjk_fonts_available()
    if shutil.which("pdffonts"):
        (tmp_path / "doc.pdf").write_bytes(data)
        rows = subprocess.run(["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        cjk = [r for r in rows if "CJK" in r]
        assert cjk and all(" yes " in r for r in cjk)  # embedded, not referenced


def test_qr_code_encodes_the_canonical_address(minutes):
    url = pdf.canonical_url(minutes)
    assert url == f"https://www.example.gov.cn/xxgk/{minutes.pk}/"
    assert pdf.qr_data_uri(url).startswith("data:image/svg+xml")
    reader = pypdf.PdfReader(io.BytesIO(pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY)))
    # The SVG code is drawn as hundreds of line segments; the rest of page 1 draws only a few.
    assert reader.pages[0].get_contents().get_data().count(b" l\n") > 200


def test_second_request_is_served_from_the_cache(minutes, data_dir, monkeypatch):
    first = pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY)
    assert len(list((data_dir / "pdf").glob(f"{minutes.pk}-*.pdf"))) == 1

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again although nothing changed")

    monkeypatch.setattr(pdf, "render_document_pdf", no_render)
    assert pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY) == first


def test_an_update_regenerates_the_pdf_and_drops_the_stale_file(minutes, data_dir):
    pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY)
    old = list((data_dir / "pdf").glob("*.pdf"))
    renamed = {"title": "区政府第26次常务会议纪要", "summary": "第26次会议"}
    doc = actions.update_document(None, minutes, renamed, system=True)
    text = text_of(pdf.document_pdf_bytes(doc, base_url=BASE_URL, today=PRINT_DAY))
    assert "区政府第26次常务会议纪要" in text and TITLE not in text
    files = list((data_dir / "pdf").glob("*.pdf"))
    assert len(files) == 1 and files != old


def test_another_print_day_is_another_pdf(minutes):
    day1 = pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY)
    day2 = pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY + dt.timedelta(days=1))
    assert "打印日期2026-11-29" in text_of(day2) and "打印日期2026-11-29" not in text_of(day1)


def test_withdrawn_document_pdf_says_so(minutes):
    doc = actions.withdraw(None, minutes, reason="内容已被新文件替代", system=True)
    text = text_of(pdf.document_pdf_bytes(doc, base_url=BASE_URL, today=PRINT_DAY))
    assert "本信息已于" in text and "内容已被新文件替代" in text and TITLE in text
    assert text.count("当日有效性：有效，本信息已撤回") == 2  # the stamp, and the header of every page


def test_view_returns_an_attachment_named_after_the_title(client, minutes):
    response = client.get(f"/xxgk/{minutes.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="document-{minutes.pk}.pdf"' in disposition
    assert f"filename*=UTF-8''{quote(TITLE + '.pdf')}" in disposition


def test_document_page_links_to_the_pdf(client, minutes):
    assert f'href="/xxgk/{minutes.pk}/pdf/"' in client.get(f"/xxgk/{minutes.pk}/").content.decode()


def test_view_refuses_drafts_unknown_ids_and_posts(client, minutes):
    draft = f.document(minutes.agency, "尚未发布的草稿", publish=False)
    assert client.get(f"/xxgk/{draft.pk}/pdf/").status_code == 404
    assert client.get("/xxgk/999999/pdf/").status_code == 404
    assert client.post(f"/xxgk/{minutes.pk}/pdf/").status_code == 405


def test_filename_drops_characters_file_systems_refuse(minutes):
    minutes.title = '关于"城区/乡镇"道路:养护的通知?'
    assert pdf.pdf_filename(minutes) == "关于 城区 乡镇 道路 养护的通知.pdf"
    assert pdf.content_disposition("report.pdf", "document-1.pdf") == (
        "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf")


def test_missing_fonts_are_reported_once(monkeypatch, caplog):
    pdf.cjk_fonts_available.cache_clear()
    monkeypatch.setattr(pdf, "CJK_FAMILIES", ("Gongkai Missing Family SC",))
    try:
        with caplog.at_level(logging.WARNING, logger="gongkai.portal.pdf"):
            assert pdf.cjk_fonts_available() is False
            assert pdf.cjk_fonts_available() is False
    finally:
        pdf.cjk_fonts_available.cache_clear()
    warnings = [r for r in caplog.records if "fonts-noto-cjk" in r.getMessage()]
    assert len(warnings) == 1 and "Gongkai Missing Family SC" in warnings[0].getMessage()


def test_body_images_come_from_disk_and_never_from_the_network(settings, data_dir):
    image = data_dir / "media" / "attachments" / "1" / "位置图.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    fetcher = pdf.LocalFetcher(pdf._origins(BASE_URL))
    for url in ("http://testserver/media/attachments/1/位置图.png",
                f"https://www.example.gov.cn/media/attachments/1/{quote('位置图.png')}"):
        fetched = fetcher.fetch(url)
        assert fetched.read() == image.read_bytes() and fetched.content_type == "image/png"
        fetched.close()
    for url in ("http://elsewhere.example/x.png", "http://testserver/media/../secret_key",
                "http://testserver/admin/", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_first_page_renders_as_a_readable_image(minutes):
    """Page 1 as a PNG in test-artifacts/, for a person to look at; here: it is not blank."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    from PIL import Image

    ARTIFACTS.mkdir(exist_ok=True)
    source = ARTIFACTS / "document.pdf"
    source.write_bytes(pdf.document_pdf_bytes(minutes, base_url=BASE_URL, today=PRINT_DAY))
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(ARTIFACTS / "document-page1")], check=True, timeout=60)
    page = Image.open(ARTIFACTS / "document-page1.png").convert("L")
    dark = sum(1 for value in page.get_flattened_data() if value < 128)
    assert page.size[1] > page.size[0] and dark > 0.01 * page.size[0] * page.size[1]


def test_rendering_embeds_local_images_and_never_opens_a_connection(minutes, data_dir, monkeypatch):
    from PIL import Image

    image = data_dir / "media" / "attachments" / str(minutes.pk) / "位置图.png"
    image.parent.mkdir(parents=True)
    Image.new("RGB", (40, 20), "red").save(image)
    body = (f'<p>位置图:</p><p><img src="/media/attachments/{minutes.pk}/位置图.png" alt="位置图"></p>'
            '<p><img src="http://elsewhere.invalid/banner.png" alt="外部图片"></p>')
    doc = actions.update_document(None, minutes, {"body_html": body}, system=True)

    def refuse(*args, **kwargs):
        raise AssertionError("the PDF renderer tried to open a network connection")

    monkeypatch.setattr("socket.socket.connect", refuse)
    reader = pypdf.PdfReader(io.BytesIO(pdf.document_pdf_bytes(doc, base_url=BASE_URL, today=PRINT_DAY)))
    images = [name for page in reader.pages for name in page.images]
    assert len(images) == 1  # the local image; the external one is left out


def test_each_language_keeps_its_own_cached_copy(client, minutes, data_dir):
    assert client.get(f"/xxgk/{minutes.pk}/pdf/").status_code == 200
    assert client.get(f"/en/xxgk/{minutes.pk}/pdf/").status_code == 200
    names = sorted(p.name for p in (data_dir / "pdf").glob("*.pdf"))
    assert [n.split("-r")[0] for n in names] == [f"{minutes.pk}-en", f"{minutes.pk}-zh-hans"]
