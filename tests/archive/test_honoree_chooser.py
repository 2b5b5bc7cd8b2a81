"""Choosing honorees in the admin scales: a searchable chooser (characters, pinyin, initials, id) that tells namesakes
apart, and page editors that list only the chosen records instead of a <select> of the whole archive."""

import json

from django.db import connection
from django.forms.models import modelform_factory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from archive.models import Award, District, Honoree, Honour
from archive.widgets import HonoreeMultipleChooser, HonoreeSnippetChooser
from exhibits.blocks import HonoreeChooserBlock
from exhibits.models import LessonPage, StoryPage
from exhibits.models.catalogue import Artwork
from media.models import FilmPage
from tests.archive.factories import AwardFactory, HonoreeFactory

pytestmark = pytest.mark.django_db

CHOOSE = "wagtailsnippetchoosers_archive_honoree:choose"
RESULTS = "wagtailsnippetchoosers_archive_honoree:choose_results"
CHOSEN_MULTIPLE = "wagtailsnippetchoosers_archive_honoree:chosen_multiple"


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("chooser-admin", superuser=True))
    return client


@pytest.fixture
def namesakes(db):
    """Two records of one name, told apart by unit, id, district and honours; one withdrawn, one synthetic."""
    district = District.objects.order_by("sort_order").first()
    first = HonoreeFactory(name="蔺晓雯", external_id="T-LXW-1", employer="北京第一机床厂", district=district)
    second = HonoreeFactory(
        name="蔺晓雯", external_id="T-LXW-2", employer="北京公交集团", withdrawn=True, is_synthetic=True
    )
    AwardFactory(honoree=first, year=1995)
    AwardFactory(honoree=second, honour=Honour.objects.get(name="北京市劳动模范"), year=2005)
    return first, second


@pytest.fixture
def bystanders(db):
    """Records nobody chose: none of them may appear in an editor."""
    Honoree.objects.bulk_create(
        Honoree(external_id=f"T-BY-{number:04d}", name=f"旁观者{number:04d}", stroke_key=f"z{number:04d}")
        for number in range(1500)
    )


def results(client, query, **params):
    response = client.get(reverse(RESULTS), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["蔺晓雯", "晓雯", "linxiaowen", "lin xiaowen", "LinXiaoWen", "lxw", "T-LXW-1"])
def test_the_chooser_finds_a_record_by_characters_pinyin_initials_and_id(admin_client, namesakes, query):
    html = results(admin_client, query)
    assert "T-LXW-1" in html and "北京第一机床厂" in html


def test_the_chooser_does_not_list_records_that_do_not_match(admin_client, namesakes):
    html = results(admin_client, "T-LXW-2")
    assert "T-LXW-2" in html and "T-LXW-1" not in html
    assert "T-LXW" not in results(admin_client, "zzzzqqq")


def test_namesakes_both_appear_with_what_tells_them_apart(admin_client, namesakes):
    first, second = namesakes
    html = results(admin_client, "蔺晓雯")
    for text in ("T-LXW-1", "T-LXW-2", "北京第一机床厂", "北京公交集团", first.district.name):
        assert text in html
    assert "1995 全国劳动模范" in html and "2005 北京市劳动模范" in html
    assert "已撤下，示例数据" in html  # the second record's notes


def test_exact_matches_come_before_records_that_merely_contain_the_query(admin_client, namesakes):
    HonoreeFactory(name="欧阳蔺晓雯", external_id="T-LXW-3", employer="首钢集团")
    html = results(admin_client, "蔺晓雯")
    assert html.index("T-LXW-1") < html.index("T-LXW-3")
    assert html.index("T-LXW-2") < html.index("T-LXW-3")


def test_the_chooser_modal_opens_with_wagtails_search_field_and_checkboxes_in_multiple_mode(
    admin_client, namesakes, bystanders
):
    response = admin_client.get(reverse(CHOOSE), {"multiple": "1"})
    payload = json.loads(response.content)
    assert payload["step"] == "choose"
    html = payload["html"]
    assert 'id="id_q"' in html and "选择劳模" in html and "data-multiple-choice-form" in html
    # The first page only, never the whole archive: the chooser is paginated.
    assert html.count('name="id"') == 20 < Honoree.objects.count()
    checkbox = results(admin_client, "蔺晓雯", multiple="1")
    assert 'aria-label="选择 蔺晓雯（北京第一机床厂，T-LXW-1）"' in checkbox


def test_the_results_view_makes_a_fixed_number_of_queries(admin_client, namesakes, django_assert_max_num_queries):
    honour = Honour.objects.get(name="全国劳动模范")
    for number in range(30):
        honoree = HonoreeFactory(name=f"蔺测{number:02d}", external_id=f"T-LC-{number:02d}")
        Award.objects.create(honoree=honoree, honour=honour, year=1990 + number % 20)
    # The admin's own (session read and write, user, two-factor device, profile) and three for the results:
    # the count, the page of records with their districts, their awards with honours. None per row.
    with django_assert_max_num_queries(8):
        html = results(admin_client, "lin")
    assert html.count("全国劳动模范") >= 20


def test_the_chosen_records_come_back_with_unit_and_id(admin_client, namesakes):
    first, second = namesakes
    response = admin_client.get(reverse(CHOSEN_MULTIPLE), {"id": [first.pk, second.pk], "multiple": "1"})
    payload = json.loads(response.content)
    assert payload["step"] == "chosen"
    chosen = {item["external_id"]: item for item in payload["result"]}
    assert chosen["T-LXW-1"]["string"] == "蔺晓雯（北京第一机床厂，T-LXW-1）"
    assert chosen["T-LXW-1"]["employer"] == "北京第一机床厂" and chosen["T-LXW-1"]["name"] == "蔺晓雯"
    assert chosen["T-LXW-2"]["withdrawn"] is True


