"""python manage.py backup [--output DIR|FILE.tar.gz] — the database and the uploads in one file (laomo/backup.py)."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from laomo.backup import create_backup, default_backup_dir


class Command(BaseCommand):
    help = (
        "把整个网站备份成一个 .tar.gz 文件：数据库（JSON，SQLite 与 PostgreSQL 通用）、上传的图片与文件、"
        f"勘误材料，以及清单 manifest.json。默认保存在 {default_backup_dir()}。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="保存到哪个文件夹（文件名自动加日期时间），或直接给出 .tar.gz 文件名",
        )
        parser.add_argument("--database", default="default", help="要备份的数据库别名")

    def handle(self, *args, output, database, **options):
        path, manifest = create_backup(output, database=database)
        counts = manifest["counts"]
        self.stdout.write(
            f"数据库：{sum(counts.values())} 条记录（劳模 {counts.get('archive.honoree', 0)} 条，"
            f"页面 {counts.get('wagtailcore.page', 0)} 个，图片 {counts.get('media.siteimage', 0)} 张）"
        )
        for prefix, info in manifest["files"].items():
            if info["included"]:
                self.stdout.write(f"{prefix}/：{info['files']} 个文件，{filesizeformat(info['bytes'])}")
            else:
                self.stdout.write(
                    self.style.WARNING(f"{prefix}/：上传文件保存在对象存储中，未包含，请另行备份存储桶。")
                )
        self.stdout.write(self.style.SUCCESS(f"备份已保存：{path}"))
