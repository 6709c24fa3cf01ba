"""Follow-up forms: one small form per item, each carrying the version it was read at."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from styr.core.formatting import format_number
from styr.core.forms import NumberField
from styr.core.text import check_length, clean_text
from styr.followup.models import AssessmentLevel, StatusOption
from styr.organisation.models import Vocabulary
from styr.plans.models import Measure, UnitOfMeasure

UNJUSTIFIED_CHOICES = [("", _("Not stated")), ("yes", _("Yes")), ("no", _("No"))]
TEXT_WIDGET = forms.Textarea(attrs={"rows": 6})


class UserTextField(forms.CharField):
    """A text the user writes: cleaned the one way (`core.text`) and refused, never cut, over TEXT_LIMIT.

    No `maxlength` on the widget: a browser would silently cut a longer pasted text.
    """

    def __init__(self, *, required: bool = False, widget=TEXT_WIDGET, **kwargs):
        super().__init__(required=required, widget=widget, **kwargs)

    def to_python(self, value) -> str:
        return clean_text(super().to_python(value) or "").strip()

    def validate(self, value) -> None:
        super().validate(value)
        check_length(value, label=str(self.label))


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """Iterates the objects the field was given once, instead of querying per form on a page of many forms."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed) + (self.field.empty_label is not None)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A model choice field over a list loaded once per page; validation still checks the queryset."""

    iterator = ListedChoiceIterator

    def __init__(self, queryset, **kwargs):
        self.listed = list(queryset)
        super().__init__(queryset, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return next((obj for obj in self.listed if str(obj.pk) == str(value)), None) or super().to_python(value)


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _level_field(levels, label) -> forms.ModelChoiceField:
    return ListedModelChoiceField(levels, required=False, label=label, empty_label=_("Not assessed"))


class AssessmentForm(VersionedForm):
    level = forms.ModelChoiceField(queryset=AssessmentLevel.objects.none(), required=False)
    text = UserTextField(label=_("Text"))

    def __init__(self, *args, levels, words: Vocabulary, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"] = _level_field(levels, words["assessment"])
        self.order_fields(["level", "text", "version"])


class PeriodReportForm(AssessmentForm):
    upper_level = forms.ModelChoiceField(queryset=AssessmentLevel.objects.none(), required=False)
    summary = UserTextField(label=_("Summary of the year"))
    events = UserTextField(label=_("Events of the year (one per line)"), widget=forms.Textarea(attrs={"rows": 4}))
    improvement_areas = UserTextField(label=_("Improvement areas (one per line)"),
                                      widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, levels, words: Vocabulary, **kwargs):
        super().__init__(*args, levels=levels, words=words, **kwargs)
        self.fields["level"].label = _("Combined %(assessment)s") % {"assessment": words["assessment"].lower()}
        self.fields["upper_level"] = _level_field(levels, _("… up to (for a range such as “good to very good”)"))
        self.order_fields(["level", "upper_level", "text", "summary", "events", "improvement_areas", "version"])

    def clean(self):
        cleaned = super().clean()
        level, upper = cleaned.get("level"), cleaned.get("upper_level")
        if upper and not level:
            self.add_error("upper_level", _("Choose the lower level first."))
        elif upper and level and upper.order >= level.order:
            self.add_error("upper_level", _("The upper level must be better than the first level."))
        return cleaned


class StatusForm(VersionedForm):
    status = forms.ModelChoiceField(queryset=StatusOption.objects.none(), required=False)
    comment = UserTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"] = ListedModelChoiceField(
            statuses, required=False, label=_("Status"), empty_label=_("No status")
        )
        self.order_fields(["status", "comment", "version"])


VALUE_LIMITS = {
    UnitOfMeasure.PERCENT: (Decimal(0), Decimal(100)),
    UnitOfMeasure.COUNT: (Decimal(0), None),
    UnitOfMeasure.DAYS: (Decimal(0), None),
    UnitOfMeasure.INDEX: (Decimal(0), Decimal(1000)),
    UnitOfMeasure.KG_PER_FTE: (Decimal(0), None),
}


class MeasureForm(forms.Form):
    total = NumberField(label=_("Total"), required=False, max_digits=14, decimal_places=3)
    women = NumberField(label=_("Women"), required=False, max_digits=14, decimal_places=3)
    men = NumberField(label=_("Men"), required=False, max_digits=14, decimal_places=3)
    analysis = UserTextField(label=_("Analysis"))
    unjustified_differences = forms.ChoiceField(
        label=_("Unjustified differences?"), choices=UNJUSTIFIED_CHOICES, required=False
    )
    differences_explanation = UserTextField(label=_("Explanation of differences"),
                                            widget=forms.Textarea(attrs={"rows": 3}))
    outcome_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    analysis_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        for name in ("total", "women", "men"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self):
        cleaned = super().clean()
        low, high = VALUE_LIMITS.get(self.measure.unit_of_measure, (None, None))
        for name in ("total", "women", "men"):
            value = cleaned.get(name)
            if value is None:
                continue
            if (low is not None and value < low) or (high is not None and value > high):
                self.add_error(name, out_of_range_message(low, high))
        if cleaned.get("unjustified_differences") == "yes" and not cleaned.get("differences_explanation", "").strip():
            self.add_error("differences_explanation", _("Explain the unjustified differences and what is done about them."))
        return cleaned

    @property
    def unjustified(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("unjustified_differences") or "")


def out_of_range_message(low, high) -> str:
    if high is None:
        return _("The value must be at least %(low)s.") % {"low": format_number(low)}
    return _("The value must be between %(low)s and %(high)s.") % {"low": format_number(low), "high": format_number(high)}
