"""Reference data the registry needs in every database: the fields of activity.

Used by migration registry.0002 and by tests that start from an emptied database.
"""

DEFAULT_FIELDS = [
    "Nhân đạo, từ thiện",
    "Xã hội",
    "Giáo dục",
    "Y tế",
    "Pháp luật",
    "Báo chí",
    "Văn hóa, nghệ thuật",
    "Khoa học, công nghệ",
    "Đối ngoại nhân dân",
    "Nông nghiệp",
    "Kinh tế",
    "Thể dục, thể thao",
]


def ensure_default_fields(ActivityField) -> None:
    for name in DEFAULT_FIELDS:
        ActivityField.objects.get_or_create(name=name)
