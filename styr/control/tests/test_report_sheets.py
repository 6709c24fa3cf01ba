"""The internal-control summary and the committee's verdict in Excel: downloaded from the follow-up page, filled in
and uploaded back, saved with its history; a file with a wrong verdict, an unknown part or a stale version is
refused whole with the row and column named."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from styr.control import services
from styr.control.models import ControlReport, ControlVerdict
from styr.history.models import Change, ChangeSource


def _url(world) -> str:
    return reverse("control:report_excel", args=[world.municipality.slug, world.committee.slug, 2020,
                                                 world.period.slug])


def _download(client, world):
    response = client.get(_url(world))
    assert response.status_code == 200, response.content[:300]
    return load_workbook(io.BytesIO(response.content))


def _upload(client, world, workbook):
    out = io.BytesIO()
    workbook.save(out)
    out.name = "intern-kontroll.xlsx"
    out.seek(0)
    return client.post(_url(world), {"file": out})


def test_the_controller_fills_in_the_verdict_and_summary_in_excel(world, client):
    client.force_login(world.alice)
    edit = client.get(reverse("control:edit", args=[world.municipality.slug, world.committee.slug, 2020,
                                                    world.period.slug]))
    assert _url(world) in edit.content.decode()
    workbook = _download(client, world)
    sheet = workbook.active
    assert [sheet.cell(row, 1).value for row in range(1, 4)] == ["Enhet", "Period", "Version"]
    assert (sheet["A6"].value, sheet["A7"].value) == ("Nämndens bedömning", "Sammanfattning")
    sheet["B6"] = "Den interna kontrollen har varit tillräcklig"
    sheet["B7"] = "Alla kontroller är gjorda.\n\nInga avvikelser."
    response = _upload(client, world, workbook)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = ControlReport.objects.get(plan=world.plan, period=world.period)
    assert (report.verdict, report.summary) == (ControlVerdict.SUFFICIENT, "Alla kontroller är gjorda.\n\nInga avvikelser.")
    change = Change.objects.get(content_type__model="controlreport", object_id=str(report.pk))
    assert change.source == ChangeSource.EXCEL and change.after["verdict"] == "sufficient"
    # The file of the saved texts holds them again.
    again = _download(client, world).active
    assert (again["B3"].value, again["B6"].value) == (1, "Den interna kontrollen har varit tillräcklig")


def test_a_file_with_a_wrong_verdict_or_an_unknown_part_is_refused_whole(world, client):
    client.force_login(world.alice)
    workbook = _download(client, world)
    sheet = workbook.active
    sheet["B6"] = "Helt okej"
    sheet["B7"] = "En sammanfattning som inte får sparas."
    sheet["A12"], sheet["B12"] = "Övrigt", "Text"
    response = _upload(client, world, workbook)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rad 6, kolumn B: Okänd bedömning" in page and "Rad 12, kolumn A" in page
    assert not ControlReport.objects.exists()


def test_a_stale_file_is_refused_and_a_reporter_gets_none(world, client):
    client.force_login(world.alice)
    workbook = _download(client, world)
    services.save_control_report(user=world.alice, plan=world.plan, period=world.period, introduction="",
                                 summary="Sparad på sidan.", risks_text="", audits_text="", controls_text="",
                                 expected_version=0)
    workbook.active["B7"] = "Från filen."
    page = _upload(client, world, workbook).content.decode()
    assert "Rad 3, kolumn B" in page
    assert ControlReport.objects.get().summary == "Sparad på sidan."
    client.force_login(world.bob)
    assert client.get(_url(world)).status_code == 403
