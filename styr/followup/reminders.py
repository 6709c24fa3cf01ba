"""Reminder e-mails to units that are not done yet: before and after a period's deadline, and by hand
from a controller's start page (at most one a day per unit and period)."""

import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from styr.followup.locks import plan_state_for_update
from styr.followup.models import FollowUpPeriod, PeriodProgress, ProgressState, Reminder, ReminderKind
from styr.followup.services import WriteRefused
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_change
from styr.organisation.models import Membership, Role
from styr.organisation.permissions import Action, State, Subject, allowed
from styr.plans.models import Plan

DAYS_BEFORE = 5
OVERDUE_DAYS = 30


def _recipients(plan: Plan) -> list[str]:
    """The unit's reporters, or failing them the controllers at or above it."""
    units = [plan.unit, *reversed(plan.unit.ancestors())]
    for roles, scope in (([Role.REPORTER], units[:1]), ([Role.CONTROLLER, Role.ADMINISTRATOR], units)):
        emails = sorted(set(
            Membership.objects.filter(unit__in=scope, role__in=roles, user__is_active=True)
            .exclude(user__email="").values_list("user__email", flat=True)
        ))
        if emails:
            return emails
    return []


def _send(plan: Plan, period: FollowUpPeriod, date: datetime.date, kind: str) -> Reminder | None:
    recipients = _recipients(plan)
    if not recipients:
        return None
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(plan=plan, period=period, kind=kind, recipients=", ".join(recipients))
    except IntegrityError:
        return None  # already sent, e.g. by a run that overlapped this one
    _mail(plan, period, date, overdue=kind == ReminderKind.AFTER, recipients=recipients)
    return reminder


class ReminderRefused(Exception):
    """The reminder cannot be sent now; the message says why."""


def send_reminder(*, user: User, plan: Plan, period: FollowUpPeriod, today: datetime.date) -> Reminder:
    """A controller reminds one unit that is not done with the period; recorded in the history."""
    with transaction.atomic():
        state = plan_state_for_update(plan=plan, period=period)  # locks the unit's progress row
        if not allowed(user, subject=Subject.FOLLOWUP, action=Action.APPROVE, unit=plan.unit, state=State.READY):
            raise WriteRefused(_("You may not remind this unit."))
        if state != ProgressState.OPEN:
            raise ReminderRefused(_("%(unit)s is already done with %(period)s.") % {"unit": plan.unit.name, "period": period.name})
        since = timezone.now() - datetime.timedelta(days=1)
        if Reminder.objects.filter(plan=plan, period=period, kind=ReminderKind.MANUAL, sent_at__gte=since).exists():
            raise ReminderRefused(_("%(unit)s was reminded less than a day ago.") % {"unit": plan.unit.name})
        recipients = _recipients(plan)
        if not recipients:
            raise ReminderRefused(_("No one with an e-mail address reports for %(unit)s.") % {"unit": plan.unit.name})
        reminder = Reminder.objects.create(plan=plan, period=period, kind=ReminderKind.MANUAL, recipients=", ".join(recipients))
        record_change(user=user, instance=reminder, before={}, after={"kind": reminder.kind, "recipients": reminder.recipients},
                      event=ChangeEvent.CREATED, source=ChangeSource.PAGE)
        date = period.deadline_for(plan.unit.kind)
        _mail(plan, period, date, overdue=date is not None and date < today, recipients=recipients)
    return reminder


def _mail(plan: Plan, period: FollowUpPeriod, date: datetime.date | None, *, overdue: bool, recipients: list[str]) -> None:
    url = settings.STYR_BASE_URL + reverse(
        "followup_edit", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year, period.slug]
    )
    with override(settings.LANGUAGE_CODE):
        values = {"period": period.name, "year": period.year, "unit": plan.unit.name,
                  "date": date.isoformat() if date else "", "url": url}
        if date is None:  # a reminder by hand for a period without a deadline
            subject = _("Reminder: %(period)s %(year)s for %(unit)s") % values
            body = _("The follow-up %(period)s %(year)s for %(unit)s is to be filled in and marked as ready."
                     "\n\nFill it in here: %(url)s") % values
        elif not overdue:
            subject = _("Reminder: %(period)s %(year)s for %(unit)s is due %(date)s") % values
            body = _("The follow-up %(period)s %(year)s for %(unit)s is to be filled in and marked as ready "
                     "by %(date)s.\n\nFill it in here: %(url)s") % values
        else:
            subject = _("Overdue: %(period)s %(year)s for %(unit)s was due %(date)s") % values
            body = _("The follow-up %(period)s %(year)s for %(unit)s was due %(date)s and is not marked as ready."
                     "\n\nFill it in here: %(url)s") % values
    send_mail(subject, body, None, recipients)


def send_deadline_reminders(*, today: datetime.date) -> list[Reminder]:
    """Remind units that are still open: once in the days before their deadline, once after it.

    Each unit's deadline is `FollowUpPeriod.deadline_for` its level, the same rule the pages show.
    An overdue reminder goes out only in the weeks after the deadline, not for long-closed years.
    """
    sent = []
    earliest, latest = today - datetime.timedelta(days=OVERDUE_DAYS), today + datetime.timedelta(days=DAYS_BEFORE)
    periods = (
        FollowUpPeriod.objects.filter(
            Q(deadline__range=(earliest, latest)) | Q(deadlines__date__range=(earliest, latest))
        ).distinct().prefetch_related("deadlines")
    )
    for period in periods:
        done = PeriodProgress.objects.filter(period=period).exclude(state=ProgressState.OPEN).values("plan_id")
        reminded = set(Reminder.objects.filter(period=period).values_list("plan_id", "kind"))
        plans = Plan.objects.filter(year=period.year, unit__municipality_id=period.municipality_id).exclude(pk__in=done)
        for plan in plans.select_related("unit__municipality", "unit__parent"):
            date = period.deadline_for(plan.unit.kind)
            if date is None or not earliest <= date <= latest:
                continue
            kind = ReminderKind.AFTER if date < today else ReminderKind.BEFORE
            if (plan.pk, kind) not in reminded and (reminder := _send(plan, period, date, kind)):
                sent.append(reminder)
    return sent
