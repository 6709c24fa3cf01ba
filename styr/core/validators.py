"""Validators of configuration values that pages, documents and Kolada calls rely on."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_colour = RegexValidator(
    r"\A#[0-9a-fA-F]{6}\Z", _("Write the colour as # and six hexadecimal digits, e.g. #1b7a3a."), code="colour",
)
validate_kolada_municipality = RegexValidator(
    r"\A[0-9]{4}\Z", _("A Kolada municipality id is four digits, e.g. 0126."), code="kolada_id",
)
validate_kolada_kpi = RegexValidator(
    r"\A[A-Z][0-9]{5}\Z", _("A Kolada KPI id is a capital letter and five digits, e.g. U33401."), code="kolada_kpi",
)

# The symbols shown beside assessment levels and statuses, all drawn by DejaVu Sans (shipped with
# the documents); anything else could fail to render or be mistaken for text.
ICONS = ("●", "◆", "▲", "▼", "■", "★", "◐", "○", "◇", "△", "□", "✓", "✕", "?", "!", "–")
ICON_CHOICES = [(icon, icon) for icon in ICONS]
