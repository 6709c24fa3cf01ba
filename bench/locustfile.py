"""Deadline day for Locust (run by bench/load.py, which starts the servers and checks the database after).

Managers sign in once, then open their unit's follow-up, save a measure's values and analysis or a
commitment's or activity's comment exactly as the page's form carries them (CSRF token, item key,
versions, every field), and read the overview and goal pages; controllers read who is done, the
documents and the overview. Every save the server acknowledged (the redirect after a save) is
written to BENCH_ACKS with its item, version and unique text, so that bench/load.py can verify it
in the database. BENCH_CAST is the JSON of bench/world.py's cast; BENCH_THINK "low,high" seconds.
"""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, constant, events, task
from lxml import html

CAST = json.loads(Path(os.environ["BENCH_CAST"]).read_text(encoding="utf-8"))
LOW, HIGH = (float(part) for part in os.environ.get("BENCH_THINK", "1,3").split(","))
TEXT_FIELDS = {"measure-": "analysis", "commitment-": "comment", "activity-": "comment"}
ACKS: list[dict] = []
_managers, _controllers = itertools.count(), itertools.count()


def form_data(form) -> dict[str, str]:
    """What a browser would submit from this form, unchanged."""
    data = {}
    for field in form.xpath(".//input[@name] | .//textarea[@name] | .//select[@name]"):
        name = field.get("name")
        if field.tag == "select":
            chosen = field.xpath("./option[@selected]/@value") or field.xpath("./option/@value")[:1]
            data[name] = chosen[0] if chosen else ""
        elif field.tag == "textarea":
            data[name] = field.text or ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.get("checked") is not None:
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def sign_in(user: HttpUser, username: str) -> None:
    """Once per simulated person: the session then lasts the working day."""
    page = user.client.get("/konto/logga-in/", name="sign-in page")
    token = html.fromstring(page.content).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]
    user.client.post("/konto/logga-in/", data={"username": username, "password": CAST["password"],
                                               "csrfmiddlewaretoken": token}, name="sign in")


class Manager(HttpUser):
    fixed_count = len(CAST["managers"])
    wait_time = between(LOW, HIGH)

    def on_start(self):
        self.entry = CAST["managers"][next(_managers) % len(CAST["managers"])]
        self.saves = 0
        sign_in(self, self.entry["username"])

    @task(2)
    def overview(self):
        self.client.get(self.entry["overview"], name="overview")

    @task(2)
    def goal(self):
        if self.entry["goals"]:
            self.client.get(random.choice(self.entry["goals"]), name="goal")

    @task(1)
    def open_followup(self):
        self.client.get(self.entry["followup"], name="follow-up")

    @task(3)
    def save(self):
        page = self.client.get(self.entry["followup"], name="follow-up")
        forms = [form for form in html.fromstring(page.content).xpath("//form[.//input[@name='item']]")
                 if form.xpath(".//input[@name='item']/@value")[0].startswith(tuple(TEXT_FIELDS))]
        if not forms:
            return
        form = random.choice(forms)
        data = form_data(form)
        key = data["item"]
        field = TEXT_FIELDS[next(prefix for prefix in TEXT_FIELDS if key.startswith(prefix))]
        version_name = f"{key}-analysis_version" if field == "analysis" else f"{key}-version"
        self.saves += 1
        text = f"Bench {self.entry['username']} save {self.saves}"
        data[f"{key}-{field}"] = text
        if f"{key}-total" in data:  # a value within every unit's limits, in the Swedish format
            data[f"{key}-total"] = f"{random.randint(1, 99)},{random.randint(0, 9)}"
        with self.client.post(self.entry["followup"], data=data, name="save", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code == 302:
                ACKS.append({"plan": self.entry["plan"], "key": key, "field": field, "text": text,
                             "version": int(data.get(version_name) or 0)})
                response.success()
            elif response.status_code == 200 and b'class="conflict"' in response.content:
                response.success()  # someone saved the item in between: refused, and said so; not a loss
            else:
                response.failure(f"save answered {response.status_code}")


class Controller(HttpUser):
    fixed_count = len(CAST["controllers"])
    wait_time = between(LOW, HIGH)

    def on_start(self):
        self.entry = CAST["controllers"][next(_controllers) % len(CAST["controllers"])]
        sign_in(self, self.entry["username"])

    @task(3)
    def progress(self):
        self.client.get(self.entry["progress"], name="who is done")

    @task(1)
    def documents(self):
        self.client.get(self.entry["documents"], name="documents")

    @task(1)
    def overview(self):
        self.client.get(self.entry["overview"], name="overview")


class Health(HttpUser):
    """The baseline: the trivial view (`/healthz`, one SELECT 1) as fast as the servers answer it."""

    wait_time = constant(0)

    @task
    def health(self):
        self.client.get("/healthz", name="healthz")


@events.quitting.add_listener
def write_acknowledged(environment, **kwargs):
    with open(os.environ["BENCH_ACKS"], "w", encoding="utf-8") as handle:
        json.dump(ACKS, handle)
