"""The builder: reads a unit's plan and follow-up for a year and returns a plain Document.

    build_document(unit=committee, year=2020, kind=DocumentKind.ANNUAL_REPORT) -> Document

The only code of the documents app that reads the database; the formatters never do.
"""

from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.translation import gettext as _

from styr.documents import model as m
from styr.documents.builder.goals import badge, council_goal_blocks, paragraphs
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodReport
from styr.followup.tree import PlanTree, build_tree
from styr.organisation.models import OrganisationUnit, vocabulary
from styr.plans.models import Plan

PERIOD_KINDS = {
    m.DocumentKind.PLAN: PeriodKind.PLAN,
    m.DocumentKind.INTERIM_1: PeriodKind.INTERIM_1,
    m.DocumentKind.INTERIM_2: PeriodKind.INTERIM_2,
    m.DocumentKind.ANNUAL_REPORT: PeriodKind.ANNUAL_REPORT,
    m.DocumentKind.MONTH: PeriodKind.MONTH,
}


class DocumentError(ValueError):
    """The document cannot be built: no plan, no such period; the message says which."""


@dataclass(frozen=True)
class Options:
    """Which parts a kind of document holds (issue 3: VP, D1, D2, VB, month report)."""

    summary: bool
    assessments: bool
    measures: bool
    analyses: bool
    charts: bool
    statuses: bool
    plan_texts: bool = False
    month_only: bool = False
    internal_control: bool = False


OPTIONS = {
    m.DocumentKind.PLAN: Options(summary=False, assessments=False, measures=True, analyses=False, charts=False,
                                 statuses=True, plan_texts=True),
    m.DocumentKind.INTERIM_1: Options(summary=True, assessments=True, measures=False, analyses=False, charts=False,
                                      statuses=True, internal_control=True),
    m.DocumentKind.INTERIM_2: Options(summary=True, assessments=True, measures=True, analyses=True, charts=True,
                                      statuses=True, internal_control=True),
    m.DocumentKind.ANNUAL_REPORT: Options(summary=True, assessments=True, measures=True, analyses=True, charts=True,
                                          statuses=True, internal_control=True),
    m.DocumentKind.MONTH: Options(summary=True, assessments=False, measures=True, analyses=False, charts=False,
                                  statuses=False, month_only=True),
}


def find_period(unit: OrganisationUnit, year: int, kind: m.DocumentKind, slug: str = "") -> FollowUpPeriod | None:
    periods = FollowUpPeriod.objects.filter(municipality_id=unit.municipality_id, year=year)
    if slug:
        period = periods.filter(slug=slug).first()
        if period is None:
            raise DocumentError(_("There is no follow-up period %(slug)s in %(year)s.") % {"slug": slug, "year": year})
        return period
    period = periods.filter(kind=PERIOD_KINDS[kind]).order_by("-as_of").first()
    if period is None and kind != m.DocumentKind.PLAN:
        raise DocumentError(_("There is no follow-up period of the kind %(kind)s in %(year)s.") % {
            "kind": PeriodKind(PERIOD_KINDS[kind]).label, "year": year})
    return period


def build_document(*, unit: OrganisationUnit, year: int, kind: str, period: FollowUpPeriod | None = None,
                   language: str = "sv") -> m.Document:
    kind = m.DocumentKind(kind)
    plan = Plan.objects.select_related("unit__municipality").filter(unit=unit, year=year).first()
    if plan is None:
        raise DocumentError(_("%(unit)s has no plan for %(year)s.") % {"unit": unit.name, "year": year})
    if period is None:
        period = find_period(unit, year, kind)
    with translation.override(language):
        return _compose(build_tree(plan, period), kind, language)


def _title(kind: m.DocumentKind, period: FollowUpPeriod | None, year: int) -> str:
    if period is not None and kind != m.DocumentKind.PLAN:
        return f"{period.name} {year}" if str(year) not in period.name else period.name
    names = {
        m.DocumentKind.PLAN: _("Operational plan"), m.DocumentKind.INTERIM_1: _("Interim report 1"),
        m.DocumentKind.INTERIM_2: _("Interim report 2"), m.DocumentKind.ANNUAL_REPORT: _("Annual report"),
        m.DocumentKind.MONTH: _("Month report"),
    }
    return f"{names[kind]} {year}"


def _compose(tree: PlanTree, kind: m.DocumentKind, language: str) -> m.Document:
    plan, period, options = tree.plan, tree.period, OPTIONS[kind]
    unit, municipality = plan.unit, plan.unit.municipality
    words = vocabulary(municipality)
    document = m.Document(
        kind=kind.value, title=_title(kind, period, plan.year), organisation=unit.name,
        municipality=municipality.name, year=plan.year, language=language,
        period_label=_("As of %(date)s") % {"date": formats.date_format(period.as_of, "j F Y")}
        if period is not None and kind != m.DocumentKind.PLAN else "",
        toc_title=_("Contents"), footer_page=_("Page {page} of {total}"),
    )
    if municipality.vision or municipality.vision_text:
        document.add(m.Heading(1, _("Vision and goals"), anchor="vision"))
        if municipality.vision:
            document.add(m.Paragraph(municipality.vision, emphasis=True))
        document.add(*paragraphs(municipality.vision_text))
    if kind == m.DocumentKind.ANNUAL_REPORT and municipality.assessment_criteria:
        document.add(m.Heading(1, _("Criteria for goal fulfilment"), anchor="kriterier"),
                     *paragraphs(municipality.assessment_criteria))
    if unit.responsibility:
        document.add(m.Heading(1, _("Area of responsibility"), anchor="ansvar"), *paragraphs(unit.responsibility))
    if options.summary:
        document.add(*_summary(tree.report, kind))
    document.add(*council_goal_blocks(tree, words, options))
    report = tree.report
    if options.internal_control and report is not None and report.internal_control_summary:
        document.add(m.Heading(1, _("Internal control"), anchor="intern-kontroll"),
                     *paragraphs(report.internal_control_summary))
    sources = _sources(tree, words)
    if sources is not None:
        document.add(m.Heading(1, _("Sources"), anchor="kallor"), sources)
    return document


def _summary(report: PeriodReport | None, kind: m.DocumentKind) -> list[m.Block]:
    if report is None:
        return []
    title = _("Summary of the year's results") if kind == m.DocumentKind.ANNUAL_REPORT else _("Summary")
    blocks: list[m.Block] = [m.Heading(1, title, anchor="sammanfattning")]
    found = badge(report, _("Combined goal fulfilment"))
    if found:
        blocks += [m.Heading(2, _("Combined goal fulfilment")), found, *paragraphs(report.text)]
    blocks += paragraphs(report.summary)
    if report.improvement_area_list:
        blocks += [m.Heading(2, _("Improvement areas")), m.BulletList(report.improvement_area_list)]
    if report.event_list or report.events_text:
        blocks.append(m.Heading(2, _("Events of the year")))
        if report.event_list:
            blocks.append(m.BulletList(report.event_list))
        blocks += paragraphs(report.events_text)
    if report.comparison_text:
        blocks += [m.Heading(2, _("Compare, analyse and change")), *paragraphs(report.comparison_text)]
    return blocks


def _sources(tree: PlanTree, words: dict[str, str]) -> m.Table | None:
    """Källförteckning: goal → measure → source, from the measures' own source fields."""
    rows = [
        [node.goal.name, result.measure.name, result.measure.source or "–"]
        for node in tree.goal_nodes for result in node.results
    ]
    if not rows:
        return None
    return m.Table(caption=_("Sources of the measures"), columns=[words["committee_goal"], words["measure"], _("Source")],
                   rows=rows)
