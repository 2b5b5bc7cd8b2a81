"""The scripts of the hall, films and sharing hold no interface words: they read them from data- attributes that
the templates fill in the visitor's language (a translated template, not translated JavaScript)."""

import re
from pathlib import Path

from django.apps import apps

import pytest

# Ideographs only: read-aloud.js rightly knows Chinese punctuation, to split the biography into sentences.
HAN = re.compile(r"[\u4e00-\u9fff]")


def source(app: str, path: str) -> str:
    return (Path(apps.get_app_config(app).path) / path).read_text(encoding="utf-8")


def without_comments(script: str) -> str:
    script = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    return re.sub(r"(?m)^\s*//.*$|\s//\s.*$", "", script)


SCRIPTS = [
    ("exhibits", "static/exhibits/walls/walls.js"),
    ("media", "static/media/lightbox.js"),
    ("media", "static/media/player.js"),
    ("participation", "static/participation/share.js"),
    ("participation", "static/participation/read-aloud.js"),
]


@pytest.mark.parametrize(("app", "path"), SCRIPTS, ids=[path for _app, path in SCRIPTS])
def test_scripts_have_no_chinese_words_outside_comments(app, path):
    code = without_comments(source(app, path))
    assert not HAN.search(code), HAN.search(code)


def test_every_message_a_script_announces_is_in_its_template():
    share = without_comments(source("participation", "static/participation/share.js"))
    names = set(re.findall(r'"(copied|selected|clipboard)"', share))
    assert names == {"copied", "selected", "clipboard"}
    panel = source("participation", "templates/participation/share_panel.html")
    assert all(f'data-msg-{name}="{{% translate ' in panel for name in names)

    read_aloud = without_comments(source("participation", "static/participation/read-aloud.js"))
    names = set(re.findall(r'announce\("(\w+)"\)', read_aloud))
    assert names == {"stopped", "ended", "reading"}
    tools = source("participation", "templates/participation/entry_tools.html")
    assert all(f'data-msg-{name}="{{% translate ' in tools for name in names)

    lightbox = without_comments(source("media", "static/media/lightbox.js"))
    names = re.search(r"\[(\"dialog\"[^\]]*)\]", lightbox).group(1).replace('"', "").replace(" ", "").split(",")
    # Every zoomable picture's container (galleries, the hall's layouts) takes its words from this include.
    words = source("media", "templates/media/includes/lightbox_words.html")
    assert names and all(f'data-lightbox-{name}="{{% translate ' in words for name in names)
    assert "{n}" in words and "{total}" in words  # the counter's placeholders, filled in by lightbox.js

    walls = without_comments(source("exhibits", "static/exhibits/walls/walls.js"))
    assert 'getAttribute("data-panel-title")' in walls
    assert 'data-panel-title="{{ panel_title }}"' in source("exhibits", "templates/exhibits/walls/includes/viewer.html")