def test_every_single_honoree_chooser_is_the_archives_one(namesakes):
    first, _ = namesakes
    # Any admin form with a foreign key to Honoree (Wagtail registers the chooser's widget as the override).
    widget = modelform_factory(Artwork, form=WagtailAdminModelForm, fields=["honoree"])().fields["honoree"].widget
    block_widget = HonoreeChooserBlock().widget
    for chooser in (widget, block_widget):
        assert isinstance(chooser, HonoreeSnippetChooser)
        assert chooser.get_chooser_modal_url() == reverse(CHOOSE)
        assert chooser.get_value_data(first)["string"] == "蔺晓雯（北京第一机床厂，T-LXW-1）"


@pytest.mark.parametrize(
    ("model", "field"), [(StoryPage, "related_honorees"), (LessonPage, "honorees"), (FilmPage, "honorees")]
)
def test_editors_list_only_the_chosen_honorees(admin_client, bystanders, model, field):
    page = model.objects.filter(**{f"{field}__isnull": False}).first()
    linked = list(getattr(page, field).all())
    assert linked
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-honoree-chooser" in html and "选择劳模" in html
    for honoree in linked:
        assert f'name="{field}" value="{honoree.pk}"' in html
    assert "旁观者" not in html and "T-BY-" not in html
    assert f'<select name="{field}"' not in html
    # 1,500 options would add some 100 KB; the whole editor stays well under what the <select> alone weighed.
    assert len(response.content) < 400_000


def story_form(story, honorees):
    data = nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "lead": story.lead,
            "author": story.author,
            "date": story.date.isoformat(),
            "body": streamfield([("paragraph", rich_text("<p>正文内容。</p>"))]),
            "tags": "",
        }
    )
    data["related_honorees"] = honorees
    data["action-publish"] = "1"
    return data


def test_saving_a_story_through_the_admin_keeps_both_chosen_honorees(admin_client, namesakes):
    first, second = namesakes
    story = StoryPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    response = admin_client.post(edit_url, story_form(story, [first.pk, second.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(StoryPage.objects.get(pk=story.pk).related_honorees.all()) == {first, second}

    editor = admin_client.get(edit_url).content.decode()
    assert "北京第一机床厂 · T-LXW-1" in editor and "北京公交集团 · T-LXW-2" in editor
    assert 'aria-label="移除 蔺晓雯（T-LXW-2）"' in editor

    # Removing every row posts no value at all: the story then has no related honorees.
    assert admin_client.post(edit_url, story_form(story, [])).status_code == 302
    assert not StoryPage.objects.get(pk=story.pk).related_honorees.exists()


def test_an_unknown_id_is_reported_and_the_valid_choice_kept(admin_client, namesakes):
    first, _ = namesakes
    story = StoryPage.objects.get()
    before = set(story.related_honorees.all())
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), story_form(story, [first.pk, 999999])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "999999" in html  # Django's "选择一个有效的选项" message names the value
    assert f'name="related_honorees" value="{first.pk}"' in html
    assert 'name="related_honorees" value="999999"' not in html
    assert set(StoryPage.objects.get(pk=story.pk).related_honorees.all()) == before


def test_the_widget_renders_no_inline_script_and_only_the_chosen_records(namesakes):
    first, second = namesakes
    html = HonoreeMultipleChooser().render("related_honorees", [second.pk, first], attrs={"id": "id_related_honorees"})
    assert "<script" not in html
    assert html.index("T-LXW-2") < html.index("T-LXW-1")  # the editor's order
    assert 'aria-labelledby="id_related_honorees-label"' in html
    assert "已撤下" in html  # the withdrawn record is flagged
    assert "尚未选择劳模" in html  # the empty-state line is there (hidden) for when every row is removed
    with CaptureQueriesContext(connection) as queries:
        HonoreeMultipleChooser().render("honorees", [], attrs={"id": "id_honorees"})
    assert len(queries) == 0
    media = str(HonoreeMultipleChooser().media)
    assert "archive/js/honoree-chooser.js" in media and "wagtailadmin/js/chooser-modal.js" in media


@pytest.mark.parametrize("group", ["编辑", "审核", "档案管理员"])
def test_every_editorial_group_can_search_the_chooser(client, make_user, namesakes, group):
    client.force_login(make_user(f"chooser-{group}", group))
    assert "T-LXW-1" in results(client, "lxw", multiple="1")
    chosen = client.get(reverse(CHOSEN_MULTIPLE), {"id": namesakes[0].pk, "multiple": "1"})
    assert json.loads(chosen.content)["result"][0]["external_id"] == "T-LXW-1"


def test_the_records_listing_searches_like_the_chooser(client, make_user):
    """Pinyin typed without spaces and initials find a record in 劳模记录 too, not only in the chooser."""
    honoree = Honoree.objects.filter(name="张广义").first()
    client.force_login(make_user("archivist-listing", "档案管理员"))
    for query in ("zhangguangyi", "zgy", honoree.external_id):
        response = client.get("/admin/snippets/archive/honoree/", {"q": query})
        assert response.status_code == 200, query
        assert honoree.external_id in response.content.decode(), query
