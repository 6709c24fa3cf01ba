"""Documents are found by their follow-up period: a decided document belongs to one period, and a
document's kind is the period's kind (followup's PeriodKind), so the separate kind and year go."""

from django.db import migrations

# The document kinds as they were stored, and the period kinds they name.
OLD_KINDS = {"vp": "plan", "d1": "interim_1", "d2": "interim_2", "vb": "annual_report", "month": "month"}


def give_every_decided_document_its_period(apps, schema_editor):
    DecidedDocument = apps.get_model("documents", "DecidedDocument")
    FollowUpPeriod = apps.get_model("followup", "FollowUpPeriod")
    for decided in DecidedDocument.objects.filter(period__isnull=True).select_related("unit"):
        # The period the document was built from: the latest of its kind in the year, as the builder chose it.
        period = (FollowUpPeriod.objects.filter(municipality_id=decided.unit.municipality_id, year=decided.year,
                                                kind=OLD_KINDS.get(decided.kind, decided.kind))
                  .order_by("-as_of").first())
        if period is None:
            raise RuntimeError(
                f"Decided document {decided.pk} ({decided.kind} {decided.year}, {decided.paragraph}) has no follow-up "
                "period to belong to: create the period in the admin, then migrate again.")
        decided.period = period
        decided.save(update_fields=["period"])


def forget_unfinished_builds(apps, schema_editor):
    """Builds are files made on request, not records; they are made again when asked for."""
    apps.get_model("documents", "DocumentBuild").objects.all().delete()


class Migration(migrations.Migration):
    """The data first, in its own transaction (PostgreSQL alters no table with pending constraint checks)."""

    dependencies = [
        ("documents", "0002_documentbuild"),
        ("followup", "0004_audit_events"),
    ]

    operations = [
        migrations.RunPython(give_every_decided_document_its_period, migrations.RunPython.noop),
        migrations.RunPython(forget_unfinished_builds, migrations.RunPython.noop),
    ]
