import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Pt

from sohoi.core.docx import Letterhead, administrative_document, date_line


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (dt.date(2026, 1, 5), "Thái Nguyên, ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 14), "Thái Nguyên, ngày 14 tháng 02 năm 2026"),
        (dt.date(2026, 3, 3), "Thái Nguyên, ngày 03 tháng 3 năm 2026"),
        (dt.date(2026, 11, 24), "Thái Nguyên, ngày 24 tháng 11 năm 2026"),
    ],
)
def test_the_date_line_pads_days_below_10_and_january_and_february(day, line):
    assert date_line("Thái Nguyên", day) == line


def build() -> bytes:
    return administrative_document(
        title="CỦA CÁC HỘI ĐƯỢC GIAO BIÊN CHẾ",
        subtitle="Kết quả 6 tháng đầu năm 2026",
        narrative=["Thực hiện chế độ báo cáo...", "Các hội đã tích cực..."],
        table_header=["Chỉ tiêu", "Tổng cộng"],
        table_rows=[["Tổng số hội viên", 13], ["Kinh phí (đồng)", 20_000_000]],
        day=dt.date(2026, 7, 2),
        head=Letterhead(number="Số: 15/BC-SNV", signer_name="Nguyễn Văn A"),
    )


def test_the_document_follows_decree_30_2020():
    doc = Document(io.BytesIO(build()))
    section = doc.sections[0]

    def mm(length):
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(m) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [
        20,
        20,
        30,
        15,
    ]
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH THÁI NGUYÊN",
        "SỞ NỘI VỤ",
        "________",
        "Số: 15/BC-SNV",
    ]
    assert [p.text for p in right.paragraphs if p.text][:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    date_run = next(p for p in right.paragraphs if p.text.startswith("Thái Nguyên")).runs[0]
    assert (date_run.text, date_run.italic, date_run.font.size) == (
        "Thái Nguyên, ngày 02 tháng 7 năm 2026",
        True,
        Pt(14),
    )
    runs = [r for p in doc.paragraphs for r in p.runs] + [
        r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert {r.font.name for r in runs if r.text} == {"Times New Roman"}
    assert doc.styles["Normal"].font.name == "Times New Roman"
    body = next(p for p in doc.paragraphs if p.text == "Thực hiện chế độ báo cáo...")
    assert (round(body.paragraph_format.first_line_indent.cm, 2), body.paragraph_format.space_after) == (1.27, Pt(6))
    assert [[c.text for c in row.cells] for row in doc.tables[1].rows] == [
        ["Chỉ tiêu", "Tổng cộng"],
        ["Tổng số hội viên", "13"],
        ["Kinh phí (đồng)", "20.000.000"],
    ]
    recipients = doc.tables[2].rows[0].cells[0]
    assert recipients.paragraphs[0].runs[0].text == "Nơi nhận:"
    assert (recipients.paragraphs[0].runs[0].bold, recipients.paragraphs[0].runs[0].italic) == (True, True)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")
def test_libreoffice_converts_the_document_to_pdf_with_its_pages(tmp_path):
    import re

    path = tmp_path / "bao-cao.docx"
    annex_rows = [[n, f"Hội số {n}", n * 100] for n in range(1, 11)]
    path.write_bytes(
        administrative_document(
            title="CỦA CÁC HỘI ĐƯỢC GIAO BIÊN CHẾ",
            subtitle="Kết quả 6 tháng đầu năm 2026",
            narrative=["Thực hiện chế độ báo cáo..."],
            table_header=["Chỉ tiêu", "Tổng cộng"],
            table_rows=[["Tổng số hội viên", 5500]],
            day=dt.date(2026, 7, 2),
            annex=("PHỤ LỤC", ["STT", "Hội", "Hội viên"], annex_rows),
        )
    )
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    boxes = [
        tuple(round(float(v)) for v in m) for m in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    ]
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2
    assert boxes[:2] == [(595, 842), (842, 595)]  # the report on A4 portrait, the annex on A4 landscape
