"""The internal-control summary has one place, ControlReport.summary: texts saved in the period report's
former field move here before the follow-up drops it (followup 0006)."""

from django.db import migrations


def move_summaries(apps, schema_editor):
    PeriodReport = apps.get_model("followup", "PeriodReport")
    ControlReport = apps.get_model("control", "ControlReport")
    for report in PeriodReport.objects.exclude(internal_control_summary=""):
        control, _ = ControlReport.objects.get_or_create(plan_id=report.plan_id, period_id=report.period_id)
        if control.summary and report.internal_control_summary not in control.summary:
            control.summary = f"{control.summary}\n\n{report.internal_control_summary}"
        elif not control.summary:
            control.summary = report.internal_control_summary
        control.save(update_fields=["summary"])


class Migration(migrations.Migration):
    dependencies = [("control", "0001_initial")]
    run_before = [("followup", "0007_internal_control_in_control")]

    operations = [migrations.RunPython(move_summaries, migrations.RunPython.noop)]
