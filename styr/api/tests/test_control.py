"""The committee's internal-control texts through the API: the verdict and summary as on the follow-up page."""

import datetime

from django.urls import reverse

from styr.control.models import ControlReport
from styr.followup.models import PeriodProgress, ProgressState
from styr.history.models import Change, ChangeSource

BODY = {"verdict": "shortcomings", "introduction": "", "summary": "Tre av fyra åtgärder är genomförda.",
        "risks_text": "", "audits_text": "", "controls_text": "", "version": 0}


def _url(cast) -> str:
    return reverse("api:control_report", args=[cast.plan.pk, cast.period.pk])


def test_the_controller_writes_the_verdict_and_summary_with_history(cast, api):
    assert api.get(_url(cast)).json() == {**BODY, "verdict": "", "summary": ""}
    response = api.as_user(cast.alice).put(_url(cast), BODY, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["verdict"], response.json()["version"]) == ("shortcomings", 1)
    report = ControlReport.objects.get(plan=cast.plan, period=cast.period)
    change = Change.objects.get(object_id=str(report.pk), content_type__model="controlreport")
    assert change.source == ChangeSource.API and change.after["summary"] == BODY["summary"]
    stale = api.as_user(cast.alice).put(_url(cast), {**BODY, "summary": "Annan text."}, format="json")
    assert stale.status_code == 409 and stale.json()["current"]["summary"] == BODY["summary"]


def test_a_reporter_is_refused_a_bad_verdict_is_invalid_and_decided_asks_for_a_reason(cast, api):
    assert api.as_user(cast.bob).put(_url(cast), BODY, format="json").status_code == 403
    response = api.as_user(cast.alice).put(_url(cast), {**BODY, "verdict": "fine"}, format="json")
    assert response.status_code == 400 and "verdict" in response.json()
    PeriodProgress.objects.create(plan=cast.plan, period=cast.period, state=ProgressState.DECIDED,
                                  decided_on=datetime.date(2021, 2, 23), decision_paragraph="§ 3")
    response = api.as_user(cast.alice).put(_url(cast), BODY, format="json")
    assert response.status_code == 400 and "amendment_reason" in response.json()
    assert not ControlReport.objects.exists()
