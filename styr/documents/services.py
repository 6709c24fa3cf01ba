"""The committee's decision on a period with its frozen documents, document files, and build requests."""

import datetime
import hashlib
import json
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from styr.core.text import clean_and_check
from styr.documents.builder import build_document, find_period
from styr.documents.formatters import FORMATS, render
from styr.documents.model import Document, DocumentError, NothingToDocument
from styr.documents.models import BuildStatus, DecidedDocument, DecidedFile, DocumentBuild, DocumentKind
from styr.followup.locks import plan_state_for_update
from styr.followup.models import FollowUpPeriod, PeriodProgress, ProgressState
from styr.followup.services import record_decision
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change, snapshot
from styr.organisation.models import OrganisationUnit
from styr.plans.models import Plan

FILE_FIELDS = ["unit", "period", "document_kind", "decided_on", "paragraph", "content_hash"]
STORED_FORMATS = ("html", "pdf", "docx")
PARAGRAPH_LIMIT = 50  # PeriodProgress.decision_paragraph and DecidedDocument.paragraph

# Anonymous visitors share builds: the newest of a period and format is served while it is fresh.
ANONYMOUS_BUILD_FRESH = datetime.timedelta(minutes=15)
ANONYMOUS_BUILDS_AT_ONCE = 4  # waiting or running; more are refused until one is done
ANONYMOUS_BUILDS_KEPT = 50  # stored; the oldest go first
ANONYMOUS_BUILD_KEPT = datetime.timedelta(hours=1)  # then deleted, even if a page still polls it
SIGNED_IN_BUILD_KEPT = datetime.timedelta(days=1)


class AlreadyDecided(DocumentError):
    """The period is decided already (by an earlier click, or a colleague's at the same moment)."""


class BuildRefused(DocumentError):
    """Too many anonymous builds are under way; the visitor may try again shortly."""


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
    return f"{slugify(document.title)}-{slugify(document.organisation)}.{fmt}"


def decided_document(*, unit: OrganisationUnit, period: FollowUpPeriod | None,
                     document: str = DocumentKind.REPORT) -> DecidedDocument | None:
    """The unit's decided document of this very period (a plan without a period has none): its report, or the
    document of its own named by `document`."""
    if period is None:
        return None
    return DecidedDocument.objects.filter(unit=unit, period=period, document_kind=document).first()


def period_file(*, unit: OrganisationUnit, year: int, period: FollowUpPeriod | None, kind: str = "",
                fmt: str, document: str = DocumentKind.REPORT) -> tuple[bytes, str]:
    """The file of the period's document: the frozen one if it is decided, else made from today's data."""
    if fmt not in FORMATS:
        raise DocumentError(_("Unknown format %(format)s.") % {"format": fmt})
    decided = decided_document(unit=unit, period=period, document=document)
    if decided is not None:
        stored = decided.files.filter(format=fmt).first()
        if stored is not None:
            return bytes(stored.data), stored.name
        built = decided.document()
    else:
        built = build_document(unit=unit, year=year, kind=kind, period=period, document=document)
    return render(built, fmt), file_name(built, fmt)


def write_report(*, organisation: str, year: int, kind: str, fmt: str, output: Path, period: str = "",
                 municipality: str = "", document: str = DocumentKind.REPORT) -> Path:
    unit = find_unit(organisation, municipality)
    own = DocumentKind(document).period_kind
    found = find_period(unit, year, own if own is not None and not (kind or period) else kind, period)
    data, name = period_file(unit=unit, year=year, period=found, kind=kind, fmt=fmt, document=document)
    if output.is_dir():
        output = output / name
    output.write_bytes(data)
    return output


def _refusal(plan: Plan, period: FollowUpPeriod) -> AlreadyDecided | None:
    """The answer to a second decision of the period: when and by which § it was decided."""
    progress = PeriodProgress.objects.filter(plan=plan, period=period, state=ProgressState.DECIDED).first()
    if progress is None or progress.decided_on is None:
        return None
    return AlreadyDecided(_("%(period)s is already decided on %(date)s, %(paragraph)s.") % {
        "period": period.name, "date": formats.date_format(progress.decided_on, "j F Y"),
        "paragraph": progress.decision_paragraph})


