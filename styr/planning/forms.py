"""The plan editor's forms. Every choice is offered among what the plan may refer to, each named with its
context (the plan or the unit it belongs to), and numbers are read by the one Swedish parser."""

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import NumberField
from styr.followup.forms import UserTextField
from styr.organisation.models import OrganisationUnit
from styr.plans.models import (
    Comparator,
    CouncilGoal,
    Direction,
    LedgerFigure,
    MeasureKind,
    PeriodType,
    TargetKind,
    UnitOfMeasure,
)


class PickerField(forms.ModelChoiceField):
    """A choice named with its context ("Goda förutsättningar (Barnenheten 2021)"), not its name alone."""

    def label_from_instance(self, obj) -> str:
        return getattr(obj, "picker_label", str(obj))


def _line(label, required: bool = False) -> UserTextField:
    return UserTextField(label=label, required=required, widget=forms.TextInput)


def _text(label, help_text="") -> UserTextField:
    return UserTextField(label=label, help_text=help_text, widget=forms.Textarea(attrs={"rows": 3}))


class NewPlanForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=OrganisationUnit.objects.none(), label=_("Unit"))
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2200)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class VersionedForm(forms.Form):
    """Carries the version of the item as it was read (`planning.versions`), so that a stale save is refused."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)


class ChoiceForm(VersionedForm):
    included = forms.BooleanField(label=_("Included in the plan"), required=False)
    exclusion_reason = _text(_("Reason for leaving it out"))


class GoalForm(VersionedForm):
    council_goal = forms.ModelChoiceField(queryset=CouncilGoal.objects.none(), label=_("Council goal"))
    name = _line(_("Name"), required=True)
    parent = PickerField(queryset=None, required=False, empty_label=_("None"))
    interpretation = _text(_("The committee's interpretation"))
    priorities = _text(_("Special priorities"))
    core_mission = _text(_("Core mission (basuppdrag)"))

    def __init__(self, *args, council_goals, parents, words, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council_goal"].queryset = council_goals
        self.fields["parent"].queryset = parents
        self.fields["parent"].label = _("%(committee_goal)s it contributes to") % {
            "committee_goal": words["committee_goal"]}
        if not parents.exists():
            del self.fields["parent"]


TARGET_CHOICES = [("", _("None this year")), *TargetKind.choices]


class MeasureForm(VersionedForm):
    """The measure and its target for each of `years` (the plan's year first, then the series' other years)."""

    name = _line(_("Name"), required=True)
    description = _text(_("Description"))
    unit_of_measure = forms.ChoiceField(label=_("Measured in"), choices=UnitOfMeasure.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeasureKind.choices)
    period_type = forms.ChoiceField(label=_("Period"), choices=PeriodType.choices)
    data_source = _line(_("Source"))
    kolada_kpi = _line(_("Kolada KPI id"))
    ledger_figure = forms.ChoiceField(
        label=_("Outcome from the ledger"), choices=[("", _("No: the outcome is reported")), *LedgerFigure.choices],
        required=False, help_text=_("Derived each follow-up from the unit's economy; in per cent, tkr or mnkr."))

    def __init__(self, *args, years: list[int], words: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        kind: forms.ChoiceField = self.fields["kind"]  # type: ignore[assignment]
        kind.choices = [(MeasureKind.MEASURE, words["measure"]), (MeasureKind.INDICATOR, words["indicator"])]
        self.fields["description"].help_text = _("What %(measure)s means and how it is computed.") % {
            "measure": words["measure_definite"]}
        target = words["target"]
        for year in years:
            self.fields[f"target_kind_{year}"] = forms.ChoiceField(
                label=_("%(target)s for %(year)s") % {"target": target, "year": year}, choices=TARGET_CHOICES,
                required=False)
            self.fields[f"comparator_{year}"] = forms.ChoiceField(
                label=_("Comparator, %(year)s") % {"year": year}, choices=[("", "–"), *Comparator.choices],
                required=False)
            self.fields[f"target_value_{year}"] = NumberField(
                label=_("Value, %(year)s") % {"year": year}, required=False, max_digits=14, decimal_places=3,
                help_text=_("With a decimal comma, e.g. 70,5"))


class LinkForm(forms.Form):
    measure = PickerField(queryset=None)

    def __init__(self, *args, measures, words, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures
        self.fields["measure"].label = words["measure"]


class CommitmentForm(VersionedForm):
    goal = PickerField(queryset=None, label=_("Goal"))
    name = _line(_("Name"), required=True)
    description = _text(_("How it is to be achieved"))
    also_under = PickerField(queryset=None, required=False, label=_("Also shown under"), empty_label=_("None"))

    def __init__(self, *args, goals, other_goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["also_under"].queryset = other_goals


class ActivityForm(CommitmentForm):
    commitment = PickerField(queryset=None, required=False, empty_label=_("None: directly under the goal"))
    field_order = ["goal", "commitment", "name", "description", "also_under"]

    def __init__(self, *args, commitments, words, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].label = _("Description")
        self.fields["commitment"].label = words["commitment"]
        self.fields["commitment"].queryset = commitments
