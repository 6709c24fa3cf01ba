"""Read-only comparison figures for a measure linked to a Kolada KPI, for the measure and goal pages.

`measure_comparison(measure)` returns, per year: the municipality's own result (total, women, men),
the county average and the ranking "N/M" within the county, the chosen comparison municipalities'
values and the average of Kolada's "similar municipalities" group. Everything is computed from the
stored KpiValue rows, so it is only as fresh as the last import or sync.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from styr.kpis.models import Gender, GroupKind, KoladaMunicipality, Kpi, KpiValue, MunicipalityGroup
from styr.kpis.statistics import HIGHER, LOWER, county_of, is_municipality, summarise
from styr.organisation.models import Municipality
from styr.plans.models import Direction, Measure

THOUSANDTH = Decimal("0.001")

# Kolada's similar-municipality groups come per area; a KPI's operating area picks the area.
SIMILAR_AREA_BY_OPERATING_AREA = {
    "Individ- och familjeomsorg": "IFO",
    "Äldre och funktionshinder": "äldreomsorg",
    "Grundskola åk 0-9 inkl förskoleklass": "grundskola",
    "Gymnasieskola åk 1-3": "gymnasieskola",
    "Förskoleverksamhet": "förskola",
    "Arbetsmarknad": "arbetsmarknad",
}
GENERAL_SIMILAR_AREA = "övergripande"


def to_decimal(value: float | None) -> Decimal | None:
    """A float as MeasureOutcome stores it: three decimals, half up."""
    return None if value is None else Decimal(value).quantize(THOUSANDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Place:
    kolada_id: str
    name: str


@dataclass(frozen=True)
class YearComparison:
    year: int
    total: Decimal | None
    women: Decimal | None
    men: Decimal | None
    county_average: Decimal | None
    county_reported: int  # the county's municipalities with a value that year (Kolada's `count`)
    rank: int | None  # 1 = best by the direction; None without an own value or a direction
    rank_of: int | None  # municipalities ranked, i.e. with a value
    comparison_values: dict[str, Decimal | None]  # kolada id → total, in `comparison_municipalities` order
    similar_average: Decimal | None
    similar_reported: int

    @property
    def ranking(self) -> str:
        """"19/24", or "" without a rank."""
        return f"{self.rank}/{self.rank_of}" if self.rank is not None else ""


@dataclass(frozen=True)
class Series:
    """One line of the comparison chart: a label and a value per year (None where missing)."""

    key: str  # "own", "county", "similar" or a Kolada id
    label: str
    values: list[Decimal | None]


@dataclass(frozen=True)
class MeasureComparison:
    kpi: Kpi | None
    municipality: Place
    county: Place | None  # the county's group (e.g. G33612 "Stockholms läns kommuner (ovägt medel)") or the region
    direction: str
    comparison_municipalities: list[Place]
    similar_group: Place | None  # e.g. "Liknande kommuner IFO, Huddinge, 2024"; members are of that year
    similar_members: list[Place]
    years: list[YearComparison] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(year.total is not None or year.county_average is not None for year in self.years)

    def year(self, year: int) -> YearComparison | None:
        return next((item for item in self.years if item.year == year), None)

    def series(self) -> list[Series]:
        """Own result, county average, similar average and each comparison municipality, over the years."""
        lines = [
            Series("own", self.municipality.name, [item.total for item in self.years]),
            Series("county", self.county.name if self.county else "", [item.county_average for item in self.years]),
        ]
        if self.similar_group:
            lines.append(Series("similar", self.similar_group.name, [item.similar_average for item in self.years]))
        lines.extend(
            Series(place.kolada_id, place.name, [item.comparison_values.get(place.kolada_id) for item in self.years])
            for place in self.comparison_municipalities
        )
        return lines


def ranking_direction(direction: str) -> str | None:
    return {Direction.HIGHER.value: HIGHER, Direction.LOWER.value: LOWER}.get(direction)


def similar_group(municipality_id: str, kpi: Kpi | None) -> MunicipalityGroup | None:
    """The latest "Liknande kommuner" group for the KPI's area, else the general one, else any."""
    groups = MunicipalityGroup.objects.filter(kind=GroupKind.SIMILAR, subject_id=municipality_id).order_by("-year", "id")
    area = SIMILAR_AREA_BY_OPERATING_AREA.get(kpi.operating_area) if kpi else None
    for wanted in (area, GENERAL_SIMILAR_AREA):
        if wanted:
            match = groups.filter(area=wanted).first()
            if match:
                return match
    return groups.first()


