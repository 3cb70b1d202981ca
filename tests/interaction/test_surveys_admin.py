"""The 网上调查 staff screens and editor: least privilege per site, results, masked export, locked questions."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from govsite.columns.models import ColumnPage
from govsite.content.models import HomePage
from govsite.interaction.surveys.models import Answer, Response, SurveyPage
from interaction.consultations_factories import beijing, make_survey, site_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(make_column):
    return make_survey(make_column("网上调查", kind="interaction"), title="本站的调查")


@pytest.fixture
def foreign(home):
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="云川市人民政府", slug="yunchuan")
    )
    Site.objects.create(hostname="yunchuan.localhost", root_page=other_home, site_name="云川市人民政府")
    column = other_home.add_child(instance=ColumnPage(title="互动交流", kind="interaction"))
    return make_survey(column, title="别站的调查")


@pytest.fixture
def staff_client(client, django_user_model, home):
    client.force_login(site_editor(django_user_model, home))
    return client


def add_response(survey: SurveyPage, single: int, multiple: list[int], text: str = "") -> Response:
    one, many, free = survey.question_list()
    response = Response.objects.create(survey=survey, ticket_digest=f"{Response.objects.count():064d}",
                                       submitted_at=beijing(2026, 11, 5, 10))  # fmt: skip
    rows = [Answer(response=response, survey=survey, question=one.id, option=single)]
    rows += [Answer(response=response, survey=survey, question=many.id, option=o) for o in multiple]
    if text:
        rows.append(Answer(response=response, survey=survey, question=free.id, text=text))
    Answer.objects.bulk_create(rows)
    return response


def test_staff_see_only_their_sites_surveys(staff_client, own, foreign):
    html = staff_client.get(reverse("surveys_admin:index")).content.decode()
    assert "本站的调查" in html and "别站的调查" not in html
    for name in ("results", "export"):
        assert staff_client.get(reverse(f"surveys_admin:{name}", args=[foreign.pk])).status_code == 404
        assert staff_client.get(reverse(f"surveys_admin:{name}", args=[own.pk])).status_code == 200


def test_the_site_filter_offers_only_the_users_sites(staff_client, admin_client, own, foreign):
    foreign_site = Site.objects.get(hostname="yunchuan.localhost")
    html = staff_client.get(reverse("surveys_admin:index"), {"site": foreign_site.pk}).content.decode()
    assert "本站的调查" in html and "别站的调查" not in html and "云川市人民政府" not in html
    html = admin_client.get(reverse("surveys_admin:index"), {"site": foreign_site.pk}).content.decode()
    assert "别站的调查" in html and "本站的调查" not in html
    assert f'<option value="{foreign_site.pk}" selected>' in html


def test_staff_without_a_site_are_sent_away(client, django_user_model, own):
    client.force_login(django_user_model.objects.create_user("nobody"))
    assert client.get(reverse("surveys_admin:index")).status_code == 302
    assert client.get(reverse("surveys_admin:results", args=[own.pk])).status_code == 302


def test_staff_read_results_and_free_text(staff_client, own):
    add_response(own, 0, [0, 1], text="建议周末开放")
    add_response(own, 2, [3])
    html = staff_client.get(reverse("surveys_admin:results", args=[own.pk])).content.decode()
    assert "共 2 份答卷" in html and html.count('class="survey-bar"') == 7 and "建议周末开放" in html


def test_export_has_one_row_per_questionnaire_with_text_masked(staff_client, own):
    add_response(own, 1, [0, 2], text="我叫王小明，电话13912345678，希望延长办理时间")
    add_response(own, 0, [3])
    response = staff_client.get(reverse("surveys_admin:export", args=[own.pk]))
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["答卷"].values)
    assert rows[0] == (
        "序号",
        "提交时间",
        "1. 您对政务服务的总体评价",
        "2. 您办理过哪些事项",
        "3. 其他意见建议",
    )
    assert rows[1][2:] == ("基本满意", "社保；公积金", "我叫王**，电话139****5678，希望延长办理时间")
    assert rows[2][2:] == ("满意", "其他", None)
    summary = [row for row in book["统计"].values if row and row[0] == "满意"]
    assert summary == [("满意", 1, "50.0%")]


# -- the page editor: questions are locked once people have answered ---------------------------------


def stream_data(survey: SurveyPage, *, reword: str | None = None, drop_last_option: bool = False) -> dict:
    data = {
        "title": survey.title, "slug": survey.slug, "organ": survey.organ,
        "start_at": timezone.localtime(survey.start_at).strftime("%Y-%m-%d %H:%M"),
        "end_at": timezone.localtime(survey.end_at).strftime("%Y-%m-%d %H:%M"),
        "intro": '{"blocks": [], "entityMap": {}}', "action-publish": "action-publish",
        "questions-count": str(len(survey.questions)),
    }  # fmt: skip
    for index, child in enumerate(survey.questions):
        prefix = f"questions-{index}"
        value = child.value
        data.update({f"{prefix}-type": child.block_type, f"{prefix}-id": child.id, f"{prefix}-deleted": "",
                     f"{prefix}-order": str(index),
                     f"{prefix}-value-question": reword if reword and index == 0 else value["question"]})  # fmt: skip
        if value["required"]:
            data[f"{prefix}-value-required"] = "on"
        if child.block_type == "text":
            data[f"{prefix}-value-max_length"] = str(value["max_length"])
            continue
        options = list(value["options"].bound_blocks)
        if drop_last_option and index == 1:
            options = options[:-1]
        data[f"{prefix}-value-options-count"] = str(len(options))
        for position, option in enumerate(options):
            data.update({f"{prefix}-value-options-{position}-value": option.value,
                         f"{prefix}-value-options-{position}-id": option.id,
                         f"{prefix}-value-options-{position}-deleted": "",
                         f"{prefix}-value-options-{position}-order": str(position)})  # fmt: skip
        if child.block_type == "multiple":
            data[f"{prefix}-value-max_choices"] = str(value.get("max_choices") or "")
    return data


def test_questions_are_locked_once_answered_but_may_be_reworded(staff_client, own):
    url = reverse("wagtailadmin_pages:edit", args=[own.pk])
    response = staff_client.post(url, stream_data(own, drop_last_option=True))
    assert response.status_code == 302  # no answers yet: any change
    own = SurveyPage.objects.get(pk=own.pk)
    assert len(own.question_list()[1].options) == 3

    add_response(own, 0, [0])
    response = staff_client.post(url, stream_data(own, drop_last_option=True))
    assert "本调查已有 1 份答卷" in str(response.context["form"].errors["questions"])
    assert len(SurveyPage.objects.get(pk=own.pk).question_list()[1].options) == 3

    assert staff_client.post(url, stream_data(own, reword="您对本市政务服务的总体评价")).status_code == 302
    assert SurveyPage.objects.get(pk=own.pk).question_list()[0].text == "您对本市政务服务的总体评价"


def test_option_labels_must_differ(staff_client, own):
    data = stream_data(own)
    data["questions-0-value-options-1-value"] = data["questions-0-value-options-0-value"]
    response = staff_client.post(reverse("wagtailadmin_pages:edit", args=[own.pk]), data)
    error = response.context["form"].errors["questions"].as_data()[0]
    assert "选项不能重复" in str(error.block_errors[0].block_errors["options"])
