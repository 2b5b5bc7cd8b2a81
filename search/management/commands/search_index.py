"""search_index rebuild | check — the search indexes of both engines."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.engine import elasticsearch_engine, embedded_engine


class Command(BaseCommand):
    help = "重建（rebuild）或核对（check）搜索索引：内置引擎总是处理；设置了 ELASTICSEARCH_URL 时也处理 Elasticsearch。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])
        parser.add_argument("--engine", choices=["all", "embedded", "elasticsearch"], default="all")

    def handle(self, *args, action, engine, **options):
        engines = []
        if engine in ("all", "embedded"):
            engines.append(embedded_engine())
        if engine in ("all", "elasticsearch"):
            if not settings.LAOMO_ELASTICSEARCH_URL:
                if engine == "elasticsearch":
                    raise CommandError("没有设置 ELASTICSEARCH_URL。")
            else:
                engines.append(elasticsearch_engine())
        problems = 0
        for search_engine in engines:
            if action == "rebuild":
                counts = search_engine.rebuild(stdout=self.stdout)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"[{search_engine.name}] 已重建：劳模 {counts['honorees']} 条，页面 {counts['pages']} 个"
                    )
                )
            else:
                report = search_engine.check()
                problems += len(report["missing"]) + len(report["stale"]) + len(report["extra"])
                self.stdout.write(
                    f"[{search_engine.name}] 应索引 {report['expected']}，已索引 {report['indexed']}；"
                    f"缺失 {len(report['missing'])}，过期 {len(report['stale'])}，多余 {len(report['extra'])}"
                )
                for label in ("missing", "stale", "extra"):
                    for key in report[label][:20]:
                        self.stdout.write(f"  {label}: {key}")
        if problems:
            raise CommandError(f"索引与数据不一致（{problems} 处）：运行 manage.py search_index rebuild 修复。")
