"""The builder: reads a unit's plan and follow-up for a period and returns a plain Document.

    build_document(unit=committee, year=2020, kind=PeriodKind.ANNUAL_REPORT) -> Document

A period's report is of its period's kind (followup's PeriodKind): the operational plan, the interim
reports, the annual report and the month reports. A plan period also has its internal-control plan and an
annual report its quality report (DocumentKind), documents of their own (builder.control, builder.quality)
decided with it. The only code of the documents app that reads the
database; the formatters never do. Every text in the document is cleaned (Word's bullets as "•"),
so text stored before input was cleaned still typesets.
"""

from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from styr.core.text import clean_text
from styr.documents import model as m
from styr.documents.builder.control import control_chapter, internal_control_plan
from styr.documents.builder.economy import economy_chapter
from styr.documents.builder.goals import Layout, badge, council_goal_blocks, paragraphs
from styr.documents.builder.quality import quality_report
from styr.documents.builder.statistics import statistics_chapter
from styr.documents.model import DocumentError
from styr.documents.models import DocumentKind
from styr.followup.models import FollowUpPeriod, PeriodKind, PeriodReport
from styr.followup.tree import PlanTree, build_tree
from styr.organisation.models import OrganisationUnit, Vocabulary, vocabulary
from styr.plans.models import Plan


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
    PeriodKind.PLAN: Options(summary=False, assessments=False, measures=True, analyses=False, charts=False,
                             statuses=True, plan_texts=True),
    PeriodKind.INTERIM_1: Options(summary=True, assessments=True, measures=False, analyses=False, charts=False,
                                  statuses=True, internal_control=True),
    PeriodKind.INTERIM_2: Options(summary=True, assessments=True, measures=True, analyses=True, charts=True,
                                  statuses=True, internal_control=True),
    PeriodKind.ANNUAL_REPORT: Options(summary=True, assessments=True, measures=True, analyses=True, charts=True,
                                      statuses=True, internal_control=True),
    PeriodKind.MONTH: Options(summary=True, assessments=False, measures=True, analyses=False, charts=False,
                              statuses=False, month_only=True),
}


def period_kind(kind: str) -> PeriodKind:
    try:
        return PeriodKind(kind)
    except ValueError:
        raise DocumentError(_("There is no document of the kind %(kind)s.") % {"kind": kind}) from None


def find_period(unit: OrganisationUnit, year: int, kind: str, slug: str = "") -> FollowUpPeriod | None:
    """The period by its slug, or else the latest of the kind (none for a plan without a plan period)."""
    periods = FollowUpPeriod.objects.filter(municipality_id=unit.municipality_id, year=year)
    if slug:
        period = periods.filter(slug=slug).first()
        if period is None:
            raise DocumentError(_("There is no follow-up period %(slug)s in %(year)s.") % {"slug": slug, "year": year})
        return period
    kind = period_kind(kind)
    period = periods.filter(kind=kind).order_by("-as_of").first()
    if period is None and kind != PeriodKind.PLAN:
        raise DocumentError(_("There is no follow-up period of the kind %(kind)s in %(year)s.") % {
            "kind": kind.label, "year": year})
    return period


def build_document(*, unit: OrganisationUnit, year: int, kind: str = "", period: FollowUpPeriod | None = None,
                   language: str = "sv", document: str = DocumentKind.REPORT) -> m.Document:
    """The unit's document of the period, or of the latest period of `kind` when no period is given: its
    report, or the document of its own named by `document` (DocumentKind)."""
    plan = Plan.objects.select_related("unit__municipality").filter(unit=unit, year=year).first()
    if plan is None:
        raise DocumentError(_("%(unit)s has no plan for %(year)s.") % {"unit": unit.name, "year": year})
    if period is None:
        period = find_period(unit, year, kind)
    kind = period_kind(period.kind if period is not None else kind)
    with translation.override(language):
        if document == DocumentKind.REPORT:
            composed = _compose(build_tree(plan, period), kind, language)
        else:
            composed = _own_document(plan, period, kind, DocumentKind(document), language)
    return m.Document.from_dict(m.map_strings(composed.to_dict(), clean_text))


