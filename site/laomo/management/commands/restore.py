"""python manage.py restore FILE [--yes] — replace the database and uploads with a backup (laomo/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from laomo.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "从 backup 生成的 .tar.gz 恢复整个网站：清空数据库后在一个事务中载入（失败时数据库保持原样），"
        "再替换上传文件并重建搜索索引。数据库已有内容时必须加 --yes。目标数据库需先运行 migrate。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup 命令生成的 .tar.gz 文件")
        parser.add_argument("--yes", action="store_true", help="确认用备份替换数据库中现有的全部内容")
        parser.add_argument("--database", default="default", help="要恢复到的数据库别名")

    def handle(self, *args, file, yes, database, **options):
        try:
            restored = restore_backup(file, force=yes, database=database, stdout=self.stdout)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = restored.counts
        self.stdout.write(
            f"已恢复 {restored.manifest['created_at']} 的备份：{sum(counts.values())} 条记录"
            f"（劳模 {counts.get('archive.honoree', 0)} 条，页面 {counts.get('wagtailcore.page', 0)} 个），"
            f"上传文件 {restored.media_files} 个，勘误材料 {restored.private_files} 个。"
        )
        self.stdout.write(self.style.SUCCESS("恢复完成，搜索索引已重建。所有用户需要重新登录。"))
