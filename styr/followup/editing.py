"""The follow-up editing page of a plan and period: which items the user may edit, their forms, saving.

Each item (a goal's assessment, a measure's values and analysis, a commitment's status, …) is
saved on its own, so that many people can fill in the same period at once without overwriting
each other; conflicts come back to the user with both texts.
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib.auth.models import User
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from styr.followup import services
from styr.followup.derived import suggested_levels
from styr.followup.filling import PeriodRecords, Progress
from styr.followup.forms import (
    AssessmentForm,
    MeasureForm,
    PeriodReportForm,
    StatusForm,
    UserTextField,
)
from styr.followup.models import (
    AssessmentLevel,
    CouncilGoalAssessment,
    FollowUpPeriod,
    GoalAssessment,
    PeriodReport,
    StatusOption,
)
from styr.followup.results import measure_results
from styr.history.models import ChangeSource
from styr.organisation.access import can
from styr.organisation.models import vocabulary
from styr.organisation.permissions import Action, State, Subject
from styr.plans.models import Goal, Plan


@dataclass
class EditItem:
    key: str
    title: str
    form: forms.Form
    group: str = ""
    goal: Goal | None = None  # the goal whose section on the page holds the item
    filled: bool | None = None  # for the parts a unit reports (see styr.followup.filling)
    saved: bool = False
    conflict: Model | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Section:
    """A heading of the form with its items: the committee's texts, or a goal with everything under it."""

    anchor: str
    title: str
    items: list[EditItem]

    @property
    def counted(self) -> list[EditItem]:
        return [item for item in self.items if item.filled is not None]

    @property
    def filled(self) -> int:
        return sum(1 for item in self.counted if item.filled)


def sections(items: list[EditItem]) -> list[Section]:
    """The items under their headings, each heading once (items come grouped, see `Editor.items`)."""
    found: dict = {}
    for item in items:
        key = ("goal", item.goal.pk) if item.goal else ("group", item.group)
        if key not in found:
            found[key] = Section(anchor=f"section-{len(found) + 1}", title=item.group, items=[])
        found[key].items.append(item)
    return list(found.values())


def add_results(items: list[EditItem], *, year: int, period: FollowUpPeriod) -> None:
    """Give each measure item its target, last year's value and trend, to show beside the inputs."""
    measures = [item.extra["measure"] for item in items if "measure" in item.extra]
    results = measure_results(measures, year=year, period=period, words=vocabulary(period.municipality_id))
    for item in items:
        if "measure" in item.extra:
            item.extra["result"] = results[item.extra["measure"].pk]


