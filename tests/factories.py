"""Factories for tests. Fixed seeds keep generated names the same on every run."""

import factory
import factory.random
import wagtail_factories
from factory.django import DjangoModelFactory

from archive.models import Award, Honoree, Honour
from exhibits.models import StoryPage

factory.random.reseed_random(2020)


class HonoreeFactory(DjangoModelFactory):
    class Meta:
        model = Honoree
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"T-{n:05d}")
    name = factory.Faker("name", locale="zh_CN")
    employer = factory.Faker("company", locale="zh_CN")
    biography = factory.Faker("paragraph", locale="zh_CN")
    live = True


class AwardFactory(DjangoModelFactory):
    class Meta:
        model = Award

    honoree = factory.SubFactory(HonoreeFactory)
    honour = factory.LazyFunction(lambda: Honour.objects.get(name="全国劳动模范"))
    year = 2015


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"测试故事{n}")
    lead = "测试导语"
    body = []
