from django.core.management.base import BaseCommand

from styr.followup.tasks import send_reminders


class Command(BaseCommand):
    help = "Queue today's deadline reminders (run once a day, e.g. from cron or a systemd timer)."

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(f"Reminders queued ({result.status}).")
