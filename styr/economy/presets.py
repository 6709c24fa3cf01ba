"""The revenue and cost types Styr ships (the rows of a Swedish Driftredovisning); a municipality may
rename, reorder or add to them."""

from decimal import Decimal

from django.db import transaction

from styr.economy.models import EconomyCriterion, ReportRow, RowKind
from styr.followup.models import AssessmentLevel
from styr.organisation.models import Municipality
from styr.plans.models import LedgerFigure

ROWS: list[tuple[str, str, str]] = [
    ("taxor-och-avgifter", "Taxor och avgifter", RowKind.REVENUE),
    ("forsaljning-av-verksamhet", "Försäljning av verksamhet", RowKind.REVENUE),
    ("bidrag", "Bidrag", RowKind.REVENUE),
    ("ovriga-intakter", "Övriga intäkter", RowKind.REVENUE),
    ("intern-resursfordelning-intakt", "Intern resursfördelning", RowKind.REVENUE),
    ("personal", "Personal", RowKind.COST),
    ("lokaler", "Lokaler", RowKind.COST),
    ("bidrag-kostnader", "Bidrag kostnader", RowKind.COST),
    ("kop-av-verksamhet", "Köp av verksamhet", RowKind.COST),
    ("konsulter-och-inhyrd-personal", "Konsulter och inhyrd personal", RowKind.COST),
    ("varor-och-tjanster", "Varor och tjänster", RowKind.COST),
    ("ovriga-kostnader", "Övriga kostnader", RowKind.COST),
    ("kapitalkostnad", "Kapitalkostnad", RowKind.COST),
    ("intern-resursfordelning", "Intern resursfördelning", RowKind.COST),
]


@transaction.atomic
def install_report_rows(municipality: Municipality) -> None:
    """Give a municipality the common rows, keeping any it has changed or added."""
    for order, (key, name, kind) in enumerate(ROWS, start=1):
        ReportRow.objects.get_or_create(municipality=municipality, key=key,
                                        defaults={"name": name, "kind": kind, "order": order})


# Huddinge's criteria (seed 001): a result above 2 % of the budget (with or without the ring-fenced areas)
# and an equity of 2–3 % are "mycket god".
CRITERIA: list[tuple[str, str, Decimal | None, Decimal | None]] = [
    (LedgerFigure.RESULT, "mycket-god", Decimal(2), None),
    (LedgerFigure.RESULT_EXCLUDING, "mycket-god", Decimal(2), None),
    (LedgerFigure.EQUITY, "mycket-god", Decimal(2), Decimal("3.01")),
]


@transaction.atomic
def install_economy_criteria(municipality: Municipality) -> None:
    """Give a municipality Huddinge's criteria for the levels its scale has, unless it has criteria of its own."""
    if EconomyCriterion.objects.filter(municipality=municipality).exists():
        return
    levels = {level.key: level for level in AssessmentLevel.objects.filter(scale__municipality=municipality)}
    EconomyCriterion.objects.bulk_create(
        EconomyCriterion(municipality=municipality, measure=measure, level=levels[key], minimum=low, maximum=high,
                         order=order)
        for order, (measure, key, low, high) in enumerate(CRITERIA) if key in levels)
