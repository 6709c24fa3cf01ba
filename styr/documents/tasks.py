"""The background task that builds a document file, reporting its progress on the DocumentBuild row.

It runs on Django's task framework (settings.TASKS). With the default ImmediateBackend it runs
inside the request that asks for it; with a backend that has workers it runs in the background
and the page shows its progress.
"""

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from styr.documents.model import DocumentError
from styr.documents.models import BuildStatus, DocumentBuild
from styr.documents.services import delete_expired_builds, period_file


def _step(build: DocumentBuild, progress: int, message: str, **fields) -> None:
    build.progress, build.message = progress, message
    for name, value in fields.items():
        setattr(build, name, value)
    build.save(update_fields=["progress", "message", *fields])


@task()
def build_document_file(build_id: str) -> None:
    run_build(build_id)


def run_build(build_id: str) -> None:
    """Make the build's file; builds past their time are deleted first (see `delete_expired_builds`)."""
    delete_expired_builds()
    build = DocumentBuild.objects.select_related("unit__municipality", "period").filter(pk=build_id).first()
    if build is None:  # deleted while it waited
        return
    _step(build, 5, _("Reading the plan and follow-up"), status=BuildStatus.RUNNING)
    try:
        data, name = period_file(unit=build.unit, year=build.period.year, period=build.period, fmt=build.format,
                                 document=build.document_kind)
        _finish(build, data, name)
    except DocumentError as error:
        _step(build, 100, str(error), status=BuildStatus.FAILED, finished_at=timezone.now())
    except Exception:
        # The page must not wait for ever on a build that crashed; the error goes to the logs.
        _step(build, 100, _("The file could not be made."), status=BuildStatus.FAILED, finished_at=timezone.now())
        raise


def _finish(build: DocumentBuild, data: bytes, name: str) -> None:
    _step(build, 100, _("Ready"), status=BuildStatus.DONE, data=data, name=name, finished_at=timezone.now())
