"""Replace the synthetic honorees with a fresh, seeded set (1,197 national + 11,861 municipal by default)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.cache import bump_data_version
from archive.models import Award, Honoree, Honour
from archive.synthetic import generate
from core import outbox

BATCH = 2000


class Command(BaseCommand):
    help = "生成带“示例数据”标记的合成劳模记录（用于性能测试与演示规模），不会与真实记录混合。"

    def add_arguments(self, parser):
        parser.add_argument("--honorees", type=int, default=13058, help="总数（默认 13058）")
        parser.add_argument("--national", type=int, default=None, help="其中全国劳模数（默认按 1197/13058 的比例）")
        parser.add_argument("--seed", type=int, default=2020)

    def handle(self, *args, honorees, national, seed, **options):
        if honorees < 0:
            raise CommandError("--honorees 不能为负数")
        if not Honour.objects.exists():
            raise CommandError("尚未载入荣誉类型，请先运行 manage.py load_demo")
        national = round(honorees * 1197 / 13058) if national is None else min(national, honorees)
        created: list[int] = []
        with transaction.atomic():
            Honoree.objects.filter(is_synthetic=True).delete()
            batch: list = []
            for pair in generate(national, honorees - national, seed):
                batch.append(pair)
                if len(batch) >= BATCH:
                    created += self.save_batch(batch)
                    batch = []
            created += self.save_batch(batch)
            # bulk_create sends no signals: caches move on, and the search indexes and walls are owed the work,
            # in this transaction (laomo/outbox.py), as an import does.
            bump_data_version()
            outbox.record("archive.honoree", created)
        self.stdout.write(
            self.style.SUCCESS(f"已生成 {honorees} 条示例数据（全国 {national}，北京市 {honorees - national}）。")
        )

    @staticmethod
    def save_batch(batch) -> list[int]:
        if not batch:
            return []
        honorees = Honoree.objects.bulk_create([honoree for honoree, _ in batch])
        awards = []
        for honoree, (_, honoree_awards) in zip(honorees, batch, strict=True):
            for award in honoree_awards:
                award.honoree = honoree
                awards.append(award)
        Award.objects.bulk_create(awards)
        return [honoree.pk for honoree in honorees]
