"""Quality counts: counts only, one sheet per unit and period, an import refused whole with the sheet, row
and column named for a wrong category, a negative count or a text that looks like personal data."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from styr.control.models import QualityCategory, QualityCount, QualityKind
from styr.control.presets import install_quality_categories
from styr.control.quality import looks_personal
from styr.control.quality_sheets import export_counts, import_counts
from styr.followup.models import PeriodProgress, ProgressState
from styr.followup.spreadsheets.forms import XLSX_MIME
from styr.history.models import Change, ChangeAction
from styr.plans.models import Plan


@pytest.fixture
def world(world):
    install_quality_categories(world.municipality)
    world.unit_plan = Plan.objects.create(unit=world.unit, year=2020, status="published")
    return world


def workbook(world, units, fill) -> SimpleUploadedFile:
    """The exported file with `fill(sheet)` applied to each sheet, as a user would fill it in."""
    book = load_workbook(io.BytesIO(export_counts(units=units, period=world.period)))
    for sheet in book.worksheets:
        fill(sheet)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("kvalitet.xlsx", out.getvalue(), content_type=XLSX_MIME)


def set_rows(**cells):
    def fill(sheet):
        for ref, value in cells.items():
            sheet[ref] = value
    return fill


@pytest.mark.parametrize("text", ["Anna Svensson föll i korridoren", "Gäller 19800101-1234", "se anna@example.se",
                                  "Brukare 800101 1234"])
def test_a_name_a_personal_number_or_an_address_looks_personal(text):
    assert looks_personal(text)


@pytest.mark.parametrize("text", ["Två fall nattetid", "Lex Sarah-rapport om bemötande", "Rutin för Lex Maria",
                                  "12 avvikelser, 3 av dem läkemedel", ""])
def test_counts_and_ordinary_comments_do_not(text):
    assert not looks_personal(text)


def test_the_exported_sheet_filled_in_and_imported_saves_the_counts(world):
    QualityCategory.objects.create(municipality=world.municipality, key="extern", label="Extern Tillsyn", order=9)
    upload = workbook(world, [world.unit], set_rows(C5=3, D5="Mest nattetid", C6="1", C11=0))
    assert import_counts(upload, user=world.bob, units=[world.unit], year=2020) == []
    counts = {(c.kind, c.category.key): (c.count, c.comment) for c in QualityCount.objects.filter(unit=world.unit)}
    assert counts[(QualityKind.DEVIATION, "bemotande")] == (3, "Mest nattetid")
    assert counts[(QualityKind.DEVIATION, "vard-och-omsorg")] == (1, "")
    assert len(counts) == len(QualityKind) * 7  # every kind × category of the sheet, zeros included
    assert counts[(QualityKind.IVO, "extern")] == (0, "")  # a configured label is no name
    assert Change.objects.filter(content_type__model="qualitycount", user=world.bob).count() == len(counts)
    reimported = workbook(world, [world.unit], set_rows(C5=4))
    assert import_counts(reimported, user=world.bob, units=[world.unit], year=2020) == []
    assert QualityCount.objects.get(unit=world.unit, kind=QualityKind.DEVIATION, category__key="bemotande").count == 4


def test_a_wrong_category_a_negative_count_and_a_name_are_refused_whole_by_row_and_column(world):
    upload = workbook(world, [world.unit], set_rows(C5=2, B6="Parkering", C7=-1, D8="Anna Svensson klagade",
                                                     C9="två", B10="Kalle Anka"))
    problems = import_counts(upload, user=world.bob, units=[world.unit], year=2020)
    located = {(problem.sheet, problem.row, problem.column) for problem in problems}
    assert located == {("Barnenheten", 6, "B"), ("Barnenheten", 7, "C"), ("Barnenheten", 8, "D"),
                       ("Barnenheten", 9, "C"), ("Barnenheten", 10, "B")}
    messages = {(problem.row, problem.column): problem.message for problem in problems}
    assert "Parkering" in messages[(6, "B")] and "Bemötande" in messages[(6, "B")]
    assert "negativ" in messages[(7, "C")]
    assert "personuppgifter" in messages[(8, "D")] and "personuppgifter" in messages[(10, "B")]
    assert not QualityCount.objects.exists()  # row 5 was right, and is not saved either


def test_a_sheet_of_a_unit_out_of_reach_or_a_decided_period_is_refused(world):
    committee_sheet = workbook(world, [world.committee], set_rows(C5=1))
    problems = import_counts(committee_sheet, user=world.bob, units=[world.unit], year=2020)
    assert [(p.row, p.column) for p in problems] == [(1, "B")]
    PeriodProgress.objects.create(plan=world.unit_plan, period=world.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 2, 23), decision_paragraph="§ 3")
    problems = import_counts(workbook(world, [world.unit], set_rows(C5=1)), user=world.bob, units=[world.unit],
                             year=2020)
    assert len(problems) == 1 and problems[0].sheet == "Barnenheten"
    assert not QualityCount.objects.exists()


def test_a_row_removed_from_the_sheet_deletes_its_count_on_record(world):
    import_counts(workbook(world, [world.unit], set_rows(C5=2)), user=world.bob, units=[world.unit], year=2020)
    def keep_first_row(sheet):
        sheet.delete_rows(6, sheet.max_row)
    assert import_counts(workbook(world, [world.unit], keep_first_row), user=world.bob, units=[world.unit],
                         year=2020) == []
    assert [(c.kind, c.category.key, c.count) for c in QualityCount.objects.all()] == [
        (QualityKind.DEVIATION, "bemotande", 2)]
    assert Change.objects.filter(content_type__model="qualitycount", action=ChangeAction.DELETE).count() == \
        len(QualityKind) * 6 - 1


def test_the_page_imports_a_file_and_shows_the_counts(world, client):
    url = reverse("control:quality", args=["testby", "barnenheten", 2020, world.period.slug])
    client.force_login(world.bob)
    export = client.get(reverse("control:quality_export", args=["testby", "barnenheten", 2020, world.period.slug]))
    assert export.status_code == 200 and export["Content-Type"] == XLSX_MIME
    book = load_workbook(io.BytesIO(export.content))
    book["Barnenheten"]["C5"] = 7
    out = io.BytesIO()
    book.save(out)
    response = client.post(url, {"file": SimpleUploadedFile("k.xlsx", out.getvalue(), content_type=XLSX_MIME)})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert '<td class="num">7</td>' in page
    bad = load_workbook(io.BytesIO(export.content))
    bad["Barnenheten"]["C5"] = -3
    out = io.BytesIO()
    bad.save(out)
    page = client.post(url, {"file": SimpleUploadedFile("k.xlsx", out.getvalue(), content_type=XLSX_MIME)}
                       ).content.decode()
    assert "Barnenheten: Rad 5, kolumn C" in page
    assert QualityCount.objects.get(kind=QualityKind.DEVIATION, category__key="bemotande").count == 7
