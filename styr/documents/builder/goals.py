"""Per council goal and committee goal: assessment badges, texts, measures and commitments."""

from django.utils.translation import gettext as _

from styr.documents import model as m
from styr.documents.builder.data import PlanData
from styr.documents.builder.measures import measure_chart, measure_columns, measure_row
from styr.plans.models import Goal


def badge(assessment, caption: str) -> m.Badge | None:
    if assessment is None or assessment.level is None:
        return None
    return m.Badge(caption=caption, label=assessment.label, icon=assessment.level.icon, colour=assessment.level.colour)


def paragraphs(*texts: str) -> list[m.Paragraph]:
    return [m.Paragraph(text) for text in texts if text and text.strip()]


def goal_blocks(data: PlanData, goal: Goal, options) -> list[m.Block]:
    words = data.words
    blocks: list[m.Block] = [m.Heading(2, f"{words['committee_goal']}: {goal.name}", anchor=f"mal-{goal.slug}")]
    if options.plan_texts:
        if goal.interpretation:
            blocks += [m.Heading(3, _("The committee's interpretation")), m.Paragraph(goal.interpretation)]
        if goal.priorities:
            blocks += [m.Heading(3, _("Special priorities")), m.Paragraph(goal.priorities)]
        if goal.core_mission:
            blocks += [m.Heading(3, _("Core mission")), m.Paragraph(goal.core_mission)]
    if options.assessments:
        assessment = data.goal_assessments.get(goal.pk)
        found = badge(assessment, words["assessment"])
        if found:
            blocks.append(found)
        if assessment is not None:
            blocks += paragraphs(assessment.text)
    links = data.goal_measures.get(goal.pk, [])
    if options.measures and links:
        results = [data.results[link.measure_id] for link in links]
        if options.month_only:
            results = [result for result in results if result.current is not None]
        if results:
            blocks.append(m.MeasureTable(
                caption=_("%(measures)s for %(goal)s") % {"measures": words["measure_plural"], "goal": goal.name},
                columns=measure_columns(words),
                rows=[measure_row(result, words, with_analysis=options.analyses) for result in results],
            ))
        if options.charts:
            # One chart per goal, of its first measure with a history: the tables carry every figure,
            # the chart shows the goal's main development without turning the report into a picture book.
            chart = next((chart for chart in (measure_chart(result, words) for result in results) if chart), None)
            if chart is not None:
                blocks.append(chart)
    if options.statuses:
        items = status_items(data, goal, with_status=data.period is not None and not options.plan_texts)
        if items:
            columns = [_("Commitment or activity"), _("Status"), _("Comment")]
            if data.period is None or options.plan_texts:
                columns = [_("Commitment or activity"), _("Description")]
            blocks.append(m.StatusList(
                caption=_("%(commitments)s and %(activities)s for %(goal)s") % {
                    "commitments": words["commitment_plural"], "activities": words["activity_plural"].lower(),
                    "goal": goal.name,
                },
                columns=columns, items=items,
            ))
    return blocks


def status_items(data: PlanData, goal: Goal, *, with_status: bool) -> list[m.StatusItem]:
    words = data.words
    items = []

    def item(obj, kind_label: str, report, depth: int) -> m.StatusItem:
        if not with_status:
            return m.StatusItem(kind_label=kind_label, name=obj.name, comment=obj.description, depth=depth)
        status = report.status if report is not None else None
        return m.StatusItem(
            kind_label=kind_label, name=obj.name, depth=depth,
            status=status.label if status else _("Not reported"), icon=status.icon if status else "",
            colour=status.colour if status else "#5e5e5e", comment=report.comment if report else "",
        )

    for commitment in data.commitments:
        if goal.pk not in (commitment.goal_id, commitment.also_under_id):
            continue
        items.append(item(commitment, words["commitment"], data.commitment_reports.get(commitment.pk), 0))
        for activity in data.activities:
            if activity.commitment_id == commitment.pk:
                items.append(item(activity, words["activity"], data.activity_reports.get(activity.pk), 1))
    for activity in data.activities:
        if activity.commitment_id is None and goal.pk in (activity.goal_id, activity.also_under_id):
            items.append(item(activity, words["activity"], data.activity_reports.get(activity.pk), 0))
    return items


def council_goal_blocks(data: PlanData, options) -> list[m.Block]:
    blocks: list[m.Block] = []
    for choice in data.choices:
        council_goal = choice.council_goal
        blocks.append(m.Heading(1, council_goal.name, anchor=f"kf-{council_goal.key}"))
        if not choice.included:
            blocks.append(m.Paragraph(_("Not included in the committee's plan: %(reason)s") % {
                "reason": choice.exclusion_reason}))
            continue
        if options.assessments:
            assessment = data.council_assessments.get(choice.pk)
            found = badge(assessment, data.words["assessment"])
            if found:
                blocks.append(found)
            if assessment is not None:
                blocks += paragraphs(assessment.text)
        for goal in data.goals_under(choice):
            blocks += goal_blocks(data, goal, options)
    return blocks
