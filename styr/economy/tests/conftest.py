"""The shared world with an economy: the common rows, two activity areas and a small chart of accounts."""

import datetime
from types import SimpleNamespace

import pytest

from styr.economy import services
from styr.economy.models import ReportRow
from styr.economy.presets import install_report_rows
from styr.testing import make_user


@pytest.fixture
def economy(world):
    install_report_rows(world.municipality)
    root = make_user("root", "Root")
    root.is_superuser = True
    root.save()
    rows = {row.key: row for row in ReportRow.objects.filter(municipality=world.municipality)}
    children = services.save_activity_area(user=world.alice, committee=world.committee, key="barn", name="Barn och unga",
                                           unit=world.unit, order=1)
    common = services.save_activity_area(user=world.alice, committee=world.committee, key="gemensamt",
                                         name="Nämnd och förvaltning", unit=world.committee, order=2)
    for order, (account, activity, row, area) in enumerate([
        ("30*", "*", rows["taxor-och-avgifter"], None),
        ("5*", "*", rows["personal"], None),
        ("*", "1*", None, children),
        ("*", "2*", None, common),
    ]):
        services.save_ledger_rule(user=root, municipality=world.municipality, order=order, account=account,
                                  activity=activity, row=row, area=area)
    return SimpleNamespace(world=world, rows=rows, children=children, common=common, root=root)


@pytest.fixture
def d2(world):
    from styr.followup.models import FollowUpPeriod, PeriodKind

    return FollowUpPeriod.objects.create(municipality=world.municipality, year=2020, kind=PeriodKind.INTERIM_2,
                                         slug="d2", name="Delårsrapport 2", as_of=datetime.date(2020, 8, 31))
