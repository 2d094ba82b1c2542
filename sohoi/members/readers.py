"""Work done inside the .xlsx reader processes (xlsxstream.blocks_in_background). They start bare:
Django is set up here, before the modules that need it are imported."""

import os


def quick_checks(payload: bytes):
    """The function a reader applies to each block's rows: importer.reader_checks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sohoi.settings")
    import django

    django.setup()
    from sohoi.members.importer import reader_checks

    return reader_checks(payload)
