"""Evidence: what a rule needs to know about a site, whoever gathered it.

The CMS builds evidence from its database and the crawler from arbitrary HTML; rules see only these
plain values, so both sources are judged by the same code.
"""

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass


class ColumnKind(enum.StrEnum):
    """The kind of a column (栏目), which decides how often the indicators expect it to update."""

    NEWS = "news"
    NOTICE = "notice"
    POLICY = "policy"
    INTERPRETATION = "interpretation"
    PERSONNEL = "personnel"
    PLAN = "plan"
    STATISTICS = "statistics"
    FINANCE = "finance"
    PROCUREMENT = "procurement"
    TOPIC = "topic"
    OVERVIEW = "overview"
    SERVICE = "service"
    INTERACTION = "interaction"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The official Chinese name of the kind."""
        return _KIND_LABELS[self]


# Official terms of the inspection documents, shown as they are: not translated, so not gettext.
_KIND_LABELS: dict[ColumnKind, str] = {
    ColumnKind.NEWS: "动态要闻",
    ColumnKind.NOTICE: "通知公告",
    ColumnKind.POLICY: "政策文件",
    ColumnKind.INTERPRETATION: "政策解读",
    ColumnKind.PERSONNEL: "人事信息",
    ColumnKind.PLAN: "规划计划",
    ColumnKind.STATISTICS: "统计数据",
    ColumnKind.FINANCE: "财政信息",
    ColumnKind.PROCUREMENT: "政府采购",
    ColumnKind.TOPIC: "专题专栏",
    ColumnKind.OVERVIEW: "概况信息",
    ColumnKind.SERVICE: "办事服务",
    ColumnKind.INTERACTION: "互动交流",
    ColumnKind.OTHER: "其他",
}


@dataclass(frozen=True, slots=True)
class ItemEvidence:
    """One item listed in a column. `published` is None when the page shows no date."""

    title: str
    url: str = ""
    published: datetime.date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "published", _as_date(self.published))


@dataclass(frozen=True, slots=True)
class ColumnEvidence:
    """What is known about one column: enough to tell whether it is empty or stale.

    `key` is a stable identifier (a page id or a URL) so findings can point back at the column.
    `last_update` is the newest dated item; None when no item carries a date.
    `historical` marks a closed topic (专题), which is kept online but no longer updated.
    """

    key: str
    name: str
    kind: ColumnKind
    item_count: int
    last_update: datetime.date | None
    url: str = ""
    historical: bool = False
    undated_count: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "last_update", _as_date(self.last_update))
        if self.item_count < 0:
            raise ValueError(f"column {self.key!r}: item_count must not be negative ({self.item_count})")
        if not 0 <= self.undated_count <= self.item_count:
            raise ValueError(
                f"column {self.key!r}: undated_count ({self.undated_count}) must be between 0 and "
                f"item_count ({self.item_count})"
            )
        # A date without any item behind it would make an empty column look fresh.
        if self.item_count == 0 and self.last_update is not None:
            raise ValueError(f"column {self.key!r}: last_update given for a column without items")

    @classmethod
    def from_items(
        cls,
        key: str,
        name: str,
        kind: ColumnKind,
        items: Iterable[ItemEvidence],
        *,
        url: str = "",
        historical: bool = False,
    ) -> "ColumnEvidence":
        """Summarise a column's items: how many, the newest date, and how many carry no date."""
        count = 0
        undated = 0
        newest: datetime.date | None = None
        for item in items:
            count += 1
            if item.published is None:
                undated += 1
            elif newest is None or item.published > newest:
                newest = item.published
        return cls(
            key=key,
            name=name,
            kind=kind,
            item_count=count,
            last_update=newest,
            url=url,
            historical=historical,
            undated_count=undated,
        )


def _as_date(value: datetime.date | None) -> datetime.date | None:
    # A datetime is a date subclass but cannot be compared with a date; rules count whole days.
    return value.date() if isinstance(value, datetime.datetime) else value
