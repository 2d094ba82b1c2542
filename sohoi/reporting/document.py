"""The consolidated report of a period as a Decree 30/2020 report (sohoi.core.docx)."""

import datetime as dt

from sohoi.core.docx import Letterhead, administrative_document, number_text
from sohoi.reporting.selectors import change


def _signed(number: int | None) -> str:
    if number is None:
        return "—"
    text = number_text(abs(number))
    return f"+{text}" if number > 0 else (f"-{text}" if number < 0 else "0")


def default_narrative(period, data, c) -> list[str]:
    """The opening paragraphs the officer starts from when the narrative is still empty."""
    lines = [
        f"Thực hiện chế độ báo cáo {period.regime.title.lower()}, kỳ số liệu từ ngày "
        f"{period.starts_on:%d/%m/%Y} đến ngày {period.ends_on:%d/%m/%Y}, có {c.submitted}/{c.expected} hội "
        f"đã gửi báo cáo ({c.on_time} hội đúng hạn, {c.late} hội muộn, {c.missing} hội chưa gửi); "
        f"{len(data.rows)} báo cáo đã được Sở Nội vụ tiếp nhận và tổng hợp.",
    ]
    if data.indicators:
        first = data.indicators[0]
        line = f"{first.label}: {number_text(data.totals[first.code])}"
        if data.previous_totals:
            line += f" ({_signed(data.totals[first.code] - data.previous_totals[first.code])} so với kỳ trước)"
        lines.append(line + ".")
        for item in data.lineage:
            names = ", ".join(p.name for p in item.predecessors)
            lines.append(
                f"{item.association.name}: {first.label.lower()} {number_text(item.values[first.code])}, "
                f"{_signed(item.change(first.code))} so với tổng của các hội hợp nhất ({names}: "
                f"{number_text(item.previous[first.code])})."
            )
    return lines


def period_document(*, period, data, consolidated, c, day: dt.date) -> bytes:
    """The consolidated report of a period: the officer's narrative (or the default one), the totals
    with the change against the previous period, the text sections by association and, as an annex,
    every association's figures."""
    narrative = [line.strip() for line in consolidated.narrative.splitlines() if line.strip()]
    summary = [
        [i.label, data.totals[i.code], data.previous_totals.get(i.code, "—"), _signed(change(data, i.code))]
        for i in data.indicators
    ]
    numbers = [f"{i}. {label}" for i, (label, _entries) in enumerate(data.texts, start=1)]
    sections = [
        (heading, [f"{a.name}: {text}" for a, text in entries])
        for heading, (_label, entries) in zip(numbers, data.texts, strict=True)
    ]
    annex_rows = [[n, a.name, *[row[i.code] for i in data.indicators]] for n, (a, row) in enumerate(data.rows, 1)]
    annex_rows.append(["", "Tổng cộng", *[data.totals[i.code] for i in data.indicators]])
    head = Letterhead(
        parent_body=consolidated.parent_body,
        place=consolidated.place,
        number=f"Số: {consolidated.number}" if consolidated.number else Letterhead.number,
        signer_title=consolidated.signer_title or Letterhead.signer_title,
        signer_name=consolidated.signer_name,
    )
    return administrative_document(
        title=period.regime.title.upper(),
        subtitle=f"Kỳ số liệu từ {period.starts_on:%d/%m/%Y} đến {period.ends_on:%d/%m/%Y}",
        narrative=narrative or default_narrative(period, data, c),
        table_header=["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng/giảm"],
        table_rows=summary,
        day=consolidated.issued_on or day,
        head=head,
        sections=sections,
        annex=("PHỤ LỤC: SỐ LIỆU CỦA TỪNG HỘI", ["STT", "Hội", *[i.label for i in data.indicators]], annex_rows),
    )
