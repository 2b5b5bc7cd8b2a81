"""search_index rebuild | check | sync — the search indexes of both engines.

`sync` applies the index and wall work that changes left in the outbox (laomo/outbox.py): what a process that
died right after a commit did not get to, or what waited while Elasticsearch was away. It also indexes what the
day changed without a publish (an interview's closure that ended), so it belongs in a daily cron job.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import outbox
from search.elastic import ElasticsearchEngine
from search.engine import elasticsearch_engine, embedded_engine
from search.indexing import queue_pages_changed_by_the_date
from search.rebuilding import RebuildUnderWay, under_way


class Command(BaseCommand):
    help = (
        "重建（rebuild）或核对（check）搜索索引，或补做（sync）尚未完成的索引与名录墙更新："
        "内置引擎总是处理；设置了 ELASTICSEARCH_URL 时也处理 Elasticsearch。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "sync"])
        parser.add_argument("--engine", choices=["all", "embedded", "elasticsearch"], default="all")

    def handle(self, *args, action, engine, **options):
        if action == "sync":
            self.sync()
            return
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
                try:
                    counts = search_engine.rebuild(stdout=self.stdout)
                except RebuildUnderWay as error:
                    raise CommandError(f"[{search_engine.name}] 另一次重建正在进行（{error}），请等它完成。") from error
                self.stdout.write(
                    self.style.SUCCESS(
                        f"[{search_engine.name}] 已重建：劳模 {counts['honorees']} 条，页面 {counts['pages']} 个，"
                        f"访谈片段 {counts['moments']} 段"
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
        waiting = outbox.pending()
        if action == "check" and waiting:
            self.stdout.write(f"待办的索引任务 {waiting} 项：运行 manage.py search_index sync 补做。")
        if problems:
            raise CommandError(f"索引与数据不一致（{problems} 处）：运行 manage.py search_index rebuild 修复。")

    def sync(self):
        opened = queue_pages_changed_by_the_date()
        if opened:
            self.stdout.write(f"到期开放等按日期变化的页面 {len(opened)} 个：已重新索引。")
        applied = outbox.apply_leftovers(take_over=True)  # whoever claimed them is gone, or nobody would ask
        waiting = outbox.pending()
        self.stdout.write(self.style.SUCCESS(f"已补做待办的索引任务 {applied} 项。"))
        if waiting and under_way(ElasticsearchEngine.name):
            self.stdout.write(f"Elasticsearch 正在重建：其余 {waiting} 项已写入旧索引，切换后由重建重放。")
        elif waiting:
            raise CommandError(f"仍有 {waiting} 项无法完成（搜索引擎不可用？），详见上方警告；稍后再运行一次。")
