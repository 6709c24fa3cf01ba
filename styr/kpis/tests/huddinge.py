"""A small Huddinge for the Kolada tests: the committee's six Kolada measures as seed 001 types them."""

from decimal import Decimal

from django.contrib.auth.models import User

from styr.followup.models import MeasureOutcome
from styr.organisation.models import ComparisonMunicipality, Membership, Municipality, OrganisationUnit, Role, UnitKind
from styr.plans.models import Direction, Measure, Plan, PlanStatus, UnitOfMeasure

# slug: (kolada id as the demo data names it, direction, unit, typed outcomes {year: (total, women, men)})
MEASURES = {
    "utredningstid-missbruk": ("U35400", Direction.LOWER, UnitOfMeasure.DAYS, {2020: (63, None, None), 2019: (89, 95, 87)}),
    "utredningstid-barn-unga": ("U33401", Direction.LOWER, UnitOfMeasure.DAYS, {2020: (111, None, None)}),
    "brukarbedomning": ("U30453", Direction.HIGHER, UnitOfMeasure.PERCENT, {2020: (85, 100, 78), 2018: (80, 80, 80)}),
    "hme-motivation": ("U00210", Direction.HIGHER, UnitOfMeasure.INDEX, {2020: (81, 81, 81)}),
    "hme-ledarskap": ("U00202", Direction.HIGHER, UnitOfMeasure.INDEX, {}),
    "hme-totalt": ("U00200", Direction.HIGHER, UnitOfMeasure.INDEX, {}),
    "sjukfranvaro": ("", Direction.LOWER, UnitOfMeasure.PERCENT, {2020: (7.1, None, None)}),
}
PEERS = {"0136": "Haninge", "0123": "Järfälla", "0182": "Nacka", "0163": "Sollentuna", "0180": "Stockholm", "0117": "Österåker"}


def build_huddinge():
    huddinge = Municipality.objects.create(
        name="Huddinge kommun", short_name="Huddinge", slug="huddinge", kolada_id="0126", publish_without_login=True,
    )
    for kolada_id, name in PEERS.items():
        ComparisonMunicipality.objects.create(municipality=huddinge, kolada_id=kolada_id, name=name)
    committee = OrganisationUnit.objects.create(
        municipality=huddinge, kind=UnitKind.COMMITTEE, name="Socialnämnden", slug="socialnamnden",
    )
    plan = Plan.objects.create(unit=committee, year=2020, status=PlanStatus.PUBLISHED)
    measures = {}
    for slug, (kpi, direction, unit, outcomes) in MEASURES.items():
        measure = Measure.objects.create(
            unit=committee, slug=slug, name=slug, unit_of_measure=unit, direction=direction, kolada_kpi=kpi,
            source=f"Medarbetarundersökningen, Kolada nr {kpi}" if kpi.startswith("U002") else f"Kolada {kpi}",
        )
        for year, (total, women, men) in outcomes.items():
            MeasureOutcome.objects.create(
                measure=measure, year=year, total=Decimal(str(total)),
                women=None if women is None else Decimal(women), men=None if men is None else Decimal(men),
            )
        measures[slug] = measure
    controller = User.objects.create_user("karin", password="pw-karin-123!")
    Membership.objects.create(user=controller, unit=committee, role=Role.CONTROLLER)
    reader = User.objects.create_user("pia", password="pw-pia-123!")
    Membership.objects.create(user=reader, unit=committee, role=Role.READER)
    return huddinge, committee, plan, measures, controller, reader
