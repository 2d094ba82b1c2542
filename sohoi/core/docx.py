"""Administrative documents (reports) as Word files in the format of Decree 30/2020/NĐ-CP (Appendix I):
A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman, black; a two-column
header (parent body and issuing body with "Số: …/BC-SNV" on the left, the national motto on the
right, then place and date); the title; the body; "Nơi nhận:" and the signature block."""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"


def date_line(place: str, day: dt.date) -> str:
    """Decree 30/2020 Appendix I: days below 10 and the months January and February take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def province_name() -> str:
    """The province of this installation (settings.SOHOI_PROVINCE_NAME): the place of the date line."""
    return settings.SOHOI_PROVINCE_NAME


def parent_body() -> str:
    """ "UBND TỈNH <PROVINCE>", the body above the issuing one in the letterhead."""
    return f"UBND TỈNH {settings.SOHOI_PROVINCE_NAME.upper()}"


def issuing_body() -> str:
    return settings.SOHOI_ISSUING_BODY


@dataclass
class Letterhead:
    parent_body: str = field(default_factory=parent_body)
    issuing_body: str = field(default_factory=issuing_body)
    number: str = "Số:      /BC-SNV"
    place: str = field(default_factory=province_name)
    signer_title: str = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    signer_name: str = ""
    recipients: tuple[str, ...] = ("UBND tỉnh (b/c);", "Các hội có tên trong báo cáo;", "Lưu: VT, TCBC.")


def _run(paragraph, text, *, size=14, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return run


def _paragraph(container):
    """The container's first paragraph while it is still empty (a new table cell has one), else a new one."""
    paragraphs = getattr(container, "paragraphs", [])
    if hasattr(container, "_tc") and len(paragraphs) == 1 and not paragraphs[0].runs:
        return paragraphs[0]
    return container.add_paragraph()


def _body(doc, text):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    paragraph.paragraph_format.space_after = Pt(6)
    _run(paragraph, text)


def _table(doc, header_cells, rows, *, size):
    table = doc.add_table(rows=1, cols=len(header_cells))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header_cells, strict=True):
        _run(_paragraph(cell), str(text), size=size, bold=True)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            text = number_text(value) if isinstance(value, int) else str(value)
            _run(_paragraph(cell), text, size=size)
    return table


def _centered(cell_or_doc, text, **style):
    paragraph = _paragraph(cell_or_doc)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, **style)
    return paragraph


def administrative_document(
    *,
    title: str,
    subtitle: str,
    narrative: list[str],
    table_header: list[str],
    table_rows: list[list],
    day: dt.date,
    head: Letterhead | None = None,
    sections: list[tuple[str, list[str]]] = (),
    annex: tuple[str, list[str], list[list]] | None = None,
    kind: str = "BÁO CÁO",
) -> bytes:
    """`narrative`: the body paragraphs; `table_*`: the summary table; `sections`: headed paragraphs after
    it (the text sections gathered by association); `annex`: (title, header, rows) on a landscape page."""
    head = head or Letterhead()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)

    header = doc.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    _centered(left, head.parent_body, size=13)
    _centered(left, head.issuing_body, size=13, bold=True)
    _centered(left, "________", size=13)
    _centered(left, head.number, size=13)
    _centered(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    _centered(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _centered(right, "_______________________", size=13)
    _centered(right, date_line(head.place, day), size=14, italic=True)

    _centered(doc, kind, size=14, bold=True).paragraph_format.space_before = Pt(12)
    _centered(doc, subtitle, size=14, bold=True)
    _centered(doc, title, size=14, bold=True)
    for text in narrative:
        _body(doc, text)
    _table(doc, table_header, table_rows, size=12)
    for heading, paragraphs in sections:
        _run(doc.add_paragraph(), heading, bold=True)
        for text in paragraphs:
            _body(doc, text)

    footer = doc.add_table(rows=1, cols=2)
    recipients, signature = footer.rows[0].cells
    _run(_paragraph(recipients), "Nơi nhận:", size=12, bold=True, italic=True)
    for line in head.recipients:
        paragraph = recipients.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, f"- {line}", size=11)
    for line in head.signer_title.split("\n"):
        _centered(signature, line, size=14, bold=True)
    _centered(signature, "", size=14)
    _centered(signature, head.signer_name, size=14, bold=True)

    if annex:
        title_text, header_cells, rows = annex
        landscape = doc.add_section(WD_SECTION.NEW_PAGE)
        landscape.orientation = WD_ORIENT.LANDSCAPE
        landscape.page_width, landscape.page_height = Mm(297), Mm(210)
        _centered(doc, title_text, size=14, bold=True)
        _table(doc, header_cells, rows, size=10)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def number_text(number: int) -> str:
    """27000000 → 27.000.000, as Vietnamese documents write numbers."""
    return f"{number:,}".replace(",", ".")
