"""Every economy write: one keyword-only function per action, in a transaction that records history.

The follow-up's rules (styr.followup.services): permission is checked inside the transaction against the
written object's own unit, on the locked follow-up state. A forecast and comment per activity area is
reported by the area's unit and locks with the follow-up of its unit's plan and the committee's (ready →
a reporter is refused; decided → only an amendment with a reason). The year's figures (ledger amounts,
equity, investments) are kept by the committee's controller; once a follow-up of the year is decided, a
change to them is an amendment with a reason. The chart (ledger rules, settings) is the municipality's,
kept by a superuser.
"""

from decimal import Decimal
from typing import IO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from styr.core.text import clean_and_check
from styr.economy.importing import read_ledger, read_table
from styr.economy.measures import ledger_values
from styr.economy.models import (
    ActivityArea,
    Amount,
    AmountKind,
    AreaReport,
    EconomyReport,
    EconomySettings,
    Equity,
    Investment,
    LedgerImport,
    LedgerRule,
    ReportRow,
)
from styr.followup import locks
from styr.followup.models import FollowUpPeriod, MeasureOutcome, PeriodKind, PeriodProgress, ProgressState
from styr.followup.services import (
    EditConflict,
    WriteRefused,
    amends,
    check_same_municipality,
    guard_write,
    report_outcome,
    save_versioned,
)
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change, snapshot
from styr.organisation.models import Municipality, OrganisationUnit, vocabulary
from styr.organisation.permissions import Action, State, Subject, allowed
from styr.plans.models import Measure, Plan

__all__ = ["EditConflict", "WriteRefused"]  # raised here as in the follow-up, so callers catch one pair

BATCH = 5000


def _text(value: str, label: str) -> str:
    try:
        return clean_and_check(value, label=label).strip()
    except ValidationError as error:
        raise WriteRefused(" ".join(error.messages)) from None


def _plans(units: list[OrganisationUnit], year: int) -> list[Plan]:
    """The plans of the year governing the units: each unit's own, else its nearest ancestor's."""
    found: dict[int, Plan] = {}
    for unit in units:
        for candidate in (unit, *unit.ancestors()):
            plan = Plan.objects.filter(unit=candidate, year=year).select_related("unit").first()
            if plan is not None:
                found[plan.pk] = plan
                break
    return list(found.values())


def _superuser_guard(*, user: User | None, municipality: Municipality) -> None:
    if user is None or not user.is_superuser:
        raise WriteRefused(_("Only an administrator of all of %(municipality)s may change this.")
                           % {"municipality": municipality.short_name})


def _year_guard(*, user: User | None, unit: OrganisationUnit, year: int, reason: str) -> ChangeEvent | None:
    """The committee's controller keeps the year's figures; after a decided follow-up of the year, only as an
    amendment with a reason. Returns AMENDED, or None for a plain write. `user=None` is Styr itself."""
    plan_ids = [plan.pk for plan in _plans([unit], year)]
    states = PeriodProgress.objects.select_for_update().filter(plan_id__in=plan_ids, period__year=year)
    if locks.strictest(states.values_list("state", flat=True)) == ProgressState.DECIDED:
        if not amends(user, unit, State.DECIDED):
            raise WriteRefused(_("A follow-up of %(year)s is decided; only a controller can amend its figures.")
                               % {"year": year})
        if not reason.strip():
            raise WriteRefused(_("A follow-up of %(year)s is decided: give the reason for the amendment.")
                               % {"year": year})
        return ChangeEvent.AMENDED
    if user is not None and not allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=unit,
                                        state=State.ANY):
        raise WriteRefused(_("You may not change the economy of %(unit)s.") % {"unit": unit})
    return None


# Outcomes derived from the figures ----------------------------------------------------------------------

def derive_outcomes(*, user: User | None, unit: OrganisationUnit, year: int, reason: str = "") -> int:
    """Write the outcomes of the unit's measures whose source is the ledger (`Measure.ledger_figure`), in each
    follow-up of the year as of its month, from the unit's figures; recorded with the source "ledger", by Styr
    itself. A decided follow-up's outcome follows only an amendment of the figures (a user who may amend, and
    the reason), else the decided outcome stands. Called in the transaction of every write changing the
    figures; returns how many outcomes were written."""
    measures = list(Measure.objects.filter(unit=unit).exclude(ledger_figure="").select_related("unit"))
    periods = FollowUpPeriod.objects.filter(municipality_id=unit.municipality_id, year=year).exclude(kind=PeriodKind.PLAN)
    written = 0
    for period in periods.order_by("as_of", "pk") if measures else []:
        month = period.as_of.month if period.as_of.year == year else 12
        values = ledger_values(measures, period)
        for figure in measures:
            value = values[figure.pk]
            total = None if value is None else value.expressed_in(figure.unit_of_measure)
            saved = MeasureOutcome.objects.filter(measure=figure, year=year, month=month).first()
            if (saved.total if saved else None) == total:
                continue
            decided = locks.outcome_state_for_update(measure=figure, year=year, month=month) == ProgressState.DECIDED
            if decided and not (reason.strip() and amends(user, figure.unit, State.DECIDED)):
                continue
            report_outcome(user=user if decided else None, measure=figure, year=year, month=month,
                           values={"total": total}, expected_version=None, reason=reason if decided else "",
                           source=ChangeSource.LEDGER)
            written += 1
    return written


