"""Export honoree records in the import format: CSV (UTF-8 with BOM), XLSX or JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.exporting import FORMATS, format_from_filename, render
from archive.importing import KIND_VALUES
from archive.models import Honoree


class Command(BaseCommand):
    help = (
        "按导入格式导出劳模记录（CSV、XLSX 或 JSON），导出的文件可原样导回。不含内部字段；"
        "含已撤下的记录（格式中没有“撤下”一列）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="输出文件；“-”表示写到标准输出（仅限 csv 和 json）")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), help="文件格式（默认按扩展名判断）")
        parser.add_argument("--kind", help="只导出某一类别：个人 或 集体")
        parser.add_argument("--district", help="只导出某个所属区，如 东城区")
        parser.add_argument("--honour", help="只导出获得某项荣誉的记录，如 全国劳动模范")
        parser.add_argument("--exclude-synthetic", action="store_true", help="不导出示例数据（SYN- 编号）")

    def handle(self, *args, file, fmt, kind, district, honour, exclude_synthetic, **options):
        fmt = fmt or format_from_filename(file)
        if fmt is None:
            raise CommandError("无法从文件名判断格式，请用 --format csv、xlsx 或 json 指定。")
        if file == "-" and fmt == "xlsx":
            raise CommandError("XLSX 不能写到标准输出，请指定文件名。")
        queryset = Honoree.objects.all()
        if kind:
            if kind not in KIND_VALUES:
                raise CommandError("--kind 应为“个人”或“集体”。")
            queryset = queryset.filter(kind=KIND_VALUES[kind])
        if district:
            queryset = queryset.filter(district__name=district)
        if honour:
            queryset = queryset.filter(awards__honour__name=honour).distinct()
        if exclude_synthetic:
            queryset = queryset.real()
        content, count = render(fmt, queryset)
        if file == "-":
            self.stdout.write(content.decode("utf-8"), ending="")
            self.stderr.write(f"已导出 {count} 条记录。")
            return
        try:
            Path(file).write_bytes(content)
        except OSError as error:
            raise CommandError(f"无法写入 {file}：{error.strerror}") from error
        self.stdout.write(self.style.SUCCESS(f"已导出 {count} 条记录到 {file}。"))
