"""Read-only answers: municipalities, units, plans with their goal structure, a plan's follow-up, measures."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from styr.api.serializers.common import (
    AssessmentSerializer,
    CountsSerializer,
    MeasureBriefSerializer,
    MeasureResultSerializer,
    OutcomeSerializer,
    PeriodSerializer,
    StatusReportSerializer,
    TargetSerializer,
    key_of,
)
from styr.followup.models import AssessmentLevel, ProgressState, StatusOption
from styr.organisation.models import ComparisonMunicipality, Municipality, OrganisationUnit, vocabulary
from styr.plans.models import Activity, Commitment, Goal, Measure, Plan


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["id", "slug", "name", "short_name", "kolada_id", "vision"]
        read_only_fields = fields


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentLevel
        fields = ["key", "label", "description", "order", "is_evaluable"]
        read_only_fields = fields


class StatusOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatusOption
        fields = ["key", "label", "order", "is_done"]
        read_only_fields = fields


class ComparisonMunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = ComparisonMunicipality
        fields = ["kolada_id", "name"]
        read_only_fields = fields


class MunicipalityDetailSerializer(MunicipalitySerializer):
    """A municipality with the keys that writes use: its assessment levels and statuses."""

    assessment_levels = serializers.SerializerMethodField()
    statuses = StatusOptionSerializer(source="status_options", many=True, read_only=True)
    comparison_municipalities = ComparisonMunicipalitySerializer(many=True, read_only=True)
    vocabulary = serializers.SerializerMethodField()

    class Meta(MunicipalitySerializer.Meta):
        fields = [*MunicipalitySerializer.Meta.fields, "vision_text", "assessment_criteria", "assessment_levels",
                  "statuses", "comparison_municipalities", "vocabulary"]
        read_only_fields = fields

    @extend_schema_field(LevelSerializer(many=True))
    def get_assessment_levels(self, municipality: Municipality) -> list[dict]:
        levels = AssessmentLevel.objects.filter(scale__municipality=municipality)
        return list(LevelSerializer(levels, many=True).data)

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_vocabulary(self, municipality: Municipality) -> dict[str, str]:
        return vocabulary(municipality)


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationUnit
        fields = ["id", "slug", "name", "kind", "parent", "order", "responsibility"]
        read_only_fields = fields


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationUnit
        fields = ["id", "slug", "name", "kind"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    unit = UnitBriefSerializer(read_only=True)
    municipality = serializers.CharField(source="unit.municipality.slug", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "year", "status", "municipality", "unit"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "name", "description", "goal", "commitment", "also_under", "order"]
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer):
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "name", "description", "goal", "also_under", "order", "activities"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    """A committee goal (or a unit's goal, whose `parent` is the committee goal it serves)."""

    measures = serializers.SerializerMethodField()
    commitments = CommitmentSerializer(many=True, read_only=True)
    activities = serializers.SerializerMethodField(help_text="Activities directly under the goal.")

    class Meta:
        model = Goal
        fields = ["id", "slug", "name", "parent", "interpretation", "priorities", "core_mission", "order",
                  "measures", "commitments", "activities"]
        read_only_fields = fields

    @extend_schema_field(MeasureBriefSerializer(many=True))
    def get_measures(self, goal: Goal) -> list[dict]:
        return list(MeasureBriefSerializer([link.measure for link in goal.goal_measures.all()], many=True).data)

    @extend_schema_field(ActivitySerializer(many=True))
    def get_activities(self, goal: Goal) -> list[dict]:
        own = [activity for activity in goal.activities.all() if activity.commitment_id is None]
        return list(ActivitySerializer(own, many=True).data)


class CouncilGoalSerializer(serializers.Serializer):
    """A council goal as the plan takes it: included or not (and why), with the plan's goals under it."""

    choice_id = serializers.IntegerField(source="choice.pk", read_only=True)
    key = serializers.CharField(source="choice.council_goal.key", read_only=True)
    name = serializers.CharField(source="choice.council_goal.name", read_only=True)
    number = serializers.CharField(source="choice.council_goal.number", read_only=True)
    group = serializers.CharField(source="choice.council_goal.group.name", read_only=True)
    included = serializers.BooleanField(source="choice.included", read_only=True)
    exclusion_reason = serializers.CharField(source="choice.exclusion_reason", read_only=True)
    goals = GoalSerializer(many=True, read_only=True)


class PlanDetailSerializer(serializers.Serializer):
    plan = PlanSerializer(read_only=True)
    periods = PeriodSerializer(many=True, read_only=True, help_text="The follow-up periods of the plan's year.")
    council_goals = CouncilGoalSerializer(many=True, read_only=True)


class GoalFollowUpSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="goal.pk", read_only=True)
    slug = serializers.CharField(source="goal.slug", read_only=True)
    name = serializers.CharField(source="goal.name", read_only=True)
    assessment = AssessmentSerializer(read_only=True, allow_null=True)
    counts = CountsSerializer(read_only=True)
    results = MeasureResultSerializer(many=True, read_only=True)


