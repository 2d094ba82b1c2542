"""Vietnamese text: NFC on input, and a folded form for search without diacritics."""

import unicodedata

_D_BAR = str.maketrans({"Đ": "D", "đ": "d"})


def nfc(value: str) -> str:
    """Vietnamese arrives in NFC and NFD; store NFC so that equal names compare equal."""
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return value
    return unicodedata.normalize("NFC", value)


def clean_text(value: str | None) -> str:
    """NFC with runs of white space folded to one space."""
    if not value:
        return ""
    return " ".join(nfc(value).split())


def fold(value: str | None) -> str:
    """Lower-case, without diacritics: "Hội Người cao tuổi Đồng Hỷ" → "hoi nguoi cao tuoi dong hy".

    Vietnamese letters decompose (NFD) into an ASCII letter and combining marks, which are dropped;
    "Đ/đ" has no decomposition in Unicode, so it is mapped by hand. Other non-ASCII characters are
    dropped too: the result is a search key, never shown.
    """
    if not value:
        return ""
    if not value.isascii():
        value = unicodedata.normalize("NFD", value.translate(_D_BAR)).encode("ascii", "ignore").decode()
    return " ".join(value.lower().split())


def given_name_first(folded: str) -> str:
    """ "nguyen thi lan" → "lan nguyen thi": a second key, so that typing the given name finds people."""
    words = folded.split()
    return " ".join(words[-1:] + words[:-1])


def prefix_range(folded: str) -> tuple[str, str]:
    """Bounds of the strings that start with `folded` (ASCII): an index range on any database."""
    return folded, folded + "\x7f"


def parse_whole_number(value) -> int | None:
    """ "15.000.000", "15,000,000" or 15000000 → 15000000; None when it is not a whole number."""
    try:
        return int(str(value).replace(".", "").replace(",", "").strip())
    except (TypeError, ValueError):
        return None
