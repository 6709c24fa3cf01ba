"""The internal-control items of the follow-up page: a control's result and the committee's texts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.control.models import Band, ContractKind, ContractState, ControlOutcome, ControlVerdict, ProcessKind
from styr.followup.forms import ListedModelChoiceField, UserTextField, VersionedForm

REPORT_TEXTS = {
    "summary": _("Summary"),
    "introduction": _("Introduction"),
    "risks_text": _("About the risk-reducing actions"),
    "audits_text": _("About the actions after reviews"),
    "controls_text": _("About the systematic controls"),
}


def _textarea(label) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ControlReportForm(VersionedForm):
    verdict = forms.ChoiceField(label=_("The committee's verdict"), required=False,
                                choices=[("", _("No verdict yet")), *ControlVerdict.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in REPORT_TEXTS.items():
            self.fields[name] = _textarea(label)
        self.order_fields(["verdict", *REPORT_TEXTS, "version"])


class ControlResultForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Result"), required=False,
                                choices=[("", _("Not yet controlled")), *ControlOutcome.choices])
    found = _textarea(_("What was found"))
    proposed_action = _textarea(_("Proposed action"))

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"] = ListedModelChoiceField(statuses, required=False, label=_("Status"),
                                                       empty_label=_("No status"))
        self.order_fields(["outcome", "found", "proposed_action", "status", "version"])


# The register's forms: what a controller keeps for the year (see styr.control.register) -----------------

def _line(label, required: bool = False) -> UserTextField:
    return UserTextField(label=label, required=required, widget=forms.TextInput)


def _lines_field(label) -> UserTextField:
    return UserTextField(label=label, help_text=_("One per line"), widget=forms.Textarea(attrs={"rows": 4}))


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class RegisterForm(VersionedForm):
    """A register item's form; when a follow-up of the year is decided, a change asks for its reason."""

    def __init__(self, *args, amending: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if amending:
            self.fields["amendment_reason"] = UserTextField(
                required=True, label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("A follow-up of the year is decided: every change is logged as an amendment with its reason."))


def _scale(labels: list[str], label) -> forms.TypedChoiceField:
    choices = [("", _("Not assessed")), *((number, f"{number} – {text}") for number, text in enumerate(labels, start=1))]
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, empty_value=None, required=False)


class RiskForm(RegisterForm):
    risk = UserTextField(label=_("Risk"), required=True, widget=forms.Textarea(attrs={"rows": 3}))
    background = UserTextField(label=_("Background and cause"))
    effects = UserTextField(label=_("Possible effects"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = _line(_("Owner"))

    def __init__(self, *args, plan, matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"] = forms.ModelChoiceField(plan.goals.all(), required=False, label=_("Goal it threatens"),
                                                     empty_label=_("No goal"))
        self.fields["probability"] = _scale(matrix.probabilities, _("Probability"))
        self.fields["consequence"] = _scale(matrix.consequences, _("Consequence"))
        self.order_fields(["risk", "background", "effects", "owner", "goal", "probability", "consequence"])


class ActionForm(RegisterForm):
    text = UserTextField(label=_("Action"), required=True, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(RegisterForm):
    name = _line(_("Review"), required=True)
    reviewer = _line(_("Reviewed by"))
    year = forms.IntegerField(label=_("Year of the review"), min_value=1990, max_value=2100)
    case_numbers = _lines_field(_("Case numbers"))
    background = UserTextField(label=_("Background"))
    recommendations = _lines_field(_("Recommendations"))


class ControlForm(RegisterForm):
    what = UserTextField(label=_("What is checked"), required=True, widget=forms.Textarea(attrs={"rows": 3}))
    how = UserTextField(label=_("How"), widget=forms.Textarea(attrs={"rows": 3}))
    frequency = _line(_("How often"))
    performer = _line(_("By whom"))
    process = _line(_("Process"))

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = forms.ModelChoiceField(categories, required=False, label=_("Category"),
                                                         empty_label=_("No category"))
        self.order_fields(["what", "how", "frequency", "performer", "process", "category"])


def _band(label) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=Band.choices, initial=Band.MEDIUM)


def _period_field(periods) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(periods, required=False, label=_("Planned for"), empty_label=_("Not planned yet"))


class ContractForm(RegisterForm):
    contract = _line(_("Contract or service"), required=True)
    provider = _line(_("Provider"))
    kind = forms.ChoiceField(label=_("Kind of provider"), choices=ContractKind.choices)
    importance = _band(_("Importance"))
    risk = _band(_("Risk"))
    size = _band(_("Size"))
    state = forms.ChoiceField(label=_("State"), choices=ContractState.choices)
    postponed_reason = UserTextField(label=_("Why it was postponed"), widget=forms.Textarea(attrs={"rows": 2}))
    result = UserTextField(label=_("Result"), help_text=_("A summary of what the follow-up found."),
                           widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_period"] = _period_field(periods)
        self.order_fields(["contract", "provider", "kind", "importance", "risk", "size", "planned_period", "state",
                           "postponed_reason", "result"])


class InspectionForm(RegisterForm):
    what = UserTextField(label=_("What is inspected"), required=True, widget=forms.Textarea(attrs={"rows": 3}))
    how = UserTextField(label=_("How"), widget=forms.Textarea(attrs={"rows": 3}))
    done = forms.BooleanField(label=_("Done"), required=False)
    result = UserTextField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Never name or describe a person."))

    def __init__(self, *args, periods, processes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"] = forms.ModelChoiceField(processes, required=False, label=_("Process"),
                                                        empty_label=_("No process"))
        self.fields["planned_period"] = _period_field(periods)
        self.order_fields(["what", "how", "process", "planned_period", "done", "result"])


class ProcessForm(RegisterForm):
    name = _line(_("Process"), required=True)
    kind = forms.ChoiceField(label=_("Kind of process"), choices=ProcessKind.choices)
    owner = _line(_("Process owner"))
    description = UserTextField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))


class ImprovementForm(RegisterForm):
    title = _line(_("Improvement area"), required=True)
    description = UserTextField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("What is to improve, and how."))

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"] = forms.ModelChoiceField(goals, required=False, label=_("Goal it serves"),
                                                     empty_label=_("No single goal"))
        self.fields.pop("version", None)
        self.order_fields(["title", "goal", "description"])
