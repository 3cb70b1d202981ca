import datetime

import pytest

from govsite.indicators import ColumnEvidence, ColumnKind, ItemEvidence


def test_every_kind_has_its_official_label() -> None:
    assert ColumnKind.NEWS.label == "动态要闻"
    assert ColumnKind.NOTICE.label == "通知公告"
    assert ColumnKind.POLICY.label == "政策文件"
    assert ColumnKind.TOPIC.label == "专题专栏"
    assert all(kind.label for kind in ColumnKind)


def test_kind_is_its_string_value() -> None:
    assert ColumnKind("interpretation") is ColumnKind.INTERPRETATION
    assert f"{ColumnKind.NEWS}" == "news"


def test_from_items_counts_and_finds_newest_date() -> None:
    items = [
        ItemEvidence("旧闻", published=datetime.date(2024, 1, 2)),
        ItemEvidence("无日期"),
        ItemEvidence("新闻", url="/a.html", published=datetime.date(2024, 5, 30)),
        ItemEvidence("中间", published=datetime.date(2024, 3, 1)),
    ]
    column = ColumnEvidence.from_items("42", "工作动态", ColumnKind.NEWS, items, url="/news/")
    assert column.item_count == 4
    assert column.last_update == datetime.date(2024, 5, 30)
    assert column.undated_count == 1
    assert column.url == "/news/"
    assert column.historical is False


def test_from_items_accepts_a_generator_once() -> None:
    items = (ItemEvidence(f"条目{n}", published=datetime.date(2024, 1, n)) for n in range(1, 4))
    column = ColumnEvidence.from_items("k", "n", ColumnKind.POLICY, items)
    assert (column.item_count, column.last_update) == (3, datetime.date(2024, 1, 3))


def test_from_items_without_items_is_empty() -> None:
    column = ColumnEvidence.from_items("k", "专题", ColumnKind.TOPIC, [], historical=True)
    assert (column.item_count, column.last_update, column.undated_count) == (0, None, 0)
    assert column.historical is True


def test_from_items_all_undated() -> None:
    column = ColumnEvidence.from_items("k", "n", ColumnKind.NEWS, [ItemEvidence("a"), ItemEvidence("b")])
    assert (column.item_count, column.last_update, column.undated_count) == (2, None, 2)


@pytest.mark.parametrize(
    ("item_count", "last_update", "undated_count"),
    [
        (-1, None, 0),
        (2, None, 3),
        (2, None, -1),
        (0, datetime.date(2024, 1, 1), 0),
    ],
)
def test_inconsistent_evidence_is_refused(
    item_count: int, last_update: datetime.date | None, undated_count: int
) -> None:
    with pytest.raises(ValueError, match="column 'k'"):
        ColumnEvidence("k", "n", ColumnKind.NEWS, item_count, last_update, undated_count=undated_count)


def test_evidence_is_immutable() -> None:
    column = ColumnEvidence("k", "n", ColumnKind.NEWS, 1, datetime.date(2024, 1, 1))
    with pytest.raises(AttributeError):
        column.item_count = 5  # type: ignore[misc]


def test_datetimes_become_dates() -> None:
    moment = datetime.datetime(2024, 5, 30, 23, 59, tzinfo=datetime.UTC)
    assert ItemEvidence("t", published=moment).published == datetime.date(2024, 5, 30)
    column = ColumnEvidence("k", "n", ColumnKind.NEWS, 1, moment)
    assert type(column.last_update) is datetime.date
