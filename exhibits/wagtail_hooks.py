from wagtail import hooks

from laomo.extensions import EntrySection

from . import catalogue
from .walls import hooks as walls_hooks  # noqa: F401 — the name walls' entry section, home block and demo


@hooks.register("laomo_entry_sections")
def exhibitions_featuring_honoree(request, honoree):
    """相关展览 on a dictionary entry: the published exhibitions that show this honoree (card or artwork)."""
    groups = catalogue.exhibitions_featuring(honoree)
    if not groups:
        return None
    return EntrySection(template="exhibits/entry_exhibitions.html", context={"groups": groups}, order=20)


@hooks.register("laomo_demo_content")
def load_hall_demo_content(command):
    from .demo import load

    load(command)
