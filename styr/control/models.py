"""Internal control (intern kontroll, kommunallagen 6:6): risks, actions after audits, control activities.

Glossary: RiskMatrix = riskmatris, Risk = risk, RiskAction = riskreducerande åtgärd,
AuditReview = revision eller extern granskning, AuditAction = åtgärd utifrån granskningen,
ControlActivity = kontrollmoment (systematisk kontroll), ControlCategory = kategori av kontrollmoment,
ControlResult = kontrollmomentets resultat i en uppföljning, ControlReport = internkontrollens texter.
Risks and reviews belong to a unit's plan of the year; statuses and results are reported per follow-up
period and lock with the plan's follow-up (styr.followup.locks).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.followup.models import Editable, FollowUpPeriod, StatusOption, StatusReport
from styr.history.audit import audited
from styr.organisation.models import Municipality, OrganisationUnit
from styr.plans.models import Goal, Plan


class Band(models.TextChoices):
    """Where a probability × consequence falls on the matrix."""

    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@audited
class RiskMatrix(Editable):
    """The municipality's risk matrix: its size, the labels of each step and where the bands begin.

    A score is probability × consequence (1 … size²); up to `low_max` it is low, up to `medium_max` medium,
    above that high. A municipality without one uses `RiskMatrix.default`, Styr's 4 × 4.
    """

    municipality = models.OneToOneField(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="risk_matrix")
    size = models.PositiveSmallIntegerField(_("size"), default=4)
    probability_labels = models.TextField(_("probability labels"), help_text=_("One per line, lowest first"))
    consequence_labels = models.TextField(_("consequence labels"), help_text=_("One per line, lowest first"))
    low_max = models.PositiveSmallIntegerField(_("highest low score"))
    medium_max = models.PositiveSmallIntegerField(_("highest medium score"))

    class Meta:
        verbose_name = _("risk matrix")
        verbose_name_plural = _("risk matrices")
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gte=2, size__lte=7), name="risk_matrix_size_2_to_7"),
            models.CheckConstraint(condition=models.Q(low_max__gte=1, medium_max__gt=models.F("low_max")),
                                   name="risk_matrix_bands_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.size} × {self.size}"

    @classmethod
    def default(cls, municipality: Municipality) -> "RiskMatrix":
        """Styr's matrix (not saved): 4 × 4, low up to 3, medium up to 8, high from 9."""
        return cls(
            municipality=municipality, size=4,
            probability_labels="Osannolik\nMindre sannolik\nMöjlig\nSannolik",
            consequence_labels="Försumbar\nLindrig\nKännbar\nAllvarlig",
            low_max=3, medium_max=8,
        )

    @classmethod
    def for_municipality(cls, municipality: Municipality) -> "RiskMatrix":
        return cls.objects.filter(municipality=municipality).first() or cls.default(municipality)

    @property
    def probabilities(self) -> list[str]:
        return lines(self.probability_labels)

    @property
    def consequences(self) -> list[str]:
        return lines(self.consequence_labels)

    def clean(self) -> None:
        for name, labels in (("probability_labels", self.probabilities), ("consequence_labels", self.consequences)):
            if len(labels) != self.size:
                raise ValidationError({name: _("Give %(size)s labels, one per line; %(count)s are given.")
                                       % {"size": self.size, "count": len(labels)}})
        if not 1 <= self.low_max < self.medium_max < self.size * self.size:
            raise ValidationError(_("The bands must satisfy 1 ≤ highest low < highest medium < %(top)s.")
                                  % {"top": self.size * self.size})

    def band(self, probability: int, consequence: int) -> Band:
        score = probability * consequence
        if score <= self.low_max:
            return Band.LOW
        return Band.MEDIUM if score <= self.medium_max else Band.HIGH


