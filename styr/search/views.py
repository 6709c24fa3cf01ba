"""The search page: one field, filters by municipality, unit, year and kind, the hits grouped by kind."""

from django.shortcuts import render

from styr.organisation.models import Vocabulary, vocabulary
from styr.plans.models import PlanStatus
from styr.search.service import Filters, search
from styr.search.sources import SearchKind

# The vocabulary's word (plural) for each kind's heading.
TERMS = {SearchKind.GOAL: "committee_goal_plural", SearchKind.MEASURE: "measure_plural",
         SearchKind.COMMITMENT: "commitment_plural", SearchKind.ACTIVITY: "activity_plural"}


def _filters(request) -> Filters:
    year = request.GET.get("ar", "")
    kind = request.GET.get("typ", "")
    status = request.GET.get("status", "")
    return Filters(
        municipality=request.GET.get("kommun", ""), unit=request.GET.get("enhet", ""),
        year=int(year) if year.isdigit() else None, kind=kind if kind in SearchKind.values else "",
        status=status if status in PlanStatus.values else "",
    )


def search_page(request):
    text = request.GET.get("q", "").strip()[:200]
    results = search(request.user, text=text, filters=_filters(request), page=request.GET.get("sida", 1))
    words = vocabulary(results.municipality) if results.municipality else Vocabulary.of([])
    headings = {kind: words[TERMS[kind]] for kind in SearchKind}
    query = request.GET.copy()
    query.pop("sida", None)
    context = {
        "results": results, "text": text, "kinds": [(kind.value, headings[kind]) for kind in SearchKind],
        "statuses": [(status, PlanStatus(status).label) for status in results.statuses],
        "groups": [(headings[kind], hits) for kind, hits in results.groups], "query": query.urlencode(),
    }
    return render(request, "search/search.html", context)
