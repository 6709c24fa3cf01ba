"""Setting up a municipality through the services and the command: presets, scope, history, refusals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from styr.followup import configuration as followup_setup
from styr.followup.models import AssessmentLevel, Deadline, FollowUpPeriod, StatusOption
from styr.history.models import Change, ChangeSource
from styr.organisation import configuration as organisation_setup
from styr.organisation.access import keeps_municipality
from styr.organisation.admin_site import scope_of
from styr.organisation.models import Membership, Municipality, Role, Term, UnitKind, vocabulary
from styr.plans import council_goals
from styr.plans.models import CouncilGoalGroup
from styr.setup.presets import set_up_municipality

pytestmark = pytest.mark.django_db


def new_municipality(user, preset="three-level", slug="norrby"):
    return set_up_municipality(user=user, preset=preset, year=2021, name="Norrby kommun", short_name="Norrby",
                               slug=slug, kolada_id="0139", committee="Kommunstyrelsen",
                               committee_slug="kommunstyrelsen")


def test_a_controller_sets_up_a_municipality_and_keeps_it(world):
    municipality = new_municipality(world.alice)
    committee = municipality.units.get()
    assert Membership.objects.filter(user=world.alice, unit=committee, role=Role.CONTROLLER).exists()
    assert keeps_municipality(world.alice, municipality)
    assert committee.pk in scope_of(world.alice).units
    levels = list(AssessmentLevel.objects.filter(scale__municipality=municipality).values_list("label", flat=True))
    assert levels == ["Helt uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Kunde inte utvärderas"]
    assert StatusOption.objects.filter(municipality=municipality).count() == 4
    periods = FollowUpPeriod.objects.filter(municipality=municipality).order_by("as_of")
    assert [(period.slug, period.year, period.as_of) for period in periods] == [
        ("vp", 2021, datetime.date(2020, 11, 30)), ("d1", 2021, datetime.date(2021, 3, 31)),
        ("d2", 2021, datetime.date(2021, 8, 31)), ("vb", 2021, datetime.date(2021, 12, 31))]
    assert list(municipality.council_goal_groups.values_list("name", flat=True)) == ["Målområden"]
    created = Change.objects.filter(user=world.alice, object_repr="Norrby kommun").get()
    assert created.after["kolada_id"] == "0139" and created.source == ChangeSource.PAGE


def test_the_huddinge_preset_matches_the_demo_and_empty_sets_up_nothing_else(world):
    huddinge = new_municipality(world.alice, preset="huddinge")
    groups = list(huddinge.council_goal_groups.values_list("name", "singular"))
    assert groups == [("Övergripande mål", "Övergripande mål"), ("Strategiska mål", "Strategiskt mål")]
    assert huddinge.assessment_scale.levels.count() == 4
    empty = set_up_municipality(user=world.alice, preset="empty", year=2021, name="Söderby kommun", short_name="Söderby",
                                slug="soderby", kolada_id="0140", committee="Kommunstyrelsen",
                                committee_slug="kommunstyrelsen")
    assert not empty.periods.exists() and not empty.status_options.exists() and not empty.council_goal_groups.exists()


def test_only_a_superuser_or_a_keeper_sets_up_a_municipality(world):
    for user in (world.bob, world.charlie, world.dave):
        with pytest.raises(PermissionDenied):
            new_municipality(user)
    assert not Municipality.objects.filter(slug="norrby").exists()


def test_a_failing_preset_leaves_nothing_behind(world):
    with pytest.raises(ValidationError):
        new_municipality(world.alice, slug="testby")  # the slug is taken
    assert Municipality.objects.count() == 1 and not Change.objects.exists()


def test_the_command_uses_the_same_service(world):
    call_command("municipality", "create", "--preset", "three-level", "--name", "Norrby kommun", "--slug", "norrby",
                 "--kolada-id", "0139", "--year", "2022", "--controller", "dave")
    municipality = Municipality.objects.get(slug="norrby")
    assert municipality.short_name == "Norrby"
    assert set(municipality.periods.values_list("year", flat=True)) == {2022}
    assert keeps_municipality(world.dave, municipality)
    assert Change.objects.filter(object_repr="Norrby kommun", source=ChangeSource.COMMAND, user=None).exists()


def test_a_committee_created_at_the_top_stays_in_the_creators_scope(world):
    committee = organisation_setup.create_unit(user=world.alice, municipality=world.municipality, parent=None,
                                               kind=UnitKind.COMMITTEE, name="Kulturnämnden", slug="kulturnamnden")
    assert Membership.objects.filter(user=world.alice, unit=committee, role=Role.CONTROLLER).exists()
    unit = organisation_setup.create_unit(user=world.alice, municipality=world.municipality, parent=committee,
                                          kind=UnitKind.UNIT, name="Biblioteket", slug="biblioteket")
    assert not unit.memberships.exists()  # under a unit she keeps, it is hers already
    assert unit.pk in scope_of(world.alice).units
    with pytest.raises(PermissionDenied):
        organisation_setup.create_unit(user=world.bob, municipality=world.municipality, parent=world.unit,
                                       kind=UnitKind.UNIT, name="Egen", slug="egen")
    other = new_municipality(world.alice)
    with pytest.raises(ValidationError):
        organisation_setup.create_unit(user=world.alice, municipality=other, parent=world.committee,
                                       kind=UnitKind.UNIT, name="Fel", slug="fel")


def test_vocabulary_keeps_only_the_municipalitys_own_words(world):
    words = {"measure": ("Nyckeltal", "Nyckeltal"), "target": ("Etappmål", "Etappmål")}
    organisation_setup.save_vocabulary(user=world.alice, municipality=world.municipality, words=words)
    assert list(Term.objects.values_list("key", "singular")) == [("measure", "Nyckeltal")]
    assert vocabulary(world.municipality)["measure"] == "Nyckeltal"
    organisation_setup.save_vocabulary(user=world.alice, municipality=world.municipality,
                                       words={"measure": ("Mått", "Mått")})
    assert not Term.objects.exists()
    with pytest.raises(PermissionDenied):
        organisation_setup.save_vocabulary(user=world.bob, municipality=world.municipality, words=words)


def test_council_goals_are_numbered_in_groups_of_their_own_municipality(world):
    municipality = new_municipality(world.alice)
    group = municipality.council_goal_groups.get()
    strategies = council_goals.save_group(user=world.alice, municipality=municipality, group=None,
                                          values={"name": "Strategier", "singular": "Strategi"})
    assert strategies.order == group.order + 1
    goal = council_goals.save_council_goal(user=world.alice, municipality=municipality, goal=None,
                                           values={"group": group, "number": "1.1", "name": "Trygg uppväxt"})
    assert (goal.key, goal.title, str(goal)) == ("trygg-uppvaxt", "1.1 Trygg uppväxt", "1.1 Trygg uppväxt")
    with pytest.raises(ValidationError):  # another municipality's group
        council_goals.save_council_goal(user=world.alice, municipality=municipality, goal=goal,
                                        values={"group": world.council_goal.group})
    with pytest.raises(ValidationError):  # still holds a goal
        council_goals.delete_group(user=world.alice, group=group)
    assert CouncilGoalGroup.objects.filter(pk=group.pk).exists()
    with pytest.raises(PermissionDenied):
        council_goals.save_group(user=world.bob, municipality=world.municipality, group=None, values={"name": "X"})


def test_deadlines_are_in_order_and_at_levels_of_the_municipality(world):
    period = world.period  # as of 31 December 2020; Testby has a committee and a unit
    save = followup_setup.save_period
    with pytest.raises(ValidationError) as before_as_of:
        save(user=world.alice, municipality=world.municipality, period=period, values={},
             per_level={UnitKind.UNIT: datetime.date(2020, 12, 1)})
    assert UnitKind.UNIT in before_as_of.value.error_dict
    with pytest.raises(ValidationError) as upside_down:
        save(user=world.alice, municipality=world.municipality, period=period,
             values={"deadline": datetime.date(2021, 1, 20)},
             per_level={UnitKind.UNIT: datetime.date(2021, 1, 25), UnitKind.COMMITTEE: None})
    assert list(upside_down.value.error_dict) == [UnitKind.UNIT]
    with pytest.raises(ValidationError):
        save(user=world.alice, municipality=world.municipality, period=period, values={},
             per_level={UnitKind.AREA: datetime.date(2021, 1, 10)})  # Testby has no activity areas
    save(user=world.alice, municipality=world.municipality, period=period,
         values={"deadline": datetime.date(2021, 1, 31)},
         per_level={UnitKind.UNIT: datetime.date(2021, 1, 15), UnitKind.COMMITTEE: None})
    period.refresh_from_db()
    assert period.deadline == datetime.date(2021, 1, 31)
    assert period.deadline_for(UnitKind.UNIT) == datetime.date(2021, 1, 15)
    assert period.deadline_for(UnitKind.COMMITTEE) == datetime.date(2021, 1, 31)
    save(user=world.alice, municipality=world.municipality, period=period, values={},
         per_level={UnitKind.UNIT: None})
    assert not Deadline.objects.exists()
    assert Change.objects.filter(object_repr__startswith="Verksamhetsberättelse 2020: enhet").count() == 2
    with pytest.raises(PermissionDenied):
        save(user=world.bob, municipality=world.municipality, period=period, values={}, per_level={})
