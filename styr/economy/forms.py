from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import NumberField
from styr.economy.importing import SCALES
from styr.economy.models import AmountKind
from styr.followup.forms import UserTextField


class AreaReportForm(forms.Form):
    forecast = NumberField(label=_("Full-year forecast, tkr"), required=False,
                           help_text=_("Net for the whole year, costs negative, e.g. -36 178"))
    comment = UserTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, amending: bool = False, takes_forecast: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not takes_forecast:
            del self.fields["forecast"]
        if amending:
            self.fields["amendment_reason"] = UserTextField(
                required=True, label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The period is decided: every change is logged as an amendment with its reason."))


class LedgerImportForm(forms.Form):
    file = forms.FileField(label=_("Ledger file (XLSX or CSV)"))
    scale = forms.ChoiceField(label=_("The amounts are in"), choices=[(name, name) for name in SCALES], initial="kr")
    kind = forms.ChoiceField(label=_("Lines without a Typ column are"), choices=AmountKind.choices,
                             initial=AmountKind.OUTCOME)
    reason = UserTextField(label=_("Reason for the amendment"), required=False,
                           help_text=_("Needed when a follow-up of the year is decided."))
