"""Decided documents: frozen content (the document model as JSON) and the files made from it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.followup.models import FollowUpPeriod, PeriodKind
from styr.organisation.models import OrganisationUnit


class DocumentKind(models.TextChoices):
    """Which of a period's documents: its report (the plan, an interim report, the annual report), or a
    document of its own that is decided with it: the internal-control plan with the plan, the quality report
    (kvalitetsberättelse) with the annual report. The value is the document's address on the pages."""

    REPORT = "report", _("the period's report")
    INTERNAL_CONTROL_PLAN = "internkontrollplan", _("internal control plan")
    QUALITY_REPORT = "kvalitetsberattelse", _("quality report")

    @property
    def period_kind(self) -> PeriodKind | None:
        """The kind of period the document belongs to (none: every period has a report)."""
        return OWN_DOCUMENT_PERIODS.get(self)

    @classmethod
    def of_period(cls, kind: str) -> list["DocumentKind"]:
        """The period's documents: its report first, then those decided with it."""
        return [cls.REPORT, *(own for own, period_kind in OWN_DOCUMENT_PERIODS.items() if period_kind == kind)]


OWN_DOCUMENT_PERIODS = {DocumentKind.INTERNAL_CONTROL_PLAN: PeriodKind.PLAN,
                        DocumentKind.QUALITY_REPORT: PeriodKind.ANNUAL_REPORT}


class DecidedDocument(models.Model):
    """A unit's document of a follow-up period as the committee decided it; a public record that later
    edits never change. It is made in the same transaction as the decision on the period's progress
    (`styr.documents.services.decide`), whose date and § it carries."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="decided_documents")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="decided_documents")
    document_kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices,
                                     default=DocumentKind.REPORT)
    decided_on = models.DateField(_("decided on"))
    paragraph = models.CharField(_("paragraph (§)"), max_length=50)
    content = models.JSONField(_("content"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decided document")
        verbose_name_plural = _("decided documents")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "document_kind"], name="unique_decided_document_of_period"),
        ]

    def __str__(self) -> str:
        own = "" if self.document_kind == DocumentKind.REPORT else f" {self.get_document_kind_display()}"
        return f"{self.unit} {self.period}{own} ({self.paragraph})"

    def document(self):
        from styr.documents.model import Document

        return Document.from_dict(self.content)


class DecidedFile(models.Model):
    """One file of a decided document, stored as it was published, with its SHA-256."""

    document = models.ForeignKey(DecidedDocument, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("format"), max_length=10)
    name = models.CharField(_("file name"), max_length=200)
    data = models.BinaryField(_("data"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)

    class Meta:
        verbose_name = _("decided document file")
        verbose_name_plural = _("decided document files")
        constraints = [models.UniqueConstraint(fields=["document", "format"], name="unique_decided_file_format")]

    def __str__(self) -> str:
        return self.name


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class DocumentBuild(models.Model):
    """A requested document file, built by a background task; the page polls its progress.

    A build asked for by an anonymous visitor holds only what is public, and is shared: anyone who may
    read the plan gets the newest one of the period and format while it is fresh (`services.start_build`).
    """

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="+")
    document_kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices,
                                     default=DocumentKind.REPORT)
    format = models.CharField(_("format"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    name = models.CharField(_("file name"), max_length=200, blank=True)
    data = models.BinaryField(_("data"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document build")
        verbose_name_plural = _("document builds")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}.{self.format} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (BuildStatus.DONE, BuildStatus.FAILED)
