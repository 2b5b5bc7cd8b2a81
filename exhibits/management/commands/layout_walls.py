"""Lay out the name walls again: every wall, or the ones named with --wall (a frozen wall only gains addenda)."""

from django.core.management.base import BaseCommand, CommandError

from exhibits.walls.layout import compute_layout
from exhibits.walls.models import NameWallPage


class Command(BaseCommand):
    help = "重新计算劳模墙的排列（已固定的墙只把新增记录排到补刻块），并报告笔画数据中缺少的字。"

    def add_arguments(self, parser):
        parser.add_argument("--wall", action="append", default=[], metavar="SLUG", help="只排这面墙（可重复）")

    def handle(self, *args, wall, **options):
        walls = NameWallPage.objects.order_by("path")
        if wall:
            walls = walls.filter(slug__in=wall)
            unknown = set(wall) - set(walls.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"没有这样的劳模墙：{'、'.join(sorted(unknown))}")
        for page in walls:
            report = compute_layout(page)
            self.stdout.write(self.style.SUCCESS(f"{page.title}（{page.slug}）：{report}"))
            for item in page.layout_state.missing:
                names = "、".join(name for _, name in item["names"])
                self.stdout.write(
                    self.style.WARNING(
                        f"  笔画数据缺少“{item['char']}”（{item['code']}）：{item['count']} 个名字，如 {names}"
                    )
                )
