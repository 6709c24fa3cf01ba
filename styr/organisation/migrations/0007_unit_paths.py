from django.db import migrations, models


def fill_paths(apps, schema_editor):
    """Every existing unit's materialised path: the ids from its root down to itself, each followed by "/"."""
    unit_model = apps.get_model("organisation", "OrganisationUnit")
    parents = dict(unit_model.objects.values_list("pk", "parent_id"))
    paths: dict[int, str] = {}

    def path(pk: int) -> str:
        if pk not in paths:
            parent = parents[pk]
            paths[pk] = f"{path(parent) if parent else ''}{pk}/"
        return paths[pk]

    units = list(unit_model.objects.all())
    for unit in units:
        unit.path = path(unit.pk)
    unit_model.objects.bulk_update(units, ["path"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0006_database_defaults")]

    operations = [
        migrations.AlterModelOptions(
            name="organisationunit",
            options={"ordering": ["order", "name", "pk"], "verbose_name": "organisational unit",
                     "verbose_name_plural": "organisational units"},
        ),
        migrations.AddField(
            model_name="organisationunit", name="path",
            field=models.CharField(default="", editable=False, max_length=255, verbose_name="path in the tree"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_paths, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisationunit", name="path",
            field=models.CharField(db_index=True, editable=False, max_length=255, verbose_name="path in the tree"),
        ),
    ]
