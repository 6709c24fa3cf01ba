"""The municipality's words: Huddinge's by default, its own where it has them, read once per request."""

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from styr.organisation.models import Term, TermKey, vocabulary
from styr.organisation.vocabulary import VocabularyCache, terms


def test_huddinges_words_with_their_definite_and_short_forms(world):
    words = vocabulary(world.municipality)
    assert (words["measure"], words["measure_plural"], words["measure_definite"]) == ("Mått", "Mått", "måttet")
    assert (words["annual_report"], words["annual_report_short"]) == ("Verksamhetsberättelse", "VB")
    assert words["target_short"] == "Etappmål"


def test_own_words_fill_in_missing_forms_from_the_singular(world):
    Term.objects.create(municipality=world.municipality, key=TermKey.TARGET, singular="Delmål", plural="Delmål")
    words = vocabulary(world.municipality.pk)
    assert (words["target"], words["target_definite"], words["target_short"]) == ("Delmål", "delmål", "Delmål")
    assert "Etappmål" in words.defaults_replaced() and "Delmål" not in words.defaults_replaced()
    assert "Mått" not in words.defaults_replaced()  # still the municipality's word


def test_read_once_per_request_and_afresh_outside(world, django_assert_num_queries):
    def view(request):
        for _ in range(3):
            vocabulary(world.municipality)
        return HttpResponse()

    with django_assert_num_queries(1):
        VocabularyCache(view)(RequestFactory().get("/"))
    with django_assert_num_queries(2):
        vocabulary(world.municipality)
        vocabulary(world.municipality)


def test_templates_get_the_words_of_the_municipality_in_the_address(world):
    Term.objects.create(municipality=world.municipality, key=TermKey.MEASURE, singular="Indikator",
                        plural="Indikatorer", definite="indikatorn")
    request = RequestFactory().get("/testby/socialnamnden/2020/")
    request.resolver_match = resolve(request.path)
    assert terms(request)["terms"]["measure_definite"] == "indikatorn"
    home = RequestFactory().get("/")
    home.resolver_match = resolve("/")
    assert terms(home)["terms"]["measure"] == "Mått"
