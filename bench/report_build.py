"""Benchmark: the annual report of a large committee (40 goals, 200 measures, 40 charts, ~60 pages).

    .venv/bin/python bench/report_build.py [--runs 3]

Builds the data in a throw-away SQLite database, then per format (pdf, docx, html) reports the
time of build (database → document model) and render, with the engine-only part as a baseline
measured in the same run (PDF: the typst.compile call; DOCX: Typst's PNG charts + python-docx's
save), and the peak memory (VmHWM of this process, reset before each format). Targets on the
reference machine (2 cores): PDF ≤ 3 s, DOCX ≤ 1.5 s, peak memory ≤ 300 MB.
"""

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="styr-bench-"))
if "--child" not in sys.argv:  # the children measure in the database their parent made
    os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

GOALS, MEASURES_PER_GOAL, COUNCIL_GOALS = 40, 5, 8
YEAR = 2020
TEXT = ("Verksamheten har under året arbetat vidare med att förbättra resultaten och följt upp utfallen "
        "varje månad tillsammans med enheterna. ")


def peak_reset() -> None:
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_data():
    from styr.followup.models import (
        AssessmentLevel,
        CommitmentReport,
        FollowUpPeriod,
        GoalAssessment,
        MeasureAnalysis,
        MeasureOutcome,
        PeriodKind,
        PeriodReport,
        StatusOption,
    )
    from styr.followup.presets import install_presets
    from styr.organisation.models import Municipality, OrganisationUnit, UnitKind
    from styr.plans.models import (
        Commitment,
        CouncilGoal,
        CouncilGoalChoice,
        CouncilGoalGroup,
        Goal,
        GoalMeasure,
        Measure,
        Plan,
        PlanStatus,
        Target,
        TargetKind,
    )

    municipality = Municipality.objects.create(name="Storby kommun", short_name="Storby", slug="storby", kolada_id="0199")
    install_presets(municipality)
    unit = OrganisationUnit.objects.create(municipality=municipality, kind=UnitKind.COMMITTEE,
                                           name="Stora nämnden", slug="stora-namnden", responsibility=TEXT * 6)
    period = FollowUpPeriod.objects.create(municipality=municipality, year=YEAR, kind=PeriodKind.ANNUAL_REPORT,
                                           slug="vb", name="Verksamhetsberättelse", as_of=datetime.date(YEAR, 12, 31))
    plan = Plan.objects.create(unit=unit, year=YEAR, status=PlanStatus.PUBLISHED)
    levels = list(AssessmentLevel.objects.filter(scale__municipality=municipality))
    statuses = list(StatusOption.objects.filter(municipality=municipality))
    PeriodReport.objects.create(plan=plan, period=period, level=levels[1], text=TEXT * 3, summary=TEXT * 8,
                                events="Händelse ett\nHändelse två", improvement_areas="Område ett\nOmråde två")
    group = CouncilGoalGroup.objects.create(municipality=municipality, name="Övergripande mål")
    for c in range(COUNCIL_GOALS):
        council_goal = CouncilGoal.objects.create(municipality=municipality, key=f"kf-{c}", name=f"Övergripande mål {c + 1}",
                                                  group=group, order=c)
        CouncilGoalChoice.objects.create(plan=plan, council_goal=council_goal)
    council_goals = list(CouncilGoal.objects.filter(municipality=municipality))
    outcomes, targets, analyses, links = [], [], [], []
    for g in range(GOALS):
        goal = Goal.objects.create(plan=plan, council_goal=council_goals[g % COUNCIL_GOALS], slug=f"mal-{g}",
                                   name=f"Nämndmål {g + 1}: fler invånare får rätt stöd i rätt tid", order=g)
        GoalAssessment.objects.create(goal=goal, period=period, level=levels[g % 4], text=TEXT * 2)
        commitment = Commitment.objects.create(plan=plan, goal=goal, name=f"Åtagande {g + 1}", order=0)
        CommitmentReport.objects.create(commitment=commitment, period=period, status=statuses[g % len(statuses)],
                                        comment=TEXT * 2)
        for i in range(MEASURES_PER_GOAL):
            number = g * MEASURES_PER_GOAL + i
            measure = Measure.objects.create(unit=unit, slug=f"matt-{number}", name=f"Mått {number + 1}, andel nöjda brukare",
                                             unit_of_measure="percent", direction="higher", source=f"Kolada U{number:05d}")
            links.append(GoalMeasure(goal=goal, measure=measure, order=i))
            # The first measure of each goal has three years (it gets the goal's chart); the others two.
            for year in range(YEAR - (2 if i == 0 else 1), YEAR + 1):
                base = Decimal(60 + (number * 7 + year) % 30)
                outcomes.append(MeasureOutcome(measure=measure, year=year, total=base, women=base + 2, men=base - 1,
                                               county_average=base - 3, rank=5, rank_of=26))
            targets.append(Target(measure=measure, year=YEAR, kind=TargetKind.NUMBER, value=Decimal(85)))
            analyses.append(MeasureAnalysis(measure=measure, period=period, analysis=TEXT if i % 2 == 0 else "",
                                            unjustified_differences=False))
    GoalMeasure.objects.bulk_create(links)
    MeasureOutcome.objects.bulk_create(outcomes)
    Target.objects.bulk_create(targets)
    MeasureAnalysis.objects.bulk_create(analyses)
    return unit