def decide(*, user, plan: Plan, period: FollowUpPeriod, decided_on: datetime.date, paragraph: str,
           source: ChangeSource = ChangeSource.PAGE) -> DecidedDocument:
    """The committee's decision (date, §, by whom) on the unit's period, as one act in one transaction:
    followup's `record_decision` locks the period (only amendments after it), and the period's documents
    are frozen with their files: its report, and the documents decided with it that have something to say
    (the internal-control plan with the plan, the quality report with the annual report). A second decision of the same period, even at the same moment, raises
    AlreadyDecided saying when and by which § it was decided; nothing else changes.
    """
    paragraph = clean_and_check(paragraph, label=_("Paragraph (§)"), limit=PARAGRAPH_LIMIT).strip()
    try:
        with transaction.atomic():
            # The progress row is locked here: a concurrent decision waits, then finds the period decided.
            if plan_state_for_update(plan=plan, period=period) == ProgressState.DECIDED:
                refusal = _refusal(plan, period)
                if refusal is not None:
                    raise refusal
            record_decision(user=user, plan=plan, period=period, decided_on=decided_on, paragraph=paragraph,
                            source=source)
            frozen = [_freeze(user=user, plan=plan, period=period, decided_on=decided_on, paragraph=paragraph,
                              source=source, document=document) for document in DocumentKind.of_period(period.kind)]
            return next(item for item in frozen if item is not None)
    except IntegrityError:
        # Without row locks (SQLite) the other decision may only show as its unique row.
        refusal = _refusal(plan, period)
        if refusal is None:
            raise
        raise refusal from None


def _freeze(*, user, plan: Plan, period: FollowUpPeriod, decided_on: datetime.date, paragraph: str,
            source: ChangeSource, document: DocumentKind) -> DecidedDocument | None:
    """The document frozen with its files, or none: a document of its own with nothing to say."""
    try:
        built = build_document(unit=plan.unit, year=plan.year, period=period, document=document)
    except NothingToDocument:
        if document == DocumentKind.REPORT:
            raise
        return None
    return _store(user=user, plan=plan, period=period, decided_on=decided_on, paragraph=paragraph, source=source,
                  document=built, document_kind=document)


def _store(*, user, plan: Plan, period: FollowUpPeriod, decided_on: datetime.date, paragraph: str,
           source: ChangeSource, document: Document, document_kind: DocumentKind) -> DecidedDocument:
    document.decided_label = _("Decided %(date)s, %(paragraph)s") % {
        "date": formats.date_format(decided_on, "j F Y"), "paragraph": paragraph}
    content = document.to_dict()
    decided = DecidedDocument.objects.create(
        unit=plan.unit, period=period, document_kind=document_kind, decided_on=decided_on, paragraph=paragraph,
        content=content, content_hash=content_hash(content),
        decided_by=user if user is not None and user.is_authenticated else None,
    )
    for fmt in STORED_FORMATS:
        data = render(document, fmt)
        DecidedFile.objects.create(document=decided, format=fmt, name=file_name(document, fmt), data=data,
                                   sha256=hashlib.sha256(data).hexdigest())
    record_change(user=user, instance=decided, before={}, after=snapshot(decided, FILE_FIELDS),
                  event=ChangeEvent.DECIDED, source=source)
    return decided


def start_build(*, user, unit: OrganisationUnit, period: FollowUpPeriod, fmt: str,
                document: str = DocumentKind.REPORT) -> tuple[DocumentBuild, bool]:
    """A build of the period's document for the user, and whether it is new (and must be queued).

    An anonymous visitor gets the newest anonymous build of the period and format while it is fresh;
    a new one only while fewer than ANONYMOUS_BUILDS_AT_ONCE are under way (else BuildRefused).
    """
    if fmt not in FORMATS:
        raise DocumentError(_("Unknown format %(format)s.") % {"format": fmt})
    signed_in = user is not None and user.is_authenticated
    if not signed_in:
        fresh = DocumentBuild.objects.filter(requested_by=None, created_at__gte=timezone.now() - ANONYMOUS_BUILD_FRESH)
        shared = fresh.filter(unit=unit, period=period, document_kind=document, format=fmt).exclude(status=BuildStatus.FAILED).first()
        if shared is not None:
            return shared, False
        if fresh.filter(status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING]).count() >= ANONYMOUS_BUILDS_AT_ONCE:
            raise BuildRefused(_("Many files are being made right now. Try again in a minute."))
    build = DocumentBuild.objects.create(unit=unit, period=period, document_kind=document, format=fmt, requested_by=user if signed_in else None)
    if not signed_in:
        kept = DocumentBuild.objects.filter(requested_by=None).values_list("pk", flat=True)[:ANONYMOUS_BUILDS_KEPT]
        DocumentBuild.objects.filter(requested_by=None).exclude(pk__in=list(kept)).delete()
    return build, True


def delete_expired_builds() -> int:
    """Builds are files to fetch, not records: anonymous ones go after an hour, signed-in users' after a day."""
    now = timezone.now()
    anonymous = DocumentBuild.objects.filter(requested_by=None, created_at__lt=now - ANONYMOUS_BUILD_KEPT)
    signed_in = DocumentBuild.objects.filter(requested_by__isnull=False, created_at__lt=now - SIGNED_IN_BUILD_KEPT)
    return anonymous.delete()[0] + signed_in.delete()[0]
