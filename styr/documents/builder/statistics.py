"""The activity statistics of the follow-ups (D1, D2, VB, month report): each table of the committee with
its year and the two before as of the period's month, under its activity area's heading, and the comment.
It reads what the statistics page reads (styr.statistics.tables), so the two say the same."""

from django.utils.translation import gettext as _

from styr.core.formatting import format_number
from styr.documents import model as m
from styr.documents.builder.goals import paragraphs
from styr.followup.models import FollowUpPeriod
from styr.organisation.models import OrganisationUnit
from styr.statistics.models import StatisticsComment
from styr.statistics.tables import TableView, build_tables


def statistics_table(view: TableView) -> m.Table:
    """A table as the seed prints it: the section headings as their own (strong) rows, then the figures."""
    rows: list[list[str]] = []
    strong: list[int] = []
    for section in view.sections:
        if section.name:
            strong.append(len(rows))
            rows.append([section.name, *[""] * len(view.years)])
        rows += [[line.row.name, *(format_number(value, line.row.decimals) for value in line.values)]
                 for line in section.lines]
    return m.Table(caption=view.table.title, columns=[view.table.title, *view.columns], rows=rows,
                   numeric=[False] + [True] * len(view.years), strong_rows=strong)


def statistics_chapter(unit: OrganisationUnit, period: FollowUpPeriod | None) -> list[m.Block]:
    """The chapter, or nothing when the committee keeps no statistics or none is filled in."""
    if period is None:
        return []
    views = [view for view in build_tables(committee=unit, year=period.year, month=period.as_of.month) if view.filled]
    if not views:
        return []
    blocks: list[m.Block] = [m.Heading(1, _("Activity statistics"), anchor="verksamhetsstatistik")]
    area = None
    for view in views:
        if view.table.area and view.table.area != area:
            area = view.table.area
            blocks.append(m.Heading(2, area))
        blocks.append(statistics_table(view))
    comment = StatisticsComment.objects.filter(unit=unit, period=period).first()
    if comment is not None and comment.text:
        blocks += [m.Heading(2, _("Comments on the statistics")), *paragraphs(comment.text)]
    return blocks
