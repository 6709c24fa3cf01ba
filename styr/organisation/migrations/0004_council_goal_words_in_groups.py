"""The words for the two former kinds of council goals now are the names of the council goal groups."""

from django.db import migrations, models


def drop_group_words(apps, schema_editor):
    apps.get_model("organisation", "Term").objects.filter(key__in=["overarching_goal", "strategic_goal"]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0003_vocabulary_forms_and_layout'),
        ('plans', '0005_council_goal_groups'),  # which names the groups with these words first
    ]

    operations = [
        migrations.RunPython(drop_group_words, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='term',
            name='key',
            field=models.CharField(choices=[('committee_goal', 'committee goal'), ('unit_goal', 'unit goal'), ('measure', 'measure'), ('indicator', 'indicator'), ('target', 'target'), ('commitment', 'development commitment'), ('activity', 'activity'), ('assessment', 'goal fulfilment'), ('plan', 'operational plan'), ('annual_report', 'annual report')], max_length=30, verbose_name='concept'),
        ),
    ]
