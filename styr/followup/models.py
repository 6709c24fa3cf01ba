"""Follow-up: periods, outcomes, assessments and statuses.

Glossary: FollowUpPeriod = uppföljningstillfälle (VP, delårsrapport, VB, månadsrapport),
MeasureOutcome = utfall, GoalAssessment = måluppfyllelse, StatusOption = status (Klart, …).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from styr.core.validators import ICON_CHOICES, validate_colour
from styr.history.audit import audited
from styr.organisation.models import Municipality, UnitKind
from styr.plans.models import Activity, Commitment, CouncilGoalChoice, Goal, Measure, Plan


class AssessmentScale(models.Model):
    """The municipality's scale for goal fulfilment (e.g. Huddinge's four levels)."""

    municipality = models.OneToOneField(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="assessment_scale")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("assessment scale")
        verbose_name_plural = _("assessment scales")

    def __str__(self) -> str:
        return self.name


class AssessmentLevel(models.Model):
    """One level of a scale; `order` 1 is the best."""

    scale = models.ForeignKey(AssessmentScale, verbose_name=_("scale"), on_delete=models.CASCADE, related_name="levels")
    key = models.SlugField(_("key"))
    label = models.CharField(_("label"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    colour = models.CharField(_("colour"), max_length=7, validators=[validate_colour],
                              help_text=_("Hex colour, e.g. #1b7a3a"))
    icon = models.CharField(_("icon"), max_length=20, choices=ICON_CHOICES,
                            help_text=_("A short symbol shown with the label"))
    is_evaluable = models.BooleanField(_("counts as an evaluation"), default=True)

    class Meta:
        verbose_name = _("assessment level")
        verbose_name_plural = _("assessment levels")
        ordering = ["scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "key"], name="unique_level_key"),
            models.UniqueConstraint(fields=["scale", "order"], name="unique_level_order"),
        ]

    def __str__(self) -> str:
        return self.label


class StatusOption(models.Model):
    """A status of commitments, activities and risk actions (Klart, Blir klart i år, …)."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="status_options")
    key = models.SlugField(_("key"))
    label = models.CharField(_("label"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"))
    colour = models.CharField(_("colour"), max_length=7, validators=[validate_colour],
                              help_text=_("Hex colour, e.g. #1b7a3a"))
    icon = models.CharField(_("icon"), max_length=20, choices=ICON_CHOICES)
    is_done = models.BooleanField(_("means done"), default=False)

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statuses")
        ordering = ["municipality", "order"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="unique_status_key"),
        ]

    def __str__(self) -> str:
        return self.label


class PeriodKind(models.TextChoices):
    """The kind of a follow-up occasion, which is also the kind of the document it is reported in."""

    PLAN = "plan", _("operational plan")
    INTERIM_1 = "interim_1", _("interim report 1")
    INTERIM_2 = "interim_2", _("interim report 2")
    ANNUAL_REPORT = "annual_report", _("annual report")
    MONTH = "month", _("month report")

    @property
    def document_name(self) -> str:
        """The name of its document, as a title: "Verksamhetsberättelse"."""
        return str(capfirst(self.label))


class FollowUpPeriod(models.Model):
    """A follow-up occasion of a municipality's year, e.g. delårsrapport 2 per 31 August."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    slug = models.SlugField(_("slug"))
    name = models.CharField(_("name"), max_length=100)
    as_of = models.DateField(_("as of"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up period")
        verbose_name_plural = _("follow-up periods")
        ordering = ["year", "as_of"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "slug"], name="unique_period_slug"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def takes_outcomes(self) -> bool:
        """The plan states targets; outcomes are reported in the follow-ups after it."""
        return self.kind != PeriodKind.PLAN

    def deadline_for(self, unit_kind: str) -> datetime.date | None:
        """The one deadline rule: the level's own deadline if it has one, else the period's.

        Reads `deadlines` through the prefetch cache when the caller prefetched them.
        """
        own = next((row.date for row in self.deadlines.all() if row.unit_kind == unit_kind), None)
        return own or self.deadline


class Editable(models.Model):
    """Follow-up text that several people may edit: who saved it last, and a version for locking."""

    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


@audited
class MeasureOutcome(Editable):
    """A measure's outcome (utfall) for a year, as of a month, with comparison figures."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="outcomes")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("as of month"), default=12)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=3, null=True, blank=True)
    women = models.DecimalField(_("women"), max_digits=14, decimal_places=3, null=True, blank=True)
    men = models.DecimalField(_("men"), max_digits=14, decimal_places=3, null=True, blank=True)
    county_average = models.DecimalField(
        _("county average"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField(_("ranking"), null=True, blank=True)
    rank_of = models.PositiveSmallIntegerField(_("ranked among"), null=True, blank=True)
    reference_value = models.DecimalField(
        _("reference value"), max_digits=14, decimal_places=3, null=True, blank=True,
        help_text=_("A figure to compare with other than the county average, e.g. the country's"),
    )
    reference_label = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("What the reference value is, e.g. “Riket”"),
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["measure", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year", "month"], name="unique_outcome"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="outcome_month_1_to_12"),
            models.CheckConstraint(
                condition=models.Q(rank__isnull=True) | models.Q(rank_of__gte=models.F("rank")),
                name="rank_within_ranked",
            ),
            models.CheckConstraint(
                condition=models.Q(reference_value__isnull=True) | ~models.Q(reference_label=""),
                name="reference_value_has_label",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.month:02d}-{self.year}"


class OutcomeRevision(models.Model):
    """Kolada's revised figures for an outcome of a decided follow-up, held for a controller to apply as an
    amendment (with the reason "Kolada-revision") or to leave. One is kept per outcome: the latest revision."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="revisions")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("as of month"), default=12)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=3, null=True, blank=True)
    women = models.DecimalField(_("women"), max_digits=14, decimal_places=3, null=True, blank=True)
    men = models.DecimalField(_("men"), max_digits=14, decimal_places=3, null=True, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now=True)

    class Meta:
        verbose_name = _("Kolada revision")
        verbose_name_plural = _("Kolada revisions")
        ordering = ["measure", "year", "month"]
        constraints = [models.UniqueConstraint(fields=["measure", "year", "month"], name="unique_outcome_revision")]

    def __str__(self) -> str:
        return f"{self.measure} {self.month:02d}-{self.year} (Kolada)"

    def values(self) -> dict:
        return {"total": self.total, "women": self.women, "men": self.men}


class OutcomeBreakdown(models.Model):
    """A further breakdown of an outcome by age group or area (jämlik styrning)."""

    class Dimension(models.TextChoices):
        AGE_GROUP = "age_group", _("age group")
        AREA = "area", _("area")

    outcome = models.ForeignKey(MeasureOutcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="breakdowns")
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    label = models.CharField(_("label"), max_length=100)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["dimension", "label"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "dimension", "label"], name="unique_breakdown"),
        ]


@audited
class MeasureAnalysis(Editable):
    """A measure's analysis in a follow-up, with the judgement on unjustified differences."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="analyses")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="measure_analyses")
    analysis = models.TextField(_("analysis"), blank=True)
    unjustified_differences = models.BooleanField(_("unjustified differences"), null=True, blank=True)
    differences_explanation = models.TextField(_("explanation of differences"), blank=True)
    forecast = models.DecimalField(_("full-year forecast"), max_digits=14, decimal_places=3, null=True, blank=True)
    target_met = models.BooleanField(
        _("target met, in the committee's judgement"), null=True, blank=True,
        help_text=_("The committee's own judgement; Styr's computed answer is only shown beside it as a suggestion."),
    )

    class Meta:
        verbose_name = _("measure analysis")
        verbose_name_plural = _("measure analyses")
        constraints = [models.UniqueConstraint(fields=["measure", "period"], name="unique_measure_analysis")]


class MeasureColumn(models.TextChoices):
    """The columns of a measure table after the measure's name, in the order they are shown."""

    OUTCOME = "outcome", _("Outcome & trend")
    TARGET = "target", _("Target, ranking & average")
    REFERENCE = "reference", _("Reference value")
    GENDER = "gender", _("Gender")
    UNJUSTIFIED = "unjustified", _("Unjustified differences?")


class MeasureTableLayout(models.Model):
    """Which columns the municipality's measure tables show, on its pages and in its documents.

    A municipality without a saved layout gets the default one (Huddinge's: gender, unjustified differences
    and ranking, without a reference value or earlier months)."""

    municipality = models.OneToOneField(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="measure_table_layout")
    show_gender = models.BooleanField(_("gender (women and men)"), default=True)
    show_unjustified = models.BooleanField(_("“Unjustified differences?”"), default=True)
    show_ranking = models.BooleanField(_("ranking and county average"), default=True)
    show_reference = models.BooleanField(_("reference value"), default=False)
    show_earlier_months = models.BooleanField(
        _("earlier months of the year"), default=False,
        help_text=_("Besides the latest value, the year's earlier values (e.g. April beside August)."),
    )

    class Meta:
        verbose_name = _("measure table layout")
        verbose_name_plural = _("measure table layouts")

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def columns(self) -> list[MeasureColumn]:
        shown = {MeasureColumn.REFERENCE: self.show_reference, MeasureColumn.GENDER: self.show_gender,
                 MeasureColumn.UNJUSTIFIED: self.show_unjustified}
        return [column for column in MeasureColumn if shown.get(column, True)]

    @classmethod
    def of(cls, municipality_id: int) -> "MeasureTableLayout":
        """The municipality's layout, or the default one (unsaved) if it has none."""
        return cls.objects.filter(municipality_id=municipality_id).first() or cls(municipality_id=municipality_id)


class Assessment(Editable):
    """Common fields of an assessment: a level (or a range "god till mycket god") and its text."""

    level = models.ForeignKey(AssessmentLevel, verbose_name=_("level"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    upper_level = models.ForeignKey(
        AssessmentLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("up to level"),
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        if self.level is None:
            return ""
        if self.upper_level is None or self.upper_level_id == self.level_id:
            return self.level.label
        return f"{self.level.label} till {self.upper_level.label.lower()}"


@audited
class GoalAssessment(Assessment):
    """The assessment of a committee goal (or unit goal) in a follow-up period."""

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="assessments")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="goal_assessments")

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        constraints = [models.UniqueConstraint(fields=["goal", "period"], name="unique_goal_assessment")]


@audited
class CouncilGoalAssessment(Assessment):
    """The committee's combined assessment of a council goal (sammanvägd bedömning)."""

    choice = models.ForeignKey(CouncilGoalChoice, verbose_name=_("council goal choice"), on_delete=models.CASCADE, related_name="assessments")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="council_goal_assessments")

    class Meta:
        verbose_name = _("combined assessment of a council goal")
        verbose_name_plural = _("combined assessments of council goals")
        constraints = [
            models.UniqueConstraint(fields=["choice", "period"], name="unique_council_goal_assessment")
        ]


@audited
class PeriodReport(Assessment):
    """A unit's report texts for a period: overall assessment, summary, events, improvement areas."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="period_reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reports")
    summary = models.TextField(_("summary of the year"), blank=True)
    events = models.TextField(_("events of the year"), blank=True, help_text=_("One per line"))
    events_text = models.TextField(_("about the events"), blank=True)
    improvement_areas = models.TextField(_("improvement areas"), blank=True, help_text=_("One per line"))
    comparison_text = models.TextField(_("compare, analyse and change"), blank=True)

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        constraints = [models.UniqueConstraint(fields=["plan", "period"], name="unique_period_report")]

    @property
    def event_list(self) -> list[str]:
        return [line.strip() for line in self.events.splitlines() if line.strip()]

    @property
    def improvement_area_list(self) -> list[str]:
        return [line.strip() for line in self.improvement_areas.splitlines() if line.strip()]


class StatusReport(Editable):
    """Common fields of a status report on a commitment or an activity."""

    status = models.ForeignKey(StatusOption, verbose_name=_("status"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        abstract = True


@audited
class CommitmentReport(StatusReport):
    commitment = models.ForeignKey(Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="commitment_reports")

    class Meta:
        verbose_name = _("commitment status")
        verbose_name_plural = _("commitment statuses")
        constraints = [models.UniqueConstraint(fields=["commitment", "period"], name="unique_commitment_report")]


@audited
class ActivityReport(StatusReport):
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="activity_reports")

    class Meta:
        verbose_name = _("activity status")
        verbose_name_plural = _("activity statuses")
        constraints = [models.UniqueConstraint(fields=["activity", "period"], name="unique_activity_report")]


class ProgressState(models.TextChoices):
    OPEN = "open", _("open")
    READY = "ready", _("ready")
    APPROVED = "approved", _("approved")
    DECIDED = "decided", _("decided")


@audited
class PeriodProgress(models.Model):
    """How far a unit has come with a follow-up period: open → ready → approved → decided (locked)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="progress")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="progress")
    state = models.CharField(_("state"), max_length=10, choices=ProgressState.choices, default=ProgressState.OPEN)
    ready_at = models.DateTimeField(_("marked ready"), null=True, blank=True)
    ready_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("ready by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_paragraph = models.CharField(_("paragraph (§)"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("follow-up progress")
        verbose_name_plural = _("follow-up progress")
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="unique_period_progress"),
            models.CheckConstraint(
                condition=~models.Q(state="decided") | (models.Q(decided_on__isnull=False) & ~models.Q(decision_paragraph="")),
                name="decided_progress_has_date_and_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.period}: {self.get_state_display()}"

    @property
    def ready_by_name(self) -> str:
        """Who marked it ready, by name; empty when no one is recorded (or the account is gone)."""
        user = self.ready_by
        return (user.get_full_name() or user.username) if user is not None else ""


class Deadline(models.Model):
    """When each level of the organisation must be done with a period: units first, the committee last."""

    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="deadlines")
    unit_kind = models.CharField(_("level"), max_length=20, choices=UnitKind.choices)
    date = models.DateField(_("deadline"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["period", "date"]
        constraints = [models.UniqueConstraint(fields=["period", "unit_kind"], name="unique_deadline_per_level")]

    def __str__(self) -> str:
        return f"{self.period}: {self.get_unit_kind_display()} {self.date}"



class ReminderKind(models.TextChoices):
    BEFORE = "before", _("before the deadline")
    AFTER = "after", _("after the deadline")
    MANUAL = "manual", _("sent by a controller")


class Reminder(models.Model):
    """A reminder e-mail sent to a unit about a period's deadline; the automatic kinds are sent once each."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reminders")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.TextField(_("recipients"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["plan", "period", "kind"], condition=~models.Q(kind="manual"),
                                               name="unique_reminder")]
