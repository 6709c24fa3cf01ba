"""The internal-control items of the follow-up page: a control's result and the committee's texts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.control.models import ControlOutcome
from styr.followup.forms import ListedModelChoiceField, VersionedForm

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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in REPORT_TEXTS.items():
            self.fields[name] = _textarea(label)
        self.order_fields([*REPORT_TEXTS, "version"])


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
