"""KpiValue keyed by its natural key, without FK constraints (bulk-load speed; see the model).

The table is a cache of public Kolada data: it is made anew rather than altered (Django cannot
turn an id primary key into a composite one); run `styr kolada sync` or import again to refill it.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("kpis", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="KpiValue"),
        migrations.CreateModel(
            name="KpiValue",
            fields=[
                ("pk", models.CompositePrimaryKey("kpi", "year", "gender", "municipality", blank=True, editable=False,
                                                  primary_key=True, serialize=False)),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("gender", models.CharField(choices=[("T", "total"), ("K", "women"), ("M", "men")], max_length=1,
                                            verbose_name="gender")),
                ("value", models.FloatField(blank=True, null=True, verbose_name="value")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="count")),
                ("status", models.CharField(blank=True, max_length=50, verbose_name="status")),
                ("kpi", models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                          related_name="values", to="kpis.kpi")),
                ("municipality", models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="values", to="kpis.koladamunicipality")),
            ],
            options={"verbose_name": "KPI value", "verbose_name_plural": "KPI values"},
        ),
    ]
