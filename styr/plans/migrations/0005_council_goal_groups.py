"""Council goals belong to a municipality's own ordered groups instead of two fixed kinds.

Each kind in use becomes a group of its municipality, named with the municipality's word for it
(its vocabulary), else Styr's default word.
"""

import django.db.models.deletion
from django.db import migrations, models

KINDS = {  # kind: (order, vocabulary key, default plural, default singular)
    "overarching": (1, "overarching_goal", "Övergripande mål", "Övergripande mål"),
    "strategic": (2, "strategic_goal", "Strategiska mål", "Strategiskt mål"),
}


def kinds_to_groups(apps, schema_editor):
    CouncilGoal = apps.get_model("plans", "CouncilGoal")
    CouncilGoalGroup = apps.get_model("plans", "CouncilGoalGroup")
    Term = apps.get_model("organisation", "Term")
    used = CouncilGoal.objects.values_list("municipality_id", "kind").distinct().order_by()
    for municipality_id, kind in used:
        order, key, plural, singular = KINDS[kind]
        term = Term.objects.filter(municipality_id=municipality_id, key=key).first()
        group = CouncilGoalGroup.objects.create(
            municipality_id=municipality_id, order=order,
            name=term.plural if term else plural, singular=term.singular if term else singular,
        )
        CouncilGoal.objects.filter(municipality_id=municipality_id, kind=kind).update(group=group)


def groups_to_kinds(apps, schema_editor):
    """Back: a municipality's first group holds its overarching goals, the others strategic ones."""
    CouncilGoal = apps.get_model("plans", "CouncilGoal")
    for goal in CouncilGoal.objects.select_related("group"):
        first = goal.group.__class__.objects.filter(municipality_id=goal.municipality_id).order_by("order", "pk").first()
        goal.kind = "overarching" if goal.group_id == first.pk else "strategic"
        goal.save(update_fields=["kind"])


class Migration(migrations.Migration):

    dependencies = [
        ("organisation", "0002_validated_kolada_ids"),
        ("plans", "0004_validated_kolada_kpi"),
    ]

    operations = [
        migrations.CreateModel(
            name="CouncilGoalGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="As a heading, e.g. Målområden", max_length=100, verbose_name="name")),
                ("singular", models.CharField(blank=True, help_text="The word for one goal of the group, e.g. Målområde", max_length=100, verbose_name="one of them")),
                ("order", models.PositiveIntegerField(default=0, verbose_name="order")),
                ("municipality", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="council_goal_groups", to="organisation.municipality")),
            ],
            options={
                "verbose_name": "council goal group",
                "verbose_name_plural": "council goal groups",
                "ordering": ["municipality", "order", "pk"],
                "constraints": [models.UniqueConstraint(fields=("municipality", "name"), name="unique_council_goal_group")],
            },
        ),
        migrations.AddField(
            model_name="councilgoal",
            name="group",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="goals", to="plans.councilgoalgroup", verbose_name="group"),
        ),
        migrations.AddField(
            model_name="councilgoal",
            name="number",
            field=models.CharField(blank=True, help_text="A number or code shown before the name, e.g. 1.2", max_length=20, verbose_name="number"),
        ),
        migrations.AlterField(
            model_name="councilgoal",
            name="kind",
            field=models.CharField(blank=True, max_length=20, verbose_name="kind"),
        ),
        migrations.RunPython(kinds_to_groups, groups_to_kinds),
        migrations.AlterField(
            model_name="councilgoal",
            name="group",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="goals", to="plans.councilgoalgroup", verbose_name="group"),
        ),
        migrations.RemoveField(model_name="councilgoal", name="kind"),
    ]
