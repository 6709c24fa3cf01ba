"""Per council goal and committee goal: assessment badges, texts, measures and commitments.

What the plan says is printed as the municipality lays it out (organisation.Municipality): the
council goal's wording, the goals' interpretation and priorities in the plan or in every report,
and how a commitment or activity without a status in the period prints.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from styr.documents import model as m
from styr.documents.builder.measures import measure_columns, measure_figure, measure_parts, measure_row
from styr.followup.models import MeasureTableLayout
from styr.followup.tree import GoalNode, PlanTree, StatusNode
from styr.organisation.models import Municipality, UnreportedDisplay, Vocabulary

if TYPE_CHECKING:
    from styr.documents.builder import Options


@dataclass(frozen=True)
class Layout:
    """The municipality's words and choices, with the parts the kind of document holds (builder.Options)."""

    words: Vocabulary
    options: "Options"
    council_goal_text: bool
    goal_texts: bool  # the goals' interpretation and priorities
    unreported: str  # what a status not reported in the period prints as

    @classmethod
    def of(cls, municipality: Municipality, words: Vocabulary, options: "Options") -> "Layout":
        unreported = {
            UnreportedDisplay.NOT_REPORTED: _("Not reported"), UnreportedDisplay.DASH: "–",
            UnreportedDisplay.NOTHING: "",
        }[UnreportedDisplay(municipality.unreported_display)]
        return cls(words=words, options=options, council_goal_text=municipality.print_council_goal_text,
                   goal_texts=options.plan_texts or municipality.goal_texts_in_every_document, unreported=unreported)


def badge(assessment, caption: str) -> m.Badge | None:
    if assessment is None or assessment.level is None:
        return None
    return m.Badge(caption=caption, label=assessment.label, icon=assessment.level.icon, colour=assessment.level.colour)


def paragraphs(*texts: str) -> list[m.Paragraph]:
    return [m.Paragraph(text) for text in texts if text and text.strip()]


def goal_blocks(node: GoalNode, layout: Layout, *, with_status: bool, table: MeasureTableLayout) -> list[m.Block]:
    """`table`: which columns the municipality's measure tables show."""
    goal, words, options = node.goal, layout.words, layout.options
    blocks: list[m.Block] = [m.Heading(2, f"{words['committee_goal']}: {goal.name}", anchor=f"mal-{goal.slug}")]
    if layout.goal_texts:
        if goal.interpretation:
            blocks += [m.Heading(3, _("The committee's interpretation")), m.Paragraph(goal.interpretation)]
        if goal.priorities:
            blocks += [m.Heading(3, _("Special priorities")), m.Paragraph(goal.priorities)]
    if options.plan_texts and goal.core_mission:
        blocks += [m.Heading(3, _("Core mission")), m.Paragraph(goal.core_mission)]
    if options.assessments:
        found = badge(node.assessment, words["assessment"])
        if found:
            blocks.append(found)
        if node.assessment is not None:
            blocks += paragraphs(node.assessment.text)
    if options.measures and node.results:
        results = node.results
        if options.month_only:
            results = [result for result in results if result.current is not None]
        if results:
            blocks.append(m.MeasureTable(
                caption=_("%(measures)s for %(goal)s") % {"measures": words["measure_plural"], "goal": goal.name},
                columns=measure_columns(words, table), parts=measure_parts(table),
                rows=[measure_row(result, words, table, with_analysis=options.analyses) for result in results],
            ))
        if options.charts:
            # Every measure with outcomes in two or more years has its chart, after the goal's table.
            blocks += [chart for chart in (measure_figure(result) for result in results) if chart is not None]
    if options.statuses:
        items = status_items(node, layout, with_status=with_status and not options.plan_texts)
        if items:
            kinds = _("%(commitment)s or %(activity)s") % {
                "commitment": words["commitment"], "activity": words["activity"].lower()}
            columns = [kinds, _("Status"), _("Comment")]
            if not with_status or options.plan_texts:
                columns = [kinds, _("Description")]
            blocks.append(m.StatusList(
                caption=_("%(commitments)s and %(activities)s for %(goal)s") % {
                    "commitments": words["commitment_plural"], "activities": words["activity_plural"].lower(),
                    "goal": goal.name,
                },
                columns=columns, items=items,
            ))
    return blocks


def status_items(node: GoalNode, layout: Layout, *, with_status: bool) -> list[m.StatusItem]:
    words = layout.words

    def item(status_node: StatusNode, kind_label: str, depth: int) -> m.StatusItem:
        obj, report = status_node.item, status_node.report
        if not with_status:
            return m.StatusItem(kind_label=kind_label, name=obj.name, comment=obj.description, depth=depth)
        status = report.status if report is not None else None
        return m.StatusItem(
            kind_label=kind_label, name=obj.name, depth=depth,
            status=status.label if status else layout.unreported, icon=status.icon if status else "",
            colour=status.colour if status else "#5e5e5e", comment=report.comment if report else "",
        )

    items = []
    for commitment in node.commitments:
        items.append(item(commitment, words["commitment"], 0))
        items += [item(activity, words["activity"], 1) for activity in commitment.activities]
    items += [item(activity, words["activity"], 0) for activity in node.activities]
    return items


def council_goal_blocks(tree: PlanTree, layout: Layout) -> list[m.Block]:
    blocks: list[m.Block] = []
    words, options = layout.words, layout.options
    for node in tree.council_goals:
        council_goal = node.choice.council_goal
        blocks.append(m.Heading(1, council_goal.title, anchor=f"kf-{council_goal.key}"))
        if layout.council_goal_text:
            blocks += paragraphs(council_goal.description)
        if not node.choice.included:
            blocks.append(m.Paragraph(_("Not included in the committee's plan: %(reason)s") % {
                "reason": node.choice.exclusion_reason}))
            continue
        if options.assessments:
            found = badge(node.assessment, words["assessment"])
            if found:
                blocks.append(found)
            if node.assessment is not None:
                blocks += paragraphs(node.assessment.text)
        for goal_node in node.goals:
            blocks += goal_blocks(goal_node, layout, with_status=tree.period is not None, table=tree.layout)
    return blocks
