"""Factories for the archive's records. A fixed seed keeps generated names the same on every run."""

import factory
import factory.random
from factory.django import DjangoModelFactory

from archive.models import Award, Honoree, Honour

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
