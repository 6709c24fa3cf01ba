"""The register's pages: a controller creates, edits and deletes risks, actions, reviews and controls through
the services; posted ids are checked against the plan; a decided year asks for reasons and deletes nothing."""

import datetime

import pytest
from django.urls import reverse

from styr.control import services
from styr.control.models import AuditReview, ControlActivity, ControlCategory, Risk, RiskAction, RiskActionReport
from styr.control.presets import install_control_categories
from styr.followup.models import PeriodProgress, ProgressState, StatusOption
from styr.history.models import Change, ChangeAction, ChangeEvent
from styr.organisation.models import Municipality
from styr.plans.models import Goal, Plan


def item_url(kind: str, pk: int = 0, unit: str = "socialnamnden") -> str:
    return reverse("control:register_item", args=["testby", unit, 2020, kind, pk])


def risk_data(world, **changes) -> dict:
    return {"version": 0, "risk": "Risk för bristande samverkan", "background": "Sekretess mellan nämnder.",
            "effects": "", "owner": "Socialchef", "goal": world.goal.pk, "probability": 3, "consequence": 4,
            **changes}


@pytest.fixture
def controller(world, client):
    client.force_login(world.alice)
    return client


def test_the_controller_creates_a_risk_which_the_heat_map_shows(world, controller):
    response = controller.post(item_url("risk"), risk_data(world))
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.plan, risk.goal, risk.probability, risk.consequence, risk.owner) == (
        world.plan, world.goal, 3, 4, "Socialchef")
    assert Change.objects.filter(content_type__model="risk", event=ChangeEvent.CREATED, user=world.alice).exists()
    page = controller.get(reverse("control:overview", args=["testby", "socialnamnden", 2020])).content.decode()
    assert "Hög: R1 (sannolikhet 3, konsekvens 4)." in page
    assert reverse("control:register", args=["testby", "socialnamnden", 2020]) in page


def test_a_goal_of_another_plan_and_a_step_beyond_the_matrix_are_refused(world, controller):
    other_plan = Plan.objects.create(unit=world.unit, year=2020, status="published")
    other_goal = Goal.objects.create(plan=other_plan, council_goal=world.council_goal, slug="annat", name="Annat mål")
    response = controller.post(item_url("risk"), risk_data(world, goal=other_goal.pk, probability=5))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"goal", "probability"}
    assert not Risk.objects.exists()


def test_an_edit_from_a_stale_page_is_a_conflict_and_changes_nothing(world, controller):
    controller.post(item_url("risk"), risk_data(world))
    risk = Risk.objects.get()
    controller.post(item_url("risk", risk.pk), risk_data(world, version=1, owner="Ny ägare"))
    response = controller.post(item_url("risk", risk.pk), risk_data(world, version=1, owner="Gammal sida"))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    risk.refresh_from_db()
    assert (risk.owner, risk.version) == ("Ny ägare", 2)


def test_actions_are_added_under_the_plans_own_risk_and_review_only(world, controller):
    risk = services.add_risk(user=world.alice, plan=world.plan, risk="Risk")
    review = services.add_audit_review(user=world.alice, plan=world.plan, name="Granskning", reviewer="PwC",
                                       year=2019, case_numbers=[], background="", recommendations=[])
    assert controller.post(item_url("riskatgard") + f"?under={risk.pk}", {"version": 0, "text": "Samverka."}
                           ).status_code == 302
    assert controller.post(item_url("granskningsatgard") + f"?under={review.pk}", {"version": 0, "text": "Rutin."}
                           ).status_code == 302
    assert [a.text for a in risk.actions.all()] == ["Samverka."]
    assert [a.text for a in review.actions.all()] == ["Rutin."]
    other_plan = Plan.objects.create(unit=world.unit, year=2020, status="published")
    foreign = Risk.objects.create(plan=other_plan, risk="Barnenhetens risk")
    assert controller.post(item_url("riskatgard") + f"?under={foreign.pk}", {"version": 0, "text": "Nej"}
                           ).status_code == 404
    assert controller.get(item_url("risk", foreign.pk)).status_code == 404  # another plan's, by its id
    assert not foreign.actions.exists()


