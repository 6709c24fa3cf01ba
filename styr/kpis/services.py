"""Writes of the Kolada integration: reference data, KPI values, links from measures, outcomes.

Every function here is all-or-nothing (one transaction) and records history where a person's data
changes (a measure's link, its outcomes).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from styr.core.text import clean_text
from styr.followup.models import MeasureOutcome
from styr.followup.services import refresh_outcome_from_kolada
from styr.history.services import record_change, snapshot
from styr.kpis import importing
from styr.kpis.catalogue import Catalogue, KpiRecord, read_directory
from styr.kpis.client import KoladaClient
from styr.kpis.comparisons import measure_comparison, similar_group
from styr.kpis.models import (
    GroupKind,
    ImportRun,
    KoladaMunicipality,
    Kpi,
    KpiValue,
    MunicipalityGroup,
    MunicipalityType,
)
from styr.kpis.parsing import KoladaDataError, ValueRecord, parse_envelope_records, parse_records
from styr.organisation.models import Municipality
from styr.plans.models import Measure, TargetKind

Progress = Callable[[str], None]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_CATALOGUE = FIXTURES / "demo" / "catalogue"
DEMO_DATA = FIXTURES / "demo" / "data"
# Seed 001 names U00210 for "HME - Motivation"; today's catalogue has no U00210 and holds the
# municipality's motivation index as U00201. The measure's source text keeps the seed's wording.
DEMO_KPI_REPLACEMENTS = {"U00210": "U00201"}


# -- reference data --------------------------------------------------------------------------------

@dataclass(frozen=True)
class CatalogueCounts:
    kpis: int
    municipalities: int
    groups: int
    memberships: int


@transaction.atomic
def load_catalogue(*, catalogue: Catalogue) -> CatalogueCounts:
    """Insert or update KPIs, municipalities and groups; a group's members become exactly those given.

    Nothing is deleted: stored values may refer to a KPI that Kolada has since retired.
    """
    kpi_fields = [name for name in KpiRecord.__dataclass_fields__ if name != "id"] + ["search_text"]
    Kpi.objects.bulk_create(
        [Kpi(search_text=record.search_text, **record.__dict__) for record in catalogue.kpis],
        update_conflicts=True, unique_fields=["id"], update_fields=kpi_fields, batch_size=500,
    )
    KoladaMunicipality.objects.bulk_create(
        [KoladaMunicipality(id=record.id, title=record.title, type=record.type) for record in catalogue.municipalities],
        update_conflicts=True, unique_fields=["id"], update_fields=["title", "type"], batch_size=500,
    )
    subjects = {
        title: municipality_id
        for municipality_id, title in KoladaMunicipality.objects.values_list("id", "title")
    }
    MunicipalityGroup.objects.bulk_create(
        [
            MunicipalityGroup(
                id=record.id, title=record.title, kind=record.kind, area=record.area, year=record.year,
                subject_id=subjects.get(record.subject_title) if record.subject_title else None,
            )
            for record in catalogue.groups
        ],
        update_conflicts=True, unique_fields=["id"], update_fields=["title", "kind", "area", "year", "subject"],
        batch_size=500,
    )
    through = MunicipalityGroup.members.through
    group_ids = [record.id for record in catalogue.groups]
    for start in range(0, len(group_ids), 500):
        through.objects.filter(municipalitygroup_id__in=group_ids[start:start + 500]).delete()
    memberships = [
        through(municipalitygroup_id=record.id, koladamunicipality_id=member)
        for record in catalogue.groups for member in record.member_ids
    ]
    through.objects.bulk_create(memberships, batch_size=1000)
    return CatalogueCounts(len(catalogue.kpis), len(catalogue.municipalities), len(catalogue.groups), len(memberships))


def load_catalogue_from_directory(*, directory: Path | str) -> CatalogueCounts:
    return load_catalogue(catalogue=read_directory(directory))


# -- values ----------------------------------------------------------------------------------------

def import_values(
    *, records: list[ValueRecord], kind: str, source: str, since: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportRun:
    """Store checked records (upserts, deletions of rows flagged deleted); nothing on any error."""
    started = timezone.now()
    with transaction.atomic():
        result = importing.store(records, progress)
        return ImportRun.objects.create(
            kind=kind, source=source[:500], since=since, started_at=started, finished_at=timezone.now(),
            rows_written=result.written, rows_deleted=result.deleted,
        )


def import_file(*, path: Path | str, progress: Callable[[int, int], None] | None = None) -> ImportRun:
    """`styr kolada import --file F`: a saved v3 data response or JSON lines of rows."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise KoladaDataError(f"{path}: cannot be read ({error.strerror})") from None
    records = parse_records(raw, label=path.name)
    return import_values(records=records, kind=ImportRun.Kind.FILE, source=str(path), progress=progress)


