"""A municipality with its own words: no page, Excel file or document of it shows one of Huddinge's.

The shared world's municipality gets a vocabulary of its own ("Indikator" for mått, "Delmål" for
etappmål, "Strategi" for nämndmål, the annual report written out in full instead of "VB", …) and a
period of every kind. Every public and follow-up page, the follow-up workbook and every kind of
document are rendered, and their text (with what screen readers read: labels, titles, alt texts) is
checked against Huddinge's default words the municipality does not use.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from openpyxl import load_workbook

from styr.documents.builder import build_document
from styr.documents.formatters import render
from styr.followup.models import FollowUpPeriod, GoalAssessment, MeasureOutcome, PeriodKind, PeriodReport
from styr.followup.spreadsheets.layout import FILE_ID_PREFIX
from styr.organisation.models import Term, TermKey, vocabulary
from styr.plans.models import Activity, Commitment, Measure, MeasureKind, Target, TargetKind, UnitOfMeasure

OWN_WORDS = {
    TermKey.COMMITTEE_GOAL: ("Strategi", "Strategier", "strategin", ""),
    TermKey.UNIT_GOAL: ("Verksamhetsmål", "Verksamhetsmål", "verksamhetsmålet", ""),
    TermKey.MEASURE: ("Indikator", "Indikatorer", "indikatorn", ""),
    TermKey.INDICATOR: ("Nyckeltal", "Nyckeltal", "nyckeltalet", ""),
    TermKey.TARGET: ("Delmål", "Delmål", "delmålet", ""),
    TermKey.COMMITMENT: ("Insats", "Insatser", "insatsen", ""),
    TermKey.ACTIVITY: ("Uppdrag", "Uppdrag", "uppdraget", ""),
    TermKey.ASSESSMENT: ("Målbedömning", "Målbedömningar", "målbedömningen", ""),
    TermKey.PLAN: ("Årsplan", "Årsplaner", "årsplanen", "ÅP"),
    TermKey.ANNUAL_REPORT: ("Verksamhetsberättelse", "Verksamhetsberättelser", "verksamhetsberättelsen",
                            "Verksamhetsberättelse"),
}
SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "data-label", "placeholder")


@pytest.fixture
def own(world):
    """The shared world with its own vocabulary, a period of every kind and something to show in each."""
    world.council_goal.group.name, world.council_goal.group.singular = "Målområden", "Målområde"
    world.council_goal.group.save()
    for key, (singular, plural, definite, short) in OWN_WORDS.items():
        Term.objects.create(municipality=world.municipality, key=key, singular=singular, plural=plural,
                            definite=definite, short=short)
    periods = {"vb": world.period}
    for slug, kind, name, month in (("ap", PeriodKind.PLAN, "Årsplan", 1), ("t1", PeriodKind.INTERIM_1, "Tertial 1", 4),
                                    ("t2", PeriodKind.INTERIM_2, "Tertial 2", 8), ("okt", PeriodKind.MONTH, "Oktober", 10)):
        periods[slug] = FollowUpPeriod.objects.create(
            municipality=world.municipality, year=2020, kind=kind, slug=slug, name=name,
            as_of=datetime.date(2020, month, 28))
    for year, total in ((2018, 119), (2019, 115), (2020, 111)):
        MeasureOutcome.objects.create(measure=world.measure, year=year, total=Decimal(total),
                                      women=Decimal(total + 3), men=Decimal(total - 2))
    Target.objects.create(measure=world.measure, year=2020, kind=TargetKind.DECREASE)
    Target.objects.create(measure=world.measure, year=2019, kind=TargetKind.NUMBER, value=Decimal(118))  # charted
    followed = Measure.objects.create(unit=world.committee, slug="nojdhet", name="Nöjdhet med bemötandet",
                                      unit_of_measure=UnitOfMeasure.INDEX, direction="higher", kind=MeasureKind.INDICATOR)
    reported = Measure.objects.create(unit=world.committee, slug="jamlikhet", name="Verksamheter med jämlikhetsarbete",
                                      unit_of_measure=UnitOfMeasure.PERCENT, direction="higher")
    for order, measure in enumerate((followed, reported), start=2):
        world.goal.goal_measures.create(measure=measure, order=order)
    Target.objects.create(measure=reported, year=2020, kind=TargetKind.REPORTED_IN_ANNUAL_REPORT)
    level = world.municipality.assessment_scale.levels.get(key="god")
    world.assessment = GoalAssessment.objects.create(goal=world.goal, period=world.period, level=level,
                                                     text="Strategin nås.")
    PeriodReport.objects.create(plan=world.plan, period=world.period, text="Ett gott år.")
    commitment = Commitment.objects.create(plan=world.plan, goal=world.goal, name="Korta utredningstiden")
    Activity.objects.create(plan=world.plan, goal=world.goal, commitment=commitment, name="Ny metod")
    world.periods = periods
    return world


def _forbidden(municipality) -> list[str]:
    return vocabulary(municipality).defaults_replaced()


def huddinge_words(text: str, forbidden: list[str]) -> list[str]:
    return [word for word in forbidden if re.search(r"(?<!\w)" + re.escape(word), text, re.IGNORECASE)]


def page_text(content: bytes) -> str:
    """What a reader sees or hears of a page: its text and the labels read aloud."""
    root = lxml_html.fromstring(content)
    texts = root.xpath("//text()[not(ancestor::script) and not(ancestor::style)]")
    spoken = [value for name in SPOKEN_ATTRIBUTES for value in root.xpath(f"//@{name}")]
    return " ".join([*texts, *spoken])


def _pages(world) -> list[str]:
    base = [world.municipality.slug, world.committee.slug, 2020]
    urls = [reverse("home"), reverse("overview", args=base), reverse("goal", args=[*base, world.goal.slug]),
            reverse("measure", args=[*base, world.measure.slug]), reverse("kpis:link", args=[*base, world.measure.slug]),
            reverse("documents:index", args=base), reverse("control:overview", args=base),
            reverse("control:register", args=base), reverse("economy:overview", args=base),
            reverse("economy:import", args=base), reverse("dashboard", args=base),
            reverse("search") + f"?q=utredning&kommun={world.municipality.slug}",
            reverse("object_history", args=[*base, "goalassessment", world.assessment.pk])]
    for slug in world.periods:
        urls += [reverse("overview", args=base) + f"?period={slug}", reverse("documents:web", args=[*base, slug]),
                 reverse("followup_edit", args=[*base, slug]), reverse("followup_progress", args=[*base, slug]),
                 reverse("control:edit", args=[*base, slug]), reverse("control:quality", args=[*base, slug]),
                 reverse("control:analysis", args=[*base, slug]), reverse("economy:forecast", args=[*base, slug]),
                 reverse("followup_excel_import", args=[*base, slug])]
        if world.periods[slug].takes_outcomes:  # a plan has no statistics
            urls += [reverse("statistics:page", args=[*base, slug]), reverse("statistics:import", args=[*base, slug])]
    return urls


def test_no_page_shows_a_huddinge_word(own, client):
    forbidden = _forbidden(own.municipality)
    assert {"Mått", "Etappmål", "Nämndmål", "VB", "Måluppfyllelse", "Utvecklingsåtagande"} <= set(forbidden)
    client.force_login(own.alice)
    found, missing = {}, []
    for url in _pages(own):
        response = client.get(url)
        if response.status_code != 200:
            missing.append(url)
        elif words := huddinge_words(page_text(response.content), forbidden):
            found[url] = words
    assert not missing
    assert not found
    goal_page = page_text(client.get(reverse("goal", args=["testby", "socialnamnden", 2020, own.goal.slug])).content)
    for own_word in ("Strategi", "Indikatorer", "Delmål", "Nyckeltal", "Redovisas i Verksamhetsberättelse"):
        assert own_word in goal_page
    measure_page = client.get(reverse("measure", args=["testby", "socialnamnden", 2020, own.measure.slug]))
    assert "Delmål" in "".join(lxml_html.fromstring(measure_page.content).xpath("//svg//text()"))


def test_the_followup_workbook_uses_the_municipalitys_words(own, client):
    forbidden = _forbidden(own.municipality)
    client.force_login(own.alice)
    response = client.get(reverse("followup_excel_export", args=["testby", "socialnamnden", 2020, "vb"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Indikatorer" in workbook.sheetnames and "Målbedömning" in workbook.sheetnames
    cells = [str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
             if cell.value and not str(cell.value).startswith(FILE_ID_PREFIX)]  # the file id names the period's slug
    assert not huddinge_words(" ".join([*workbook.sheetnames, *cells]), forbidden)
    assert "Insats" in cells and "Uppdrag" in cells


@pytest.mark.parametrize("slug", ["ap", "t1", "t2", "vb", "okt"])
def test_no_document_shows_a_huddinge_word(own, slug):
    forbidden = _forbidden(own.municipality)
    document = build_document(unit=own.committee, year=2020, period=own.periods[slug])
    text = page_text(render(document, "html"))
    assert not huddinge_words(text, forbidden)
    assert "Strategi: Fler upplever god vård och omsorg" in text


def test_the_api_labels_and_vocabulary_are_the_municipalitys(own, client):
    body = client.get(reverse("api:plan_followup", args=[own.plan.pk, own.period.pk])).json()
    labels = {result["measure"]["name"]: result["target_label"]
              for result in body["council_goals"][0]["goals"][0]["results"]}
    assert labels["Verksamheter med jämlikhetsarbete"] == "Redovisas i Verksamhetsberättelse"
    words = client.get(reverse("api:municipality", args=["testby"])).json()["vocabulary"]
    assert (words["measure"], words["target_definite"], words["annual_report_short"]) == (
        "Indikator", "delmålet", "Verksamhetsberättelse")
