"""The report as a reader gets it: HTML (the catalog document's body), PDF and XLSX.

The three tables are laid out once, as grids of cells with their row and column spans exactly as
the national format merges them (`grids`), and every output is drawn from those grids: the numbers
of the HTML, the PDF and the workbook cannot differ, and neither can their labels.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string

from gongkai.annualreport import format as fmt
from gongkai.annualreport.models import AnnualReport
from gongkai.annualreport.tables import Figures, TableFour, TableThree, TableTwo, cell_id, number_text


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    id: str = ""  # a numeric cell's id (tables.cell_id), for highlighting a failed check
    value: int | Decimal | None = None  # the number, for the workbook
    failed: str = ""  # the message of a failed check this cell is part of (staff pages only)


@dataclass
class Grid:
    number: int  # 2, 3 or 4: the part of the report it belongs to
    width: int
    head: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return fmt.PARTS[self.number - 1]


def _num(value: int | Decimal, ident: str) -> Cell:
    return Cell(number_text(value), id=ident, value=value)


def table_two_grid(t: TableTwo) -> Grid:
    grid = Grid(2, fmt.TABLE_TWO_WIDTH)
    for block in fmt.TABLE_TWO:
        grid.body.append([Cell(block.heading, colspan=fmt.TABLE_TWO_WIDTH, header=True)])
        if len(block.columns) == fmt.TABLE_TWO_WIDTH:
            grid.body.append([Cell(c, header=True) for c in block.columns])
        else:
            grid.body.append([Cell(block.columns[0], header=True), Cell(block.columns[1], colspan=3, header=True)])
        for key, label in block.rows:
            if key in ("rules", "normative"):
                row = getattr(t, key)
                grid.body.append([Cell(label), _num(row.made, cell_id(2, key, "made")),
                                  _num(row.abolished, cell_id(2, key, "abolished")),
                                  _num(row.in_force, cell_id(2, key, "in_force"))])
            else:
                value = _num(t.value(key), cell_id(2, key, "value"))
                value.colspan = 3
                grid.body.append([Cell(label), value])
    return grid


def table_three_grid(t: TableThree) -> Grid:
    grid = Grid(3, 3 + len(fmt.COLUMNS))
    grid.head = [
        [Cell(fmt.TABLE_THREE_CORNER, rowspan=3, colspan=3, header=True),
         Cell(fmt.TABLE_THREE_GROUP, colspan=len(fmt.COLUMNS), header=True)],
        [Cell(fmt.COLUMNS[0][1], rowspan=2, header=True), Cell(fmt.TABLE_THREE_ORGS, colspan=len(fmt.ORG_CODES), header=True),
         Cell(fmt.TOTAL, rowspan=2, header=True)],
        [Cell(label, header=True) for code, label in fmt.COLUMNS if code in fmt.ORG_CODES],
    ]
    seen_groups: set[str] = set()
    for row in fmt.TABLE_THREE_ROWS:
        labels: list[Cell] = []
        if row.key == fmt.OUTCOME_KEYS[0]:
            labels.append(Cell(fmt.RESULTS, rowspan=fmt.RESULTS_SPAN))
        if row.group in fmt.SPLIT_GROUPS:
            if row.group not in seen_groups:
                span = sum(1 for r in fmt.TABLE_THREE_ROWS if r.group == row.group)
                labels.append(Cell(fmt.group_label(row.group), rowspan=span))
                seen_groups.add(row.group)
            labels.append(Cell(row.label))
        else:
            labels.append(Cell(row.label, colspan=3 if row.group == "" else 2))
        numbers = [_num(n, cell_id(3, row.key, code)) for n, (code, _) in zip(t.row(row.key), fmt.COLUMNS, strict=True)]
        grid.body.append(labels + numbers)
    return grid


def table_four_grid(t: TableFour) -> Grid:
    grid = Grid(4, 3 * len(fmt.REMEDY_COLUMNS))
    n = len(fmt.REMEDY_COLUMNS)
    grid.head = [
        [Cell(fmt.RECONSIDERATION, colspan=n, header=True), Cell(fmt.LAWSUIT, colspan=2 * n, header=True)],
        [*(Cell(label, rowspan=2, header=True) for _, label in fmt.REMEDY_COLUMNS),
         *(Cell(fmt.REMEDY_SUBGROUPS[k], colspan=n, header=True) for k in fmt.REMEDY_KIND_CODES[1:])],
        [Cell(label, header=True) for _ in fmt.REMEDY_KIND_CODES[1:] for _, label in fmt.REMEDY_COLUMNS],
    ]
    grid.body = [[_num(v, cell_id(4, kind, code)) for kind in fmt.REMEDY_KIND_CODES
                  for v, (code, _) in zip(t.row(kind), fmt.REMEDY_COLUMNS, strict=True)]]
    return grid


def grids(figures: Figures) -> list[Grid]:
    return [table_two_grid(figures.table_two), table_three_grid(figures.table_three),
            table_four_grid(figures.table_four)]


def placed(rows: list[list[Cell]]) -> Iterator[tuple[int, int, Cell]]:
    """(row, column, cell) with columns counted as in the drawn table: a cell spanning rows above
    pushes the cells of later rows to the right, as a browser lays out rowspan."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            yield r, c, cell
            taken.update((r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan))
            c += cell.colspan