def pdf_pages(data: bytes) -> int:
    path = WORK / "count.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:")), -1)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


class EngineClock:
    """Adds up the time spent inside the engines (typst.compile, python-docx save) while rendering."""

    def __init__(self):
        self.seconds = 0.0

    def wrap(self, owner, name):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        setattr(owner, name, wrapper)
        return original


def warm_up(fmt: str) -> None:
    """What a running server has already paid: imports, template engine, fonts; a small other document."""
    from styr.charts import measure_line_chart
    from styr.documents import model as m
    from styr.documents.formatters import render

    chart = measure_line_chart(title="Uppvärmning", years=[2019, 2020], unit="percent", total={2019: 1, 2020: 2})
    document = m.Document(kind="vb", title="Uppvärmning", organisation="Ingen", municipality="Ingen", year=2000,
                          toc_title="Innehåll", footer_page="Sida {page} av {total}")
    document.add(m.Heading(1, "Rubrik"), m.Paragraph("Text"),
                 m.MeasureTable(caption="Mått", columns=["a", "b", "c", "d", "e"], rows=[m.MeasureRow(name="x")]),
                 m.Chart(caption="Diagram", alt=chart.alt_text, svg=chart.svg))
    render(document, fmt)


def child(fmt: str) -> None:
    """One measurement in a fresh process, so no cache of an earlier run of the same report helps."""
    import json

    import docx.document
    import typst

    from styr.documents.builder import build_document
    from styr.documents.formatters import render
    from styr.organisation.models import OrganisationUnit

    warm_up(fmt)
    clock = EngineClock()
    clock.wrap(typst, "compile")
    clock.wrap(docx.document.Document, "save")
    unit = OrganisationUnit.objects.get(slug="stora-namnden")
    peak_reset()
    cpu_started = time.process_time()
    document, build_seconds = timed(build_document, unit=unit, year=YEAR, kind="annual_report")
    data, render_seconds = timed(render, document, fmt)
    cpu_seconds = time.process_time() - cpu_started
    pages = pdf_pages(data) if fmt == "pdf" else None
    print(json.dumps({"build": build_seconds, "render": render_seconds, "engine": clock.seconds, "peak": peak_mb(), "cpu": cpu_seconds,
                      "size": len(data), "pages": pages, "charts": len(document.charts)}))


def main() -> None:
    import json
    import statistics

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", default="")
    parser.add_argument("--work", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    call_command("migrate", verbosity=0)
    _, seconds = timed(make_data)
    print(f"data: {GOALS} goals, {GOALS * MEASURES_PER_GOAL} measures, made in {seconds:.1f} s "
          f"(each measurement in a fresh process after a warm-up with a small other document)")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times grow with it; "
          "cpu s = CPU time of build + render, all threads)")
    print(f"{'format':6} {'build s':>8} {'render s':>9} {'engine s':>9} {'total s':>8} {'cpu s':>6} {'peak MB':>8}  notes")
    env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"]}
    for fmt in ("pdf", "docx", "html"):
        results = []
        for _ in range(args.runs):
            output = subprocess.run([sys.executable, __file__, "--child", fmt], env=env, capture_output=True,
                                    text=True, check=True).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))

        def median(key: str, results: list[dict] = results) -> float:
            return statistics.median(result[key] for result in results)

        last = results[-1]
        notes = f"{last['size'] / 1024:.0f} KiB, {last['charts']} charts"
        if last["pages"]:
            notes += f", {last['pages']} pages"
        print(f"{fmt:6} {median('build'):8.2f} {median('render'):9.2f} {median('engine'):9.2f} "
              f"{median('build') + median('render'):8.2f} {median('cpu'):6.2f} {max(r['peak'] for r in results):8.0f}  "
              f"{notes} (median of {args.runs})")


if __name__ == "__main__":
    main()
