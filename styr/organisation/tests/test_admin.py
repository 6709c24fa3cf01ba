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


class UnitScopedAdminTestCase(BaseTestCase):
    """A controller keeps the structure of their own committee only."""

    def test_controller_sees_and_changes_only_their_own_units_goals(self):
        from styr.organisation.models import OrganisationUnit, UnitKind
        from styr.plans.models import Goal, Plan

        other = OrganisationUnit.objects.create(municipality=self.municipality, kind=UnitKind.COMMITTEE,
                                                name="Kulturnämnden", slug="kulturnamnden")
        other_goal = Goal.objects.create(plan=Plan.objects.create(unit=other, year=2020),
                                         council_goal=self.council_goal, slug="fler-besokare", name="Fler besökare")
        group = Group.objects.create(name="Controller")
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=["organisation", "plans", "followup"]))
        self.alice.groups.add(group)
        self.login(self.alice)
        changelist = self.client.get(reverse("admin:plans_goal_changelist"))
        self.assertContains(changelist, "Fler upplever god vård och omsorg")
        self.assertNotContains(changelist, "Fler besökare")
        self.assertEqual(self.client.get(reverse("admin:plans_goal_change", args=[self.goal.pk])).status_code, 200)
        response = self.client.get(reverse("admin:plans_goal_change", args=[other_goal.pk]))
        self.assertEqual(response.status_code, 302)  # the admin treats objects out of scope as missing
        response = self.client.post(reverse("admin:plans_goal_delete", args=[other_goal.pk]), {"post": "yes"})
        self.assertTrue(Goal.objects.filter(pk=other_goal.pk).exists())
