"""Search on the database Styr runs on: what is found, what is marked, and what is never shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styr.organisation.models import Membership, Municipality, OrganisationUnit, Role, UnitKind
from styr.plans.models import (
    Activity,
    Commitment,
    CouncilGoal,
    CouncilGoalGroup,
    Goal,
    GoalMeasure,
    Measure,
    Plan,
    PlanStatus,
)
from styr.search.service import Filters, search
from styr.search.sources import SearchKind
from styr.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = World.build()
    world.commitment = Commitment.objects.create(
        plan=world.plan, goal=world.goal, name="Förkorta utredningstiderna",
        description="Ett nytt arbetssätt för snabbare utredningar av barns behov.",
    )
    world.activity = Activity.objects.create(
        plan=world.plan, goal=world.goal, commitment=world.commitment, name="Utbilda handläggare i BBIC",
    )
    return world


def names(results) -> dict[SearchKind, list[str]]:
    return {kind: [str(hit.name) for hit in hits] for kind, hits in results.groups}


def test_finds_every_kind_by_the_beginning_of_a_word_and_marks_it(world):
    results = search(world.charlie, text="utredning", filters=Filters())
    found = names(results)
    assert found == {
        SearchKind.MEASURE: ["<mark>Utredningstid</mark> barn &amp; unga, antal dagar"],
        SearchKind.COMMITMENT: ["Förkorta <mark>utredningstiderna</mark>"],
    }
    [[measure]] = [hits for kind, hits in results.groups if kind == SearchKind.MEASURE]
    assert (measure.plan, measure.years) == (world.plan, [2020])
    assert measure.url == reverse("measure", args=["testby", "socialnamnden", 2020, "utredningstid"])
    [[commitment]] = [hits for kind, hits in results.groups if kind == SearchKind.COMMITMENT]
    assert "<mark>utredningar</mark>" in commitment.excerpt
    assert commitment.url == reverse("goal", args=["testby", "socialnamnden", 2020, "fler-upplever-god-vard"])


def test_every_word_must_match_and_the_text_is_searched_as_well(world):
    assert names(search(world.charlie, text="snabbare", filters=Filters())) == {
        SearchKind.COMMITMENT: ["Förkorta utredningstiderna"],
    }
    assert names(search(world.charlie, text="vård BBIC", filters=Filters())) == {}
    assert names(search(world.charlie, text="BBIC handläggare", filters=Filters())) == {
        SearchKind.ACTIVITY: ["Utbilda <mark>handläggare</mark> i <mark>BBIC</mark>"],
    }


def test_the_index_follows_changes_and_deletions(world):
    world.goal.name = "Tryggare äldreomsorg"
    world.goal.save()
    assert names(search(world.charlie, text="äldreomsorg", filters=Filters())) == {
        SearchKind.GOAL: ["Tryggare <mark>äldreomsorg</mark>"],
    }
    world.activity.delete()
    assert names(search(world.charlie, text="BBIC", filters=Filters())) == {}


def test_query_syntax_is_only_words(world):
    plain = names(search(world.charlie, text="utred", filters=Filters()))
    assert plain
    for text in ['"utred', "utred*", "(utred)", "utred:*", "'utred'; --", "^utred", "utred -"]:
        assert names(search(world.charlie, text=text, filters=Filters())) == plain, text
    for text in ['"', "NEAR(", "qq:* & !zz", "'; DROP TABLE plans_goal; --", ""]:
        assert names(search(world.charlie, text=text, filters=Filters())) == {}, text
    assert Goal.objects.exists()


def test_an_unpublished_plan_is_found_only_by_those_with_a_role(world):
    world.plan.status = PlanStatus.DRAFT
    world.plan.save()
    from django.contrib.auth.models import AnonymousUser

    assert names(search(AnonymousUser(), text="utredning", filters=Filters())) == {}
    assert names(search(world.dave, text="utredning", filters=Filters())) == {}
    assert SearchKind.COMMITMENT in names(search(world.charlie, text="utredning", filters=Filters()))
    assert SearchKind.COMMITMENT in names(search(world.bob, text="utredning", filters=Filters()))  # below it
    assert names(search(world.charlie, text="utredning", filters=Filters(status=PlanStatus.PUBLISHED))) == {}
    assert search(world.charlie, text="utredning", filters=Filters()).statuses == [PlanStatus.DRAFT]


def test_anonymous_visitors_read_only_where_the_municipality_publishes_without_login(world):
    from django.contrib.auth.models import AnonymousUser

    assert SearchKind.COMMITMENT in names(search(AnonymousUser(), text="utredning", filters=Filters()))
    Municipality.objects.filter(pk=world.municipality.pk).update(publish_without_login=False)
    assert names(search(AnonymousUser(), text="utredning", filters=Filters())) == {}
    assert SearchKind.COMMITMENT in names(search(world.charlie, text="utredning", filters=Filters()))


def test_another_municipality_is_never_mixed_in(world):
    other = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby", kolada_id="0128")
    committee = OrganisationUnit.objects.create(municipality=other, kind=UnitKind.COMMITTEE, name="Omsorgsnämnden",
                                                slug="omsorg")
    council_goal = CouncilGoal.objects.create(municipality=other, key="k", name="K", group=CouncilGoalGroup.objects.create(
        municipality=other, name="Målområden"))
    draft = Plan.objects.create(unit=committee, year=2020, status=PlanStatus.DRAFT)
    goal = Goal.objects.create(plan=draft, council_goal=council_goal, slug="utredningar", name="Snabba utredningar")
    measure = Measure.objects.create(unit=committee, slug="u", name="Utredningar i tid", unit_of_measure="percent",
                                     direction="higher")
    GoalMeasure.objects.create(goal=goal, measure=measure)
    Membership.objects.create(user=world.dave, unit=committee, role=Role.READER)

    theirs = names(search(world.charlie, text="utredning", filters=Filters()))
    assert "Snabba" not in str(theirs) and "i tid" not in str(theirs)
    ours = names(search(world.dave, text="utredning", filters=Filters(municipality="testby")))
    assert "Snabba" not in str(ours) and ours[SearchKind.COMMITMENT]  # Testby publishes its plan
    only_theirs = names(search(world.dave, text="utredning", filters=Filters(municipality="annanby")))
    assert only_theirs == {SearchKind.GOAL: ["Snabba <mark>utredningar</mark>"],
                           SearchKind.MEASURE: ["<mark>Utredningar</mark> i tid"]}


def test_filters_by_unit_year_and_kind(world):
    later = Plan.objects.create(unit=world.committee, year=2021, status=PlanStatus.PUBLISHED)
    Goal.objects.create(plan=later, council_goal=world.council_goal, slug="utredning-2021", name="Utredning i tid")
    everything = names(search(world.charlie, text="utredning", filters=Filters()))
    assert everything[SearchKind.GOAL] == ["<mark>Utredning</mark> i tid"]
    assert SearchKind.GOAL not in names(search(world.charlie, text="utredning", filters=Filters(year=2020)))
    assert list(names(search(world.charlie, text="utredning", filters=Filters(kind="commitment")))) == [SearchKind.COMMITMENT]
    assert names(search(world.charlie, text="utredning", filters=Filters(unit="barnenheten"))) == {}
    results = search(world.charlie, text="utredning", filters=Filters(municipality="testby"))
    assert results.years == [2021, 2020] and [unit.slug for unit in results.units] == ["socialnamnden"]


def test_pages_and_a_constant_number_of_queries(world):
    def queries(count: int) -> int:
        for number in range(Commitment.objects.count(), count):
            commitment = Commitment.objects.create(plan=world.plan, goal=world.goal, name=f"Utredning {number}")
            Activity.objects.create(plan=world.plan, goal=world.goal, commitment=commitment, name=f"Utredning {number}")
        with CaptureQueriesContext(connection) as captured:
            results = search(world.charlie, text="utredning", filters=Filters(), per_page=100)
            assert sum(len(hits) for _kind, hits in results.groups) == 2 * count  # the measure, the commitments, all activities but BBIC's
        return len(captured)

    assert queries(6) == queries(30)
    page_two = search(world.charlie, text="utredning", filters=Filters(), page=2, per_page=10)
    first = search(world.charlie, text="utredning", filters=Filters(), page=1, per_page=10)
    seen = [str(hit.name) for results in (first, page_two) for _kind, hits in results.groups for hit in hits]
    assert len(seen) == len(set(seen)) == 20
    assert first.count == 1 + 30 + 29
    assert [kind for kind, _hits in first.groups] == [SearchKind.MEASURE, SearchKind.COMMITMENT]


def test_the_page_and_the_header_field(client, world):
    page = client.get(reverse("search"), {"q": "utredning", "kommun": "testby"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 träffar för ”utredning”" in html or "2 hits for “utredning”" in html
    assert "<mark>Utredningstid</mark> barn &amp; unga" in html
    assert 'role="search"' in client.get(reverse("overview", args=["testby", "socialnamnden", 2020])).content.decode()


def test_a_text_over_the_limit_is_refused_whole_and_kept_in_the_field(client, world):
    text = "utredning " * 25  # 250 characters: not cut to 200 and searched, but refused
    page = client.get(reverse("search"), {"q": text, "kommun": "testby"}).content.decode()
    assert "Sök med högst 200 tecken; orden söktes inte." in page
    assert f'value="{text.strip()}"' in page and 'aria-invalid="true"' in page
    assert 'id="search-count"' not in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN indexes")
@pytest.mark.parametrize("kind", list(SearchKind))
def test_postgresql_matches_through_the_gin_index(world, kind):
    from styr.search.backends import PostgresBackend
    from styr.search.sources import SOURCES

    source = SOURCES[kind]
    matching = PostgresBackend().matching(source.model.objects.all(), source, ["utredning"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = matching.explain()
    assert f"search_{kind}_fts" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's Swedish stemming")
def test_postgresql_finds_other_forms_of_a_swedish_word(world):
    assert names(search(world.charlie, text="utredningarna", filters=Filters())) == {  # stem: "utredning"
        SearchKind.MEASURE: ["<mark>Utredningstid</mark> barn &amp; unga, antal dagar"],
        SearchKind.COMMITMENT: ["Förkorta <mark>utredningstiderna</mark>"],
    }


def test_readable_plans_answer_as_the_table_does_plan_by_plan(world):
    from django.contrib.auth.models import AnonymousUser, User

    from styr.plans.access import can_read_plan, readable_plans

    other = Municipality.objects.create(name="Annanby kommun", short_name="Annanby", slug="annanby", kolada_id="0128")
    elsewhere = OrganisationUnit.objects.create(municipality=other, kind=UnitKind.COMMITTEE, name="N", slug="n")
    Plan.objects.create(unit=world.unit, year=2020, status=PlanStatus.DRAFT)
    Plan.objects.create(unit=world.committee, year=2021, status=PlanStatus.DRAFT)
    Plan.objects.create(unit=elsewhere, year=2020, status=PlanStatus.PUBLISHED)
    Membership.objects.create(user=world.dave, unit=elsewhere, role=Role.REPORTER)
    root = User.objects.create_superuser("root", "root@example.org", "x")
    plans = list(Plan.objects.select_related("unit__municipality", "unit__parent"))
    for user in (world.alice, world.bob, world.charlie, world.dave, root, AnonymousUser()):
        assert {plan.pk for plan in readable_plans(user, plans)} == {plan.pk for plan in plans if can_read_plan(user, plan)}, user
    assert len(readable_plans(world.bob, plans)) == 3  # his unit's draft, the committee's plans above him
