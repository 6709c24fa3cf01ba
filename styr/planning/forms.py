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


class ChoiceForm(forms.Form):
    included = forms.BooleanField(label=_("Included in the plan"), required=False)
    exclusion_reason = _text(_("Reason for leaving it out"))


class GoalForm(forms.Form):
    council_goal = forms.ModelChoiceField(queryset=CouncilGoal.objects.none(), label=_("Council goal"))
    name = _line(_("Name"), required=True)
    parent = PickerField(queryset=None, required=False, label=_("Committee goal it contributes to"),
                         empty_label=_("None"))
    interpretation = _text(_("The committee's interpretation"))
    priorities = _text(_("Special priorities"))
    core_mission = _text(_("Core mission (basuppdrag)"))

    def __init__(self, *args, council_goals, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council_goal"].queryset = council_goals
        self.fields["parent"].queryset = parents
        if not parents.exists():
            del self.fields["parent"]


TARGET_CHOICES = [("", _("No target this year")), *TargetKind.choices]


class MeasureForm(forms.Form):
    name = _line(_("Name"), required=True)
    description = _text(_("Description"), _("What the measure means and how it is computed."))
    unit_of_measure = forms.ChoiceField(label=_("Unit of measure"), choices=UnitOfMeasure.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeasureKind.choices)
    period_type = forms.ChoiceField(label=_("Period"), choices=PeriodType.choices)
    data_source = _line(_("Source"))
    kolada_kpi = _line(_("Kolada KPI id"))
    ledger_figure = forms.ChoiceField(
        label=_("Outcome from the ledger"), choices=[("", _("No: the outcome is reported")), *LedgerFigure.choices],
        required=False, help_text=_("Derived each follow-up from the unit's economy; in per cent, tkr or mnkr."))
    target_kind = forms.ChoiceField(label=_("Target"), choices=TARGET_CHOICES, required=False)
    comparator = forms.ChoiceField(label=_("Comparator"), choices=[("", "–"), *Comparator.choices], required=False)
    target_value = NumberField(label=_("Target value"), required=False, max_digits=14, decimal_places=3,
                               help_text=_("With a decimal comma, e.g. 70,5"))

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_kind"].label = _("Target for %(year)s") % {"year": year}


class LinkForm(forms.Form):
    measure = PickerField(queryset=None, label=_("Measure"))

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures


class CommitmentForm(forms.Form):
    goal = PickerField(queryset=None, label=_("Goal"))
    name = _line(_("Name"), required=True)
    description = _text(_("How it is to be achieved"))
    also_under = PickerField(queryset=None, required=False, label=_("Also shown under"), empty_label=_("None"))

    def __init__(self, *args, goals, other_goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["also_under"].queryset = other_goals


class ActivityForm(CommitmentForm):
    commitment = PickerField(queryset=None, required=False, label=_("Development commitment"),
                             empty_label=_("None: directly under the goal"))
    field_order = ["goal", "commitment", "name", "description", "also_under"]

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].label = _("Description")
        self.fields["commitment"].queryset = commitments