def test_a_review_keeps_its_case_numbers_and_recommendations_one_per_line(world, controller):
    response = controller.post(item_url("granskning"), {
        "version": 0, "name": "Våld i nära relationer", "reviewer": "Revisorerna", "year": 2019,
        "case_numbers": "SN 2019/1703\r\n\r\nKS 2019/12", "background": "", "recommendations": "Fastställa mål\nRutiner"})
    assert response.status_code == 302
    review = AuditReview.objects.get()
    assert review.case_number_list == ["SN 2019/1703", "KS 2019/12"]
    assert review.recommendation_list == ["Fastställa mål", "Rutiner"]
    response = controller.post(item_url("granskning"), {"version": 0, "name": "x" * 301, "year": 2019})
    assert "300" in str(response.context["form"].non_field_errors())
    assert AuditReview.objects.count() == 1


def test_a_control_activity_takes_only_its_municipalitys_categories(world, controller):
    install_control_categories(world.municipality)
    own = ControlCategory.objects.filter(municipality=world.municipality).first()
    elsewhere = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby",
                                            kolada_id="0999")
    foreign = ControlCategory.objects.create(municipality=elsewhere, key="egen", label="Annanbys")
    data = {"version": 0, "what": "Attestförteckningen", "how": "Stickprov", "frequency": "Årligen",
            "performer": "Controller", "process": "Ekonomi"}
    assert controller.post(item_url("kontrollmoment"), {**data, "category": foreign.pk}).status_code == 200
    assert controller.post(item_url("kontrollmoment"), {**data, "category": own.pk}).status_code == 302
    control = ControlActivity.objects.get()
    assert (control.unit, control.year, control.category) == (world.committee, 2020, own)


def test_deleting_a_risk_asks_first_and_records_each_deletion(world, controller):
    risk = services.add_risk(user=world.alice, plan=world.plan, risk="Risk att ta bort")
    action = services.add_risk_action(user=world.alice, risk=risk, text="Åtgärd")
    klart = StatusOption.objects.get(municipality=world.municipality, key="klart")
    services.report_risk_action(user=world.alice, action=action, period=world.period, status=klart, comment="",
                                expected_version=0)
    response = controller.post(item_url("risk", risk.pk), {"delete": "1"})
    assert response.status_code == 200 and Risk.objects.exists()
    assert controller.post(item_url("risk", risk.pk), {"delete": "1", "confirm": "1"}).status_code == 302
    assert not Risk.objects.exists() and not RiskAction.objects.exists() and not RiskActionReport.objects.exists()
    deleted = set(Change.objects.filter(action=ChangeAction.DELETE).values_list("content_type__model", flat=True))
    assert deleted == {"risk", "riskaction", "riskactionreport"}


def test_a_decided_year_asks_for_a_reason_and_deletes_nothing(world, controller):
    risk = services.add_risk(user=world.alice, plan=world.plan, risk="Risk")
    PeriodProgress.objects.create(plan=world.plan, period=world.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 2, 23), decision_paragraph="§ 3")
    response = controller.post(item_url("risk", risk.pk), risk_data(world, version=1, amendment_reason=""))
    assert "amendment_reason" in response.context["form"].errors
    response = controller.post(item_url("risk", risk.pk), risk_data(world, version=1, amendment_reason="Omprövad"))
    assert response.status_code == 302
    assert Change.objects.filter(content_type__model="risk", event=ChangeEvent.AMENDED, reason="Omprövad").exists()
    controller.post(item_url("risk", risk.pk), {"delete": "1", "confirm": "1"})
    assert Risk.objects.filter(pk=risk.pk).exists()


def test_a_reporter_and_a_reader_may_not_keep_the_register(world, client):
    risk = services.add_risk(user=world.alice, plan=world.plan, risk="Risk")
    for user in (world.bob, world.charlie):
        client.force_login(user)
        assert client.get(reverse("control:register", args=["testby", "socialnamnden", 2020])).status_code == 403
        assert client.post(item_url("risk", risk.pk), {"delete": "1", "confirm": "1"}).status_code == 403
    assert Risk.objects.filter(pk=risk.pk).exists()


def test_the_register_lists_the_year_with_links_to_each_item(world, controller):
    risk = services.add_risk(user=world.alice, plan=world.plan, risk="Risk för bristande samverkan")
    services.add_risk_action(user=world.alice, risk=risk, text="Samverka med övriga nämnder.")
    page = controller.get(reverse("control:register", args=["testby", "socialnamnden", 2020])).content.decode()
    assert f'href="{item_url("risk", risk.pk)}"' in page and "Samverka med övriga nämnder." in page
    assert f'href="{item_url("riskatgard")}?under={risk.pk}"' in page
