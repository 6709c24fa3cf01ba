"""Linking measures and filling their outcomes; the demo's figures coming from the importer."""

from decimal import Decimal

import pytest

from styr.followup.models import MeasureOutcome
from styr.followup.rules import target_met
from styr.history.models import Change
from styr.kpis.comparisons import measure_comparison
from styr.kpis.models import ImportRun, KpiValue
from styr.kpis.parsing import KoladaDataError
from styr.kpis.services import (
    demo_records,
    import_demo_comparisons,
    import_values,
    link_measure,
    update_measure_outcomes,
)
from styr.kpis.tests.huddinge import build_huddinge
from styr.plans.models import TargetKind


@pytest.fixture
def huddinge(catalogue):
    return build_huddinge()


def outcome(measure, year):
    return MeasureOutcome.objects.get(measure=measure, year=year, month=12)


def test_linking_checks_the_catalogue_and_records_history(huddinge):
    _, _, _, measures, controller, _ = huddinge
    measure = measures["sjukfranvaro"]
    with pytest.raises(KoladaDataError, match="unknown KPI 'N99999'"):
        link_measure(user=controller, measure=measure, kpi_id="N99999")
    with pytest.raises(KoladaDataError, match="unknown KPI 'N99999'"):  # PostgreSQL cannot even look up a NUL
        link_measure(user=controller, measure=measure, kpi_id="N99\x00999")
    link_measure(user=controller, measure=measure, kpi_id=" u33401 ")
    measure.refresh_from_db()
    assert measure.kolada_kpi == "U33401"
    change = Change.objects.get(object_id=str(measure.pk))
    assert change.before == {"kolada_kpi": ""} and change.after == {"kolada_kpi": "U33401"} and change.user == controller


def test_the_demo_reproduces_seed_001s_rankings_and_county_averages(huddinge):
    municipality, _, _, measures, _, _ = huddinge
    import_demo_comparisons(municipality=municipality)
    assert (outcome(measures["utredningstid-missbruk"], 2020).rank, outcome(measures["utredningstid-missbruk"], 2020).rank_of) == (19, 24)
    assert (outcome(measures["utredningstid-barn-unga"], 2020).rank, outcome(measures["utredningstid-barn-unga"], 2020).rank_of) == (18, 24)
    survey_2020 = outcome(measures["brukarbedomning"], 2020)
    assert (survey_2020.rank, survey_2020.rank_of, survey_2020.county_average) == (1, 14, Decimal("78"))
    survey_2018 = outcome(measures["brukarbedomning"], 2018)
    assert (survey_2018.rank, survey_2018.rank_of) == (6, 19)
    assert outcome(measures["hme-motivation"], 2019).county_average == Decimal("79")
    assert outcome(measures["hme-ledarskap"], 2019).county_average == Decimal("78")
    assert outcome(measures["hme-totalt"], 2019).county_average == Decimal("79")


def test_the_demo_links_u00210_to_u00201_and_keeps_the_seeds_source_text(huddinge):
    municipality, _, _, measures, _, _ = huddinge
    import_demo_comparisons(municipality=municipality)
    motivation = measures["hme-motivation"]
    motivation.refresh_from_db()
    assert motivation.kolada_kpi == "U00201"
    assert motivation.source == "Medarbetarundersökningen, Kolada nr U00210"
    assert outcome(motivation, 2019).total == Decimal("82.7")


def test_above_county_average_is_judged_against_last_years_computed_average(huddinge):
    municipality, _, _, measures, _, _ = huddinge
    import_demo_comparisons(municipality=municipality)
    for slug in ("hme-motivation", "hme-ledarskap", "hme-totalt"):
        measure = measures[slug]
        met = target_met(
            kind=TargetKind.ABOVE_COUNTY_AVERAGE, measure_kind=measure.kind, direction=measure.direction,
            current=outcome(measure, 2020).total, previous_county_average=outcome(measure, 2019).county_average,
        )
        assert met is True, slug


def test_genders_kolada_lacks_keep_what_was_typed(huddinge):
    municipality, _, _, measures, _, _ = huddinge
    import_demo_comparisons(municipality=municipality)
    survey = outcome(measures["brukarbedomning"], 2020)  # U30453 is not divided by gender in Kolada
    assert (survey.total, survey.women, survey.men) == (Decimal("85"), Decimal("100"), Decimal("78"))


