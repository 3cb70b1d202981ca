"""Letters (留言) on listing and detail pages, built from real letters of a provincial message board,
and the channels that take them."""

import datetime
import html as html_lib
import json
from collections.abc import Callable

import pytest

import shared_data
from govsite.indicators.inspection import ChannelKind
from govsite.supervision.extract.dates import parse_date
from govsite.supervision.extract.letters import (
    IMAGE_ONLY_MAILBOX,
    LetterStatus,
    classify_channel,
    find_channels,
    find_letter_rows,
    find_letters,
    letter_detail,
)

REALDATA = shared_data.REALDATA
LETTERS = REALDATA / "letters_tipdm2020" / "messages_with_replies.jsonl"
NFRA = REALDATA / "gov_pages" / "nfra_rendered"
TODAY = datetime.date(2020, 6, 30)
BOARD = "http://wz.xd.gov.cn/hdjl/"


@pytest.fixture(scope="module")
def letters() -> list[dict]:
    if not LETTERS.is_file():
        pytest.skip(f"real test data not found at {LETTERS}")
    rows = [json.loads(line) for line in LETTERS.read_text().splitlines()]
    # Every 20th letter across 2011–2020, plus the two written differently: an ISO message time
    # (id 2759) and a reply time without a time of day (id 27610).
    return [*rows[::20], rows[5], rows[1139]]


def _e(text: str) -> str:
    return html_lib.escape(text)


def _table(rows: list[dict]) -> str:
    body = "".join(
        f'<tr><td>{i + 1}</td><td><a href="/hdjl/{r["id"]}.html" title="{_e(r["subject"])}">{_e(r["subject"])}</a></td>'
        f"<td>{r['message_time']}</td><td>{r['reply_time']}</td><td>已回复</td></tr>"
        for i, r in enumerate(rows)
    )
    head = "<tr><th>序号</th><th>信件标题</th><th>来信时间</th><th>答复时间</th><th>办理状态</th></tr>"
    return f'<table class="xjxd"><thead>{head}</thead><tbody>{body}</tbody></table>'


def _list(rows: list[dict]) -> str:
    body = "".join(
        f'<li><a href="/hdjl/{r["id"]}.html">{_e(r["subject"])}</a><span class="time">留言时间：{r["message_time"]}</span>'
        f"<span>回复时间：{r['reply_time']}</span><em>已办结</em></li>"
        for r in rows
    )
    return f'<div class="hd"><h3>留言选登</h3></div><ul class="lylist">{body}</ul>'


def _blocks(rows: list[dict]) -> str:
    body = "".join(
        f'<div class="letter"><h4>{_e(r["subject"])}</h4><p>网友：{r["user"]}</p><p>提问时间：{r["message_time"]}</p>'
        f'<div class="reply"><p>{_e(r["reply"][:80])}</p><p>答复时间：{r["reply_time"]}</p></div></div>'
        for r in rows
    )
    return f'<div class="letters">{body}</div>'


def _grid(rows: list[dict]) -> str:
    head = '<li class="head"><span>标题</span><span>来信时间</span><span>回复时间</span></li>'
    body = "".join(
        f'<li><a href="/hdjl/{r["id"]}.html">{_e(r["subject"])}</a><span>{r["message_time"]}</span>'
        f"<span>{r['reply_time']}</span></li>"
        for r in rows
    )
    return f'<ul class="grid">{head}{body}</ul>'


@pytest.mark.parametrize("layout", [_table, _list, _blocks, _grid])
def test_every_asked_and_answered_date_is_read_back(
    letters: list[dict], layout: Callable[[list[dict]], str]
) -> None:
    page = f"<html><body><h2>来信公开</h2>{layout(letters)}</body></html>"
    rows = find_letter_rows(page, BOARD, today=TODAY)
    assert [row.title for row in rows] == [
        " ".join(r["subject"].split()) for r in letters
    ]  # some end in &nbsp;
    assert [(row.asked, row.answered) for row in rows] == [
        (parse_date(r["message_time"], today=TODAY), parse_date(r["reply_time"], today=TODAY))
        for r in letters
    ]
    assert all(row.status is LetterStatus.ANSWERED for row in rows)  # stated, or implied by a reply date
    assert all(row.asked is not None and row.answered is not None for row in rows)


def test_unanswered_and_pending_rows(letters: list[dict]) -> None:
    first, second = letters[:2]
    page = (
        "<table><tr><th>标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>"
        f'<tr><td><a href="/a">{_e(first["subject"])}</a></td><td>{first["message_time"]}</td><td></td><td>办理中</td></tr>'
        f'<tr><td><a href="/b">{_e(second["subject"])}</a></td><td>{second["message_time"]}</td><td>-</td><td>已办结</td></tr>'
        "</table>"
    )
    pending, done = find_letter_rows(page, BOARD, today=TODAY)
    assert (pending.status, pending.answered, pending.needs_detail) == (LetterStatus.PENDING, None, False)
    assert (done.status, done.answered, done.needs_detail) == (LetterStatus.ANSWERED, None, True)
    evidence = find_letters(page, BOARD, today=TODAY, channel="市长信箱")
    assert evidence[0].channel == "市长信箱" and evidence[0].channel_kind is ChannelKind.CONSULTATION
    assert evidence[0].url == "http://wz.xd.gov.cn/a"


