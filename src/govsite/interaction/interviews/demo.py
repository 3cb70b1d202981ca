"""Demo interviews: each site's 互动交流 column gets a past interview (transcript, answered questions) and an
upcoming one (questions already coming in), with guests drawn from the place's leaders and departments."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone
from django.utils.html import escape

from govsite.demo import corpus
from govsite.demo.builder import DemoSite
from govsite.interaction.interviews.demo_topics import THEMES, Theme
from govsite.interaction.interviews.models import InterviewGuest, InterviewPage, LiveEntry, Question
from govsite.interaction.interviews.schedule import Phase

SESSION = datetime.timedelta(minutes=90)
NICKNAMES = (
    "热心市民",
    "{short}网友",
    "小陈同学",
    "宝妈一枚",
    "退休教师老周",
    "创业青年",
    "上班族小李",
    "{short}老张",
)
HEAD_TITLES = (("分局", "局长"), ("局", "局长"), ("厅", "厅长"), ("委员会", "主任"), ("中心", "主任"), ("处", "处长"),
               ("院", "院长"), ("室", "主任"))  # fmt: skip


def head_title(department: str, deputy: bool = False) -> str:
    title = next((title for suffix, title in HEAD_TITLES if department.endswith(suffix)), "负责人")
    return f"副{title}" if deputy and title != "负责人" else title


def populate_site(demo: DemoSite) -> None:
    place, rng, today = demo.place, demo.rng, demo.options.today
    themes = [theme for theme in THEMES if any(key in place.dept_keys for key in theme.depts)]
    past_theme, next_theme = rng.sample(themes, 2)
    upcoming = _interview(
        demo, next_theme, _session_start(rng, today + datetime.timedelta(days=rng.randint(4, 12)))
    )
    _questions(upcoming, next_theme, demo, rng, answered=False)
    past = _interview(
        demo, past_theme, _session_start(rng, today - datetime.timedelta(days=rng.randint(15, 45)))
    )
    InterviewPage.objects.filter(pk=past.pk).update(phase=Phase.FINISHED)  # staff closed it on time
    past.phase = Phase.FINISHED
    _transcript(past, past_theme, _questions(past, past_theme, demo, rng, answered=True), demo)


def _session_start(rng: random.Random, day: datetime.date) -> datetime.datetime:
    while day.weekday() >= 5:  # sessions are held on working days
        day += datetime.timedelta(days=1)
    hour, minute = rng.choice([(9, 30), (10, 0), (15, 0)])
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _fill(text: str, place: corpus.Place, department: str) -> str:
    return text.format(place=place.name, short=place.short, dept=department, scope=place.scope)


def _interview(demo: DemoSite, theme: Theme, starts_at: datetime.datetime) -> InterviewPage:
    place, rng = demo.place, demo.rng
    key = next(key for key in theme.depts if key in place.dept_keys)
    department = place.departments[place.dept_keys.index(key)]
    leader_name, leader_title = rng.choice(place.leaders[1:] or place.leaders)
    page = InterviewPage(
        title=_fill(theme.title, place, department), starts_at=starts_at, ends_at=starts_at + SESSION,
        host=corpus.person_name(rng),
        summary=f"<p>{escape(_fill(theme.summary, place, department))}</p>",
    )  # fmt: skip
    page.guests = [
        InterviewGuest(name=leader_name, title=leader_title, organ=place.government, sort_order=0),
        InterviewGuest(name=corpus.person_name(rng), title=head_title(department), organ=department, sort_order=1),
        InterviewGuest(name=corpus.person_name(rng), title=head_title(department, deputy=True), organ=department,
                       sort_order=2),
    ]  # fmt: skip
    demo.interaction_column.add_child(instance=page)
    return page


def _questions(
    page: InterviewPage, theme: Theme, demo: DemoSite, rng: random.Random, answered: bool
) -> list[tuple[Question, str]]:
    """The public's questions: all of the theme's for a past session (with the answers to give), the first
    two approved and one pending for an upcoming one; and one off-topic question that was not taken up."""
    place = demo.place
    nicknames = [name.format(short=place.short) for name in NICKNAMES] + [corpus.person_name(rng)]
    rng.shuffle(nicknames)
    department = page.guests.all()[1].organ
    rows: list[tuple[Question, str]] = []
    asked = theme.qa if answered else theme.qa[:3]
    for index, (text, answer) in enumerate(asked):
        status = Question.Status.APPROVED if answered or index < 2 else Question.Status.PENDING
        submitted = page.starts_at - datetime.timedelta(days=rng.randint(0, 3), minutes=rng.randint(10, 600))
        question = Question(
            interview=page, nickname=nicknames[index % len(nicknames)], phone=f"1380000{rng.randint(1000, 9999)}",
            text=_fill(text, place, department), status=status, submitted_at=submitted,
            moderated_at=submitted + datetime.timedelta(hours=1) if status != Question.Status.PENDING else None,
        )  # fmt: skip
        rows.append((question, _fill(answer, place, department)))
    off_topic = Question(
        interview=page, nickname=nicknames[-1], phone=f"1380000{rng.randint(1000, 9999)}", text=theme.off_topic,
        status=Question.Status.REJECTED, submitted_at=page.starts_at - datetime.timedelta(hours=rng.randint(2, 30)),
    )  # fmt: skip
    Question.objects.bulk_create([question for question, _answer in rows] + [off_topic])
    return rows


def _transcript(
    page: InterviewPage, theme: Theme, answered: list[tuple[Question, str]], demo: DemoSite
) -> None:
    """The text broadcast in the order it was typed: opening, the guests' introductions, the questions
    answered in turn by the department's head and deputy, closing."""
    place, rng = demo.place, demo.rng
    leader, head, deputy = page.guests.all()

    def say(
        role: str, guest: InterviewGuest | None, text: str, question: Question | None = None
    ) -> LiveEntry:
        name, title = (guest.name, guest.title) if guest else (page.host, "主持人")
        return LiveEntry(interview=page, role=role, speaker_name=name, speaker_title=title, text=text,
                         question=question)  # fmt: skip

    entries = [
        say(LiveEntry.Role.HOST, None, f"各位网友大家好！欢迎来到{place.government}网站在线访谈。今天我们邀请到了"
            f"{leader.organ}{leader.title}{leader.name}、{head.organ}{head.title}{head.name}和{deputy.title}{deputy.name}，"
            f"围绕“{page.title}”与大家在线交流。"),
        say(LiveEntry.Role.GUEST, leader, f"各位网友大家好！很高兴通过政府网站与大家交流。{page.title.split('——')[0]}"
            "事关群众切身利益，欢迎大家多提意见建议，我们认真听取、积极回应。"),
        *(say(LiveEntry.Role.GUEST, head if index == 0 else deputy, _fill(text, place, head.organ))
          for index, text in enumerate(theme.statements)),
        say(LiveEntry.Role.HOST, None, "感谢介绍。访谈开始前，网友们已经提出了不少问题，下面我们请嘉宾逐一回答。"),
        *(say(LiveEntry.Role.GUEST, head if index % 2 == 0 else deputy, answer, question)
          for index, (question, answer) in enumerate(answered)),
        say(LiveEntry.Role.HOST, None, "今天的访谈就到这里。感谢各位嘉宾，也感谢网友们的关注和参与！没有来得及回答的问题，"
            "我们将转交相关部门在5个工作日内答复。"),
    ]  # fmt: skip
    step = SESSION / (len(entries) + 1)
    for index, entry in enumerate(entries):
        entry.posted_at = page.starts_at + step * index + datetime.timedelta(seconds=rng.randint(0, 50))
    LiveEntry.objects.bulk_create(entries)
