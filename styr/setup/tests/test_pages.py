"""The vocabulary and layout pages, as the committee's controller, through the real views and services."""

from django.urls import reverse

from styr.followup.models import MeasureTableLayout
from styr.history.models import Change
from styr.organisation.models import Term, TermKey, UnreportedDisplay, vocabulary


def _posted(response) -> dict:
    """What the page's form posts back unchanged."""
    form = response.context["form"]
    return {name: value for name in form.fields if (value := form[name].initial) not in (None, False)}


def test_the_vocabulary_page_keeps_the_definite_and_short_forms(world, client):
    client.force_login(world.alice)
    url = reverse("setup:vocabulary", args=[world.municipality.slug])
    page = client.get(url)
    assert page.context["form"]["annual_report-short"].initial == "VB"
    data = _posted(page)
    data.update({"measure-singular": "Indikator", "measure-plural": "Indikatorer",  # its definite form follows
                 "annual_report-singular": "Årsredovisning", "annual_report-plural": "Årsredovisningar",
                 "annual_report-definite": "årsredovisningen", "annual_report-short": "ÅR"})
    assert client.post(url, data).status_code == 302
    words = vocabulary(world.municipality)
    assert (words["measure_definite"], words["measure_short"]) == ("indikator", "Indikator")
    assert (words["annual_report_definite"], words["annual_report_short"]) == ("årsredovisningen", "ÅR")
    assert set(Term.objects.values_list("key", flat=True)) == {TermKey.MEASURE, TermKey.ANNUAL_REPORT}
    client.post(url, _posted(client.get(url)))  # unchanged: nothing more is written
    assert Change.objects.filter(content_type__model="term").count() == 2


def test_the_layout_page_sets_the_measure_tables_and_documents(world, client):
    client.force_login(world.alice)
    url = reverse("setup:layout", args=[world.municipality.slug])
    page = client.get(url)
    assert page.context["form"]["show_gender"].initial is True
    response = client.post(url, {"show_ranking": "on", "show_reference": "on", "unreported_display": "nothing",
                                 "print_council_goal_text": "on"})
    assert response.status_code == 302
    layout = MeasureTableLayout.objects.get(municipality=world.municipality)
    assert (layout.show_gender, layout.show_unjustified, layout.show_ranking, layout.show_reference) == (
        False, False, True, True)
    world.municipality.refresh_from_db()
    assert world.municipality.unreported_display == UnreportedDisplay.NOTHING
    assert (world.municipality.print_council_goal_text, world.municipality.goal_texts_in_every_document) == (True, False)
    client.force_login(world.bob)  # a reporter keeps nothing of the municipality
    assert client.post(url, {"unreported_display": "dash"}).status_code == 403
    world.municipality.refresh_from_db()
    assert world.municipality.unreported_display == UnreportedDisplay.NOTHING
