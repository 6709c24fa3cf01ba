"""Kolada's reference data, read from an offline snapshot or the live API into one checked shape.

Both sources give dicts with the v3 metadata fields (the snapshot's CSV columns are those fields),
so `styr kolada catalogue --from DIR` and a live refresh share `services.load_catalogue`.
"""

import csv
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from styr.kpis.models import GroupKind, MunicipalityType
from styr.kpis.parsing import KoladaDataError

KPI_FILE, MUNICIPALITY_FILE, GROUP_FILE = "kpis.csv", "municipalities.csv", "municipality_groups.json"
COUNTY_GROUP = re.compile(r"^(?P<county>.+) läns kommuner \(ovägt medel\)$")
MUNICIPALITY_ID = re.compile(r"^\d{4}$")
TRUE_WORDS, FALSE_WORDS = {"true", "1", "yes"}, {"false", "0", "no", ""}


@dataclass(frozen=True)
class KpiRecord:
    id: str
    title: str
    description: str
    is_divided_by_gender: bool
    municipality_type: str
    auspice: str
    operating_area: str
    perspective: str
    prel_publication_date: datetime.date | None
    publication_date: datetime.date | None
    publ_period: str
    has_ou_data: bool

    @property
    def search_text(self) -> str:
        return f"{self.id} {self.title} {self.description}".lower()


@dataclass(frozen=True)
class MunicipalityRecord:
    id: str
    title: str
    type: str


@dataclass(frozen=True)
class GroupRecord:
    id: str
    title: str
    kind: str
    area: str
    subject_title: str
    year: int | None
    member_ids: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    kpis: list[KpiRecord]
    municipalities: list[MunicipalityRecord]
    groups: list[GroupRecord]


def _text(row: dict, key: str, where: str, *, required: bool = False) -> str:
    value = row.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str | int):
        raise KoladaDataError(f"{where}, field {key}: {value!r} is not text")
    value = str(value).strip()
    if required and not value:
        raise KoladaDataError(f"{where}, field {key}: missing")
    return value