@audited
class Risk(Editable):
    """A risk in a unit's plan of the year, assessed on the municipality's matrix; next year's
    re-assessment is a new risk in that year's plan, `carried_from` this one, so each year's stays."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="risks")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="risks",
                             verbose_name=_("goal it threatens"))
    risk = models.TextField(_("risk"))
    background = models.TextField(_("background and cause"), blank=True)
    effects = models.TextField(_("possible effects"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    probability = models.PositiveSmallIntegerField(_("probability"), null=True, blank=True)
    consequence = models.PositiveSmallIntegerField(_("consequence"), null=True, blank=True)
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("the same risk the year before"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.risk[:100]


@audited
class RiskAction(Editable):
    """A risk-reducing action (riskreducerande åtgärd) under a risk."""

    risk = models.ForeignKey(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("action"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("risk-reducing action")
        verbose_name_plural = _("risk-reducing actions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:100]

    @property
    def name(self) -> str:
        """What the follow-up page titles an item with."""
        return self.text


@audited
class RiskActionReport(StatusReport):
    action = models.ForeignKey(RiskAction, verbose_name=_("risk-reducing action"), on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="risk_action_reports")

    class Meta:
        verbose_name = _("status of a risk-reducing action")
        verbose_name_plural = _("statuses of risk-reducing actions")
        constraints = [models.UniqueConstraint(fields=["action", "period"], name="unique_risk_action_report")]


@audited
class AuditReview(Editable):
    """An audit or external review (revision, a national agency's inspection) the unit acts on."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="audit_reviews")
    name = models.CharField(_("review"), max_length=300)
    reviewer = models.CharField(_("reviewed by"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year of the review"))
    case_numbers = models.TextField(_("case numbers"), blank=True, help_text=_("One per line, e.g. SN 2019/1703"))
    background = models.TextField(_("background"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True, help_text=_("One per line"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("audit or review")
        verbose_name_plural = _("audits and reviews")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def case_number_list(self) -> list[str]:
        return lines(self.case_numbers)

    @property
    def recommendation_list(self) -> list[str]:
        return lines(self.recommendations)


@audited
class AuditAction(Editable):
    review = models.ForeignKey(AuditReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("action"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("action after a review")
        verbose_name_plural = _("actions after reviews")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:100]

    @property
    def name(self) -> str:
        """What the follow-up page titles an item with."""
        return self.text


@audited
class AuditActionReport(StatusReport):
    action = models.ForeignKey(AuditAction, verbose_name=_("action after the review"), on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="audit_action_reports")

    class Meta:
        verbose_name = _("status of an action after a review")
        verbose_name_plural = _("statuses of actions after reviews")
        constraints = [models.UniqueConstraint(fields=["action", "period"], name="unique_audit_action_report")]


class ControlCategory(models.Model):
    """A category of control activities; Styr ships the common three (styr.control.presets)."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="control_categories")
    key = models.SlugField(_("key"))
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("control category")
        verbose_name_plural = _("control categories")
        ordering = ["municipality", "order"]
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="unique_control_category")]

    def __str__(self) -> str:
        return self.label


@audited
class ControlActivity(Editable):
    """A control activity (kontrollmoment) of a year: defined for one unit, or, with no unit, once for the
    whole municipality and followed up by each committee."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="control_activities")
    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True,
                             related_name="control_activities", help_text=_("Empty: common to the municipality"))
    year = models.PositiveSmallIntegerField(_("year"))
    what = models.TextField(_("what is checked"))
    how = models.TextField(_("how"), blank=True)
    frequency = models.CharField(_("how often"), max_length=200, blank=True)
    performer = models.CharField(_("by whom"), max_length=200, blank=True)
    process = models.CharField(_("process"), max_length=200, blank=True)
    category = models.ForeignKey(ControlCategory, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="controls", verbose_name=_("category"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("control activity")
        verbose_name_plural = _("control activities")
        ordering = ["year", "order", "pk"]

    def __str__(self) -> str:
        return self.what[:100]


class ControlOutcome(models.TextChoices):
    NO_REMARK = "no_remark", _("no remark")
    REMARK = "remark", _("remark")


@audited
class ControlResult(Editable):
    """A unit's result of a control activity in a follow-up period."""

    control = models.ForeignKey(ControlActivity, verbose_name=_("control activity"), on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="control_results")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="control_results")
    outcome = models.CharField(_("result"), max_length=10, choices=ControlOutcome.choices, blank=True)
    found = models.TextField(_("what was found"), blank=True)
    proposed_action = models.TextField(_("proposed action"), blank=True)
    status = models.ForeignKey(StatusOption, verbose_name=_("status"), on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("control result")
        verbose_name_plural = _("control results")
        constraints = [models.UniqueConstraint(fields=["control", "unit", "period"], name="unique_control_result")]

    def __str__(self) -> str:
        return f"{self.control} – {self.unit}, {self.period}"


class ControlVerdict(models.TextChoices):
    """The committee's verdict on its internal control in a period (kommunallagen 6:6)."""

    SUFFICIENT = "sufficient", _("the internal control has been sufficient")
    SHORTCOMINGS = "shortcomings", _("the internal control has been sufficient, with shortcomings to remedy")
    INSUFFICIENT = "insufficient", _("the internal control has not been sufficient")


@audited
class ControlReport(Editable):
    """The unit's texts on its internal control in a period: the summary and each part's introduction."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="control_reports")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="control_reports")
    introduction = models.TextField(_("introduction"), blank=True)
    verdict = models.CharField(_("the committee's verdict"), max_length=20, choices=ControlVerdict.choices, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    risks_text = models.TextField(_("about the risk-reducing actions"), blank=True)
    audits_text = models.TextField(_("about the actions after reviews"), blank=True)
    controls_text = models.TextField(_("about the systematic controls"), blank=True)

    class Meta:
        verbose_name = _("internal control report")
        verbose_name_plural = _("internal control reports")
        constraints = [models.UniqueConstraint(fields=["plan", "period"], name="unique_control_report")]

    def __str__(self) -> str:
        return f"{self.plan} – {self.period}"


# Quality management (ledningssystem för systematiskt kvalitetsarbete, SOSFS 2011:9): counts only -------------

class QualityKind(models.TextChoices):
    """What is counted: reports of deviations and of complaints, never the people behind them."""

    DEVIATION = "deviation", _("deviations")
    COMPLAINT = "complaint", _("complaints and suggestions")
    LEX_SARAH = "lex_sarah", _("Lex Sarah reports")
    IVO = "ivo", _("reports to IVO")
    LEX_MARIA = "lex_maria", _("Lex Maria reports")


class QualityCategory(models.Model):
    """A category the municipality counts its quality reports by (e.g. bemötande, läkemedel)."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="quality_categories")
    key = models.SlugField(_("key"))
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quality category")
        verbose_name_plural = _("quality categories")
        ordering = ["municipality", "order"]
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="unique_quality_category")]

    def __str__(self) -> str:
        return self.label


@audited
class QualityCount(Editable):
    """How many reports of a kind and category a unit had in a follow-up period. No personal data: a count,
    and a comment that must not name anyone (styr.control.quality refuses what looks like a name)."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="quality_counts")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="quality_counts")
    kind = models.CharField(_("kind"), max_length=20, choices=QualityKind.choices)
    category = models.ForeignKey(QualityCategory, on_delete=models.PROTECT, related_name="counts",
                                 verbose_name=_("category"))
    count = models.PositiveIntegerField(_("count"))
    comment = models.TextField(_("comment"), blank=True, help_text=_("Never name or describe a person."))

    class Meta:
        verbose_name = _("quality count")
        verbose_name_plural = _("quality counts")
        ordering = ["unit", "period", "kind", "category__order"]
        constraints = [models.UniqueConstraint(fields=["unit", "period", "kind", "category"],
                                               name="unique_quality_count")]

    def __str__(self) -> str:
        return f"{self.unit}, {self.period}: {self.get_kind_display()}, {self.category} = {self.count}"


# Oversight: the plan for following up contracts, the process register and self-inspections -----------------

class ContractKind(models.TextChoices):
    PRIVATE = "private", _("private provider")
    OWN_IN_COMPETITION = "own", _("own unit in competition")


class ContractState(models.TextChoices):
    PLANNED = "planned", _("planned")
    DONE = "done", _("done")
    POSTPONED = "postponed", _("postponed")


_BAND_SCORE = {Band.LOW: 1, Band.MEDIUM: 2, Band.HIGH: 3}


@audited
class ContractFollowUp(Editable):
    """A contract in the plan for following up and overseeing private providers (plan för uppföljning och insyn,
    kommunallagen 10:8) and own units acting in competition. Its priority follows from importance, risk and
    size: each low, medium or high (1, 2, 3); a sum of 7 or more is high, 5 or more medium, else low."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="contract_followups")
    contract = models.CharField(_("contract or service"), max_length=300)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    kind = models.CharField(_("kind of provider"), max_length=10, choices=ContractKind.choices,
                            default=ContractKind.PRIVATE)
    importance = models.CharField(_("importance"), max_length=10, choices=Band.choices, default=Band.MEDIUM)
    risk = models.CharField(_("risk"), max_length=10, choices=Band.choices, default=Band.MEDIUM)
    size = models.CharField(_("size"), max_length=10, choices=Band.choices, default=Band.MEDIUM)
    planned_period = models.ForeignKey(FollowUpPeriod, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("planned for"))
    state = models.CharField(_("state"), max_length=10, choices=ContractState.choices, default=ContractState.PLANNED)
    postponed_reason = models.TextField(_("why it was postponed"), blank=True)
    result = models.TextField(_("result"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contract follow-up")
        verbose_name_plural = _("contract follow-ups")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.contract

    @property
    def priority(self) -> Band:
        score = sum(_BAND_SCORE[Band(value)] for value in (self.importance, self.risk, self.size))
        return Band.HIGH if score >= 7 else Band.MEDIUM if score >= 5 else Band.LOW


class ProcessKind(models.TextChoices):
    CORE = "core", _("core process")
    MANAGEMENT = "management", _("management process")
    SUPPORT = "support", _("support process")


@audited
class Process(Editable):
    """A process of the unit's management system for quality (SOSFS 2011:9), with its owner."""

    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="processes")
    name = models.CharField(_("process"), max_length=200)
    kind = models.CharField(_("kind of process"), max_length=12, choices=ProcessKind.choices,
                            default=ProcessKind.CORE)
    owner = models.CharField(_("process owner"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["unit", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="unique_process_name")]

    def __str__(self) -> str:
        return self.name


@audited
class SelfInspection(Editable):
    """A self-inspection (egenkontroll) planned in the unit's plan of the year, and its result once done."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="self_inspections")
    process = models.ForeignKey(Process, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections",
                                verbose_name=_("process"))
    what = models.TextField(_("what is inspected"))
    how = models.TextField(_("how"), blank=True)
    planned_period = models.ForeignKey(FollowUpPeriod, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("planned for"))
    done = models.BooleanField(_("done"), default=False)
    result = models.TextField(_("result"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("self-inspection")
        verbose_name_plural = _("self-inspections")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.what[:100]


@audited
class ImprovementArea(Editable):
    """An improvement area (förbättringsområde) the unit draws from its analysis of risks, control results,
    deviations and follow-ups in a period, linked to the goal it serves; `basis` keeps the findings it rests on."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="improvement_areas")
    period = models.ForeignKey(FollowUpPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="improvement_areas")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="improvement_areas",
                             verbose_name=_("goal"))
    title = models.CharField(_("improvement area"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    basis = models.TextField(_("what it builds on"), blank=True, help_text=_("One finding per line"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("improvement area")
        verbose_name_plural = _("improvement areas")
        ordering = ["plan", "period", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def basis_list(self) -> list[str]:
        return lines(self.basis)
