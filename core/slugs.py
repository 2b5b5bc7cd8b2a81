"""Page slugs spelt in pinyin: 修钢笔的老师傅 → /stories/xiu-gang-bi-de-lao-shi-fu/.

Wagtail makes a slug from the title and keeps Chinese characters in it (WAGTAIL_ALLOW_UNICODE_SLUGS is on by
default, and the admin's slug field fills itself in from the title as the editor types), which browsers, chat apps
and QR codes show percent-encoded (/stories/%E4%BF%AE…/). Every page model of ours mixes in PinyinSlugMixin: when a
page is validated, a slug that is empty or holds any non-ASCII character is spelt in pinyin and numbered (-2, -3…)
if a sibling already has it. An ASCII slug is the editor's choice and is kept as typed; English titles slugify as
they always did. The admin's form lets the slug be left empty (PinyinSlugPageForm), as it is without JavaScript.
Pages saved before this rule were given pinyin slugs, with redirects from their old addresses, by
exhibits/migrations/0005_pinyin_slugs.py.
"""

from collections.abc import Callable

from django.utils.text import slugify

from wagtail.admin.forms import WagtailAdminPageForm

from pypinyin import lazy_pinyin

# Long titles make long addresses: cut at a syllable so a shared link stays readable (Page.slug allows 255).
MAX_LENGTH = 100
# For text with nothing to spell (kana, emoji…).
FALLBACK = "page"


def pinyin_slug(text: str) -> str:
    """A URL slug spelt in pinyin: 全国劳动模范 → quan-guo-lao-dong-mo-fan."""
    return slugify("-".join(lazy_pinyin(text))) or slugify(text, allow_unicode=True)


def page_slug(text: str) -> str:
    """An ASCII slug for a page: Chinese in pinyin, other text slugified, at most MAX_LENGTH characters."""
    slug = pinyin_slug(text)
    if not slug.isascii():  # pinyin_slug falls back to a unicode slug when there is nothing it can spell
        return FALLBACK
    if len(slug) > MAX_LENGTH:
        cut = slug[: MAX_LENGTH + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_LENGTH]
    return slug.strip("-") or FALLBACK


def numbered(slug: str, is_taken: Callable[[str], bool]) -> str:
    """`slug`, or the first of slug-2, slug-3… that is not taken (the numbering Wagtail itself uses)."""
    candidate, number = slug, 1
    while is_taken(candidate):
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def needs_pinyin(slug: str) -> bool:
    return not slug or not slug.isascii()


class PinyinSlugPageForm(WagtailAdminPageForm):
    """The admin's page form, with the slug optional: without JavaScript the field stays empty, and the page spells
    its title instead. A page model with its own form subclasses this one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = (
                "页面网址中的名字：小写字母、数字和连字符。留空或含汉字时，保存后按标题（或所填汉字）的拼音生成，"
                "如 xiu-gang-bi-de-lao-shi-fu；同一栏目下重名时自动加 -2、-3。"
            )


class PinyinSlugMixin:
    """Put before Page in a page model's bases. Wagtail validates a page with full_clean() when it is live and
    with minimal_clean() when it is a draft; both fill in the slug, so both spell it first."""

    base_form_class = PinyinSlugPageForm

    def full_clean(self, *args, **kwargs):
        self.spell_slug_in_pinyin()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.spell_slug_in_pinyin()
        super().minimal_clean()

    def spell_slug_in_pinyin(self) -> None:
        source = self.slug or self.title
        if not needs_pinyin(self.slug) or not source:
            return
        # The admin's create view validates the form before add_child() gives the page its place in the tree:
        # siblings are unknown then, and this runs again when the page is saved under its parent.
        if not (self.path or getattr(self, "_cached_parent_obj", None)):
            return
        parent = self.get_parent()
        if parent is None:  # the tree's root has no siblings
            self.slug = page_slug(source)
            return
        siblings = parent.get_children().exclude(pk=self.pk)
        self.slug = numbered(page_slug(source), lambda slug: siblings.filter(slug=slug).exists())
