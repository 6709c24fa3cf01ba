"""The internal-control chapter of the interim reports and the annual report: the committee's texts, the risk
matrix as a heat map with its words, the risk table Risk | Bakgrund | Åtgärd | Status | Kommentar under the goal
each risk threatens, the actions after audits and reviews, and the controls by category. It reads what the
internal-control page reads (styr.control.reading), so the two say the same.

The internal-control plan (internkontrollplan), decided with the plan in the autumn, is the same parts as they
are planned: the risk analysis with its matrix, the risks and their actions, the controls by category, the
actions after reviews and the plan for following up contracts, without statuses."""

from django.utils.translation import gettext as _

from styr.control.reading import ControlReading, read_control
from styr.documents import model as m
from styr.documents.builder.goals import paragraphs
from styr.documents.model import NothingToDocument
from styr.followup.models import FollowUpPeriod
from styr.plans.models import Plan


def _status(report) -> str:
    return report.status.label if report is not None and report.status is not None else _("Not reported")


def _comment(report) -> str:
    return report.comment if report is not None else ""


def _heatmap(reading: ControlReading) -> m.Chart:
    heatmap = reading.heatmap
    return m.Chart(caption=heatmap.title, alt=heatmap.alt_text, svg=heatmap.svg, width=heatmap.width,
                   height=heatmap.height)


def _risk_blocks(reading: ControlReading, *, top: int = 2, planned: bool = False) -> list[m.Block]:
    """The risks and their actions under the goal each threatens; with their status and comment in the period,
    or as `planned` (the internal-control plan, whose heat map stands in its risk analysis)."""
    report = reading.report
    blocks: list[m.Block] = [m.Heading(top, _("Risk-reducing actions"), anchor="riskreducerande-atgarder"),
                             *paragraphs(report.risks_text if report else "")]
    if not reading.risk_rows:
        return blocks
    if not planned:
        blocks.append(_heatmap(reading))
    columns = [_("Risk"), _("Background"), _("Action"), *([] if planned else [_("Status"), _("Comment")])]
    for goal_name, rows in reading.groups:
        table_rows = []
        for row in rows:
            risk, actions = row["risk"], row["actions"] or [(None, None)]
            for index, (action, action_report) in enumerate(actions):
                first = index == 0
                cells = [f"{row['label']}: {risk.risk}" if first else "", risk.background if first else "",
                         action.text if action else ""]
                if not planned:
                    cells += [_status(action_report) if action else "", _comment(action_report)]
                table_rows.append(cells)
        blocks += [m.Heading(top + 1, goal_name),
                   m.Table(caption=_("Risks and actions: %(goal)s") % {"goal": goal_name}, columns=columns,
                           rows=table_rows)]
    return blocks


def _review_blocks(reading: ControlReading, *, top: int = 2, planned: bool = False) -> list[m.Block]:
    report = reading.report
    blocks: list[m.Block] = [m.Heading(top, _("Actions after audits and external reviews"), anchor="granskningar"),
                             *paragraphs(report.audits_text if report else "")]
    for review, actions in reading.reviews:
        facts = [_("Reviewed by %(reviewer)s") % {"reviewer": review.reviewer} if review.reviewer else "",
                 _("Year %(year)s") % {"year": review.year}, ", ".join(review.case_number_list)]
        blocks += [m.Heading(top + 1, review.name), m.Paragraph(". ".join(fact for fact in facts if fact) + "."),
                   *paragraphs(review.background)]
        if review.recommendation_list:
            blocks += [m.Heading(top + 2, _("Recommendations")), m.BulletList(review.recommendation_list)]
        if actions:
            blocks.append(m.Table(
                caption=_("Actions after %(review)s") % {"review": review.name},
                columns=[_("Action")] if planned else [_("Action"), _("Status"), _("Comment")],
                rows=[[action.text] if planned else [action.text, _status(action_report), _comment(action_report)]
                      for action, action_report in actions],
            ))
    return blocks


def _found(result) -> str:
    outcome = result.get_outcome_display().capitalize() if result and result.outcome else _("Not reported")
    return "\n\n".join(text for text in (outcome, result.found if result else "",
                                         _("Proposed action: %(action)s") % {"action": result.proposed_action}
                                         if result and result.proposed_action else "") if text)


def _control_blocks(reading: ControlReading, *, top: int = 2, planned: bool = False) -> list[m.Block]:
    """The controls by category: with their result and status in the period, or as `planned`, with their process."""
    report = reading.report
    blocks: list[m.Block] = [m.Heading(top, _("Systematic controls"), anchor="systematiska-kontroller"),
                             *paragraphs(report.controls_text if report else "")]
    by_category: dict[str, list] = {}
    for control, result in reading.controls:
        by_category.setdefault(control.category.label if control.category else _("Other controls"), []).append(
            (control, result))
    columns = [_("What is checked"), _("How"), _("How often"), _("By whom"),
               *([_("Process")] if planned else [_("Result"), _("Status")])]
    for label, members in by_category.items():
        rows = []
        for control, result in members:
            cells = [control.what, control.how, control.frequency, control.performer]
            rows.append([*cells, control.process] if planned else
                        [*cells, _found(result), result.status.label if result and result.status else ""])
        blocks += [m.Heading(top + 1, label),
                   m.Table(caption=_("Control activities: %(category)s") % {"category": label}, columns=columns,
                           rows=rows)]
    return blocks


def _planned(item) -> str:
    return item.planned_period.name if item.planned_period else ""


