"""Building document files, and freezing a decided document so that it never changes afterwards."""

import datetime
import hashlib
import json
from pathlib import Path

from django.db import transaction
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _

from styr.documents.builder import DocumentError, build_document, find_period
from styr.documents.formatters import FORMATS, render
from styr.documents.model import Document, DocumentKind
from styr.documents.models import DecidedDocument, DecidedFile
from styr.followup.models import FollowUpPeriod
from styr.history.services import record_change, snapshot
from styr.organisation.models import OrganisationUnit

FILE_FIELDS = ["unit", "year", "kind", "period", "decided_on", "paragraph", "content_hash"]


def find_unit(organisation: str, municipality: str = "") -> OrganisationUnit:
    units = OrganisationUnit.objects.select_related("municipality").filter(slug=organisation)
    if municipality:
        units = units.filter(municipality__slug=municipality)
    found = list(units[:2])
    if not found:
        raise DocumentError(_("There is no organisation %(slug)s.") % {"slug": organisation})
    if len(found) > 1:
        raise DocumentError(_("Several municipalities have an organisation %(slug)s; name the municipality.") % {
            "slug": organisation})
    return found[0]


def content_hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def file_name(document: Document, fmt: str) -> str:
    return f"{document.kind}-{document.year}-{slugify(document.organisation)}.{fmt}"


def document_file(*, unit: OrganisationUnit, year: int, kind: str, fmt: str, period_slug: str = "") -> tuple[bytes, str]:
    """The file of a document: the frozen one if the document is decided, else built from today's data."""
    if fmt not in FORMATS:
        raise DocumentError(_("Unknown format %(format)s.") % {"format": fmt})
    period = find_period(unit, year, DocumentKind(kind), period_slug) if period_slug else None
    decided = decided_document(unit=unit, year=year, kind=kind, period=period)
    if decided is not None:
        stored = decided.files.filter(format=fmt).first()
        if stored is not None:
            return bytes(stored.data), stored.name
        document = decided.document()
        return render(document, fmt), file_name(document, fmt)
    document = build_document(unit=unit, year=year, kind=kind, period=period)
    return render(document, fmt), file_name(document, fmt)


def decided_document(*, unit: OrganisationUnit, year: int, kind: str, period: FollowUpPeriod | None = None):
    documents = DecidedDocument.objects.filter(unit=unit, year=year, kind=kind)
    if period is not None:
        documents = documents.filter(period=period)
    return documents.order_by("-decided_on", "-pk").first()


@transaction.atomic
def decide_document(
    *, user, unit: OrganisationUnit, year: int, kind: str, decided_on: datetime.date, paragraph: str,
    period: FollowUpPeriod | None = None, formats_to_store: tuple[str, ...] = ("html", "pdf", "docx"),
) -> DecidedDocument:
    """Freeze the document as decided (date, §): its content and files are stored with their hashes."""
    period = period or find_period(unit, year, DocumentKind(kind))
    if DecidedDocument.objects.filter(unit=unit, year=year, kind=kind, period=period).exists():
        raise DocumentError(_("This document is already decided; a decided document never changes."))
    document = build_document(unit=unit, year=year, kind=kind, period=period)
    document.decided_label = _("Decided %(date)s, %(paragraph)s") % {
        "date": formats.date_format(decided_on, "j F Y"), "paragraph": paragraph}
    content = document.to_dict()
    decided = DecidedDocument.objects.create(
        unit=unit, year=year, kind=kind, period=period,
        decided_on=decided_on, paragraph=paragraph, content=content, content_hash=content_hash(content),
        decided_by=user if user is not None and user.is_authenticated else None,
    )
    for fmt in formats_to_store:
        data = render(document, fmt)
        DecidedFile.objects.create(
            document=decided, format=fmt, name=file_name(document, fmt), data=data,
            sha256=hashlib.sha256(data).hexdigest(),
        )
    after = snapshot(decided, FILE_FIELDS)
    after["decided_on"] = decided_on.isoformat()  # the history stores JSON
    record_change(user=user, instance=decided, before={}, after=after)
    return decided


def write_report(*, organisation: str, year: int, kind: str, fmt: str, output: Path, period: str = "",
                 municipality: str = "") -> Path:
    unit = find_unit(organisation, municipality)
    data, name = document_file(unit=unit, year=year, kind=kind, fmt=fmt, period_slug=period)
    if output.is_dir():
        output = output / name
    output.write_bytes(data)
    return output