def county_place(county: str) -> Place | None:
    group = MunicipalityGroup.objects.filter(kind=GroupKind.COUNTY, members__id__startswith=county).distinct().first()
    return Place(group.id, group.title) if group else None


ValuesByYear = dict[int, dict[tuple[str, str], float | None]]  # year → (municipality, gender) → value


def year_comparisons(
    by_year: ValuesByYear, *, municipality_id: str, direction: str | None, comparison_ids: list[str],
    similar_ids: list[str],
) -> list[YearComparison]:
    """The figures of each year from the values at hand (pure: no database)."""
    county = county_of(municipality_id)
    result = []
    for year in sorted(by_year):
        values = by_year[year]
        county_values = {
            place: value for (place, gender), value in values.items()
            if gender == Gender.TOTAL and county_of(place) == county and is_municipality(place)
        }
        summary = summarise(county_values, direction or "")
        similar = summarise({place: values.get((place, Gender.TOTAL)) for place in similar_ids}, "")
        own = values.get((municipality_id, Gender.TOTAL))
        rank = summary.rank_of(municipality_id) if own is not None else None
        result.append(YearComparison(
            year=year,
            total=to_decimal(own),
            women=to_decimal(values.get((municipality_id, Gender.WOMEN))),
            men=to_decimal(values.get((municipality_id, Gender.MEN))),
            county_average=to_decimal(summary.average),
            county_reported=summary.reported,
            rank=rank,
            rank_of=summary.reported if rank is not None else None,
            comparison_values={place: to_decimal(values.get((place, Gender.TOTAL))) for place in comparison_ids},
            similar_average=to_decimal(similar.average),
            similar_reported=similar.reported,
        ))
    return result


def kpi_comparison(
    *,
    kpi_id: str,
    municipality_id: str,
    direction: str | None,
    comparison_ids: tuple[str, ...] | list[str] = (),
    years: list[int] | None = None,
    by_year: ValuesByYear | None = None,
) -> MeasureComparison:
    """The comparison of one municipality on one KPI; `direction` is "higher", "lower" or None (no ranks).

    The values come from the stored KpiValue rows, or from `by_year` when given (a file not imported).
    """
    kpi = Kpi.objects.filter(id=kpi_id).first()
    names = dict(KoladaMunicipality.objects.values_list("id", "title"))
    county = county_of(municipality_id)
    group = similar_group(municipality_id, kpi)
    similar_ids = list(group.members.values_list("id", flat=True)) if group else []
    if by_year is None:
        wanted = set(comparison_ids) | set(similar_ids) | {municipality_id}
        rows = KpiValue.objects.filter(
            Q(municipality_id__in=wanted) | Q(municipality__id__startswith=county, gender=Gender.TOTAL), kpi_id=kpi_id
        )
        if years:
            rows = rows.filter(year__in=years)
        by_year = {}
        for municipality, year, gender, value in rows.values_list("municipality_id", "year", "gender", "value"):
            by_year.setdefault(year, {})[(municipality, gender)] = value
    return MeasureComparison(
        kpi=kpi,
        municipality=Place(municipality_id, names.get(municipality_id, municipality_id)),
        county=county_place(county),
        direction=direction or "",
        comparison_municipalities=[Place(place, names.get(place, place)) for place in comparison_ids],
        similar_group=Place(group.id, group.title) if group else None,
        similar_members=[Place(place, names.get(place, place)) for place in similar_ids],
        years=year_comparisons(
            by_year, municipality_id=municipality_id, direction=direction, comparison_ids=list(comparison_ids),
            similar_ids=similar_ids,
        ),
    )


def values_by_year(records, *, kpi_id: str, years: list[int] | None = None) -> ValuesByYear:
    """The `by_year` shape from parsed value records (deleted ones left out)."""
    by_year: ValuesByYear = {}
    for record in records:
        if record.kpi == kpi_id and not record.deleted and (not years or record.year in years):
            by_year.setdefault(record.year, {})[(record.municipality, record.gender)] = record.value
    return by_year


def measure_comparison(measure: Measure, municipality: Municipality | None = None) -> MeasureComparison | None:
    """The comparison for a measure linked to a Kolada KPI (None when it is not linked)."""
    if not measure.kolada_kpi:
        return None
    municipality = municipality or measure.unit.municipality
    comparison_ids = list(municipality.comparison_municipalities.order_by("name").values_list("kolada_id", flat=True))
    return kpi_comparison(
        kpi_id=measure.kolada_kpi, municipality_id=municipality.kolada_id,
        direction=ranking_direction(measure.direction), comparison_ids=comparison_ids,
    )