def contract_table(reading: ControlReading, *, planned: bool = False) -> m.Table:
    """The plan for following up contracts: as done, postponed and found, or as `planned`, with each one's grounds
    for its priority (importance, risk and size)."""
    if planned:
        return m.Table(
            caption=_("Contract follow-ups"),
            columns=[_("Contract or service"), _("Provider"), _("Kind of provider"), _("Priority"),
                     _("Importance, risk, size"), _("Planned for")],
            rows=[[item.contract, item.provider, item.get_kind_display().capitalize(),
                   item.priority.label.capitalize(),
                   ", ".join((item.get_importance_display(), item.get_risk_display(), item.get_size_display())),
                   _planned(item)] for item in reading.contracts])
    return m.Table(
        caption=_("Contract follow-ups"),
        columns=[_("Contract or service"), _("Provider"), _("Priority"), _("Planned for"), _("State"), _("Result")],
        rows=[[item.contract, item.provider, item.priority.label.capitalize(), _planned(item),
               item.get_state_display().capitalize() + (f": {item.postponed_reason}" if item.postponed_reason else ""),
               item.result] for item in reading.contracts])


def inspection_table(inspections: list) -> m.Table:
    return m.Table(
        caption=_("Self-inspections"),
        columns=[_("What is inspected"), _("Process"), _("Planned for"), _("Done"), _("Result")],
        rows=[[item.what, item.process.name if item.process else "", _planned(item),
               _("Yes") if item.done else _("No"), item.result] for item in inspections])


def _oversight_blocks(reading: ControlReading) -> list[m.Block]:
    """The plan for following up contracts and the self-inspections, where the plan has them."""
    blocks: list[m.Block] = []
    if reading.contracts:
        blocks += [m.Heading(2, _("Plan for following up contracts"), anchor="uppfoljning-av-avtal"),
                   contract_table(reading)]
    if reading.inspections:
        blocks += [m.Heading(2, _("Self-inspections"), anchor="egenkontroller"), inspection_table(reading.inspections)]
    if reading.improvements:
        blocks += [m.Heading(2, _("Improvement areas"), anchor="forbattringsomraden"), m.Table(
            caption=_("Improvement areas"), columns=[_("Improvement area"), _("Goal"), _("Builds on")],
            rows=[[f"{item.title}\n\n{item.description}".strip(), item.goal.name if item.goal else "",
                   "\n".join(item.basis_list)] for item in reading.improvements])]
    return blocks


def control_chapter(plan: Plan, period: FollowUpPeriod | None) -> list[m.Block]:
    """The chapter, or nothing when the plan has no internal control in the period."""
    if period is None:
        return []
    reading = read_control(plan, period)
    if reading.is_empty:
        return []
    report = reading.report
    blocks: list[m.Block] = [m.Heading(1, _("Internal control"), anchor="intern-kontroll")]
    if report is not None:
        blocks += paragraphs(report.introduction)
        if report.verdict:
            blocks += paragraphs(_("The committee's verdict: %(verdict)s.")
                                 % {"verdict": report.get_verdict_display().capitalize()})
        if report.summary:
            blocks += [m.Heading(2, _("Summary"), anchor="intern-kontroll-sammanfattning"), *paragraphs(report.summary)]
    return [*blocks, *_risk_blocks(reading), *_review_blocks(reading), *_control_blocks(reading),
            *_oversight_blocks(reading)]


def _risk_analysis(reading: ControlReading) -> list[m.Block]:
    """Each risk's assessment on the municipality's matrix, beside the heat map that places it."""
    matrix = reading.matrix
    bands = _("Low up to %(low)s, medium up to %(medium)s, high above.") % {"low": matrix.low_max,
                                                                       "medium": matrix.medium_max}
    intro = _("Each risk is assessed by its probability and its consequence on a scale of %(size)s steps; the risk "
              "value is their product.") % {"size": matrix.size}
    rows = [[f"{row['label']}: {row['risk'].risk}", row["risk"].effects, row["risk"].owner,
             row["probability_label"] or "–", row["consequence_label"] or "–",
             f"{row['score']} ({row['band'].label})" if row["score"] else _("Not assessed")]
            for row in reading.risk_rows]
    return [m.Heading(1, _("Risk analysis"), anchor="riskanalys"), m.Paragraph(f"{intro} {bands}"),
            _heatmap(reading),
            m.Table(caption=_("Risk assessment"), columns=[_("Risk"), _("Possible effects"), _("Owner"),
                                                           _("Probability"), _("Consequence"), _("Risk value")],
                    rows=rows)]


def internal_control_plan(plan: Plan, period: FollowUpPeriod) -> list[m.Block]:
    """The internal-control plan of the plan's year, as decided with the plan (`period`, the plan period)."""
    reading = read_control(plan, period)
    if not (reading.risk_rows or reading.reviews or reading.controls or reading.contracts):
        raise NothingToDocument(_("%(unit)s has no internal control planned for %(year)s.") % {
            "unit": plan.unit.name, "year": plan.year})
    blocks: list[m.Block] = [m.Paragraph(_(
        "The internal control plan shows how the committee will make sure that its internal control is sufficient "
        "(kommunallagen 6 kap. 6 §): the risks it has assessed and the actions that reduce them, the controls it "
        "will make, its actions after audits and reviews, and how it will follow up its contracts."))]
    if reading.risk_rows:
        blocks += [*_risk_analysis(reading), *_risk_blocks(reading, top=1, planned=True)]
    if reading.controls:
        blocks += _control_blocks(reading, top=1, planned=True)
    if reading.reviews:
        blocks += _review_blocks(reading, top=1, planned=True)
    if reading.contracts:
        blocks += [m.Heading(1, _("Plan for following up contracts"), anchor="uppfoljning-av-avtal"),
                   contract_table(reading, planned=True)]
    return blocks
