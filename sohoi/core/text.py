"""Vietnamese text: NFC on input, and a folded form for search without diacritics."""

import unicodedata


def nfc(value: str) -> str:
    """Vietnamese arrives in NFC and NFD; store NFC so that equal names compare equal."""
    return unicodedata.normalize("NFC", value)


def clean_text(value: str | None) -> str:
    """NFC with runs of white space folded to one space."""
    if not value:
        return ""
    return " ".join(nfc(value).split())


def fold(value: str | None) -> str:
    """Lower-case, without diacritics: "Hội Người cao tuổi Đồng Hỷ" → "hoi nguoi cao tuoi dong hy".

    "Đ/đ" has no decomposition in Unicode, so it is mapped by hand.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
