"""Pages whose slug holds Chinese (or other non-ASCII) characters get the pinyin slug a new page gets
(laomo/slugs.py), and every address that changes with it redirects permanently to the page.

It works on wagtailcore's Page rows, so it covers the pages of every app (exhibits, media, laomo), in both locale
trees. A renamed page moves its subpages' addresses too, so redirects are recorded from each page's address
before the migration to its address after it. A Redirect stores the decoded path (/stories/修钢笔的老师傅), and
Wagtail's RedirectMiddleware looks up both that and the percent-encoded form browsers send, so one row answers
both. Addresses follow laomo/urls.py: Chinese pages at /…, other languages' at /<language>/…; and since /en/…
also serves a Chinese page that has no English copy (laomo/fallback.py), that address redirects as well.
Cached pages and menus may link to an old address for a few minutes more (laomo/pagecache.py): it redirects.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from wagtail.contrib.redirects.models import Redirect as RedirectModel
from wagtail.models import Site as SiteModel

from core.slugs import needs_pinyin, numbered, page_slug

STEPLEN = 4  # treebeard's path step: a page's parent's path is its own without the last four characters


def spell_slugs_in_pinyin(apps, schema_editor) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    Redirect = apps.get_model("wagtailredirects", "Redirect")

    old_url_paths = dict(Page.objects.values_list("pk", "url_path"))
    # Parents first, so that each page is numbered against siblings that already have their new slugs.
    renamed = [
        pk
        for pk, slug, depth in Page.objects.order_by("path").values_list("pk", "slug", "depth")
        if depth > 1 and needs_pinyin(slug)
    ]
    for pk in renamed:
        _rename(apps, Page.objects.get(pk=pk))
    if not renamed:
        return
    new_url_paths = dict(Page.objects.values_list("pk", "url_path"))

    def below(url_paths, pk, root_pk):
        """The page's path below a site root ("/" at both ends), or None when it is not under that root."""
        root_path = url_paths[root_pk]
        return url_paths[pk][len(root_path) - 1 :] if url_paths[pk].startswith(root_path) else None

    roots = _site_roots(apps)
    own, stand_ins = [], []
    for pk in (pk for pk, url_path in new_url_paths.items() if old_url_paths[pk] != url_path):
        for site_pk, root_pk, language in roots:
            before, after = below(old_url_paths, pk, root_pk), below(new_url_paths, pk, root_pk)
            if before is None or before == after:  # another site's page, or only the site root's slug changed
                continue
            if language == settings.LANGUAGE_CODE:
                own.append((site_pk, before, {"redirect_page_id": pk}))
                stand_ins.extend(
                    (site_pk, f"/{code}{before}", {"redirect_link": f"/{code}{after}"})
                    for code, _name in settings.LANGUAGES
                    if code != settings.LANGUAGE_CODE
                )
            else:
                own.append((site_pk, f"/{language}{before}", {"redirect_page_id": pk}))
    # A translation's own address wins over the Chinese page's stand-in address at the same path; a redirect an
    # editor made for an old path is kept.
    for site_pk, old_path, target in own + stand_ins:
        old_path = RedirectModel.normalise_path(old_path)
        if not Redirect.objects.filter(site_id=site_pk, old_path=old_path).exists():
            Redirect.objects.create(
                site_id=site_pk, old_path=old_path, is_permanent=True, automatically_created=True, **target
            )

    # Wagtail caches the site roots' url_paths, which change when a home page had a Chinese slug.
    SiteModel.clear_site_root_paths_cache()


def _site_roots(apps) -> list[tuple[int, int, str]]:
    """(site, root page, language) for each site's root page and each translation of it (Wagtail's i18n roots)."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    return [
        (site.pk, root.pk, root.locale.language_code)
        for site in Site.objects.select_related("root_page")
        for root in Page.objects.filter(translation_key=site.root_page.translation_key).select_related("locale")
    ]


def _rename(apps, page) -> None:
    """Give `page` its pinyin slug (numbered among its siblings): in its row, in its subtree's url_paths and in the
    revisions an editor would otherwise reopen with the old slug."""
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    parent = Page.objects.get(path=page.path[:-STEPLEN])
    siblings = Page.objects.filter(path__startswith=parent.path, depth=page.depth).exclude(pk=page.pk)
    slug = numbered(page_slug(page.slug or page.title), lambda candidate: siblings.filter(slug=candidate).exists())
    url_path = f"{parent.url_path}{slug}/"
    Page.objects.filter(pk=page.pk).update(slug=slug)
    Page.objects.filter(path__startswith=page.path).update(
        url_path=Concat(Value(url_path), Substr("url_path", len(page.url_path) + 1))
    )
    for revision in Revision.objects.filter(content_type_id=page.content_type_id, object_id=str(page.pk)):
        if revision.content.get("slug") == page.slug:
            content = {**revision.content, "slug": slug, "url_path": url_path}
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("exhibits", "0004_name_walls"),
        ("laomo", "0004_english_locale"),
        ("media", "0003_editorial_image_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(spell_slugs_in_pinyin, migrations.RunPython.noop)]
