"""Background tasks of the follow-up (Django's task framework; see TASKS in settings)."""

from django.tasks import task
from django.utils import timezone

from styr.followup.reminders import send_deadline_reminders


@task()
def send_reminders() -> int:
    """Run daily (`styr remind`): e-mail units before and after their deadlines."""
    return len(send_deadline_reminders(today=timezone.localdate()))
