"""Rebuild the artworks catalogue and the honoree mentions from every published page.

Publishing keeps both up to date; this is for pages published before the catalogue existed, or after pages
were changed outside Wagtail (a restored database, a bulk script).
"""

from django.core.management.base import BaseCommand

from exhibits import catalogue
from exhibits.models import Artwork, HonoreeMention


class Command(BaseCommand):
    help = "从所有已发布的页面重建艺术作品索引与“相关展览”索引。"

    def handle(self, *args, **options):
        pages = catalogue.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"已检查 {pages} 个页面：艺术作品 {Artwork.objects.count()} 件，展览中的劳模 {HonoreeMention.objects.count()} 条"
            )
        )
