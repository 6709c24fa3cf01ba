"""Every internal-control write: one keyword-only function per action, in a transaction that records history.

The rules are the follow-up's (styr.followup.services): permission is checked against the written
object's own unit, inside the transaction, on the locked follow-up state. Statuses, results and texts
per period lock with the plan's follow-up (ready → a reporter is refused; decided → only an amendment
with a reason). The register (risks, reviews, control activities) is structure, kept by a controller;
once a follow-up of its year is decided, a change to it is an amendment with a reason too.
Municipality-wide configuration (the matrix, categories, common controls) is kept by a superuser.
"""

from django.contrib.auth.models import User
from django.db import models, transaction
from django.utils.translation import gettext as _

from styr.control.models import (
    AuditAction,
    AuditActionReport,
    AuditReview,
    ContractFollowUp,
    ControlActivity,
    ControlCategory,
    ControlOutcome,
    ControlReport,
    ControlResult,
    ControlVerdict,
    Risk,
    RiskAction,
    RiskActionReport,
    RiskMatrix,
    SelfInspection,
)
from styr.core.text import clean_and_check
from styr.followup import locks
from styr.followup.models import FollowUpPeriod, PeriodProgress, ProgressState, StatusOption
from styr.followup.services import (
    EditConflict,
    WriteRefused,
    amends,
    check_same_municipality,
    guard_write,
    save_versioned,
)
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change, record_deletion, snapshot
from styr.organisation.models import Municipality, OrganisationUnit
from styr.organisation.permissions import Action, State, Subject, allowed
from styr.plans.models import Goal, Plan

__all__ = ["EditConflict", "WriteRefused"]  # raised here as in the follow-up, so callers catch one pair


def checked_text(value: str, label: str, limit: int | None = None) -> str:
    """A user's text cleaned and checked; `limit` for the short fields (names, owners) stored with a maximum."""
    text = clean_and_check(value, label=label).strip()
    if limit is not None and len(text) > limit:
        raise WriteRefused(_("%(label)s takes at most %(limit)s characters; this is %(count)s.")
                           % {"label": label, "limit": limit, "count": len(text)})
    return text


def _lines(values: list[str], label: str) -> str:
    return "\n".join(line for line in (checked_text(value, label) for value in values) if line)


def _municipality_guard(*, user: User | None, municipality: Municipality) -> None:
    """Configuration shared by every committee of the municipality; no one committee's controller keeps it."""
    if user is None or not user.is_superuser:
        raise WriteRefused(_("Only an administrator of all of %(municipality)s may change this.")
                           % {"municipality": municipality.short_name})


def register_guard(*, user: User | None, plan: Plan, reason: str) -> ChangeEvent | None:
    """A controller keeps the register of the plan's unit; after a decided follow-up of the year, only as an
    amendment with a reason. Returns AMENDED, or None for a plain create/change."""
    states = list(PeriodProgress.objects.select_for_update().filter(plan=plan).values_list("state", flat=True))
    if locks.strictest(states) == ProgressState.DECIDED:
        if not amends(user, plan.unit, State.DECIDED):
            raise WriteRefused(_("A follow-up of the year is decided; only a controller can amend the register."))
        if not reason.strip():
            raise WriteRefused(_("A follow-up of the year is decided: give the reason for the amendment."))
        return ChangeEvent.AMENDED
    if user is None or not allowed(user, subject=Subject.STRUCTURE, action=Action.EDIT, unit=plan.unit, state=State.ANY):
        raise WriteRefused(_("You may not change the internal control register of %(unit)s.") % {"unit": plan.unit})
    return None


def create_recorded[M: models.Model](*, user: User | None, instance: M, fields: list[str], event: ChangeEvent | None,
                             reason: str, source: ChangeSource) -> M:
    instance.updated_by = user if user is not None and user.is_authenticated else None  # type: ignore[attr-defined]
    instance.save()
    record_change(user=user, instance=instance, before={}, after=snapshot(instance, fields), reason=reason,
                  event=event or ChangeEvent.CREATED, source=source)
    return instance


