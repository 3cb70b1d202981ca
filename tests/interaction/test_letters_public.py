"""来信选登: only published letters, masked, searchable, paginated newest first — and laid out so that our
own crawler (supervision/extract/letters.py) reads the asked and answered dates right."""

from __future__ import annotations

import datetime

import pytest

from govsite.interaction.letters.models import LetterState
from govsite.supervision.extract.letters import find_letter_rows, letter_detail
from interaction.letters_support import (
    REPLIES,
    Staff,
    advance,
    at,
    department,
    interaction_column,
    make_channel,
    submit,
)

PERSONAL = {
    "writer_name": "欧阳修文",
    "content": "我叫王小明，住解放路2号3栋501室，身份证号430102199001011234，电话13912345678。"
    "小区门口的路灯坏了两个月，晚上出行很不安全，请尽快修复。请告知处理时间：2026-01-05之前能否修好？",
}


@pytest.fixture
def world(home):
    site = home.get_site()
    channel = make_channel(interaction_column(home))
    return channel, Staff(site, department(site, "西地省住房和城乡建设厅"))


def publish(channel, staff, day: str, number: int, state=LetterState.PUBLISHED, **fields):
    letter, _ = submit(channel, at(day, 9), **fields)
    return advance(
        letter, state, staff, reply=REPLIES[number % len(REPLIES)], step=datetime.timedelta(days=1)
    )


@pytest.mark.django_db
def test_listing_shows_published_letters_masked(client, world):
    channel, staff = world
    shown = publish(
        channel, staff, "2026-11-02", 0, subject="小区路灯损坏请求修复（答复时间太慢）", **PERSONAL
    )
    hidden = [
        publish(channel, staff, "2026-11-03", 1, state=LetterState.CLOSED, subject="不公开的来信：医保报销"),
        publish(
            channel, staff, "2026-11-04", 2, state=LetterState.DRAFTED, subject="尚未答复的来信：公交线路"
        ),
        publish(channel, staff, "2026-11-05", 3, state=LetterState.INVALID, subject="无效来信：广告推销内容"),
    ]
    html = client.get(channel.url).content.decode()
    for secret in ("欧阳修文", "王小明", "13912345678", "430102199001011234", "3栋501"):
        assert secret not in html, secret
    for masked in ("欧阳**", "王**", "139****5678", "430***********1234", "解放路2号***室"):
        assert masked in html, masked
    assert "小区门口的路灯坏了两个月" in html and REPLIES[0][:20] in html
    assert shown.reply_department_name in html
    for letter in hidden:
        assert letter.subject not in html


@pytest.mark.django_db
def test_listing_is_searchable_paginated_and_newest_first(client, world):
    channel, staff = world
    subjects = [
        f"第{n:02d}封来信：{topic}"
        for n, topic in enumerate(["噪音扰民问题", "公交站点调整", "社保补贴咨询"] * 4)
    ]
    for number, subject in enumerate(subjects):
        publish(channel, staff, f"2026-10-{number + 1:02d}", number, subject=subject)
    first = client.get(channel.url).content.decode()
    assert first.count('class="letter-item"') == 10
    assert first.index("第11封来信") < first.index("第10封来信") < first.index("第02封来信")  # newest first
    assert "第 1 / 2 页，共 12 条" in first and "第00封来信" not in first
    second = client.get(channel.url, {"page": 2}).content.decode()
    assert second.count('class="letter-item"') == 2 and "第00封来信" in second
    found = client.get(channel.url, {"q": "社保补贴咨询"}).content.decode()
    assert found.count('class="letter-item"') == 4 and "噪音扰民" not in found
    by_reply = client.get(channel.url, {"q": "十倍赔偿"}).content.decode()  # words of a reply
    assert by_reply.count('class="letter-item"') == 1
    nothing = client.get(channel.url, {"q": "不存在的关键词"}).content.decode()
    assert "没有找到相关来信" in nothing


