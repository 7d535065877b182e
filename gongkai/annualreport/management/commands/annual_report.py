"""gongkai annual_report YEAR [--agency NAME] [--xlsx FILE] [--pdf FILE]: the year's report tables.

Prints the three tables and every failed check; writes the PDF and the workbook when asked. It reads
the stored report of the year and scope when there is one (its staff numbers, narrative and, once
published, its frozen figures) and counts from the data otherwise; it never changes the database.
Exit status 1 when a balance rule fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "政府信息公开工作年度报告：打印统计表与校验结果，可导出 PDF、XLSX"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("--agency", help="机构全称或简称；不写为本级政府（全部机构）")
        parser.add_argument("--xlsx", type=Path, help="write the workbook to this file")
        parser.add_argument("--pdf", type=Path, help="write the PDF to this file")

    def handle(self, *args: Any, **opts: Any) -> None:
        from gongkai.accounts.models import Agency
        from gongkai.annualreport import actions, render, tables
        from gongkai.annualreport.models import AnnualReport
        try:
            year = actions.check_year(opts["year"])
        except ValidationError as exc:
            raise CommandError(exc.messages[0], returncode=2) from None
        agency = None
        if opts["agency"]:
            agency = Agency.find(opts["agency"])
            if agency is None:
                raise CommandError(f"没有名为“{opts['agency']}”的机构", returncode=2)
        report = AnnualReport.objects.filter(year=year, agency=agency).first() or AnnualReport(year=year, agency=agency)
        figures = actions.figures_for(report)
        self.stdout.write(render.title(report))
        for line in render.text_lines(figures):
            self.stdout.write(line)
        for note in figures.notes:
            self.stdout.write(f"注意：{note}")
        failed = tables.failures(actions.checks_for(report, figures))
        for c in failed:
            self.stdout.write(f"{'未通过' if c.severity == 'error' else '提示'}（{c.rule}）：{c.message}")
        if not failed:
            self.stdout.write("校验：全部通过")
        for option, make in (("pdf", render.pdf_bytes), ("xlsx", render.xlsx_bytes)):
            if opts[option]:
                try:
                    opts[option].write_bytes(make(report, figures))
                except OSError as exc:
                    raise CommandError(f"无法写入 {opts[option]}：{exc.strerror}", returncode=2) from None
                self.stdout.write(f"已写入 {opts[option]}")
        if any(c.severity == "error" for c in failed):
            raise CommandError("统计表未通过校验", returncode=1)