def _status_in(status: StatusOption | None, municipality_id: int) -> None:
    if status is not None and status.municipality_id != municipality_id:
        raise WriteRefused(_("The status belongs to another municipality."))


# Configuration -------------------------------------------------------------------------------------

def matrix_refusal(*, municipality: Municipality, size: int) -> str | None:
    """Why the municipality's matrix cannot shrink to `size`: risks assessed beyond it (None: it can)."""
    outside = Risk.objects.filter(plan__unit__municipality=municipality).filter(
        models.Q(probability__gt=size) | models.Q(consequence__gt=size)).count()
    if outside:
        return _("%(count)s risks are assessed beyond a %(size)s × %(size)s matrix; re-assess them first.") % {
            "count": outside, "size": size}
    return None


@transaction.atomic
def save_risk_matrix(
    *, user: User | None, municipality: Municipality, probability_labels: list[str], consequence_labels: list[str],
    low_max: int, medium_max: int, expected_version: int, source: ChangeSource = ChangeSource.PAGE,
) -> RiskMatrix:
    """The municipality's matrix: its size is the number of labels, the same on both axes."""
    _municipality_guard(user=user, municipality=municipality)
    size = len(probability_labels)
    matrix = RiskMatrix(municipality=municipality, size=size, low_max=low_max, medium_max=medium_max,
                        probability_labels=_lines(probability_labels, _("probability labels")),
                        consequence_labels=_lines(consequence_labels, _("consequence labels")))
    matrix.clean()
    refusal = matrix_refusal(municipality=municipality, size=size)
    if refusal:
        raise WriteRefused(refusal)
    values = {name: getattr(matrix, name) for name in
              ("size", "probability_labels", "consequence_labels", "low_max", "medium_max")}
    return save_versioned(user=user, model=RiskMatrix, lookup={"municipality": municipality}, values=values,
                 expected_version=expected_version, event=ChangeEvent.CHANGED, source=source)


@transaction.atomic
def save_control_category(
    *, user: User | None, municipality: Municipality, key: str, label: str, order: int,
    source: ChangeSource = ChangeSource.PAGE,
) -> ControlCategory:
    """Add a category of control activities, or rename the one with the key."""
    _municipality_guard(user=user, municipality=municipality)
    category = ControlCategory.objects.select_for_update().filter(municipality=municipality, key=key).first()
    before = snapshot(category, ["label", "order"]) if category else {}
    category = category or ControlCategory(municipality=municipality, key=key)
    category.label, category.order = checked_text(label, _("label"), 200), order
    if not category.label:
        raise WriteRefused(_("A category needs a label."))
    category.save()
    record_change(user=user, instance=category, before=before, after=snapshot(category, ["label", "order"]),
                  source=source)
    return category


# The register ---------------------------------------------------------------------------------------

def _check_assessment(plan: Plan, probability: int | None, consequence: int | None) -> None:
    size = RiskMatrix.for_municipality(plan.unit.municipality).size
    for label, value in ((_("Probability"), probability), (_("Consequence"), consequence)):
        if value is not None and not 1 <= value <= size:
            raise WriteRefused(_("%(label)s must be between 1 and %(size)s.") % {"label": label, "size": size})


def _check_goal(plan: Plan, goal: Goal | None) -> None:
    if goal is not None and goal.plan_id != plan.pk:
        raise WriteRefused(_("The goal belongs to another plan."))


def _risk_values(*, plan: Plan, risk: str, background: str, effects: str, owner: str, goal: Goal | None,
                 probability: int | None, consequence: int | None) -> dict:
    _check_goal(plan, goal)
    _check_assessment(plan, probability, consequence)
    values = {"risk": checked_text(risk, _("Risk")), "background": checked_text(background, _("Background and cause")),
              "effects": checked_text(effects, _("Possible effects")), "owner": checked_text(owner, _("Owner"), 200),
              "goal": goal, "probability": probability, "consequence": consequence}
    if not values["risk"]:
        raise WriteRefused(_("Describe the risk."))
    return values