# The chart ----------------------------------------------------------------------------------------

@transaction.atomic
def save_ledger_rule(
    *, user: User | None, municipality: Municipality, order: int, account: str, activity: str,
    row: ReportRow | None, area: ActivityArea | None, source: ChangeSource = ChangeSource.PAGE,
) -> LedgerRule:
    """Add a rule mapping account and activity code patterns to a report row and/or activity area."""
    _superuser_guard(user=user, municipality=municipality)
    if row is None and area is None:
        raise WriteRefused(_("A ledger rule maps to a report row, an activity area or both."))
    if row is not None and row.municipality_id != municipality.pk:
        raise WriteRefused(_("The report row belongs to another municipality."))
    if area is not None and area.committee.municipality_id != municipality.pk:
        raise WriteRefused(_("The activity area belongs to another municipality."))
    rule = LedgerRule(municipality=municipality, order=order, row=row, area=area,
                      account=_text(account, _("Account pattern")) or "*",
                      activity=_text(activity, _("Activity pattern")) or "*")
    rule.save()
    record_change(user=user, instance=rule, before={},
                  after=snapshot(rule, ["order", "account", "activity", "row", "area"]), source=source)
    return rule


@transaction.atomic
def save_carry_over_percent(*, user: User | None, municipality: Municipality, percent: Decimal,
                            source: ChangeSource = ChangeSource.PAGE) -> EconomySettings:
    _superuser_guard(user=user, municipality=municipality)
    if not Decimal(0) <= percent <= Decimal(100):
        raise WriteRefused(_("The carry-over cap is a share from 0 to 100 %."))
    settings = EconomySettings.objects.select_for_update().filter(municipality=municipality).first()
    before = snapshot(settings, ["carry_over_percent"]) if settings else {}
    settings = settings or EconomySettings(municipality=municipality)
    settings.carry_over_percent = percent
    settings.save()
    record_change(user=user, instance=settings, before=before, after=snapshot(settings, ["carry_over_percent"]),
                  source=source)
    return settings


@transaction.atomic
def save_activity_area(
    *, user: User | None, committee: OrganisationUnit, key: str, name: str, unit: OrganisationUnit,
    ring_fenced: bool = False, order: int = 0, source: ChangeSource = ChangeSource.PAGE,
) -> ActivityArea:
    """Add an activity area to the committee's budget, or change the one with the key; its unit is the
    committee or a unit under it."""
    if user is not None and not allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=committee,
                                        state=State.ANY):
        raise WriteRefused(_("You may not change the activity areas of %(unit)s.") % {"unit": committee})
    if unit.pk not in committee.subtree_ids():
        raise WriteRefused(_("%(unit)s is not part of %(committee)s.") % {"unit": unit, "committee": committee})
    fields = ["name", "unit", "ring_fenced", "order"]
    area = ActivityArea.objects.select_for_update().filter(committee=committee, key=key).first()
    before = snapshot(area, fields) if area else {}
    area = area or ActivityArea(committee=committee, key=key)
    area.name, area.unit, area.ring_fenced, area.order = _text(name, _("Name")), unit, ring_fenced, order
    if not area.name:
        raise WriteRefused(_("An activity area needs a name."))
    area.save()
    record_change(user=user, instance=area, before=before, after=snapshot(area, fields), source=source)
    return area


# The year's figures --------------------------------------------------------------------------------

def import_ledger(
    *, user: User | None, unit: OrganisationUnit, year: int, name: str, handle: IO[bytes], scale: str,
    kind: str = AmountKind.OUTCOME, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> LedgerImport:
    """Read a ledger file and replace the committee's amounts of the year of each kind the file holds;
    all or nothing (LedgerRefused names file, row and column of every problem; WriteRefused the lock)."""
    if user is not None and not allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=unit,
                                        state=State.ANY):
        raise WriteRefused(_("You may not change the economy of %(unit)s.") % {"unit": unit})
    ledger = read_ledger(name=name, rows=read_table(name, handle), unit=unit, year=year, scale=scale, kind=kind)
    with transaction.atomic():
        event = _year_guard(user=user, unit=unit, year=year, reason=reason)
        Amount.objects.filter(unit=unit, year=year, kind__in=ledger.kinds).delete()
        amounts = (Amount(unit=unit, year=year, month=month, kind=cell_kind, row_id=row, area_id=area, amount=amount)
                   for (month, cell_kind, row, area), amount in ledger.cells.items())
        Amount.objects.bulk_create(amounts, batch_size=BATCH)
        done = LedgerImport.objects.create(unit=unit, year=year, kinds=",".join(sorted(ledger.kinds)),
                                           file_name=name[:300], lines=ledger.lines,
                                           imported_by=user if user is not None and user.is_authenticated else None)
        record_change(user=user, instance=done, before={},
                      after={**snapshot(done, ["year", "kinds", "file_name", "lines"]),
                             "total": str(sum(ledger.cells.values(), Decimal(0)))},
                      reason=_text(reason, _("Reason for the amendment")), event=event or ChangeEvent.IMPORTED,
                      source=source)
        derive_outcomes(user=user, unit=unit, year=year, reason=reason)
    return done


