"""The control categories Styr ships; a municipality may rename them or use its own list instead."""

from django.db import transaction

from styr.control.models import ControlCategory, QualityCategory
from styr.organisation.models import Municipality

CATEGORIES: list[tuple[str, str]] = [
    ("andamalsenlig-verksamhet", "Ändamålsenlig och effektiv verksamhet"),
    ("finansiell-rapportering", "Tillförlitlig finansiell rapportering"),
    ("efterlevnad", "Efterlevnad av lagar och regler"),
]


@transaction.atomic
def install_control_categories(municipality: Municipality) -> None:
    """Give a municipality the common three categories, keeping any others it has."""
    for order, (key, label) in enumerate(CATEGORIES, start=1):
        ControlCategory.objects.get_or_create(municipality=municipality, key=key,
                                              defaults={"label": label, "order": order})


QUALITY_CATEGORIES: list[tuple[str, str]] = [
    ("bemotande", "Bemötande"),
    ("vard-och-omsorg", "Vård, omsorg och stöd"),
    ("lakemedel", "Läkemedel"),
    ("dokumentation", "Dokumentation"),
    ("tillganglighet", "Tillgänglighet och information"),
    ("ovrigt", "Övrigt"),
]


@transaction.atomic
def install_quality_categories(municipality: Municipality) -> None:
    """Give a municipality Styr's quality categories, keeping any others it has."""
    for order, (key, label) in enumerate(QUALITY_CATEGORIES, start=1):
        QualityCategory.objects.get_or_create(municipality=municipality, key=key,
                                              defaults={"label": label, "order": order})
