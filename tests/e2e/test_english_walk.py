"""The English site speaks English (issue 17): a walk through every public page type under /en/, with the demo's
English pages, failing on any Chinese character in the rendered text outside an element marked as Chinese
(lang="zh-Hans", "zh" or "zh-Hant": names, quotes, content shown untranslated with its note)."""

import pytest

pytestmark = pytest.mark.django_db

# Every public page type (tests/e2e/pages.py names one of each for the Chinese site), at its English address.
ENGLISH_PAGES = {
    "home": "/en/",
    "hall": "/en/hall/",
    "exhibition": "/en/hall/glory-to-workers/",
    "section": "/en/hall/glory-to-workers/one-craft/",
    "artworks": "/en/hall/artworks/",
    "stories": "/en/stories/",
    "story": "/en/stories/2020-beijing-commendation/",
    "dictionary": "/en/dictionary/",
    "dictionary-filtered": "/en/dictionary/?honour=quan-guo-lao-dong-mo-fan",
    "entry": "/en/dictionary/SRC-0001/",
    "statistics": "/en/dictionary/statistics/",
    "search-results": "/en/search/?q=zhangguangyi",
    "search-nothing": "/en/search/?q=qqqzzzxxx",
    "walls": "/en/walls/",
    "wall": "/en/walls/national/?panel=1&highlight=SRC-0002#highlighted",
    "wall-locate": "/en/walls/national/?q=%E7%8E%8B%E6%9C%88%E9%B9%8F",  # 王月鹏
    "name-card": "/en/walls/national/card/SRC-0002/",
    "films": "/en/films/",
    "film": "/en/films/zhang-guangyi/",
    "interviews": "/en/oral-history/",
    "interview": "/en/oral-history/zhang-guangyi-demo/",
    "lessons": "/en/lessons/",
    "lesson": "/en/lessons/zhang-guangyi-craftsmanship/",
    "corrections": "/en/corrections/new/?honoree=SRC-0001",
    "about": "/en/about/",
}

# Text nodes with a Han, CJK punctuation or full-width character whose nearest lang is not Chinese.
UNMARKED_CHINESE = """
() => {
  const cjk = /[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]/;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, template, noscript") || !cjk.test(node.nodeValue)) continue;
    const marked = parent.closest("[lang]");
    const lang = marked ? marked.getAttribute("lang").toLowerCase() : "";
    if (lang === "zh" || lang.startsWith("zh-")) continue;
    found.push(node.nodeValue.trim().slice(0, 80));
  }
  return found;
}
"""


def test_the_walk_finds_unmarked_chinese(desktop):
    desktop.set_content(
        '<html lang="en"><body><p>Glory</p><p>光荣</p><p lang="zh-Hans">张广义</p>'
        '<div lang="zh"><b>劳模</b></div><p lang="en">墙</p><script>"脚本"</script></body></html>'
    )
    assert desktop.evaluate(UNMARKED_CHINESE) == ["光荣", "墙"]


def test_every_english_page_type_shows_chinese_only_where_it_is_marked(english_demo, live, open_context):
    page = open_context("desktop").new_page()
    problems = {}
    for name, address in ENGLISH_PAGES.items():
        response = page.goto(live.url + address)
        assert response.status == 200, (name, address, response.status)
        assert page.evaluate("document.documentElement.lang") == "en", name
        found = page.evaluate(UNMARKED_CHINESE)
        if found:
            problems[f"{name} ({address})"] = found
    assert not problems, "Chinese outside lang=zh-Hans:\n" + "\n".join(f"{k}: {v}" for k, v in problems.items())
