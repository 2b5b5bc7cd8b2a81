"""RSS 2.0 and Atom feeds of the latest stories, served by routes of the story index (/stories/feed/rss/).

Every link is on the site's public origin (laomo/origin.py): a feed reader keeps what it was given.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext

from core.origin import absolute_url

FEED_LENGTH = 20


class StoryRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, index):
        self.request = request  # one Feed instance per request (see StoryIndexPage.feed_rss)
        return index

    def title(self, index):
        return f"{index.title} · {gettext('劳模数字展馆')}"

    def link(self, index):
        return absolute_url(index.get_url(self.request))

    def feed_url(self, index):
        return absolute_url(self.request.path)

    def description(self, index):
        return index.intro or gettext("劳模数字展馆的新闻、特写与人物故事。")

    def items(self, index):
        return index.stories().order_by("-date", "-pk").prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.lead

    def item_link(self, story):
        return absolute_url(story.get_url(self.request))

    def item_pubdate(self, story):
        return timezone.make_aware(datetime.datetime.combine(story.date, datetime.time(8)))

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        return story.author or None

    def item_categories(self, story):
        return [tag.name for tag in story.tags.all()]


class StoryAtomFeed(StoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
