"""The shared world with one statistics table reported by Barnenheten."""

from types import SimpleNamespace

import pytest

from styr.statistics.models import StatisticsRow, StatisticsTable, StatisticsUnit


@pytest.fixture
def stats(world):
    table = StatisticsTable.objects.create(committee=world.committee, unit=world.unit, key="barn", title="Barn och unga",
                                           area="Individ- och familjeomsorgen")
    investigations = StatisticsRow.objects.create(table=table, section="Pågående utredningar",
                                                  name="Antal utredningar", order=1)
    placements = StatisticsRow.objects.create(table=table, section="Årsplaceringar", name="Jourhem",
                                              unit=StatisticsUnit.PLACEMENT_YEARS, decimals=1, order=2)
    return SimpleNamespace(world=world, table=table, investigations=investigations, placements=placements)
