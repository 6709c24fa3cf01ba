"""The annual quality report (kvalitetsberättelse, SOSFS 2011:9): the processes of the management system, the
self-inspections, the counts of deviations, complaints and suggestions, Lex Sarah, IVO and Lex Maria reports per
unit and category in each period of the year, and the analysis with its improvement areas. Counts and categories
only: the quality register holds no personal data (styr.control.quality)."""

from collections import defaultdict

from django.utils.translation import gettext as _

from styr.control.analysis import analyse
from styr.control.models import Process, QualityCount, QualityKind
from styr.core.formatting import format_number
from styr.documents import model as m
from styr.documents.builder.control import inspection_table
from styr.documents.model import NothingToDocument
from styr.followup.models import FollowUpPeriod
from styr.plans.models import Plan


def _process_blocks(plan: Plan) -> list[m.Block]:
    processes = list(Process.objects.filter(unit_id__in=plan.unit.subtree_ids()).select_related("unit")
                     .order_by("unit__path", "order", "pk"))
    if not processes:
        return []
    return [m.Heading(1, _("Processes"), anchor="processer"), m.Table(
        caption=_("The processes of the management system"),
        columns=[_("Process"), _("Kind of process"), _("Process owner"), _("Unit"), _("Description")],
        rows=[[item.name, item.get_kind_display().capitalize(), item.owner, item.unit.name, item.description]
              for item in processes])]


def _count_tables(plan: Plan, period: FollowUpPeriod) -> list[m.Block]:
    """One table per kind: unit and category down, the year's periods up to `period` across, and the year's sum."""
    counts = list(QualityCount.objects.filter(
        unit_id__in=plan.unit.subtree_ids(), period__year=period.year, period__as_of__lte=period.as_of,
        period__municipality_id=period.municipality_id,
    ).select_related("unit", "category", "period").order_by("unit__path", "category__order", "category__pk"))
    if not counts:
        return []
    periods = sorted({count.period for count in counts}, key=lambda item: item.as_of)
    blocks: list[m.Block] = [
        m.Heading(1, _("Deviations, complaints and reports"), anchor="avvikelser"),
        m.Paragraph(_("The number of reports per unit and category in each follow-up period of the year. Counts "
                      "only: no report names or describes a person.")),
    ]
    for kind in QualityKind:
        table: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
        for count in counts:
            if count.kind == kind:
                table[(count.unit.name, count.category.label)][count.period_id] = count.count
        if not table:
            continue
        rows = [[unit, category, *(format_number(by_period.get(item.pk, 0), 0) for item in periods),
                 format_number(sum(by_period.values()), 0)] for (unit, category), by_period in table.items()]
        totals = [sum(by_period.get(item.pk, 0) for by_period in table.values()) for item in periods]
        rows.append([_("Total"), "", *(format_number(total, 0) for total in totals), format_number(sum(totals), 0)])
        blocks += [m.Heading(2, kind.label.capitalize()), m.Table(
            caption=_("%(kind)s per unit and category") % {"kind": kind.label.capitalize()},
            columns=[_("Unit"), _("Category"), *(item.name for item in periods), _("The year")],
            rows=rows, numeric=[False, False, *([True] * (len(periods) + 1))], strong_rows=[len(rows) - 1])]
    return blocks


def _analysis_blocks(plan: Plan, period: FollowUpPeriod) -> list[m.Block]:
    areas = analyse(plan, period)
    if not areas:
        return []
    blocks: list[m.Block] = [
        m.Heading(1, _("Analysis and improvement areas"), anchor="analys"),
        m.Paragraph(_("What the risks, control results, deviations and follow-ups of the year say, area by area, "
                      "and the improvement areas the committee draws from them.")),
    ]
    for area in areas:
        blocks.append(m.Heading(2, area.title))
        if area.findings:
            blocks.append(m.BulletList(area.findings))
        for improvement in area.improvements:
            blocks += [m.Heading(3, _("Improvement area: %(title)s") % {"title": improvement.title}),
                       *([m.Paragraph(improvement.description)] if improvement.description.strip() else [])]
            if improvement.basis_list:
                blocks += [m.Paragraph(_("It builds on:")), m.BulletList(improvement.basis_list)]
    return blocks


def quality_report(plan: Plan, period: FollowUpPeriod) -> list[m.Block]:
    """The quality report of the plan's year, as of `period` (the annual report it is decided with)."""
    inspections = list(plan.self_inspections.select_related("process", "planned_period"))
    parts = [
        _process_blocks(plan),
        [m.Heading(1, _("Self-inspections"), anchor="egenkontroller"), inspection_table(inspections)]
        if inspections else [],
        _count_tables(plan, period),
        _analysis_blocks(plan, period),
    ]
    if not any(parts):
        raise NothingToDocument(_("%(unit)s has no quality work to report for %(year)s.") % {
            "unit": plan.unit.name, "year": plan.year})
    intro = m.Paragraph(_(
        "The quality report describes how the committee has worked systematically with the quality of its "
        "activities during the year (SOSFS 2011:9): its processes, the self-inspections made, the deviations, "
        "complaints and reports received, and what the analysis of them has led to."))
    return [intro, *(block for part in parts for block in part)]
