"""Factories for the hall's pages (add them under a parent with StoryPageFactory(parent=…))."""

import factory
import wagtail_factories

from exhibits.models import StoryPage


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"测试故事{n}")
    lead = "测试导语"
    body = []
