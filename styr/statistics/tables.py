"""The read model of activity statistics: a committee's (or a unit's) tables in a year as of a month, with
the two years before it side by side (pages, the Excel import and the documents share it)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from styr.organisation.models import OrganisationUnit
from styr.statistics.models import StatisticsRow, StatisticsTable, StatisticsValue

YEARS_SHOWN = 3


def column_label(year: int, month: int) -> str:
    """"Bokslut 2020" for the whole year, "2020 t.o.m. augusti" as of a month."""
    if month == 12:
        return _("Accounts %(year)s") % {"year": year}
    return _("%(year)s up to %(month)s") % {"year": year, "month": MONTHS[month]}


@dataclass
class Line:
    row: StatisticsRow
    values: list[Decimal | None]        # per year, newest first
    versions: list[int]                 # of the saved values, 0 where none


@dataclass
class Section:
    name: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class TableView:
    table: StatisticsTable
    years: list[int]
    month: int
    sections: list[Section]

    @property
    def columns(self) -> list[str]:
        return [column_label(year, self.month) for year in self.years]

    @property
    def lines(self) -> list[Line]:
        return [line for section in self.sections for line in section.lines]

    @property
    def filled(self) -> bool:
        return any(value is not None for line in self.lines for value in line.values)


def build_tables(*, committee: OrganisationUnit | None = None, unit: OrganisationUnit | None = None, year: int,
                 month: int) -> list[TableView]:
    """The committee's tables, or those reported by the unit and the units under it; three queries."""
    years = [year - offset for offset in range(YEARS_SHOWN)]
    tables = StatisticsTable.objects.select_related("unit", "committee")
    if committee is not None:
        tables = tables.filter(committee=committee)
    if unit is not None:
        tables = tables.filter(unit_id__in=unit.subtree_ids())
    values = StatisticsValue.objects.filter(year__in=years, month=month)
    tables = tables.prefetch_related(Prefetch("rows", queryset=StatisticsRow.objects.prefetch_related(
        Prefetch("values", queryset=values, to_attr="shown"))))
    views = []
    for table in tables:
        sections: list[Section] = []
        for row in table.rows.all():
            saved = {value.year: value for value in row.shown}  # type: ignore[attr-defined]  # the prefetch
            if not sections or sections[-1].name != row.section:
                sections.append(Section(row.section))
            sections[-1].lines.append(Line(row, [saved[y].value if y in saved else None for y in years],
                                           [saved[y].version if y in saved else 0 for y in years]))
        views.append(TableView(table, years, month, sections))
    return views
