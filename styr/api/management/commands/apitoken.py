from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print the API token of a user, creating it if needed (--reset replaces it, --delete removes it)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--reset", action="store_true", help="Replace the user's token with a new one.")
        group.add_argument("--delete", action="store_true", help="Remove the user's token; the API then refuses it.")

    @transaction.atomic
    def handle(self, *args, username: str, reset: bool, delete: bool, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        if delete or reset:
            deleted, _ = Token.objects.filter(user=user).delete()
            if delete:
                self.stdout.write(f"Removed the token of {username}." if deleted else f"{username} had no token.")
                return
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive; the API refuses tokens of inactive users.")
        token, _ = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