def _own_document(plan: Plan, period: FollowUpPeriod | None, kind: PeriodKind, document: DocumentKind,
                  language: str) -> m.Document:
    if period is None or document.period_kind != kind:
        raise DocumentError(_("The %(document)s is a document of the %(kind)s.") % {
            "document": document.label, "kind": document.period_kind.label if document.period_kind else ""})
    blocks = internal_control_plan(plan, period) if document == DocumentKind.INTERNAL_CONTROL_PLAN else \
        quality_report(plan, period)
    own = m.Document(
        kind=document.value, title=f"{capfirst(document.label)} {plan.year}", organisation=plan.unit.name,
        municipality=plan.unit.municipality.name, year=plan.year, language=language,
        period_label=_("Decided with the %(period)s") % {"period": period.name.lower()} if period.name else "",
        toc_title=_("Contents"), footer_page=_("Page {page} of {total}"),
    )
    own.add(*blocks)
    return own


def _title(kind: PeriodKind, period: FollowUpPeriod | None, year: int, words: Vocabulary) -> str:
    if period is not None and kind != PeriodKind.PLAN:
        return f"{period.name} {year}" if str(year) not in period.name else period.name
    return f"{words['plan'] if kind == PeriodKind.PLAN else kind.document_name} {year}"


def _compose(tree: PlanTree, kind: PeriodKind, language: str) -> m.Document:
    plan, period, options = tree.plan, tree.period, OPTIONS[kind]
    unit, municipality = plan.unit, plan.unit.municipality
    words = vocabulary(municipality)
    document = m.Document(
        kind=kind.value, title=_title(kind, period, plan.year, words), organisation=unit.name,
        municipality=municipality.name, year=plan.year, language=language,
        period_label=_("As of %(date)s") % {"date": formats.date_format(period.as_of, "j F Y")}
        if period is not None and kind != PeriodKind.PLAN else "",
        toc_title=_("Contents"), footer_page=_("Page {page} of {total}"),
    )
    if municipality.vision or municipality.vision_text:
        document.add(m.Heading(1, _("Vision and goals"), anchor="vision"))
        if municipality.vision:
            document.add(m.Paragraph(municipality.vision, emphasis=True))
        document.add(*paragraphs(municipality.vision_text))
    if kind == PeriodKind.ANNUAL_REPORT and municipality.assessment_criteria:
        document.add(m.Heading(1, _("Criteria for %(assessment)s") % {"assessment": words["assessment"].lower()},
                               anchor="kriterier"),
                     *paragraphs(municipality.assessment_criteria))
    if unit.responsibility:
        document.add(m.Heading(1, _("Area of responsibility"), anchor="ansvar"), *paragraphs(unit.responsibility))
    if options.summary:
        document.add(*_summary(tree.report, kind, words))
    document.add(*council_goal_blocks(tree, Layout.of(municipality, words, options)))
    if kind != PeriodKind.PLAN:
        document.add(*economy_chapter(unit, period), *statistics_chapter(unit, period))
    if options.internal_control:
        document.add(*control_chapter(plan, period))
    sources = _sources(tree, words)
    if sources is not None:
        document.add(m.Heading(1, _("Sources"), anchor="kallor"), sources)
    return document


def _summary(report: PeriodReport | None, kind: PeriodKind, words: Vocabulary) -> list[m.Block]:
    if report is None:
        return []
    title = _("Summary of the year's results") if kind == PeriodKind.ANNUAL_REPORT else _("Summary")
    blocks: list[m.Block] = [m.Heading(1, title, anchor="sammanfattning")]
    combined = _("Combined %(assessment)s") % {"assessment": words["assessment"].lower()}
    found = badge(report, combined)
    if found or report.text.strip():
        # The committee's text prints whether or not it has set a combined level.
        blocks += [m.Heading(2, combined), *([found] if found else []), *paragraphs(report.text)]
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


def _sources(tree: PlanTree, words: Vocabulary) -> m.Table | None:
    """Källförteckning: goal → measure → source, from the measures' own source fields."""
    rows = [
        [node.goal.name, result.measure.name, result.measure.source or "–"]
        for node in tree.goal_nodes for result in node.results
    ]
    if not rows:
        return None
    return m.Table(caption=_("Sources of the %(measures)s") % {"measures": words["measure_plural"].lower()}, columns=[words["committee_goal"], words["measure"], _("Source")],
                   rows=rows)
