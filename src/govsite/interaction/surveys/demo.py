"""Demo content: per site, an open survey with a few hundred answers and a closed one with its results.

Answers are drawn from the app's own random stream with weights, so the charts look like real opinion
and are the same on every load.
"""

from __future__ import annotations

import datetime
import hashlib
import random

from django.utils import timezone

from govsite.interaction.surveys.models import Answer, Response, SurveyPage

SATISFACTION = ["非常满意", "满意", "基本满意", "不满意"]
SURVEYS = [
    {
        "title": "{place}政务服务满意度网上调查",
        "intro": "为进一步提升政务服务水平，现开展政务服务满意度网上调查，调查结果将作为改进工作的重要参考。调查不收集个人信息。",
        "questions": [
            ("single", "您对本地政务服务的总体评价", SATISFACTION, [38, 41, 15, 6]),
            (
                "multiple",
                "您近一年办理过哪些事项？",
                ["社保医保", "户籍证件", "不动产登记", "企业开办", "公积金", "教育入学", "其他"],
                [46, 38, 22, 12, 30, 18, 8],
            ),
            (
                "single",
                "您主要通过什么渠道办理政务服务？",
                ["政务服务大厅", "政务服务网", "手机App或小程序", "自助服务终端"],
                [30, 26, 36, 8],
            ),
            ("text", "您对改进政务服务还有哪些意见建议？", [], []),
        ],
        "max_choices": 3,
    },
    {
        "title": "{place}全民健身设施需求问卷调查",
        "intro": "为科学规划建设全民健身设施，广泛听取群众需求，特开展本次问卷调查。",
        "questions": [
            ("single", "您每周参加体育锻炼的次数", ["3次及以上", "1至2次", "不到1次"], [34, 45, 21]),
            (
                "multiple",
                "您希望在家门口增加哪些健身设施？",
                ["健身步道", "篮球场", "乒乓球台", "室内健身房", "儿童游乐设施"],
                [52, 28, 24, 31, 37],
            ),
            (
                "single",
                "您能接受的健身设施距离",
                ["步行10分钟以内", "步行15分钟以内", "骑行15分钟以内"],
                [57, 31, 12],
            ),
            ("text", "其他意见建议", [], []),
        ],
        "max_choices": None,
    },
]
SUGGESTIONS = [
    "希望周末也能开放办理，上班时间请假不方便。",
    "网上办理的材料要求写得再清楚一些，避免来回补交。",
    "窗口工作人员态度很好，效率也高，点赞。",
    "自助终端经常出故障，建议加强维护。",
    "建议手机上能查询办理进度，不用打电话问。",
    "我叫王小明，电话13912345678，办理不动产登记时排队太久，希望增加窗口。",
    "希望社区附近多建一些健身步道，晚上照明也要跟上。",
    "老年人不会用手机，希望保留线下办理渠道。",
]


def populate_site(demo_site) -> None:
    today, rng, place = demo_site.options.today, demo_site.rng, demo_site.place
    small = demo_site.options.scale == "small"
    plans = [
        (SURVEYS[0], -20, 35, True, 200 if small else 360),
        (SURVEYS[1], -75, 30, False, 120 if small else 240),
    ]
    for spec, opened, days, while_open, answers in plans:
        start = at(today + datetime.timedelta(days=opened), 9)
        end = at(today + datetime.timedelta(days=opened + days), 18)
        questions = []
        for kind, text, options, _weights in spec["questions"]:
            value = {"question": text, "required": kind != "text"}
            if kind == "text":
                value["max_length"] = 500
            else:
                value["options"] = options
            if kind == "multiple" and spec["max_choices"]:
                value["max_choices"] = spec["max_choices"]
            questions.append((kind, value))
        survey = SurveyPage(
            title=spec["title"].format(place=place.name), slug=f"dc{start:%Y%m%d}", organ=place.government, intro=f"<p>{spec['intro']}</p>",
            start_at=start, end_at=end, questions=questions, results_while_open=while_open,
            first_published_at=start, last_published_at=start,
        )  # fmt: skip
        demo_site.interaction_column.add_child(instance=survey)
        add_answers(
            survey, spec, answers, rng, until=min(end, at(today, 12)), seed=f"{demo_site.spec.key}:{opened}"
        )


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def add_answers(survey: SurveyPage, spec: dict, count: int, rng: random.Random, *, until, seed: str) -> None:
    span = max(1, int((until - survey.start_at).total_seconds()))
    moments = sorted(survey.start_at + datetime.timedelta(seconds=rng.randrange(span)) for _ in range(count))
    responses = Response.objects.bulk_create([
        Response(survey=survey, submitted_at=moment,
                 ticket_digest=hashlib.sha256(f"demo:{seed}:{index}".encode()).hexdigest())
        for index, moment in enumerate(moments)
    ])  # fmt: skip
    rows = []
    questions = survey.question_list()
    for response in responses:
        for question, (kind, _text, options, weights) in zip(questions, spec["questions"], strict=True):
            if kind == "single":
                chosen = rng.choices(range(len(options)), weights=weights)
            elif kind == "multiple":
                limit = question.max_choices or len(options)
                picks = {
                    rng.choices(range(len(options)), weights=weights)[0] for _ in range(rng.randint(1, limit))
                }
                chosen = sorted(picks)
            else:
                if rng.random() < 0.25:
                    rows.append(Answer(response=response, survey=survey, question=question.id,
                                       text=rng.choice(SUGGESTIONS)))  # fmt: skip
                continue
            rows += [Answer(response=response, survey=survey, question=question.id, option=o) for o in chosen]
    Answer.objects.bulk_create(rows, batch_size=1000)
