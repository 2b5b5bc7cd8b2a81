"""Every translation catalogue of the site is complete, and its compiled .mo (committed: CI has no gettext) is
current. Covers every app's catalogue, whoever added it."""

import re
from pathlib import Path

from django.conf import settings

import polib
import pytest

REPO = Path(settings.REPO_DIR)
CATALOGUES = sorted(
    path
    for path in REPO.glob("**/locale/*/LC_MESSAGES/django.po")
    if not {".venv", "node_modules"} & set(path.relative_to(REPO).parts)
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_the_site_has_its_english_catalogues():
    found = {str(path.relative_to(REPO)) for path in CATALOGUES}
    for app in ("site/laomo", "archive", "search"):
        assert f"{app}/locale/en/LC_MESSAGES/django.po" in found


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(REPO)))
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy, "the header is still marked fuzzy"
    assert catalogue.metadata.get("Plural-Forms"), "no Plural-Forms header"
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid
            assert set(PLACEHOLDER.findall(entry.msgstr_plural[1])) == set(PLACEHOLDER.findall(entry.msgid_plural))
        else:
            # A translation that drops or invents a %(name)s placeholder breaks the page that uses it.
            assert set(PLACEHOLDER.findall(entry.msgstr)) == set(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def _messages(entries) -> dict:
    return {
        (entry.msgctxt, entry.msgid): (dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr)
        for entry in entries
        if entry.msgid  # the header
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(REPO)))
def test_the_compiled_catalogue_is_current(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"run compilemessages and commit {compiled.relative_to(REPO)}"
    source = polib.pofile(str(path))
    assert _messages(polib.mofile(str(compiled))) == _messages(source.translated_entries()), (
        f"{compiled.relative_to(REPO)} is out of date: run compilemessages"
    )
