"""Awards read as a timeline; between awards of the same year the archivist's order (or the file's) decides."""

import pytest

from archive.importing import import_file
from archive.models import Award, Honoree, Honour

from .test_import import GOOD, make_csv, record

pytestmark = pytest.mark.django_db


def names(honoree) -> list[tuple]:
    return [(award.year, award.honour.name) for award in honoree.awards.all()]


def test_the_file_order_decides_within_a_year_and_the_years_come_first():
    honors = "2015 全国劳动模范；1995 北京市劳动模范；2015 首都劳动奖章"
    import_file(make_csv(record(honors=honors)), "records.csv")
    honoree = Honoree.objects.get(external_id=GOOD["id"])
    assert names(honoree) == [(1995, "北京市劳动模范"), (2015, "全国劳动模范"), (2015, "首都劳动奖章")]

    import_file(make_csv(record(honors="2015 首都劳动奖章；1995 北京市劳动模范；2015 全国劳动模范")), "records.csv")
    # Nothing changed but the order in the file: the awards already arranged keep their places.
    assert names(honoree) == [(1995, "北京市劳动模范"), (2015, "全国劳动模范"), (2015, "首都劳动奖章")]


def test_an_award_added_by_a_later_import_comes_after_those_of_its_year():
    import_file(make_csv(record(honors="2015 首都劳动奖章")), "records.csv")
    import_file(make_csv(record(honors="2015 首都劳动奖章；2015 全国劳动模范")), "records.csv")
    honoree = Honoree.objects.get(external_id=GOOD["id"])
    assert names(honoree) == [(2015, "首都劳动奖章"), (2015, "全国劳动模范")]


def test_the_entry_page_and_the_api_follow_the_arranged_order(client):
    import_file(make_csv(record(honors="2015 全国劳动模范；2015 首都劳动奖章")), "records.csv")
    honoree = Honoree.objects.get(external_id=GOOD["id"])
    national, capital = Honour.objects.get(name="全国劳动模范"), Honour.objects.get(name="首都劳动奖章")
    Award.objects.filter(honoree=honoree, honour=national).update(sort_order=1)
    Award.objects.filter(honoree=honoree, honour=capital).update(sort_order=0)
    honoree.save()  # what publishing from the admin does: the caches move on

    html = client.get(honoree.get_absolute_url()).content.decode()
    assert html.index("首都劳动奖章") < html.index("全国劳动模范", html.index('<ol class="timeline">'))
    api = client.get(f"/api/honorees/{honoree.external_id}/").json()
    assert [award["honor"] for award in api["honors"]] == ["首都劳动奖章", "全国劳动模范"]
