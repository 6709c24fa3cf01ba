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
from styr.plans.access import readable_plan_filter
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


def _plans_in_scope(user: User | AnonymousUser, filters: Filters) -> tuple[QuerySet, QuerySet, QuerySet, Municipality | None]:
    """The plans the user may read (of the municipality filtered on) and of those the plans searched (as a
    subquery of ids): the permission table asked in the database, whatever the number of plans."""
    readable = Plan.objects.filter(readable_plan_filter(user))
    municipality = None
    if filters.municipality:
        municipality = Municipality.objects.filter(slug=filters.municipality).first()
        readable = readable.filter(unit__municipality=municipality)
    chosen = readable
    if filters.unit:
        chosen = chosen.filter(unit__slug=filters.unit)
    if filters.year is not None:
        chosen = chosen.filter(year=filters.year)
    if filters.status:
        chosen = chosen.filter(status=filters.status)
    return chosen.values("pk"), readable, chosen, municipality


def _matching(kind: SearchKind, plan_ids: QuerySet, terms: list[str]) -> QuerySet:
    source = SOURCES[kind]
    items = source.model._default_manager.all()
    if kind == SearchKind.MEASURE:
        items = items.filter(pk__in=GoalMeasure.objects.filter(goal__plan_id__in=plan_ids).values("measure_id"))
    else:
        items = items.filter(plan_id__in=plan_ids)
    return backend_for().matching(items, source, terms)


def _plans(ids) -> dict[int, Plan]:
    return Plan.objects.select_related("unit__municipality").in_bulk(set(ids))


def _hits(kind: SearchKind, ids: list[int], plan_ids: QuerySet, terms: list[str]) -> dict[int, Hit]:
    """The page's hits of one kind, with their marked text, plans and addresses."""
    source = SOURCES[kind]
    items = backend_for().marked(source.model._default_manager.filter(pk__in=ids), source, terms)
    hits = {}
    if kind == SearchKind.MEASURE:
        pairs = list(GoalMeasure.objects.filter(measure_id__in=ids, goal__plan_id__in=plan_ids)
                     .values_list("measure_id", "goal__plan_id").distinct())
        plans = _plans(plan_id for _measure_id, plan_id in pairs)
        linked: dict[int, list[Plan]] = defaultdict(list)
        for measure_id, plan_id in pairs:
            linked[measure_id].append(plans[plan_id])
        for item in items:
            found = sorted(set(linked[item.pk]), key=lambda plan: (plan.unit_id != item.unit_id, -plan.year))
            plan = found[0]
            url = reverse("measure", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year, item.slug])
            hits[item.pk] = Hit(kind, marked_up(item.marked_name), marked_up(item.marked_excerpt), plan, url,
                                sorted({one.year for one in found}))
        return hits
    listed = list(items.select_related("goal") if kind != SearchKind.GOAL else items)
    plans = _plans(item.plan_id for item in listed)
    for item in listed:
        plan = plans[item.plan_id]
        goal = item if kind == SearchKind.GOAL else item.goal
        url = reverse("goal", args=[plan.unit.municipality.slug, plan.unit.slug, plan.year, goal.slug])
        hits[item.pk] = Hit(kind, marked_up(item.marked_name), marked_up(item.marked_excerpt), plan, url, [plan.year])
    return hits


def search(user: User | AnonymousUser, *, text: str, filters: Filters, page: int | str = 1,
           per_page: int = PER_PAGE) -> Results:
    """The user's hits for `text`, grouped by kind in the order of `SearchKind`, best first within a kind."""
    plan_ids, readable, chosen, municipality = _plans_in_scope(user, filters)
    present = set(readable.values_list("status", flat=True).distinct().order_by())
    results = Results(text=text, filters=filters, municipality=municipality,
                      units=list(OrganisationUnit.objects.filter(pk__in=readable.values("unit_id"))
                                 .select_related("municipality").order_by("municipality__name", "name")),
                      years=list(readable.values_list("year", flat=True).distinct().order_by("-year")),
                      statuses=[status for status in PlanStatus.values if status in present])
    terms = terms_of(text)
    kinds = [kind for kind in KIND_ORDER if not filters.kind or kind == filters.kind]
    if not terms or not kinds or not chosen.exists():
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
    for kind, ids in wanted.items():
        hits = _hits(kind, ids, plan_ids, terms)
        results.groups.append((kind, [hits[pk] for pk in ids if pk in hits]))
    return results