def test_outcome_updates_bump_the_version_record_history_and_repeat_as_no_ops(huddinge):
    _, _, _, measures, controller, _ = huddinge
    import_values(records=demo_records(), kind=ImportRun.Kind.DEMO, source="demo")
    measure = measures["utredningstid-barn-unga"]
    first = update_measure_outcomes(user=controller, measure=measure)
    assert (first.created, first.updated) == (2, 1)  # 2018 and 2019 new, 2020 gets its rank and average
    typed = outcome(measure, 2020)
    assert typed.version == 2 and typed.updated_by == controller
    change = Change.objects.filter(object_id=str(typed.pk)).get()
    assert change.after["rank"] == 18 and change.before["rank"] is None
    again = update_measure_outcomes(user=controller, measure=measure)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_revised_value_changes_the_rank(huddinge):
    municipality, _, _, measures, _, _ = huddinge
    import_demo_comparisons(municipality=municipality)
    measure = measures["utredningstid-barn-unga"]
    better_than_all = KpiValue.objects.filter(kpi_id="U33401", year=2020, gender="T").order_by("value").first().value
    KpiValue.objects.filter(kpi_id="U33401", municipality_id="0126", year=2020, gender="T").update(value=better_than_all - 1)
    update_measure_outcomes(user=None, measure=measure)
    assert outcome(measure, 2020).rank == 1


def test_measure_comparison_for_the_measure_page(huddinge):
    municipality, _, _, measures, _, _ = huddinge
    import_demo_comparisons(municipality=municipality)
    comparison = measure_comparison(measures["utredningstid-missbruk"])
    assert comparison.municipality.name == "Huddinge" and comparison.county.kolada_id == "G33612"
    assert [place.name for place in comparison.comparison_municipalities][:2] == ["Haninge", "Järfälla"]
    assert comparison.similar_group.name == "Liknande kommuner IFO, Huddinge, 2024"
    year = comparison.year(2020)
    assert year.ranking == "19/24" and year.total == Decimal("63")
    assert year.similar_reported == 7 and year.similar_average is not None
    stockholm = KpiValue.objects.get(kpi_id="U35400", municipality_id="0180", year=2020, gender="T").value
    assert year.comparison_values["0180"] == Decimal(str(stockholm))
    series = {line.key: line for line in comparison.series()}
    assert series["own"].values == [Decimal("80"), Decimal("89"), Decimal("63")]
    assert len(series) == 3 + 6
    assert measure_comparison(measures["sjukfranvaro"]) is None


def test_the_sync_plan_covers_county_peers_and_similar_groups_of_known_kpis(huddinge):
    from styr.kpis.services import sync_plan

    plan = sync_plan()
    assert plan.kpis == ["U00200", "U00202", "U30453", "U33401", "U35400"]  # U00210 is not in the catalogue
    county = {f"01{suffix}" for suffix in ("14", "15", "17", "20", "23", "25", "26", "27", "28", "36", "38", "39", "40",
                                          "60", "62", "63", "80", "81", "82", "83", "84", "86", "87", "88", "91", "92")}
    similar_outside = {"0780", "1281", "1380", "1490", "1780", "2281", "0484", "1290"}  # IFO and övergripande groups
    assert set(plan.municipalities) == county | similar_outside


def test_the_demo_loads_its_catalogue_excerpt_into_an_empty_database(db):
    municipality, _, _, measures, _, _ = build_huddinge()
    changes = import_demo_comparisons(municipality=municipality)
    assert changes.created > 0
    assert outcome(measures["utredningstid-missbruk"], 2020).rank == 19


def test_no_outcome_is_made_for_a_year_without_an_own_value(huddinge):
    municipality, _, _, measures, _, _ = huddinge
    import_demo_comparisons(municipality=municipality)
    survey = measures["brukarbedomning"]  # biennial: 2018 and 2020
    assert sorted(MeasureOutcome.objects.filter(measure=survey).values_list("year", flat=True)) == [2018, 2020]
    assert not MeasureOutcome.objects.filter(measure=measures["hme-totalt"], year=2018).exists()


def test_the_year_before_an_above_county_average_target_gets_its_average(huddinge):
    from styr.plans.models import Target

    municipality, _, _, measures, _, _ = huddinge
    survey = measures["brukarbedomning"]
    Target.objects.create(measure=survey, year=2020, kind=TargetKind.ABOVE_COUNTY_AVERAGE)
    import_demo_comparisons(municipality=municipality)
    carrier = outcome(survey, 2019)
    assert carrier.total is None and carrier.county_average is not None
