"""A unit created in the admin stays in the scope of the controller who created it."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from styr.organisation.models import Membership, OrganisationUnit, Role, UnitKind
from styr.testing import BaseTestCase, make_user


def admin_user(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="organisation"))
    return user


class UnitCreatedInTheAdminTests(BaseTestCase):
    def test_a_unit_placed_above_the_controllers_own_stays_in_their_scope(self):
        erin = admin_user(make_user("erin", "Erin"))
        Membership.objects.create(user=erin, unit=self.unit, role=Role.CONTROLLER)  # Barnenheten, under the committee
        self.login(erin)
        response = self.client.post(reverse("admin:organisation_organisationunit_add"), {
            "municipality": self.municipality.pk, "parent": self.committee.pk, "kind": UnitKind.UNIT,
            "name": "Familjeenheten", "slug": "familjeenheten", "order": 0, "responsibility": "",
            "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0})
        created = OrganisationUnit.objects.filter(slug="familjeenheten").first()
        assert created is not None, response.content.decode()[:3000]
        assert Membership.objects.filter(user=erin, unit=created, role=Role.CONTROLLER).exists()
        page = self.client.get(reverse("admin:organisation_organisationunit_change", args=[created.pk]))
        self.assertEqual(page.status_code, 200)

    def test_a_unit_under_the_controllers_own_needs_no_membership(self):
        self.login(admin_user(self.alice))
        self.client.post(reverse("admin:organisation_organisationunit_add"), {
            "municipality": self.municipality.pk, "parent": self.committee.pk, "kind": UnitKind.UNIT,
            "name": "Familjeenheten", "slug": "familjeenheten", "order": 0, "responsibility": "",
            "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0})
        created = OrganisationUnit.objects.get(slug="familjeenheten")
        assert not created.memberships.exists()
