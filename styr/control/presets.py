"""The control categories Styr ships; a municipality may rename them or use its own list instead."""

from django.db import transaction

from styr.control.models import ControlCategory
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
