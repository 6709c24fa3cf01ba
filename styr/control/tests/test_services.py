"""The control services: the only writers, with the follow-up's locks, scope checks and history."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from styr.control import services
from styr.control.models import (
    Band,
    ControlActivity,
    ControlCategory,
    ControlResult,
    Risk,
    RiskActionReport,
    RiskMatrix,
)
from styr.control.presets import install_control_categories
from styr.documents.builder import build_document
from styr.documents.model import Table
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress, ProgressState, StatusOption
from styr.history.models import Change, ChangeEvent
from styr.organisation.models import Membership, Municipality, OrganisationUnit, Role, UnitKind
from styr.plans.models import Plan, PlanStatus
from styr.testing import make_user


@pytest.fixture
def risk(world):
    return services.add_risk(user=world.alice, plan=world.plan, risk="Risk för bristande samverkan",
                             goal=world.goal, probability=3, consequence=4)


@pytest.fixture
def action(world, risk):
    return services.add_risk_action(user=world.alice, risk=risk, text="Samverka med övriga nämnder.")


def klart(world) -> StatusOption:
    return StatusOption.objects.get(municipality=world.municipality, key="klart")


def other_municipality() -> tuple[Municipality, OrganisationUnit, Plan, FollowUpPeriod]:
    municipality = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby",
                                               kolada_id="0128", publish_without_login=True)
    committee = OrganisationUnit.objects.create(municipality=municipality, kind=UnitKind.COMMITTEE,
                                                name="Omsorgsnämnden", slug="omsorgsnamnden")
    plan = Plan.objects.create(unit=committee, year=2020, status=PlanStatus.PUBLISHED)
    period = FollowUpPeriod.objects.create(municipality=municipality, year=2020, kind=PeriodKind.ANNUAL_REPORT,
                                           slug="ar", name="Årsredovisning", as_of=datetime.date(2020, 12, 31))
    return municipality, committee, plan, period


def test_the_controller_reports_a_status_and_history_records_it(world, action):
    report = services.report_risk_action(user=world.alice, action=action, period=world.period, status=klart(world),
                                         comment="Klart \uf0b7 rutin finns.", expected_version=0)
    assert RiskActionReport.objects.get().comment == "Klart • rutin finns."
    change = Change.objects.get(object_id=str(report.pk), content_type__model="riskactionreport")
    assert change.event == ChangeEvent.REPORTED and change.user == world.alice
    assert Change.objects.filter(content_type__model="risk", event=ChangeEvent.CREATED).count() == 1


def test_a_unit_reporter_may_not_report_the_committees_actions(world, action):
    with pytest.raises(services.WriteRefused):
        services.report_risk_action(user=world.bob, action=action, period=world.period, status=None, comment="x",
                                    expected_version=0)
    with pytest.raises(services.WriteRefused):
        services.add_risk(user=world.bob, plan=world.plan, risk="Bobs risk")
    assert not RiskActionReport.objects.exists() and Risk.objects.count() == 1


def test_out_of_scope_ids_are_refused(world, action):
    municipality, _committee, other_plan, other_period = other_municipality()
    foreign_status = StatusOption.objects.create(municipality=municipality, key="klar", label="Klar", order=1,
                                                 colour="#000000", icon="x")
    with pytest.raises(services.WriteRefused):
        services.report_risk_action(user=world.alice, action=action, period=world.period, status=foreign_status,
                                    comment="", expected_version=0)
    with pytest.raises(services.WriteRefused):
        services.report_risk_action(user=world.alice, action=action, period=other_period, status=None, comment="",
                                    expected_version=0)
    with pytest.raises(services.WriteRefused):  # the controller has no role in the other municipality
        services.add_risk(user=world.alice, plan=other_plan, risk="Risk")
    other_goal = other_plan.goals.create(council_goal=world.council_goal, slug="x", name="Annat mål")
    with pytest.raises(services.WriteRefused):
        services.add_risk(user=world.alice, plan=world.plan, risk="Risk", goal=other_goal)
    assert not RiskActionReport.objects.exists() and Risk.objects.count() == 1


def test_ready_refuses_a_reporter_and_decided_needs_an_amendment_with_a_reason(world, action):
    erik = make_user("erik", "Erik")
    Membership.objects.create(user=erik, unit=world.committee, role=Role.REPORTER)
    services.report_risk_action(user=erik, action=action, period=world.period, status=None, comment="Påbörjat",
                                expected_version=0)
    PeriodProgress.objects.filter(plan=world.plan, period=world.period).update(state=ProgressState.READY)
    with pytest.raises(services.WriteRefused):
        services.report_risk_action(user=erik, action=action, period=world.period, status=None, comment="Ändrat",
                                    expected_version=1)
    PeriodProgress.objects.filter(plan=world.plan, period=world.period).update(
        state=ProgressState.DECIDED, decided_on=datetime.date(2021, 2, 23), decision_paragraph="§ 12")
    with pytest.raises(services.WriteRefused):
        services.report_risk_action(user=world.alice, action=action, period=world.period, status=klart(world),
                                    comment="Klart", expected_version=1)
    with pytest.raises(services.WriteRefused):  # the register of a decided year, too
        services.add_risk_action(user=world.alice, risk=action.risk, text="Ny åtgärd")
    assert RiskActionReport.objects.get().comment == "Påbörjat"
    services.report_risk_action(user=world.alice, action=action, period=world.period, status=klart(world),
                                comment="Klart", expected_version=1, reason="Felskrivning")
    amended = Change.objects.filter(content_type__model="riskactionreport").first()
    assert (amended.event, amended.reason, amended.after["comment"]) == (ChangeEvent.AMENDED, "Felskrivning", "Klart")


def test_a_stale_version_is_a_conflict_and_saves_nothing(world, action):
    services.report_risk_action(user=world.alice, action=action, period=world.period, status=None, comment="Ett",
                                expected_version=0)
    with pytest.raises(services.EditConflict):
        services.report_risk_action(user=world.alice, action=action, period=world.period, status=None, comment="Två",
                                    expected_version=0)
    assert RiskActionReport.objects.get().comment == "Ett"


def test_too_long_text_is_refused_not_cut(world, risk):
    with pytest.raises(ValidationError):
        services.add_risk_action(user=world.alice, risk=risk, text="x" * 100_001)
    assert not risk.actions.exists()


def test_the_default_matrix_is_four_by_four(world, risk):
    matrix = RiskMatrix.for_municipality(world.municipality)
    assert (matrix.size, len(matrix.probabilities), matrix.pk) == (4, 4, None)
    assert [matrix.band(1, 3), matrix.band(2, 2), matrix.band(3, 3)] == [Band.LOW, Band.MEDIUM, Band.HIGH]
    with pytest.raises(services.WriteRefused):
        services.update_risk(user=world.alice, risk_item=risk, risk=risk.risk, background="", effects="", owner="",
                             goal=None, probability=5, consequence=1, expected_version=1)


def test_a_second_municipality_configures_a_five_by_five_matrix_its_categories_and_statuses(world, client):
    municipality, committee, plan, period = other_municipality()
    root = make_user("root", "Root")
    root.is_superuser = True
    root.save()
    controller = make_user("olle", "Olle")
    Membership.objects.create(user=controller, unit=committee, role=Role.CONTROLLER)
    with pytest.raises(services.WriteRefused):  # a committee's controller does not configure the municipality
        services.save_risk_matrix(user=controller, municipality=municipality, probability_labels=list("abcde"),
                                  consequence_labels=list("abcde"), low_max=4, medium_max=12, expected_version=0)
    services.save_risk_matrix(
        user=root, municipality=municipality, expected_version=0, low_max=4, medium_max=12,
        probability_labels=["Mycket liten", "Liten", "Måttlig", "Stor", "Mycket stor"],
        consequence_labels=["Obetydlig", "Begränsad", "Måttlig", "Allvarlig", "Mycket allvarlig"])
    for order, (key, label) in enumerate([("hel", "Genomfört"), ("delvis", "Delvis genomfört"),
                                          ("ej", "Ej genomfört")], start=1):
        StatusOption.objects.create(municipality=municipality, key=key, label=label, order=order, colour="#1a1a1a",
                                    icon="●")
    category = services.save_control_category(user=root, municipality=municipality, key="it",
                                              label="Informationssäkerhet", order=1)

    risk = services.add_risk(user=controller, plan=plan, risk="Risk för dataintrång", probability=5, consequence=5)
    action = services.add_risk_action(user=controller, risk=risk, text="Tvåfaktorsinloggning")
    services.report_risk_action(user=controller, action=action, period=period, expected_version=0, comment="",
                                status=StatusOption.objects.get(municipality=municipality, key="delvis"))
    control = services.add_control_activity(user=controller, municipality=municipality, unit=committee, year=2020,
                                            what="Behörigheter", frequency="Två gånger per år", category=category)
    matrix = RiskMatrix.for_municipality(municipality)
    assert (matrix.size, matrix.band(5, 5), matrix.band(2, 2), matrix.band(3, 4)) == (5, Band.HIGH, Band.LOW, Band.MEDIUM)
    assert RiskActionReport.objects.get().status.label == "Delvis genomfört"
    assert control.category.label == "Informationssäkerhet"
    install_control_categories(world.municipality)
    with pytest.raises(services.WriteRefused):  # Testby's category in Annanby's control
        services.add_control_activity(user=controller, municipality=municipality, unit=committee, year=2020,
                                      what="Attest", category=ControlCategory.objects.filter(
                                          municipality=world.municipality).first())
    with pytest.raises(services.WriteRefused):  # Testby's matrix is still 4 × 4
        services.add_risk(user=world.alice, plan=world.plan, risk="Risk", probability=5, consequence=5)
    _shows_its_configuration(client, controller, committee, plan, period)


def _shows_its_configuration(client, controller, committee, plan, period) -> None:
    """The configuration alone reaches the heat map, the follow-up page and the VB: no preset is installed."""
    assert StatusOption.objects.filter(municipality=committee.municipality).count() == 3
    document = build_document(unit=committee, year=2020, period=period)
    chart = next(chart for chart in document.charts if chart.caption == "Riskmatris: Omsorgsnämnden 2020")
    drawn = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", chart.svg))  # a label may wrap onto two lines
    assert all(label in drawn for label in ("Mycket liten", "Måttlig", "Mycket stor", "Mycket allvarlig"))
    assert chart.alt.endswith("Hög: R1 (sannolikhet 5, konsekvens 5).")
    tables = {block.caption: block for block in document.blocks if isinstance(block, Table)}
    assert tables["Risker och åtgärder: Övriga risker"].rows[0][2:4] == ["Tvåfaktorsinloggning", "Delvis genomfört"]
    assert tables["Kontrollmoment: Informationssäkerhet"].rows[0][0] == "Behörigheter"
    client.force_login(controller)
    page = client.get(reverse("control:edit", args=["annanby", committee.slug, 2020, period.slug])).content.decode()
    statuses = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', page)
    assert set(statuses) == {"Genomfört", "Delvis genomfört", "Ej genomfört"}


def test_a_common_control_is_followed_up_by_each_committee_and_a_units_only_by_it(world):
    root = make_user("root", "Root")
    root.is_superuser = True
    root.save()
    install_control_categories(world.municipality)
    common = services.add_control_activity(user=root, municipality=world.municipality, unit=None, year=2020,
                                           what="Attestförteckningen är aktuell")
    with pytest.raises(services.WriteRefused):  # a committee's controller cannot define a common control
        services.add_control_activity(user=world.alice, municipality=world.municipality, unit=None, year=2020,
                                      what="Annat")
    result = services.report_control_result(user=world.alice, control=common, unit=world.committee,
                                            period=world.period, outcome="remark", found="Två saknades",
                                            proposed_action="Uppdatera", status=None, expected_version=0)
    assert (result.unit, result.outcome) == (world.committee, "remark")
    Plan.objects.create(unit=world.unit, year=2020)
    own = services.add_control_activity(user=world.alice, municipality=world.municipality, unit=world.unit, year=2020,
                                        what="Utredningstider")
    services.report_control_result(user=world.bob, control=own, unit=world.unit, period=world.period, outcome="no_remark",
                                   found="", proposed_action="", status=None, expected_version=0)
    with pytest.raises(services.WriteRefused):
        services.report_control_result(user=world.alice, control=own, unit=world.committee, period=world.period,
                                       outcome="no_remark", found="", proposed_action="", status=None,
                                       expected_version=0)
    with pytest.raises(services.WriteRefused):
        services.report_control_result(user=world.bob, control=own, unit=world.unit, period=world.period,
                                       outcome="maybe", found="", proposed_action="", status=None, expected_version=1)
    assert ControlResult.objects.count() == 2


def test_carrying_a_risk_forward_keeps_last_years_assessment(world, action):
    next_plan = Plan.objects.create(unit=world.committee, year=2021)
    next_plan.goals.create(council_goal=world.council_goal, slug=world.goal.slug, name=world.goal.name)
    carried = services.carry_risk_forward(user=world.alice, risk=action.risk, plan=next_plan)
    services.update_risk(user=world.alice, risk_item=carried, risk=carried.risk, background="", effects="", owner="",
                         goal=carried.goal, probability=1, consequence=2, expected_version=1)
    old = Risk.objects.get(pk=action.risk.pk)
    assert (old.probability, old.consequence) == (3, 4)
    carried.refresh_from_db()
    assert (carried.carried_from, carried.goal.plan, carried.probability) == (old, next_plan, 1)
    assert [item.text for item in carried.actions.all()] == ["Samverka med övriga nämnder."]


def test_the_registers_updates_and_deletions_are_the_controllers_and_stay_in_scope(world, action, admin_user):
    with pytest.raises(services.WriteRefused):
        services.update_action(user=world.bob, action=action, text="Ändrad", expected_version=1)
    services.update_action(user=world.alice, action=action, text="Ändrad", expected_version=1)
    with pytest.raises(services.EditConflict):
        services.update_action(user=world.alice, action=action, text="Gammal", expected_version=1)
    common = services.add_control_activity(user=admin_user, municipality=world.municipality, unit=None, year=2020,
                                           what="Attestförteckningen")
    with pytest.raises(services.WriteRefused):  # common to the municipality: not one committee's to delete
        services.delete_register_item(user=world.alice, item=common)
    _, committee, _, _ = other_municipality()
    with pytest.raises(services.WriteRefused):
        services.add_control_activity(user=admin_user, municipality=world.municipality, unit=committee, year=2020,
                                      what="Fel kommun")
    services.delete_register_item(user=admin_user, item=common)
    assert not ControlActivity.objects.filter(pk=common.pk).exists()
    assert Change.objects.filter(content_type__model="controlactivity", event=ChangeEvent.DELETED).count() == 1


def test_the_committees_verdict_is_saved_recorded_and_printed(world, action):
    from styr.documents.builder.control import control_chapter

    texts = {"introduction": "", "summary": "Sammanfattning.", "risks_text": "", "audits_text": "", "controls_text": ""}
    with pytest.raises(services.WriteRefused, match="'fine'"):
        services.save_control_report(user=world.alice, plan=world.plan, period=world.period, verdict="fine",
                                     expected_version=0, **texts)
    report = services.save_control_report(user=world.alice, plan=world.plan, period=world.period,
                                          verdict="shortcomings", expected_version=0, **texts)
    assert report.verdict == "shortcomings"
    change = Change.objects.get(object_id=str(report.pk), content_type__model="controlreport")
    assert change.after["verdict"] == "shortcomings"
    printed = " ".join(str(getattr(block, "text", "")) for block in control_chapter(world.plan, world.period))
    assert "with shortcomings to remedy" in printed or "med brister att åtgärda" in printed