# -- linking measures ------------------------------------------------------------------------------

@transaction.atomic
def link_measure(*, user, measure: Measure, kpi_id: str) -> Measure:
    """Link a measure to a catalogue KPI (an empty id unlinks it); its source text is left as written."""
    kpi_id = clean_text(kpi_id).strip().upper()  # a typed id: no NUL reaches the database
    if kpi_id and not Kpi.objects.filter(id=kpi_id).exists():
        raise KoladaDataError(f"unknown KPI {kpi_id!r}: it is not in the loaded Kolada catalogue")
    before = snapshot(measure, ["kolada_kpi"])
    measure.kolada_kpi = kpi_id
    measure.save(update_fields=["kolada_kpi"])
    record_change(user=user, instance=measure, before=before, after=snapshot(measure, ["kolada_kpi"]))
    return measure


@dataclass(frozen=True)
class OutcomeChanges:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    held: int = 0  # decided figures Kolada has revised: left as decided, for a controller to amend

    def __add__(self, other: "OutcomeChanges") -> "OutcomeChanges":
        return OutcomeChanges(
            self.created + other.created, self.updated + other.updated, self.unchanged + other.unchanged,
            self.held + other.held,
        )


@transaction.atomic
def update_measure_outcomes(*, user, measure: Measure, municipality: Municipality | None = None) -> OutcomeChanges:
    """Fill a linked measure's yearly outcomes from the stored Kolada values, through the follow-up's action.

    Per year with data: total/women/men where Kolada has them (a gender Kolada lacks keeps what was
    typed), and always the computed county average and rank "N/M", which the importer owns.
    Outcomes are created for years with an own value, and for the year before an "above the
    county average" target (that target is judged against it). A decided year's own values are never
    changed here (see `refresh_outcome_from_kolada`).
    """
    comparison = measure_comparison(measure, municipality)
    if comparison is None:
        return OutcomeChanges()
    existing = set(MeasureOutcome.objects.filter(measure=measure, month=12).values_list("year", flat=True))
    # A year without an own value gets no new outcome (a biennial survey has no "Utfall 2019"),
    # unless an "above the county average" target needs that year's average.
    average_years = {
        year - 1 for year in measure.targets.filter(kind=TargetKind.ABOVE_COUNTY_AVERAGE).values_list("year", flat=True)
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0, "held": 0}
    for item in comparison.years:
        if item.year not in existing and item.total is None and item.year not in average_years:
            continue
        if item.total is None and item.county_average is None:
            continue
        own = {name: getattr(item, name) for name in ("total", "women", "men") if getattr(item, name) is not None}
        reference = {"county_average": item.county_average, "rank": item.rank, "rank_of": item.rank_of}
        counts[refresh_outcome_from_kolada(user=user, measure=measure, year=item.year, month=12, own=own, reference=reference)] += 1
    return OutcomeChanges(**counts)


def linked_measures(municipality: Municipality | None = None):
    measures = Measure.objects.exclude(kolada_kpi="").select_related("unit__municipality")
    if municipality is not None:
        measures = measures.filter(unit__municipality=municipality)
    return measures


def update_linked_outcomes(*, user=None, municipality: Municipality | None = None) -> OutcomeChanges:
    total = OutcomeChanges()
    for measure in linked_measures(municipality):
        total += update_measure_outcomes(user=user, measure=measure)
    return total


# -- sync from the API -----------------------------------------------------------------------------

@dataclass(frozen=True)
class SyncPlan:
    kpis: list[str]
    municipalities: list[str]


