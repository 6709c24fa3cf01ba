"""The internal-control summary has one place: a summary saved in the period report's former field moves to
the control report when the database is migrated, next to a control report's own summary."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The organisation is taken back too: its later migrations (the unit paths) depend on nothing here.
BEFORE = [("control", "0001_initial"), ("followup", "0005_outcome_revision"), ("organisation", "0002_validated_kolada_ids")]
VERDICT = "Nämndens arbete med intern kontroll har fortlöpt på ett godtagbart sätt."


@pytest.mark.django_db(transaction=True)
def test_the_period_reports_summary_moves_to_the_control_report():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    municipality = apps.get_model("organisation", "Municipality").objects.create(
        name="Testby kommun", short_name="Testby", slug="testby", kolada_id="0127")
    unit = apps.get_model("organisation", "OrganisationUnit").objects.create(
        municipality=municipality, kind="committee", name="Socialnämnden", slug="socialnamnden")
    plans = [apps.get_model("plans", "Plan").objects.create(unit=unit, year=year) for year in (2020, 2021)]
    Period = apps.get_model("followup", "FollowUpPeriod")
    periods = [Period.objects.create(municipality=municipality, year=plan.year, kind="annual_report", slug="vb",
                                     name="Verksamhetsberättelse", as_of=datetime.date(plan.year, 12, 31))
               for plan in plans]
    PeriodReport = apps.get_model("followup", "PeriodReport")
    for plan, period in zip(plans, periods, strict=True):
        PeriodReport.objects.create(plan=plan, period=period, internal_control_summary=VERDICT)
    apps.get_model("control", "ControlReport").objects.create(plan=plans[1], period=periods[1], summary="Egen text.")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from styr.control.models import ControlReport

    summaries = dict(ControlReport.objects.values_list("plan__year", "summary"))
    assert summaries == {2020: VERDICT, 2021: f"Egen text.\n\n{VERDICT}"}
