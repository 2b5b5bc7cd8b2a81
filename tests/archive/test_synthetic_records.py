"""Synthetic records (示例数据) stay apart: public totals, statistics and previous/next count real records only,
the places that list them say how many there are, and in search a real record comes before a synthetic one of
the same tier, in both engines."""

import io
import re
from types import SimpleNamespace

from django.core.management import call_command

import pytest

from archive.browse import parse_filters
from archive.models import Honoree
from search.elastic import ElasticsearchEngine
from search.embedded import EmbeddedEngine, name_tier
from search.text import analyse_query

from .test_dictionary import get_html, make_honoree
from .test_statistics import table_rows

pytestmark = pytest.mark.django_db

SYNTHETIC = 15


@pytest.fixture
def synthetic_records():
    call_command("generate_synthetic", honorees=SYNTHETIC, national=3, stdout=io.StringIO())
    assert Honoree.objects.public().filter(is_synthetic=True).count() == SYNTHETIC


def real_count() -> int:
    return Honoree.objects.public().real().count()


def test_the_home_page_counts_real_records_only(client, synthetic_records):
    html = get_html(client, "/")
    figure = re.search(r"<strong>([\d,]+)</strong> <span>位劳模与集体</span>", html).group(1)
    assert int(figure.replace(",", "")) == real_count() == Honoree.objects.public().count() - SYNTHETIC


def test_statistics_count_real_records_and_say_how_many_synthetic_ones_are_left_out(client, synthetic_records):
    html = get_html(client, "/dictionary/statistics/")
    assert f'<strong class="figure">{real_count()}</strong>' in html
    assert f"另有 <strong>{SYNTHETIC}</strong> 条示例数据，未计入。" in html
    # No breakdown counts a synthetic record either.
    real_people = Honoree.objects.public().real().filter(kind="person").count()
    assert sum(int(n) for n in table_rows(html, "按性别（个人）").values()) == real_people
    assert sum(int(n) for n in table_rows(html, "按所属区").values()) == real_count()
    body = client.get("/api/statistics/").json()
    assert body["total"][0]["count"] == real_count()
    assert body["synthetic"] == [{"label": "示例数据（未计入）", "count": SYNTHETIC}]


def test_without_synthetic_records_there_is_no_note(client):
    assert "示例数据" not in get_html(client, "/dictionary/statistics/")
    assert "条为<span" not in get_html(client, "/dictionary/")


def test_the_dictionary_lists_them_labelled_and_counted_apart(client, synthetic_records):
    html = get_html(client, "/dictionary/")
    assert f"其中 {SYNTHETIC} 条为" in html and '<span class="badge badge-synthetic">示例数据</span>' in html


def test_previous_and_next_never_cross_between_real_and_synthetic_records(client):
    first = make_honoree("T-PN-1", "丁一")
    between = make_honoree("SYN-T-PN", "丁二", is_synthetic=True)
    last = make_honoree("T-PN-3", "丁三")
    assert first.stroke_key < between.stroke_key < last.stroke_key  # the synthetic one sits in between
    first_html = get_html(client, first.get_absolute_url())
    assert f'<a href="{last.get_absolute_url()}" rel="next">' in first_html
    assert between.get_absolute_url() not in first_html
    last_html = get_html(client, last.get_absolute_url())
    assert f'<a href="{first.get_absolute_url()}" rel="prev">' in last_html
    assert between.get_absolute_url() not in last_html
    # From the synthetic entry there is no way into the real ones either.
    between_html = get_html(client, between.get_absolute_url())
    assert 'rel="next"' not in between_html and 'rel="prev"' not in between_html


def test_embedded_search_puts_a_real_record_before_a_synthetic_one_of_the_same_tier():
    # Both names contain 丁同 (tier 1); the synthetic one is shorter, which would otherwise put it first.
    real = make_honoree("T-SR-R", "丁同志强")
    synthetic = make_honoree("SYN-T-SR", "丁同华", is_synthetic=True)
    engine = EmbeddedEngine()
    for honoree in (real, synthetic):
        engine.index_honoree(honoree)
    analysed = analyse_query("丁同")
    tiers = {h.external_id: name_tier(analysed, candidate(h.name)) for h in (real, synthetic)}
    assert tiers["T-SR-R"][0] == tiers["SYN-T-SR"][0] == 1 and tiers["SYN-T-SR"] < tiers["T-SR-R"]
    hits = [hit.id for hit in engine.search_honorees("丁同", parse_filters({})).hits]
    assert hits.index("T-SR-R") < hits.index("SYN-T-SR")


def test_a_broad_search_lists_real_records_before_synthetic_ones(monkeypatch):
    """Past BROAD_MATCH matches only names are ranked; the rest follow in dictionary order — real ones first."""
    import search.embedded

    make_honoree("T-SR-B", "丁兆", biography="修钢笔的老师傅。")
    make_honoree("SYN-T-SB", "丁乙", biography="修钢笔的老师傅。", is_synthetic=True)  # 乙 sorts before 兆
    engine = EmbeddedEngine()
    for honoree in Honoree.objects.filter(external_id__in=["T-SR-B", "SYN-T-SB"]):
        engine.index_honoree(honoree)
    monkeypatch.setattr(search.embedded, "BROAD_MATCH", 1)
    hits = [hit.id for hit in engine.search_honorees("修钢笔", parse_filters({})).hits]
    assert hits.index("T-SR-B") < hits.index("SYN-T-SB")


def candidate(name: str):
    from search.embedded import Candidate

    reading = analyse_query(name).parts[0]
    return Candidate(0, 0, name, reading.pinyin_full, reading.initials, "honoree", 0.0)


class Hit:
    """What ElasticsearchEngine._rank reads of a hit: its id and the candidate fields of its source."""

    def __init__(self, key: str, name: str, synthetic: bool):
        reading = analyse_query(name).parts[0]
        self.meta = SimpleNamespace(id=key)
        self.source = {
            "title_normalized": name,
            "pinyin_full": reading.pinyin_full,
            "initials": reading.initials,
            "synthetic": synthetic,
        }

    def to_dict(self):
        return self.source


def test_elasticsearch_results_put_a_real_record_before_a_synthetic_one_of_the_same_tier():
    readings = [analyse_query("丁同")]
    # The cluster's own order has the synthetic record first (a higher score, say).
    ranked = ElasticsearchEngine._rank(
        [Hit("honoree:2", "丁同华", True), Hit("honoree:1", "丁同志强", False)], readings
    )
    assert [key for key, _ in ranked] == ["honoree:1", "honoree:2"]
    assert [tier for _, tier in ranked] == [1, 1]
    # Both real: closeness decides, and the shorter name comes first as before.
    ranked = ElasticsearchEngine._rank(
        [Hit("honoree:1", "丁同志强", False), Hit("honoree:2", "丁同华", False)], readings
    )
    assert [key for key, _ in ranked] == ["honoree:2", "honoree:1"]
