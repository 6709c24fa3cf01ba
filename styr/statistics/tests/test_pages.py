"""The statistics page per unit and period: read where the plan is readable, saved per table by its reporter,
imported from Excel all or nothing, downloaded in the shape the import reads."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from styr.history.models import Change, ChangeSource
from styr.statistics.models import StatisticsValue


def url(stats, unit=None, suffix=""):
    return f"/testby/{(unit or stats.world.unit).slug}/2020/statistik/vb/{suffix}"


def client(user=None):
    browser = Client()
    if user is not None:
        browser.force_login(user)
    return browser


def post(stats, user, **cells):
    table = stats.table.pk
    data = {"table": table}
    for row in (stats.investigations, stats.placements):
        for year in (2020, 2019, 2018):
            data[f"table-{table}-cell-{row.pk}-{year}"] = ""
            data[f"table-{table}-version-{row.pk}-{year}"] = "0"
    data.update({f"table-{table}-{key.replace('_', '-')}": value for key, value in cells.items()})
    return client(user).post(url(stats), data)


def xlsx(*rows) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    handle = io.BytesIO()
    workbook.save(handle)
    handle.seek(0)
    handle.name = "statistik.xlsx"
    return handle


def test_the_reporter_saves_a_table_in_swedish_numbers(stats):
    row = stats.placements.pk
    response = post(stats, stats.world.bob, **{f"cell_{row}_2020": "28,1", f"cell_{row}_2019": "31"})
    assert response.status_code == 302
    assert dict(StatisticsValue.objects.values_list("year", "value")) == {2020: Decimal("28.1"), 2019: Decimal(31)}
    page = client().get(url(stats)).content.decode()
    assert "28,1" in page and "31,0" in page


def test_a_bad_number_is_shown_and_nothing_saved(stats):
    row = stats.placements.pk
    response = post(stats, stats.world.bob, **{f"cell_{row}_2020": "28,15", f"cell_{stats.investigations.pk}_2020": "1 733"})
    assert response.status_code == 200
    assert "högst 1 decimal" in response.content.decode()
    assert not StatisticsValue.objects.exists()


def test_a_reader_may_not_post_and_anonymous_reads_the_published_plan(stats):
    assert post(stats, stats.world.charlie, **{f"cell_{stats.investigations.pk}_2020": "1"}).status_code == 403
    page = client().get(url(stats))
    assert page.status_code == 200 and "<input" not in page.content.decode().split("<main")[-1].split("</main>")[0] \
        .replace('type="hidden"', "")
    assert not StatisticsValue.objects.exists()


def test_the_committees_page_shows_the_units_tables_and_plan_periods_are_not_pages(stats):
    assert "Barn och unga" in client(stats.world.alice).get(url(stats, stats.world.committee)).content.decode()
    from styr.followup.models import FollowUpPeriod

    FollowUpPeriod.objects.filter(slug="vb").update(kind="plan")
    assert client(stats.world.alice).get(url(stats)).status_code == 404


def test_import_saves_the_file_and_download_reads_back(stats):
    handle = xlsx(["Tabell", "Avsnitt", "Rad", "Bokslut 2020", "Bokslut 2019", "Bokslut 2018"],
                  ["Barn och unga", "Pågående utredningar", "Antal utredningar", "1 733", 1751, 1699],
                  ["barn och unga", "Årsplaceringar", "Jourhem", "28,1", 31, None])
    response = client(stats.world.bob).post(url(stats, suffix="import/"), {"file": handle, "reason": ""})
    assert response.status_code == 302
    assert StatisticsValue.objects.count() == 5
    assert Change.objects.filter(content_type__model="statisticsvalue", source=ChangeSource.EXCEL).count() == 5
    download = client(stats.world.bob).get(url(stats, suffix="statistik.xlsx"))
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Tabell", "Avsnitt", "Rad", "Bokslut 2020", "Bokslut 2019", "Bokslut 2018"]
    assert rows[1:] == [["Barn och unga", "Pågående utredningar", "Antal utredningar", 1733, 1751, 1699],
                        ["Barn och unga", "Årsplaceringar", "Jourhem", 28.1, 31, None]]


@pytest.mark.parametrize(("row", "message"), [
    (["Barn och unga", "Pågående utredningar", "Antal utredningar", "1.733"], "rad 3, kolumn D"),
    (["Barn och unga", "Pågående utredningar", "Okänd rad", "1"], "rad 3, kolumn C: Barn och unga har ingen rad"),
    (["Vuxna", "Pågående utredningar", "Antal utredningar", "1"], "rad 3, kolumn A: ingen tabell"),
    (["Barn och unga", "Pågående utredningar", "Antal utredningar", "-2"],
     "rad 3, kolumn D: Pågående utredningar: Antal utredningar: ett antal"),
    (["Barn och unga", "Årsplaceringar", "Jourhem", "2"], "rad 3, kolumn C: rad 2 har redan Barn och unga"),
])
def test_a_bad_line_names_row_and_column_and_nothing_is_saved(stats, row, message):
    handle = xlsx(["Tabell", "Avsnitt", "Rad", "2020"], ["Barn och unga", "Årsplaceringar", "Jourhem", "28,1"], row)
    response = client(stats.world.bob).post(url(stats, suffix="import/"), {"file": handle})
    assert response.status_code == 200
    assert f"statistik.xlsx, {message}" in response.content.decode()
    assert not StatisticsValue.objects.exists()


def test_a_file_with_a_year_the_page_does_not_show_is_refused(stats):
    handle = xlsx(["Tabell", "Avsnitt", "Rad", "2017"], ["Barn och unga", "Årsplaceringar", "Jourhem", "1"])
    response = client(stats.world.bob).post(url(stats, suffix="import/"), {"file": handle})
    assert "rad 1: kolumn D: sidan visar 2020, 2019, 2018, inte 2017" in response.content.decode()


def test_the_units_follow_up_page_links_the_statistics(stats):
    page = client(stats.world.alice).get("/testby/socialnamnden/2020/uppfoljning/vb/").content.decode()
    assert f'href="{url(stats, stats.world.committee)}"' in page


def test_the_controller_comments_on_the_committees_statistics_and_a_reporter_may_not(stats):
    from styr.statistics.models import StatisticsComment

    committee = url(stats, stats.world.committee)
    assert 'name="comment-text"' not in client(stats.world.bob).get(committee).content.decode()
    assert client(stats.world.bob).post(committee, {"comment-text": "Nej", "comment-version": "0"}).status_code == 403
    response = client(stats.world.alice).post(committee, {"comment-text": "Färre placeringar.", "comment-version": "0"})
    assert response.status_code == 302
    assert StatisticsComment.objects.get().text == "Färre placeringar."
    assert "Färre placeringar." in client().get(committee).content.decode()