def _bool(row: dict, key: str, where: str) -> bool:
    value = row.get(key)
    if isinstance(value, bool):
        return value
    word = str(value if value is not None else "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise KoladaDataError(f"{where}, field {key}: {value!r} is not true or false")


def _date(row: dict, key: str, where: str) -> datetime.date | None:
    value = _text(row, key, where)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise KoladaDataError(f"{where}, field {key}: {value!r} is not a date (YYYY-MM-DD)") from None


def kpi_record(row: dict, where: str) -> KpiRecord:
    return KpiRecord(
        id=_text(row, "id", where, required=True),
        title=_text(row, "title", where, required=True),
        description=_text(row, "description", where),
        is_divided_by_gender=_bool(row, "is_divided_by_gender", where),
        municipality_type=_text(row, "municipality_type", where)[:1],
        auspice=_text(row, "auspice", where),
        operating_area=_text(row, "operating_area", where),
        perspective=_text(row, "perspective", where),
        prel_publication_date=_date(row, "prel_publication_date", where),
        publication_date=_date(row, "publication_date", where),
        publ_period=_text(row, "publ_period", where),
        has_ou_data=_bool(row, "has_ou_data", where),
    )


def municipality_record(row: dict, where: str) -> MunicipalityRecord:
    record = MunicipalityRecord(
        id=_text(row, "id", where, required=True), title=_text(row, "title", where, required=True),
        type=_text(row, "type", where, required=True),
    )
    if not MUNICIPALITY_ID.match(record.id):
        raise KoladaDataError(f"{where}, field id: {record.id!r} is not a four-digit Kolada id")
    if record.type not in MunicipalityType.values:
        raise KoladaDataError(f"{where}, field type: {record.type!r} is not K or L")
    return record


def classify_group(title: str) -> tuple[str, str, str, int | None]:
    """(kind, area, subject title, year) read from a group's title.

    "Liknande kommuner IFO, Huddinge, 2024" and "Liknande kommuner, övergripande, Huddinge, 2025"
    are Kolada's groups of municipalities similar to Huddinge; the named municipality is not a member.
    """
    if COUNTY_GROUP.match(title):
        return GroupKind.COUNTY, "", "", None
    parts = [part.strip() for part in title.split(",")]
    if parts[0].startswith("Liknande ") and len(parts) >= 3 and parts[-1].isdigit() and len(parts[-1]) == 4:
        head = parts[0].split(" ", 2)
        area = head[2].strip() if len(head) > 2 else ", ".join(parts[1:-2])
        return GroupKind.SIMILAR, area or "övergripande", parts[-2], int(parts[-1])
    return GroupKind.OTHER, "", "", None


def group_record(row: dict, where: str) -> GroupRecord:
    group_id = _text(row, "id", where, required=True)
    title = _text(row, "title", where, required=True)
    members = row.get("members") or []
    if not isinstance(members, list):
        raise KoladaDataError(f"{where}, field members: expected a list")
    member_ids = []
    for index, member in enumerate(members):
        member_id = member.get("id") if isinstance(member, dict) else member
        if not isinstance(member_id, str) or not MUNICIPALITY_ID.match(member_id):
            raise KoladaDataError(f"{where}, field members[{index}]: {member_id!r} is not a Kolada municipality id")
        member_ids.append(member_id)
    kind, area, subject, year = classify_group(title)
    return GroupRecord(group_id, title, kind, area, subject, year, tuple(member_ids))


def build_catalogue(kpis: list[dict], municipalities: list[dict], groups: list[dict], *, source: str) -> Catalogue:
    """Checks every row; a bad one raises KoladaDataError naming the source, the row and the field."""
    catalogue = Catalogue(
        kpis=[kpi_record(row, f"{source} {KPI_FILE} row {index}") for index, row in enumerate(kpis, start=2)],
        municipalities=[
            municipality_record(row, f"{source} {MUNICIPALITY_FILE} row {index}")
            for index, row in enumerate(municipalities, start=2)
        ],
        groups=[group_record(row, f"{source} {GROUP_FILE} item {index}") for index, row in enumerate(groups)],
    )
    known = {record.id for record in catalogue.municipalities}
    for group in catalogue.groups:
        unknown = sorted(set(group.member_ids) - known)
        if unknown:
            raise KoladaDataError(f"{source} {GROUP_FILE} {group.id}: unknown member municipalities {', '.join(unknown)}")
    duplicates = len(catalogue.kpis) - len({record.id for record in catalogue.kpis})
    if duplicates:
        raise KoladaDataError(f"{source} {KPI_FILE}: {duplicates} KPI ids occur more than once")
    return catalogue


def _read_csv(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise KoladaDataError(f"{path}: missing") from None


def read_directory(directory: Path | str) -> Catalogue:
    """The offline snapshot: kpis.csv, municipalities.csv, municipality_groups.json."""
    directory = Path(directory)
    try:
        groups = json.loads((directory / GROUP_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KoladaDataError(f"{directory / GROUP_FILE}: missing") from None
    except json.JSONDecodeError as error:
        raise KoladaDataError(f"{directory / GROUP_FILE}: not valid JSON ({error})") from None
    if not isinstance(groups, list):
        raise KoladaDataError(f"{directory / GROUP_FILE}: expected a list of groups")
    return build_catalogue(
        _read_csv(directory / KPI_FILE), _read_csv(directory / MUNICIPALITY_FILE), groups, source=str(directory)
    )


def fetch_catalogue(client) -> Catalogue:
    """The same reference data from the live API (`/kpi`, `/municipality`, `/municipality_groups`)."""
    return build_catalogue(
        client.kpis(), client.municipalities(), client.municipality_groups(), source=client.base_url
    )
