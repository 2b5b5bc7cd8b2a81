"""Exhibition pages cost a fixed number of queries however many honorees, artworks and images they show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from archive.cache import bump_data_version
from exhibits.models import ExhibitionPage, ExhibitionSectionPage
from media.models import SiteImage
from tests.archive.factories import AwardFactory, HonoreeFactory

pytestmark = pytest.mark.django_db


def honorees_with_awards(count: int, photo=None) -> list:
    honorees = []
    for _ in range(count):
        honoree = HonoreeFactory(photo=photo)
        AwardFactory(honoree=honoree, year=2015)
        AwardFactory(honoree=honoree, year=2020)
        honorees.append(honoree)
    return honorees


def crowded_body(honorees, images) -> list:
    body = [{"type": "paragraph", "value": "<p>很多劳模。</p>"}]
    body += [{"type": "honoree_card", "value": {"honoree": h.pk, "note": "说明"}} for h in honorees]
    body += [
        {
            "type": "artwork",
            "value": {
                "title": f"作品{i}",
                "artist": "作者",
                "medium": "油画",
                "year": 2019,
                "image": images[i % len(images)].pk,
                "honoree": honorees[i].pk,
            },
        }
        for i in range(min(5, len(honorees)))
    ]
    body.append(
        {"type": "gallery", "value": {"heading": "", "images": [{"image": i.pk, "caption": i.title} for i in images]}}
    )
    body.append({"type": "image", "value": {"image": images[0].pk, "caption": ""}})
    return body


def add_section(slug, body) -> ExhibitionSectionPage:
    section = ExhibitionSectionPage(title=slug, slug=slug, body=body)
    ExhibitionPage.objects.get().add_child(instance=section)
    section.save_revision().publish()
    return section


def warm_queries(client, url) -> int:
    """Queries of a render with warm renditions and navigation, but not from the stream's fragment cache."""
    client.get(url)
    bump_data_version()  # a new cache key for the rendered stream
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_section_queries_do_not_grow_with_honoree_cards(client, django_assert_max_num_queries):
    images = list(SiteImage.objects.order_by("pk")[:3])
    small = add_section("small-room", crowded_body(honorees_with_awards(5, photo=images[0]), images))
    large = add_section("large-room", crowded_body(honorees_with_awards(40, photo=images[1]), images))
    assert warm_queries(client, large.url) == warm_queries(client, small.url)
    bump_data_version()
    with django_assert_max_num_queries(24):
        html = client.get(large.url).content.decode()
    assert html.count('class="card honoree-card"') == 40
    assert html.count("2020年") >= 40  # each card shows its awards (prefetched, not fetched one by one)


def test_demo_sections_render_from_a_warm_cache_with_few_queries(client, django_assert_max_num_queries):
    """What their speed rests on (the speed itself is measured in bench/, never by a timer in a test)."""
    for section in ExhibitionSectionPage.objects.live():
        client.get(section.url)
        with django_assert_max_num_queries(15):
            assert client.get(section.url).status_code == 200, section.url


def test_rendered_stream_is_cached_per_revision_and_archive_version(client, django_assert_max_num_queries):
    from archive.models import Honoree

    section = ExhibitionSectionPage.objects.get(slug="keeping-the-lights-on")
    zeng = Honoree.objects.get(external_id="SRC-0004")
    assert zeng.get_absolute_url() in client.get(section.url).content.decode()
    # Routing, the section list and the version counters (one read per request): the stream comes from the cache.
    with django_assert_max_num_queries(15):
        client.get(section.url)
    zeng.withdrawn = True
    zeng.save()  # bumps the archive version: the card must go at once
    assert zeng.get_absolute_url() not in client.get(section.url).content.decode()
    section.body = [{"type": "paragraph", "value": "<p>新版本的内容。</p>"}]
    section.save_revision().publish()
    assert "新版本的内容。" in client.get(section.url).content.decode()