def test_nfra_leave_a_message_list() -> None:
    truth_path = NFRA / "ground_truth.json"
    if not truth_path.is_file():
        pytest.skip(f"real test data not found at {truth_path}")
    page = "nfra_article_jinfajuezi_2024_36.rendered.html"
    truth = json.loads(truth_path.read_text())[page]["in_page_lists"]["nav_liuyanxuandeng_list"]
    found = find_letters(
        (NFRA / page).read_text(), "https://www.nfra.gov.cn/", today=datetime.date(2025, 7, 3)
    )
    assert [(letter.title, letter.asked) for letter in found] == [
        (item["title"], datetime.date.fromisoformat(item["date"])) for item in truth
    ]
    assert all(letter.answered is None for letter in found)  # the list shows no reply date


# --- detail pages ----------------------------------------------------------------------------------


def test_detail_page_with_reply(letters: list[dict]) -> None:
    letter = letters[0]
    page = f"""<html><body><h1>{_e(letter["subject"])}</h1><table>
    <tr><th>来信人</th><td>{letter["user"]}</td><th>来信时间</th><td>{letter["message_time"]}</td></tr>
    <tr><th>来信内容</th><td colspan="3">{_e(letter["message_detail"])}</td></tr>
    <tr><th>回复内容</th><td colspan="3">{_e(letter["reply"])}</td></tr>
    <tr><th>回复时间</th><td>{letter["reply_time"]}</td><th>回复单位</th><td>市住建局</td></tr></table></body></html>"""
    detail = letter_detail(page, "http://wz.xd.gov.cn/hdjl/2549.html", today=TODAY)
    assert detail.title == letter["subject"]
    assert detail.asked == datetime.date(2019, 4, 25) and detail.answered == datetime.date(2019, 5, 10)
    assert detail.reply_text.startswith(" ".join(letter["reply"].split())[:20])
    assert detail.evidence("市长信箱").answered == datetime.date(2019, 5, 10)


def test_detail_page_with_an_empty_reply_block_is_unanswered() -> None:
    page = """<html><body><div class="q"><p>标题：小区门口路灯长期不亮</p><p>留言时间：2020-03-02 10:11:12</p></div>
    <div class="a"><p>回复内容：</p><p></p><p>回复时间：2020-03-09</p></div></body></html>"""
    detail = letter_detail(page, "http://wz.xd.gov.cn/hdjl/1.html", today=TODAY)
    assert detail.title == "小区门口路灯长期不亮"
    assert detail.asked == datetime.date(2020, 3, 2)
    assert detail.reply_date_shown == datetime.date(2020, 3, 9)
    assert detail.answered is None


def test_detail_page_with_the_reply_date_at_the_end_of_the_reply() -> None:
    page = """<html><body><h2>关于公交线路调整的建议</h2><p>提问时间：2019年7月1日</p>
    <h3>答复意见</h3><p>您好！您反映的问题已转交市交通运输局研究办理。</p><p>西地市交通运输局 2019年7月8日</p></body></html>"""
    detail = letter_detail(page, "http://wz.xd.gov.cn/hdjl/2.html", today=TODAY)
    assert (detail.asked, detail.answered) == (datetime.date(2019, 7, 1), datetime.date(2019, 7, 8))


# --- channels --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("市长信箱", ChannelKind.CONSULTATION),
        ("领导信箱", ChannelKind.CONSULTATION),
        ("我要咨询", ChannelKind.CONSULTATION),
        ("政务咨询", ChannelKind.CONSULTATION),
        ("建言献策", ChannelKind.CONSULTATION),
        ("投诉举报", ChannelKind.COMPLAINT),
        ("网上信访", ChannelKind.PETITION),
        ("信访投诉", ChannelKind.PETITION),
        ("纪委监委举报", ChannelKind.DISCIPLINE),
        ("纪检监察信箱", ChannelKind.DISCIPLINE),
        ("在线访谈", ChannelKind.INTERVIEW),
        ("网上调查", ChannelKind.SURVEY),
        ("意见征集", ChannelKind.SURVEY),
    ],
)
def test_classify_channel(name: str, kind: ChannelKind) -> None:
    assert classify_channel(name) is kind


def test_find_channels_and_the_image_only_mailbox() -> None:
    page = """<html><body>
    <a href="/hdjl/szxx/">市长信箱</a><a href="/hdjl/ts/"><img src="/img/ts.png" alt="投诉举报"></a>
    <a href="javascript:void(0)">在线访谈</a>
    <div class="icon"><img src="/images/ldxx.png" alt="领导信箱"></div>
    <img src="/images/email.gif">
    <a href="/zcjd/1.html">关于印发《西地市信访工作办法》的通知的政策解读</a>
    <a href="/a"><img src="/images/mail.png"></a>
    </body></html>"""
    channels = {(c.name, c.url): c for c in find_channels(page, SITE)}
    assert channels[("市长信箱", "http://www.xd.gov.cn/hdjl/szxx/")].works
    assert channels[("投诉举报", "http://www.xd.gov.cn/hdjl/ts/")].kind is ChannelKind.COMPLAINT
    assert not channels[("在线访谈", "")].works
    leader = channels[("领导信箱", "")]
    assert (leader.works, leader.problem) == (False, IMAGE_ONLY_MAILBOX)
    assert channels[("信箱", "")].problem == IMAGE_ONLY_MAILBOX  # an unnamed envelope icon
    assert len(channels) == 5  # the long document title is no channel; the linked mail icon is fine


SITE = "http://www.xd.gov.cn/"