def mark_errors(form: forms.Form) -> None:
    """Tie each error message to its field for screen readers."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{form[name].auto_id}_errors"}
            )


YES_NO = {True: "yes", False: "no"}


def _version(obj) -> int:
    return obj.version if obj is not None else 0


class Editor:
    source = ChangeSource.PAGE

    def __init__(self, *, plan: Plan, period: FollowUpPeriod, user: User):
        self.plan, self.period, self.user = plan, period, user
        self.state = State(services.progress_state(plan, period))
        self.amending = services.amends(user, plan.unit, self.state)
        self.may_edit_committee_texts = self.amending or can(user, Action.EDIT, Subject.ASSESSMENT, plan.unit, self.state)
        self.may_report = self.amending or can(user, Action.EDIT, Subject.FOLLOWUP, plan.unit, self.state)
        self.levels = AssessmentLevel.objects.filter(scale__municipality_id=plan.unit.municipality_id)
        self.words = vocabulary(plan.unit.municipality_id)
        self.statuses = StatusOption.objects.filter(municipality_id=plan.unit.municipality_id)
        # Loaded once: every form on the page lists its choices from these (see ListedModelChoiceField).
        list(self.levels), list(self.statuses)
        self.goals = list(plan.goals.select_related("council_goal"))
        self.values_editable = period.takes_outcomes
        self._records: PeriodRecords | None = None

    def progress(self) -> Progress | None:
        """How much of what the user reports is filled in, as the last `items` call read it."""
        return self._records.progress(self.plan) if self._records is not None else None

    @property
    def outcome_month(self) -> int:
        return self.period.as_of.month

    # Building the items -------------------------------------------------------------------------

    def builders(self) -> list:
        """The functions building the items the user may edit (another page's editor gives its own)."""
        builders = []
        if self.may_edit_committee_texts:
            builders += [self._report_item, self._council_goal_items, self._goal_items]
        if self.may_report:
            builders += [self._measure_items, self._commitment_items, self._activity_items]
        return builders

    def items(self, data=None, only: str | frozenset[str] | None = None) -> list[EditItem]:
        """Every item the user may edit, with forms bound to `data` for the item `only` (the Excel import:
        for each of the keys `only` holds)."""
        self._records = None
        items = []
        for builder in self.builders():
            items.extend(builder(data, only))
        # Grouped by goal in the plan's order (the committee's and other texts first), each kind in its order.
        goal_order = {goal.pk: index for index, goal in enumerate(self.goals)}
        items.sort(key=lambda item: goal_order.get(item.goal.pk, -1) if item.goal else -1)
        if self._records is not None:
            filled = {part.key: part.filled for part in self._records.parts(self.plan)}
            for item in items:
                item.filled = filled.get(item.key)
        if self.amending:
            for item in items:
                item.form.fields["amendment_reason"] = UserTextField(
                    required=True, label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}),
                    help_text=_("The period is decided: every change is logged as an amendment with its reason."),
                )
        return items

    def bound_data(self, key: str, data, only):
        """The submitted data for the item being saved; the other items' forms stay unbound."""
        return data if only == key else None

    def _report_item(self, data, only):
        report = PeriodReport.objects.filter(plan=self.plan, period=self.period).first()
        key = "report"
        initial = {"version": _version(report)}
        if report:
            initial.update({name: getattr(report, name) for name in ("text", "summary", "events", "improvement_areas")})
            initial.update({"level": report.level_id, "upper_level": report.upper_level_id})
        form = PeriodReportForm(self.bound_data(key, data, only), prefix=key, initial=initial, levels=self.levels, words=self.words)
        return [EditItem(key=key, title=_("The committee's texts"), form=form, group=_("Committee"),
                         extra={"saved_object": report})]

    def _council_goal_items(self, data, only):
        assessments = {
            item.choice_id: item
            for item in CouncilGoalAssessment.objects.filter(choice__plan=self.plan, period=self.period)
        }
        items = []
        for choice in self.plan.council_goal_choices.select_related("council_goal").filter(included=True):
            key = f"councilgoal-{choice.pk}"
            saved = assessments.get(choice.pk)
            initial = {"version": _version(saved), "level": saved.level_id if saved else None,
                       "text": saved.text if saved else ""}
            form = AssessmentForm(self.bound_data(key, data, only), prefix=key, initial=initial, levels=self.levels, words=self.words)
            items.append(EditItem(key=key, title=choice.council_goal.title, form=form,
                                  group=_("Combined assessments"), extra={"choice": choice, "saved_object": saved}))
        return items

    def _goal_items(self, data, only):
        assessments = {
            item.goal_id: item for item in GoalAssessment.objects.filter(goal__in=self.goals, period=self.period)
        }
        items = []
        for goal in self.goals:
            key = f"goal-{goal.pk}"
            saved = assessments.get(goal.pk)
            initial = {"version": _version(saved), "level": saved.level_id if saved else None,
                       "text": saved.text if saved else ""}
            form = AssessmentForm(self.bound_data(key, data, only), prefix=key, initial=initial, levels=self.levels, words=self.words)
            items.append(EditItem(key=key, title=goal.name, form=form, group=goal.name, goal=goal,
                                  extra={"goal": goal, "saved_object": saved}))
        return items

    def records(self) -> PeriodRecords:
        """The saved measures, commitments and activities, read afresh by each `items` call."""
        if self._records is None:
            self._records = PeriodRecords([self.plan], self.period)
        return self._records

    def _measure_items(self, data, only):
        records = self.records()
        items = []
        for measure_id, link in records.links[self.plan.pk].items():
            measure, outcome, analysis = link.measure, records.outcomes.get(measure_id), records.analyses.get(measure_id)
            key = f"measure-{measure_id}"
            initial = {"outcome_version": _version(outcome), "analysis_version": _version(analysis)}
            if outcome:
                initial.update({"total": outcome.total, "women": outcome.women, "men": outcome.men})
            if analysis:
                initial.update({
                    "analysis": analysis.analysis, "differences_explanation": analysis.differences_explanation,
                    "unjustified_differences": YES_NO.get(analysis.unjustified_differences, ""),
                    "forecast": analysis.forecast, "target_met": YES_NO.get(analysis.target_met, ""),
                })
            form = MeasureForm(self.bound_data(key, data, only), prefix=key, initial=initial, measure=measure)
            form.fields["target_met"].label = capfirst(
                _("%(target)s met, in the committee's judgement") % {"target": self.words["target_definite"]})
            if not self.values_editable:
                for name in ("total", "women", "men", "forecast", "target_met"):
                    del form.fields[name]
            elif measure.ledger_figure:  # derived from the ledger: shown, not typed (styr.followup.derived)
                for name in ("total", "women", "men", "forecast"):
                    del form.fields[name]
            items.append(EditItem(key=key, title=measure.name, form=form, group=link.goal.name, goal=link.goal,
                                  extra={"measure": measure, "saved_object": analysis,
                                         **({"ledger_outcome": outcome} if measure.ledger_figure else {})}))
        suggested = suggested_levels([item.extra["measure"] for item in items], self.period)
        for item in items:
            if "ledger_outcome" in item.extra:
                item.extra["suggested_level"] = suggested.get(item.extra["measure"].pk)
        return items

    def _status_items(self, data, only, *, objects, reports, prefix, group_of):
        items = []
        for obj in objects:
            key = f"{prefix}-{obj.pk}"
            saved = reports.get(obj.pk)
            initial = {"version": _version(saved), "status": saved.status_id if saved else None,
                       "comment": saved.comment if saved else ""}
            form = StatusForm(self.bound_data(key, data, only), prefix=key, initial=initial, statuses=self.statuses)
            items.append(EditItem(key=key, title=obj.name, form=form, group=group_of(obj), goal=getattr(obj, "goal", None),
                                  extra={"object": obj, "saved_object": saved}))
        return items

    def _commitment_items(self, data, only):
        records = self.records()
        return self._status_items(data, only, objects=records.commitments[self.plan.pk], reports=records.commitment_reports,
                                  prefix="commitment", group_of=lambda obj: obj.goal.name)

    def _activity_items(self, data, only):
        records = self.records()
        return self._status_items(data, only, objects=records.activities[self.plan.pk], reports=records.activity_reports,
                                  prefix="activity", group_of=lambda obj: obj.goal.name)

    # Saving -------------------------------------------------------------------------------------

    def save(self, key: str, data) -> EditItem | None:
        """Validate and save one item; None if the user may not edit an item of that key."""
        item = next((item for item in self.items(data, only=key) if item.key == key), None)
        if item is None:
            return None
        form = item.form
        if not form.is_valid():
            mark_errors(form)
            return item
        try:
            item.extra["saved_object"] = self.write(item, form.cleaned_data)
        except services.EditConflict as conflict:
            return self._conflicting(item, data, conflict.saved)
        except services.WriteRefused as refused:
            form.add_error(None, str(refused))
            return item
        item.saved = True
        # A fresh, unbound form carries the new version, so the next save does not conflict with itself.
        fresh = next(new for new in self.items() if new.key == key)
        fresh.saved = True
        return fresh

    def _conflicting(self, item: EditItem, data, saved: Model | None) -> EditItem:
        """The user's own input kept in the form, now carrying the saved versions so a re-save can win."""
        fresh = next(new for new in self.items() if new.key == item.key)
        merged = data.copy()
        for name, field_ in fresh.form.fields.items():
            if isinstance(field_.widget, forms.HiddenInput):
                merged[fresh.form.add_prefix(name)] = fresh.form.initial.get(name, 0)
        rebound = next(new for new in self.items(merged, only=item.key) if new.key == item.key)
        rebound.form.is_valid()
        rebound.conflict = saved
        return rebound

    def write(self, item: EditItem, data: dict):
        """Save one validated item through the service for its kind; raises EditConflict."""
        kind = item.key.split("-")[0]
        user, period, reason, source = self.user, self.period, data.get("amendment_reason", ""), self.source
        if kind == "report":
            return services.save_period_report(
                user=user, plan=self.plan, period=period, level=data["level"], upper_level=data["upper_level"],
                text=data["text"], summary=data["summary"], events=data["events"],
                improvement_areas=data["improvement_areas"], expected_version=data["version"], reason=reason, source=source,
            )
        if kind == "councilgoal":
            return services.assess_council_goal(
                user=user, choice=item.extra["choice"], period=period, level=data["level"], text=data["text"],
                expected_version=data["version"], reason=reason, source=source,
            )
        if kind == "goal":
            return services.assess_goal(
                user=user, goal=item.extra["goal"], period=period, level=data["level"], text=data["text"],
                expected_version=data["version"], reason=reason, source=source,
            )
        if kind == "measure":
            _, analysis = services.report_measure(
                user=user, measure=item.extra["measure"], period=period, month=self.outcome_month,
                total=data.get("total"), women=data.get("women"), men=data.get("men"),
                outcome_version=data["outcome_version"] if "total" in item.form.fields else 0,
                analysis=data["analysis"], unjustified_differences=item.form.unjustified,  # type: ignore[attr-defined]  # a MeasureForm
                differences_explanation=data["differences_explanation"], analysis_version=data["analysis_version"],
                reason=reason, source=source, judgement=item.form.judgement,  # type: ignore[attr-defined]  # a MeasureForm
            )
            return analysis
        report = services.report_commitment_status if kind == "commitment" else services.report_activity_status
        target = {"commitment": item.extra["object"]} if kind == "commitment" else {"activity": item.extra["object"]}
        return report(user=user, period=period, status=data["status"], comment=data["comment"],
                      expected_version=data["version"], reason=reason, source=source, **target)
