"""The audit trail: every change to plans, values, assessments and statuses (who, when, before, after)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")


class ChangeEvent(models.TextChoices):
    """What kind of act a change was, so that an auditor can tell a report from an amendment."""

    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    DELETED = "deleted", _("deleted")
    REPORTED = "reported", _("reported")
    ASSESSED = "assessed", _("assessed")
    MARKED_READY = "marked_ready", _("marked ready")
    REOPENED = "reopened", _("sent back")
    APPROVED = "approved", _("approved")
    DECIDED = "decided", _("decided")
    AMENDED = "amended", _("amended")
    IMPORTED = "imported", _("imported")
    KOLADA_REFRESH = "kolada_refresh", _("refreshed from Kolada")


class ChangeSource(models.TextChoices):
    """Which path a change came by."""

    PAGE = "page", _("page")
    EXCEL = "excel", _("Excel")
    API = "api", _("API")
    KOLADA = "kolada", _("Kolada")
    LEDGER = "ledger", _("the ledger")  # an outcome derived from the committee's economy
    ADMIN = "admin", _("administration")
    COMMAND = "command", _("command")


class Change(models.Model):
    """One recorded write: the fields that changed, with their values before and after."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.PROTECT)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why a decided report was amended"))
    event = models.CharField(_("event"), max_length=20, choices=ChangeEvent.choices, default=ChangeEvent.CHANGED)
    source = models.CharField(_("source"), max_length=10, choices=ChangeSource.choices, default=ChangeSource.PAGE)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_repr} ({self.get_action_display()})"
