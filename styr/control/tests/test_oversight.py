"""The plan for following up contracts, the process register and self-inspections: kept by the controller on the
register's pages, through the oversight services, with the register's locks and scope checks."""

import datetime

import pytest
from django.urls import reverse

from styr.control import oversight
from styr.control.models import Band, ContractFollowUp, ContractState, Process, SelfInspection
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent
from styr.plans.models import Plan


def item_url(kind: str, pk: int = 0, unit: str = "socialnamnden") -> str:
    return reverse("control:register_item", args=["testby", unit, 2020, kind, pk])


def contract_data(**changes) -> dict:
    return {"version": 0, "contract": "Hem för vård eller boende", "provider": "Exempelvården AB", "kind": "private",
            "importance": "high", "risk": "high", "size": "medium", "planned_period": "", "state": "planned",
            "postponed_reason": "", "result": "", **changes}


@pytest.fixture
def controller(world, client):
    client.force_login(world.alice)
    return client


def test_the_controller_plans_a_contract_follow_up_whose_priority_follows_from_its_assessment(world, controller):
    response = controller.post(item_url("avtal"), contract_data(planned_period=world.period.pk))
    assert response.status_code == 302
    contract = ContractFollowUp.objects.get()
    assert (contract.plan, contract.planned_period, contract.priority) == (world.plan, world.period, Band.HIGH)
    assert Change.objects.filter(content_type__model="contractfollowup", event=ChangeEvent.CREATED).exists()
    contract.size = contract.risk = Band.LOW
    assert contract.priority == Band.MEDIUM
    contract.importance = Band.LOW
    assert contract.priority == Band.LOW
    page = controller.get(reverse("control:register", args=["testby", "socialnamnden", 2020])).content.decode()
    assert "Hem för vård eller boende" in page and "Exempelvården AB" in page


def test_a_postponed_follow_up_says_why_and_a_period_of_another_year_is_refused(world, controller):
    response = controller.post(item_url("avtal"), contract_data(state="postponed"))
    assert response.status_code == 200 and not ContractFollowUp.objects.exists()
    assert response.context["form"].non_field_errors()
    later = FollowUpPeriod.objects.create(municipality=world.municipality, year=2021, kind=PeriodKind.ANNUAL_REPORT,
                                          slug="vb-2021", name="VB 2021", as_of=datetime.date(2021, 12, 31))
    response = controller.post(item_url("avtal"), contract_data(planned_period=later.pk))
    assert "planned_period" in response.context["form"].errors
    with pytest.raises(oversight.WriteRefused):
        oversight.add_contract_followup(user=world.alice, plan=world.plan,
                                        fields=oversight.ContractFields(contract="Avtal", planned_period=later))
    response = controller.post(item_url("avtal"), contract_data(state="postponed", postponed_reason="Pandemin."))
    assert response.status_code == 302
    assert ContractFollowUp.objects.get().state == ContractState.POSTPONED


def test_self_inspections_take_only_the_units_own_processes(world, controller):
    process = oversight.add_process(user=world.alice, unit=world.committee, name="Handläggning", kind="core",
                                    owner="Avdelningschef")
    elsewhere = oversight.add_process(user=world.alice, unit=world.unit, name="Barnutredning", kind="core")
    data = {"version": 0, "what": "Dokumentation i akter", "how": "Stickprov", "process": elsewhere.pk,
            "planned_period": world.period.pk, "result": ""}
    response = controller.post(item_url("egenkontroll"), data)
    assert "process" in response.context["form"].errors and not SelfInspection.objects.exists()
    with pytest.raises(oversight.WriteRefused):
        oversight.add_self_inspection(user=world.alice, plan=world.plan,
                                      fields=oversight.InspectionFields(what="Akter", process=elsewhere))
    response = controller.post(item_url("egenkontroll"), {**data, "process": process.pk, "done": "on",
                                                           "result": "Brister i två av tjugo akter."})
    assert response.status_code == 302
    inspection = SelfInspection.objects.get()
    assert (inspection.process, inspection.done, inspection.plan) == (process, True, world.plan)


def test_a_process_referred_to_stays_and_names_are_unique_per_unit(world, controller):
    process = oversight.add_process(user=world.alice, unit=world.committee, name="Handläggning", kind="core")
    with pytest.raises(oversight.WriteRefused, match="Handläggning"):
        oversight.add_process(user=world.alice, unit=world.committee, name="Handläggning", kind="support")
    oversight.add_self_inspection(user=world.alice, plan=world.plan,
                                  fields=oversight.InspectionFields(what="Akter", process=process))
    controller.post(item_url("process", process.pk), {"delete": "1", "confirm": "1"})
    assert Process.objects.filter(pk=process.pk).exists()
    SelfInspection.objects.all().delete()
    controller.post(item_url("process", process.pk), {"delete": "1", "confirm": "1"})
    assert not Process.objects.exists()


def test_a_reporter_may_not_keep_them_and_a_decided_year_asks_for_a_reason(world, client, controller):
    contract = oversight.add_contract_followup(user=world.alice, plan=world.plan,
                                               fields=oversight.ContractFields(contract="Avtal"))
    with pytest.raises(oversight.WriteRefused):
        oversight.add_process(user=world.bob, unit=world.unit, name="Egen process", kind="core")
    unit_plan = Plan.objects.create(unit=world.unit, year=2020)
    with pytest.raises(oversight.WriteRefused):
        oversight.add_self_inspection(user=world.bob, plan=unit_plan, fields=oversight.InspectionFields(what="Akter"))
    PeriodProgress.objects.create(plan=world.plan, period=world.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 2, 23), decision_paragraph="§ 3")
    response = controller.post(item_url("avtal", contract.pk), contract_data(version=1, amendment_reason=""))
    assert "amendment_reason" in response.context["form"].errors
    response = controller.post(item_url("avtal", contract.pk), contract_data(version=1, amendment_reason="Ny bedömning"))
    assert response.status_code == 302
    assert Change.objects.filter(content_type__model="contractfollowup", event=ChangeEvent.AMENDED).exists()


def test_the_page_and_the_documents_show_the_plan_and_the_inspections(world, client):
    from styr.documents.builder.control import control_chapter

    oversight.add_contract_followup(user=world.alice, plan=world.plan, fields=oversight.ContractFields(
        contract="Hem för vård eller boende", provider="Exempelvården AB", planned_period=world.period,
        state=ContractState.DONE, result="Inga brister."))
    oversight.add_self_inspection(user=world.alice, plan=world.plan,
                                  fields=oversight.InspectionFields(what="Dokumentation i akter", done=True))
    page = client.get(reverse("control:overview", args=["testby", "socialnamnden", 2020]) + "?period=vb")
    text = page.content.decode()
    assert "Exempelvården AB" in text and "Inga brister." in text and "Dokumentation i akter" in text
    tables = [block for block in control_chapter(world.plan, world.period) if hasattr(block, "rows")]
    cells = [cell for table in tables for row in table.rows for cell in row]
    assert "Hem för vård eller boende" in cells and "Dokumentation i akter" in cells
