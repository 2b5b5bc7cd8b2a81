"""sitemap.xml: every live public page plus every public dictionary entry."""

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from archive.models import Honoree


class HonoreeSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Honoree.objects.public().only("external_id", "updated_at").order_by("pk")

    def lastmod(self, honoree):
        return honoree.updated_at


sitemaps = {"pages": PageSitemap, "honorees": HonoreeSitemap}
