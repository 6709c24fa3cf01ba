"""Activity statistics (verksamhetsstatistik): a committee's tables of counts and placements per activity area.

Glossary: StatisticsTable = a table of a committee (e.g. "Beroende"), filled in by its unit's reporter;
StatisticsRow = a row of it under a section heading, with its unit (antal, årsplaceringar) and decimals;
StatisticsValue = a row's value in a year as of a month (a follow-up period's "as of" month), so a period
shows its year and the two years before it side by side; StatisticsComment = the committee's comment on
its statistics in a follow-up. The definitions are configuration (the admin), the values are reported.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.followup.models import Editable, FollowUpPeriod
from styr.history.audit import audited
from styr.organisation.models import OrganisationUnit


class StatisticsTable(models.Model):
    """A table of a committee's activity statistics; its unit (the committee or one under it) reports it."""

    committee = models.ForeignKey(OrganisationUnit, on_delete=models.CASCADE, related_name="statistics_tables",
                                  verbose_name=_("committee"))
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"),
                             help_text=_("The unit whose reporter fills in the table: the committee or a unit under it"))
    key = models.SlugField(_("key"))
    title = models.CharField(_("title"), max_length=200)
    area = models.CharField(_("activity area"), max_length=200, blank=True,
                            help_text=_("The heading the table is printed under, e.g. Individ- och familjeomsorgen"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("statistics table")
        verbose_name_plural = _("statistics tables")
        ordering = ["committee", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["committee", "key"], name="unique_statistics_table")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.committee_id and self.unit_id and self.unit_id not in self.committee.subtree_ids():
            raise ValidationError({"unit": _("The unit must be the committee or a unit under it.")})


class StatisticsUnit(models.TextChoices):
    COUNT = "count", _("number")
    PLACEMENT_YEARS = "placement_years", _("placement years")


class StatisticsRow(models.Model):
    """A row of a statistics table, under its section heading."""

    table = models.ForeignKey(StatisticsTable, verbose_name=_("statistics table"), on_delete=models.CASCADE, related_name="rows")
    section = models.CharField(_("section"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, choices=StatisticsUnit.choices, default=StatisticsUnit.COUNT)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("statistics row")
        verbose_name_plural = _("statistics rows")
        ordering = ["table", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["table", "section", "name"], name="unique_statistics_row"),
            models.CheckConstraint(condition=models.Q(decimals__lte=3), name="statistics_row_decimals_0_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.name}" if self.section else self.name


@audited
class StatisticsValue(Editable):
    """A row's value in a year as of a month (12: the whole year, as the annual report gives it)."""

    row = models.ForeignKey(StatisticsRow, verbose_name=_("statistics row"), on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("as of month"), default=12)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)

    class Meta:
        verbose_name = _("statistics value")
        verbose_name_plural = _("statistics values")
        constraints = [
            models.UniqueConstraint(fields=["row", "year", "month"], name="unique_statistics_value"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="statistics_month_1_to_12"),
        ]

    def __str__(self) -> str:
        return f"{self.row} {self.year}-{self.month:02d}: {self.value}"


@audited
class StatisticsComment(Editable):
    """The committee's comment on its activity statistics in a follow-up."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="statistics_comments")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="statistics_comments")
    text = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("statistics comment")
        verbose_name_plural = _("statistics comments")
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="unique_statistics_comment")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"
