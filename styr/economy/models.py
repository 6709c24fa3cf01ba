"""Economy (sund ekonomi): the ledger's figures per committee, forecasts per activity area, result and equity.

Glossary: ReportRow = intäkts- eller kostnadsslag (a row of the Driftredovisning by type),
ActivityArea = verksamhetsområde (a row of the Driftredovisning by activity, tied to a unit),
LedgerRule = kontering → rad/område (the mapping from account and activity codes, kept as data),
Amount = belopp (budget, utfall, fjolårets utfall) per committee, year, month, row and/or area,
AreaReport = prognos för helåret och kommentar per verksamhetsområde i en uppföljning,
Equity = eget kapital (IB, uttag) per committee and year, Investment = investeringsprojekt,
EconomyReport = ekonomiavsnittets texter i en uppföljning, LedgerImport = en inläst huvudboksfil.
Amounts are kept in kronor; costs are negative, as the reports print them.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.followup.models import AssessmentLevel, Editable, FollowUpPeriod
from styr.history.audit import audited
from styr.organisation.models import Municipality, OrganisationUnit
from styr.plans.models import LedgerFigure


def kronor(label, **options) -> models.DecimalField:
    """An amount in kronor, with öre: the one size every amount of the ledger has."""
    return models.DecimalField(label, max_digits=16, decimal_places=2, **options)


class RowKind(models.TextChoices):
    REVENUE = "revenue", _("revenue")
    COST = "cost", _("cost")


class ReportRow(models.Model):
    """A revenue or cost type; Styr ships the common list (styr.economy.presets), a municipality may change it."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="report_rows")
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=RowKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("report row")
        verbose_name_plural = _("report rows")
        ordering = ["municipality", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="unique_report_row")]

    def __str__(self) -> str:
        return self.name


