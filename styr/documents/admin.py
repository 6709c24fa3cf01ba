"""The cover logo is the municipality's configuration, kept in the admin: a PNG or SVG upload with its alt text."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from styr.documents.logo import logo_svg
from styr.documents.models import CoverLogo
from styr.history.audited_admin import LockedForm
from styr.organisation.admin_site import ScopedAdmin


class CoverLogoForm(LockedForm):
    upload = forms.FileField(label=_("Logo file (PNG or SVG)"), required=False)

    class Meta:
        model = CoverLogo
        fields = ["municipality", "alt"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload is not None:
            try:
                self.instance.svg = logo_svg(upload.read())
            except ValidationError as error:
                self.add_error("upload", error)
        elif not self.instance.svg:
            self.add_error("upload", _("Choose the logo's file."))
        return cleaned


@admin.register(CoverLogo)
class CoverLogoAdmin(ScopedAdmin):
    form = CoverLogoForm
    list_display = ["municipality", "alt"]
