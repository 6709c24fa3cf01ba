"""The committee's internal-control texts in a period: its verdict, the summary and each part's introduction."""

from rest_framework import serializers

from styr.api.serializers.writes import WriteSerializer, _text, _version, conflict_serializer
from styr.control.models import ControlVerdict

TEXTS = ("introduction", "summary", "risks_text", "audits_text", "controls_text")


class ControlReportSerializer(serializers.Serializer):
    verdict = serializers.CharField(read_only=True, help_text="One of " + ", ".join(ControlVerdict.values)
                                    + ", or empty: no verdict yet.")
    introduction = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True, help_text="The internal-control summary of the period.")
    risks_text = serializers.CharField(read_only=True, help_text="About the risk-reducing actions.")
    audits_text = serializers.CharField(read_only=True, help_text="About the actions after reviews.")
    controls_text = serializers.CharField(read_only=True, help_text="About the systematic controls.")
    version = serializers.IntegerField(read_only=True, help_text="0 when nothing is saved yet.")


class ControlReportInputSerializer(WriteSerializer):
    verdict = serializers.ChoiceField(choices=["", *ControlVerdict.values],
                                      help_text="The committee's verdict, or empty: none yet.")
    introduction = _text()
    summary = _text()
    risks_text = _text()
    audits_text = _text()
    controls_text = _text()
    version = _version(help_text="The version read; 0 when nothing is saved yet.")


ControlReportConflictSerializer = conflict_serializer("ControlReportConflictSerializer", ControlReportSerializer)
