"""Kolada reference data (KPI catalogue, municipalities, groups) and the KPI values Styr has imported.

Kolada is RKA's open database of municipal key performance indicators. Its ids are kept as they
are: KPIs like "U33401", municipalities and regions like "0126" (Huddinge) and "0001" (Region
Stockholm), groups like "G33612". A municipality's county (län) is the first two digits of its id;
regions and the whole country share the prefix "00".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

REGION_PREFIX = "00"


class MunicipalityType(models.TextChoices):
    MUNICIPALITY = "K", _("municipality")
    REGION = "L", _("region")


class Kpi(models.Model):
    """One KPI of Kolada's catalogue, with the metadata fields of the v3 API."""

    id = models.CharField(_("Kolada id"), max_length=10, primary_key=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    is_divided_by_gender = models.BooleanField(_("divided by gender"), default=False)
    municipality_type = models.CharField(_("reported for"), max_length=1, blank=True, help_text="K, L or A (all)")
    auspice = models.CharField(_("auspice"), max_length=2, blank=True)
    operating_area = models.CharField(_("operating area"), max_length=300, blank=True)
    perspective = models.CharField(_("perspective"), max_length=100, blank=True)
    prel_publication_date = models.DateField(_("preliminary publication"), null=True, blank=True)
    publication_date = models.DateField(_("publication"), null=True, blank=True)
    publ_period = models.CharField(_("latest period published"), max_length=20, blank=True)
    has_ou_data = models.BooleanField(_("has unit-level data"), default=False)
    # Lower-cased id, title and description: SQLite's LIKE folds ASCII only, so "Ä" would miss "ä".
    search_text = models.TextField(_("search text"), editable=False, blank=True)

    class Meta:
        verbose_name = _("Kolada KPI")
        verbose_name_plural = _("Kolada KPIs")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class KoladaMunicipality(models.Model):
    """A municipality (type K) or region/the country (type L) as Kolada names it."""

    id = models.CharField(_("Kolada id"), max_length=4, primary_key=True)
    title = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=1, choices=MunicipalityType.choices)

    class Meta:
        verbose_name = _("Kolada municipality")
        verbose_name_plural = _("Kolada municipalities")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @property
    def county_code(self) -> str:
        return self.id[:2]

    @property
    def is_municipality(self) -> bool:
        return self.type == MunicipalityType.MUNICIPALITY


class GroupKind(models.TextChoices):
    COUNTY = "county", _("the county's municipalities")
    SIMILAR = "similar", _("similar municipalities")
    OTHER = "other", _("other group")


class MunicipalityGroup(models.Model):
    """A Kolada municipality group: a county's municipalities, "Liknande kommuner …" of a year, networks."""

    id = models.CharField(_("Kolada id"), max_length=12, primary_key=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=GroupKind.choices, default=GroupKind.OTHER)
    # For "Liknande kommuner IFO, Huddinge, 2024": area "IFO", subject Huddinge, year 2024.
    area = models.CharField(_("area"), max_length=100, blank=True)
    subject = models.ForeignKey(
        KoladaMunicipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="similar_groups",
        verbose_name=_("municipality the group is similar to"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    members = models.ManyToManyField(KoladaMunicipality, related_name="kolada_groups", verbose_name=_("members"))

    class Meta:
        verbose_name = _("Kolada municipality group")
        verbose_name_plural = _("Kolada municipality groups")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Gender(models.TextChoices):
    TOTAL = "T", _("total")
    WOMEN = "K", _("women")
    MEN = "M", _("men")


class KpiValue(models.Model):
    """One value of a KPI for a municipality (or region), year and gender, as Kolada reported it.

    A cache of public data, tuned for bulk loads (see bench/kolada_import.py): the natural key is
    the primary key (one index instead of three; its order serves "a KPI's year" lookups), and the
    foreign keys have no database constraint because every import checks the ids in Python first,
    in the same transaction, and catalogue rows are never deleted. Deferred FK checks were half of
    PostgreSQL's import time.
    """

    pk = models.CompositePrimaryKey("kpi", "year", "gender", "municipality")
    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="values", db_constraint=False, db_index=False)
    municipality = models.ForeignKey(
        KoladaMunicipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="values", db_constraint=False, db_index=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    value = models.FloatField(_("value"), null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    status = models.CharField(_("status"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.municipality_id} {self.year} {self.gender}: {self.value}"


class ImportRun(models.Model):
    """One import of KPI values (a file, a sync, the demo), kept so that a sync knows where to resume."""

    class Kind(models.TextChoices):
        FILE = "file", _("file")
        SYNC = "sync", _("sync from the API")
        DEMO = "demo", _("demo data")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=500, blank=True)
    since = models.DateField(_("changes since"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    rows_written = models.PositiveIntegerField(_("values written"), default=0)
    rows_deleted = models.PositiveIntegerField(_("values deleted"), default=0)

    class Meta:
        verbose_name = _("Kolada import")
        verbose_name_plural = _("Kolada imports")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.finished_at:%Y-%m-%d %H:%M}"
