"""What the follow-up writes accept, and what they answer (the saved item, or the conflict with it).

Every field but `amendment_reason` is required: a PUT replaces the item, so an omitted field never
silently empties one.
Values are checked as the follow-up form checks them (`VALUE_LIMITS`), with the same messages, and texts
are cleaned and refused over the one length limit as on every other path (`core.text`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from styr.api.serializers.common import (
    AnalysisSerializer,
    AssessmentSerializer,
    NumberField,
    OutcomeSerializer,
    StatusReportSerializer,
)
from styr.core.text import TEXT_LIMIT, clean_and_check
from styr.followup.forms import VALUE_LIMITS, out_of_range_message
from styr.followup.models import AssessmentLevel, StatusOption

MAX_VERSION = 2**31 - 1
VALUE_NAMES = ("total", "women", "men")


class UserTextField(serializers.CharField):
    """A text the user writes: cleaned, and refused (400 naming the field), never cut, over TEXT_LIMIT."""

    def to_internal_value(self, data) -> str:
        try:
            return clean_and_check(super().to_internal_value(data), label=self.field_name or "text").strip()
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from None


def _text(**kwargs) -> UserTextField:
    return UserTextField(allow_blank=True, max_length=TEXT_LIMIT, **kwargs)  # max_length: for the schema


def _version(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=MAX_VERSION, **kwargs)


def _value(label: str) -> serializers.DecimalField:
    return NumberField(max_digits=14, decimal_places=3, allow_null=True, help_text=label)


class WriteSerializer(serializers.Serializer):
    """Common to every write: the reason that an amendment of a decided period must give."""

    amendment_reason = _text(
        required=False, default="",
        help_text="Required when the period is decided (an amendment); logged with the change.",
    )

    def validate(self, data: dict) -> dict:
        errors = self.check(data)
        if self.context.get("amending") and not data["amendment_reason"].strip():
            errors["amendment_reason"] = [_("The period is decided: give the reason for the amendment.")]
        if errors:
            raise serializers.ValidationError(errors)
        return data

    def check(self, data: dict) -> dict[str, list[str]]:
        """Messages per field beyond each field's own checks."""
        return {}


class AssessmentInputSerializer(WriteSerializer):
    level = serializers.SlugRelatedField(
        slug_field="key", queryset=AssessmentLevel.objects.none(), allow_null=True,
        help_text="A level key of the municipality's scale (see the municipality), or null: not assessed.",
    )
    text = _text()
    version = _version(help_text="The version read; 0 when nothing is saved yet.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = self.context.get("levels", AssessmentLevel.objects.none())


class StatusInputSerializer(WriteSerializer):
    status = serializers.SlugRelatedField(
        slug_field="key", queryset=StatusOption.objects.none(), allow_null=True,
        help_text="A status key of the municipality (see the municipality), or null: no status.",
    )
    comment = _text()
    version = _version(help_text="The version read; 0 when nothing is saved yet.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = self.context.get("statuses", StatusOption.objects.none())


class MeasureReportInputSerializer(WriteSerializer):
    total = _value("Outcome in total; null: no value.")
    women = _value("Outcome for women; null: no value.")
    men = _value("Outcome for men; null: no value.")
    outcome_version = _version(help_text="The outcome's version read for the period's month; 0 when none is saved.")
    analysis = _text()
    unjustified_differences = serializers.BooleanField(allow_null=True)
    differences_explanation = _text()
    analysis_version = _version(help_text="The analysis's version read; 0 when none is saved.")

    def check(self, data: dict) -> dict[str, list[str]]:
        """Context: the `measure`, and whether outcomes are written in this period (`values_editable`)."""
        errors = {}
        low, high = VALUE_LIMITS.get(self.context["measure"].unit_of_measure, (None, None))
        for name in VALUE_NAMES:
            value = data[name]
            if value is None:
                continue
            if not self.context["values_editable"]:
                errors[name] = [_("Outcomes are not reported in the plan; leave the value empty.")]
            elif (low is not None and value < low) or (high is not None and value > high):
                errors[name] = [out_of_range_message(low, high)]
        if data["unjustified_differences"] and not data["differences_explanation"].strip():
            errors["differences_explanation"] = [
                _("Explain the unjustified differences and what is done about them.")
            ]
        return errors


class MeasureReportSerializer(serializers.Serializer):
    """A measure's follow-up in a period: the outcome of the period's month and the analysis."""

    month = serializers.IntegerField(read_only=True, help_text="The month the period's outcome is as of.")
    values_editable = serializers.BooleanField(
        read_only=True, help_text="False in the plan period: only the analysis is written then."
    )
    outcome = OutcomeSerializer(read_only=True, allow_null=True)
    analysis = AnalysisSerializer(read_only=True)


def conflict_serializer(name: str, current: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The 409 answer: a message and the item as saved by the other person."""
    return type(name, (serializers.Serializer,), {
        "__doc__": "Someone else saved the item in the meantime; nothing was written.",
        "detail": serializers.CharField(read_only=True),
        "current": current(read_only=True),
    })


AssessmentConflictSerializer = conflict_serializer("AssessmentConflictSerializer", AssessmentSerializer)
StatusConflictSerializer = conflict_serializer("StatusConflictSerializer", StatusReportSerializer)
MeasureReportConflictSerializer = conflict_serializer("MeasureReportConflictSerializer", MeasureReportSerializer)
