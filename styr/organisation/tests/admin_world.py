"""Two municipalities with one object of every model the admin keeps, and the forms as a browser posts them.

Annanby has two committees (Socialnämnden with Barnenheten below it, and Kulturnämnden); Bortby
has one. Each object set is a dict by model, so a test can ask for "the plan of Kulturnämnden".
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group, Permission, User
from django.test import TestCase
from django.urls import reverse
from django.utils.text import slugify

from styr.core.forms import NumberInput
from styr.followup.models import Deadline, FollowUpPeriod, PeriodKind
from styr.followup.presets import install_presets
from styr.organisation.models import (
    ComparisonMunicipality,
    Membership,
    Municipality,
    OrganisationUnit,
    Role,
    Term,
    TermKey,
    UnitKind,
)
from styr.plans.models import (
    Activity,
    Commitment,
    CouncilGoal,
    CouncilGoalChoice,
    CouncilGoalGroup,
    Direction,
    Goal,
    GoalMeasure,
    Measure,
    Plan,
    Target,
    TargetKind,
    UnitOfMeasure,
)

YEAR = 2020


def municipality_objects(name: str, kolada_id: str) -> dict:
    municipality = Municipality.objects.create(name=f"{name} kommun", short_name=name, slug=name.lower(),
                                               kolada_id=kolada_id)
    install_presets(municipality)
    period = FollowUpPeriod.objects.create(municipality=municipality, year=YEAR, kind=PeriodKind.ANNUAL_REPORT,
                                           slug="vb", name="Verksamhetsberättelse", as_of=datetime.date(YEAR, 12, 31))
    return {
        Municipality: municipality,
        ComparisonMunicipality: ComparisonMunicipality.objects.create(
            municipality=municipality, kolada_id="0180", name=f"Jämförbar med {name}"),
        Term: Term.objects.create(municipality=municipality, key=TermKey.MEASURE, singular="Nyckeltal",
                                  plural="Nyckeltal"),
        CouncilGoalGroup: (group := CouncilGoalGroup.objects.create(municipality=municipality, name="Målområden")),
        CouncilGoal: CouncilGoal.objects.create(municipality=municipality, key="god-omsorg",
                                                name=f"God omsorg i {name}", group=group),
        type(municipality.assessment_scale): municipality.assessment_scale,
        type(municipality.status_options.first()): municipality.status_options.first(),
        FollowUpPeriod: period,
        Deadline: Deadline.objects.create(period=period, unit_kind=UnitKind.UNIT, date=datetime.date(YEAR + 1, 1, 20)),
    }


def unit_objects(unit: OrganisationUnit, council_goal: CouncilGoal, member: User) -> dict:
    """A unit's plan with a goal, a measure with a target, a commitment with an activity, and a member."""
    plan = Plan.objects.create(unit=unit, year=YEAR)
    goal = Goal.objects.create(plan=plan, council_goal=council_goal, slug="mal", name=f"Mål för {unit.name}")
    measure = Measure.objects.create(unit=unit, slug="matt", name=f"Mått för {unit.name}",
                                     unit_of_measure=UnitOfMeasure.DAYS, direction=Direction.LOWER)
    commitment = Commitment.objects.create(plan=plan, goal=goal, name=f"Åtagande för {unit.name}")
    return {
        OrganisationUnit: unit,
        Plan: plan,
        CouncilGoalChoice: CouncilGoalChoice.objects.create(plan=plan, council_goal=council_goal),
        Goal: goal,
        GoalMeasure: GoalMeasure.objects.create(goal=goal, measure=measure),
        Measure: measure,
        Target: Target.objects.create(measure=measure, year=YEAR, kind=TargetKind.NUMBER, comparator="<=",
                                      value=Decimal("30")),
        Commitment: commitment,
        Activity: Activity.objects.create(plan=plan, goal=goal, commitment=commitment, name=f"Aktivitet för {unit.name}"),
        Membership: Membership.objects.create(user=member, unit=unit, role=Role.REPORTER),
    }


def unit(municipality: Municipality, name: str, parent: OrganisationUnit | None = None) -> OrganisationUnit:
    kind = UnitKind.UNIT if parent else UnitKind.COMMITTEE
    return OrganisationUnit.objects.create(municipality=municipality, parent=parent, kind=kind, name=name,
                                           slug=slugify(name))


def staff_controller(username: str, unit: OrganisationUnit) -> User:
    """A controller at the unit, with the admin permissions the demo's controllers get."""
    user = User.objects.create_user(username, is_staff=True)
    group, _ = Group.objects.get_or_create(name="Controller")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["organisation", "plans", "followup"]))
    user.groups.add(group)
    Membership.objects.create(user=user, unit=unit, role=Role.CONTROLLER)
    return user


class AdminWorldTestCase(TestCase):
    """Annanby (two committees) and Bortby, and two controllers: one of Barnenheten, one of Bortby."""

    annanby: dict
    bortby: dict
    social: dict
    children: dict
    culture: dict
    bortby_social: dict
    annanby_member: User
    bortby_member: User
    unit_controller: User
    other_controller: User
    superuser: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.annanby = municipality_objects("Annanby", "0127")
        cls.bortby = municipality_objects("Bortby", "0128")
        annanby, bortby = cls.annanby[Municipality], cls.bortby[Municipality]
        social = unit(annanby, "Socialnämnden")
        cls.annanby_member = User.objects.create_user("annanby-member")
        cls.bortby_member = User.objects.create_user("bortby-member")
        cls.social = unit_objects(social, cls.annanby[CouncilGoal], cls.annanby_member)
        cls.children = unit_objects(unit(annanby, "Barnenheten", social), cls.annanby[CouncilGoal], cls.annanby_member)
        cls.culture = unit_objects(unit(annanby, "Kulturnämnden"), cls.annanby[CouncilGoal], cls.annanby_member)
        cls.bortby_social = unit_objects(unit(bortby, "Bortbynämnden"), cls.bortby[CouncilGoal], cls.bortby_member)
        cls.unit_controller = staff_controller("enhetscontroller", cls.children[OrganisationUnit])
        cls.other_controller = staff_controller("bortbycontroller", cls.bortby_social[OrganisationUnit])
        cls.superuser = User.objects.create_superuser("root", "root@example.org", "x")


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def posted_data(page) -> dict:
    """The admin page's form and inline forms as a browser would post them unchanged."""
    data: dict = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management[name].html_name: management[name].value() for name in management.fields})
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            widget = form.fields[name].widget
            if isinstance(widget, NumberInput) and value is not None:
                value = widget.format_value(value)  # what the page shows: "75", not "75.000"
            if value is not None:
                data[form[name].html_name] = value
    return data
