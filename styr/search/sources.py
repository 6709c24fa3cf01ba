"""What is searched: the kinds of items, their tables, the text that names them and the text about them."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.plans.models import Activity, Commitment, Goal, Measure


class SearchKind(models.TextChoices):
    GOAL = "goal", _("goal")
    MEASURE = "measure", _("measure")
    COMMITMENT = "commitment", _("development commitment")
    ACTIVITY = "activity", _("activity")


@dataclass(frozen=True)
class Source:
    kind: SearchKind
    model: type[models.Model]
    body: tuple[str, ...]  # the fields searched besides the name, shown as the excerpt

    @property
    def table(self) -> str:
        return self.model._meta.db_table


SOURCES: dict[str, Source] = {
    source.kind: source for source in (
        Source(SearchKind.GOAL, Goal, ("interpretation", "priorities")),
        Source(SearchKind.MEASURE, Measure, ("description", "source")),
        Source(SearchKind.COMMITMENT, Commitment, ("description",)),
        Source(SearchKind.ACTIVITY, Activity, ("description",)),
    )
}
