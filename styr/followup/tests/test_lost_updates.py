"""No lost update: interleaved users saving the same text, as a Hypothesis state machine and with real threads."""

import threading

import pytest
from django.db import close_old_connections
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from styr.followup import services
from styr.followup.models import GoalAssessment
from styr.history.models import Change
from styr.organisation.models import Membership, Role
from styr.testing import World

USERS = ["alice", "bob", "charlie"]


class InterleavedEditors(RuleBasedStateMachine):
    """Three people open, edit and save one goal assessment in any order."""

    world: World

    def __init__(self):
        super().__init__()
        GoalAssessment.objects.all().delete()
        Change.objects.all().delete()
        self.read_version = dict.fromkeys(USERS, 0)  # what each one's open form carries
        self.draft = dict.fromkeys(USERS, "")
        self.saved_texts: list[str] = []  # every text that was saved successfully, in order
        self.unsaved: dict[str, str] = {}  # a draft refused by a conflict must still be in the user's hands

    def current(self) -> GoalAssessment | None:
        return GoalAssessment.objects.filter(goal=self.world.goal, period=self.world.period).first()

    @rule(name=st.sampled_from(USERS))
    def open_form(self, name):
        saved = self.current()
        self.read_version[name] = saved.version if saved else 0
        self.draft[name] = saved.text if saved else ""
        self.unsaved.pop(name, None)

    @rule(name=st.sampled_from(USERS), words=st.text(alphabet="abcåäö ", min_size=1, max_size=12))
    def type_text(self, name, words):
        self.draft[name] += words

    @rule(name=st.sampled_from(USERS))
    def save(self, name):
        try:
            saved = services.assess_goal(
                user=getattr(self.world, name), goal=self.world.goal, period=self.world.period, level=None,
                text=self.draft[name], expected_version=self.read_version[name],
            )
        except services.EditConflict as conflict:
            # The form shows the saved version and keeps the user's own text.
            self.unsaved[name] = self.draft[name]
            self.read_version[name] = conflict.saved.version
            return
        self.read_version[name] = saved.version
        if not self.saved_texts or self.saved_texts[-1] != saved.text:
            self.saved_texts.append(saved.text)

    @invariant()
    def every_save_built_on_the_one_before(self):
        """A save is only accepted from someone who had read the latest version: versions form one line."""
        changes = list(Change.objects.order_by("pk").values("before", "after", "action"))
        text = ""
        for change in changes:
            if change["action"] == "update":
                assert change["before"].get("text", text) == text, "an update overwrote a text its writer never saw"
            text = change["after"].get("text", text)
        current = self.current()
        assert (current.text if current else "") == text
        assert (current.version if current else 0) == len(changes)

    @invariant()
    def nothing_typed_is_lost(self):
        """A refused text stays in its writer's form (they may go on typing) until they reopen the form."""
        for name, text in self.unsaved.items():
            assert self.draft[name].startswith(text)


def test_interleaved_users_lose_no_update(world):
    # Three people who may all assess the committee's goal (the service checks it).
    Membership.objects.filter(user__in=[world.bob, world.charlie]).update(unit=world.committee, role=Role.CONTROLLER)
    InterleavedEditors.world = world
    run_state_machine_as_test(
        InterleavedEditors, settings=settings(max_examples=40, stateful_step_count=25, deadline=None)
    )


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_threads_let_exactly_one_win(world):
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def save(user, text):
        try:
            barrier.wait()
            services.assess_goal(user=user, goal=world.goal, period=world.period, level=None, text=text,
                                 expected_version=0)
            outcomes.append("saved")
        except services.EditConflict:
            outcomes.append("conflict")
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=save, args=(world.alice, f"text {n}")) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "saved"]
    assessment = GoalAssessment.objects.get()
    assert assessment.version == 1
    assert Change.objects.filter(object_id=str(assessment.pk)).count() == 1
