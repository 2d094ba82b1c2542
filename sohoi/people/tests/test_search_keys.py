import pytest
from django.db import connection

from sohoi.core.text import prefix_range
from sohoi.people.models import Person


@pytest.mark.django_db
def test_the_name_keys_are_compared_in_byte_order_on_any_database():
    """The member search's prefix ranges hold only in byte order: on PostgreSQL the key columns carry
    the "C" collation whatever the database's default (people.0006); SQLite compares bytes already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.attname, c.collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation "
                "WHERE a.attrelid = 'people_person'::regclass AND a.attname IN ('name_folded', 'given_folded') "
                "ORDER BY a.attname"
            )
            assert cursor.fetchall() == [("given_folded", "C"), ("name_folded", "C")]
    Person.objects.create(full_name="Nguyễn Văn An", name_folded="nguyen van an", given_folded="an nguyen van")
    Person.objects.create(full_name="Nguyễn Vân", name_folded="nguyen van", given_folded="van nguyen")
    Person.objects.create(full_name="Nguyễn Vănh", name_folded="nguyen vanh", given_folded="vanh nguyen")
    low, high = prefix_range("nguyen van ")
    found = Person.objects.filter(name_folded__gte=low, name_folded__lt=high).values_list("full_name", flat=True)
    assert list(found) == ["Nguyễn Văn An"]
