"""Every write of activity statistics: one keyword-only function per action, in a transaction with history.

The follow-up's rules (styr.followup.services): a table's values are reported by its unit and lock with
the follow-ups of that year and "as of" month of the plans governing the unit and the committee (ready →
a reporter is refused; decided → only an amendment with a reason). A year with no follow-up in Styr (the
years before it) is open to the unit's reporter, so last years' figures are entered without old plans.
Permission is checked inside the transaction, on the locked state, against the table's own unit.
"""

from typing import IO

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from styr.followup import locks
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodProgress
from styr.followup.services import EditConflict, WriteRefused, check_same_municipality, guard_write, save_versioned
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change, snapshot
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import State, Subject
from styr.plans.models import Plan
from styr.statistics.cells import Cell, check_value
from styr.statistics.importing import read_rows, read_statistics
from styr.statistics.models import StatisticsComment, StatisticsRow, StatisticsTable, StatisticsValue
from styr.statistics.tables import build_tables

__all__ = ["Cell", "EditConflict", "WriteRefused"]  # raised here as in the follow-up, so callers catch one pair


def _plan_ids(table: StatisticsTable, year: int) -> list[int]:
    """The plans of the year governing the table: its unit's own (else its nearest ancestor's), the committee's."""
    found: set[int] = set()
    for unit in (table.unit, table.committee):
        chain = [unit.pk, *(ancestor.pk for ancestor in reversed(unit.ancestors()))]  # nearest first
        plans = dict(Plan.objects.filter(unit_id__in=chain, year=year).values_list("unit_id", "pk"))
        nearest = next((plans[pk] for pk in chain if pk in plans), None)
        if nearest is not None:
            found.add(nearest)
    return sorted(found)


def _periods(table: StatisticsTable, year: int, month: int):
    return FollowUpPeriod.objects.filter(municipality_id=table.committee.municipality_id, year=year,
                                         as_of__month=month).exclude(kind=PeriodKind.PLAN)


def table_state(*, table: StatisticsTable, year: int, month: int) -> State:
    """The strictest follow-up state governing the table's values of the year as of the month (read, not locked)."""
    states = PeriodProgress.objects.filter(plan_id__in=_plan_ids(table, year),
                                           period__in=_periods(table, year, month)).values_list("state", flat=True)
    return State(locks.strictest(states).value)


def _guard(*, user: User | None, table: StatisticsTable, year: int, month: int, reason: str,
           source: ChangeSource) -> ChangeEvent:
    plans = list(Plan.objects.filter(pk__in=_plan_ids(table, year)))
    state = locks.strictest(locks.plan_state_for_update(plan=plan, period=period)
                            for plan in plans for period in _periods(table, year, month))
    return guard_write(user=user, subject=Subject.FOLLOWUP, unit=table.unit, state=state, reason=reason,
                       source=source, event=ChangeEvent.REPORTED)


def _remove(*, user: User | None, row: StatisticsRow, year: int, month: int, expected_version: int | None,
            reason: str, event: ChangeEvent, source: ChangeSource) -> None:
    saved = StatisticsValue.objects.select_for_update().filter(row=row, year=year, month=month).first()
    if saved is None:
        if expected_version:
            raise EditConflict(None)
        return
    if expected_version is not None and saved.version != expected_version:
        raise EditConflict(saved)
    record_change(user=user, instance=saved, before=snapshot(saved, ["value"]), after={"value": None}, reason=reason,
                  event=ChangeEvent.AMENDED if event == ChangeEvent.AMENDED else ChangeEvent.DELETED, source=source)
    saved.delete()


@transaction.atomic
def save_values(
    *, user: User | None, table: StatisticsTable, month: int, cells: list[Cell], reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> int:
    """Write the table's values as of the month, all or none; returns how many cells changed.

    Each year written is guarded on its own (a decided year only by an amendment with a reason)."""
    if not 1 <= month <= 12:
        raise WriteRefused(_("The month is 1–12."))
    events: dict[int, ChangeEvent] = {}
    changed = 0
    for cell in cells:
        if cell.row.table_id != table.pk:
            raise WriteRefused(_("The row belongs to another table."))
        if cell.year not in events:
            events[cell.year] = _guard(user=user, table=table, year=cell.year, month=month, reason=reason,
                                       source=source)
        lookup = {"row": cell.row, "year": cell.year, "month": month}
        if cell.value is None:
            before = StatisticsValue.objects.filter(**lookup).exists()
            _remove(user=user, row=cell.row, year=cell.year, month=month, expected_version=cell.expected_version, reason=reason,
                    event=events[cell.year], source=source)
            changed += before
            continue
        check_value(cell.row, cell.value)
        saved = StatisticsValue.objects.filter(**lookup).values_list("value", flat=True).first()
        save_versioned(user=user, model=StatisticsValue, lookup=lookup, values={"value": cell.value},
                       expected_version=cell.expected_version, reason=reason, event=events[cell.year], source=source)
        changed += saved != cell.value
    return changed


def committee_table(committee: OrganisationUnit) -> StatisticsTable:
    """The committee's own statistics as a table (unsaved): the comment is guarded as the committee's tables are."""
    return StatisticsTable(committee=committee, unit=committee)


@transaction.atomic
def save_comment(
    *, user: User | None, committee: OrganisationUnit, period: FollowUpPeriod, text: str,
    expected_version: int | None, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> StatisticsComment:
    """The committee's comment on its statistics in the period (guarded as the committee's own tables)."""
    check_same_municipality(period, committee)
    if period.kind == PeriodKind.PLAN:
        raise WriteRefused(_("The plan reports no statistics; comment on them in a follow-up."))
    event = _guard(user=user, table=committee_table(committee), year=period.year, month=period.as_of.month, reason=reason, source=source)
    return save_versioned(user=user, model=StatisticsComment, lookup={"unit": committee, "period": period},
                          values={"text": text}, expected_version=expected_version, reason=reason, event=event,
                          source=source)



def import_statistics(*, user: User | None, unit: OrganisationUnit, period: FollowUpPeriod, name: str,
                      handle: IO[bytes], reason: str = "") -> int:
    """Read an Excel file of the unit's tables as of the period's month and save it, all or nothing;
    StatisticsRefused names file, row and column of each problem, WriteRefused a lock or permission."""
    check_same_municipality(period, unit)
    month = period.as_of.month
    views = build_tables(unit=unit, year=period.year, month=month)
    cells = read_statistics(name=name, rows=read_rows(name, handle), views=views)
    with transaction.atomic():
        return sum(save_values(user=user, table=table, month=month, cells=table_cells, reason=reason,
                               source=ChangeSource.EXCEL) for table, table_cells in cells.items())
