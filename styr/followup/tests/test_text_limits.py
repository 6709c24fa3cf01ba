"""One cleaning and one length limit on every follow-up write: the services, and the page's forms."""

from django.urls import reverse

from styr.core.text import TEXT_LIMIT
from styr.followup import services
from styr.followup.models import CommitmentReport, GoalAssessment, MeasureAnalysis, MeasureOutcome
from styr.history.models import Change
from styr.plans.models import Commitment
from styr.testing import BaseTestCase

TOO_LONG = "å" * (TEXT_LIMIT + 1)
TOO_LONG_MESSAGE = "är 100\u00a0001 tecken lång; högst 100\u00a0000 tecken får plats."


class ServiceTextTestCase(BaseTestCase):
    def test_a_text_over_the_limit_is_refused_and_nothing_of_the_write_is_kept(self):
        with self.assertRaisesMessage(services.WriteRefused, f"Analys {TOO_LONG_MESSAGE}"):
            services.report_measure(
                user=self.alice, measure=self.measure, period=self.period, month=12, total=111, women=None,
                men=None, outcome_version=0, analysis=TOO_LONG, unjustified_differences=None,
                differences_explanation="", analysis_version=0,
            )
        commitment = Commitment.objects.create(plan=self.plan, goal=self.goal, name="Införa e-tjänst")
        with self.assertRaisesMessage(services.WriteRefused, f"Kommentar {TOO_LONG_MESSAGE}"):
            services.report_commitment_status(user=self.alice, commitment=commitment, period=self.period,
                                              status=None, comment=TOO_LONG, expected_version=0)
        self.assertFalse(MeasureOutcome.objects.exists() or MeasureAnalysis.objects.exists())
        self.assertFalse(CommitmentReport.objects.exists() or Change.objects.exists())

    def test_word_bullets_and_control_characters_are_cleaned_and_a_text_at_the_limit_is_kept(self):
        saved = services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=None,
                                     text="\uf0b7\tFler besök\r\n\uf0a7\tKortare kö\x00", expected_version=0)
        self.assertEqual(GoalAssessment.objects.get(pk=saved.pk).text, "•\tFler besök\n•\tKortare kö")
        services.assess_goal(user=self.alice, goal=self.goal, period=self.period, level=None,
                             text="å" * TEXT_LIMIT, expected_version=1)
        self.assertEqual(len(GoalAssessment.objects.get(pk=saved.pk).text), TEXT_LIMIT)


class PageTextTestCase(BaseTestCase):
    url = reverse("followup_edit", args=["testby", "socialnamnden", 2020, "vb"])

    def measure_post(self, **values) -> dict:
        key = f"measure-{self.measure.pk}"
        data = {"total": "", "women": "", "men": "", "analysis": "", "unjustified_differences": "",
                "differences_explanation": "", "outcome_version": 0, "analysis_version": 0, **values}
        return {"item": key, **{f"{key}-{name}": value for name, value in data.items()}}

    def test_a_text_over_the_limit_is_an_error_on_its_field_and_nothing_is_saved(self):
        self.login(self.alice)
        response = self.client.post(self.url, self.measure_post(total="111", analysis=TOO_LONG))
        self.assertEqual(response.status_code, 200)
        key = f"measure-{self.measure.pk}"
        self.assertContains(response, f"Analys {TOO_LONG_MESSAGE}")
        self.assertContains(response, f'id="id_{key}-analysis_errors"')
        self.assertFalse(MeasureOutcome.objects.exists() or MeasureAnalysis.objects.exists())
        self.assertFalse(Change.objects.exists())

    def test_the_text_boxes_never_cut_a_paste_and_word_bullets_are_cleaned(self):
        self.login(self.alice)
        self.assertNotContains(self.client.get(self.url), "maxlength")
        response = self.client.post(self.url, self.measure_post(analysis="\uf0b7\tKortare väntetid\r\n"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(MeasureAnalysis.objects.get().analysis, "•\tKortare väntetid")
