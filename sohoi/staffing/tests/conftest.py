import pytest


@pytest.fixture
def assigned(cast):
    """The cast, with both associations assigned tasks by the Party and State (the staffing rules' scope)."""
    for association in (cast.association_a, cast.association_b):
        association.is_assigned_tasks = True
        association.save()
    return cast