class CouncilGoalFollowUpSerializer(serializers.Serializer):
    choice_id = serializers.IntegerField(source="choice.pk", read_only=True)
    key = serializers.CharField(source="choice.council_goal.key", read_only=True)
    name = serializers.CharField(source="choice.council_goal.name", read_only=True)
    included = serializers.BooleanField(source="choice.included", read_only=True)
    assessment = AssessmentSerializer(read_only=True, allow_null=True)
    suggested_level = key_of(
        "suggested_level",
        help_text="A combined level suggested from the goals' assessments (the upper median).",
    )
    counts = CountsSerializer(read_only=True)
    goals = GoalFollowUpSerializer(many=True, read_only=True)


class PeriodReportSerializer(AssessmentSerializer):
    """The unit's texts for the period: overall assessment, summary, events and improvement areas."""

    summary = serializers.CharField(read_only=True)
    events = serializers.ListField(source="event_list", child=serializers.CharField(), read_only=True)
    improvement_areas = serializers.ListField(
        source="improvement_area_list", child=serializers.CharField(), read_only=True
    )


class ItemStatusSerializer(serializers.Serializer):
    """A commitment or activity with its status in the period (null when nothing is reported)."""

    id = serializers.IntegerField(source="item.pk", read_only=True)
    name = serializers.CharField(source="item.name", read_only=True)
    goal = serializers.IntegerField(source="item.goal_id", read_only=True)
    report = StatusReportSerializer(read_only=True, allow_null=True)


class PlanFollowUpSerializer(serializers.Serializer):
    plan = PlanSerializer(source="tree.plan", read_only=True)
    period = PeriodSerializer(source="tree.period", read_only=True)
    state = serializers.ChoiceField(
        choices=ProgressState.choices, read_only=True,
        help_text="How far the unit has come: open, ready, approved, or decided (locked; changes are amendments).",
    )
    report = PeriodReportSerializer(source="tree.report", read_only=True, allow_null=True)
    counts = CountsSerializer(source="tree.counts", read_only=True)
    council_goals = CouncilGoalFollowUpSerializer(source="tree.council_goals", many=True, read_only=True)
    commitments = ItemStatusSerializer(source="tree.commitments", many=True, read_only=True)
    activities = ItemStatusSerializer(source="tree.activities", many=True, read_only=True)


class MeasureDetailSerializer(serializers.ModelSerializer):
    """A measure with every target and outcome that the plans the user may read show."""

    unit = UnitBriefSerializer(read_only=True)
    trend_threshold = serializers.DecimalField(max_digits=10, decimal_places=3, coerce_to_string=False,
                                               read_only=True)
    targets = TargetSerializer(source="visible_targets", many=True, read_only=True)
    outcomes = OutcomeSerializer(source="visible_outcomes", many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "slug", "name", "description", "unit", "kind", "unit_of_measure", "direction",
                  "period_type", "source", "kolada_kpi", "trend_threshold", "targets", "outcomes"]
        read_only_fields = fields
