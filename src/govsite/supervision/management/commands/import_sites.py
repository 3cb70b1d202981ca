from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from govsite.supervision.importing import import_monitored_sites


class Command(BaseCommand):
    help = "Import monitored sites from a CSV file with columns 标识码, 名称, 网址 (UTF-8 or GBK)."

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args, csv_file: Path, **options):
        if not csv_file.exists():
            raise CommandError(f"文件不存在：{csv_file}")
        report = import_monitored_sites(csv_file.read_bytes())
        for line, message in report.warnings:
            self.stdout.write(self.style.WARNING(f"第 {line} 行：{message}"))
        for line, message in report.errors:
            self.stderr.write(f"第 {line} 行：{message}")
        self.stdout.write(
            f"新增 {report.created} 个，更新 {report.updated} 个，错误 {len(report.errors)} 行。"
        )
        if report.errors and not (report.created or report.updated):
            raise CommandError("没有导入任何网站")