# --- the document ------------------------------------------------------------------------------------


def title(report: AnnualReport) -> str:
    return f"{_owner_name(report)}{report.year}年政府信息公开工作年度报告"


def _owner_name(report: AnnualReport) -> str:
    if report.agency_id:
        return report.agency.name
    from gongkai.catalog.models import SiteSettings

    return SiteSettings.get().site_name


def filename(report: AnnualReport) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "", title(report))[:80]


def summary(report: AnnualReport, figures: Figures) -> str:
    t = figures.table_three
    total = len(fmt.COLUMNS) - 1
    return (f"{report.year}年，本年新收政府信息公开申请{t.row(fmt.RECEIVED)[total]}件，"
            f"上年结转{t.row(fmt.CARRIED_OVER)[total]}件，办结{t.row(fmt.SUM)[total]}件，"
            f"结转下年度继续办理{t.row(fmt.CARRIED_FORWARD)[total]}件。")


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def context(report: AnnualReport, figures: Figures, failed: dict[str, str] | None = None) -> dict[str, object]:
    drawn = grids(figures)
    for grid in drawn:
        for row in grid.body:
            for cell in row:
                cell.failed = (failed or {}).get(cell.id, "")
    return {
        "report": report, "figures": figures, "title": title(report), "grids": drawn,
        "parts": fmt.PARTS, "overview": paragraphs(report.overview), "problems": paragraphs(report.problems),
        "other_matters": paragraphs(report.other_matters),
        "processing_fee": number_text(Decimal(report.processing_fee_yuan)),
    }


def body_html(report: AnnualReport, figures: Figures) -> str:
    """The catalog document's body: only what `lib.html.sanitize_html` keeps (tables with spans, h2, p)."""
    return render_to_string("annualreport/_body.html", context(report, figures))


def pdf_bytes(report: AnnualReport, figures: Figures) -> bytes:
    import weasyprint

    from gongkai.portal.pdf import cjk_fonts_available

    cjk_fonts_available()  # logs once when Chinese would print as boxes
    html = render_to_string("annualreport/report_pdf.html", context(report, figures))
    return weasyprint.HTML(string=html).write_pdf()


def xlsx_bytes(report: AnnualReport, figures: Figures) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    cover = book.active
    cover.title = "年度报告"
    lines = [title(report), f"统计期限：{report.year}年1月1日至{report.year}年12月31日"]
    for i, line in enumerate(lines, start=1):
        cover.cell(row=i, column=1, value=line).font = Font(bold=i == 1)
    thin = Side(style="thin")
    for grid in grids(figures):
        sheet = book.create_sheet(grid.title[:31])  # a sheet name holds at most 31 characters
        sheet.cell(row=1, column=1, value=grid.title).font = Font(bold=True)
        for r, c, cell in placed(grid.head + grid.body):
            target = sheet.cell(row=r + 2, column=c + 1, value=cell.value if cell.value is not None else cell.text)
            target.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if cell.header or cell.id else "left")
            target.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            target.font = Font(bold=cell.header)
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(start_row=r + 2, start_column=c + 1,
                                  end_row=r + 1 + cell.rowspan, end_column=c + cell.colspan)
        sheet.column_dimensions["A"].width = 18
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text_lines(figures: Figures) -> Iterator[str]:
    """The tables as plain text for the command: each data row as its label and its numbers."""
    for grid in grids(figures):
        yield grid.title
        if grid.number == 4:
            for (group, sub, label), cell in zip(fmt.table_four_headers(), grid.body[0], strict=True):
                yield f"  {group}{'·' + sub if sub else ''}·{label}\t{cell.text}"
        elif grid.number == 3:
            for row in fmt.TABLE_THREE_ROWS:
                prefix = fmt.group_label(row.group) + "·" if row.group in fmt.SPLIT_GROUPS else ""
                numbers = "\t".join(number_text(n) for n in figures.table_three.row(row.key))
                yield f"  {prefix}{row.label}\t{numbers}"
        else:
            for row in grid.body:
                if any(c.id for c in row):
                    yield f"  {row[0].text}\t" + "\t".join(c.text for c in row if c.id)
