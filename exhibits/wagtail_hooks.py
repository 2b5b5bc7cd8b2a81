from wagtail import hooks

from core.extensions import EntrySection
from core.fallback import localized_pages, originals

from . import catalogue
from .demo import load
from .models import StoryPage
from .walls import hooks as walls_hooks  # noqa: F401 — the name walls' entry section, home block and demo


@hooks.register("laomo_entry_sections")
def stories_about_honoree(request, honoree):
    """相关故事 on a dictionary entry: the published stories about this honoree, newest first, before the rest."""
    stories = (
        originals(StoryPage.objects.live().public().filter(related_honorees=honoree))
        .select_related("cover")
        .order_by("-date", "-pk")
    )
    stories = localized_pages(list(stories))
    if not stories:
        return None
    return EntrySection(template="exhibits/entry_stories.html", context={"stories": stories}, order=10)


@hooks.register("laomo_entry_sections")
def exhibitions_featuring_honoree(request, honoree):
    """相关展览 on a dictionary entry: the published exhibitions that show this honoree (card or artwork)."""
    groups = catalogue.exhibitions_featuring(honoree)
    if not groups:
        return None
    return EntrySection(template="exhibits/entry_exhibitions.html", context={"groups": groups}, order=20)


@hooks.register("laomo_demo_content")
def load_hall_demo_content(command):
    load(command)
