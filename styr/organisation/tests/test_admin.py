from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from styr.core.testing import BaseTestCase


class AdminTestCase(BaseTestCase):
    """Controllers keep the structure in the Django admin; others do not get in."""

    def test_controller_with_the_controller_group_edits_structure(self):
        group = Group.objects.create(name="Controller")
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=["organisation", "plans", "followup"]))
        self.alice.groups.add(group)
        self.alice.is_staff = True
        self.alice.save(update_fields=["is_staff"])
        self.login(self.alice)
        for name in ("plans_goal_changelist", "plans_measure_changelist", "organisation_organisationunit_changelist",
                     "followup_assessmentscale_changelist", "plans_goal_add"):
            self.assertEqual(self.client.get(reverse(f"admin:{name}")).status_code, 200, name)
        response = self.client.get(reverse("admin:plans_goal_changelist"))
        self.assertContains(response, "Fler upplever god vård och omsorg")

    def test_history_is_read_only_even_for_superusers(self):
        self.alice.is_superuser = self.alice.is_staff = True
        self.alice.save(update_fields=["is_superuser", "is_staff"])
        self.login(self.alice)
        self.assertEqual(self.client.get(reverse("admin:history_change_changelist")).status_code, 200)
        self.assertEqual(self.client.get(reverse("admin:history_change_add")).status_code, 403)

    def test_reader_is_kept_out(self):
        self.login(self.charlie)
        response = self.client.get(reverse("admin:plans_goal_changelist"))
        self.assertEqual(response.status_code, 302)
