"""What the import's stages hand each other: a row's problem or warning, a clean row, the file's error."""

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not .xlsx, no header row…); the message says why."""


@dataclass(frozen=True)
class Problem:
    """Something about one cell of one row: an error refuses the row, a warning does not."""

    row: int
    column: str
    value: str
    message: str
    warning: bool = False


class CleanRow(NamedTuple):
    """A checked row, ready to write (a tuple: cheap to build, stage and read back)."""

    row: int
    full_name: str
    birth_date: dt.date | None
    birth_precision: str
    sex: str
    cccd: str
    ethnicity: str
    occupation: str
    commune_id: int | None
    address: str
    phone: str
    member_type: str
    member_number: str
    branch_id: int | None
    joined_on: dt.date
    eligibility_exception: bool
    cmnd: str = ""  # the old 9-digit identity card, where the list gives it instead of a CCCD
