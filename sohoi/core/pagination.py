from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows, so that a list of a million members pages without a full count;
    past the cap the page bar says "more than" instead of a total."""

    cap = 10_000

    @cached_property
    def count(self) -> int:
        return len(self.object_list.values("pk")[: self.cap + 1])

    @property
    def capped(self) -> bool:
        return self.count > self.cap
