"""Sitemaps: /sitemap.xml is an index of sections, each split into files of at most SITEMAP_LIMIT addresses.

Together the sections list every live public page and every public dictionary entry — real records only:
synthetic ones (示例数据) are noindex, and so is the wall that shows them. Every address, in the index and in
the sections, is on the configured public origin (core/origin.py), never on the Host header of the request.
"""

from urllib.parse import quote, urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, sitemap
from django.db.models import Max
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from archive.models import Honoree
from core.origin import public_origin
from core.params import parse_int
from exhibits.models import NameWallPage

# The protocol allows 50,000 addresses per file; smaller files render faster and cache better.
SITEMAP_LIMIT = 10_000
ID_PLACEHOLDER = "LAOMO-ID"


class OnPublicOrigin:
    """Django builds each <loc> from get_protocol() and get_domain(): make them the public origin's."""

    limit = SITEMAP_LIMIT

    def get_protocol(self, protocol=None):
        return urlsplit(self.origin).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(self.origin).netloc

    @property
    def origin(self) -> str:
        if not hasattr(self, "_origin"):
            self._origin = public_origin()
        return self._origin


class HonoreeSitemap(OnPublicOrigin, Sitemap):
    changefreq = "monthly"

    def location(self, honoree):
        # reverse() once per file rather than once per entry (ten thousand a file): quoted as reverse() quotes.
        if not hasattr(self, "_entry_path"):
            self._entry_path = reverse("archive:entry", args=[ID_PLACEHOLDER]).split(ID_PLACEHOLDER)
        before, after = self._entry_path
        return f"{before}{quote(honoree.external_id, safe=RFC3986_SUBDELIMS + '/~:@')}{after}"

    def items(self):
        return Honoree.objects.public().real().only("external_id", "updated_at").order_by("pk")

    def lastmod(self, honoree):
        return honoree.updated_at

    def latest(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


def sitemap_pages():
    """Live public pages of the default site, without the wall of synthetic names (it says noindex itself)."""
    synthetic_walls = NameWallPage.objects.filter(include_synthetic=True).values("pk")
    return WagtailSitemap().items().exclude(pk__in=synthetic_walls)


class PageSitemap(OnPublicOrigin, WagtailSitemap):
    def items(self):
        return sitemap_pages()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:  # Wagtail writes the Site record's root URL: move each onto the public origin
            parts = urlsplit(url["location"])
            url["location"] = f"{self.origin}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        return urls

    def latest(self):
        return Page.objects.filter(pk__in=self.items().values("pk")).aggregate(latest=Max("last_published_at"))[
            "latest"
        ]


SECTIONS = {"pages": PageSitemap, "honorees": HonoreeSitemap}


def section(request, section):
    """One file of a section. ?p= is read strictly: Django's int() would also take "１" (full width) for 1."""
    if "p" in request.GET and parse_int(request.GET["p"], minimum=1) is None:
        raise Http404("没有这一页。")
    return sitemap(request, SECTIONS, section=section)


def index(request):
    """Each section's files — ?p=2, ?p=3 … beyond the first — with the section's latest change."""
    origin = public_origin()
    items = []
    for section, sitemap_class in SECTIONS.items():
        sitemap = sitemap_class()
        location = origin + reverse("sitemap-section", kwargs={"section": section})
        latest = sitemap.latest()
        items += [
            SitemapIndexItem(location if number == 1 else f"{location}?p={number}", latest)
            for number in range(1, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
        headers={"X-Robots-Tag": "noindex, noodp, noarchive"},
    )
