"""网上调查 as the public meets it: the period's edges, answering once, validation, results and chart."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from govsite.interaction.surveys import views
from govsite.interaction.surveys.charts import TRACK, bar_chart
from govsite.interaction.surveys.models import Answer, Response, SurveyState
from govsite.interaction.surveys.results import OptionResult, survey_results
from interaction.consultations_factories import ONE_MICROSECOND, beijing, make_survey

pytestmark = pytest.mark.django_db

START, END = beijing(2026, 11, 1, 9), beijing(2026, 11, 30, 18)
INSIDE = beijing(2026, 11, 20, 10)
_TICKET = re.compile(r'name="ticket" value="([^"]+)"')


@pytest.fixture
def survey(make_column):
    return make_survey(make_column("网上调查", kind="interaction"), start_at=START, end_at=END)


@pytest.fixture
def at(monkeypatch):
    def stand_at(moment: datetime.datetime) -> None:
        monkeypatch.setattr(views, "clock", lambda: moment)

    return stand_at


def questions(survey):
    single, multiple, text = survey.question_list()
    return single, multiple, text


def answers_for(client: Client, survey, solve_captcha, **answers) -> dict:
    html = client.get(survey.url).content.decode()
    single, multiple, text = questions(survey)
    data = {single.field_name: "0", multiple.field_name: ["0", "2"], text.field_name: "希望延长办理时间",
            "ticket": _TICKET.search(html).group(1), **solve_captcha(html)}  # fmt: skip
    data.update(answers)
    return data


def submit(client: Client, survey, data):
    return client.post(survey.url + "submit/", data)


def test_state_at_the_edges_of_the_period(survey):
    assert survey.state(START - ONE_MICROSECOND) == SurveyState.UPCOMING
    assert survey.state(START) == SurveyState.OPEN
    assert survey.state(END) == SurveyState.OPEN
    assert survey.state(END + ONE_MICROSECOND) == SurveyState.CLOSED
    # 18:00 in Beijing is 10:00 UTC
    assert survey.state(datetime.datetime(2026, 11, 30, 10, 0, 1, tzinfo=datetime.UTC)) == SurveyState.CLOSED


def test_an_answer_is_stored_and_the_browser_is_remembered(client, survey, at, solve_captcha):
    at(INSIDE)
    response = submit(client, survey, answers_for(client, survey, solve_captcha))
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    stored = Response.objects.get()
    single, multiple, text = questions(survey)
    rows = sorted(stored.answers.values_list("question", "option", "text"))
    assert rows == sorted(
        [(single.id, 0, ""), (multiple.id, 0, ""), (multiple.id, 2, ""), (text.id, None, "希望延长办理时间")]
    )
    assert stored.submitted_at == INSIDE
    assert client.cookies[f"govsite_survey_{survey.pk}"]["httponly"]

    html = client.get(survey.url).content.decode()
    assert "您已参加过本次调查" in html and 'name="captcha_1"' not in html


def test_a_second_answer_from_the_same_browser_is_refused(client, survey, at, solve_captcha):
    at(INSIDE)
    first = answers_for(client, survey, solve_captcha)
    submit(client, survey, first)
    second = {**first, **solve_captcha(Client().get(survey.url).content.decode())}
    response = submit(client, survey, second)
    assert response.status_code == 409 and "您已参加过本次调查，每人只能提交一次" in response.content.decode()
    assert Response.objects.count() == 1


def test_the_same_questionnaire_sent_twice_is_taken_once(client, survey, at, solve_captcha):
    at(INSIDE)
    data = answers_for(client, survey, solve_captcha)
    submit(client, survey, data)
    other_browser = Client()  # no cookie: the ticket inside the form gives it away
    resent = {**data, **solve_captcha(other_browser.get(survey.url).content.decode())}
    response = submit(other_browser, survey, resent)
    assert response.status_code == 409 and Response.objects.count() == 1


def test_a_forged_ticket_is_refused_and_the_answers_kept(client, survey, at, solve_captcha):
    at(INSIDE)
    data = answers_for(client, survey, solve_captcha, ticket="forged")
    html = submit(client, survey, data).content.decode()
    assert "问卷已过期" in html and "希望延长办理时间" in html and not Response.objects.exists()
    assert 'name="ticket" value="forged"' not in html  # a fresh ticket to try again with
    retry = {**data, "ticket": _TICKET.search(html).group(1), **solve_captcha(html)}
    assert submit(client, survey, retry).status_code == 302


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"single": ""}, "请选择一项"),
        ({"single": "7"}, "所选选项无效"),
        ({"multiple": []}, "请至少选择一项"),
        ({"multiple": ["0", "1", "2"]}, "本题最多选择 2 项"),
        ({"text": "字" * 51}, "不能超过 50 字（当前 51 字）"),
        ({"captcha_1": "wrong"}, "验证码不正确或已过期"),
    ],
)
def test_validation_in_chinese_keeps_the_answers(client, survey, at, solve_captcha, answers, message):
    at(INSIDE)
    single, multiple, text = questions(survey)
    names = {"single": single.field_name, "multiple": multiple.field_name, "text": text.field_name}
    data = answers_for(client, survey, solve_captcha)
    data.update({names.get(key, key): value for key, value in answers.items()})
    html = submit(client, survey, data).content.decode()
    assert message in html and not Response.objects.exists()
    if "text" not in answers:
        assert "希望延长办理时间" in html
    if "single" not in answers:
        assert re.search(rf'name="{single.field_name}" value="0"[^>]*checked', html)


def test_limits_are_kept_at_their_boundary(client, survey, at, solve_captcha):
    at(INSIDE)
    _single, multiple, text = questions(survey)
    data = answers_for(
        client, survey, solve_captcha, **{multiple.field_name: ["1", "3"], text.field_name: "字" * 50}
    )
    assert submit(client, survey, data).status_code == 302


def test_optional_text_may_stay_empty(client, survey, at, solve_captcha):
    at(INSIDE)
    text = questions(survey)[2]
    assert (
        submit(
            client, survey, answers_for(client, survey, solve_captcha, **{text.field_name: ""})
        ).status_code
        == 302
    )
    assert not Answer.objects.filter(question=text.id).exists()


def test_address_rate_limit(client, survey, at, settings):
    settings.GOVSITE_RATE_LIMITS = {"ip": "2/h"}
    at(INSIDE)
    assert [submit(client, survey, {}).status_code for _ in range(3)] == [200, 200, 429]
    assert "提交过于频繁" in submit(client, survey, {}).content.decode()


def test_closed_and_upcoming_surveys_take_no_answers(client, survey, at, solve_captcha):
    at(INSIDE)
    data = answers_for(client, survey, solve_captcha)
    at(END + ONE_MICROSECOND)
    response = submit(client, survey, data)
    assert response.status_code == 403 and "本次调查已结束" in response.content.decode()
    at(START - ONE_MICROSECOND)
    response = submit(client, survey, data)
    assert response.status_code == 403 and "本次调查尚未开始" in response.content.decode()
    assert not Response.objects.exists()
    at(END)
    assert submit(client, survey, data).status_code == 302  # the closing instant still counts


# -- results -----------------------------------------------------------------------------------------


def answer(survey, single: int | None, multiple: list[int], text: str = "") -> None:
    one, many, free = questions(survey)
    response = Response.objects.create(survey=survey, ticket_digest=f"{Response.objects.count():064d}")
    rows = [Answer(response=response, survey=survey, question=many.id, option=o) for o in multiple]
    if single is not None:
        rows.append(Answer(response=response, survey=survey, question=one.id, option=single))
    if text:
        rows.append(Answer(response=response, survey=survey, question=free.id, text=text))
    Answer.objects.bulk_create(rows)


@pytest.fixture
def answered(survey):
    for single in (0, 0, 0, 0, 1, 1, 2):
        answer(survey, single, [0])
    answer(survey, None, [1, 3], text="我叫王小明，电话13912345678")  # skipped the first question
    return survey


def test_counts_and_percentages(answered):
    results = survey_results(answered)
    assert results.responses == 8
    first, second, third = results.questions
    assert first.answered == 7
    assert [(o.label, o.count, o.percent) for o in first.options] == [
        ("满意", 4, 57.1),
        ("基本满意", 2, 28.6),
        ("不满意", 1, 14.3),
    ]
    assert second.answered == 8  # percentages of a multiple-choice question add up to more than 100
    assert [(o.count, o.percent) for o in second.options] == [(7, 87.5), (1, 12.5), (0, 0.0), (1, 12.5)]
    assert third.answered == 1 and third.options == ()


def test_the_chart_draws_bars_in_proportion():
    options = [
        OptionResult("满意", 4, 57.1),
        OptionResult("不<满意>", 1, 14.3),
        OptionResult("无所谓", 0, 0.0),
    ]
    svg = bar_chart(options, "总体评价")
    assert svg.startswith("<svg") and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    widths = [float(w) for w in re.findall(r'class="survey-bar"[^>]*width="([\d.]+)"', svg)]
    assert widths == [pytest.approx(TRACK * 0.571), pytest.approx(TRACK * 0.143), 0.0]
    assert widths[0] / widths[1] == pytest.approx(57.1 / 14.3)
    assert "不&lt;满意&gt;" in svg and "<满意>" not in svg
    assert "4 票（57.1%）" in svg


def test_results_wait_for_the_close_unless_shown_while_open(client, answered, at):
    at(INSIDE)
    response = client.get(answered.url + "results/")
    assert response.status_code == 403 and "本调查结束后公布结果" in response.content.decode()
    assert "survey-chart" not in client.get(answered.url).content.decode()

    at(END + ONE_MICROSECOND)
    html = client.get(answered.url + "results/").content.decode()
    assert "共收到有效答卷 <strong>8</strong> 份" in html and html.count('class="survey-bar"') == 7
    assert "57.1%" in html

    answered.results_while_open = True
    answered.save_revision().publish()
    at(INSIDE)
    assert client.get(answered.url + "results/").status_code == 200
    assert "survey-chart" in client.get(answered.url).content.decode()


def test_free_text_is_never_published(client, answered, at):
    at(END + ONE_MICROSECOND)
    for url in (answered.url, answered.url + "results/"):
        html = client.get(url).content.decode()
        assert "王小明" not in html and "13912345678" not in html and "答题内容不公开" in html
