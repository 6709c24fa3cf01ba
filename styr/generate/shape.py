"""The shape of a generated municipality: how many of everything, and the Swedish words it is named with.

"large" is the size issue 12 measured Styr at (40 committees, ~1,500 units, ~19,000 measures, ~200,000
outcomes, ~5,600 commitments and activities); "small" is the same shape in miniature, quick enough for tests.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """Counts per level; a pair (low, high) is drawn uniformly, both ends included."""

    committees: int
    areas_per_committee: tuple[int, int]
    units_per_area: tuple[int, int]
    committee_measures: int
    administration_measures: int
    area_measures: tuple[int, int]
    unit_measures: tuple[int, int]
    committee_goals_per_council_goal: tuple[int, int]
    unit_goals: tuple[int, int]
    committee_commitments: int
    unit_commitments: tuple[int, int]
    activities_per_commitment: tuple[int, int]
    direct_activities: tuple[int, int]
    risks_per_committee: int
    outcome_years: int = 10


SIZES: dict[str, Size] = {
    "small": Size(
        committees=2, areas_per_committee=(2, 2), units_per_area=(2, 3), committee_measures=6,
        administration_measures=3, area_measures=(2, 3), unit_measures=(2, 4),
        committee_goals_per_council_goal=(1, 2), unit_goals=(1, 2), committee_commitments=3,
        unit_commitments=(0, 1), activities_per_commitment=(0, 2), direct_activities=(0, 1), risks_per_committee=2,
    ),
    "large": Size(
        committees=40, areas_per_committee=(5, 5), units_per_area=(4, 8), committee_measures=25,
        administration_measures=10, area_measures=(10, 14), unit_measures=(9, 17),
        committee_goals_per_council_goal=(1, 2), unit_goals=(2, 4), committee_commitments=6,
        unit_commitments=(1, 2), activities_per_commitment=(0, 2), direct_activities=(0, 1), risks_per_committee=4,
    ),
}

COUNCIL_GOAL_GROUPS = [("Övergripande mål", "Övergripande mål"), ("Strategiska mål", "Strategiskt mål")]
COUNCIL_GOALS = [  # (group, name)
    ("Övergripande mål", "Attraktiv kommun att leva och bo i"),
    ("Övergripande mål", "Trygg och jämlik välfärd"),
    ("Övergripande mål", "Hållbar tillväxt och arbete"),
    ("Övergripande mål", "Sund ekonomi och effektiv organisation"),
    ("Strategiska mål", "Fler invånare når egen försörjning"),
    ("Strategiska mål", "Barn och unga ges goda förutsättningar"),
    ("Strategiska mål", "Äldre lever ett självständigt och tryggt liv"),
    ("Strategiska mål", "Minskad klimatpåverkan"),
]

SECTOR_COMMITTEES = [
    "Socialnämnden", "Barn- och utbildningsnämnden", "Gymnasienämnden", "Äldreomsorgsnämnden",
    "Funktionsstödsnämnden", "Kultur- och fritidsnämnden", "Miljö- och hälsoskyddsnämnden",
    "Stadsbyggnadsnämnden", "Tekniska nämnden", "Arbetsmarknadsnämnden", "Kommunstyrelsen",
    "Överförmyndarnämnden", "Valnämnden", "Fastighetsnämnden",
]

DISTRICTS = [
    "Norr", "Söder", "Öster", "Väster", "Centrum", "Angered", "Askim", "Backa", "Biskopsgården", "Frölunda",
    "Hisingen", "Kortedala", "Lundby", "Majorna", "Styrsö", "Torslanda", "Tuve", "Örgryte", "Bergsjön",
    "Högsbo", "Kvillebäcken", "Lärjedalen", "Gunnared", "Härlanda", "Linnéstaden", "Johanneberg",
    "Slottsskogen", "Skärgården", "Eriksberg", "Sävenäs",
]

AREA_KINDS = [
    "Förskola", "Grundskola", "Hemtjänst", "Särskilt boende", "Individ- och familjeomsorg", "Funktionsstöd",
    "Fritid och kultur", "Vuxenutbildning", "Stöd och service", "Gata och park",
]

UNIT_WORDS = [
    "Ekbacken", "Solrosen", "Tallen", "Björkhagen", "Lönnen", "Ängen", "Sjöviken", "Kastanjen", "Lingonet",
    "Hasseln", "Vitsippan", "Rönnen", "Granen", "Bäcken", "Kullen", "Åsen", "Hagen", "Lyckan", "Nyponet",
    "Blåklockan",
]

# (name, unit of measure, direction, base value, spread): what municipalities measure.
MEASURE_TEMPLATES = [
    ("Andel nöjda brukare", "percent", "higher", 80, 10),
    ("Andel elever med godkända betyg i alla ämnen", "percent", "higher", 75, 12),
    ("Väntetid till första besök", "days", "lower", 20, 10),
    ("Antal personer med försörjningsstöd", "count", "lower", 900, 300),
    ("Sjukfrånvaro bland medarbetare", "percent", "lower", 7, 2),
    ("Nöjd medarbetarindex", "index", "higher", 75, 8),
    ("Kostnad per brukare", "tkr", "lower", 350, 80),
    ("Andel som fått beslut inom lagstadgad tid", "percent", "higher", 88, 8),
    ("Antal deltagare i verksamheten", "count", "higher", 400, 150),
    ("Matsvinn per portion", "kg_per_fte", "lower", 40, 10),
    ("Nettokostnadsavvikelse", "mnkr", "none", 0, 15),
    ("Andel som upplever sig trygga", "percent", "higher", 70, 12),
]

AGE_GROUPS = ["0–17 år", "18–64 år", "65 år och äldre"]

TEXT = ("Verksamheten har under perioden arbetat vidare med att förbättra resultaten och följer upp "
        "utfallen varje månad tillsammans med enheterna. ")
