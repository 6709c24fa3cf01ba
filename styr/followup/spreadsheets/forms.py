"""The upload form of the follow-up workbook."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_MEGABYTES = 10
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The filled-in file (.xlsx)"),
        help_text=_("The file you downloaded from this page, filled in. Either every row is saved or none is."),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX_MIME}"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_MEGABYTES * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is too large: at most %(max)s MB.") % {"max": MAX_UPLOAD_MEGABYTES}
            )
        return uploaded
