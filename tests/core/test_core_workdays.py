"""Working days against the official schedule (realdata/holidays-cn, two independent sources)."""

import csv
import datetime
import json

import pytest

import shared_data
from govsite.core.workdays import Deadline, WorkCalendar, official_calendar

HOLIDAYS = shared_data.REALDATA / "holidays-cn"
LETTERS = shared_data.REALDATA / "letters_tipdm2020" / "messages_with_replies.jsonl"
needs_holidays = pytest.mark.skipif(not HOLIDAYS.is_dir(), reason="realdata/holidays-cn not present")
D = datetime.date


def day_of(stamp: str) -> datetime.date:
    """'2019/4/25 9:32:09' or '2019-04-08 …' → the day."""
    year, month, day = stamp.split()[0].replace("/", "-").split("-")
    return D(int(year), int(month), int(day))


@needs_holidays
def test_every_listed_day_from_2011_to_2026_agrees_with_both_sources():
    calendar = official_calendar()
    with (HOLIDAYS / "merged_2011_2026.csv").open(encoding="utf-8") as rows:
        listed = list(csv.DictReader(rows))
    assert len(listed) > 500

    def says_work(kind: str, day: datetime.date) -> bool:
        return kind == "work" if kind else day.weekday() < 5  # an unlisted day is an ordinary day

    wrong = []
    for row in listed:
        day = D.fromisoformat(row["date"])
        for kind in (row["chinese_calendar_kind"], row["is_workday_per_holiday_cn"]):
            if calendar.is_workday(day) != says_work(kind, day):
                wrong.append(row["date"])
    assert wrong == []


@needs_holidays
def test_working_days_per_year_match_the_published_counts():
    calendar = official_calendar()
    expected = json.loads((HOLIDAYS / "working_days_per_year.json").read_text(encoding="utf-8"))
    counted = {
        year: calendar.working_days_between(D(int(year) - 1, 12, 31), D(int(year), 12, 31))
        for year in expected
    }
    assert counted == {year: int(count) for year, count in expected.items()}


def test_national_day_2025_break_with_its_make_up_weekend_days():
    """1–8 October 2025 off; Sunday 28 September and Saturday 11 October worked."""
    calendar = official_calendar()
    assert calendar.is_workday(D(2025, 9, 28)) and calendar.is_workday(D(2025, 10, 11))
    assert not any(calendar.is_workday(D(2025, 10, day)) for day in range(1, 9))
    # Received Friday 26 September: 28 Sep, 29 Sep, 30 Sep, 9 Oct, 10 Oct, 11 Oct (Sat), 13 Oct.
    assert calendar.add_working_days(D(2025, 9, 26), 7) == Deadline(D(2025, 10, 13))
    # Received on the first day of the break: the count starts after it.
    assert calendar.add_working_days(D(2025, 10, 1), 1) == Deadline(D(2025, 10, 9))
    assert calendar.add_working_days(D(2025, 9, 30), 15).due == D(2025, 10, 28)


def test_letter_cases_checked_by_hand():
    """realdata README §4: ids 2549 and 3700, both across holidays."""
    calendar = official_calendar()
    assert calendar.working_days_between(D(2019, 4, 25), D(2019, 5, 10)) == 10
    assert calendar.working_days_between(D(2018, 12, 29), D(2019, 1, 14)) == 9
    assert calendar.is_workday(D(2018, 12, 29))  # a Saturday made a working day


def test_receipt_day_does_not_count_and_weekends_are_skipped():
    plain = WorkCalendar({}, range(2000, 2100))
    friday = D(2026, 11, 20)
    assert plain.add_working_days(friday, 1) == Deadline(D(2026, 11, 23))
    assert plain.add_working_days(friday, 5).due == D(2026, 11, 27)
    assert plain.working_days_between(friday, friday) == 0
    assert plain.working_days_between(friday, D(2026, 11, 22)) == 0  # the weekend
    assert plain.is_overdue(friday, 1, today=D(2026, 11, 24)) and not plain.is_overdue(
        friday, 1, D(2026, 11, 23)
    )
    with pytest.raises(ValueError):
        plain.add_working_days(friday, 0)


def test_a_deadline_past_the_known_schedule_is_provisional_until_the_year_is_entered():
    calendar = official_calendar()
    assert max(calendar.known_years) == 2026
    late = calendar.add_working_days(D(2026, 12, 28), 7)
    assert late.provisional and late.due == D(2027, 1, 6)  # weekends alone
    # The 2027 schedule entered by an administrator: 1–3 January off (a Friday to Sunday, for the test).
    extended = calendar.with_days({D(2027, 1, 1): False}, years=[2027])
    entered = extended.add_working_days(D(2026, 12, 28), 7)
    assert not entered.provisional and entered.due == D(2027, 1, 7)
    early = calendar.add_working_days(D(2026, 11, 20), 7)
    assert not early.provisional


@pytest.mark.skipif(not LETTERS.is_file(), reason="realdata/letters_tipdm2020 not present")
def test_all_real_letters_get_a_due_date_and_the_published_distribution():
    calendar = official_calendar()
    buckets = {"≤7": 0, "8–15": 0, "16–30": 0, ">30": 0}
    with LETTERS.open(encoding="utf-8") as lines:
        letters = [json.loads(line) for line in lines]
    for letter in letters:
        asked, answered = day_of(letter["message_time"]), day_of(letter["reply_time"])
        took = calendar.working_days_between(asked, answered)
        on_time = answered <= calendar.add_working_days(asked, 7).due
        # A reply on a day off after the 7th working day is late though it took 7 working days.
        assert on_time == (took < 7 or (took == 7 and calendar.is_workday(answered)))
        buckets["≤7" if took <= 7 else "8–15" if took <= 15 else "16–30" if took <= 30 else ">30"] += 1
    assert buckets == {"≤7": 1366, "8–15": 737, "16–30": 465, ">30": 248}


@pytest.mark.django_db
def test_administrator_enters_next_years_schedule_in_the_admin(admin_client):
    from govsite.core.calendar_days import work_calendar
    from govsite.core.models import CalendarDay

    before = work_calendar().add_working_days(D(2026, 12, 28), 7)
    assert before.provisional
    response = admin_client.post(
        "/admin/calendar_days/new/", {"date": "2027-01-01", "is_workday": "", "name": "元旦"}, follow=True
    )
    assert response.status_code == 200 and CalendarDay.objects.filter(date=D(2027, 1, 1)).exists()
    after = work_calendar().add_working_days(D(2026, 12, 28), 7)
    assert after == Deadline(D(2027, 1, 7), provisional=False)
    listing = admin_client.get("/admin/calendar_days/").content.decode()
    assert "元旦" in listing and "节假日安排" in listing
    duplicate = admin_client.post("/admin/calendar_days/new/", {"date": "2027-01-01", "name": "重复"})
    assert "已存在" in duplicate.content.decode()
