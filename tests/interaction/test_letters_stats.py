"""Figures on a known set of letters: the report, its xlsx export, the overdue list, the evidence the
indicators read, and the admin home panel that warns before the 3-month veto."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from govsite.indicators import load_ruleset
from govsite.indicators.inspection import ChannelKind, SiteEvidence
from govsite.indicators.rules import poor_interaction
from govsite.interaction.letters import actions, alerts, stats
from govsite.interaction.letters.evidence import letter_evidence
from govsite.interaction.letters.models import Letter, LetterState
from interaction.letters_support import (
    REPLIES,
    Staff,
    at,
    department,
    interaction_column,
    make_channel,
    make_user,
    submit,
)

TODAY = datetime.date(2026, 11, 23)
D = datetime.date


def handle(letter: Letter, staff: Staff, dept, answered: datetime.datetime | None, *, publish: bool = True,
           extend: bool = False, reply: int = 0, until: str = "") -> Letter:  # fmt: skip
    """Assess and assign on the day of receipt; reply at ``answered`` (None: stop at ``until``)."""
    start = letter.received_at
    letter = actions.perform(letter, "assess_valid", staff.dispatcher, at=start + datetime.timedelta(hours=1))
    letter = actions.perform(
        letter, "assign", staff.dispatcher, at=start + datetime.timedelta(hours=2), department=dept
    )
    if until == LetterState.ASSIGNED:
        return letter
    member = staff.member if dept == staff.department else staff.other_member
    letter = actions.perform(letter, "sign", member, at=start + datetime.timedelta(hours=3))
    if extend:
        letter = actions.perform(
            letter, "extend", member, at=start + datetime.timedelta(hours=4), reason="需协调"
        )
    if answered is None:
        return letter
    letter = actions.perform(
        letter, "draft_reply", member, at=answered - datetime.timedelta(hours=2), reply=REPLIES[reply]
    )
    return actions.perform(letter, "approve", staff.reviewer, at=answered, publish=publish)


@pytest.fixture
def known(home):
    """Seven letters of one site, received from August to November 2026."""
    site = home.get_site()
    column = interaction_column(home)
    mailbox = make_channel(column, "省长信箱")
    complaints = make_channel(column, "投诉举报", channel_kind="complaint")
    housing = department(site, "西地省住房和城乡建设厅", sort_order=1)
    transport = department(site, "西地省交通运输厅", sort_order=2)
    staff = Staff(site, housing, transport)
    staff.other_member = make_user("transport-member", departments=[transport])
    staff.reviewer.departments.add(transport)
    letters = {}
    letters["on_time"] = handle(
        submit(mailbox, at("2026-11-02", 9))[0], staff, housing, at("2026-11-05", 16), reply=0
    )
    letters["late"] = handle(submit(mailbox, at("2026-11-02", 10))[0], staff, housing, at("2026-11-13", 16),
                             publish=False, reply=1)  # fmt: skip
    letters["open"] = handle(submit(mailbox, at("2026-11-16", 9))[0], staff, housing, None)
    letters["overdue"] = handle(submit(complaints, at("2026-11-03", 9))[0], staff, transport, None,
                                until=LetterState.ASSIGNED)  # fmt: skip
    invalid = submit(mailbox, at("2026-11-20", 9))[0]
    letters["invalid"] = actions.perform(invalid, "assess_invalid", staff.dispatcher, reason="spam")
    letters["extended"] = handle(submit(mailbox, at("2026-10-01", 9))[0], staff, transport, at("2026-10-20", 16),
                                 extend=True, reply=2)  # fmt: skip
    letters["august"] = handle(
        submit(mailbox, at("2026-08-03", 9))[0], staff, housing, at("2026-08-06", 9), reply=3
    )
    actions.rate(letters["on_time"], "satisfied")
    actions.rate(letters["late"], "dissatisfied", "拖得太久")
    actions.rate(letters["extended"], "basically")
    return site, staff, {name: Letter.objects.get(pk=letter.pk) for name, letter in letters.items()}


@pytest.mark.django_db
def test_figures_of_a_known_set(known):
    site, staff, letters = known
    report = stats.report(
        Letter.objects.filter(site=site), start=D(2026, 9, 1), end=D(2026, 11, 30), today=TODAY
    )
    total = report.total
    assert (total.received, total.valid, total.invalid, total.answered, total.on_time) == (6, 5, 1, 3, 2)
    assert total.on_time_rate == pytest.approx(2 / 3)
    # Working days to the first reply: 3 (11-02→11-05) + 9 (11-02→11-13) + 10 (10-01→10-20, National Day off).
    assert total.total_working_days == 22 and total.average_working_days == pytest.approx(22 / 3)
    assert (total.open_now, total.overdue_now, total.published) == (2, 1, 2)
    assert (total.rated, total.satisfied, total.basically, total.dissatisfied) == (3, 1, 1, 1)
    assert total.satisfaction_rate == pytest.approx(2 / 3)

    rows = {row.label: row for row in report.rows}
    assert list(rows) == ["西地省住房和城乡建设厅", "西地省交通运输厅", "（未交办）"]
    housing, transport, unassigned = rows.values()
    assert (housing.received, housing.answered, housing.on_time, housing.total_working_days, housing.open_now,
            housing.overdue_now) == (3, 2, 1, 12, 1, 0)  # fmt: skip
    assert (transport.received, transport.answered, transport.on_time, transport.overdue_now) == (2, 1, 1, 1)
    assert (unassigned.received, unassigned.invalid, unassigned.valid) == (1, 1, 0)
    assert letters["late"].answered_on_time is False and letters["extended"].answered_on_time is True

    everything = stats.report(Letter.objects.filter(site=site), today=TODAY).total
    assert everything.received == 7 and everything.answered == 4
    one_department = stats.report(Letter.objects.filter(department=staff.other), today=TODAY)
    assert [row.label for row in one_department.rows] == ["西地省交通运输厅"]


@pytest.mark.django_db
def test_overdue_list_per_department(known):
    _site, _staff, letters = known
    groups = stats.overdue_by_department(Letter.objects.all(), TODAY)
    assert [(name, [letter.pk for letter in group]) for name, group in groups] == [
        ("西地省交通运输厅", [letters["overdue"].pk])
    ]
    assert stats.overdue_by_department(Letter.objects.all(), D(2026, 11, 12)) == []  # due 11-12: not yet late


@pytest.mark.django_db
def test_report_screen_and_xlsx_export(client, known):
    _site, staff, letters = known
    client.force_login(staff.dispatcher)
    query = {"start": "2026-09-01", "end": "2026-11-30"}
    html = client.get("/admin/letters/report/", query).content.decode()
    assert "西地省住房和城乡建设厅" in html and "66.7%" in html
    response = client.get("/admin/letters/report.xlsx", query)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["办理统计"]
    header = [cell.value for cell in sheet[3]]
    rows = {
        row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=4, values_only=True)
    }
    assert rows["合计"]["收到"] == 6 and rows["合计"]["按期答复率"] == pytest.approx(0.6667)
    assert rows["合计"]["平均办理工作日"] == pytest.approx(7.3)
    assert rows["西地省交通运输厅"]["当前超期"] in (0, 1)  # "now" is the real day the test runs
    overdue = [row for row in book["超期未办结"].iter_rows(min_row=2, values_only=True)]
    assert all(row[0] != letters["on_time"].number for row in overdue)
    bad = client.get("/admin/letters/report/", {"start": "2026-12-01", "end": "2026-11-01"}).content.decode()
    assert "开始日期不能晚于结束日期" in bad


@pytest.mark.django_db
def test_evidence_for_the_indicators(known):
    site, _staff, letters = known
    evidence = letter_evidence(site)
    assert len(evidence) == 7 and [item.asked for item in evidence] == sorted(item.asked for item in evidence)
    on_time = next(
        item for item in evidence if item.asked == D(2026, 11, 2) and item.answered == D(2026, 11, 5)
    )
    assert on_time.channel == "省长信箱" and on_time.channel_kind is ChannelKind.CONSULTATION
    assert on_time.url.endswith(f"/letter/{letters['on_time'].number}/")
    complaint = next(item for item in evidence if item.channel == "投诉举报")
    assert complaint.channel_kind is ChannelKind.COMPLAINT and complaint.answered is None
    assert sum(not item.valid for item in evidence) == 1
    closed = next(item for item in evidence if item.answered == D(2026, 11, 13))
    assert closed.url == ""  # not published: no public page to point to

    # The platform's evidence is judged by the inspector's own rule.
    site_evidence = SiteEvidence(url="http://localhost/", checked_at=datetime.datetime(2026, 11, 23, 8, tzinfo=datetime.UTC),
                                 letters=tuple(letter_evidence(site)))  # fmt: skip
    assert poor_interaction.overdue_letters(site_evidence, TODAY, load_ruleset("gov2019")) == []
    stale = submit(Letter.objects.get(pk=letters["open"].pk).channel.specific, at("2026-08-10", 9))[0]
    site_evidence = SiteEvidence(url="http://localhost/", checked_at=datetime.datetime(2026, 11, 23, 8, tzinfo=datetime.UTC),
                                 letters=tuple(letter_evidence(site)))  # fmt: skip
    found = poor_interaction.overdue_letters(site_evidence, TODAY, load_ruleset("gov2019"))
    assert [entry.letter.asked for entry in found] == [stale.received_on]


@pytest.mark.django_db
def test_home_panel_warns_before_the_veto(client, known, monkeypatch):
    site, staff, letters = known
    channel = Letter.objects.get(pk=letters["open"].pk).channel.specific
    near = submit(channel, at("2026-09-15", 9), subject="两个多月还没答复的咨询")[0]  # veto line 12-15
    fresh = submit(channel, at("2026-10-01", 9), subject="一个多月的咨询")[0]
    found = {alert.site_name: alert for alert in alerts.alerts_for_user(staff.dispatcher, TODAY)}
    alert = found[site.site_name]
    assert [letter.pk for letter in alert.overdue] == sorted(
        [letters["overdue"].pk, near.pk, fresh.pk], key=lambda pk: Letter.objects.get(pk=pk).due_date
    )
    assert [letter.pk for letter in alert.due_soon] == [letters["open"].pk]  # due 11-25, two working days
    assert [(letter.pk, line) for letter, line in alert.near_veto] == [(near.pk, D(2026, 12, 15))]
    # A member of the transport department sees only that department's letter.
    member_alerts = alerts.alerts_for_user(staff.other_member, TODAY)
    assert [[letter.pk for letter in a.overdue] for a in member_alerts] == [[letters["overdue"].pk]]

    real = alerts.timezone.localdate
    monkeypatch.setattr(
        alerts.timezone, "localdate", lambda value=None, *args: real(value, *args) if value else TODAY
    )
    client.force_login(staff.dispatcher)
    home = client.get("/admin/").content.decode()
    assert "来信办理提醒" in home and "超过2个月未答复 1 件" in home and "须在 2026-12-15 前答复" in home
