"""Reminder e-mails before and after a period's deadline to units that are not done yet."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _, override

from styr.followup.models import Deadline, PeriodProgress, ProgressState, Reminder, ReminderKind
from styr.organisation.models import Membership, Role
from styr.plans.models import Plan

DAYS_BEFORE = 5


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


def _send(plan: Plan, deadline: Deadline, kind: str) -> Reminder | None:
    recipients = _recipients(plan)
    if not recipients:
        return None
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(plan=plan, period=deadline.period, kind=kind, recipients=", ".join(recipients))
    except IntegrityError:
        return None  # already sent, e.g. by a run that overlapped this one
    url = settings.STYR_BASE_URL + reverse(
        "followup_edit", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year, deadline.period.slug]
    )
    with override(settings.LANGUAGE_CODE):
        values = {"period": deadline.period.name, "year": deadline.period.year, "unit": plan.unit.name,
                  "date": deadline.date.isoformat(), "url": url}
        if kind == ReminderKind.BEFORE:
            subject = _("Reminder: %(period)s %(year)s for %(unit)s is due %(date)s") % values
            body = _("The follow-up %(period)s %(year)s for %(unit)s is to be filled in and marked as ready "
                     "by %(date)s.\n\nFill it in here: %(url)s") % values
        else:
            subject = _("Overdue: %(period)s %(year)s for %(unit)s was due %(date)s") % values
            body = _("The follow-up %(period)s %(year)s for %(unit)s was due %(date)s and is not marked as ready."
                     "\n\nFill it in here: %(url)s") % values
    send_mail(subject, body, None, recipients)
    return reminder


def send_deadline_reminders(*, today: datetime.date) -> list[Reminder]:
    """Remind units that are still open: once in the days before their deadline, once after it."""
    sent = []
    window_end = today + datetime.timedelta(days=DAYS_BEFORE)
    for deadline in Deadline.objects.filter(date__lte=window_end).select_related("period"):
        kind = ReminderKind.AFTER if deadline.date < today else ReminderKind.BEFORE
        plans = Plan.objects.filter(
            year=deadline.period.year, unit__kind=deadline.unit_kind,
            unit__municipality_id=deadline.period.municipality_id,
        ).exclude(
            pk__in=PeriodProgress.objects.filter(period=deadline.period).exclude(state=ProgressState.OPEN).values("plan_id")
        ).exclude(pk__in=Reminder.objects.filter(period=deadline.period, kind=kind).values("plan_id"))
        for plan in plans.select_related("unit__municipality", "unit__parent"):
            reminder = _send(plan, deadline, kind)
            if reminder:
                sent.append(reminder)
    return sent
