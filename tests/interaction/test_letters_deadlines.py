"""Deadlines in working days across real holidays, provisional deadlines recomputed when the schedule is
entered, and reminders sent once, two working days before and on the day."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from govsite.core.models import CalendarDay
from govsite.interaction.letters import actions
from govsite.interaction.letters.models import Letter, LetterReminder, LetterState
from govsite.interaction.letters.reminders import send_reminders
from govsite.interaction.letters.tasks import remind_letters
from interaction.letters_support import (
    Staff,
    advance,
    at,
    department,
    interaction_column,
    make_channel,
    submit,
)

D = datetime.date


@pytest.fixture
def world(home):
    site = home.get_site()
    channel = make_channel(interaction_column(home))
    housing = department(site, "西地省住房和城乡建设厅")
    return channel, Staff(site, housing)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "due", "extended_due"),
    [
        # Fri before National Day 2025: Sun 9-28 is worked, 10-01..10-08 are off, Sat 10-11 is worked.
        ("2025-09-26", D(2025, 10, 13), D(2025, 10, 23)),
        # Spring Festival 2026: Sat 2-14 and Sat 2-28 are worked, 2-15..2-23 are off.
        ("2026-02-13", D(2026, 3, 2), D(2026, 3, 12)),
        # An ordinary week: the day of receipt does not count.
        ("2026-11-02", D(2026, 11, 11), D(2026, 11, 23)),
    ],
)
def test_deadlines_count_working_days_of_the_official_schedule(world, received, due, extended_due):
    channel, staff = world
    letter, _ = submit(channel, at(received, 16))
    assert (letter.due_date, letter.due_provisional) == (due, False)
    letter = actions.perform(letter, "extend", staff.dispatcher, at=at(received, 17), reason="情况复杂")
    assert (letter.due_date, letter.extended) == (extended_due, True)


@pytest.mark.django_db
def test_a_deadline_in_an_unknown_year_is_provisional_until_the_schedule_is_entered(world):
    channel, staff = world
    letter, _ = submit(channel, at("2026-12-28", 9))  # chinese-calendar 1.11 knows up to 2026
    assert (letter.due_date, letter.due_provisional) == (D(2027, 1, 6), True)  # weekends only
    answered, _ = submit(channel, at("2026-12-28", 10))
    answered = advance(answered, LetterState.CLOSED, staff)  # closed letters keep their deadline

    day = CalendarDay.objects.create(
        date=D(2027, 1, 1), is_workday=False, name="元旦"
    )  # the admin enters 2027
    letter.refresh_from_db()
    assert (letter.due_date, letter.due_provisional) == (D(2027, 1, 7), False)
    assert Letter.objects.get(pk=answered.pk).due_provisional is True

    day.delete()  # taken back: 2027 is unknown again
    letter.refresh_from_db()
    assert (letter.due_date, letter.due_provisional) == (D(2027, 1, 6), True)


@pytest.mark.django_db
def test_a_corrected_day_moves_the_deadlines_it_falls_in(world):
    channel, _staff = world
    letter, _ = submit(channel, at("2026-11-02", 9))
    later, _ = submit(channel, at("2026-11-20", 9))
    CalendarDay.objects.create(date=D(2026, 11, 5), is_workday=False, name="临时调整")
    letter.refresh_from_db()
    later.refresh_from_db()
    assert letter.due_date == D(2026, 11, 12)  # one working day fewer in the period
    assert later.due_date == D(2026, 12, 1)  # untouched


@pytest.mark.django_db
def test_recompute_command_fixes_deadlines_after_a_bulk_import(world):
    channel, _staff = world
    letter, _ = submit(channel, at("2026-12-28", 9))
    CalendarDay.objects.bulk_create([CalendarDay(date=D(2027, 1, 1), is_workday=False)])  # no signals
    assert Letter.objects.get(pk=letter.pk).due_provisional is True
    out = StringIO()
    call_command("recompute_letter_deadlines", stdout=out)
    assert "变更 1 件" in out.getvalue()
    assert Letter.objects.get(pk=letter.pk).due_date == D(2027, 1, 7)


# --- reminders --------------------------------------------------------------------------------------


@pytest.fixture
def assigned_letter(world):
    channel, staff = world
    staff.member.email = "member@example.cn"
    staff.member.save()
    no_mail = type(staff.member).objects.create_user("nomail", "", None)
    staff.department.members.add(no_mail)
    letter, _ = submit(channel, at("2026-11-02", 9))  # due Wed 2026-11-11
    return advance(letter, LetterState.HANDLING, staff), staff


@pytest.mark.django_db
def test_reminders_two_working_days_before_and_on_the_day_each_once(assigned_letter):
    letter, staff = assigned_letter
    assert letter.due_date == D(2026, 11, 11)
    expected = {
        D(2026, 11, 6): 0,  # Friday: three working days left
        D(2026, 11, 8): 0,  # Sunday: still three
        D(2026, 11, 9): 1,  # Monday: two working days left → 即将到期
        D(2026, 11, 10): 0,  # already reminded
        D(2026, 11, 11): 1,  # the day itself → 今日到期
        D(2026, 11, 12): 0,  # overdue: the overdue list and the home panel take over
    }
    for day, count in expected.items():
        assert send_reminders(day).sent == count, day
        assert send_reminders(day).sent == 0, day  # a rerun on the same day sends nothing
    assert len(mail.outbox) == 2
    soon, today = mail.outbox
    assert soon.to == sorted({staff.member.email, staff.reviewer.email})
    assert "将于 2026-11-11 到期（还有 2 个工作日）" in soon.subject
    assert (
        letter.number in soon.subject
        and "西地省住房和城乡建设厅" in soon.body
        and f"/admin/letters/{letter.pk}/" in soon.body
    )
    assert "今天（2026-11-11）到期" in today.subject
    assert list(LetterReminder.objects.values_list("kind", "round")) == [("due_soon", 1), ("due_today", 1)]


@pytest.mark.django_db
def test_no_reminder_for_answered_letters_or_departments_without_addresses(world):
    channel, staff = world
    for user in (staff.member, staff.reviewer):
        user.email = ""
        user.save()
    letter, _ = submit(channel, at("2026-11-02", 9))
    advance(letter, LetterState.HANDLING, staff)
    run = send_reminders(D(2026, 11, 9))
    assert (run.sent, run.no_recipients) == (0, 1) and not LetterReminder.objects.exists()
    staff.reviewer.email = "reviewer@example.cn"
    staff.reviewer.save()
    answered, _ = submit(channel, at("2026-11-02", 10))
    advance(answered, LetterState.PUBLISHED, staff)
    assert send_reminders(D(2026, 11, 9)).sent == 1  # the open letter, now that someone has an address
    assert [m.to for m in mail.outbox] == [["reviewer@example.cn"]]


@pytest.mark.django_db
def test_reminder_command_and_task(assigned_letter, monkeypatch):
    out = StringIO()
    call_command("remind_letters", today="2026-11-09", stdout=out)
    assert "已发送提醒 1 件" in out.getvalue()
    call_command("remind_letters", today="2026-11-09", stdout=out)
    assert "此前已提醒 1 件" in out.getvalue()
    assert remind_letters.name == "govsite.interaction.letters.tasks.remind_letters"
    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, *args: real(value, *args) if value else D(2026, 11, 11)
    )
    assert remind_letters.apply().get() == 1  # the beat task: today's reminders (the due-today one)
