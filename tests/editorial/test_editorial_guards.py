"""A policy document goes public only through its workflow, whoever asks and by whichever admin path."""

import datetime

from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from editorial.editorial_support import approve_all, article_form, draft, fresh, policy_form, submit
from govsite.content.models import PolicyDocumentPage
from govsite.editorial.models import PublicationRecord


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_reviewer_with_publish_permission_cannot_publish_a_policy_document_directly(cluster, client):
    reviewer = cluster.user("a-reviewer")
    page = draft(
        cluster.policy_a,
        cluster.user("a-contributor"),
        title="关于印发实施方案的通知",
        cls=PolicyDocumentPage,
    )
    assert fresh(page).permissions_for_user(reviewer).can_publish()
    client.force_login(reviewer)
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form(page, title="关于印发实施方案的通知（修订）", **{"action-publish": "1"}),
    )
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert any("不能直接发布" in message for message in messages_of(response))
    page = fresh(page)
    assert not page.live and page.first_published_at is None
    assert page.get_latest_revision().as_object().title == "关于印发实施方案的通知（修订）"  # kept as a draft
    assert not PublicationRecord.objects.filter(page=page).exists()


def test_superuser_cannot_either_and_a_live_document_keeps_its_published_version(cluster, client):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.policy_a, contributor, title="关于印发实施方案的通知", cls=PolicyDocumentPage)
    submit(page, contributor)
    approve_all(page, cluster.user("a-reviewer"))
    live_revision = fresh(page).live_revision_id
    client.force_login(cluster.user("root"))
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        policy_form(fresh(page), title="未经审核的修改", **{"action-publish": "1"}),
    )
    page = fresh(page)
    assert page.live and page.title == "关于印发实施方案的通知" and page.live_revision_id == live_revision


def test_a_new_policy_document_created_with_publish_stays_a_draft(cluster, client):
    client.force_login(cluster.user("root"))
    data = nested_form_data({
        "title": "关于加强安全生产工作的意见", "slug": "", "issuer": "西地省人民政府", "doc_no": "西政发〔2026〕3号",
        "written_date": "2026-11-18", "date": "2026-11-20", "validity": "valid", "subject": "", "keywords": "",
        "source": "", "author": "", "body": rich_text("<p>正文</p>"), "attachments": inline_formset([]),
        "correction_text": "", "action-publish": "publish",
    })  # fmt: skip
    response = client.post(f"/admin/pages/add/content/policydocumentpage/{cluster.policy_a.pk}/", data)
    page = PolicyDocumentPage.objects.get(title="关于加强安全生产工作的意见")
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.first_published_at is None and page.has_unpublished_changes
    assert not PolicyDocumentPage.objects.live().exists()


def test_publish_button_is_offered_for_articles_but_not_for_policy_documents(cluster, client):
    client.force_login(cluster.user("a-site_admin"))
    policy = draft(
        cluster.policy_a,
        cluster.user("a-contributor"),
        title="关于印发实施方案的通知",
        cls=PolicyDocumentPage,
    )
    article = draft(cluster.news_a, cluster.user("a-contributor"))
    assert 'name="action-publish"' not in client.get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert 'name="action-publish"' in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    creating = client.get(
        f"/admin/pages/add/content/policydocumentpage/{cluster.policy_a.pk}/"
    ).content.decode()
    assert 'name="action-publish"' not in creating and 'name="action-submit"' in creating


def test_articles_may_still_be_published_directly_by_a_reviewer(cluster, client):
    page = draft(cluster.news_a, cluster.user("a-contributor"))
    client.force_login(cluster.user("a-reviewer"))
    client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, **{"action-publish": "1"}))
    assert fresh(page).live


def test_bulk_publish_of_policy_documents_is_refused(cluster, client):
    policy = draft(
        cluster.policy_a,
        cluster.user("a-contributor"),
        title="关于印发实施方案的通知",
        cls=PolicyDocumentPage,
    )
    client.force_login(cluster.user("root"))
    url = f"/admin/bulk/wagtailcore/page/publish/?id={policy.pk}&next=/admin/pages/{cluster.policy_a.pk}/"
    response = client.post(url, {"include_descendants": ""})
    assert response.status_code == 302
    assert not fresh(policy).live
    # Publishing the column with its drafts would publish the document too.
    url = f"/admin/bulk/wagtailcore/page/publish/?id={cluster.policy_a.pk}&next=/admin/"
    client.post(url, {"include_descendants": "on"})
    assert not fresh(policy).live
    article = draft(cluster.news_a, cluster.user("a-contributor"))  # the same request works for an article
    client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={article.pk}&next=/admin/", {"include_descendants": ""}
    )
    assert fresh(article).live


def test_copying_with_published_copies_is_refused_for_policy_documents(cluster, client):
    contributor = cluster.user("a-contributor")
    policy = draft(cluster.policy_a, contributor, title="关于印发实施方案的通知", cls=PolicyDocumentPage)
    submit(policy, contributor)
    approve_all(policy, cluster.user("a-reviewer"))
    client.force_login(cluster.user("root"))
    data = {"new_title": "关于印发实施方案的通知（副本）", "new_slug": "copy-1", "new_parent_page": cluster.policy_a.pk,
            "publish_copies": "on"}  # fmt: skip
    response = client.post(f"/admin/pages/{policy.pk}/copy/", data)
    assert response.status_code == 302 and any("发布副本" in message for message in messages_of(response))
    assert not PolicyDocumentPage.objects.filter(title="关于印发实施方案的通知（副本）").exists()


def test_a_policy_document_goes_public_through_the_workflow(cluster):
    contributor = cluster.user("a-contributor")
    page = draft(cluster.policy_a, contributor, title="关于印发实施方案的通知", cls=PolicyDocumentPage,
                 date=datetime.date(2026, 11, 21))  # fmt: skip
    submit(page, contributor)
    approve_all(page, cluster.user("a-reviewer"))
    assert fresh(page).live
    assert PublicationRecord.objects.get(page=page).via_workflow
