"""Small read-only shapes shared by several answers: periods, measures, outcomes, assessments, statuses."""

from django.core.exceptions import ValidationError
from rest_framework import serializers

from styr.core.numbers import parse_number
from styr.followup.models import FollowUpPeriod, MeasureAnalysis, MeasureOutcome
from styr.followup.rules import Trend
from styr.plans.models import Comparator, Measure, Target


class NumberField(serializers.DecimalField):
    """A JSON number, or a string read as Swedes write numbers ("1 250,5"; "1.250" is refused as ambiguous)."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = parse_number(data)
            except ValidationError as error:
                raise serializers.ValidationError(error.messages) from None
            if data is None:
                self.fail("invalid")
        return super().to_internal_value(data)


def decimal_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=3, coerce_to_string=False, **kwargs)


def key_of(name: str, **kwargs) -> serializers.CharField:
    """The `key` of a related level or status, null when none is set."""
    return serializers.CharField(source=f"{name}.key", read_only=True, allow_null=True, **kwargs)


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpPeriod
        fields = ["id", "slug", "name", "year", "kind", "as_of", "deadline"]
        read_only_fields = fields


class MeasureBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "slug", "name", "kind", "unit_of_measure", "direction", "period_type"]
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    comparator = serializers.ChoiceField(
        choices=Comparator.choices, allow_blank=True, read_only=True,
        help_text="Empty: at least or at most the value, by the measure's direction.",
    )
    value = decimal_field(allow_null=True, read_only=True)

    class Meta:
        model = Target
        fields = ["year", "kind", "comparator", "value"]
        read_only_fields = fields


class OutcomeSerializer(serializers.ModelSerializer):
    """An outcome (utfall); `version` is what a write of the same year and month must send back."""

    total = decimal_field(allow_null=True, read_only=True)
    women = decimal_field(allow_null=True, read_only=True)
    men = decimal_field(allow_null=True, read_only=True)
    county_average = decimal_field(allow_null=True, read_only=True)
    reference_value = decimal_field(allow_null=True, read_only=True)

    class Meta:
        model = MeasureOutcome
        fields = ["year", "month", "total", "women", "men", "county_average", "rank", "rank_of", "reference_value",
                  "reference_label", "version", "updated_at"]
        read_only_fields = fields


class AnalysisSerializer(serializers.ModelSerializer):
    """A measure's analysis in a period; version 0 means nothing is saved yet."""

    updated_at = serializers.DateTimeField(allow_null=True, read_only=True)
    forecast = decimal_field(allow_null=True, read_only=True)

    class Meta:
        model = MeasureAnalysis
        fields = ["analysis", "unjustified_differences", "differences_explanation", "forecast", "target_met", "version",
                  "updated_at"]
        read_only_fields = fields


class AssessmentSerializer(serializers.Serializer):
    """A goal fulfilment assessment: level keys of the municipality's scale, label as printed, text."""

    level = key_of("level")
    upper_level = key_of("upper_level")
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]  # a field, not the Field.label attribute
    text = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)


class StatusReportSerializer(serializers.Serializer):
    """The status of a commitment or activity in a period; version 0 means nothing is saved yet."""

    status = key_of("status")
    status_label = serializers.SerializerMethodField()
    comment = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_status_label(self, report) -> str:
        return report.status.label if report.status_id else ""


class CountsSerializer(serializers.Serializer):
    """How many measures with targets met, missed or could not be judged."""

    met = serializers.IntegerField(read_only=True)
    missed = serializers.IntegerField(read_only=True)
    not_judged = serializers.IntegerField(read_only=True)


class MeasureResultSerializer(serializers.Serializer):
    """A measure as the report shows it for the plan's year: latest outcomes, target, trend, analysis."""

    measure = MeasureBriefSerializer(read_only=True)
    year = serializers.IntegerField(read_only=True)
    target = TargetSerializer(read_only=True, allow_null=True)
    target_label = serializers.CharField(read_only=True)
    trend = serializers.ChoiceField(choices=[item.value for item in Trend], read_only=True, allow_null=True)
    met = serializers.BooleanField(read_only=True, allow_null=True,
                                   help_text="The committee's judgement where it gave one, else the suggestion.")
    judged_met = serializers.BooleanField(read_only=True, allow_null=True,
                                          help_text="The committee's own judgement of the target.")
    suggested_met = serializers.BooleanField(read_only=True, allow_null=True,
                                             help_text="Styr's suggestion from the outcome and the target.")
    outcomes = OutcomeSerializer(many=True, read_only=True, help_text="Newest year first, one per year.")
    year_outcomes = OutcomeSerializer(many=True, read_only=True,
                                      help_text="Every outcome of the year known at the period, by month.")
    analysis = AnalysisSerializer(read_only=True, allow_null=True)
