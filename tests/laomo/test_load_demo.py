"""load_demo is idempotent and keeps what editors changed."""

import io

from django.core.management import call_command

from wagtail.models import Page

import pytest

from archive.models import Honoree, Honour
from exhibits.models import ExhibitionSectionPage, StoryPage

pytestmark = pytest.mark.django_db


def counts():
    return (
        Page.objects.count(),
        Honoree.objects.count(),
        Honour.objects.count(),
        ExhibitionSectionPage.objects.count(),
    )


def test_demo_content_uses_the_source_facts():
    wang = Honoree.objects.get(name="王月鹏")
    assert wang.employer == "国网北京昌平供电公司"
    assert [(a.year, a.honour.name) for a in wang.awards.all()] == [(2020, "全国劳动模范")]
    zhang = Honoree.objects.get(name="张广义")
    assert {a.honour.name for a in zhang.awards.all()} == {"北京市劳动模范", "全国商业系统劳动模范"}
    assert "东四南大街103号" in zhang.biography
    assert Honoree.objects.get(name="曾晓岚").name_pinyin == "zeng xiao lan"
    assert not Honoree.objects.filter(is_synthetic=True).exists()
    assert not Page.objects.filter(slug="wagtail-welcome-removed").exists()


def test_second_run_creates_nothing_and_keeps_editor_changes():
    before = counts()
    story = StoryPage.objects.get()
    story.title = "编辑改过的标题"
    story.save_revision().publish()
    wang = Honoree.objects.get(name="王月鹏")
    wang.biography = "档案员修订过的事迹。"
    wang.save()

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert counts() == before
    assert StoryPage.objects.get().title == "编辑改过的标题"
    assert Honoree.objects.get(name="王月鹏").biography == "档案员修订过的事迹。"
    assert "新建 0 位" in out.getvalue()


def test_generate_synthetic_is_labelled_and_replaceable(client):
    call_command("generate_synthetic", honorees=50, national=5, stdout=io.StringIO())
    synthetic = Honoree.objects.filter(is_synthetic=True)
    assert synthetic.count() == 50
    assert synthetic.filter(awards__honour__level="national").distinct().count() == 5
    assert all(h.external_id.startswith("SYN-") for h in synthetic)
    sample = synthetic.first()
    html = client.get(sample.get_absolute_url()).content.decode()
    assert "示例数据" in html
    call_command("generate_synthetic", honorees=20, stdout=io.StringIO())
    assert Honoree.objects.filter(is_synthetic=True).count() == 20
    assert Honoree.objects.filter(is_synthetic=False).count() == 8
