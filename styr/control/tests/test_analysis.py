"""The analysis of a period: findings per goal from risks, control results, quality counts and follow-ups, and
improvement areas drawn from them, whose basis is taken from the analysis, never from the post."""

import datetime

import pytest
from django.urls import reverse

from styr.control import improvements, oversight, services
from styr.control.analysis import analyse
from styr.control.models import ContractState, ControlCategory, ImprovementArea, QualityCategory, QualityKind
from styr.control.presets import install_control_categories
from styr.control.quality import CountRow, replace_quality_counts
from styr.documents.builder.control import control_chapter
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress, ProgressState
from styr.history.models import Change, ChangeEvent
from styr.plans.models import Goal, Plan


@pytest.fixture
def findings(world, admin_user):
    install_control_categories(world.municipality)
    services.add_risk(user=world.alice, plan=world.plan, risk="Risk för bristande samverkan", goal=world.goal,
                      probability=3, consequence=4)
    services.add_risk(user=world.alice, plan=world.plan, risk="Liten risk", goal=world.goal, probability=1,
                      consequence=1)
    control = services.add_control_activity(user=world.alice, municipality=world.municipality, unit=world.committee,
                                            year=2020, what="Attest av fakturor",
                                            category=ControlCategory.objects.first())
    services.report_control_result(user=world.alice, control=control, unit=world.committee, period=world.period,
                                   outcome="remark", found="Två fakturor saknade attest.", proposed_action="",
                                   status=None, expected_version=0)
    category = QualityCategory.objects.create(municipality=world.municipality, key="bemotande", label="Bemötande")
    earlier = FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind=PeriodKind.INTERIM_2,
                                            slug="d2", name="Delår 2", as_of=datetime.date(2020, 8, 31))
    for period, count in ((earlier, 4), (world.period, 9)):
        replace_quality_counts(user=world.alice, unit=world.committee, period=period,
                               rows=[CountRow(kind=QualityKind.COMPLAINT, category=category, count=count)])
    oversight.add_contract_followup(user=world.alice, plan=world.plan, fields=oversight.ContractFields(
        contract="Hem för vård eller boende", state=ContractState.DONE, result="Brister i genomförandeplaner."))
    return world


def test_the_analysis_gathers_the_findings_per_goal(findings):
    areas = analyse(findings.plan, findings.period)
    by_title = {area.title: area.findings for area in areas}
    goal_findings = by_title[findings.goal.name]
    assert len(goal_findings) == 1 and "Risk för bristande samverkan" in goal_findings[0]
    across = next(area for area in areas if area.goal is None).findings
    assert any("Två fakturor saknade attest." in text for text in across)
    assert any("Bemötande: 9" in text and "(4 " in text for text in across)
    assert any("Brister i genomförandeplaner." in text for text in across)


def test_an_improvement_area_takes_its_basis_from_the_analysis_and_is_printed(findings, client):
    client.force_login(findings.alice)
    url = reverse("control:analysis", args=["testby", "socialnamnden", 2020, "vb"])
    page = client.get(url)
    assert page.status_code == 200 and "Risk för bristande samverkan" in page.content.decode()
    response = client.post(url, {"title": "Samverkan kring barn", "goal": findings.goal.pk,
                                 "description": "Gemensamma rutiner.", "finding": ["0-0", "9-9"]})
    assert response.status_code == 302
    area = ImprovementArea.objects.get()
    assert (area.goal, area.period, len(area.basis_list)) == (findings.goal, findings.period, 1)
    assert "Risk för bristande samverkan" in area.basis_list[0]
    assert Change.objects.filter(content_type__model="improvementarea", event=ChangeEvent.CREATED).exists()
    cells = [cell for block in control_chapter(findings.plan, findings.period) if hasattr(block, "rows")
             for row in block.rows for cell in row]
    assert any(cell.startswith("Samverkan kring barn") for cell in cells)


def test_a_goal_of_another_plan_a_reporter_and_a_decided_period_are_refused(findings, client):
    other_plan = Plan.objects.create(unit=findings.committee, year=2021)
    other_goal = Goal.objects.create(plan=other_plan, council_goal=findings.council_goal, slug="annat", name="Annat")
    with pytest.raises(improvements.WriteRefused):
        improvements.add_improvement_area(user=findings.alice, plan=findings.plan, period=findings.period,
                                          fields=improvements.ImprovementFields(title="X", goal=other_goal))
    client.force_login(findings.alice)
    url = reverse("control:analysis", args=["testby", "socialnamnden", 2020, "vb"])
    response = client.post(url, {"title": "X", "goal": other_goal.pk})
    assert "goal" in response.context["form"].errors
    with pytest.raises(improvements.WriteRefused):
        improvements.add_improvement_area(user=findings.bob, plan=findings.plan, period=findings.period,
                                          fields=improvements.ImprovementFields(title="X"))
    PeriodProgress.objects.update_or_create(plan=findings.plan, period=findings.period, defaults={
        "state": ProgressState.DECIDED, "decided_on": datetime.date(2021, 2, 23), "decision_paragraph": "§ 3"})
    response = client.post(url, {"title": "Efter beslut"})
    assert "amendment_reason" in response.context["form"].errors
    area = improvements.add_improvement_area(user=findings.alice, plan=findings.plan, period=findings.period,
                                             fields=improvements.ImprovementFields(title="Rättelse"), reason="Tillägg")
    with pytest.raises(improvements.WriteRefused):
        improvements.delete_improvement_area(user=findings.alice, area=area)
    assert ImprovementArea.objects.count() == 1