@transaction.atomic
def save_equity(
    *, user: User | None, unit: OrganisationUnit, year: int, opening: Decimal, budgeted_withdrawal: Decimal,
    withdrawal: Decimal, closed_result: Decimal | None = None, closed_result_excluding: Decimal | None = None,
    expected_version: int | None, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> Equity:
    event = _year_guard(user=user, unit=unit, year=year, reason=reason)
    values = {"opening": opening, "budgeted_withdrawal": budgeted_withdrawal, "withdrawal": withdrawal,
              "closed_result": closed_result, "closed_result_excluding": closed_result_excluding}
    equity = save_versioned(user=user, model=Equity, lookup={"unit": unit, "year": year}, values=values,
                            expected_version=expected_version, reason=reason, event=event or ChangeEvent.CHANGED,
                            source=source)
    derive_outcomes(user=user, unit=unit, year=year, reason=reason)
    return equity


@transaction.atomic
def save_investment(
    *, user: User | None, unit: OrganisationUnit, year: int, name: str, budget: Decimal, outcome: Decimal,
    forecast: Decimal | None, order: int = 0, expected_version: int | None, reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> Investment:
    event = _year_guard(user=user, unit=unit, year=year, reason=reason)
    name = _text(name, _("Project"))
    if not name:
        raise WriteRefused(_("Name the project."))
    return save_versioned(user=user, model=Investment, lookup={"unit": unit, "year": year, "name": name},
                 values={"budget": budget, "outcome": outcome, "forecast": forecast, "order": order},
                 expected_version=expected_version, reason=reason, event=event or ChangeEvent.CHANGED, source=source)


# Follow-up per period ------------------------------------------------------------------------------

def report_state(*, units: list[OrganisationUnit], period: FollowUpPeriod) -> State:
    """The strictest follow-up state governing the units' reports in the period (read, not locked)."""
    plan_ids = [plan.pk for plan in _plans(units, period.year)]
    states = PeriodProgress.objects.filter(plan_id__in=plan_ids, period=period).values_list("state", flat=True)
    return State(locks.strictest(states).value)


def _period_guard(*, user: User | None, units: list[OrganisationUnit], subject: Subject, unit: OrganisationUnit,
                  period: FollowUpPeriod, reason: str, source: ChangeSource) -> ChangeEvent:
    """The strictest follow-up state of the plans governing `units`, locked; permission on `unit`."""
    check_same_municipality(period, unit)
    plans = _plans(units, period.year)
    if not plans:
        raise WriteRefused(_("%(unit)s has no plan for %(year)s.") % {"unit": unit, "year": period.year})
    state = locks.strictest(locks.plan_state_for_update(plan=plan, period=period) for plan in plans)
    return guard_write(user=user, subject=subject, unit=unit, state=state, reason=reason, source=source,
                  event=ChangeEvent.REPORTED)


@transaction.atomic
def report_area(
    *, user: User | None, area: ActivityArea, period: FollowUpPeriod, forecast: Decimal | None, comment: str,
    expected_version: int | None, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> AreaReport:
    """The area's full-year forecast (kr, net, costs negative) and comment, reported by the area's unit."""
    if period.kind == PeriodKind.PLAN:
        raise WriteRefused(_("The plan reports no outcome; give the forecast in a follow-up."))
    if forecast is not None and period.kind == PeriodKind.ANNUAL_REPORT:
        raise WriteRefused(_("%(annual_report)s has the year's outcome; it takes no forecast.") % {
            "annual_report": capfirst(vocabulary(period.municipality_id)["annual_report_definite"])})
    event = _period_guard(user=user, units=[area.unit, area.committee], subject=Subject.FOLLOWUP, unit=area.unit,
                          period=period, reason=reason, source=source)
    saved = save_versioned(user=user, model=AreaReport, lookup={"area": area, "period": period},
                           values={"forecast": forecast, "comment": comment}, expected_version=expected_version,
                           reason=reason, event=event, source=source)
    derive_outcomes(user=user, unit=area.committee, year=period.year, reason=reason)
    return saved


@transaction.atomic
def save_economy_report(
    *, user: User | None, unit: OrganisationUnit, period: FollowUpPeriod, result_comment: str,
    investment_comment: str, expected_version: int | None, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> EconomyReport:
    """The committee's economy texts in the period (edited like its other texts)."""
    event = _period_guard(user=user, units=[unit], subject=Subject.ASSESSMENT, unit=unit, period=period,
                          reason=reason, source=source)
    return save_versioned(user=user, model=EconomyReport, lookup={"unit": unit, "period": period},
                 values={"result_comment": result_comment, "investment_comment": investment_comment},
                 expected_version=expected_version, reason=reason, event=event, source=source)