@pytest.mark.django_db
def test_our_crawler_reads_asked_and_answered_dates_from_the_listing(client, world):
    channel, staff = world
    expected = {}
    for number, day in enumerate(["2026-09-07", "2026-09-28", "2026-10-12"]):
        subject = "路灯损坏请求修复，答复时间能否提前" if number == 0 else f"第{number}封：公交线路调整建议"
        fields = PERSONAL if number == 0 else {}
        letter = publish(channel, staff, day, number, subject=subject, **fields)
        expected[letter.number] = (letter.received_on, letter.answered_on)
    publish(channel, staff, "2026-10-13", 5, state=LetterState.HANDLING, subject="办理中的来信不应出现")
    html = client.get(channel.url).content.decode()

    rows = find_letter_rows(html, "http://localhost" + channel.url, today=datetime.date(2026, 11, 23))
    assert len(rows) == 3
    found = {row.url.rstrip("/").rsplit("/", 1)[-1]: (row.asked, row.answered) for row in rows}
    assert found == expected
    assert all(answered > asked for asked, answered in found.values())
    assert {row.status.value for row in rows} == {"answered"}
    assert any("答复时间能否提前" in row.title for row in rows)  # the writer's words are not a date label

    # The crawler follows a row to the letter's own page and reads the same dates there.
    row = next(row for row in rows if "答复时间能否提前" in row.title)
    page = client.get(row.url.replace("http://localhost", ""))
    assert page.status_code == 200
    detail = letter_detail(page.content.decode(), row.url, today=datetime.date(2026, 11, 23))
    assert (detail.asked, detail.answered) == (row.asked, row.answered)
    assert REPLIES[0][:15] in detail.reply_text
    assert "13912345678" not in page.content.decode()


@pytest.mark.django_db
def test_unpublished_letters_have_no_page(client, world):
    channel, staff = world
    closed = publish(channel, staff, "2026-11-03", 1, state=LetterState.CLOSED)
    assert client.get(f"{channel.url}letter/{closed.number}/").status_code == 404
    assert client.get(f"{channel.url}letter/XX-20260101-0001/").status_code == 404


@pytest.mark.django_db
def test_the_writer_reads_the_reply_and_rates_it_once(client, world):
    channel, staff = world
    letter, code = submit(channel, at("2026-11-02", 9), agrees_to_publish=False)
    query = channel.url + "query/"
    found = client.post(query, {"number": letter.number, "code": code})
    pending = client.get(found["Location"]).content.decode()
    assert "已收到，等待受理" in pending and "提交评价" not in pending

    advance(letter, LetterState.CLOSED, staff, reply=REPLIES[4])
    answered = client.get(found["Location"]).content.decode()
    assert "已答复" in answered and REPLIES[4][:20] in answered and "提交评价" in answered
    assert "西地省住房和城乡建设厅" in answered
    missing = client.post(query, {"action": "rate", "number": letter.number})
    assert missing.status_code == 400 and "请选择满意程度" in missing.content.decode()
    rated = client.post(
        query, {"action": "rate", "number": letter.number, "satisfaction": "basically", "comment": "基本解决"}
    )
    assert rated.status_code == 302
    thanks = client.get(rated["Location"]).content.decode()
    assert "感谢您的评价" in thanks and "您的评价：基本满意" in thanks and "提交评价" not in thanks
    client.post(query, {"action": "rate", "number": letter.number, "satisfaction": "dissatisfied"})
    letter.refresh_from_db()
    assert (letter.satisfaction, letter.satisfaction_comment) == ("basically", "基本解决")  # once per round

    # Without having given the code in this browser, nobody can rate it.
    from django.test import Client

    stranger = Client()
    stranger.post(query, {"action": "rate", "number": letter.number, "satisfaction": "dissatisfied"})
    assert letter.events.filter(action="rate").count() == 1


@pytest.mark.django_db
def test_public_forms_need_the_csrf_token(world):
    from django.test import Client

    channel, _staff = world
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(channel.url + "write/", {"subject": "测试跨站请求伪造"}).status_code == 403
    assert strict.post(channel.url + "query/", {"number": "X", "code": "Y"}).status_code == 403
