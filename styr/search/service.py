"""Search across the goals, measures, commitments and activities of the plans a user may read.

One entry point, `search`, for the search page (and anything else that searches): the words are
matched by the database's own full-text search (`backends`), the plans are narrowed to what the
permission table lets the user read (published plans for anonymous visitors where the municipality
publishes) and to the filters, and the hits come grouped by kind, best first, a page at a time, each
with its unit and year and the matched words marked. The number of queries does not grow with the
hits or the plans.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db.models import IntegerField, QuerySet, Value
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from styr.organisation.models import Municipality, OrganisationUnit
from styr.plans.access import readable_plans
from styr.plans.models import GoalMeasure, Plan, PlanStatus
from styr.search.backends import MARK_END, MARK_START, backend_for, terms_of
from styr.search.sources import SOURCES, SearchKind

PER_PAGE = 20
KIND_ORDER = list(SearchKind)


def marked_up(text: str | None) -> SafeString:
    """The database's marked text, escaped, with the matched words in <mark>."""
    return mark_safe(escape(text or "").replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@dataclass(frozen=True)
class Filters:
    municipality: str = ""
    unit: str = ""
    year: int | None = None
    kind: str = ""
    status: str = ""  # the plan's: draft or published


@dataclass
class Hit:
    kind: SearchKind
    name: SafeString
    excerpt: SafeString
    plan: Plan  # where the item is read: its unit and year
    url: str
    years: list[int] = field(default_factory=list)  # a measure: every year it is in a plan


@dataclass
class Results:
    text: str
    filters: Filters
    page: Page | None = None
    groups: list[tuple[SearchKind, list[Hit]]] = field(default_factory=list)
    units: list[OrganisationUnit] = field(default_factory=list)  # what the filters offer
    years: list[int] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    municipality: Municipality | None = None

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


def _plans_in_scope(user: User | AnonymousUser, filters: Filters) -> tuple[QuerySet, list[Plan], list[Plan], Municipality | None]:
    """The plans searched (as a query), of those the user may read (as a list, for the filters), and the rest."""
    plans = Plan.objects.select_related("unit__municipality")
    municipality = None
    if filters.municipality:
        municipality = Municipality.objects.filter(slug=filters.municipality).first()
        plans = plans.filter(unit__municipality=municipality)
    listed = list(plans)
    readable = readable_plans(user, listed)
    chosen = [plan for plan in readable
              if (not filters.unit or plan.unit.slug == filters.unit) and filters.year in (None, plan.year)
              and filters.status in ("", plan.status)]
    return _as_query(plans, listed, chosen), readable, chosen, municipality


def _as_query(plans: QuerySet[Plan], listed: list[Plan], chosen: list[Plan]) -> QuerySet:
    """The chosen plans as a subquery that stays short: those listed but left out, or those chosen, whichever
    are fewer (a controller reads all of a municipality's plans, a unit manager a few)."""
    chosen_ids = {plan.pk for plan in chosen}
    left_out = [plan.pk for plan in listed if plan.pk not in chosen_ids]
    if listed and len(left_out) < len(chosen_ids):
        newest = max(plan.pk for plan in listed)  # a plan made since it was listed has not been asked about
        return plans.filter(pk__lte=newest).exclude(pk__in=left_out).values("pk")
    return Plan.objects.filter(pk__in=chosen_ids).values("pk")


def _matching(kind: SearchKind, plan_ids: QuerySet, terms: list[str]) -> QuerySet:
    source = SOURCES[kind]
    items = source.model._default_manager.all()
    if kind == SearchKind.MEASURE:
        items = items.filter(pk__in=GoalMeasure.objects.filter(goal__plan_id__in=plan_ids).values("measure_id"))
    else:
        items = items.filter(plan_id__in=plan_ids)
    return backend_for().matching(items, source, terms)


def _hits(kind: SearchKind, ids: list[int], plans: dict[int, Plan], plan_ids: QuerySet, terms: list[str]) -> dict[int, Hit]:
    """The page's hits of one kind, with their marked text, plans and addresses."""
    source = SOURCES[kind]
    items = backend_for().marked(source.model._default_manager.filter(pk__in=ids), source, terms)
    hits = {}
    if kind == SearchKind.MEASURE:
        linked: dict[int, list[Plan]] = defaultdict(list)
        for measure_id, plan_id in GoalMeasure.objects.filter(
            measure_id__in=ids, goal__plan_id__in=plan_ids
        ).values_list("measure_id", "goal__plan_id").distinct():
            linked[measure_id].append(plans[plan_id])
        for item in items:
            found = sorted(set(linked[item.pk]), key=lambda plan: (plan.unit_id != item.unit_id, -plan.year))
            plan = found[0]
            url = reverse("measure", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year, item.slug])
            hits[item.pk] = Hit(kind, marked_up(item.marked_name), marked_up(item.marked_excerpt), plan, url,
                                sorted({one.year for one in found}))
        return hits
    if kind != SearchKind.GOAL:
        items = items.select_related("goal")
    for item in items:
        plan = plans[item.plan_id]
        goal = item if kind == SearchKind.GOAL else item.goal
        url = reverse("goal", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year, goal.slug])
        hits[item.pk] = Hit(kind, marked_up(item.marked_name), marked_up(item.marked_excerpt), plan, url, [plan.year])
    return hits


def search(user: User | AnonymousUser, *, text: str, filters: Filters, page: int | str = 1,
           per_page: int = PER_PAGE) -> Results:
    """The user's hits for `text`, grouped by kind in the order of `SearchKind`, best first within a kind."""
    plan_ids, readable, chosen, municipality = _plans_in_scope(user, filters)
    results = Results(text=text, filters=filters, municipality=municipality,
                      units=sorted({plan.unit for plan in readable}, key=lambda unit: (unit.municipality.name, unit.name)),
                      years=sorted({plan.year for plan in readable}, reverse=True),
                      statuses=[status for status in PlanStatus.values if any(plan.status == status for plan in readable)])
    terms = terms_of(text)
    kinds = [kind for kind in KIND_ORDER if not filters.kind or kind == filters.kind]
    if not terms or not chosen or not kinds:
        return results
    parts = [
        _matching(kind, plan_ids, terms)
        .annotate(kind_order=Value(KIND_ORDER.index(kind), output_field=IntegerField()))
        .values_list("kind_order", "pk", "rank").order_by()
        for kind in kinds
    ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    results.page = Paginator(combined.order_by("kind_order", "-rank", "pk"), per_page).get_page(page)
    wanted: dict[SearchKind, list[int]] = defaultdict(list)
    for kind_order, pk, _rank in results.page.object_list:
        wanted[KIND_ORDER[kind_order]].append(pk)
    by_pk = {plan.pk: plan for plan in chosen}
    for kind, ids in wanted.items():
        hits = _hits(kind, ids, by_pk, plan_ids, terms)
        results.groups.append((kind, [hits[pk] for pk in ids if pk in hits]))
    return results
