"""County averages and rankings: the rules, and Python and SQL agreeing on stored data."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styr.kpis.models import ImportRun
from styr.kpis.services import demo_records, import_values
from styr.kpis.statistics import (
    all_county_statistics,
    all_county_statistics_sql,
    competition_ranks,
    summarise,
)


def test_ties_share_a_rank_and_the_next_is_skipped():
    values = {"a": 10.0, "b": 20.0, "c": 20.0, "d": 30.0}
    assert competition_ranks(values, "higher") == {"d": 1, "b": 2, "c": 2, "a": 4}
    assert competition_ranks(values, "lower") == {"a": 1, "b": 2, "c": 2, "d": 4}


def test_the_average_is_unweighted_and_counts_only_those_that_reported():
    summary = summarise({"0126": 80.0, "0136": 70.0, "0180": None, "0182": 90.0}, "higher")
    assert (summary.average, summary.reported) == (80.0, 3)
    assert summary.rank_of("0126") == 2 and summary.rank_of("0180") is None


def test_without_a_direction_there_are_no_ranks():
    assert summarise({"0126": 1.0}, "").ranks == {}


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(-50, 50).map(float), min_size=1, max_size=30),
       st.sampled_from(["higher", "lower"]))
def test_rank_is_one_more_than_those_strictly_better(values, direction):
    ranks = competition_ranks(values, direction)
    for key, value in values.items():
        better = [other for other in values.values() if (other > value if direction == "higher" else other < value)]
        assert ranks[key] == len(better) + 1


@pytest.mark.django_db
def test_python_pass_and_sql_windows_agree(catalogue):
    import_values(records=demo_records(), kind=ImportRun.Kind.DEMO, source="demo")
    directions = {"U35400": "lower", "U33401": "lower"}
    python = all_county_statistics(directions)
    sql = all_county_statistics_sql(directions)
    assert len(sql) > 1000
    for (kpi, municipality, year, gender), (rank, ranked, average) in sql.items():
        summary = python[(kpi, municipality[:2], year, gender)]
        assert summary.rank_of(municipality) == rank
        assert summary.reported == ranked
        assert summary.average == pytest.approx(average)
    stockholm = python[("U35400", "01", 2020, "T")]
    assert (stockholm.rank_of("0126"), stockholm.reported) == (19, 24)
