"""Documents are found by their follow-up period (see 0003_documents_by_period)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_documents_by_period"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="decideddocument", name="unique_decided_document"),
        migrations.RemoveField(model_name="decideddocument", name="kind"),
        migrations.RemoveField(model_name="decideddocument", name="year"),
        migrations.AlterField(
            model_name="decideddocument",
            name="period",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="decided_documents",
                                    to="followup.followupperiod"),
        ),
        migrations.AddConstraint(
            model_name="decideddocument",
            constraint=models.UniqueConstraint(fields=("unit", "period"), name="unique_decided_document_per_period"),
        ),
        migrations.RemoveField(model_name="documentbuild", name="kind"),
        migrations.RemoveField(model_name="documentbuild", name="session_key"),
        migrations.RemoveField(model_name="documentbuild", name="year"),
        migrations.AddField(
            model_name="documentbuild",
            name="period",
            field=models.ForeignKey(default=None, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                    to="followup.followupperiod"),
            preserve_default=False,
        ),
    ]
