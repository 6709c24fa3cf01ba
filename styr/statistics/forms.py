from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.forms import NumberField
from styr.followup.forms import UserTextField
from styr.statistics.tables import TableView


def cell_name(row_id: int, year: int) -> str:
    return f"cell-{row_id}-{year}"


class TableForm(forms.Form):
    """A table's values, one field per row and year shown, each with the version the writer saw."""

    def __init__(self, view: TableView, *args, amending: bool = False, **kwargs):
        kwargs["prefix"] = f"table-{view.table.pk}"
        super().__init__(*args, **kwargs)
        self.view = view
        for line in view.lines:
            for year, value, version, column in zip(view.years, line.values, line.versions, view.columns, strict=True):
                name = cell_name(line.row.pk, year)
                self.fields[name] = NumberField(label=f"{line.row.name}, {column}", required=False, initial=value)
                self.fields[f"version-{line.row.pk}-{year}"] = forms.IntegerField(
                    widget=forms.HiddenInput, min_value=0, initial=version)
        if amending:
            self.fields["amendment_reason"] = UserTextField(
                required=False, label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Needed for a year whose follow-up is decided: the change is logged with its reason."))

    def cell(self, row_id: int, year: int) -> forms.BoundField:
        return self[cell_name(row_id, year)]


class StatisticsImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (XLSX)"))
    reason = UserTextField(label=_("Reason for the amendment"), required=False,
                           help_text=_("Needed when a follow-up of a year in the file is decided."))


class CommentForm(forms.Form):
    text = UserTextField(label=_("Comments on the statistics"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, amending: bool = False, **kwargs):
        kwargs["prefix"] = "comment"
        super().__init__(*args, **kwargs)
        if amending:
            self.fields["amendment_reason"] = UserTextField(
                required=True, label=_("Reason for the amendment"), widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The period is decided: every change is logged as an amendment with its reason."))
