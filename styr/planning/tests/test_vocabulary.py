"""The controller's pages of a municipality with its own words show none of Huddinge's: the plan editor with
every kind of item, the next year's review, the list of plans and the people pages (the public pages, the
follow-up and the documents are checked in styr/front/tests/test_vocabulary.py, with the same world)."""

from django.urls import reverse

from styr.front.tests.test_vocabulary import huddinge_words, own, page_text
from styr.organisation.models import vocabulary

__all__ = ["own"]  # the fixture


def _pages(world) -> list[str]:
    base = [world.municipality.slug, world.committee.slug, 2020]
    commitment, activity = world.plan.commitments.get(), world.plan.activities.get()
    urls = [reverse("planning:index"), reverse("planning:plan", args=base), reverse("planning:next_year", args=base),
            reverse("people:index"), reverse("people:unit", args=[world.municipality.slug, world.unit.slug])]
    for kind, item in (("val", world.choice), ("mal", world.goal), ("matt", world.measure), ("atagande", commitment),
                       ("aktivitet", activity)):
        urls.append(reverse("planning:item", args=[*base, kind, item.pk]))
    for kind, under in (("mal", world.council_goal.pk), ("matt", world.goal.pk), ("koppling", world.goal.pk),
                        ("atagande", world.goal.pk), ("aktivitet", f"c{commitment.pk}")):
        urls.append(reverse("planning:item", args=[*base, kind, 0]) + f"?under={under}")
    return urls


def test_no_page_of_the_controllers_workbench_shows_a_huddinge_word(own, client):
    forbidden = vocabulary(own.municipality).defaults_replaced()
    client.force_login(own.alice)
    found = {}
    for url in _pages(own):
        response = client.get(url)
        assert response.status_code == 200, url
        if words := huddinge_words(page_text(response.content), forbidden):
            found[url] = words
    assert not found
    measure_page = page_text(client.get(_pages(own)[7]).content)
    assert "Delmål för 2020" in measure_page and "Delmål för 2022" in measure_page
