import datetime
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shared_data
from govsite.supervision.extract.dates import date_from_url, find_dates, parse_date, parse_full_date

REALDATA = shared_data.REALDATA
TODAY = datetime.date(2026, 11, 23)
D = datetime.date


@pytest.fixture(scope="module")
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real test data not found at {REALDATA}")
    return REALDATA


# --- forms -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", D(2026, 11, 20)),
        ("2026-1-5", D(2026, 1, 5)),
        ("2026年11月20日", D(2026, 11, 20)),
        ("2026 年 1 月 5 日", D(2026, 1, 5)),
        ("2026年11月20", D(2026, 11, 20)),
        ("2026/11/20", D(2026, 11, 20)),
        ("2026.11.20", D(2026, 11, 20)),
        ("２０２６年１１月２０日", D(2026, 11, 20)),
        ("２０２６－１１－２０", D(2026, 11, 20)),
        ("二〇二六年十一月二十日", D(2026, 11, 20)),
        ("二○○四年四月二十七日", D(2004, 4, 27)),
        ("一九九六年六月二十九日", D(1996, 6, 29)),
        ("二〇〇六年十二月三十日", D(2006, 12, 30)),
        ("二〇二六年元月三日", D(2026, 1, 3)),
        ("发布时间：2026-11-20 09:30:00", D(2026, 11, 20)),
        ("2026-11-20T09:30:00+08:00", D(2026, 11, 20)),
        ("2019/4/25 9:32:09", D(2019, 4, 25)),
        ("http://www.example.gov.cn/art/2026/11/20/t20261120_123.html", D(2026, 11, 20)),
        ("t20261120_123.html", D(2026, 11, 20)),
        ("[11-20]", D(2026, 11, 20)),
        ("11-20", D(2026, 11, 20)),
        ("11月20日", D(2026, 11, 20)),
        ("(11/20)", D(2026, 11, 20)),
        ("（11/20）", D(2026, 11, 20)),
        ("【1-5】", D(2026, 1, 5)),
        ("关于做好冬季供暖的通知 11-24", D(2026, 11, 24)),  # tomorrow is allowed…
        ("关于做好冬季供暖的通知 11-25", D(2025, 11, 25)),  # …the day after is not
    ],
)
def test_reads_every_common_form(text: str, expected: datetime.date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2026年13月1日",
        "二〇二六年二月三十日",
        "09:30",
        "09:30:00",
        "国办发〔2014〕57号",
        "国令第707号",
        "咨询电话：0471-6944320",
        "电话 010-65123456",
        "13912345678",
        "版本 v2.11.20",
        "1.12.30",
        "2026.11.20.1",
        "价格 12.30 元",
        "¥11.20",
        "20261120",  # a bare number is not a stamp
        "content20261120_1",
        "10-15 个工作日",
        "3-5天",
        "1/2",
        "2026年",
        "2026年11月",
        "",
    ],
)
def test_rejects_what_is_not_a_date(text: str) -> None:
    assert parse_date(text, today=TODAY) is None


def test_find_dates_lists_every_date_in_order() -> None:
    text = "成文日期：2019年01月27日 发布日期：2019-02-15 修订于二〇〇四年八月十二日，列表 [02-14]"
    assert find_dates(text, today=D(2019, 2, 20)) == [
        D(2019, 1, 27),
        D(2019, 2, 15),
        D(2004, 8, 12),
        D(2019, 2, 14),
    ]


def test_short_forms_take_the_year_of_the_inspection_around_new_year() -> None:
    today = D(2026, 1, 3)
    assert parse_date("12-30", today=today) == D(2025, 12, 30)
    assert parse_date("01-03", today=today) == D(2026, 1, 3)
    assert parse_date("01-04", today=today) == D(2026, 1, 4)  # today + 1 day
    assert parse_date("01-05", today=today) == D(2025, 1, 5)
    assert parse_date("02-29", today=today) == D(2024, 2, 29)


