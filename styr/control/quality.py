"""The quality counts' service: a unit's counts of deviations, complaints and suggestions, Lex Sarah and Lex
Maria reports and reports to IVO, per follow-up period and category. Counts only: a comment that looks like a
name, a personal identity number or an e-mail address is refused, since no personal data belongs here.

The check is a guard against slips ("Anna Svensson föll"), not a guarantee; the form says never to name anyone.
"""

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styr.control.models import QualityCategory, QualityCount, QualityKind
from styr.core.text import clean_and_check
from styr.followup import locks
from styr.followup.models import FollowUpPeriod
from styr.followup.services import WriteRefused, check_same_municipality, guard_write, save_versioned
from styr.history.models import ChangeEvent, ChangeSource
from styr.history.services import record_deletion
from styr.organisation.models import OrganisationUnit
from styr.organisation.permissions import Subject
from styr.plans.models import Plan

_PERSONAL_NUMBER = re.compile(r"\b(?:19|20)?\d{6}\s?[-+]?\s?\d{4}\b")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.\w+")
_WORD = "[A-ZÅÄÖÉÜ][a-zåäöéü]+"
_TWO_NAMES = re.compile(rf"\b({_WORD})[ \t]+({_WORD})\b")
_NOT_NAMES = {("Lex", "Sarah"), ("Lex", "Maria")}


def looks_personal(text: str) -> bool:
    """Whether the text seems to name or identify a person: two capitalised words in a row (a first and a
    last name), a personal identity number or an e-mail address."""
    if _PERSONAL_NUMBER.search(text) or _EMAIL.search(text):
        return True
    return any(pair not in _NOT_NAMES for pair in _TWO_NAMES.findall(text))


PERSONAL_MESSAGE = gettext_lazy("This looks like a name, a personal identity number or an e-mail address. Give counts and "
                     "categories only, never personal data.")


@dataclass(frozen=True)
class CountRow:
    kind: str
    category: QualityCategory
    count: int
    comment: str = ""


def _checked(row: CountRow, unit: OrganisationUnit) -> CountRow:
    if row.kind not in QualityKind.values:
        raise WriteRefused(_("Unknown kind %(kind)r.") % {"kind": row.kind})
    if row.category.municipality_id != unit.municipality_id:
        raise WriteRefused(_("The category belongs to another municipality."))
    if row.count < 0:
        raise WriteRefused(_("A count cannot be negative."))
    comment = clean_and_check(row.comment, label=_("Comment")).strip()
    if looks_personal(comment):
        raise WriteRefused(str(PERSONAL_MESSAGE))
    return CountRow(kind=row.kind, category=row.category, count=row.count, comment=comment)


@transaction.atomic
def replace_quality_counts(
    *, user: User | None, unit: OrganisationUnit, period: FollowUpPeriod, rows: list[CountRow],
    source: ChangeSource = ChangeSource.EXCEL,
) -> list[QualityCount]:
    """The unit's counts of the period become `rows` (one sheet's worth): each saved, and any count the rows no
    longer hold deleted, every change recorded. A reporter of the unit may do it while the follow-up is open;
    a decided period is not replaced."""
    check_same_municipality(period, unit)
    plan = Plan.objects.filter(unit=unit, year=period.year).select_related("unit").first()
    if plan is None:
        raise WriteRefused(_("%(unit)s has no plan for %(year)s.") % {"unit": unit, "year": period.year})
    state = locks.plan_state_for_update(plan=plan, period=period)
    event = guard_write(user=user, subject=Subject.FOLLOWUP, unit=unit, state=state, reason="", source=source,
                        event=ChangeEvent.REPORTED)
    checked = [_checked(row, unit) for row in rows]
    keys = [(row.kind, row.category.pk) for row in checked]
    if len(set(keys)) != len(keys):
        raise WriteRefused(_("A kind and category is given twice."))
    saved = [save_versioned(user=user, model=QualityCount, values={"count": row.count, "comment": row.comment},
                            lookup={"unit": unit, "period": period, "kind": row.kind, "category": row.category},
                            expected_version=None, event=event, source=source) for row in checked]
    for gone in QualityCount.objects.filter(unit=unit, period=period).exclude(pk__in=[count.pk for count in saved]):
        record_deletion(user=user, instance=gone, source=source)
        gone.delete()
    return saved
