"""The back office of internal control: superusers keep the municipality's configuration, recorded like the rest."""

import pytest
from playwright.sync_api import expect

from styr.control import services
from styr.control.models import ControlCategory, QualityCategory
from styr.control.presets import install_control_categories
from styr.demo.loader import DEMO_PASSWORD, load_demo
from styr.history.models import Change, ChangeSource
from styr.organisation.models import Municipality


@pytest.fixture
def matrix(world, admin_user):
    return services.save_risk_matrix(
        user=admin_user, municipality=world.municipality, probability_labels=["Låg", "Medel", "Hög", "Mycket hög"],
        consequence_labels=["Liten", "Märkbar", "Allvarlig", "Mycket allvarlig"], low_max=3, medium_max=8,
        expected_version=0)


def _matrix_post(matrix, client, size: int) -> dict:
    form = client.get(f"/admin/control/riskmatrix/{matrix.pk}/change/").context["adminform"].form
    labels = "\n".join(str(number) for number in range(1, size + 1))
    return {"municipality": matrix.municipality_id, "size": size, "probability_labels": labels,
            "consequence_labels": labels, "low_max": 2, "medium_max": 4,
            "fingerprint": form["fingerprint"].initial}


def test_superusers_keep_the_matrix_and_a_change_is_recorded(world, admin_user, client, matrix):
    client.force_login(admin_user)
    response = client.post(f"/admin/control/riskmatrix/{matrix.pk}/change/", _matrix_post(matrix, client, 3))
    assert response.status_code == 302
    matrix.refresh_from_db()
    assert matrix.size == 3 and matrix.probabilities == ["1", "2", "3"]
    change = Change.objects.filter(content_type__model="riskmatrix").latest("pk")
    assert change.source == ChangeSource.ADMIN and change.before["size"] == 4 and change.after["size"] == 3


def test_a_matrix_does_not_shrink_under_an_assessed_risk(world, admin_user, client, matrix):
    services.add_risk(user=world.alice, plan=world.plan, risk="Risk för brister", goal=None, probability=4,
                      consequence=2)
    client.force_login(admin_user)
    response = client.post(f"/admin/control/riskmatrix/{matrix.pk}/change/", _matrix_post(matrix, client, 3))
    assert response.status_code == 200
    assert "beyond a 3 × 3 matrix" in response.content.decode() or "3 × 3" in response.content.decode()
    matrix.refresh_from_db()
    assert matrix.size == 4


def test_controllers_do_not_reach_the_municipalitys_control_configuration(world, client, matrix):
    install_control_categories(world.municipality)
    client.force_login(world.alice)
    for path in ("riskmatrix", "controlcategory", "qualitycategory", "controlactivity"):
        assert client.get(f"/admin/control/{path}/").status_code == 403
    category = ControlCategory.objects.filter(municipality=world.municipality).first()
    assert client.get(f"/admin/control/controlcategory/{category.pk}/change/").status_code == 403


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_control_admin_pages_are_accessible(live_server, page, assert_accessible, django_user_model):
    load_demo()
    root = django_user_model.objects.create_superuser("root", "root@example.org", DEMO_PASSWORD)
    huddinge = Municipality.objects.get(slug="huddinge")
    services.add_control_activity(user=root, municipality=huddinge, unit=None, year=2020,
                                  what="Attestordningen följs", category=ControlCategory.objects.first())
    QualityCategory.objects.get_or_create(municipality=huddinge, key="bemotande", defaults={"label": "Bemötande"})
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Användarnamn").fill("root")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    for listing in ("control/controlactivity", "control/controlcategory", "control/qualitycategory"):
        page.goto(f"{live_server.url}/admin/{listing}/")
        assert_accessible(page)
        page.locator("#result_list tbody th a").first.click()
        expect(page.get_by_role("button", name="Spara", exact=True)).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server.url}/admin/control/riskmatrix/add/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
