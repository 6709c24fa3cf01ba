from django.db import connection
from django.test.utils import CaptureQueriesContext

from styr.followup.models import ActivityReport, CommitmentReport, StatusOption
from styr.followup.tree import build_tree
from styr.front.tests.test_overview import add_goals
from styr.plans.models import Activity, Commitment, Goal
from styr.testing import BaseTestCase


class PlanTreeTestCase(BaseTestCase):
    def add_statuses(self, count: int) -> None:
        """Per goal `count` commitments with a reported activity each, and a reported activity of its own."""
        done = StatusOption.objects.get(municipality=self.municipality, key="klart")
        for goal in Goal.objects.filter(plan=self.plan):
            for number in range(count):
                commitment = Commitment.objects.create(plan=self.plan, goal=goal, name=f"Åtagande {goal.pk}.{number}")
                CommitmentReport.objects.create(commitment=commitment, period=self.period, status=done)
                for under in (commitment, None):
                    activity = Activity.objects.create(plan=self.plan, goal=goal, commitment=under,
                                                       name=f"Aktivitet {goal.pk}.{number}.{bool(under)}")
                    ActivityReport.objects.create(activity=activity, period=self.period, status=done)

    def test_query_count_does_not_grow_with_the_plan(self):
        add_goals(self, 1, measures_per_goal=1)
        self.add_statuses(1)
        with CaptureQueriesContext(connection) as few:
            build_tree(self.plan, self.period)
        add_goals(self, 6, measures_per_goal=4)
        self.add_statuses(3)
        with CaptureQueriesContext(connection) as many:
            tree = build_tree(self.plan, self.period)
            statuses = [node.report.status.label for node in tree.commitments + tree.activities]
        self.assertEqual(len(few), len(many))
        self.assertEqual(statuses.count("Klart"), len(tree.commitments) + len(tree.activities))

    def test_each_goal_holds_its_commitments_with_their_activities_and_its_own_activities(self):
        self.add_statuses(2)
        (node,) = build_tree(self.plan, self.period).goal_nodes
        self.assertEqual([commitment.item.name for commitment in node.commitments],
                         [f"Åtagande {self.goal.pk}.0", f"Åtagande {self.goal.pk}.1"])
        self.assertEqual([[activity.item.name for activity in commitment.activities] for commitment in node.commitments],
                         [[f"Aktivitet {self.goal.pk}.0.True"], [f"Aktivitet {self.goal.pk}.1.True"]])
        self.assertEqual([activity.item.name for activity in node.activities],
                         [f"Aktivitet {self.goal.pk}.0.False", f"Aktivitet {self.goal.pk}.1.False"])
