"""The 长辈模式 scripts (prefs.js before paint, site.js for the switch), run with Node against a minimal fake page."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("elder_harness.js")
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(
    NODE is None, reason="Node.js is not installed; the markup tests in test_elder.py still run"
)


def run(cookie: str, storage: dict) -> dict:
    result = subprocess.run(
        [NODE, str(HARNESS), json.dumps([cookie, storage])], capture_output=True, text=True, timeout=30, check=True
    )
    return json.loads(result.stdout)


def test_off_by_default_and_the_switch_turns_it_on_and_remembers():
    page = run("", {})
    assert page["afterPrefs"] == {"classes": [], "writes": []}
    assert page["afterLoad"] == {"pressed": "false", "on": "1"}
    click = page["afterClick"]
    assert click["classes"] == ["elder"] and click["pressed"] == "true" and click["on"] == "0"
    assert click["writes"][-1].startswith("laomo_elder=1; max-age=63072000; path=/; samesite=lax; secure")
    assert click["storage"] == {"laomo-elder": "1"}


def test_the_cookie_turns_it_on_before_paint_and_the_switch_turns_it_off():
    page = run("laomo_elder=1", {})
    assert page["afterPrefs"]["classes"] == ["elder"]
    assert page["afterLoad"] == {"pressed": "true", "on": "0"}
    click = page["afterClick"]
    assert click["classes"] == [] and click["pressed"] == "false"
    assert click["writes"][-1].startswith("laomo_elder=; max-age=0")
    assert click["storage"] == {"laomo-elder": "0"}


def test_storage_restores_a_lost_cookie_and_the_old_large_text_choice_counts():
    restored = run("other=1", {"laomo-elder": "1"})["afterPrefs"]
    assert restored["classes"] == ["elder"] and restored["writes"][0].startswith("laomo_elder=1;")
    assert run("", {"laomo-text-size": "large"})["afterPrefs"]["classes"] == ["elder"]
    assert run("", {"laomo-elder": "0"})["afterPrefs"]["classes"] == []
