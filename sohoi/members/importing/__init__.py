"""The member import: an Excel member list into the registry, in five stages that run one way.

    read ──► layout ──► check ──► stage ──► write
    read.py   layout.py  check.py  stage.py  write.py

- `read`: the first worksheet of the .xlsx as a stream of (row number, cell values), parsed by two
  reader processes for a large file; knows nothing of members.
- `layout`: where the header is, which column holds which field (`columns.COLUMNS`, the one list of
  columns, and the mappings the association's officers chose), which rows are not member data.
- `check`: every data row checked once by one checker — the problems of the row (row, column, value,
  what was expected) and its warnings, or the clean row; the rows' CCCDs against the registry.
- `stage`: the clean rows kept beside the upload until the officer confirms.
- `write`: the staged rows written to persons and memberships in one transaction.

`job` runs the stages for a `MemberImport` (the row the page polls); the page, the background tasks and
`manage.py import_members` all call it. `records` holds what the stages hand each other.
"""