@transaction.atomic
def add_risk(
    *, user: User | None, plan: Plan, risk: str, background: str = "", effects: str = "", owner: str = "",
    goal: Goal | None = None, probability: int | None = None, consequence: int | None = None,
    carried_from: Risk | None = None, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> Risk:
    event = register_guard(user=user, plan=plan, reason=reason)
    values = _risk_values(plan=plan, risk=risk, background=background, effects=effects, owner=owner, goal=goal,
                          probability=probability, consequence=consequence)
    if carried_from is not None and (carried_from.plan.unit_id != plan.unit_id or carried_from.plan.year >= plan.year):
        raise WriteRefused(_("A risk is carried forward only from an earlier year of the same unit."))
    order = plan.risks.count()
    return create_recorded(user=user, instance=Risk(plan=plan, carried_from=carried_from, order=order, **values),
                   fields=[*values, "carried_from"], event=event, reason=reason, source=source)


@transaction.atomic
def update_risk(
    *, user: User | None, risk_item: Risk, risk: str, background: str, effects: str, owner: str, goal: Goal | None,
    probability: int | None, consequence: int | None, expected_version: int, reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> Risk:
    plan = risk_item.plan
    event = register_guard(user=user, plan=plan, reason=reason)
    values = _risk_values(plan=plan, risk=risk, background=background, effects=effects, owner=owner, goal=goal,
                          probability=probability, consequence=consequence)
    return save_versioned(user=user, model=Risk, lookup={"pk": risk_item.pk}, values=values, expected_version=expected_version,
                 reason=reason, event=event or ChangeEvent.CHANGED, source=source)


@transaction.atomic
def carry_risk_forward(*, user: User | None, risk: Risk, plan: Plan, source: ChangeSource = ChangeSource.PAGE) -> Risk:
    """Next year's re-assessment starts from this year's risk and actions; this year's stays as it was.
    The goal is kept when the new plan has a goal with the same slug."""
    goal = plan.goals.filter(slug=risk.goal.slug).first() if risk.goal else None
    new = add_risk(user=user, plan=plan, risk=risk.risk, background=risk.background, effects=risk.effects,
                   owner=risk.owner, goal=goal, probability=risk.probability, consequence=risk.consequence,
                   carried_from=risk, source=source)
    for action in risk.actions.all():
        add_risk_action(user=user, risk=new, text=action.text, source=source)
    return new


@transaction.atomic
def add_risk_action(*, user: User | None, risk: Risk, text: str, reason: str = "",
                    source: ChangeSource = ChangeSource.PAGE) -> RiskAction:
    event = register_guard(user=user, plan=risk.plan, reason=reason)
    action = RiskAction(risk=risk, text=checked_text(text, _("Action")), order=risk.actions.count())
    if not action.text:
        raise WriteRefused(_("Describe the action."))
    return create_recorded(user=user, instance=action, fields=["risk", "text"], event=event, reason=reason, source=source)


def _review_values(*, plan: Plan, name: str, reviewer: str, year: int, case_numbers: list[str], background: str,
                   recommendations: list[str]) -> dict:
    values = {"name": checked_text(name, _("Review"), 300), "reviewer": checked_text(reviewer, _("Reviewed by"), 200), "year": year,
              "case_numbers": _lines(case_numbers, _("Case numbers")), "background": checked_text(background, _("Background")),
              "recommendations": _lines(recommendations, _("Recommendations"))}
    if not values["name"]:
        raise WriteRefused(_("Name the review."))
    if not 1990 <= year <= plan.year:
        raise WriteRefused(_("The year of the review must be %(year)s or earlier.") % {"year": plan.year})
    return values


@transaction.atomic
def add_audit_review(
    *, user: User | None, plan: Plan, name: str, reviewer: str, year: int, case_numbers: list[str],
    background: str, recommendations: list[str], reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> AuditReview:
    event = register_guard(user=user, plan=plan, reason=reason)
    values = _review_values(plan=plan, name=name, reviewer=reviewer, year=year, case_numbers=case_numbers,
                            background=background, recommendations=recommendations)
    return create_recorded(user=user, instance=AuditReview(plan=plan, order=plan.audit_reviews.count(), **values),
                   fields=list(values), event=event, reason=reason, source=source)


@transaction.atomic
def update_audit_review(
    *, user: User | None, review: AuditReview, name: str, reviewer: str, year: int, case_numbers: list[str],
    background: str, recommendations: list[str], expected_version: int, reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> AuditReview:
    event = register_guard(user=user, plan=review.plan, reason=reason)
    values = _review_values(plan=review.plan, name=name, reviewer=reviewer, year=year, case_numbers=case_numbers,
                            background=background, recommendations=recommendations)
    return save_versioned(user=user, model=AuditReview, lookup={"pk": review.pk}, values=values,
                          expected_version=expected_version, reason=reason, event=event or ChangeEvent.CHANGED,
                          source=source)


@transaction.atomic
def add_audit_action(*, user: User | None, review: AuditReview, text: str, reason: str = "",
                     source: ChangeSource = ChangeSource.PAGE) -> AuditAction:
    event = register_guard(user=user, plan=review.plan, reason=reason)
    action = AuditAction(review=review, text=checked_text(text, _("Action")), order=review.actions.count())
    if not action.text:
        raise WriteRefused(_("Describe the action."))
    return create_recorded(user=user, instance=action, fields=["review", "text"], event=event, reason=reason, source=source)


def _control_guard(*, user: User | None, municipality: Municipality, unit: OrganisationUnit | None, year: int,
                   reason: str) -> ChangeEvent | None:
    """A common control is the municipality's configuration; a unit's is its controller's register."""
    if unit is None:
        _municipality_guard(user=user, municipality=municipality)
        return None
    if unit.municipality_id != municipality.pk:
        raise WriteRefused(_("The unit belongs to another municipality."))
    plan = Plan.objects.filter(unit=unit, year=year).select_related("unit").first()
    if plan is None:
        raise WriteRefused(_("%(unit)s has no plan for %(year)s.") % {"unit": unit, "year": year})
    return register_guard(user=user, plan=plan, reason=reason)


def _control_values(*, municipality: Municipality, what: str, how: str, frequency: str, performer: str, process: str,
                    category: ControlCategory | None) -> dict:
    if category is not None and category.municipality_id != municipality.pk:
        raise WriteRefused(_("The category belongs to another municipality."))
    values = {"what": checked_text(what, _("What is checked")), "how": checked_text(how, _("How")),
              "frequency": checked_text(frequency, _("How often"), 200), "performer": checked_text(performer, _("By whom"), 200),
              "process": checked_text(process, _("Process"), 200), "category": category}
    if not values["what"]:
        raise WriteRefused(_("Say what is checked."))
    return values


@transaction.atomic
def add_control_activity(
    *, user: User | None, municipality: Municipality, unit: OrganisationUnit | None, year: int, what: str,
    how: str = "", frequency: str = "", performer: str = "", process: str = "",
    category: ControlCategory | None = None, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> ControlActivity:
    """A control of one unit (kept by its controller), or with `unit=None` one common to the municipality."""
    event = _control_guard(user=user, municipality=municipality, unit=unit, year=year, reason=reason)
    values = _control_values(municipality=municipality, what=what, how=how, frequency=frequency, performer=performer,
                             process=process, category=category)
    order = ControlActivity.objects.filter(municipality=municipality, unit=unit, year=year).count()
    return create_recorded(user=user, instance=ControlActivity(municipality=municipality, unit=unit, year=year, order=order,
                                                       **values),
                   fields=["unit", "year", *values], event=event, reason=reason, source=source)


@transaction.atomic
def update_control_activity(
    *, user: User | None, control: ControlActivity, what: str, how: str, frequency: str, performer: str,
    process: str, category: ControlCategory | None, expected_version: int, reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> ControlActivity:
    event = _control_guard(user=user, municipality=control.municipality, unit=control.unit, year=control.year,
                           reason=reason)
    values = _control_values(municipality=control.municipality, what=what, how=how, frequency=frequency,
                             performer=performer, process=process, category=category)
    return save_versioned(user=user, model=ControlActivity, lookup={"pk": control.pk}, values=values,
                          expected_version=expected_version, reason=reason, event=event or ChangeEvent.CHANGED,
                          source=source)


@transaction.atomic
def update_action(
    *, user: User | None, action: RiskAction | AuditAction, text: str, expected_version: int, reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> RiskAction | AuditAction:
    """A risk-reducing action's or a review action's text."""
    plan = action.risk.plan if isinstance(action, RiskAction) else action.review.plan
    event = register_guard(user=user, plan=plan, reason=reason)
    text = checked_text(text, _("Action"))
    if not text:
        raise WriteRefused(_("Describe the action."))
    return save_versioned(user=user, model=type(action), lookup={"pk": action.pk}, values={"text": text},
                          expected_version=expected_version, reason=reason, event=event or ChangeEvent.CHANGED,
                          source=source)


RegisterItem = Risk | RiskAction | AuditReview | AuditAction | ControlActivity | ContractFollowUp | SelfInspection


def _with_dependents(item: RegisterItem) -> list[models.Model]:
    """The item and what goes with it: its actions, and every status or result reported on them."""
    if isinstance(item, Risk | AuditReview):
        return [item, *(part for action in item.actions.all() for part in _with_dependents(action))]
    if isinstance(item, ControlActivity):
        return [item, *item.results.all()]
    if isinstance(item, ContractFollowUp | SelfInspection):
        return [item]
    return [item, *item.reports.all()]


def _plan_of(item: RegisterItem) -> Plan | None:
    if isinstance(item, Risk | AuditReview | ContractFollowUp | SelfInspection):
        return item.plan
    if isinstance(item, RiskAction):
        return item.risk.plan
    if isinstance(item, AuditAction):
        return item.review.plan
    return Plan.objects.filter(unit=item.unit, year=item.year).select_related("unit").first()


def _refuse_if_decided(plans: models.QuerySet[Plan]) -> None:
    if PeriodProgress.objects.select_for_update().filter(plan__in=plans, state=ProgressState.DECIDED).exists():
        raise WriteRefused(_("A follow-up of the year is decided; what it decided on cannot be deleted."))


@transaction.atomic
def delete_register_item(*, user: User | None, item: RegisterItem, source: ChangeSource = ChangeSource.PAGE) -> None:
    """Delete an item of the register with its actions and reported statuses, each deletion recorded. Refused
    once a follow-up of the year is decided: what the committee decided on stays."""
    if isinstance(item, ControlActivity) and item.unit is None:
        _refuse_if_decided(Plan.objects.filter(unit__municipality_id=item.municipality_id, year=item.year))
        _municipality_guard(user=user, municipality=item.municipality)
    else:
        plan = _plan_of(item)
        if plan is None:
            raise WriteRefused(_("The item belongs to no plan."))
        _refuse_if_decided(Plan.objects.filter(pk=plan.pk))
        register_guard(user=user, plan=plan, reason="")
    for part in reversed(_with_dependents(item)):
        record_deletion(user=user, instance=part, source=source)
    item.delete()


# Follow-up per period ---------------------------------------------------------------------------------

def period_state_for_update(*, plan: Plan, period: FollowUpPeriod) -> str:
    """The plan's follow-up state in a period of its own municipality and year, locked for the write."""
    check_same_municipality(period, plan.unit)
    if period.year != plan.year:
        raise WriteRefused(_("The period belongs to another year."))
    return locks.plan_state_for_update(plan=plan, period=period)


def _report(*, user: User | None, plan: Plan, period: FollowUpPeriod, subject: Subject, model, lookup: dict,
            values: dict, expected_version: int, reason: str, source: ChangeSource):
    """The follow-up's lock and permission on the plan's own unit, then an optimistic save."""
    state = period_state_for_update(plan=plan, period=period)
    event = guard_write(user=user, subject=subject, unit=plan.unit, state=state, reason=reason, source=source,
                   event=ChangeEvent.REPORTED)
    return save_versioned(user=user, model=model, lookup={**lookup, "period": period}, values=values,
                 expected_version=expected_version, reason=reason, event=event, source=source)


@transaction.atomic
def report_risk_action(
    *, user: User | None, action: RiskAction, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> RiskActionReport:
    plan = action.risk.plan
    _status_in(status, plan.unit.municipality_id)
    return _report(user=user, plan=plan, period=period, subject=Subject.FOLLOWUP, model=RiskActionReport,
                   lookup={"action": action}, values={"status": status, "comment": checked_text(comment, _("Comment"))},
                   expected_version=expected_version, reason=reason, source=source)


@transaction.atomic
def report_audit_action(
    *, user: User | None, action: AuditAction, period: FollowUpPeriod, status: StatusOption | None, comment: str,
    expected_version: int, reason: str = "", source: ChangeSource = ChangeSource.PAGE,
) -> AuditActionReport:
    plan = action.review.plan
    _status_in(status, plan.unit.municipality_id)
    return _report(user=user, plan=plan, period=period, subject=Subject.FOLLOWUP, model=AuditActionReport,
                   lookup={"action": action}, values={"status": status, "comment": checked_text(comment, _("Comment"))},
                   expected_version=expected_version, reason=reason, source=source)


def follows_up(control: ControlActivity, unit: OrganisationUnit) -> bool:
    """A unit's control is followed up by that unit; a common one by any unit of the municipality."""
    if control.unit_id is not None:
        return control.unit_id == unit.pk
    return control.municipality_id == unit.municipality_id


@transaction.atomic
def report_control_result(
    *, user: User | None, control: ControlActivity, unit: OrganisationUnit, period: FollowUpPeriod, outcome: str,
    found: str, proposed_action: str, status: StatusOption | None, expected_version: int, reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> ControlResult:
    if not follows_up(control, unit):
        raise WriteRefused(_("%(unit)s does not follow up this control.") % {"unit": unit})
    if control.year != period.year:
        raise WriteRefused(_("The period belongs to another year."))
    if outcome not in {"", *ControlOutcome.values}:
        raise WriteRefused(_("Unknown result %(outcome)r.") % {"outcome": outcome})
    _status_in(status, unit.municipality_id)
    plan = Plan.objects.filter(unit=unit, year=period.year).select_related("unit").first()
    if plan is None:
        raise WriteRefused(_("%(unit)s has no plan for %(year)s.") % {"unit": unit, "year": period.year})
    values = {"outcome": outcome, "found": checked_text(found, _("What was found")),
              "proposed_action": checked_text(proposed_action, _("Proposed action")), "status": status}
    return _report(user=user, plan=plan, period=period, subject=Subject.FOLLOWUP, model=ControlResult,
                   lookup={"control": control, "unit": unit}, values=values, expected_version=expected_version,
                   reason=reason, source=source)


@transaction.atomic
def save_control_report(
    *, user: User | None, plan: Plan, period: FollowUpPeriod, introduction: str, summary: str, risks_text: str,
    audits_text: str, controls_text: str, expected_version: int, verdict: str = "", reason: str = "",
    source: ChangeSource = ChangeSource.PAGE,
) -> ControlReport:
    """The committee's verdict and texts on its internal control in the period (edited like its other texts)."""
    if verdict not in {"", *ControlVerdict.values}:
        raise WriteRefused(_("Unknown verdict %(verdict)r.") % {"verdict": verdict})
    values = {"introduction": checked_text(introduction, _("Introduction")), "summary": checked_text(summary, _("Summary")),
              "verdict": verdict,
              "risks_text": checked_text(risks_text, _("About the risk-reducing actions")),
              "audits_text": checked_text(audits_text, _("About the actions after reviews")),
              "controls_text": checked_text(controls_text, _("About the systematic controls"))}
    return _report(user=user, plan=plan, period=period, subject=Subject.ASSESSMENT, model=ControlReport, lookup={"plan": plan},
                   values=values, expected_version=expected_version, reason=reason, source=source)
