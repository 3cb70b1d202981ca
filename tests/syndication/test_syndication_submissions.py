"""信息报送: a city item sent up to the province, accepted into a column or returned with a reason."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from govsite.columns.models import ColumnPage
from govsite.content.models import ArticlePage
from govsite.syndication import submissions
from govsite.syndication.models import Submission, SubmissionState
from syndication.conftest import editor_of, publish_article


@pytest.fixture
def setup(cluster):
    city_news = cluster.city.add_child(instance=ColumnPage(title="工作动态", kind="news"))
    province_news = cluster.province.add_child(instance=ColumnPage(title="市县动态", kind="news"))
    item = publish_article(city_news, "云川市召开优化营商环境推进会", author="李明")
    city_editor = editor_of(cluster.city, "city-editor", email="city-editor@example.cn")
    province_editor = editor_of(cluster.province, "province-editor")
    return cluster, item, province_news, city_editor, province_editor


@pytest.mark.django_db
def test_submitted_item_accepted_into_a_chosen_column_with_the_sender_named(client, setup):
    cluster, item, province_news, city_editor, province_editor = setup
    client.force_login(city_editor)
    form = client.get(reverse("syndication_submissions:submit", args=[item.pk])).content.decode()
    assert "西地省人民政府门户网站" in form  # the parent site is the target
    response = client.post(reverse("syndication_submissions:submit", args=[item.pk]), {"note": "请审阅"})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.from_site, submission.to_site) == (cluster.city_site, cluster.province_site)
    with pytest.raises(ValidationError):  # sent once until decided
        submissions.submit(item, city_editor)

    client.force_login(province_editor)
    inbox = client.get(reverse("syndication_submissions:inbox")).content.decode()
    assert item.title in inbox
    detail = client.get(reverse("syndication_submissions:detail", args=[submission.pk])).content.decode()
    assert "市县动态" in detail and "工作动态" not in detail.split('id="accept"', 1)[1]  # only own columns
    response = client.post(
        reverse("syndication_submissions:action", args=[submission.pk, "accept"]),
        {"column": province_news.pk, "publish": "on"},
    )
    assert response.status_code == 302
    accepted = ArticlePage.objects.child_of(province_news).get()
    assert accepted.live and accepted.title == item.title and accepted.source == "云川市人民政府"
    assert accepted.author == "李明" and "的正文" in accepted.body
    submission.refresh_from_db()
    assert submission.state == SubmissionState.ACCEPTED and submission.published_page == accepted
    # The public page names the lower site as the source.
    page_html = client.get(accepted.url).content.decode()
    assert "来源：云川市人民政府" in page_html

    client.force_login(city_editor)
    sent = client.get(reverse("syndication_submissions:sent")).content.decode()
    assert "已采用" in sent and "市县动态" in sent
    assert mail.outbox[-1].to == ["city-editor@example.cn"] and "已采用" in mail.outbox[-1].subject


@pytest.mark.django_db
def test_returned_submission_tells_the_sender_why(client, setup):
    _cluster, item, province_news, city_editor, province_editor = setup
    submission = submissions.submit(item, city_editor, "")
    client.force_login(city_editor)  # the sender cannot decide on its own submission
    client.post(
        reverse("syndication_submissions:action", args=[submission.pk, "return"]), {"reason": "自己退"}
    )
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED

    client.force_login(province_editor)
    response = client.post(
        reverse("syndication_submissions:action", args=[submission.pk, "return"]), {"reason": ""}
    )
    assert response.status_code == 400
    client.post(
        reverse("syndication_submissions:action", args=[submission.pk, "return"]),
        {"reason": "内容与上周重复"},
    )
    submission.refresh_from_db()
    assert submission.state == SubmissionState.RETURNED and submission.reason == "内容与上周重复"
    assert not ArticlePage.objects.child_of(province_news).exists()
    client.post(  # a decided submission cannot be accepted afterwards
        reverse("syndication_submissions:action", args=[submission.pk, "accept"]),
        {"column": province_news.pk},
    )
    assert not ArticlePage.objects.child_of(province_news).exists()

    client.force_login(city_editor)
    sent = client.get(reverse("syndication_submissions:sent")).content.decode()
    assert "已退回" in sent and "内容与上周重复" in sent
    assert "内容与上周重复" in mail.outbox[-1].body
    submissions.submit(item, city_editor, "已修改")  # after a decision it may be sent again
    assert Submission.objects.filter(state=SubmissionState.SUBMITTED).count() == 1


@pytest.mark.django_db
def test_a_site_without_parent_cannot_submit_and_drafts_are_not_sent(setup):
    cluster, item, province_news, city_editor, province_editor = setup
    province_item = publish_article(province_news, "省政府常务会议")
    with pytest.raises(ValidationError):
        submissions.submit(province_item, province_editor)
    item.unpublish()
    item.refresh_from_db()
    with pytest.raises(ValidationError):
        submissions.submit(item, city_editor)
    assert submissions.upper_site(item) == cluster.province_site
