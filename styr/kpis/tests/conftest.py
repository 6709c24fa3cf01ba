import pytest

from styr.kpis.services import DEMO_CATALOGUE, load_catalogue_from_directory


@pytest.fixture
def catalogue(db):
    """The demo's catalogue excerpt: six KPIs, all municipalities, county and Huddinge's similar groups."""
    return load_catalogue_from_directory(directory=DEMO_CATALOGUE)
