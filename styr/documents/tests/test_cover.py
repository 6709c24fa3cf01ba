"""The cover: the municipality's logo (uploaded as PNG or SVG in the admin, with its alt text), and once
the committee has decided, the deciding body, date, § and case number, in PDF, Word and HTML."""

import datetime
import io
import struct
import zlib
from decimal import Decimal

import docx
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html

from styr.documents.builder import build_document
from styr.documents.formatters import render
from styr.documents.logo import logo_svg
from styr.documents.models import CoverLogo, DecidedDocument
from styr.documents.services import decide
from styr.documents.tests.readback import normalise, pdf_figures, pdf_text
from styr.followup.models import MeasureOutcome, PeriodProgress, ProgressState

SVG_LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><rect width="60" height="20" fill="#0b4f8a"/></svg>'
ALT = "Testby kommuns logotyp"


def png(width: int, height: int) -> bytes:
    """A real one-colour PNG of the given size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x0b\x4f\x8a" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def world(world):
    MeasureOutcome.objects.create(measure=world.measure, year=2020, total=Decimal(111))
    return world


def test_an_uploaded_png_is_kept_as_svg_of_its_size_and_other_files_are_refused():
    svg = logo_svg(png(30, 12))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="12"')
    assert "data:image/png;base64," in svg
    assert logo_svg(SVG_LOGO).startswith("<svg")
    for refused in (b"GIF89a....", b"<html><body/></html>", b"<svg", b"\x89PNG\r\n\x1a\n" + b"\x00" * 4, SVG_LOGO * 6000):
        with pytest.raises(ValidationError):
            logo_svg(refused)


def test_the_cover_shows_the_logo_with_its_alt_text_in_pdf_word_and_html(world, tmp_path):
    CoverLogo.objects.create(municipality=world.municipality, svg=logo_svg(png(40, 16)), alt=ALT)
    document = build_document(unit=world.committee, year=2020, period=world.period)
    path = tmp_path / "vb.pdf"
    path.write_bytes(render(document, "pdf"))  # compiled as PDF/UA-1: a picture without alt text is refused
    figures = pdf_figures(path)
    assert (figures[0]["alt_text"], figures[0]["page_number"]) == (ALT, 1)

    word = docx.Document(io.BytesIO(render(document, "docx")))
    cover = word.paragraphs[0]._p
    (described,) = cover.xpath(".//wp:docPr")
    assert described.get("descr") == ALT
    assert cover.xpath(".//a:blip") and word.paragraphs[1].text == world.municipality.name

    page = html.fromstring(render(document, "html"))
    (logo,) = page.xpath("//header[@class='document-cover']/img")
    assert logo.get("alt") == ALT and logo.get("src").startswith("data:image/svg+xml;base64,")


def test_without_a_logo_the_cover_has_no_picture(world):
    document = build_document(unit=world.committee, year=2020, period=world.period)
    word = docx.Document(io.BytesIO(render(document, "docx")))
    assert word.paragraphs[0].text == world.municipality.name and not word.paragraphs[0]._p.xpath(".//w:drawing")
    assert not html.fromstring(render(document, "html")).xpath("//header//img")


def test_a_decided_cover_names_the_body_date_paragraph_and_case_number(world, client, tmp_path):
    PeriodProgress.objects.create(plan=world.plan, period=world.period, state=ProgressState.APPROVED)
    client.force_login(world.alice)
    args = [world.municipality.slug, world.committee.slug, 2020, "vb"]
    client.post(reverse("documents:decide", args=args),
                {"decided_on": "2021-02-15", "paragraph": "§ 12", "case_number": " SN 2021/17 "})
    decided = DecidedDocument.objects.get()
    assert decided.case_number == "SN 2021/17"
    wanted = [f"Beslutad av {world.committee.name} 15 februari 2021, § 12", "Diarienummer SN 2021/17"]

    pdf = tmp_path / "vb.pdf"
    pdf.write_bytes(bytes(decided.files.get(format="pdf").data))
    cover = normalise(pdf_text(pdf).split("\f")[0])
    assert all(line in cover for line in wanted)
    word = docx.Document(io.BytesIO(bytes(decided.files.get(format="docx").data)))
    assert [paragraph.text for paragraph in word.paragraphs[:8] if paragraph.text in wanted] == wanted
    page = html.fromstring(bytes(decided.files.get(format="html").data))
    assert [p.text_content() for p in page.xpath("//header[@class='document-cover']/p")][-2:] == wanted


def test_a_decision_without_a_case_number_prints_none(world):
    PeriodProgress.objects.create(plan=world.plan, period=world.period, state=ProgressState.APPROVED)
    decided = decide(user=world.alice, plan=world.plan, period=world.period, decided_on=datetime.date(2021, 2, 15),
                     paragraph="§ 12")
    assert decided.document().case_label == "" and "Diarienummer" not in str(decided.content)


def test_a_controller_uploads_the_logo_in_the_admin(world, client):
    world.alice.is_staff = True
    world.alice.save(update_fields=["is_staff"])
    world.alice.user_permissions.set(Permission.objects.filter(content_type__app_label="documents",
                                                               codename__endswith="coverlogo"))
    client.force_login(world.alice)
    url = reverse("admin:documents_coverlogo_add")
    refused = client.post(url, {"municipality": world.municipality.pk, "alt": ALT,
                                "upload": SimpleUploadedFile("logo.gif", b"GIF89a")})
    assert refused.status_code == 200 and not CoverLogo.objects.exists()
    client.post(url, {"municipality": world.municipality.pk, "alt": ALT,
                      "upload": SimpleUploadedFile("logo.svg", SVG_LOGO, content_type="image/svg+xml")})
    logo = CoverLogo.objects.get()
    assert (logo.municipality, logo.alt) == (world.municipality, ALT) and "<rect" in logo.svg
