"""Every {% translate %} string of the hall's, films' and participation's templates is in its app's catalogue, so
no interface text stays Chinese on the English site because makemessages was not run.

(Completeness, fuzzy entries, placeholders and the compiled .mo of every catalogue: tests/i18n/test_catalogues.py.)
"""

import re
from pathlib import Path

from django.apps import apps

import polib
import pytest

APPS = ["exhibits", "media", "participation"]
TRANSLATE_TAG = re.compile(r'\{% translate "([^"]*)"(?: context "([^"]*)")?(?: as \w+)? %\}')


@pytest.mark.parametrize("app", APPS)
def test_every_translate_tag_of_the_templates_is_in_the_catalogue(app):
    folder = Path(apps.get_app_config(app).path)
    catalogue = polib.pofile(str(folder / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue.translated_entries()}
    templates = sorted((folder / "templates").rglob("*.html"))
    found = [(match, template) for template in templates for match in TRANSLATE_TAG.findall(template.read_text())]
    assert len(found) > 20
    for (msgid, context), template in found:
        assert (context or None, msgid) in known, f"{template.name}: {msgid} (run makemessages in {app}/)"


def test_the_lightbox_counter_keeps_its_placeholders():
    """{n} and {total} are filled in by lightbox.js; the generic placeholder check only knows %(name)s."""
    catalogue = polib.pofile(str(Path(apps.get_app_config("media").path) / "locale/en/LC_MESSAGES/django.po"))
    counter = catalogue.find("第 {n} 张，共 {total} 张")
    assert "{n}" in counter.msgstr and "{total}" in counter.msgstr