def test_parse_full_date_skips_dates_without_a_year() -> None:
    assert parse_full_date("[11-20] 2026年1月2日") == D(2026, 1, 2)
    assert parse_full_date("11月20日") is None
    assert parse_full_date("二〇〇四年四月十七日") == D(2004, 4, 17)
    assert parse_full_date("") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.gov.cn/zhengce/content/2019-02/15/content_5365945.htm", D(2019, 2, 15)),
        ("http://www.x.gov.cn/xxgk/202611/t20261120_123456.html", D(2026, 11, 20)),
        ("http://www.x.gov.cn/news/2026/1120/c123.html", D(2026, 11, 20)),
        ("http://www.x.gov.cn/art/2026/11/20/art_1229_55.html", D(2026, 11, 20)),
        ("https://www.henan.gov.cn/2022/08-11/2559082.html", D(2022, 8, 11)),
        ("http://www.x.gov.cn/202611/", None),
        ("http://www.x.gov.cn/col/col1229/index.html", None),
        ("http://www.x.gov.cn/2026-02/30/content_1.htm", None),
        ("http://www.x.gov.cn/list.html?date=2026-11-20", None),
    ],
)
def test_date_from_url(url: str, expected: datetime.date | None) -> None:
    assert date_from_url(url) == expected


# --- properties ------------------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"


def _chinese(number: int) -> str:
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[units] if units else "")


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


FORMS = {
    "iso": lambda d: d.isoformat(),
    "unpadded": lambda d: f"{d.year}-{d.month}-{d.day}",
    "slash": lambda d: f"{d.year}/{d.month}/{d.day}",
    "dot": lambda d: f"{d.year}.{d.month:02}.{d.day:02}",
    "cjk": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "full_width": lambda d: _full_width(f"{d.year}年{d.month:02}月{d.day:02}日"),
    "numerals": lambda d: (
        "".join(_CN_DIGITS[int(c)] for c in str(d.year)) + f"年{_chinese(d.month)}月{_chinese(d.day)}日"
    ),
    "stamp": lambda d: f"/{d:%Y%m}/t{d:%Y%m%d}_4711.html",
    "with_time": lambda d: f"{d.isoformat()} 23:59:59",
}
dates = st.dates(min_value=D(1949, 10, 1), max_value=D(2099, 12, 31))


@pytest.mark.parametrize("form", FORMS)
@given(day=dates)
def test_every_form_reads_back(form: str, day: datetime.date) -> None:
    text = f"发布日期：{FORMS[form](day)}，浏览次数 12"
    assert parse_date(text, today=TODAY) == day


@given(today=st.dates(min_value=D(2001, 1, 1), max_value=D(2099, 1, 1)), back=st.integers(-1, 360))
def test_short_forms_infer_the_latest_year_not_after_tomorrow(today: datetime.date, back: int) -> None:
    day = today - datetime.timedelta(days=back)
    for text in (f"[{day:%m-%d}]", f"{day:%m-%d}", f"{day.month}月{day.day}日", f"({day.month}/{day.day})"):
        assert parse_date(text, today=today) == day, text


@given(text=st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    found = find_dates(text, today=TODAY)
    assert all(isinstance(d, datetime.date) for d in found)
    assert parse_date(text, today=TODAY) == (found[0] if found else None)
    date_from_url(text)


# --- real data -------------------------------------------------------------------------------------


def test_signature_dates_of_real_policy_documents_are_read(realdata: Path) -> None:
    folder = realdata / "gov_cn_policy_2019"
    truth = {
        row["url"]: row for row in map(json.loads, (folder / "ground_truth.jsonl").read_text().splitlines())
    }
    missed = []
    numerals = 0
    for line in (folder / "bodies.jsonl").read_text().splitlines():
        body = json.loads(line)
        signed = D.fromisoformat(truth[body["url"]]["signature_date_in_body"])
        if signed not in find_dates(body["body"], today=D(2019, 3, 1)):
            missed.append((body["url"], signed))
        numerals += bool(re.search("[〇○零一二三四五六七八九]{4}年", body["body"]))
    assert missed == []
    assert len(truth) == 60
    assert numerals == 26  # the Chinese-numeral form really was exercised


def test_letter_times_of_a_real_message_board_are_read(realdata: Path) -> None:
    path = realdata / "letters_tipdm2020" / "messages_with_replies.jsonl"
    wrong = []
    count = 0
    for line in path.read_text().splitlines():
        letter = json.loads(line)
        for field in ("message_time", "reply_time"):
            raw = letter[field]
            year, month, day = map(int, re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", raw).groups())
            count += 1
            if parse_date(raw, today=TODAY) != D(year, month, day):
                wrong.append((letter["id"], field, raw))
    assert count == 2 * 2816
    assert wrong == []
