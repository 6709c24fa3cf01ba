"""The two fixed kinds of council goals become groups of each municipality, named with its own words."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0004_validated_kolada_kpi"), ("organisation", "0002_validated_kolada_ids")]


@pytest.mark.django_db(transaction=True)
def test_each_municipalitys_kinds_become_its_groups():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Municipality = apps.get_model("organisation", "Municipality")
    CouncilGoal = apps.get_model("plans", "CouncilGoal")
    testby = Municipality.objects.create(name="Testby kommun", short_name="Testby", slug="testby", kolada_id="0127")
    annanby = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby", kolada_id="0128")
    apps.get_model("organisation", "Term").objects.create(municipality=annanby, key="overarching_goal",
                                                          singular="Målområde", plural="Målområden")
    for municipality, key, kind in ((testby, "omsorg", "overarching"), (testby, "ekonomi", "strategic"),
                                    (annanby, "trygghet", "overarching")):
        CouncilGoal.objects.create(municipality=municipality, key=key, name=key.title(), kind=kind)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    from styr.organisation.models import Term
    from styr.plans.models import CouncilGoal as Current

    groups = {(goal.municipality.slug, goal.key): (goal.group.name, goal.group.singular, goal.group.order)
              for goal in Current.objects.select_related("group", "municipality")}
    assert groups == {
        ("testby", "omsorg"): ("Övergripande mål", "Övergripande mål", 1),
        ("testby", "ekonomi"): ("Strategiska mål", "Strategiskt mål", 2),
        ("annanby", "trygghet"): ("Målområden", "Målområde", 1),
    }
    assert not Term.objects.exists()  # the word lives on as the group's name
