"""A reader follows a live interview: new broadcast entries appear without reloading the page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from govsite.columns.models import ColumnPage
from govsite.interaction.interviews.models import InterviewGuest, InterviewPage, LiveEntry, Question

pytestmark = pytest.mark.browser


@pytest.fixture
def live_interview(home) -> InterviewPage:
    column = home.add_child(instance=ColumnPage(title="在线访谈", kind="interaction"))
    start = timezone.now() - datetime.timedelta(minutes=5)
    page = InterviewPage(title="稳岗扩就业 服务暖民心", starts_at=start, ends_at=start + datetime.timedelta(hours=1),
                         host="周晓燕")  # fmt: skip
    page.guests = [InterviewGuest(name="陈立新", title="局长", organ="西地省人力资源和社会保障厅")]
    column.add_child(instance=page)
    LiveEntry.objects.create(interview=page, role="host", speaker_name="周晓燕", text="各位网友大家好！")
    return page


def test_new_entries_appear_without_reloading(live_server, page, live_interview, settings):
    settings.GOVSITE_INTERVIEW_POLL_SECONDS = 1
    settings.GOVSITE_INTERVIEW_CACHE_SECONDS = 0
    page.goto(live_server.url + live_interview.url)
    feed = page.locator("[data-live-feed] .live-entry")
    assert feed.count() == 1 and "各位网友大家好！" in feed.first.inner_text()
    assert "自动更新" in page.locator("[data-live-note]").inner_text()
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    question = Question.objects.create(interview=live_interview, nickname="王小明", phone="13800138000",
                                       text="灵活就业人员缴纳社保有补贴吗？", status="approved")  # fmt: skip
    LiveEntry.objects.create(interview=live_interview, role="guest", speaker_name="陈立新", speaker_title="局长",
                             text="有的，就业困难人员灵活就业可申请社保补贴。", question=question)  # fmt: skip
    LiveEntry.objects.create(interview=live_interview, role="host", speaker_name="周晓燕", text="撤回的内容",
                             is_published=False)  # fmt: skip

    answer = page.locator(".live-entry", has_text="有的，就业困难人员灵活就业可申请社保补贴。")
    answer.wait_for(timeout=10_000)
    assert "网友“王**”问：" in answer.inner_text() and "王小明" not in page.content()
    assert page.evaluate("window.__sameDocument") is True
    assert feed.count() == 2 and "撤回的内容" not in page.content()

    InterviewPage.objects.filter(pk=live_interview.pk).update(phase="finished")
    page.locator('[data-interview-state="archived"]').wait_for(timeout=10_000)
    assert "访谈已结束" in page.locator("[data-live-note]").inner_text()
