"""The plan: council goals, committee goals, measures with targets, commitments and activities.

Glossary: CouncilGoal = övergripande/strategiskt mål (set by kommunfullmäktige),
Goal = nämndmål (or a unit's own goal under one), Measure = mått/indikator,
Target = etappmål, Commitment = utvecklingsåtagande, Activity = aktivitet.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.validators import validate_kolada_kpi
from styr.history.audit import audited
from styr.organisation.models import Municipality, OrganisationUnit


class CouncilGoalGroup(models.Model):
    """A municipality's group of council goals in "Mål och budget": "Övergripande mål", "Målområden", "Strategier"."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE,
                                     related_name="council_goal_groups")
    name = models.CharField(_("name"), max_length=100, help_text=_("As a heading, e.g. Målområden"))
    singular = models.CharField(_("one of them"), max_length=100, blank=True,
                                help_text=_("The word for one goal of the group, e.g. Målområde"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("council goal group")
        verbose_name_plural = _("council goal groups")
        ordering = ["municipality", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"], name="unique_council_goal_group")]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """What one goal of the group is called: the singular word, else the group's name."""
        return self.singular or self.name


class CouncilGoal(models.Model):
    """A goal set by the council in "Mål och budget", in one of the municipality's groups, optionally numbered."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE,
                                     related_name="council_goals")
    group = models.ForeignKey(CouncilGoalGroup, on_delete=models.PROTECT, related_name="goals", verbose_name=_("group"))
    key = models.SlugField(_("key"))
    number = models.CharField(_("number"), max_length=20, blank=True,
                              help_text=_("A number or code shown before the name, e.g. 1.2"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("council goal")
        verbose_name_plural = _("council goals")
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="unique_council_goal")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The name with its number before it: "1.2 Trygg uppväxt"."""
        return f"{self.number} {self.name}" if self.number else self.name

    def clean(self) -> None:
        if self.group_id and self.municipality_id and self.group.municipality_id != self.municipality_id:
            raise ValidationError({"group": _("The group must be of the same municipality.")})


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


@audited
class Plan(models.Model):
    """A unit's plan for one year (verksamhetsplan), the anchor of its goals and follow-up."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies",
        verbose_name=_("started from"), help_text=_("The plan of the year before that this plan was started from."),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["unit", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unique_plan_per_unit_and_year"),
            models.CheckConstraint(condition=models.Q(year__gte=1990, year__lte=2200), name="plan_year_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.PUBLISHED


@audited
class CouncilGoalChoice(models.Model):
    """Whether a committee's plan includes a council goal, and why not if it does not."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="council_goal_choices")
    council_goal = models.ForeignKey(CouncilGoal, verbose_name=_("council goal"), on_delete=models.PROTECT, related_name="choices")
    included = models.BooleanField(_("included"), default=True)
    exclusion_reason = models.TextField(_("reason for leaving it out"), blank=True)

    class Meta:
        verbose_name = _("council goal choice")
        verbose_name_plural = _("council goal choices")
        ordering = ["council_goal__order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "council_goal"], name="unique_council_goal_choice"),
            models.CheckConstraint(
                condition=models.Q(included=True) | ~models.Q(exclusion_reason=""),
                name="excluded_council_goal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.council_goal}"

    def clean(self) -> None:
        if self.plan_id and self.council_goal_id:
            _check_council_goal(self.council_goal, self.plan)


@audited
class Goal(models.Model):
    """A committee goal (nämndmål) under a council goal, or a unit's goal under a committee goal."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals")
    council_goal = models.ForeignKey(CouncilGoal, verbose_name=_("council goal"), on_delete=models.PROTECT, related_name="goals")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="unit_goals",
        verbose_name=_("committee goal it contributes to"),
    )
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("name"), max_length=300)
    interpretation = models.TextField(_("the committee's interpretation"), blank=True)
    priorities = models.TextField(_("special priorities"), blank=True)
    core_mission = models.TextField(_("core mission (basuppdrag)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    measures: models.ManyToManyField = models.ManyToManyField("Measure", verbose_name=_("measures"), through="GoalMeasure", related_name="goals")

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["council_goal__order", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "slug"], name="unique_goal_slug_per_plan")]

    def __str__(self) -> str:
        return self.name

    PICKER_RELATED = ("plan__unit",)

    @property
    def picker_label(self) -> str:
        """The name with the plan it belongs to, so that goals of the same name can be told apart in a list."""
        return f"{self.name} ({self.plan})"

    def clean(self) -> None:
        """The council goal is the plan's municipality's; a committee goal it serves is of the same year."""
        if not self.plan_id:
            return
        if self.council_goal_id:
            _check_council_goal(self.council_goal, self.plan)
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A goal cannot contribute to itself.")})
        _check_goal_of_year(self, "parent", self.plan)


def _check_council_goal(council_goal: CouncilGoal, plan: Plan) -> None:
    if council_goal.municipality_id != plan.unit.municipality_id:
        raise ValidationError({"council_goal": _("Choose a council goal of the plan's municipality.")})


def _check_goal_of_year(obj: models.Model, name: str, plan: Plan) -> None:
    """A goal referred to from another plan (contributes to, also shown under): same municipality and year."""
    goal = getattr(obj, name) if getattr(obj, f"{name}_id") else None
    if goal is not None and (goal.plan.year != plan.year or goal.plan.unit.municipality_id != plan.unit.municipality_id):
        raise ValidationError({name: _("Choose a goal of a plan of the same year and municipality.")})


def _check_in_plan(obj: "Commitment | Activity", name: str) -> None:
    """The goal or commitment an object sits under belongs to the object's own plan."""
    if getattr(obj, f"{name}_id") and obj.plan_id and getattr(obj, name).plan_id != obj.plan_id:
        raise ValidationError({name: _("Choose one of the same plan.")})


class UnitOfMeasure(models.TextChoices):
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("number")
    INDEX = "index", _("index")
    DAYS = "days", _("days")
    MNKR = "mnkr", _("million kronor")
    TKR = "tkr", _("thousand kronor")
    KG_PER_FTE = "kg_per_fte", _("kg per full-time employee")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")
    NONE = "none", _("no direction")


class MeasureKind(models.TextChoices):
    MEASURE = "measure", _("measure with target")
    INDICATOR = "indicator", _("indicator, followed without target")


class LedgerFigure(models.TextChoices):
    """The figures of a committee's economy a measure's outcome can be derived from (styr.economy), each
    expressed in the measure's unit: kr, tkr or mnkr, or per cent of the committee's net budget."""

    RESULT = "result", _("Budget adherence, result")  # Budgethållning, resultat: the result (deviation from budget)
    RESULT_EXCLUDING = "result_excluding", _("Budget adherence excluding ring-fenced areas")  # e.g. ensamkommande
    EQUITY = "equity", _("The committee's balanced result")  # Nämndens balanserade resultat: closing equity (UB)


LEDGER_UNITS = (UnitOfMeasure.PERCENT, UnitOfMeasure.TKR, UnitOfMeasure.MNKR)  # the units a figure from the ledger can be expressed in


class PeriodType(models.TextChoices):
    YEAR = "year", _("calendar year")
    POINT_IN_TIME = "point", _("as of a month")
    ROLLING_12 = "r12", _("rolling twelve months")


@audited
class Measure(models.Model):
    """A measure (mått) owned by a unit; it lives across years, its targets and outcomes per year."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="measures")
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("name"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    unit_of_measure = models.CharField(_("unit"), max_length=20, choices=UnitOfMeasure.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=MeasureKind.choices, default=MeasureKind.MEASURE)
    period_type = models.CharField(_("period"), max_length=10, choices=PeriodType.choices, default=PeriodType.YEAR)
    source = models.CharField(_("source"), max_length=300, blank=True)
    kolada_kpi = models.CharField(_("Kolada KPI id"), max_length=10, blank=True, validators=[validate_kolada_kpi])
    ledger_figure = models.CharField(
        _("from the ledger"), max_length=20, choices=LedgerFigure.choices, blank=True,
        help_text=_("The outcome is derived each follow-up from the committee's economy, not typed."))
    trend_threshold = models.DecimalField(
        _("trend threshold"), max_digits=10, decimal_places=3, default=0,
        help_text=_("A change from last year no larger than this counts as unchanged."),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["unit", "slug"], name="unique_measure_slug_per_unit")]

    def __str__(self) -> str:
        return self.name

    PICKER_RELATED = ("unit",)

    @property
    def picker_label(self) -> str:
        """The name with the unit that owns it: two units may follow measures of the same name."""
        return f"{self.name} ({self.unit})"

    def clean(self) -> None:
        if self.ledger_figure and self.unit_of_measure not in LEDGER_UNITS:
            raise ValidationError({"ledger_figure": _("A figure from the ledger is in per cent, tkr or mnkr.")})


@audited
class GoalMeasure(models.Model):
    """A measure shown under a goal of a plan, in the plan's order."""

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="goal_measures")
    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="goal_measures")
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["goal", "measure"], name="unique_goal_measure")]

    def __str__(self) -> str:
        return f"{self.measure} – {self.goal}"

    def clean(self) -> None:
        if self.goal_id and self.measure_id and self.measure.unit.municipality_id != self.goal.plan.unit.municipality_id:
            raise ValidationError({"measure": _("Choose a measure of the goal's municipality.")})


class TargetKind(models.TextChoices):
    NUMBER = "number", _("a number")
    INCREASE = "increase", _("increase")
    DECREASE = "decrease", _("decrease")
    ABOVE_COUNTY_AVERAGE = "above_county_average", _("above the county average")
    REPORTED_IN_ANNUAL_REPORT = "annual_report", _("reported in the annual report")


class Comparator(models.TextChoices):
    AT_LEAST = ">=", "≥"
    ABOVE = ">", ">"
    AT_MOST = "<=", "≤"
    BELOW = "<", "<"
    EQUAL = "=", "="


@audited
class Target(models.Model):
    """The year's target (etappmål) for a measure."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=30, choices=TargetKind.choices)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["measure", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="unique_target_per_measure_and_year"),
            models.CheckConstraint(
                condition=~models.Q(kind="number") | models.Q(value__isnull=False),
                name="number_target_has_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.year}"


@audited
class Commitment(models.Model):
    """A development commitment (utvecklingsåtagande): a time-bound improvement beyond the core mission."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="commitments")
    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="commitments")
    also_under = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="borrowed_commitments",
        verbose_name=_("also shown under"),
    )
    name = models.CharField(_("name"), max_length=400)
    description = models.TextField(_("how it is to be achieved"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("development commitment")
        verbose_name_plural = _("development commitments")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    PICKER_RELATED = ("plan__unit",)

    @property
    def picker_label(self) -> str:
        return f"{self.name} ({self.plan})"

    def clean(self) -> None:
        _check_in_plan(self, "goal")
        if self.plan_id:
            _check_goal_of_year(self, "also_under", self.plan)


@audited
class Activity(models.Model):
    """An activity, under a commitment or directly under a goal; a unit's activity may serve a committee goal."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="activities")
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    also_under = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="borrowed_activities",
        verbose_name=_("also shown under"),
    )
    name = models.CharField(_("name"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        _check_in_plan(self, "goal")
        _check_in_plan(self, "commitment")
        if self.plan_id:
            _check_goal_of_year(self, "also_under", self.plan)
