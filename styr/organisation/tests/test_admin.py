from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from styr.testing import BaseTestCase


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
        self.assertEqual(response.status_code, 404)  # objects out of scope are missing
        response = self.client.post(reverse("admin:plans_goal_delete", args=[other_goal.pk]), {"post": "yes"})
        self.assertTrue(Goal.objects.filter(pk=other_goal.pk).exists())


class AuditedAdminTestCase(BaseTestCase):
    """Structure edited in the admin gets history and optimistic locking like Styr's own forms."""

    def setUp(self):
        self.alice.is_superuser = True
        self.alice.save(update_fields=["is_superuser"])
        self.login(self.alice)
        self.url = reverse("admin:plans_goal_change", args=[self.goal.pk])

    def post_goal(self, page, **changes):
        form = page.context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields}
        data.update({"goal_measures-TOTAL_FORMS": "1", "goal_measures-INITIAL_FORMS": "1",
                     "goal_measures-MIN_NUM_FORMS": "0", "goal_measures-MAX_NUM_FORMS": "1000",
                     "goal_measures-0-id": str(self.goal.goal_measures.get().pk),
                     "goal_measures-0-goal": str(self.goal.pk), "goal_measures-0-measure": str(self.measure.pk),
                     "goal_measures-0-order": "0", **changes})
        return self.client.post(self.url, data)

    def test_an_admin_edit_is_recorded_with_before_and_after(self):
        from styr.history.models import Change

        response = self.post_goal(self.client.get(self.url), core_mission="Nytt basuppdrag.")
        self.assertEqual(response.status_code, 302)
        change = Change.objects.get(object_id=str(self.goal.pk), content_type__model="goal")
        self.assertEqual((change.before, change.after), ({"core_mission": ""}, {"core_mission": "Nytt basuppdrag."}))
        self.assertEqual(change.user, self.alice)

    def test_a_save_over_someone_elses_is_refused_and_keeps_the_text(self):
        page = self.client.get(self.url)
        self.goal.core_mission = "Någon annans text."
        self.goal.save(update_fields=["core_mission"])
        response = self.post_goal(page, core_mission="Min text.")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Någon annan har sparat detta efter att du öppnade det.")
        self.assertContains(response, "Min text.")
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.core_mission, "Någon annans text.")
