"""Import honoree records from a CSV, XLSX or JSON file (the format: archive/importing/columns.py and the README)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from archive.importing import ImportFileError, ImportPlan, ImportRejected, import_file


class Command(BaseCommand):
    help = (
        "从 CSV、XLSX 或 JSON 文件导入劳模记录：按编号新建或更新，重复导入同一文件不会产生任何变化。"
        "只要有一行有错，默认不导入任何记录（--skip-invalid 只导入无误的行）；有错误时退出码为 1。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="要导入的文件（.csv、.xlsx 或 .json）；“-”表示从标准输入读取")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告将新建、修改的记录，不写入")
        parser.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，只导入无误的行")
        parser.add_argument("--create-industries", action="store_true", help="文件中出现未登记的行业时自动新建")

    def handle(self, *args, file, dry_run, skip_invalid, create_industries, **options):
        data = self.read(file)
        try:
            plan, result = import_file(
                data,
                file,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                create_industries=create_industries,
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        except ImportRejected as rejected:
            self.report(rejected.plan, options["verbosity"])
            raise CommandError(
                f"{rejected.plan.bad_rows} 行有错误，没有导入任何记录。改正后重新导入，或用 --skip-invalid 只导入无误的行。"
            ) from rejected
        except IntegrityError as error:
            raise CommandError(f"导入时档案被同时修改，没有导入任何记录，请重试：{error}") from error
        self.report(plan, options["verbosity"])
        if result is None:
            self.stdout.write("试运行（--dry-run）：没有写入任何记录。")
        else:
            created_industries = "、".join(result.new_industries)
            if created_industries:
                self.stdout.write(f"新建行业：{created_industries}")
            self.stdout.write(self.style.SUCCESS(f"已导入：新建 {result.created} 条，修改 {result.changed} 条。"))
        if plan.errors:
            if result is None:
                raise CommandError(f"{plan.bad_rows} 行有错误（试运行，没有写入任何记录）。")
            raise CommandError(f"{plan.bad_rows} 行有错误，已跳过；其余各行已导入。")

    def read(self, file: str) -> bytes:
        if file == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {file}：{error.strerror}") from error

    def report(self, plan: ImportPlan, verbosity: int) -> None:
        self.stdout.write(
            f"共 {plan.rows} 行：新建 {len(plan.to_create)}，修改 {len(plan.to_change)}，"
            f"不变 {len(plan.unchanged)}，有错误 {plan.bad_rows} 行。"
        )
        if plan.ignored_headers:
            self.stdout.write(f"忽略了无法识别的列：{'、'.join(plan.ignored_headers)}")
        if verbosity >= 2:
            for record in plan.to_create:
                self.stdout.write(f"  新建 第 {record.row} 行 {record.honoree.external_id} {record.honoree.name}")
            for record in plan.to_change:
                fields = "、".join(change.column for change in record.changes)
                self.stdout.write(f"  修改 第 {record.row} 行 {record.honoree.external_id}：{fields}")
        for error in plan.errors:
            self.stderr.write(str(error))
