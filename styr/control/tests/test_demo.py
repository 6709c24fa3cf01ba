"""The demo holds seed 001's internal control from its YAML."""

import pytest

from styr.control.models import AuditReview, ControlCategory, ControlReport, Risk, RiskActionReport
from styr.demo.loader import load_demo


@pytest.fixture
def demo(db):
    return load_demo()


def test_the_demo_holds_seed_001s_internal_control(demo):
    risks = list(Risk.objects.select_related("goal").prefetch_related("actions__reports__status"))
    assert [risk.goal.name for risk in risks] == ["Fler upplever god vård och omsorg"] * 2 + ["Goda förutsättningar"]
    assert risks[0].background.startswith("Socialtjänstens insatser till den enskilde")
    assert [len(risk.actions.all()) for risk in risks] == [1, 1, 2]
    statuses = [report.status.label for risk in risks for action in risk.actions.all() for report in action.reports.all()]
    assert statuses == ["Klart", "Klart", "Ej klart i år", "Klart"]
    assert "pausats utifrån Covid-19-pandemin" in RiskActionReport.objects.get(status__key="ej-klart").comment

    review = AuditReview.objects.get()
    assert (review.name, review.case_number_list, review.year) == (
        "Granskning av kommunens arbete med våld i nära relationer", ["SN 2019/1703"], 2019)
    assert len(review.recommendation_list) == 6
    assert [report.status.key for action in review.actions.all() for report in action.reports.all()] == [
        "ej-klart", "klart", "ej-klart", "klart"]

    report = ControlReport.objects.get(period__slug="vb")
    assert report.controls_text.startswith("Systematiska kontroller genomförs som en del av den interna kontrollen")
    assert report.summary.startswith("Nämndens verksamheter har under året arbetat")
    assert ControlCategory.objects.filter(municipality=demo).count() == 3
