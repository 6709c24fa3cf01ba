"""The admin's own rules: roles granted, the tree kept whole, municipality-level objects kept by their
municipality, configuration validated, decided targets locked, filters, text and history."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError

from styr.core.text import TEXT_LIMIT
from styr.followup.models import (
    AssessmentLevel,
    AssessmentScale,
    FollowUpPeriod,
    PeriodProgress,
    ProgressState,
    StatusOption,
)
from styr.history.models import Change, ChangeSource
from styr.organisation.models import Membership, Municipality, OrganisationUnit, Role
from styr.organisation.tests.admin_world import AdminWorldTestCase, admin_url, posted_data
from styr.plans.models import Activity, CouncilGoal, Goal, Measure, Target


class AdminTestCase(AdminWorldTestCase):
    def post(self, actor, model, obj=None, **changes):
        """Open the change page of `obj` (or the add page) as `actor` and post it with `changes`."""
        self.client.force_login(actor)
        url = admin_url(model, "change", obj.pk) if obj else admin_url(model, "add")
        page = self.client.get(url)
        if page.status_code != 200:
            return page
        return self.client.post(url, {**posted_data(page), **changes})


class MembershipTestCase(AdminTestCase):
    def test_a_units_controller_cannot_make_themselves_controller_of_the_committee(self):
        response = self.post(self.unit_controller, Membership, user=self.unit_controller.pk,
                             unit=self.social[OrganisationUnit].pk, role=Role.CONTROLLER)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Membership.objects.filter(user=self.unit_controller, unit=self.social[OrganisationUnit]).exists())

    def test_nobody_gives_a_role_above_their_own(self):
        children = self.children[OrganisationUnit]
        response = self.post(self.unit_controller, Membership, user=self.annanby_member.pk, unit=children.pk,
                             role=Role.ADMINISTRATOR)
        self.assertContains(response, "Du kan inte ge en roll över din egen vid Barnenheten.")
        self.assertFalse(Membership.objects.filter(role=Role.ADMINISTRATOR).exists())
        response = self.post(self.unit_controller, Membership, user=self.annanby_member.pk, unit=children.pk,
                             role=Role.CONTROLLER)
        self.assertEqual(response.status_code, 302)
        granted = Membership.objects.get(user=self.annanby_member, unit=children, role=Role.CONTROLLER)
        change = Change.objects.get(content_type__model="membership", object_id=str(granted.pk))
        self.assertEqual((change.user, change.source), (self.unit_controller, ChangeSource.ADMIN))
        response = self.post(self.superuser, Membership, user=self.annanby_member.pk, unit=children.pk,
                             role=Role.ADMINISTRATOR)
        self.assertEqual(response.status_code, 302)

    def test_nobody_changes_or_removes_their_own_membership(self):
        own = Membership.objects.get(user=self.unit_controller)
        response = self.post(self.unit_controller, Membership, own, role=Role.ADMINISTRATOR)
        self.assertContains(response, "Du kan inte ge dig själv en roll eller ändra ditt eget medlemskap")
        self.assertEqual(self.client.post(admin_url(Membership, "delete", own.pk), {"post": "yes"}).status_code, 403)
        own.refresh_from_db()
        self.assertEqual(own.role, Role.CONTROLLER)

    def test_a_higher_role_at_ones_unit_stays_even_through_delete_selected(self):
        higher = Membership.objects.create(user=self.annanby_member, unit=self.children[OrganisationUnit],
                                           role=Role.ADMINISTRATOR)
        self.client.force_login(self.unit_controller)
        self.assertEqual(self.client.post(admin_url(Membership, "delete", higher.pk), {"post": "yes"}).status_code, 403)
        response = self.client.post(admin_url(Membership, "changelist"), {
            "action": "delete_selected", "_selected_action": [higher.pk, self.children[Membership].pk], "post": "yes",
        })
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Membership.objects.filter(pk__in=[higher.pk, self.children[Membership].pk]).count(), 2)

    def test_the_units_membership_rows_follow_the_same_rules(self):
        rows = Membership.objects.filter(unit=self.children[OrganisationUnit]).count()
        response = self.post(self.unit_controller, OrganisationUnit, self.children[OrganisationUnit], **{
            "memberships-TOTAL_FORMS": rows + 1, f"memberships-{rows}-user": self.bortby_member.pk,
            f"memberships-{rows}-role": Role.ADMINISTRATOR,
        })
        self.assertContains(response, "Du kan inte ge en roll över din egen vid Barnenheten.")
        self.assertFalse(Membership.objects.filter(role=Role.ADMINISTRATOR).exists())


class TreeTestCase(AdminTestCase):
    def test_a_unit_is_never_placed_under_another_municipalitys_unit(self):
        children = self.children[OrganisationUnit]
        response = self.post(self.superuser, OrganisationUnit, children, parent=self.bortby_social[OrganisationUnit].pk)
        self.assertContains(response, "Enheten ovanför måste höra till samma kommun.")
        children.refresh_from_db()
        self.assertEqual(children.parent, self.social[OrganisationUnit])
        children.parent = self.bortby_social[OrganisationUnit]
        with self.assertRaises(ValidationError):
            children.full_clean()

    def test_a_unit_is_never_placed_under_itself_or_below_it(self):
        social = self.social[OrganisationUnit]
        response = self.post(self.superuser, OrganisationUnit, social, parent=self.children[OrganisationUnit].pk)
        self.assertContains(response, "En enhet kan inte placeras under sig själv eller en enhet under den.")
        social.refresh_from_db()
        self.assertIsNone(social.parent)

    def test_only_a_superuser_adds_a_unit_at_the_top(self):
        data = {"municipality": self.annanby[Municipality].pk, "kind": "unit", "name": "Ny enhet", "slug": "ny-enhet",
                "order": 0, "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0}
        response = self.post(self.unit_controller, OrganisationUnit, **data)
        self.assertContains(response, "Välj enheten den hör till")
        response = self.post(self.unit_controller, OrganisationUnit, parent=self.children[OrganisationUnit].pk, **data)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(OrganisationUnit.objects.filter(slug="ny-enhet", parent=self.children[OrganisationUnit]).exists())

    def test_goals_and_activities_stay_with_their_plan_and_municipality(self):
        goal = self.social[Goal]
        response = self.post(self.superuser, Goal, goal, council_goal=self.bortby[CouncilGoal].pk)
        self.assertContains(response, "Välj ett fullmäktigemål i planens kommun.")
        activity = self.social[Activity]
        response = self.post(self.superuser, Activity, activity, goal=self.culture[Goal].pk)
        self.assertContains(response, "Välj en i samma plan.")
        activity.refresh_from_db()
        self.assertEqual((Goal.objects.get(pk=goal.pk).council_goal, activity.goal),
                         (self.annanby[CouncilGoal], self.social[Goal]))


class MunicipalityLevelTestCase(AdminTestCase):
    def test_another_municipalitys_objects_are_missing_and_unchanged(self):
        for model in (Municipality, CouncilGoal, AssessmentScale, StatusOption, FollowUpPeriod):
            for user in (self.other_controller, self.unit_controller):  # Barnenheten is no top-level unit
                with self.subTest(model=model.__name__, user=user.username):
                    obj = self.annanby[model]
                    before = model.objects.filter(pk=obj.pk).values().get()
                    self.client.force_login(user)
                    self.assertEqual(self.client.get(admin_url(model, "change", obj.pk)).status_code, 404)
                    self.assertEqual(self.client.post(admin_url(model, "change", obj.pk), {"name": "X"}).status_code, 404)
                    self.assertEqual(self.client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code, 404)
                    self.assertEqual(model.objects.filter(pk=obj.pk).values().get(), before)
        self.client.force_login(self.other_controller)
        self.assertEqual(self.client.post(admin_url(Municipality, "add"), {"name": "Ny"}).status_code, 403)

    def test_the_own_municipalitys_objects_are_kept(self):
        response = self.post(self.other_controller, StatusOption, self.bortby[StatusOption], label="Färdigt")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(StatusOption.objects.get(pk=self.bortby[StatusOption].pk).label, "Färdigt")

    def test_list_filters_name_only_what_is_in_scope(self):
        self.client.force_login(self.other_controller)
        for model in (Membership, Goal, StatusOption, OrganisationUnit):
            with self.subTest(model=model.__name__):
                response = self.client.get(admin_url(model, "changelist"))
                self.assertContains(response, "Bortby")
                self.assertNotContains(response, "Annanby")
                self.assertNotContains(response, "Socialnämnden")


class ChoicesTestCase(AdminTestCase):
    def test_choices_offered_are_those_in_scope(self):
        self.client.force_login(self.other_controller)
        page = self.client.get(admin_url(Membership, "add"))
        self.assertContains(page, "bortby-member")
        self.assertNotContains(page, "annanby-member")
        found = self.client.get("/admin/autocomplete/", {"app_label": "organisation", "model_name": "membership",
                                                          "field_name": "unit", "term": ""}).json()
        self.assertEqual([item["text"] for item in found["results"]], ["Bortbynämnden"])

    def test_a_search_is_cleaned_and_a_nul_refused(self):
        self.client.force_login(self.other_controller)
        self.assertEqual(self.client.get(admin_url(Goal, "changelist"), {"q": "M\x00l"}).status_code, 400)
        found = self.client.get("/admin/autocomplete/", {"app_label": "organisation", "model_name": "membership",
                                                          "field_name": "unit", "term": "Bort\x0bby"})
        self.assertEqual([item["text"] for item in found.json()["results"]], ["Bortbynämnden"])

    def test_only_superusers_delete_a_municipality(self):
        self.client.force_login(self.other_controller)
        municipality = self.bortby[Municipality]
        self.assertEqual(self.client.post(admin_url(Municipality, "delete", municipality.pk), {"post": "yes"}).status_code,
                         403)
        self.assertTrue(Municipality.objects.filter(pk=municipality.pk).exists())


class ConfigurationTestCase(AdminTestCase):
    def test_a_colour_that_is_not_hex_is_refused(self):
        status = self.annanby[StatusOption]
        response = self.post(self.superuser, StatusOption, status, colour="#zzzzzz")
        self.assertContains(response, "Skriv färgen som # och sex hexadecimala siffror")
        scale = self.annanby[AssessmentScale]
        response = self.post(self.superuser, AssessmentScale, scale, **{"levels-0-colour": "red;x"})
        self.assertContains(response, "Skriv färgen som # och sex hexadecimala siffror")
        self.assertEqual(StatusOption.objects.get(pk=status.pk).colour, status.colour)
        self.assertTrue(AssessmentLevel.objects.filter(scale=scale).exclude(colour__startswith="#").count() == 0)
        with self.assertRaises(ValidationError):
            StatusOption(municipality=status.municipality, key="x", label="X", order=9, colour="#12345", icon="●").full_clean()

    def test_icons_come_from_the_drawable_set_and_kolada_ids_have_their_form(self):
        status = self.annanby[StatusOption]
        self.assertEqual(self.post(self.superuser, StatusOption, status, icon="<b>").status_code, 200)
        self.assertEqual(self.post(self.superuser, Municipality, self.annanby[Municipality], kolada_id="12a").status_code, 200)
        self.assertEqual(self.post(self.superuser, Measure, self.social[Measure], kolada_kpi="u334").status_code, 200)
        self.assertEqual(StatusOption.objects.get(pk=status.pk).icon, status.icon)
        self.assertEqual(Municipality.objects.get(pk=self.annanby[Municipality].pk).kolada_id, "0127")


class DecidedTargetTestCase(AdminTestCase):
    def decide(self) -> None:
        PeriodProgress.objects.create(plan=self.social[Goal].plan, period=self.annanby[FollowUpPeriod],
                                      state=ProgressState.DECIDED, decided_on=datetime.date(2021, 3, 1),
                                      decision_paragraph="§ 12")

    def test_a_decided_years_target_does_not_change(self):
        measure, target = self.social[Measure], self.social[Target]
        self.decide()
        response = self.post(self.superuser, Measure, measure, **{"targets-0-value": "25"})
        self.assertContains(response, "En uppföljning av 2020 som visar måttet är beslutad")
        response = self.post(self.superuser, Measure, measure, **{"targets-0-DELETE": "on"})
        self.assertContains(response, "En uppföljning av 2020 som visar måttet är beslutad")
        target.refresh_from_db()
        self.assertEqual(target.value, 30)
        response = self.post(self.superuser, Measure, measure, **{
            "targets-TOTAL_FORMS": 2, "targets-1-year": 2021, "targets-1-kind": "number", "targets-1-comparator": "<=",
            "targets-1-value": "28"})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Target.objects.filter(measure=measure, year=2021).exists())

    def test_a_measure_of_a_decided_year_stays(self):
        self.decide()
        self.client.force_login(self.superuser)
        measure = self.social[Measure]
        self.assertEqual(self.client.post(admin_url(Measure, "delete", measure.pk), {"post": "yes"}).status_code, 403)
        self.assertTrue(Measure.objects.filter(pk=measure.pk).exists())
        other = self.culture[Measure]
        self.assertEqual(self.client.post(admin_url(Measure, "delete", other.pk), {"post": "yes"}).status_code, 302)
        self.assertEqual(Change.objects.get(object_id=str(other.pk), content_type__model="measure").source,
                         ChangeSource.ADMIN)

    def test_an_undecided_years_target_changes_and_is_recorded(self):
        response = self.post(self.superuser, Measure, self.social[Measure], **{"targets-0-value": "25"})
        self.assertEqual(response.status_code, 302)
        change = Change.objects.get(content_type__model="target", object_id=str(self.social[Target].pk))
        self.assertEqual((change.after, change.source), ({"value": "25"}, ChangeSource.ADMIN))

    def test_numbers_are_read_as_swedes_write_them(self):
        measure, target = self.social[Measure], self.social[Target]
        self.assertEqual(self.post(self.superuser, Measure, measure, **{"targets-0-value": "27,5"}).status_code, 302)
        target.refresh_from_db()
        self.assertEqual(target.value, Decimal("27.5"))
        response = self.post(self.superuser, Measure, measure, **{"targets-0-value": "1.250"})
        self.assertContains(response, "”1.250” är inte ett tal som Styr kan läsa")
        target.refresh_from_db()
        self.assertEqual(target.value, Decimal("27.5"))


class TextAndRightsTestCase(AdminTestCase):
    def test_admin_text_is_cleaned_and_refused_never_cut_when_too_long(self):
        goal = self.social[Goal]
        self.assertEqual(self.post(self.superuser, Goal, goal, interpretation="\uf0b7 Först\x07").status_code, 302)
        self.assertEqual(Goal.objects.get(pk=goal.pk).interpretation, "• Först")
        response = self.post(self.superuser, Goal, goal, interpretation="x" * (TEXT_LIMIT + 1))
        self.assertContains(response, "100\u00a0001")  # the length, in the message refusing it
        self.assertEqual(Goal.objects.get(pk=goal.pk).interpretation, "• Först")

    def test_admins_not_scoped_to_units_are_for_superusers_even_with_every_permission(self):
        self.unit_controller.user_permissions.set(Permission.objects.all())
        self.client.force_login(self.unit_controller)
        url = admin_url(User, "change", self.unit_controller.pk)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.post(url, {"username": "enhetscontroller", "is_superuser": "on", "is_staff": "on"})
        self.assertFalse(User.objects.get(pk=self.unit_controller.pk).is_superuser)
