"""PostgreSQL: the name search keys compared byte by byte, whatever the database's default collation.

The member search reads `name_folded` and `given_folded` as index ranges, from the folded prefix up to
the prefix followed by "\x7f" (sohoi.core.text.prefix_range). In byte order (SQLite's, and PostgreSQL's
"C") every key starting with the prefix lies in that range; in a language collation such as en_US,
which a PostgreSQL cluster often has by default, "\x7f" is ignored and the range is nearly empty: the
search would find no one. The columns carry the "C" collation, and their indexes with them. (SQLite has
no "C" collation and compares bytes already; Django's db_collation would name it there too, hence SQL.)
"""

from django.db import migrations

COLUMNS = ("name_folded", "given_folded")


def _collate(collation):
    def alter(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        changes = ", ".join(f'ALTER COLUMN {column} TYPE varchar(120) COLLATE "{collation}"' for column in COLUMNS)
        schema_editor.execute(f"ALTER TABLE people_person {changes}")

    return alter


class Migration(migrations.Migration):
    dependencies = [("people", "0005_plain_name_indexes")]

    operations = [migrations.RunPython(_collate("C"), _collate("default"))]