class ActivityArea(models.Model):
    """An activity area of a committee's budget; its unit's reporter enters its forecast."""

    committee = models.ForeignKey(OrganisationUnit, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="activity_areas")
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    key = models.SlugField(_("key"))
    name = models.CharField(_("name"), max_length=200)
    ring_fenced = models.BooleanField(
        _("ring-fenced"), default=False,
        help_text=_("Financed apart (e.g. by a state grant): left out of the result carried over to equity"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("activity area")
        verbose_name_plural = _("activity areas")
        ordering = ["committee", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["committee", "key"], name="unique_activity_area")]

    def __str__(self) -> str:
        return self.name


class LedgerRule(models.Model):
    """Ledger lines whose account and activity codes match the patterns (`*` any characters, `?` one)
    go to the row and/or area; the first matching rule, in order, decides each."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="ledger_rules")
    order = models.PositiveIntegerField(_("order"), default=0)
    account = models.CharField(_("account pattern"), max_length=50, default="*")
    activity = models.CharField(_("activity pattern"), max_length=50, default="*")
    row = models.ForeignKey(ReportRow, verbose_name=_("report row"), on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    area = models.ForeignKey(ActivityArea, verbose_name=_("activity area"), on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("ledger rule")
        verbose_name_plural = _("ledger rules")
        ordering = ["municipality", "order", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(row__isnull=False) | models.Q(area__isnull=False),
                                              name="ledger_rule_has_a_target")]

    def __str__(self) -> str:
        return f"{self.account} / {self.activity} → {self.row or ''} {self.area or ''}".strip()


class AmountKind(models.TextChoices):
    BUDGET = "budget", _("budget")
    OUTCOME = "outcome", _("outcome")
    PREVIOUS_OUTCOME = "previous_outcome", _("last year's outcome")


class Amount(models.Model):
    """The sum of a committee's ledger lines of one kind in a month (0: the whole year, not by month)
    on a report row and/or activity area. Written in bulk by the ledger import, never one by one."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="amounts")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), help_text=_("0: the whole year"))
    kind = models.CharField(_("kind"), max_length=20, choices=AmountKind.choices)
    row = models.ForeignKey(ReportRow, verbose_name=_("report row"), on_delete=models.PROTECT, null=True, blank=True, related_name="amounts")
    area = models.ForeignKey(ActivityArea, verbose_name=_("activity area"), on_delete=models.PROTECT, null=True, blank=True, related_name="amounts")
    amount = kronor(_("amount, kr"))

    class Meta:
        verbose_name = _("amount")
        verbose_name_plural = _("amounts")
        indexes = [models.Index(fields=["unit", "year", "kind"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(row__isnull=False) | models.Q(area__isnull=False),
                                   name="amount_has_row_or_area"),
            models.CheckConstraint(condition=models.Q(month__lte=12), name="amount_month_0_to_12"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}-{self.month:02d} {self.kind}: {self.amount}"


class LedgerImport(models.Model):
    """One ledger file read in: what it replaced, by whom (its history entry points here)."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="ledger_imports")
    year = models.PositiveSmallIntegerField(_("year"))
    kinds = models.CharField(_("kinds"), max_length=100)
    file_name = models.CharField(_("file"), max_length=300)
    lines = models.PositiveIntegerField(_("lines"))
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.unit} {self.year})"


class EconomySettings(models.Model):
    """The municipality's rules of economic control (ekonomistyrningsregler)."""

    municipality = models.OneToOneField(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="economy_settings")
    carry_over_percent = models.DecimalField(
        _("carry-over cap, percent of budget"), max_digits=5, decimal_places=2, default=Decimal(3),
        help_text=_("Closing equity may be at most this share of the committee's net budget"))

    class Meta:
        verbose_name = _("economy settings")
        verbose_name_plural = _("economy settings")

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def for_municipality(cls, municipality_id: int) -> "EconomySettings":
        return cls.objects.filter(municipality_id=municipality_id).first() or cls(municipality_id=municipality_id)


class EconomyCriterion(models.Model):
    """A municipality's criterion for an economy measure (a figure of the ledger as a share of the committee's
    net budget, in %): a value within [minimum, maximum) suggests the level; the first criterion in order that
    holds decides."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="economy_criteria")
    measure = models.CharField(_("measure"), max_length=20, choices=LedgerFigure.choices)
    level = models.ForeignKey(AssessmentLevel, on_delete=models.CASCADE, related_name="+", verbose_name=_("level"))
    minimum = models.DecimalField(_("from, percent of budget"), max_digits=7, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(_("below, percent of budget"), max_digits=7, decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("economy criterion")
        verbose_name_plural = _("economy criteria")
        ordering = ["municipality", "measure", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.level}"

    def holds(self, value: Decimal) -> bool:
        return (self.minimum is None or value >= self.minimum) and (self.maximum is None or value < self.maximum)


@audited
class Equity(Editable):
    """A committee's opening equity (IB) in a year and the use of it. For a year whose budget and outcome
    are not in Styr, its result as closed (needed for the next year's "last year" column)."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="equities")
    year = models.PositiveSmallIntegerField(_("year"))
    opening = kronor(_("opening equity (IB)"))
    budgeted_withdrawal = kronor(_("budgeted withdrawal from equity"), default=0)
    withdrawal = kronor(_("withdrawal from equity"), default=0)
    closed_result = kronor(_("result as closed"), null=True, blank=True)
    closed_result_excluding = kronor(_("result as closed, excluding ring-fenced areas"),
                                                  null=True, blank=True)

    class Meta:
        verbose_name = _("equity")
        verbose_name_plural = _("equity")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unique_equity")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"


@audited
class Investment(Editable):
    """An investment project of a committee's year."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="investments")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("project"), max_length=300)
    budget = kronor(_("budget"))
    outcome = kronor(_("outcome"), default=0)
    forecast = kronor(_("forecast"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("investment")
        verbose_name_plural = _("investments")
        ordering = ["unit", "year", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "name"], name="unique_investment")]

    def __str__(self) -> str:
        return self.name


@audited
class AreaReport(Editable):
    """An activity area in a follow-up: the full-year forecast (interim periods) and the comment."""

    area = models.ForeignKey(ActivityArea, verbose_name=_("activity area"), on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="area_reports")
    forecast = kronor(_("full-year forecast, kr"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("activity area report")
        verbose_name_plural = _("activity area reports")
        constraints = [models.UniqueConstraint(fields=["area", "period"], name="unique_area_report")]

    def __str__(self) -> str:
        return f"{self.area} – {self.period}"


@audited
class EconomyReport(Editable):
    """The committee's economy texts in a follow-up."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="economy_reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="economy_reports")
    result_comment = models.TextField(_("comments on the result"), blank=True)
    investment_comment = models.TextField(_("comments on the investments"), blank=True)

    class Meta:
        verbose_name = _("economy report")
        verbose_name_plural = _("economy reports")
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="unique_economy_report")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"