def sync_plan() -> SyncPlan:
    """What the linked measures need: their KPIs for every municipality of the counties of Styr's
    municipalities, their comparison municipalities and their similar-municipality groups."""
    measures = list(linked_measures())
    # A measure may name an id the catalogue lacks (typed by hand): there is nothing to fetch for it.
    kpis = {kpi.id: kpi for kpi in Kpi.objects.filter(id__in={measure.kolada_kpi for measure in measures})}
    kpi_ids = sorted(kpis)
    measures = [measure for measure in measures if measure.kolada_kpi in kpis]
    wanted: set[str] = set()
    for municipality in {measure.unit.municipality for measure in measures}:
        county = municipality.county_code
        wanted |= set(
            KoladaMunicipality.objects.filter(id__startswith=county, type=MunicipalityType.MUNICIPALITY)
            .values_list("id", flat=True)
        )
        wanted |= set(municipality.comparison_municipalities.values_list("kolada_id", flat=True))
        for kpi_id in kpi_ids:
            group = similar_group(municipality.kolada_id, kpis.get(kpi_id))
            if group:
                wanted |= set(group.members.values_list("id", flat=True))
    return SyncPlan(kpis=kpi_ids, municipalities=sorted(wanted))


def sync(
    *, client: KoladaClient, since: datetime.date | None = None, user=None, progress: Progress | None = None,
) -> tuple[ImportRun | None, OutcomeChanges]:
    """Fetch what the linked measures need, store it all at once, then refresh their outcomes."""
    plan = sync_plan()
    if not plan.kpis or not plan.municipalities:
        return None, OutcomeChanges()
    records: list[ValueRecord] = []
    started = timezone.now()
    # Changes since a date miss the history of a KPI linked after that date: those come whole.
    stored = set(KpiValue.objects.filter(kpi_id__in=plan.kpis).values_list("kpi_id", flat=True).distinct())
    requests = [(plan.kpis, None)] if since is None else [
        (sorted(stored), since), (sorted(set(plan.kpis) - stored), None),
    ]
    page = 0
    for kpis, from_date in requests:
        if not kpis:
            continue
        for envelope in client.data(kpis=kpis, municipalities=plan.municipalities, from_date=from_date):
            page += 1
            records.extend(parse_envelope_records(envelope, label=f"page {page}"))
            if progress:
                progress(f"{client.requests_made} requests, {len(records)} values read")
    with transaction.atomic():
        run = import_values(records=records, kind=ImportRun.Kind.SYNC, source=client.base_url, since=since)
        run.started_at = started
        run.save(update_fields=["started_at"])
        changes = update_linked_outcomes(user=user)
    return run, changes


def last_sync_date() -> datetime.date | None:
    """Where a scheduled sync resumes: a day before the last sync began, to be safe about clocks."""
    run = ImportRun.objects.filter(kind=ImportRun.Kind.SYNC).order_by("-started_at").first()
    return (run.started_at - datetime.timedelta(days=1)).date() if run else None


# -- the demo --------------------------------------------------------------------------------------

def demo_records() -> list[ValueRecord]:
    records = []
    for path in sorted(DEMO_DATA.glob("*.json")):
        records.extend(parse_records(path.read_bytes(), label=path.name))
    return records


@transaction.atomic
def import_demo_comparisons(*, municipality: Municipality, user=None) -> OutcomeChanges:
    """For `styr loaddemo`: load the demo's Kolada catalogue excerpt and recorded responses, link the
    municipality's measures by their `kolada_kpi` and fill their outcomes' county average and rank."""
    records = demo_records()
    needed = {record.kpi for record in records}
    if Kpi.objects.filter(id__in=needed).count() < len(needed) or not MunicipalityGroup.objects.filter(
        kind=GroupKind.COUNTY
    ).exists():
        load_catalogue_from_directory(directory=DEMO_CATALOGUE)
    import_values(records=records, kind=ImportRun.Kind.DEMO, source=str(DEMO_DATA.relative_to(FIXTURES.parent)))
    changes = OutcomeChanges()
    for measure in linked_measures(municipality):
        kpi_id = DEMO_KPI_REPLACEMENTS.get(measure.kolada_kpi, measure.kolada_kpi)
        if not Kpi.objects.filter(id=kpi_id).exists():
            continue
        if kpi_id != measure.kolada_kpi:
            link_measure(user=user, measure=measure, kpi_id=kpi_id)
        changes += update_measure_outcomes(user=user, measure=measure, municipality=municipality)
    return changes
